"""Named profiles in engtui's TOML config file.

The file lives at :func:`engtui.config.paths.config_path` (``$ENGTUI_CONFIG``, else
``config.toml`` in the platformdirs config folder: ``~/.config/engtui/config.toml`` on
Linux, moved by ``XDG_CONFIG_HOME``). It holds settings only; secrets live in the OS keyring
(see :mod:`engtui.config.secrets`). Example::

    # Which profile engtui uses when neither --profile nor ENGTUI_PROFILE picks one.
    default_profile = "prod"

    # Allow storing secrets in a plaintext keyring backend (keyrings.alt). Off by default.
    allow_insecure_keyring = false

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
names are 1-64 letters, digits, ``-`` and ``_``; ``environment`` is reserved and means "no
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

import dataclasses
import math
import os
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import urlsplit

from engtui.config.aws_profiles import AwsProfiles, env_aws_profile
from engtui.config.paths import atomic_write, config_path

if TYPE_CHECKING:
    import tomlkit

CATALOGS = ("AWS", "Sandbox")
RETRY_MODES = ("standard", "adaptive", "legacy")
PROFILE_ENV = "ENGTUI_PROFILE"
DEFAULT_REGION = "us-east-1"
ENDPOINT_ENVS = ("AWS_ENDPOINT_URL_PARTNERCENTRAL_SELLING", "AWS_ENDPOINT_URL")
REGION_ENVS = ("AWS_REGION", "AWS_DEFAULT_REGION")
ENVIRONMENT = "environment"
"""The reserved name meaning "no profile: plain boto3 environment resolution"."""

DEFAULT_PROFILE_KEY = "default_profile"
ALLOW_INSECURE_KEY = "allow_insecure_keyring"
PROFILES_KEY = "profiles"

# Patterns as strings: `re` compiles each on its first use (this module loads on every start).
_NAME_RE = r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}"
_ACCESS_KEY_ID_RE = r"(?a)\w{16,128}"
_REGION_RE = r"[a-z]{2,}(-[a-z0-9]+)+"
_SECRET_LOOKING_KEYS = frozenset(
    {"secret_access_key", "aws_secret_access_key", "session_token", "aws_session_token"}
)


class ConfigError(Exception):
    """A problem with the config file, with where it is.

    ``str()`` reads ``PATH:LINE:COLUMN: MESSAGE`` (the parts that are known). Messages name
    keys and the expected form, never the offending value (which could be a pasted secret).
    """

    def __init__(
        self,
        message: str,
        *,
        path: Path | None = None,
        line: int | None = None,
        column: int | None = None,
        key: str | None = None,
    ) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.key = key
        super().__init__(str(self))

    def __str__(self) -> str:
        where = [str(part) for part in (self.path, self.line, self.column) if part is not None]
        return ":".join([*where, f" {self.message}"]) if where else self.message


@dataclass(frozen=True)
class ConfigWarning:
    """Something in the config file engtui ignores (an unknown key, for example)."""

    message: str
    path: Path | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = ":".join(str(part) for part in (self.path, self.line) if part is not None)
        return f"{where}: {self.message}" if where else self.message


class UnknownProfileError(LookupError):
    """A profile name that is not in the config file."""

    def __init__(self, name: str, known: Iterable[str]) -> None:
        self.name = name
        self.known = sorted(known)
        if self.known:
            message = f"no profile named {name!r}; known profiles: {', '.join(self.known)}"
        else:
            message = f"no profile named {name!r}: no profiles are configured"
        super().__init__(message)

    def __str__(self) -> str:
        return str(self.args[0])


class ProfileValueError(ValueError):
    """A profile setting with a wrong type or value; ``key`` names the setting."""

    def __init__(self, key: str, message: str) -> None:
        self.key = key
        self.message = message
        super().__init__(f"{key}: {message}")


# --- field checks: each returns an error message, or None when the value is fine ----------


def _check_text(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip() or value != value.strip():
        return "must be a non-empty string without surrounding spaces"
    if any(ch in value for ch in "\r\n\t\x00"):
        return "must be a single line"
    return None


def _check_access_key_id(value: object) -> str | None:
    if not isinstance(value, str) or not re.fullmatch(_ACCESS_KEY_ID_RE, value):
        return "must be an AWS access key id: 16 to 128 letters, digits or underscores"
    return None


def _check_region(value: object) -> str | None:
    if not isinstance(value, str) or not re.fullmatch(_REGION_RE, value):
        return "must be an AWS region name such as us-east-1"
    return None


def _check_choice(choices: tuple[str, ...]) -> Callable[[object], str | None]:
    def check(value: object) -> str | None:
        if value not in choices:
            return f"must be one of: {', '.join(choices)}"
        return None

    return check


def _check_url(value: object) -> str | None:
    if isinstance(value, str) and _check_text(value) is None:
        parts = urlsplit(value)
        if parts.scheme in ("http", "https") and parts.netloc:
            return None
    return "must be an http:// or https:// URL"


def _check_seconds(value: object) -> str | None:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value <= 0
    ):
        return "must be a number of seconds greater than 0"
    return None


def _check_attempts(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        return "must be a whole number of at least 1"
    return None


_FIELD_CHECKS: dict[str, Callable[[object], str | None]] = {
    "aws_profile": _check_text,
    "access_key_id": _check_access_key_id,
    "region": _check_region,
    "catalog": _check_choice(CATALOGS),
    "endpoint_url": _check_url,
    "connect_timeout": _check_seconds,
    "read_timeout": _check_seconds,
    "max_attempts": _check_attempts,
    "retry_mode": _check_choice(RETRY_MODES),
}
PROFILE_KEYS: tuple[str, ...] = tuple(_FIELD_CHECKS)
"""The keys a ``[profiles.NAME]`` table may hold, in the order engtui writes them."""


def check_profile_name(name: object) -> str | None:
    """Return why ``name`` cannot be a profile name, or None when it can."""
    if not isinstance(name, str) or not re.fullmatch(_NAME_RE, name):
        return "a profile name is 1-64 letters, digits, '-' or '_', starting with a letter or digit"
    if name == ENVIRONMENT:
        return f"{ENVIRONMENT!r} is reserved: it means 'no profile'"
    return None


@dataclass(frozen=True)
class Profile:
    """One named profile. Construction validates every setting (``ProfileValueError``)."""

    name: str
    aws_profile: str | None = None
    access_key_id: str | None = None
    region: str | None = None
    catalog: str = "AWS"
    endpoint_url: str | None = None
    connect_timeout: float | None = None
    read_timeout: float | None = None
    max_attempts: int | None = None
    retry_mode: str | None = None

    def __post_init__(self) -> None:
        problem = check_profile_name(self.name)
        if problem:
            raise ProfileValueError("name", problem)
        for key, value in self.settings().items():
            problem = _FIELD_CHECKS[key](value)
            if problem:
                raise ProfileValueError(key, problem)
        if self.aws_profile is not None and self.access_key_id is not None:
            raise ProfileValueError(
                "access_key_id", "a profile has either aws_profile or access_key_id, not both"
            )

    @property
    def source(self) -> str:
        """Where credentials come from: ``aws_profile``, ``static`` or ``environment``."""
        if self.aws_profile is not None:
            return "aws_profile"
        if self.access_key_id is not None:
            return "static"
        return ENVIRONMENT

    @property
    def needs_secret(self) -> bool:
        """True for a static-key profile, whose secret lives in the keyring."""
        return self.access_key_id is not None

    def settings(self) -> dict[str, Any]:
        """The settings that are set (not None), in file order, without the name."""
        values = {key: getattr(self, key) for key in PROFILE_KEYS}
        return {key: value for key, value in values.items() if value is not None}

    def replace(self, **changes: Any) -> Profile:
        """A copy with some settings changed (validated like a new profile)."""
        return dataclasses.replace(self, **changes)


class ActiveSelection(NamedTuple):
    """Which profile is active and why: ``origin`` is ``--profile``, ``ENGTUI_PROFILE``,
    ``default_profile`` or ``environment`` (then ``name`` is None)."""

    name: str | None
    origin: str


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
    _profiles: dict[str, Profile] = field(default_factory=dict, repr=False)
    _doc: tomlkit.TOMLDocument | None = field(default=None, repr=False)
    _loaded: bytes | None = field(default=None, repr=False)

    # --- loading ---------------------------------------------------------------------------

    @classmethod
    def load(cls, path: Path | None = None) -> ConfigFile:
        """Read the config file (``config_path()`` by default). A missing file is empty."""
        path = config_path() if path is None else Path(path)
        config = cls(path=path)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return config
        except OSError as exc:
            config.errors.append(ConfigError(f"cannot read: {exc.strerror}", path=path))
            return config
        config._loaded = raw
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line, column = _position(raw[: exc.start].decode("utf-8", "replace"))
            config.errors.append(
                ConfigError("not valid UTF-8 text", path=path, line=line, column=column)
            )
            return config
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            config.errors.append(_syntax_error(text, exc, path))
            return config
        _Validator(config, text).run(data)
        return config

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
            raise UnknownProfileError(name, self._profiles) from None

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
        if self.default_profile:
            return ActiveSelection(self.default_profile, DEFAULT_PROFILE_KEY)
        return ActiveSelection(None, ENVIRONMENT)

    def resolve_active(
        self, cli_name: str | None = None, environ: Mapping[str, str] | None = None
    ) -> Profile | None:
        """The active profile, or None for plain boto3 environment resolution.

        Raises :class:`UnknownProfileError` when the chosen name is not a profile.
        """
        name = self.selection(cli_name, environ).name
        return None if name is None else self.get(name)

    # --- changing --------------------------------------------------------------------------

    def add(self, profile: Profile, *, make_default: bool = False) -> None:
        """Add a new profile. It becomes the default when asked, or when there is none."""
        self._require_ok()
        if profile.name in self._profiles:
            raise ConfigError(f"a profile named {profile.name!r} already exists", path=self.path)
        import tomlkit

        profiles = self._profiles_table()
        table = tomlkit.table()
        for key, value in profile.settings().items():
            table[key] = value
        profiles[profile.name] = table
        self._profiles[profile.name] = profile
        if make_default or not self.default_profile:
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
            on_disk: bytes | None = self.path.read_bytes()
        except FileNotFoundError:
            on_disk = None
        if on_disk != self._loaded:
            raise ConfigError(
                "the file changed on disk since engtui read it; not overwriting it "
                "(reload and make the change again)",
                path=self.path,
            )
        data = self.render().encode("utf-8")
        atomic_write(self.path, data)
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
        return self._doc

    def _profiles_table(self) -> Any:
        doc = self._document()
        if PROFILES_KEY not in doc:
            import tomlkit

            doc[PROFILES_KEY] = tomlkit.table(is_super_table=True)
        return doc[PROFILES_KEY]


class Setting(NamedTuple):
    """A resolved setting and where it came from (``origin``, for display)."""

    value: str | None
    origin: str


def resolve_region(
    profile: Profile | None,
    aws_profiles: AwsProfiles | None = None,
    environ: Mapping[str, str] | None = None,
) -> Setting:
    """The region a profile (None: no profile) uses, in this order: the profile's
    ``region``, ``AWS_REGION``, ``AWS_DEFAULT_REGION``, the AWS named profile's region
    (``aws_profile``, else ``AWS_PROFILE``/``AWS_DEFAULT_PROFILE``, else ``default``),
    ``us-east-1``."""
    env = os.environ if environ is None else environ
    if profile is not None and profile.region:
        return Setting(profile.region, "profile")
    for name in REGION_ENVS:
        if env.get(name):
            return Setting(env[name], name)
    from_env = env_aws_profile(env)
    aws_name = (profile.aws_profile if profile else None) or (from_env and from_env[0])
    aws_name = aws_name or "default"
    aws = aws_profiles.get(aws_name) if aws_profiles is not None else None
    if aws is not None and aws.region:
        return Setting(aws.region, f"aws profile {aws_name}")
    return Setting(DEFAULT_REGION, "default")


def resolve_endpoint(profile: Profile | None, environ: Mapping[str, str] | None = None) -> Setting:
    """The endpoint URL: the profile's ``endpoint_url``, then
    ``AWS_ENDPOINT_URL_PARTNERCENTRAL_SELLING``, then ``AWS_ENDPOINT_URL``; value None
    means the AWS endpoint of the region."""
    env = os.environ if environ is None else environ
    if profile is not None and profile.endpoint_url:
        return Setting(profile.endpoint_url, "profile")
    for name in ENDPOINT_ENVS:
        if env.get(name):
            return Setting(env[name], name)
    return Setting(None, "default")


def _selection(name: str, origin: str) -> ActiveSelection:
    return ActiveSelection(None if name == ENVIRONMENT else name, origin)


_TOMLLIB_POSITION = r"\s*\(at line (\d+), column (\d+)\)$|\s*\(at end of document\)$"


def _syntax_error(text: str, exc: tomllib.TOMLDecodeError, path: Path) -> ConfigError:
    """A tomllib syntax error as a ConfigError with a 1-based line and column.

    tomllib (3.11) puts the position only in its message: "... (at line 3, column 7)".
    """
    message = str(exc)
    match = re.search(_TOMLLIB_POSITION, message)
    if match is None:
        return ConfigError(f"not valid TOML: {message}", path=path)
    if match.group(1):
        line, column = int(match.group(1)), int(match.group(2))
    else:  # at the end of the document
        line, column = _position(text)
    return ConfigError(f"not valid TOML: {message[: match.start()]}", path=path,
                       line=line, column=column)


def _position(prefix: str) -> tuple[int, int]:
    """1-based line and column just after ``prefix``."""
    line = prefix.count("\n") + 1
    return line, len(prefix) - (prefix.rfind("\n") + 1) + 1


class _Validator:
    """Checks a parsed document and fills a ConfigFile's profiles, errors and warnings."""

    def __init__(self, config: ConfigFile, text: str) -> None:
        self.config = config
        self.locator = _Locator(text)

    def error(self, message: str, table: tuple[str, ...], key: str | None) -> None:
        line, column = self.locator.find(table, key)
        self.config.errors.append(
            ConfigError(message, path=self.config.path, line=line, column=column, key=key)
        )

    def warn(self, message: str, table: tuple[str, ...], key: str | None) -> None:
        line, _ = self.locator.find(table, key)
        self.config.warnings.append(ConfigWarning(message, path=self.config.path, line=line))

    def run(self, data: dict[str, Any]) -> None:
        config = self.config
        for key in data:
            if key not in (DEFAULT_PROFILE_KEY, ALLOW_INSECURE_KEY, PROFILES_KEY):
                self.warn(_unknown_key_message(key, "at the top level"), (), key)
        insecure = data.get(ALLOW_INSECURE_KEY, False)
        if isinstance(insecure, bool):
            config.allow_insecure_keyring = insecure
        else:
            self.error(f"{ALLOW_INSECURE_KEY} must be true or false", (), ALLOW_INSECURE_KEY)
        profiles = data.get(PROFILES_KEY, {})
        broken: set[str] = set()
        if isinstance(profiles, dict):
            for name, values in profiles.items():
                profile = self.profile(name, values)
                if profile is None:
                    broken.add(name)
                else:
                    config._profiles[name] = profile
        else:
            message = f"{PROFILES_KEY} must be a table of [profiles.NAME] tables"
            self.error(message, (), PROFILES_KEY)
        self.default(data.get(DEFAULT_PROFILE_KEY), broken)
        config.errors.sort(key=lambda e: e.line or 0)
        config.warnings.sort(key=lambda w: w.line or 0)

    def profile(self, name: str, values: object) -> Profile | None:
        table = (PROFILES_KEY, name)
        problem = check_profile_name(name)
        if problem:
            self.error(f"profile {name!r}: {problem}", table, None)
            return None
        if not isinstance(values, dict):
            self.error(f"profile {name!r} must be a table", (PROFILES_KEY,), name)
            return None
        settings: dict[str, Any] = {}
        failed = False
        for key, value in values.items():
            check = _FIELD_CHECKS.get(key)
            if check is None:
                self.warn(_unknown_key_message(key, f"in profile {name!r}"), table, key)
                continue
            problem = check(value)
            if problem:
                self.error(f"profile {name!r}: {key} {problem}", table, key)
                failed = True
            else:
                settings[key] = value
        if failed:
            return None
        try:
            return Profile(name=name, **settings)
        except ProfileValueError as exc:
            self.error(f"profile {name!r}: {exc.message}", table, exc.key)
            return None

    def default(self, name: object, broken: set[str]) -> None:
        if name is None:
            return
        if not isinstance(name, str):
            self.error(f"{DEFAULT_PROFILE_KEY} must be a profile name", (), DEFAULT_PROFILE_KEY)
        elif name in self.config._profiles:
            self.config.default_profile = name
        elif name not in broken:  # a broken profile already has its own error
            known = ", ".join(self.config._profiles) or "none"
            self.error(
                f"{DEFAULT_PROFILE_KEY} names {name!r}, which is not a profile (known: {known})",
                (),
                DEFAULT_PROFILE_KEY,
            )


