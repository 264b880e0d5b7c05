"""The keyring probe, the secret store and the in-memory session secrets.

Also home of the fake keyring backends other test modules use (``use_backend``): they are
selected through ``PYTHON_KEYRING_BACKEND`` exactly as a user would select a backend, so
keyring's own loading is exercised. They are marked not viable, so keyring's automatic
detection never picks them.
"""

from __future__ import annotations

import json
import pickle
import threading
import time
from pathlib import Path
from typing import ClassVar

import keyring.errors
import pytest
from keyring.backend import KeyringBackend

from engtui.api.settings import StaticCredentials
from engtui.profiles.keyring_probe import (
    SERVICE,
    KeyringKind,
    KeyringProbe,
    KeyringUnavailable,
    SecretStoreError,
    load_backend,
    probe_keyring,
)
from engtui.profiles.secrets import (
    Secret,
    SecretStore,
    SessionSecrets,
    StoredSecret,
    static_credentials,
)

# --- fake backends ----------------------------------------------------------------------


class FakeKeyring(KeyringBackend):
    """An in-memory keyring shared by every instance of the class (keyring makes a new
    instance on every load). ``reset`` empties it."""

    priority = 1
    viable = False
    entries: ClassVar[dict[tuple[str, str], str]] = {}

    @classmethod
    def reset(cls) -> None:
        cls.entries = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError("not found")


class MemoryKeyring(FakeKeyring):
    """A keyring that really stores (in memory)."""

    entries: ClassVar[dict[tuple[str, str], str]] = {}


class BlockingKeyring(FakeKeyring):
    """A keyring whose every call blocks until the test releases it (or forever)."""

    release: ClassVar[threading.Event] = threading.Event()

    @classmethod
    def reset(cls) -> None:
        cls.release.set()  # let threads of an earlier test finish
        cls.release = threading.Event()

    def set_password(self, service: str, username: str, password: str) -> None:
        self.release.wait()

    def get_password(self, service: str, username: str) -> str | None:
        self.release.wait()
        return None


class PlaintextKeyring(FakeKeyring):
    """Named like keyrings.alt's plaintext backend: insecure by its name."""

    priority = 0.5
    entries: ClassVar[dict[tuple[str, str], str]] = {}


class ClearFileKeyring(FakeKeyring):
    """A file-backed keyring that writes secrets in clear (found by looking at the file)."""

    priority = 0.5
    folder: ClassVar[Path] = Path()

    @property
    def file_path(self) -> str:
        return str(self.folder / "keyring.json")

    def _save(self) -> None:
        data = {f"{s}/{u}": p for (s, u), p in self.entries.items()}
        Path(self.file_path).write_text(json.dumps(data))

    def set_password(self, service: str, username: str, password: str) -> None:
        super().set_password(service, username, password)
        self._save()

    def delete_password(self, service: str, username: str) -> None:
        super().delete_password(service, username)
        self._save()


class LockedKeyring(FakeKeyring):
    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.KeyringLocked("Failed to unlock the collection!")


class ForgetfulKeyring(FakeKeyring):
    """Accepts everything and returns nothing (like a broken bridge)."""

    def set_password(self, service: str, username: str, password: str) -> None:
        pass


class LeakyErrorKeyring(FakeKeyring):
    """Raises errors that quote the password (a badly written backend)."""

    def set_password(self, service: str, username: str, password: str) -> None:
        if username.startswith(".probe-"):
            return super().set_password(service, username, password)
        raise RuntimeError(f"cannot store {password!r}")


def use_backend(
    monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest, cls: type[FakeKeyring]
) -> None:
    """Select ``cls`` through PYTHON_KEYRING_BACKEND for this test, emptied before and after."""
    cls.reset()
    request.addfinalizer(cls.reset)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", f"{cls.__module__}.{cls.__qualname__}")


