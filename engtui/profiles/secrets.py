"""Secrets in the OS keyring, and secrets kept in memory for one run.

Layout in the keyring: service ``engtui``, one entry per profile (username = profile name),
holding JSON ``{"secret_access_key": "...", "session_token": "..." | null}``.

:class:`SecretStore` is opened on a probed backend (:mod:`engtui.profiles.keyring_probe`):
it refuses unusable backends, and insecure ones unless the config file opts in with
``allow_insecure_keyring = true``; its calls run under a timeout. :class:`SessionSecrets`
keeps secrets in memory for one run.

Secret values never reach exception messages, ``repr`` or logs: they travel wrapped in
:class:`Secret`, whose ``str``/``repr`` are masked, and errors from a backend are reported
with any secret text blanked out.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from engtui.api.settings import StaticCredentials
from engtui.profiles.keyring_probe import (
    DEFAULT_PROBE_TIMEOUT,
    MASK,
    SERVICE,
    KeyringKind,
    KeyringStatus,
    KeyringUnavailable,
    SecretStoreError,
    call_bounded,
    describe_error,
    keyring_errors,
    probe_keyring,
)

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

DEFAULT_CALL_TIMEOUT = 10.0

T = TypeVar("T")


class Secret:
    """A secret string that does not show itself: ``str``/``repr``/f-strings print ``****``.

    Call :meth:`reveal` at the one place the value is really needed. Not picklable.
    """

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        if not isinstance(value, str):
            raise TypeError("a Secret wraps a str")
        self._value = value

    @classmethod
    def wrap(cls, value: Secret | str | None) -> Secret | None:
        """``value`` as a Secret (None stays None)."""
        if value is None or isinstance(value, Secret):
            return value
        return cls(value)

    def reveal(self) -> str:
        """The secret text itself."""
        return self._value

    def __repr__(self) -> str:
        return f"Secret({MASK!r})"

    def __str__(self) -> str:
        return MASK

    def __bool__(self) -> bool:
        return bool(self._value)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Secret):
            return NotImplemented
        import hmac  # here, not at the top: this module loads before the first frame

        return hmac.compare_digest(self._value.encode(), other._value.encode())

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> Any:
        raise TypeError("a Secret cannot be pickled")


@dataclass(frozen=True)
class StoredSecret:
    """What the keyring entry of a profile holds."""

    secret_access_key: Secret = field(repr=False)
    session_token: Secret | None = field(default=None, repr=False)

    def to_json(self) -> str:
        """The keyring payload (contains the secret in clear: hand it to the keyring only)."""
        token = self.session_token.reveal() if self.session_token else None
        return json.dumps(
            {"secret_access_key": self.secret_access_key.reveal(), "session_token": token}
        )

    @classmethod
    def from_json(cls, payload: str) -> StoredSecret:
        """Parse a keyring payload; ``ValueError`` (without the payload) when malformed."""
        try:
            data = json.loads(payload)
        except ValueError:
            data = None
        secret = data.get("secret_access_key") if isinstance(data, dict) else None
        token = data.get("session_token") if isinstance(data, dict) else None
        if not isinstance(secret, str) or not secret or not isinstance(token, str | None):
            raise ValueError("the keyring entry is not in engtui's format")
        return cls(Secret(secret), Secret(token) if token else None)



# --- storing ----------------------------------------------------------------------------


class SecretSource(Protocol):
    """What :class:`SecretStore` and :class:`SessionSecrets` both offer."""

    def store(
        self, profile: str, secret: Secret | str, token: Secret | str | None = None
    ) -> None: ...

    def load(self, profile: str) -> StoredSecret | None: ...

    def delete(self, profile: str) -> bool: ...


def _stored(secret: Secret | str, token: Secret | str | None) -> StoredSecret:
    wrapped = Secret.wrap(secret)
    if not wrapped:
        raise ValueError("the secret access key is empty")
    return StoredSecret(wrapped, Secret.wrap(token) or None)


class SecretStore:
    """Profile secrets in the keyring (service ``engtui``, username = profile name).

    Built from a :class:`KeyringStatus`; refuses (``KeyringUnavailable``) an unusable
    backend, and an insecure one unless ``allow_insecure``. Every call runs in a daemon
    thread bounded by ``timeout`` seconds. Call it off the UI thread all the same.
    """

    def __init__(
        self,
        status: KeyringStatus,
        *,
        allow_insecure: bool = False,
        timeout: float = DEFAULT_CALL_TIMEOUT,
    ) -> None:
        if status.kind is KeyringKind.INSECURE and not allow_insecure:
            raise KeyringUnavailable(
                f"the keyring backend {status.backend_name} is insecure ({status.reason}); "
                "engtui stores secrets there only if the config file says "
                "allow_insecure_keyring = true",
                status,
            )
        if not status.allows_storing(allow_insecure) or status.backend is None:
            raise KeyringUnavailable(
                f"the keyring backend {status.backend_name} is unusable: {status.reason}",
                status,
            )
        self.status = status
        self.timeout = timeout
        self._backend: KeyringBackend = status.backend

    @classmethod
    def open(
        cls,
        *,
        allow_insecure: bool = False,
        probe_timeout: float = DEFAULT_PROBE_TIMEOUT,
        backend: KeyringBackend | None = None,
    ) -> SecretStore:
        """Probe the keyring, then open a store on it (``KeyringUnavailable`` if refused)."""
        return cls(probe_keyring(probe_timeout, backend), allow_insecure=allow_insecure)

    @property
    def backend_name(self) -> str:
        """The keyring backend's display name."""
        return self.status.backend_name

    def store(self, profile: str, secret: Secret | str, token: Secret | str | None = None) -> None:
        """Store (or replace) the secret access key and optional session token of a profile."""
        entry = _stored(secret, token)
        payload = entry.to_json()
        token_text = entry.session_token.reveal() if entry.session_token else None
        hide = (entry.secret_access_key.reveal(), token_text)
        self._run(lambda: self._backend.set_password(SERVICE, profile, payload), "store", hide)

    def load(self, profile: str) -> StoredSecret | None:
        """The stored secret of a profile, or None when there is none."""
        payload = self._run(lambda: self._backend.get_password(SERVICE, profile), "load", ())
        if payload is None:
            return None
        try:
            return StoredSecret.from_json(payload)
        except ValueError:
            raise SecretStoreError(
                f"the keyring entry for profile {profile!r} is not in engtui's format"
            ) from None

    def delete(self, profile: str) -> bool:
        """Delete the entry of a profile; False when there was none."""

        def delete() -> bool:
            try:
                self._backend.delete_password(SERVICE, profile)
            except keyring_errors().PasswordDeleteError:
                return False
            return True

        return self._run(delete, "delete", ())

    def _run(self, fn: Callable[[], T], what: str, hide: tuple[str | None, ...]) -> T:
        try:
            return call_bounded(fn, self.timeout, what)
        except SecretStoreError:
            raise
        except Exception as exc:
            # "from None": the original exception could carry the secret in its text.
            raise SecretStoreError(
                f"keyring ({self.backend_name}) could not {what} the secret: "
                f"{describe_error(exc, *hide)}"
            ) from None


