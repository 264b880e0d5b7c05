"""Non-interactive commands (``engtui profiles ...``, ``engtui doctor``).

Each command module exposes ``add_arguments(parser)`` and ``run(args) -> int``; the global
``--profile`` option arrives as ``args.profile``. :data:`COMMANDS` lists them for
``engtui.cli`` to wire as sub-commands; :func:`run_command` runs one on its own (tests).

Exit codes: 0 fine, 1 something is wrong (config file, unknown profile), 2 bad usage
(argparse), 3 the keyring is unusable or failed. Output is plain text; secrets are never
printed, and access key ids only as ``AKIA...WXYZ``.

This package imports no textual and no boto3.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Mapping, Sequence
from typing import TextIO

from engtui.config.aws_profiles import AwsProfiles, env_aws_profile
from engtui.config.profiles import ConfigFile, Profile
from engtui.config.secrets import (
    DEFAULT_PROBE_TIMEOUT,
    KeyringKind,
    KeyringStatus,
    SecretStore,
    SecretStoreError,
)

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_USAGE = 2
EXIT_KEYRING = 3

COMMANDS: dict[str, tuple[str, str]] = {
    "profiles": ("engtui.commands.profiles", "list, show, add, remove profiles; set the default"),
    "doctor": ("engtui.commands.doctor", "check the config file, the keyring and the profiles"),
}
"""Sub-command name -> (module, one-line help)."""


def run_command(name: str, argv: Sequence[str], *, profile: str | None = None) -> int:
    """Parse ``argv`` for command ``name`` and run it, as ``engtui [--profile P] name argv``."""
    module = importlib.import_module(COMMANDS[name][0])
    parser = argparse.ArgumentParser(prog=f"engtui {name}")
    parser.add_argument("--profile", default=profile, help="the profile to use")
    module.add_arguments(parser)
    return int(module.run(parser.parse_args(list(argv))))


# --- helpers shared by the commands -------------------------------------------------------


def add_keyring_timeout(parser: argparse.ArgumentParser) -> None:
    """The ``--keyring-timeout SECONDS`` option (how long the keyring probe may take)."""
    parser.add_argument(
        "--keyring-timeout",
        type=float,
        default=DEFAULT_PROBE_TIMEOUT,
        metavar="SECONDS",
        help="give up on an unresponsive keyring after this long (default %(default)s)",
    )


def stdout() -> TextIO:
    """The current ``sys.stdout`` (looked up at call time, so captures work)."""
    return sys.stdout


def error(message: str) -> None:
    """Print ``error: MESSAGE`` on stderr."""
    print(f"error: {message}", file=sys.stderr)


def warn(message: str) -> None:
    """Print ``warning: MESSAGE`` on stderr."""
    print(f"warning: {message}", file=sys.stderr)


def report_config(config: ConfigFile) -> bool:
    """Print the config file's errors and warnings on stderr; True when it has no errors."""
    for problem in config.warnings:
        warn(str(problem))
    for problem in config.errors:
        error(str(problem))
    return config.ok


def mask_key_id(access_key_id: str) -> str:
    """``AKIA...WXYZ``: the kind prefix and the last four characters only."""
    if len(access_key_id) >= 12:
        return f"{access_key_id[:4]}...{access_key_id[-4:]}"
    return f"...{access_key_id[-4:]}"


def describe_credentials(
    profile: Profile | None, aws: AwsProfiles, environ: Mapping[str, str] | None = None
) -> tuple[str, str | None]:
    """Where a profile's (None: no profile's) credentials come from, and a problem if any."""
    env = os.environ if environ is None else environ
    if profile is not None and profile.aws_profile is not None:
        return _describe_aws_profile(profile.aws_profile, aws, "")
    if profile is not None and profile.access_key_id is not None:
        return f"static key {mask_key_id(profile.access_key_id)}, secret in the keyring", None
    if env.get("AWS_ACCESS_KEY_ID"):
        key = mask_key_id(env["AWS_ACCESS_KEY_ID"])
        return f"environment: AWS_ACCESS_KEY_ID {key} and AWS_SECRET_ACCESS_KEY", None
    selected = env_aws_profile(env)
    if selected:
        name, variable = selected
        return _describe_aws_profile(name, aws, f"environment: {variable}, ")
    if aws.get("default") is not None:
        return _describe_aws_profile("default", aws, "environment: ")
    return "environment: no credentials in the environment or ~/.aws (boto3's default chain)", None


def _describe_aws_profile(name: str, aws: AwsProfiles, prefix: str) -> tuple[str, str | None]:
    found = aws.get(name)
    if found is not None:
        return f"{prefix}aws profile {name} ({found.kind})", None
    problem = (
        f"aws profile {name!r} is not in {aws.config_file} or {aws.credentials_file}"
        if aws.config_file
        else f"aws profile {name!r} not found"
    )
    return f"{prefix}aws profile {name} (NOT FOUND)", problem


def describe_keyring(status: KeyringStatus) -> str:
    """``BACKEND (KIND: REASON)`` for one-line messages."""
    return f"{status.backend_name} ({status.kind}: {status.reason})"


def secret_state(
    profile: Profile, status: KeyringStatus, allow_insecure: bool
) -> tuple[str, str | None]:
    """Whether a static-key profile's secret is in the keyring, and a problem if any.

    Reads the entry to know it is there, but never returns or prints the secret.
    """
    if not status.allows_storing(allow_insecure):
        reason = "insecure and not allowed" if status.kind is KeyringKind.INSECURE else "unusable"
        return f"not checked: keyring {status.backend_name} is {reason}", None
    try:
        found = SecretStore(status, allow_insecure=allow_insecure).load(profile.name) is not None
    except SecretStoreError as exc:
        return f"could not be read: {exc}", f"profile {profile.name!r}: {exc}"
    where = f"keyring ({status.backend_name})"
    if found:
        return f"stored in {where}", None
    return (
        f"missing from {where}",
        f"profile {profile.name!r}: its secret is missing from the {where}",
    )
