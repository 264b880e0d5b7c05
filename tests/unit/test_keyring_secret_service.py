"""Secrets through a real Secret Service (gnome-keyring in the private D-Bus session that
scripts/test starts). Skipped elsewhere by the ``secret_service`` fixture."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import closing

import pytest

from engtui.profiles.keyring_probe import SERVICE, KeyringKind, probe_keyring
from engtui.profiles.secrets import SecretStore

SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
TOKEN = "IQoJb3JpZ2luX2VjEXAMPLETOKEN"


@pytest.fixture
def profile(secret_service: None) -> Iterator[str]:
    """A profile name unique to the test; its keyring entry is removed afterwards."""
    name = f"t-{uuid.uuid4().hex[:12]}"
    yield name
    store = SecretStore.open()
    while store.delete(name):
        pass


def items(profile: str) -> list[tuple[dict[str, str], bytes]]:
    """The Secret Service items engtui made for a profile, read with secretstorage itself."""
    import secretstorage

    with closing(secretstorage.dbus_init()) as bus:
        collection = secretstorage.get_default_collection(bus)
        found = collection.search_items({"service": SERVICE, "username": profile})
        return [(item.get_attributes(), item.get_secret()) for item in found]


def test_probe_finds_a_usable_secret_service(secret_service: None) -> None:
    status = probe_keyring()
    assert status.kind is KeyringKind.USABLE, status.reason
    assert status.backend_name == "SecretService Keyring"
    assert status.backend_class == "keyring.backends.SecretService.Keyring"


def test_probe_leaves_no_entry_behind(secret_service: None) -> None:
    import secretstorage

    probe_keyring()
    with closing(secretstorage.dbus_init()) as bus:
        collection = secretstorage.get_default_collection(bus)
        leftovers = [
            item
            for item in collection.search_items({"service": SERVICE})
            if item.get_attributes().get("username", "").startswith(".probe-")
        ]
    assert leftovers == []


def test_store_read_replace_delete(profile: str) -> None:
    store = SecretStore.open()
    assert store.load(profile) is None

    store.store(profile, SECRET, TOKEN)
    [(attributes, payload)] = items(profile)
    assert attributes["service"] == SERVICE and attributes["username"] == profile
    assert json.loads(payload) == {"secret_access_key": SECRET, "session_token": TOKEN}
    loaded = SecretStore.open().load(profile)  # a fresh store: really read from the daemon
    assert loaded is not None and loaded.secret_access_key.reveal() == SECRET
    assert loaded.session_token is not None and loaded.session_token.reveal() == TOKEN

    store.store(profile, "replaced-secret")
    assert len(items(profile)) == 1  # replaced, not added
    again = store.load(profile)
    assert again is not None and again.secret_access_key.reveal() == "replaced-secret"
    assert again.session_token is None

    assert store.delete(profile) is True
    assert items(profile) == []
    assert store.load(profile) is None
    assert store.delete(profile) is False