class SessionSecrets:
    """Secrets kept in memory for this run only (when no usable keyring exists)."""

    def __init__(self) -> None:
        self._entries: dict[str, StoredSecret] = {}
        self._lock = threading.Lock()

    def store(self, profile: str, secret: Secret | str, token: Secret | str | None = None) -> None:
        """Keep the secret of a profile until the process ends."""
        entry = _stored(secret, token)
        with self._lock:
            self._entries[profile] = entry

    def load(self, profile: str) -> StoredSecret | None:
        """The secret kept for a profile, or None."""
        with self._lock:
            return self._entries.get(profile)

    def delete(self, profile: str) -> bool:
        """Forget the secret of a profile; False when there was none."""
        with self._lock:
            return self._entries.pop(profile, None) is not None

    def __repr__(self) -> str:
        with self._lock:
            return f"SessionSecrets(profiles={sorted(self._entries)!r})"


def static_credentials(
    access_key_id: str, profile: str, *sources: SecretSource | None
) -> StaticCredentials | None:
    """Credentials of a static-key profile from the first source that has its secret.

    The values are in clear, for the client (whose repr never shows them). Typical call:
    ``static_credentials(p.access_key_id, p.name, session_secrets, store)``
    (sources may be None, e.g. no usable keyring). Blocks on the keyring: use a worker.
    """
    for source in sources:
        entry = source.load(profile) if source is not None else None
        if entry is not None:
            token = entry.session_token.reveal() if entry.session_token else None
            return StaticCredentials(access_key_id, entry.secret_access_key.reveal(), token)
    return None
