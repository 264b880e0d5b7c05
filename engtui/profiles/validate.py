"""The checks of a parsed config file: its profiles, and its errors and warnings with lines.

:func:`check` reads a document decoded by tomllib and returns what it found
(:class:`Checked`); it changes nothing else, so the config object stays free of the
diagnostics' machinery.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engtui.profiles.model import (
    _FIELD_CHECKS,
    _SECRET_LOOKING_KEYS,
    ConfigError,
    ConfigWarning,
    Profile,
    ProfileValueError,
    check_profile_name,
)
from engtui.profiles.toml_positions import Locator

DEFAULT_PROFILE_KEY = "default_profile"
ALLOW_INSECURE_KEY = "allow_insecure_keyring"
THEME_KEY = "theme"
PROFILES_KEY = "profiles"


@dataclass
class Checked:
    """What a config document holds: the valid profiles, the settings, the problems."""

    profiles: dict[str, Profile] = field(default_factory=dict)
    default_profile: str | None = None
    allow_insecure_keyring: bool = False
    theme: str | None = None
    unusable: dict[str, list[str]] = field(default_factory=dict)
    """Profiles with an invalid value: name → what is wrong (with the value when it is not
    one that could be a secret)."""
    unusable_default: str | None = None
    """``default_profile`` when it names one of them: refused, never replaced."""
    errors: list[ConfigError] = field(default_factory=list)
    warnings: list[ConfigWarning] = field(default_factory=list)


def check(data: dict[str, Any], text: str, path: Path) -> Checked:
    """Check a document (``data``, decoded from ``text``, read from ``path``)."""
    validator = _Validator(path, text)
    validator.run(data)
    return validator.found


class _Validator:
    """Checks a parsed document and collects its profiles, errors and warnings."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.found = Checked()
        self.locator = Locator(text)

    def error(self, message: str, table: tuple[str, ...], key: str | None) -> None:
        line, column = self.locator.find(table, key)
        self.found.errors.append(
            ConfigError(message, path=self.path, line=line, column=column, key=key)
        )

    def warn(self, message: str, table: tuple[str, ...], key: str | None) -> None:
        line, _ = self.locator.find(table, key)
        self.found.warnings.append(ConfigWarning(message, path=self.path, line=line))

    def run(self, data: dict[str, Any]) -> None:
        config = self.found
        for key in data:
            if key not in (DEFAULT_PROFILE_KEY, ALLOW_INSECURE_KEY, THEME_KEY, PROFILES_KEY):
                self.warn(_unknown_key_message(key, "at the top level"), (), key)
        theme = data.get(THEME_KEY)
        if isinstance(theme, str) and theme.strip():
            config.theme = theme.strip()  # whether engtui knows it is the app's to say
        elif theme is not None:  # a warning, not an error: the profiles still load and save
            self.warn(f"{THEME_KEY} must be a theme name (a string); ignored", (), THEME_KEY)
        insecure = data.get(ALLOW_INSECURE_KEY, False)
        if isinstance(insecure, bool):
            config.allow_insecure_keyring = insecure
        else:
            self.error(f"{ALLOW_INSECURE_KEY} must be true or false", (), ALLOW_INSECURE_KEY)
        profiles = data.get(PROFILES_KEY, {})
        broken: set[str] = set()
        if isinstance(profiles, dict):
            for name, values in profiles.items():
                before = len(config.errors)
                profile = self.profile(name, values)
                if profile is None:
                    broken.add(name)
                    if isinstance(name, str):
                        config.unusable[name] = [
                            _where(error, name) for error in config.errors[before:]]
                else:
                    config.profiles[name] = profile
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
            checker = _FIELD_CHECKS.get(key)
            if checker is None:
                self.warn(_unknown_key_message(key, f"in profile {name!r}"), table, key)
                continue
            problem = checker(value)
            if problem:
                self.error(f"profile {name!r}: {key} {problem}{_shown(key, value)}", table, key)
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
        elif name in self.found.profiles:
            self.found.default_profile = name
        elif name in broken:  # its own error says what is wrong; it is refused, not skipped
            self.found.unusable_default = name
        else:  # a broken profile already has its own error
            known = ", ".join(self.found.profiles) or "none"
            self.error(
                f"{DEFAULT_PROFILE_KEY} names {name!r}, which is not a profile (known: {known})",
                (),
                DEFAULT_PROFILE_KEY,
            )


def _where(error: ConfigError, name: str) -> str:
    """One problem of profile ``name``, with where it is (``PATH, line N``)."""
    text = error.message.removeprefix(f"profile {name!r}: ")
    place = f"{error.path}, line {error.line}" if error.line else str(error.path)
    return f"{text} ({place})"


SHOWN_VALUES = frozenset({"region", "catalog", "endpoint_url", "connect_timeout",
                          "read_timeout", "max_attempts", "retry_mode", "reads_per_second",
                          "reads_per_day", "prefetch"})
"""Keys whose wrong value is quoted in its error: none could hold a pasted secret (an
access key id field or an AWS profile name might)."""


def _shown(key: str, value: object) -> str:
    """`` (it is 'localhost:4566')`` for a key in `SHOWN_VALUES`, made printable."""
    if key not in SHOWN_VALUES:
        return ""
    from engtui.textsafe import printable

    text = value if isinstance(value, str) else repr(value)
    return f" (it is {printable(repr(text) if isinstance(value, str) else text, limit=120)})"


def _unknown_key_message(key: str, where: str) -> str:
    if key.lower() in _SECRET_LOOKING_KEYS:
        return (
            f"{key!r} {where} is ignored: secrets do not belong in this file; remove it and "
            "store the secret with `engtui profiles add NAME --access-key-id ID`"
        )
    return f"unknown key {key!r} {where} is ignored"
