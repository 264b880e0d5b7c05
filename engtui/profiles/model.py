"""What a profile is: its settings and their checks, and the errors about the config file.

A profile is validated when it is built (:class:`Profile` raises :class:`ProfileValueError`),
so no other module meets a bad value. No file is read here: see
:mod:`engtui.profiles.config_file` for the file and its format.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from engtui.api.identifiers import CATALOGS
from engtui.api.settings import ENVIRONMENT, RETRY_MODES

PROFILE_ENV = "ENGTUI_PROFILE"

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


class UnusableProfileError(UnknownProfileError):
    """A profile that is in the config file but cannot be used: one of its values is
    invalid. It is never replaced by another profile or the environment: it is refused,
    with its name and what is wrong (``problems``)."""

    def __init__(self, name: str, problems: Iterable[str]) -> None:
        self.name = name
        self.known = []
        self.problems = list(problems)
        detail = "; ".join(self.problems) or "it has errors"
        LookupError.__init__(
            self,
            f"profile {name!r} cannot be used: {detail}. Fix it in the config file "
            "(`engtui doctor` shows where), or pick another with --profile",
        )


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


def _check_positive(what: str) -> Callable[[object], str | None]:
    """A check that a value is a finite number greater than 0 (``what``: its unit)."""
    def check(value: object) -> str | None:
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or value <= 0
        ):
            return f"must be a number of {what} greater than 0"
        return None

    return check


_check_seconds = _check_positive("seconds")
_check_rate = _check_positive("reads a second")


def _check_attempts(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        return "must be a whole number of at least 1"
    return None


def _check_bool(value: object) -> str | None:
    if not isinstance(value, bool):
        return "must be true or false"
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
    # The call budget (engtui.api.budget) for an account with raised quotas; unset: the
    # documented 10 reads a second and 100,000 per rolling 24 hours.
    "reads_per_second": _check_rate,
    "reads_per_day": _check_attempts,
    # The TUI prefetches the record under a resting cursor (engtui.screens.prefetch).
    "prefetch": _check_bool,
}
PROFILE_KEYS: tuple[str, ...] = tuple(_FIELD_CHECKS)
"""The keys a ``[profiles.NAME]`` table may hold, in the order engtui writes them."""


def check_profile_name(name: object) -> str | None:
    """Return why ``name`` cannot be a profile name, or None when it can."""
    if not isinstance(name, str) or not re.fullmatch(_NAME_RE, name):
        return ("a profile name is 1-64 ASCII letters (A-Z, a-z), digits, '-' or '_', starting "
                "with a letter or digit")
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
    reads_per_second: float | None = None
    reads_per_day: int | None = None
    prefetch: bool | None = None

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



class FileProblem(NamedTuple):
    """A problem in a file, as plain data: the file, the 1-based line (None: unknown) and
    a sentence that never quotes a value from the file."""

    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"
