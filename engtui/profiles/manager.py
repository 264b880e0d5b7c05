"""What the TUI does with profiles, as blocking calls a worker runs off the UI thread.

The profiles screen, the command palette and the app never touch the config file or the
keyring themselves: they hold one :class:`ProfileManager` (owned by the app) and await its
methods in a daemon thread. It knows the config layer and `engtui.profiles.active`; it never
imports textual or boto3.

It also owns the run's :class:`SessionSecrets` (shared with the credentials loaders that
`engtui.profiles.active` builds), so a secret entered "for this run only" is found by the next
call and forgotten when engtui exits. A secret is never written anywhere but the keyring:
when the keyring is unusable, saving a static-key profile writes its settings and keeps the
secret in memory, or refuses, as the caller asks; it never falls back to a file.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, TypeVar

from engtui.api.settings import ClientSettings
from engtui.local.paths import config_path
from engtui.profiles.active import settings_from_profile
from engtui.profiles.aws_config import AwsProfiles, list_aws_profiles
from engtui.profiles.config_file import ConfigFile
from engtui.profiles.model import ENVIRONMENT, Profile
from engtui.profiles.resolve import resolve_region, resolve_settings
from engtui.profiles.view import KeyringView, ProfileChange, ProfileEntry, keyring_view

if TYPE_CHECKING:  # keyring is imported by the worker that first needs it, not at start-up
    from engtui.profiles.keyring_probe import KeyringStatus
    from engtui.profiles.secrets import SecretStore, SessionSecrets

PROBE_TIMEOUT = 3.0
T = TypeVar("T")


def change_errors() -> tuple[type[Exception], ...]:
    """The errors a profile change reports in words (a bad config file, a keyring that
    refused, an unknown profile); anything else is a bug. For the screens, which must not
    import the secret store themselves."""
    from engtui.profiles.keyring_probe import SecretStoreError
    from engtui.profiles.model import ConfigError, UnknownProfileError

    return (ConfigError, SecretStoreError, UnknownProfileError)


class ProfileManager:
    """The config file, the keyring state and the session secrets of one engtui run."""

    def __init__(
        self,
        config: ConfigFile | None = None,
        session: SessionSecrets | None = None,
        *,
        active: str | None = None,
        problems: list[str] | None = None,
        probe_timeout: float = PROBE_TIMEOUT,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self.loaded = config is not None  # False: the app loads the file in a worker
        self.config = config if config is not None else ConfigFile(path=config_path())
        self._session = session
        self.active = active  # the engtui profile in use (None: none)
        self.active_label = active or ENVIRONMENT  # what the bar says ("demo", "aws:NAME")
        self.problems = list(problems or [])
        self.probe_timeout = probe_timeout
        self.environ = environ
        self.keyring: KeyringStatus | None = None
        self._lock = threading.Lock()  # one config change at a time

    # -- reading (cheap, in memory) -------------------------------------------------------
    @property
    def session(self) -> SessionSecrets:
        """Secrets kept in memory for this run (shared with the credentials loaders)."""
        if self._session is None:
            from engtui.profiles.secrets import SessionSecrets

            self._session = SessionSecrets()
        return self._session

    @property
    def keyring_view(self) -> KeyringView:
        return keyring_view(self.keyring, self.config.allow_insecure_keyring)

    @property
    def can_store_secrets(self) -> bool:
        return self.keyring is not None and self.keyring.allows_storing(
            self.config.allow_insecure_keyring
        )

    def names(self) -> list[str]:
        return self.config.names()

    def profile(self, name: str) -> Profile:
        return self.config.get(name)

    def settings_for(self, name: str | None) -> ClientSettings:
        """Connection settings for an engtui profile (None: the AWS environment)."""
        if name is None:
            return resolve_settings(ClientSettings(), self.environ)
        profile = self.config.get(name)
        settings = settings_from_profile(profile, self.config, self.session)
        return resolve_settings(settings, self.environ)

    def needs_secret_now(self, name: str | None) -> bool:
        """True when a static-key profile has no secret for this run and no keyring to
        read it from (the user should be told before the first call fails)."""
        if name is None or name not in self.config:
            return False
        profile = self.config.get(name)
        return (
            profile.needs_secret
            and self.session.load(name) is None
            and self.keyring is not None
            and not self.can_store_secrets
        )

    # -- blocking (call from a worker) ----------------------------------------------------
    def probe(self) -> KeyringStatus:
        """One round trip to the keyring, bounded by ``probe_timeout``."""
        from engtui.profiles.keyring_probe import KeyringProbe

        self.keyring = KeyringProbe(self.probe_timeout).start().wait()
        return self.keyring

    def gone(self, name: str) -> str:
        """Read the config file again; say so when profile ``name`` is no longer in it
        (deleted by another engtui or an editor since the list it was picked from), else ""."""
        config = self.reload()
        if config.ok and name not in config:
            return f"Profile “{name}” is no longer in {config.path} (deleted by another engtui "\
                   "or an editor)"
        return ""

    def reload(self) -> ConfigFile:
        """Read the config file again (after the user fixed it in an editor)."""
        self.config = ConfigFile.load(self.config.path)
        self.loaded = True
        return self.config

    def aws_profiles(self) -> AwsProfiles:
        return list_aws_profiles(self.environ)

    def entries(self) -> list[ProfileEntry]:
        """The rows of the profiles screen; reads the keyring to say whether a secret is there."""
        from engtui.profiles.describe import describe_credentials

        aws = self.aws_profiles()
        rows = [self._entry(profile, aws) for profile in self.config.list()]
        credentials, _ = describe_credentials(None, aws, self.environ)
        region = resolve_region(None, aws, self.environ).value or ""
        rows.append(
            ProfileEntry(
                None,
                _short_environment(credentials),
                "",
                region,
                "AWS",
                active=self.active is None and self.active_label == ENVIRONMENT,
            )
        )
        return rows

    def _entry(self, profile: Profile, aws: AwsProfiles) -> ProfileEntry:
        from engtui.profiles.describe import describe_credentials, mask_key_id

        credentials, _ = describe_credentials(profile, aws, self.environ)
        credentials = credentials.replace("aws profile", "AWS profile")
        if profile.access_key_id is not None:
            credentials = f"static key {mask_key_id(profile.access_key_id)}"
        secret, missing = self._secret_state(profile)
        short = next((words for start, words in _SHORT_SECRET if secret.startswith(start)), "")
        return ProfileEntry(
            profile.name,
            credentials,
            secret,
            resolve_region(profile, aws, self.environ).value or "",
            profile.catalog,
            default=profile.name == self.config.default_profile,
            active=profile.name == self.active,
            needs_secret=profile.needs_secret,
            secret_missing=missing,
            secret_short=short,
        )

    def _secret_state(self, profile: Profile) -> tuple[str, bool]:
        from engtui.profiles.describe import secret_state

        if not profile.needs_secret:
            return "", False
        if self.session.load(profile.name) is not None:
            return "kept for this run only", False
        if self.keyring is None:
            return "keyring not checked yet", False
        state, _ = secret_state(profile, self.keyring, self.config.allow_insecure_keyring)
        if state.startswith("not checked"):
            return "no secret for this run (keyring unavailable)", True
        return state, state.startswith(("missing", "could not"))

    def save(self, change: ProfileChange) -> str:
        """Add or edit a profile, storing its secret; returns what was done, in words.

        Raises :class:`ConfigError` (the file is broken or changed on disk) or
        :class:`SecretStoreError` (the keyring refused); then nothing was changed.
        """
        with self._lock:
            return self._save(change)

    def _save(self, change: ProfileChange) -> str:
        from engtui.profiles.keyring_probe import SecretStoreError

        profile = change.profile
        store = None
        if change.secret and not change.session_only:
            store = self._store()  # refuse before writing anything
        renamed = change.original is not None and change.original != profile.name

        def edit(config: ConfigFile) -> None:
            if change.original is None:
                config.add(profile, make_default=change.make_default)
            elif renamed:
                was_default = config.default_profile == change.original
                config.remove(change.original)
                config.add(profile, make_default=change.make_default or was_default)
            else:
                config.update(profile)
                if change.make_default:
                    config.set_default(profile.name)

        edit(self.config)  # refused here (a name taken, a broken file): nothing was written
        if store is not None and change.secret:
            store.store(profile.name, change.secret, change.session_token)
        try:
            self._change(edit)
        except BaseException:
            if store is not None and change.original is None:
                with contextlib.suppress(SecretStoreError):
                    store.delete(profile.name)
            raise
        words = [f"Saved profile {profile.name}."]
        if change.secret and change.session_only:
            self.session.store(profile.name, change.secret, change.session_token)
            words.append("Its secret is kept for this run only (in memory).")
        elif store is not None:
            words.append(f"Secret stored in keyring ({store.backend_name}).")
        if renamed and change.original is not None:
            self._move_secret(change.original, profile.name, store is None)
        if not profile.needs_secret:
            self.session.delete(profile.name)
        if self.active is not None and self.active == change.original:
            self.active = self.active_label = profile.name
        return " ".join(words)

    def _move_secret(self, old: str, new: str, move_stored: bool) -> None:
        """A renamed profile takes its secret along (the keyring entry is per name)."""
        from engtui.profiles.keyring_probe import SecretStoreError

        kept = self.session.load(old)
        if kept is not None:
            self.session.delete(old)
            self.session.store(new, kept.secret_access_key, kept.session_token)
        with contextlib.suppress(SecretStoreError):
            store = self._store()
            entry = store.load(old) if move_stored else None
            if entry is not None:
                store.store(new, entry.secret_access_key, entry.session_token)
            store.delete(old)

    def remove(self, name: str) -> str:
        """Remove a profile and its secret (keyring and session); returns what was done."""
        from engtui.profiles.keyring_probe import KeyringUnavailable, SecretStoreError

        with self._lock:
            profile = self._change(lambda config: config.remove(name))
            held_for_this_run = self.session.delete(name)
            if not profile.needs_secret:
                return f"Removed profile {name}."
            try:
                deleted = self._store(allow_insecure=True).delete(name)
            except SecretStoreError as error:
                if held_for_this_run and isinstance(error, KeyringUnavailable):
                    # No keyring: its secret was kept in memory for this run, never stored.
                    return f"Removed profile {name}."
                return (
                    f"Removed profile {name}; its keyring entry could not be deleted ({error}). "
                    f"Delete it with your keyring tool: service 'engtui', user '{name}'."
                )
            if deleted:
                return f"Removed profile {name} and its secret from the keyring."
            return f"Removed profile {name}."

    def set_default(self, name: str | None) -> str:
        """Make ``name`` the default profile (None: no default)."""
        with self._lock:
            self._change(lambda config: config.set_default(name))
        return f"Default profile: {name or 'none (environment)'}."

    def set_theme(self, name: str | None) -> None:
        """Keep ``name`` as the theme in the config file (None: the default theme)."""
        with self._lock:
            self._change(lambda config: config.set_theme(name))

    def _change(self, edit: Callable[[ConfigFile], T]) -> T:
        """Apply ``edit`` to the file as it is on disk now, under its lock, and save it
        (`ConfigFile.change`); afterwards ``config`` is what was saved, or what is on disk
        when the change was refused."""
        try:
            self.config, result = ConfigFile.change(self.config.path, edit)
        except BaseException:
            self.reload()  # the in-memory file may no longer match the disk: start again
            raise
        self.loaded = True
        return result

    def _store(self, allow_insecure: bool | None = None) -> SecretStore:
        from engtui.profiles.secrets import SecretStore

        status = self.keyring
        if status is None:
            status = self.probe()
        insecure_ok = self.config.allow_insecure_keyring if allow_insecure is None else (
            allow_insecure
        )
        return SecretStore(status, allow_insecure=insecure_ok)


_SHORT_SECRET = (
    ("stored in", "in keyring"),
    ("kept for this run", "this run only"),
    ("missing", "MISSING"),
    ("no secret for this run", "none (no keyring)"),
    ("could not", "unreadable"),
    ("keyring not checked", "…"),
)


def _short_environment(credentials: str) -> str:
    """`describe_credentials` for "no profile", short enough for a table cell."""
    text = credentials.removeprefix("environment: ").replace("aws profile", "AWS profile")
    if text.startswith("no credentials"):
        return "none found (boto3's default chain)"
    return text


__all__ = ["ProfileManager"]
