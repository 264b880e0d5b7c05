"""The keyring probe: which backend keyring picks, and whether engtui may trust it.

The backend is whatever the ``keyring`` package picks, so ``PYTHON_KEYRING_BACKEND`` and
keyring's own config file are honoured. :func:`load_backend` asks keyring afresh on every
call (``keyring.core.init_backend()``), so a backend chosen under an earlier environment is
never reused: tests and the app may change ``PYTHON_KEYRING_BACKEND`` between calls.

:func:`probe_keyring` does one real round trip (store, read back, delete a throwaway entry)
in a daemon thread and gives up after ``timeout`` seconds, so a keyring that hangs (a locked
collection over SSH, a dead D-Bus peer) never hangs the caller. It classifies the backend
as ``usable``, ``unusable`` or ``insecure`` (stores secrets in clear, such as
``keyrings.alt``'s ``PlaintextKeyring``). Every keyring call engtui makes runs under such a
bound (:func:`call_bounded`); the secrets themselves are in :mod:`engtui.profiles.secrets`.
"""

from __future__ import annotations

import contextlib
import enum
import importlib
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from engtui.profiles.dbus_session import NO_DBUS as _NO_DBUS
from engtui.profiles.dbus_session import dbus_problem as _dbus_problem

# keyring is imported where it is used, not here: importing it costs ~35-60 ms, and the
# TUI needs the secrets module before its first frame, long before any keyring call.
if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

SERVICE = "engtui"
BACKEND_ENV = "PYTHON_KEYRING_BACKEND"
DEFAULT_PROBE_TIMEOUT = 3.0
MASK = "****"
_PROBE_USER_PREFIX = ".probe-"  # not a valid profile name, so never clashes with one

T = TypeVar("T")


class SecretStoreError(Exception):
    """A keyring operation failed. The message never contains a secret."""


class KeyringUnavailable(SecretStoreError):
    """The keyring cannot be used (or may not be used): ``status`` says which and why."""

    def __init__(self, message: str, status: KeyringStatus | None = None) -> None:
        super().__init__(message)
        self.status = status


class KeyringKind(enum.StrEnum):
    """How far engtui trusts a keyring backend."""

    USABLE = "usable"
    UNUSABLE = "unusable"
    INSECURE = "insecure"


@dataclass(frozen=True)
class KeyringStatus:
    """The result of a keyring probe.

    ``backend_name`` is keyring's display name (``"SecretService Keyring"``),
    ``backend_class`` the dotted class path, ``reason`` a plain sentence, ``elapsed`` the
    probe's duration in seconds. ``backend`` is the probed backend instance (None when it
    could not be loaded), for :class:`SecretStore`.
    """

    backend_name: str
    backend_class: str
    kind: KeyringKind
    reason: str
    elapsed: float
    backend: KeyringBackend | None = field(default=None, repr=False, compare=False)

    @property
    def usable(self) -> bool:
        """True when secrets can safely be stored."""
        return self.kind is KeyringKind.USABLE

    @property
    def locked(self) -> bool:
        """True when the keyring works but is locked: its secrets are kept, once unlocked."""
        return self.reason == LOCKED

    def allows_storing(self, allow_insecure: bool = False) -> bool:
        """True when :class:`SecretStore` would accept this backend."""
        return self.usable or (allow_insecure and self.kind is KeyringKind.INSECURE)

    def describe(self) -> str:
        """One line: ``BACKEND: KIND (REASON)``."""
        return f"{self.backend_name}: {self.kind} ({self.reason})"


def load_backend() -> KeyringBackend:
    """The keyring backend chosen now (honours ``PYTHON_KEYRING_BACKEND``; never cached).

    May block (detection talks to D-Bus) and may raise (an unknown or unviable backend);
    :func:`probe_keyring` calls it inside its bounded thread.
    """
    import keyring
    import keyring.core

    keyring.core.init_backend()
    return keyring.get_keyring()


class _Call(Generic[T]):
    """Runs a function in a daemon thread; the caller waits at most a given time.

    A daemon thread (not a ``concurrent.futures`` pool, whose threads are joined at exit) so
    that a backend stuck forever cannot keep the process from exiting either.
    """

    def __init__(self, fn: Callable[[], T], name: str) -> None:
        self._fn = fn
        self._done = threading.Event()
        self._result: T | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> _Call[T]:
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            self._result = self._fn()
        except BaseException as exc:
            self._error = exc
        finally:
            self._done.set()

    def wait(self, timeout: float | None) -> bool:
        """True when the call finished within ``timeout`` seconds."""
        return self._done.wait(timeout)

    def result(self) -> T:
        """The return value (or raise the exception) of a finished call."""
        if self._error is not None:
            raise self._error
        return self._result  # type: ignore[return-value]


