"""Non-interactive commands (``engtui profiles ...``, ``engtui doctor``).

Each command module exposes ``add_arguments(parser)`` and ``run(args) -> int``; the global
``--profile`` option arrives as ``args.profile``. ``engtui.cli`` lists them (with their
help) and wires them as sub-commands; :func:`run_command` runs one on its own (tests).

Exit codes: 0 fine, 1 something is wrong (config file), 2 bad usage (argparse, a profile
name that names no profile), 3 the keyring is unusable or failed. Output is plain text;
secrets are never printed, and access key ids only as ``AKIA...WXYZ``.

This package imports no textual and no boto3.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import TextIO

from engtui.profiles.config_file import ConfigFile
from engtui.profiles.keyring_probe import DEFAULT_PROBE_TIMEOUT

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_USAGE = 2
EXIT_KEYRING = 3

def run_command(name: str, argv: Sequence[str], *, profile: str | None = None) -> int:
    """Parse ``argv`` for command ``name`` and run it, as ``engtui [--profile P] name argv``."""
    module = importlib.import_module(f"engtui.commands.{name}")
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


def usage_error(message: str) -> None:
    """Print ``engtui: error: MESSAGE`` on stderr, as argparse and ``engtui get`` word bad
    usage (exit code 2)."""
    print(f"engtui: error: {message}", file=sys.stderr)


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