@pytest.fixture
def backend(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> type[FakeKeyring]:
    """The fake backend named by the test's ``backend`` parameter (indirect)."""
    cls: type[FakeKeyring] = request.param
    use_backend(monkeypatch, request, cls)
    return cls


# --- the probe --------------------------------------------------------------------------


def test_fail_backend_is_unusable_with_a_reason() -> None:
    status = probe_keyring()
    assert status.kind is KeyringKind.UNUSABLE and not status.usable
    assert status.backend_name == "fail Keyring"
    assert status.backend_class == "keyring.backends.fail.Keyring"
    assert "PYTHON_KEYRING_BACKEND selects the fail backend" in status.reason
    assert status.elapsed >= 0


def test_null_backend_is_unusable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    status = probe_keyring()
    assert (status.kind, status.backend_name) == (KeyringKind.UNUSABLE, "null Keyring")
    assert "throws every secret away" in status.reason


def test_env_is_read_afresh_on_every_probe(
    monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    assert probe_keyring().kind is KeyringKind.UNUSABLE
    use_backend(monkeypatch, request, MemoryKeyring)
    assert probe_keyring().kind is KeyringKind.USABLE
    assert isinstance(load_backend(), MemoryKeyring)


def test_unknown_backend_name_is_unusable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "no.such.Backend")
    status = probe_keyring()
    assert status.kind is KeyringKind.UNUSABLE
    assert "PYTHON_KEYRING_BACKEND=no.such.Backend cannot be used" in status.reason
    assert status.backend is None


def test_secret_service_without_dbus_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.SecretService.Keyring")
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    status = probe_keyring()
    assert status.kind is KeyringKind.UNUSABLE
    assert status.backend_name == "SecretService Keyring"
    assert status.reason == "no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)"


def test_autodetection_without_dbus_is_unusable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND")
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    status = probe_keyring()
    assert status.kind is KeyringKind.UNUSABLE
    assert "DBUS_SESSION_BUS_ADDRESS is not set" in status.reason


@pytest.mark.parametrize("backend", [MemoryKeyring], indirect=True)
def test_memory_backend_is_usable_and_probe_leaves_nothing(backend: type[FakeKeyring]) -> None:
    status = probe_keyring()
    assert status.kind is KeyringKind.USABLE and status.usable
    assert status.backend_class.endswith("test_keyring_probe.MemoryKeyring")
    assert "stored and read back" in status.reason
    assert isinstance(status.backend, MemoryKeyring)
    assert backend.entries == {}


def test_blocking_backend_times_out(
    monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    use_backend(monkeypatch, request, BlockingKeyring)
    started = time.monotonic()
    status = probe_keyring(timeout=0.5)
    took = time.monotonic() - started
    assert status.kind is KeyringKind.UNUSABLE
    assert status.reason.startswith("probe timed out after 0.5 s")
    assert status.backend_name.endswith("BlockingKeyring")
    assert status.elapsed >= 0.5 and took < 5  # returned at the timeout, not "never"


def test_background_probe(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    use_backend(monkeypatch, request, BlockingKeyring)
    probe = KeyringProbe(timeout=30).start()
    # start() returned while the backend is still blocked, in the probe's own thread
    assert any(t.name == "engtui-keyring-probe" and t.is_alive() for t in threading.enumerate())
    BlockingKeyring.release.set()
    status = probe.wait()
    # released, the backend "stores" nothing: it reads back None
    assert status.kind is KeyringKind.UNUSABLE and "did not give it back" in status.reason


@pytest.mark.parametrize("backend", [PlaintextKeyring], indirect=True)
def test_plaintext_named_backend_is_insecure(backend: type[FakeKeyring]) -> None:
    status = probe_keyring()
    assert status.kind is KeyringKind.INSECURE
    assert "keeps secrets in clear text" in status.reason


def test_file_backend_writing_in_clear_is_insecure(
    monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    use_backend(monkeypatch, request, ClearFileKeyring)
    monkeypatch.setattr(ClearFileKeyring, "folder", tmp_path)
    status = probe_keyring()
    assert status.kind is KeyringKind.INSECURE
    assert status.reason == f"it writes secrets readably into {tmp_path / 'keyring.json'}"


@pytest.mark.parametrize(
    ("backend", "reason"),
    [
        (LockedKeyring, "the keyring is locked"),
        (ForgetfulKeyring, "did not give it back"),
    ],
    indirect=["backend"],
)
def test_broken_backends_are_unusable(backend: type[FakeKeyring], reason: str) -> None:
    status = probe_keyring()
    assert status.kind is KeyringKind.UNUSABLE and reason in status.reason


def test_probe_given_a_backend_instance() -> None:
    MemoryKeyring.reset()
    status = probe_keyring(backend=MemoryKeyring())
    assert status.usable


# --- the store --------------------------------------------------------------------------

SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
TOKEN = "IQoJb3JpZ2luX2VjEXAMPLETOKEN"


@pytest.mark.parametrize("backend", [MemoryKeyring], indirect=True)
def test_store_load_replace_delete(backend: type[FakeKeyring]) -> None:
    store = SecretStore.open()
    assert store.load("prod") is None
    store.store("prod", SECRET, TOKEN)
    assert json.loads(backend.entries[(SERVICE, "prod")]) == {
        "secret_access_key": SECRET,
        "session_token": TOKEN,
    }
    loaded = store.load("prod")
    assert loaded is not None
    assert loaded.secret_access_key.reveal() == SECRET
    assert loaded.session_token is not None and loaded.session_token.reveal() == TOKEN
    store.store("prod", Secret("second"))
    again = store.load("prod")
    assert again is not None and again.secret_access_key.reveal() == "second"
    assert again.session_token is None
    assert store.delete("prod") is True
    assert store.delete("prod") is False
    assert store.load("prod") is None


def test_store_refuses_unusable_backend() -> None:
    with pytest.raises(KeyringUnavailable) as caught:
        SecretStore.open()
    assert "fail Keyring is unusable" in str(caught.value)
    assert caught.value.status is not None and caught.value.status.backend_name == "fail Keyring"


@pytest.mark.parametrize("backend", [PlaintextKeyring], indirect=True)
def test_store_refuses_insecure_backend_unless_allowed(backend: type[FakeKeyring]) -> None:
    with pytest.raises(KeyringUnavailable, match="allow_insecure_keyring = true"):
        SecretStore.open()
    assert backend.entries == {}
    store = SecretStore.open(allow_insecure=True)
    store.store("p", SECRET)
    assert store.load("p") is not None


@pytest.mark.parametrize("backend", [MemoryKeyring], indirect=True)
def test_malformed_entry_is_reported_without_its_content(backend: type[FakeKeyring]) -> None:
    store = SecretStore.open()
    backend.entries[(SERVICE, "p")] = f"plain {SECRET}"
    with pytest.raises(SecretStoreError) as caught:
        store.load("p")
    assert "not in engtui's format" in str(caught.value) and SECRET not in str(caught.value)


@pytest.mark.parametrize("backend", [LeakyErrorKeyring], indirect=True)
def test_backend_errors_never_carry_the_secret(backend: type[FakeKeyring]) -> None:
    store = SecretStore.open()
    with pytest.raises(SecretStoreError) as caught:
        store.store("p", SECRET, TOKEN)
    text = str(caught.value)
    assert "RuntimeError" in text and "****" in text
    assert SECRET not in text and TOKEN not in text
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_store_call_that_hangs_times_out(
    monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    use_backend(monkeypatch, request, MemoryKeyring)
    status = probe_keyring()
    store = SecretStore(status, timeout=0.2)
    hang = threading.Event()
    request.addfinalizer(hang.set)
    monkeypatch.setattr(status.backend, "get_password", lambda *_: hang.wait())
    with pytest.raises(KeyringUnavailable, match=r"did not answer within 0\.2 s"):
        store.load("p")


def test_empty_secret_is_refused() -> None:
    with pytest.raises(ValueError, match="empty"):
        SessionSecrets().store("p", "")


# --- secrets in memory and the wrapper types --------------------------------------------


def test_session_secrets_keep_secrets_for_the_run() -> None:
    session = SessionSecrets()
    assert session.load("p") is None
    session.store("p", SECRET)
    loaded = session.load("p")
    assert loaded is not None and loaded.secret_access_key.reveal() == SECRET
    assert SECRET not in repr(session)
    assert session.delete("p") and not session.delete("p")


@pytest.mark.parametrize("backend", [MemoryKeyring], indirect=True)
def test_static_credentials_prefers_the_first_source(backend: type[FakeKeyring]) -> None:
    store = SecretStore.open()
    session = SessionSecrets()
    assert static_credentials("AKIAIOSFODNN7EXAMPLE", "p", session, None, store) is None
    store.store("p", "from-keyring")
    creds = static_credentials("AKIAIOSFODNN7EXAMPLE", "p", session, None, store)
    assert creds is not None and creds.secret_access_key == "from-keyring"
    session.store("p", "for-this-run", TOKEN)
    creds = static_credentials("AKIAIOSFODNN7EXAMPLE", "p", session, store)
    assert creds == StaticCredentials("AKIAIOSFODNN7EXAMPLE", "for-this-run", TOKEN)


def test_secret_types_never_show_the_secret() -> None:
    secret = Secret(SECRET)
    creds = StaticCredentials("AKIAIOSFODNN7EXAMPLE", SECRET, TOKEN)
    stored = StoredSecret(secret, Secret(TOKEN))
    for text in (str(secret), repr(secret), f"{secret}", f"{secret!r}", repr(creds), repr(stored)):
        assert SECRET not in text and TOKEN not in text
    assert "AKIAIOSFODNN7EXAMPLE" in repr(creds)
    assert secret == Secret(SECRET) and secret != Secret("other")
    with pytest.raises(TypeError):
        pickle.dumps(secret)
    with pytest.raises(TypeError):
        json.dumps({"s": secret})
    with pytest.raises(TypeError):
        Secret(None)  # type: ignore[arg-type]