def _unknown_key_message(key: str, where: str) -> str:
    if key.lower() in _SECRET_LOOKING_KEYS:
        return (
            f"{key!r} {where} is ignored: secrets do not belong in this file; remove it and "
            "store the secret with `engtui profiles add NAME --access-key-id ID`"
        )
    return f"unknown key {key!r} {where} is ignored"


class _Locator:
    """Finds the line and column of a key (or a table header) in TOML text.

    tomllib keeps no positions, so this reads the text line by line, tracking the current
    ``[table]`` header (parsed with tomllib so quoting is handled). Falls back to the
    table's header line, then to line 1.
    """

    _KEY_RE = r"""\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*="""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()

    def find(self, table: tuple[str, ...], key: str | None) -> tuple[int, int]:
        found = self._find(table, key) if key is not None else None
        if found is None and len(table) > 1:  # e.g. profiles = { a = { ... } }
            found = self._find(table[:-1], table[-1])
        return found or self._header(table) or (1, 1)

    def _find(self, table: tuple[str, ...], key: str) -> tuple[int, int] | None:
        current: tuple[str, ...] | None = ()
        for number, raw in enumerate(self.lines, 1):
            if raw.lstrip().startswith("["):
                current = _header_path(raw)
                continue
            if current != table:
                continue
            match = re.match(self._KEY_RE, raw)
            if match and key in match.groups():
                # 1-based column of the key, counting an opening quote as its start
                group = next(i for i in (1, 2, 3) if match.group(i) is not None)
                return number, match.start(group) + (1 if group == 3 else 0)
        return None

    def _header(self, table: tuple[str, ...]) -> tuple[int, int] | None:
        if not table:
            return None
        for number, raw in enumerate(self.lines, 1):
            if raw.lstrip().startswith("[") and _header_path(raw) == table:
                return number, len(raw) - len(raw.lstrip()) + 1
        return None


def _header_path(line: str) -> tuple[str, ...] | None:
    """The key path of a ``[a.b]`` header line, or None if it is not a plain table header."""
    try:
        data: Any = tomllib.loads(line.strip())
    except tomllib.TOMLDecodeError:
        return None
    path: list[str] = []
    while isinstance(data, dict) and len(data) == 1:
        key, data = next(iter(data.items()))
        path.append(key)
        if isinstance(data, list):  # [[array.of.tables]]: not something engtui reads
            return None
    return tuple(path)


__all__ = [
    "CATALOGS",
    "DEFAULT_REGION",
    "ENVIRONMENT",
    "PROFILE_ENV",
    "PROFILE_KEYS",
    "RETRY_MODES",
    "ActiveSelection",
    "ConfigError",
    "ConfigFile",
    "ConfigWarning",
    "Profile",
    "ProfileValueError",
    "Setting",
    "UnknownProfileError",
    "check_profile_name",
    "resolve_endpoint",
    "resolve_region",
]