def call_bounded(fn: Callable[[], T], timeout: float, what: str) -> T:
    """``fn()`` in a daemon thread; :class:`KeyringUnavailable` after ``timeout`` seconds."""
    call = _Call(fn, f"engtui-keyring-{what}").start()
    if not call.wait(timeout):
        raise KeyringUnavailable(f"the keyring did not answer within {timeout:g} s ({what})")
    return call.result()


class KeyringProbe:
    """A keyring probe running in the background.

    ``KeyringProbe(timeout).start()`` returns at once; :meth:`wait` blocks until the probe
    is done or its ``timeout`` (counted from :meth:`start`) has passed, and then returns a
    :class:`KeyringStatus` either way. ``backend`` probes that backend instead of asking
    keyring which one to use.
    """

    def __init__(
        self, timeout: float = DEFAULT_PROBE_TIMEOUT, backend: KeyringBackend | None = None
    ) -> None:
        self.timeout = timeout
        self._backend = backend
        self._loaded: KeyringBackend | None = backend  # set by the thread once known
        self._call = _Call(self._probe, "engtui-keyring-probe")
        self._started = 0.0

    def start(self) -> KeyringProbe:
        """Start the probe thread."""
        self._started = time.monotonic()
        self._call.start()
        return self

    def wait(self) -> KeyringStatus:
        """The probe's status, at most ``timeout`` seconds after :meth:`start`."""
        remaining = self.timeout - (time.monotonic() - self._started)
        if self._call.wait(max(remaining, 0.0)):
            return self._call.result()
        backend = self._loaded
        name, cls = _names(backend) if backend is not None else _names_from_env()
        return KeyringStatus(
            name,
            cls,
            KeyringKind.UNUSABLE,
            f"probe timed out after {self.timeout:g} s (the keyring did not answer)",
            time.monotonic() - self._started,
            backend,
        )

    def _probe(self) -> KeyringStatus:
        backend = self._backend
        if backend is None:
            try:
                backend = load_backend()
            except Exception as exc:
                name, cls = _names_from_env()
                return self._status(name, cls, KeyringKind.UNUSABLE, _load_failure(exc), None)
            self._loaded = backend
        name, cls = _names(backend)
        kind, reason = _classify(backend)
        return self._status(name, cls, kind, reason, backend)

    def _status(
        self,
        name: str,
        cls: str,
        kind: KeyringKind,
        reason: str,
        backend: KeyringBackend | None,
    ) -> KeyringStatus:
        return KeyringStatus(name, cls, kind, reason, time.monotonic() - self._started, backend)


def probe_keyring(
    timeout: float = DEFAULT_PROBE_TIMEOUT, backend: KeyringBackend | None = None
) -> KeyringStatus:
    """Probe the keyring (one round trip) and classify it; returns within ``timeout`` s."""
    return KeyringProbe(timeout, backend).start().wait()


def _names(backend: KeyringBackend) -> tuple[str, str]:
    cls = type(backend)
    try:
        name = str(cls.name)
    except Exception:
        name = cls.__name__
    return name, f"{cls.__module__}.{cls.__qualname__}"


def _names_from_env() -> tuple[str, str]:
    """Names of the backend ``PYTHON_KEYRING_BACKEND`` asks for (when it could not load)."""
    chosen = os.environ.get(BACKEND_ENV)
    if not chosen:
        return "unknown", "unknown"
    module, _, attr = chosen.rpartition(".")
    try:
        return str(getattr(importlib.import_module(module), attr).name), chosen
    except Exception:
        return attr or chosen, chosen


def _dbus_missing() -> bool:
    return _dbus_problem() is not None


_DBUS_BACKENDS = ("SecretService", "kwallet", "libsecret")
LOCKED = "the keyring is locked (unlock it, e.g. by logging in)"


def _with_dbus_hint(reason: str) -> str:
    problem = _dbus_problem()
    return f"{problem}; {reason}" if problem else reason


def _needs_dbus(class_path: str) -> bool:
    return any(part in class_path for part in _DBUS_BACKENDS)


def _load_failure(exc: BaseException) -> str:
    chosen = os.environ.get(BACKEND_ENV)
    if chosen and _needs_dbus(chosen) and _dbus_missing():
        return _dbus_problem() or _NO_DBUS
    detail = describe_error(exc)
    if chosen:
        return f"{BACKEND_ENV}={chosen} cannot be used: {detail}"
    return _with_dbus_hint(f"keyring could not pick a backend: {detail}")


