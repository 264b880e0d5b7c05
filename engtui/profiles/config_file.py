"""Named profiles in engtui's TOML config file.

The file lives at :func:`engtui.local.paths.config_path` (``$ENGTUI_CONFIG``, else
``config.toml`` in the platformdirs config folder: ``~/.config/engtui/config.toml`` on
Linux, moved by ``XDG_CONFIG_HOME``). It holds settings only; secrets live in the OS keyring
(see :mod:`engtui.profiles.secrets`). Example::

    # Which profile engtui uses when neither --profile nor ENGTUI_PROFILE picks one.
    default_profile = "prod"

    # Allow storing secrets in a plaintext keyring backend (keyrings.alt). Off by default.
    allow_insecure_keyring = false

    # The colour theme (ctrl+p, "Change theme" saves it here); an unknown name is reported
    # at start and the default theme is used.
    theme = "nord"

    [profiles.prod]
    aws_profile = "partner-prod"     # a named profile from ~/.aws/config (SSO, role, process)
    region = "us-east-1"
    catalog = "AWS"                  # AWS or Sandbox

    [profiles.sandbox]
    access_key_id = "AKIAIOSFODNN7EXAMPLE"  # the secret key is in the keyring, never here
    catalog = "Sandbox"
    endpoint_url = "http://127.0.0.1:8080"  # optional
    connect_timeout = 5              # seconds, optional
    read_timeout = 30                # seconds, optional
    max_attempts = 5                 # optional, at least 1
    retry_mode = "adaptive"          # standard, adaptive or legacy; optional

Keys of a ``[profiles.NAME]`` table:

==================  ========================================================================
``aws_profile``     credentials come from this AWS named profile (boto3 resolves SSO,
                    ``credential_process``, assume-role, static keys)
``access_key_id``   a static access key; its secret access key (and optional session
                    token) are stored in the keyring under service ``engtui``, user NAME
``region``          AWS region; when absent the usual AWS rules apply (``us-east-1`` last)
``catalog``         ``AWS`` (default) or ``Sandbox``
``endpoint_url``    another endpoint for the Partner Central API (``http(s)://...``)
``connect_timeout`` seconds (number > 0)
``read_timeout``    seconds (number > 0)
``max_attempts``    integer >= 1
``retry_mode``      ``standard``, ``adaptive`` or ``legacy``
==================  ========================================================================

A profile has at most one of ``aws_profile`` and ``access_key_id``; with neither, boto3's
usual environment resolution is used (``AWS_PROFILE``, ``AWS_ACCESS_KEY_ID``, ...). Profile
names are 1-64 ASCII letters, digits, ``-`` and ``_``; ``environment`` is reserved and means "no
profile".

The active profile is ``--profile NAME``, else ``$ENGTUI_PROFILE``, else ``default_profile``,
else none ("environment").

Reading uses the standard library's ``tomllib`` (fast: engtui reads the file on every start);
the first edit parses the same text again with tomlkit, so edits keep the user's comments and
layout. Writes are atomic (temporary file, fsync, ``os.replace``), mode 0600 in a 0700
folder. A file that does not parse or holds invalid values is reported with its path, line
and column and is never overwritten: every change is refused until the user fixes it.
Unknown keys are reported as warnings, not errors.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from engtui.local.paths import (
    LockTimeout,
    atomic_write,
    config_path,
    describe_os_error,
    file_lock,
    read_if_present,
)
from engtui.local.reading import read_regular_file
from engtui.profiles.model import (
    ENVIRONMENT,
    PROFILE_ENV,
    PROFILE_KEYS,
    ActiveSelection,
    ConfigError,
    ConfigWarning,
    Profile,
    UnknownProfileError,
    UnusableProfileError,
)
from engtui.profiles.toml_positions import position, syntax_error
from engtui.profiles.validate import DEFAULT_PROFILE_KEY, PROFILES_KEY, THEME_KEY, check

if TYPE_CHECKING:
    import tomlkit

T = TypeVar("T")

TOO_DEEP = "nested too deeply to read (tables or arrays inside one another thousands deep)"


@dataclass
class ConfigFile:
    """The config file: read with tomllib; edited through tomlkit so comments and layout stay.

    Use :meth:`load`; it never raises for a bad file: problems are in :attr:`errors` (a
    syntax error leaves no profiles; an invalid profile is left out, the others load) and
    unknown keys in :attr:`warnings`. While there are errors, every change and :meth:`save`
    raise :class:`ConfigError`, so a broken file is never overwritten.
    """

    path: Path
    errors: list[ConfigError] = field(default_factory=list)
    warnings: list[ConfigWarning] = field(default_factory=list)
    default_profile: str | None = None
    allow_insecure_keyring: bool = False
    theme: str | None = None
    _profiles: dict[str, Profile] = field(default_factory=dict, repr=False)
    _unusable: dict[str, list[str]] = field(default_factory=dict, repr=False)
    unusable_default: str | None = None
    """``default_profile`` when it names a profile with an invalid value (refused)."""
    unread: bool = False
    """The file exists but could not be read or parsed (its default is unknown)."""
    _doc: tomlkit.TOMLDocument | None = field(default=None, repr=False)
    _loaded: bytes | None = field(default=None, repr=False)

    # --- loading ---------------------------------------------------------------------------

    @classmethod
    def load(cls, path: Path | None = None) -> ConfigFile:
        """Read the config file (``config_path()`` by default). A missing file is empty."""
        path = config_path() if path is None else Path(path)
        config = cls(path=path)
        raw, why = read_if_present(path)
        if raw is None:
            if why:
                config.errors.append(ConfigError(f"cannot read: {why}", path=path))
                config.unread = True
            return config
        config._loaded = raw
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line, column = position(raw[: exc.start].decode("utf-8", "replace"))
            config.errors.append(
                ConfigError("not valid UTF-8 text", path=path, line=line, column=column)
            )
            config.unread = True
            return config
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            config.errors.append(syntax_error(text, exc, path))
            config.unread = True
            return config
        except RecursionError:  # tomllib recurses once per level of nesting
            config.errors.append(ConfigError(TOO_DEEP, path=path))
            config.unread = True
            return config
        found = check(data, text, path)
        config._profiles = found.profiles
        config.default_profile = found.default_profile
        config.allow_insecure_keyring = found.allow_insecure_keyring
        config.theme = found.theme
        config._unusable, config.unusable_default = found.unusable, found.unusable_default
        config.errors, config.warnings = found.errors, found.warnings
        return config

    @classmethod
    def change(cls, path: Path, edit: Callable[[ConfigFile], T]) -> tuple[ConfigFile, T]:
        """Read the file afresh, apply ``edit`` to it and save it, all under the file's lock
        (:func:`engtui.local.paths.file_lock`): the one way engtui changes the file, so N
        parallel changes keep N changes. Returns the saved file and what ``edit`` returned;
        raises :class:`ConfigError` (nothing written) when the edit or the save is refused.
        """
        try:
            with file_lock(path):
                config = cls.load(path)
                result = edit(config)
                config.save()
        except LockTimeout as exc:
            raise ConfigError(f"{exc}; try again", path=path) from None
        except OSError as exc:  # the lock file could not be made: a read-only or full disk
            raise ConfigError(
                f"cannot change the file: {describe_os_error(exc)}; it was not changed", path=path
            ) from None
        return config, result

    # --- reading ---------------------------------------------------------------------------

    @property
    def exists(self) -> bool:
        """True when the file existed when it was loaded (or has been saved since)."""
        return self._loaded is not None

    @property
    def ok(self) -> bool:
        """True when the file has no errors (warnings are fine)."""
        return not self.errors

    @property
    def error(self) -> ConfigError | None:
        """The first error, if any."""
        return self.errors[0] if self.errors else None

    def list(self) -> list[Profile]:
        """The valid profiles, in file order."""
        return list(self._profiles.values())

    def names(self) -> list[str]:
        """The valid profiles' names, in file order."""
        return list(self._profiles)

    def get(self, name: str) -> Profile:
        """The profile called ``name``; :class:`UnknownProfileError` lists the known ones."""
        try:
            return self._profiles[name]
        except KeyError:
            if name in self._unusable:
                raise UnusableProfileError(name, self._unusable[name]) from None
            known = [*self._profiles, *(f"{other} (cannot be used)" for other in self._unusable)]
            raise UnknownProfileError(name, known) from None

    def __contains__(self, name: object) -> bool:
        return name in self._profiles

    def selection(
        self, cli_name: str | None = None, environ: Mapping[str, str] | None = None
    ) -> ActiveSelection:
        """Which profile name is active: ``--profile`` > ``ENGTUI_PROFILE`` > default."""
        env = os.environ if environ is None else environ
        if cli_name:
            return _selection(cli_name, "--profile")
        if env.get(PROFILE_ENV):
            return _selection(env[PROFILE_ENV], PROFILE_ENV)
        if self.default_profile or self.unusable_default:
            return ActiveSelection(self.default_profile or self.unusable_default,
                                   DEFAULT_PROFILE_KEY)
        return ActiveSelection(None, ENVIRONMENT)

    def resolve_active(
        self, cli_name: str | None = None, environ: Mapping[str, str] | None = None
    ) -> Profile | None:
        """The active profile, or None for plain boto3 environment resolution.

        Raises :class:`UnknownProfileError` when the chosen name is not a profile, and
        :class:`UnusableProfileError` (a subclass) when it is one with an invalid value: it
        is never replaced by the environment.
        """
        name = self.selection(cli_name, environ).name
        return None if name is None else self.get(name)

    # --- changing --------------------------------------------------------------------------

    def add(self, profile: Profile, *, make_default: bool | None = None) -> None:
        """Add a new profile. It becomes the default when asked (True), never when told not
        to (False); if nothing was said (None), only when it is the very first profile and no
        default was ever set (a later profile never moves every run to its account quietly,
        and ``set-default environment`` sticks)."""
        self._require_ok()
        if profile.name in self._profiles:
            raise ConfigError(f"a profile named {profile.name!r} already exists", path=self.path)
        import tomlkit

        profiles = self._profiles_table()
        table = tomlkit.table()
        for key, value in profile.settings().items():
            table[key] = value
        profiles[profile.name] = table
        first = not self._profiles
        self._profiles[profile.name] = profile
        if make_default or (make_default is None and first and not self.default_profile):
            self.set_default(profile.name)

    def update(self, profile: Profile) -> None:
        """Replace the settings of the existing profile ``profile.name``.

        Only changed keys are touched, so comments on the other lines stay.
        """
        self._require_ok()
        self.get(profile.name)
        table = self._profiles_table()[profile.name]
        wanted = profile.settings()
        for key in PROFILE_KEYS:
            if key not in wanted:
                if key in table:
                    del table[key]
            elif key not in table or table[key] != wanted[key]:
                table[key] = wanted[key]
        self._profiles[profile.name] = profile

    def remove(self, name: str) -> Profile:
        """Remove a profile (and ``default_profile`` if it named it); return it."""
        self._require_ok()
        profile = self.get(name)
        del self._profiles_table()[name]
        del self._profiles[name]
        if self.default_profile == name:
            self.set_default(None)
        return profile

    def set_default(self, name: str | None) -> None:
        """Make ``name`` the default profile; None removes ``default_profile``."""
        self._require_ok()
        doc = self._document()
        if name is None:
            if DEFAULT_PROFILE_KEY in doc:
                del doc[DEFAULT_PROFILE_KEY]
        else:
            self.get(name)
            doc[DEFAULT_PROFILE_KEY] = name
        self.default_profile = name

    def set_theme(self, name: str | None) -> None:
        """Keep ``name`` as the theme (``theme = ...``); None removes the key."""
        self._require_ok()
        doc = self._document()
        if name is None:
            if THEME_KEY in doc:
                del doc[THEME_KEY]
        else:
            doc[THEME_KEY] = name
        self.theme = name

    def render(self) -> str:
        """The file's text as :meth:`save` would write it."""
        if self._doc is None:  # never edited: the text as read
            return (self._loaded or b"").decode("utf-8")
        import tomlkit

        return tomlkit.dumps(self._doc)

    def save(self) -> None:
        """Write the file atomically (0600, folder 0700).

        Refused with :class:`ConfigError` while the file has errors, or when the file changed
        on disk since it was loaded (so an edit made meanwhile in an editor is not lost).
        """
        self._require_ok()
        try:
            on_disk: bytes | None = read_regular_file(self.path)
        except FileNotFoundError:
            on_disk = None
        except OSError as exc:
            raise ConfigError(f"cannot read the file: {describe_os_error(exc)}",
                              path=self.path) from None
        if on_disk != self._loaded:
            raise ConfigError(
                "the file changed on disk since engtui read it; not overwriting it "
                "(reload and make the change again)",
                path=self.path,
            )
        data = self.render().encode("utf-8")
        try:
            atomic_write(self.path, data)
        except OSError as exc:  # atomic_write kept the old file
            raise ConfigError(
                f"cannot write the file: {describe_os_error(exc)}; the old file is kept",
                path=self.path,
            ) from None
        self._loaded = data

    # --- helpers ---------------------------------------------------------------------------

    def _require_ok(self) -> None:
        if self.errors:
            raise ConfigError(
                "not changing the config file while it has errors; "
                f"fix it first ({self.errors[0]})",
                path=self.path,
            )

    def _document(self) -> tomlkit.TOMLDocument:
        """The file as a tomlkit document (parsed on the first edit; it keeps comments)."""
        if self._doc is None:
            import tomlkit
            import tomlkit.exceptions

            text = (self._loaded or b"").decode("utf-8")
            try:
                self._doc = tomlkit.parse(text)
            except tomlkit.exceptions.TOMLKitError as exc:  # tomllib read it; tomlkit did not
                raise ConfigError(f"cannot edit this file: {exc}", path=self.path) from None
            except RecursionError:
                raise ConfigError(TOO_DEEP, path=self.path) from None
        return self._doc

    def _profiles_table(self) -> Any:
        doc = self._document()
        if PROFILES_KEY not in doc:
            import tomlkit

            doc[PROFILES_KEY] = tomlkit.table(is_super_table=True)
        return doc[PROFILES_KEY]


def _selection(name: str, origin: str) -> ActiveSelection:
    return ActiveSelection(None if name == ENVIRONMENT else name, origin)

