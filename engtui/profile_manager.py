"""What the TUI does with profiles, as blocking calls a worker runs off the UI thread.

The profiles screen, the command palette and the app never touch the config file or the
keyring themselves: they hold one :class:`ProfileManager` (owned by the app) and await its
methods in a daemon thread. It knows the config layer and `engtui.connection`; it never
imports textual or boto3.

It also owns the run's :class:`SessionSecrets` (shared with the credentials loaders that
`engtui.connection` builds), so a secret entered "for this run only" is found by the next
call and forgotten when engtui exits. A secret is never written anywhere but the keyring:
when the keyring is unusable, saving a static-key profile writes its settings and keeps the
secret in memory, or refuses, as the caller asks; it never falls back to a file.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING

from engtui.api.settings import ConnectionSettings
from engtui.config.aws_profiles import AwsProfiles, list_aws_profiles
from engtui.config.paths import config_path
from engtui.config.profiles import ENVIRONMENT, ConfigFile, Profile, resolve_region
from engtui.connection import settings_from_profile
from engtui.profile_model import PROBING, KeyringView, ProfileChange, ProfileEntry

if TYPE_CHECKING:  # keyring is imported by the worker that first needs it, not at start-up
    from engtui.config.secrets import KeyringStatus, SecretStore, SessionSecrets

PROBE_TIMEOUT = 3.0


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


def change_errors() -> tuple[type[Exception], ...]:
    """The errors a profile change reports in words (a bad config file, a keyring that
    refused, an unknown profile); anything else is a bug. For the screens, which must not
    import the secret store themselves."""
    from engtui.config.profiles import ConfigError, UnknownProfileError
    from engtui.config.secrets import SecretStoreError

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
            from engtui.config.secrets import SessionSecrets

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

    def settings_for(self, name: str | None) -> ConnectionSettings:
        """Connection settings for an engtui profile (None: the AWS environment)."""
        if name is None:
            return ConnectionSettings().resolved(self.environ)
        profile = self.config.get(name)
        return settings_from_profile(profile, self.config, self.session).resolved(self.environ)

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
        from engtui.config.secrets import KeyringProbe

        self.keyring = KeyringProbe(self.probe_timeout).start().wait()
        return self.keyring

    def reload(self) -> ConfigFile:
        """Read the config file again (after the user fixed it in an editor)."""
        self.config = ConfigFile.load(self.config.path)
        self.loaded = True
        return self.config

    def aws_profiles(self) -> AwsProfiles:
        return list_aws_profiles(self.environ)

    def entries(self) -> list[ProfileEntry]:
        """The rows of the profiles screen; reads the keyring to say whether a secret is there."""
        from engtui.commands import describe_credentials

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
        from engtui.commands import describe_credentials, mask_key_id

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
        from engtui.commands import secret_state

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
        from engtui.config.secrets import SecretStoreError

        config, profile = self.config, change.profile
        store = None
        if change.secret and not change.session_only:
            store = self._store()  # refuse before writing anything
        renamed = change.original is not None and change.original != profile.name
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
        if store is not None and change.secret:
            store.store(profile.name, change.secret, change.session_token)
        try:
            config.save()
        except BaseException:
            self.reload()  # the in-memory file no longer matches the disk: start again
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
        from engtui.config.secrets import SecretStoreError

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
        from engtui.config.secrets import SecretStoreError

        with self._lock:
            profile = self.config.get(name)
            self.config.remove(name)
            try:
                self.config.save()
            except BaseException:
                self.reload()
                raise
            self.session.delete(name)
            if not profile.needs_secret:
                return f"Removed profile {name}."
            try:
                deleted = self._store(allow_insecure=True).delete(name)
            except SecretStoreError as error:
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
            self.config.set_default(name)
            try:
                self.config.save()
            except BaseException:
                self.reload()
                raise
        return f"Default profile: {name or 'none (environment)'}."

    def _store(self, allow_insecure: bool | None = None) -> SecretStore:
        from engtui.config.secrets import SecretStore

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


__all__ = ["PROBING", "ProfileManager", "keyring_view"]
