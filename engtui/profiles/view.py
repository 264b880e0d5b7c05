"""Plain values the profile screens show and send back (no keyring, no Textual).

Kept apart from `engtui.profiles.manager` (which talks to the keyring) so the screens can use
them without importing the keyring package.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from engtui.profiles.model import ENVIRONMENT, Profile

if TYPE_CHECKING:
    from engtui.profiles.keyring_probe import KeyringStatus


@dataclass(frozen=True)
class KeyringView:
    """The keyring's state in words the UI shows as is (no keyring objects in screens)."""

    state: str  # "probing", "ok", "insecure", "unavailable"
    short: str  # for the connection bar
    sentence: str  # for the profiles screen
    backend_name: str = ""

    @property
    def usable(self) -> bool:
        return self.state == "ok"


PROBING = KeyringView("probing", "…", "Keyring: checking (at most a few seconds)…")


def keyring_view(status: KeyringStatus | None, allow_insecure: bool = False) -> KeyringView:
    """How a probe result reads in the UI."""
    if status is None:
        return PROBING
    took = f"probed in {status.elapsed:.2f} s"
    where = f"{status.backend_name} ({status.backend_class})"
    if status.kind == "usable":
        return KeyringView(
            "ok", "ok", f"Keyring: {where} is usable: {status.reason} ({took}).",
            status.backend_name,
        )
    if status.kind == "insecure":
        allowed = (
            "allowed by allow_insecure_keyring = true"
            if allow_insecure
            else "engtui does not store secrets there unless allow_insecure_keyring = true"
        )
        state = "ok" if allow_insecure else "insecure"
        return KeyringView(
            state, "insecure",
            f"Keyring: {where} is insecure: {status.reason}; {allowed} ({took}).",
            status.backend_name,
        )
    return KeyringView(
        "unavailable", "unavailable",
        f"Keyring: {where} is unavailable: {status.reason} ({took}). Profiles that use an "
        "AWS named profile still work; a static key's secret can be kept for this run only, "
        "never in a file.",
        status.backend_name,
    )


@dataclass(frozen=True)
class ProfileEntry:
    """One row of the profiles screen. ``name`` is None for "no profile" (environment)."""

    name: str | None
    credentials: str
    secret: str
    region: str
    catalog: str
    default: bool = False
    active: bool = False
    needs_secret: bool = False
    secret_missing: bool = False
    secret_short: str = ""  # for the table; ``secret`` is the whole sentence

    @property
    def label(self) -> str:
        return self.name or ENVIRONMENT


@dataclass(frozen=True)
class ProfileChange:
    """A profile to add (``original`` None) or edit, and its secret when one was typed."""

    profile: Profile
    original: str | None = None
    secret: str | None = field(default=None, repr=False)
    session_token: str | None = field(default=None, repr=False)
    make_default: bool | None = None  # None: the default when there is none yet
    session_only: bool = False  # keep the secret in memory for this run, not in the keyring