def _classify(backend: KeyringBackend) -> tuple[KeyringKind, str]:
    """Classify a loaded backend, doing the round trip when it might store."""
    static = _static_verdict(backend)
    if static is not None:
        return KeyringKind.UNUSABLE, static
    import secrets as _random

    user = f"{_PROBE_USER_PREFIX}{os.getpid()}-{_random.token_hex(4)}"
    value = _random.token_urlsafe(24)
    started = time.monotonic()
    try:
        backend.set_password(SERVICE, user, value)
        try:
            insecure = _insecure_reason(backend, value)
            read_back = backend.get_password(SERVICE, user)
        finally:
            _delete_quietly(backend, user)
    except keyring_errors().KeyringLocked:
        return KeyringKind.UNUSABLE, LOCKED
    except Exception as exc:
        return KeyringKind.UNUSABLE, _round_trip_failure(backend, exc)
    if read_back != value:
        return KeyringKind.UNUSABLE, "it accepted a test entry but did not give it back"
    if insecure:
        return KeyringKind.INSECURE, insecure
    took = time.monotonic() - started
    return KeyringKind.USABLE, f"stored and read back a test entry in {took:.2f} s"


def keyring_errors() -> Any:
    import keyring.errors

    return keyring.errors


def _static_verdict(backend: KeyringBackend) -> str | None:
    from keyring.backends import chainer, fail, null

    """Why a backend is unusable without trying it, or None to go and try."""
    explicit = os.environ.get(BACKEND_ENV)
    if isinstance(backend, fail.Keyring):
        if explicit:
            return f"{BACKEND_ENV} selects the fail backend, which stores nothing"
        return _with_dbus_hint("keyring found no backend that can store secrets")
    if isinstance(backend, null.Keyring):
        return "the null backend throws every secret away"
    if isinstance(backend, chainer.ChainerBackend) and not _chained(backend):
        return _with_dbus_hint("the chainer backend has no backend behind it")
    if type(backend).__module__ == "keyrings.alt.file" and "EncryptedKeyring" in _class_names(
        backend
    ):
        return "it asks for its own password on the terminal, which engtui cannot answer"
    return None


def _chained(backend: KeyringBackend) -> list[KeyringBackend]:
    try:
        return list(backend.backends)  # type: ignore[attr-defined]
    except Exception:
        return []


def _class_names(backend: KeyringBackend) -> set[str]:
    return {cls.__name__ for cls in type(backend).__mro__}


def _insecure_reason(backend: KeyringBackend, value: str) -> str | None:
    """Why ``backend`` keeps secrets in clear, or None.

    Recognised by class name (any ``...PlaintextKeyring``, such as keyrings.alt's, without
    needing keyrings.alt installed) or, for a file-backed backend (a ``file_path``
    attribute), by finding the probe value in its file in clear or base64 while stored.
    A chainer is judged by the backend it writes to.
    """
    from keyring.backends import chainer

    if isinstance(backend, chainer.ChainerBackend):
        members = _chained(backend)
        return _insecure_reason(members[0], value) if members else None
    if any("plaintext" in name.lower() for name in _class_names(backend)):
        where = getattr(backend, "file_path", None)
        suffix = f" in {where}" if where else ""
        return f"{type(backend).__name__} keeps secrets in clear text{suffix}"
    where = getattr(backend, "file_path", None)
    if isinstance(where, str | os.PathLike):
        try:
            content = Path(where).read_bytes()
        except OSError:
            return None
        import base64

        encoded = base64.b64encode(value.encode())
        if value.encode() in content or encoded in content:
            return f"it writes secrets readably into {where}"
    return None


def _delete_quietly(backend: KeyringBackend, user: str) -> None:
    with contextlib.suppress(Exception):
        backend.delete_password(SERVICE, user)


def _round_trip_failure(backend: KeyringBackend, exc: BaseException) -> str:
    if _needs_dbus(type(backend).__module__) and _dbus_missing():
        return _dbus_problem() or _NO_DBUS
    return f"storing a test entry failed: {describe_error(exc)}"


def describe_error(exc: BaseException, *hide: str | None) -> str:
    """``Type: message`` with any of ``hide`` blanked out, shortened to one line."""
    text = str(exc)
    for secret in hide:
        if secret:
            text = text.replace(secret, MASK)
    text = " ".join(text.split())
    if len(text) > 200:
        text = text[:197] + "..."
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
