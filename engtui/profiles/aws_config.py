"""The AWS named profiles a user already has, from ``~/.aws/config`` and ``~/.aws/credentials``.

Honours ``AWS_CONFIG_FILE`` and ``AWS_SHARED_CREDENTIALS_FILE``. Section names follow
botocore: in the config file ``[default]`` and ``[profile NAME]`` are profiles while
``[sso-session X]``, ``[services X]`` and anything else are not; in the credentials file
every ``[NAME]`` is a profile. Each profile gets a kind, decided in the order botocore's
credential chain tries them: ``assume-role`` (``role_arn``), ``sso``, ``static`` (keys in
the credentials file), ``credential_process``, ``static`` (keys in the config file), else
``other``. Only key names and the region are kept: secret values are never held or shown.

This is the one reader of those files in engtui, and it reads them as botocore does: a
strict ``configparser`` (a section or a key that appears twice is an error, as in botocore,
which then refuses to build any client), ``[DEFAULT]`` keys shared by every section, paths
with ``~`` and ``$VARS`` expanded. A file botocore cannot read is reported in
:attr:`AwsProfiles.errors` with its path and line, never with a line's text (it may hold a
key); the client, the profiles screen and ``engtui doctor`` all report it from there.
"""

from __future__ import annotations

import configparser
import enum
import os
import shlex
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from engtui.local.reading import NotRegularFile, read_text_file
from engtui.profiles.model import FileProblem

CONFIG_ENV = "AWS_CONFIG_FILE"
CREDENTIALS_ENV = "AWS_SHARED_CREDENTIALS_FILE"
PROFILE_ENVS = ("AWS_PROFILE", "AWS_DEFAULT_PROFILE")


class AwsProfileKind(enum.StrEnum):
    """How boto3 would get credentials for an AWS named profile."""

    SSO = "sso"
    CREDENTIAL_PROCESS = "credential_process"
    ASSUME_ROLE = "assume-role"
    STATIC = "static"
    OTHER = "other"


@dataclass(frozen=True)
class AwsProfile:
    """An AWS named profile: its name, kind, region (if set) and the files it appears in."""

    name: str
    kind: AwsProfileKind
    region: str | None = None
    files: tuple[Path, ...] = ()


@dataclass(frozen=True)
class AwsProfiles:
    """The AWS named profiles found, by name (config file order, then credentials file)."""

    profiles: dict[str, AwsProfile] = field(default_factory=dict)
    config_file: Path | None = None
    credentials_file: Path | None = None
    errors: tuple[FileProblem, ...] = ()

    def names(self) -> list[str]:
        """The profile names."""
        return list(self.profiles)

    def get(self, name: str) -> AwsProfile | None:
        """The profile called ``name``, or None."""
        return self.profiles.get(name)


def aws_config_file(environ: Mapping[str, str] | None = None) -> Path:
    """``$AWS_CONFIG_FILE`` or ``~/.aws/config``."""
    env = os.environ if environ is None else environ
    return _expand(env.get(CONFIG_ENV) or "~/.aws/config")


def aws_credentials_file(environ: Mapping[str, str] | None = None) -> Path:
    """``$AWS_SHARED_CREDENTIALS_FILE`` or ``~/.aws/credentials``."""
    env = os.environ if environ is None else environ
    return _expand(env.get(CREDENTIALS_ENV) or "~/.aws/credentials")


def _expand(path: str) -> Path:
    """``~`` and ``$VARS`` expanded, as botocore does."""
    return Path(os.path.expanduser(os.path.expandvars(path)))


def env_aws_profile(environ: Mapping[str, str] | None = None) -> tuple[str, str] | None:
    """The AWS named profile the environment selects and the variable that does, if any."""
    env = os.environ if environ is None else environ
    for name in PROFILE_ENVS:
        if env.get(name):
            return env[name], name
    return None


