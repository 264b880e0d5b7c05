"""Plain values the profile screens show and send back (no keyring, no Textual).

Kept apart from `engtui.profile_manager` (which talks to the keyring) so the screens can use
them without importing the keyring package.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from engtui.config.profiles import ENVIRONMENT, Profile


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
    make_default: bool = False
    session_only: bool = False  # keep the secret in memory for this run, not in the keyring