def list_aws_profiles(environ: Mapping[str, str] | None = None) -> AwsProfiles:
    """Read both files (missing files are fine; unreadable ones are listed in ``errors``)."""
    config_file = aws_config_file(environ)
    credentials_file = aws_credentials_file(environ)
    errors: list[FileProblem] = []
    config_sections = _profile_sections(_read(config_file, errors), in_config=True)
    credential_sections = _profile_sections(_read(credentials_file, errors), in_config=False)

    profiles: dict[str, AwsProfile] = {}
    for name in [*config_sections, *credential_sections]:
        if name in profiles:
            continue
        from_config = config_sections.get(name, {})
        from_credentials = credential_sections.get(name, {})
        sources = ((config_file, config_sections), (credentials_file, credential_sections))
        files = tuple(path for path, sections in sources if name in sections)
        profiles[name] = AwsProfile(
            name=name,
            kind=_kind(from_config, from_credentials),
            region=from_credentials.get("region") or from_config.get("region") or None,
            files=files,
        )
    return AwsProfiles(profiles, config_file, credentials_file, tuple(errors))


def _read(path: Path, errors: list[FileProblem]) -> configparser.RawConfigParser | None:
    parser = configparser.RawConfigParser()  # strict, as botocore's
    try:
        parser.read_string(read_text_file(path), source=str(path))
    except (FileNotFoundError, NotADirectoryError):
        return None  # botocore: a missing file is no file
    except NotRegularFile as exc:
        if exc.what == "a folder":
            return None  # botocore: nor is a folder
        errors.append(FileProblem(path, None, f"cannot be read: {exc.what}, not a regular "
                                              "file (engtui does not wait on it)"))
        return None
    except OSError as exc:
        errors.append(FileProblem(path, None, f"cannot be read: {exc.strerror or exc}"))
        return None
    except UnicodeDecodeError:
        errors.append(FileProblem(path, None, "is not UTF-8 text; boto3 cannot read it"))
        return None
    except configparser.Error as exc:
        errors.append(_parse_problem(path, exc))
        return None
    return parser


def _parse_problem(path: Path, exc: configparser.Error) -> FileProblem:
    """What is wrong, in words, without a line's text (it could hold a key)."""
    line = getattr(exc, "lineno", None)
    if isinstance(exc, configparser.DuplicateSectionError):
        what = f"section [{exc.section}] appears twice"
    elif isinstance(exc, configparser.DuplicateOptionError):
        what = f"key {exc.option!r} appears twice in section [{exc.section}]"
    elif isinstance(exc, configparser.MissingSectionHeaderError):
        what = "a setting comes before the first [section] header"
    elif isinstance(exc, configparser.ParsingError):
        lines = [number for number, _ in getattr(exc, "errors", [])]
        line = line or (lines[0] if lines else None)
        what = "a line is neither a [section] header nor key = value"
    else:
        what = f"cannot be parsed ({type(exc).__name__})"
    return FileProblem(
        path, line, f"{what}; boto3 refuses the whole file, so no AWS call can be made "
        "until it is fixed"
    )


def _profile_sections(
    parser: configparser.RawConfigParser | None, *, in_config: bool
) -> dict[str, dict[str, str]]:
    """Profile name -> its keys, with secret values dropped (only their presence is kept)."""
    if parser is None:
        return {}
    sections: dict[str, dict[str, str]] = {}
    for section in parser.sections():
        name = _profile_name(section, in_config=in_config)
        if name is None:
            continue
        keys = sections.setdefault(name, {})
        for key, value in parser.items(section):
            keys[key] = value if key in _KEPT_VALUES else "<set>"
    return sections


_KEPT_VALUES = frozenset({"region"})


def _profile_name(section: str, *, in_config: bool) -> str | None:
    if not in_config:
        return section.strip() or None
    if section.strip() == "default":
        return "default"
    if not section.startswith("profile"):
        return None  # [sso-session x], [services x], stray sections: not profiles
    try:
        parts = shlex.split(section)
    except ValueError:
        return None
    if len(parts) == 2 and parts[0] == "profile":
        return parts[1]
    return None


def _kind(config: Mapping[str, str], credentials: Mapping[str, str]) -> AwsProfileKind:
    merged = {**config, **credentials}  # botocore merges both files into one profile
    if "role_arn" in merged:
        return AwsProfileKind.ASSUME_ROLE
    if {"sso_session", "sso_start_url", "sso_account_id"} & merged.keys():
        return AwsProfileKind.SSO
    if "aws_access_key_id" in credentials:
        return AwsProfileKind.STATIC
    if "credential_process" in merged:
        return AwsProfileKind.CREDENTIAL_PROCESS
    if "aws_access_key_id" in config:
        return AwsProfileKind.STATIC
    return AwsProfileKind.OTHER
