"""The command line's shared options: the global options (one parent parser, attached to
the main parser and to every sub-command that connects, so each may come before or after
the sub-command) and ``--profile`` alone for the commands that take only it: declared once
in `GLOBAL_OPTIONS`, which builds them and tells `engtui.cli` which were given before a
command. Imports nothing heavy."""

from __future__ import annotations

import argparse
from typing import Any, NamedTuple

from engtui.api.settings import (
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_DEADLINE,
    DEFAULT_MAX_ATTEMPTS,
    DEFAULT_READ_TIMEOUT,
    RETRY_MODES,
)


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("must be greater than 0")
    return value


def _attempts(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 1 <= value <= 20:
        raise argparse.ArgumentTypeError("must be between 1 and 20")
    return value


class GlobalOption(NamedTuple):
    """One global option: its flag, its group in ``--help`` (``general`` or ``connection``),
    its default (in the main parser), its help and the rest of its ``add_argument``."""

    flag: str
    group: str
    default: object
    help: str
    extra: dict[str, Any]

    @property
    def dest(self) -> str:
        return self.flag.removeprefix("--").replace("-", "_")

    @property
    def takes_value(self) -> bool:
        """Is the next word its value (``--region X``), rather than a switch (``--demo``)?"""
        return self.extra.get("action") != "store_true"


def _option(flag: str, group: str, default: object, help_text: str,
            **extra: Any) -> GlobalOption:
    return GlobalOption(flag, group, default, help_text, extra)


GLOBAL_OPTIONS = (
    _option("--demo", "general", False,
            "use the built-in demo endpoint and its sample data (with no command: browse it)",
            action="store_true"),
    _option("--no-quota", "general", False,
            "with --demo: the demo endpoint never throttles (it answers ThrottlingException "
            "beyond 10 reads a second, as the service)", action="store_true"),
    _option("--evolve", "general", None,
            "with --demo: every SECONDS the demo endpoint gets a new pending invitation and "
            "a new task (some failing), for trying watch (w, engtui list --watch)",
            metavar="SECONDS", type=_positive_float),
    _option("--debug", "general", False,
            "log every API call (sensitive fields masked, never a secret) to engtui.log in the "
            "log folder (~/.local/state/engtui/log on Linux)", action="store_true"),
    _option("--redact", "general", False,
            "privacy mode: the values the service model marks sensitive (names, emails, "
            "phones, company names, account ids) are masked (in the browser, F9 toggles it)",
            action="store_true"),
    _option("--profile", "connection", None,
            "engtui profile (or, if none has that name, AWS named profile) to use; default: "
            "ENGTUI_PROFILE, then the default profile, then the AWS environment",
            metavar="NAME"),
    _option("--region", "connection", None,
            "AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's region, "
            "us-east-1)", metavar="REGION"),
    _option("--endpoint-url", "connection", None,
            "endpoint URL (default: AWS_ENDPOINT_URL_PARTNERCENTRAL_SELLING)", metavar="URL"),
    _option("--catalog", "connection", None,
            "AWS or Sandbox (default: the profile's, else AWS; Sandbox with --demo)",
            metavar="CATALOG"),
    _option("--connect-timeout", "connection", None,
            f"connect timeout (default {DEFAULT_CONNECT_TIMEOUT:g})",
            metavar="SECONDS", type=_positive_float),
    _option("--read-timeout", "connection", None,
            f"read timeout (default {DEFAULT_READ_TIMEOUT:g})",
            metavar="SECONDS", type=_positive_float),
    _option("--deadline", "connection", None,
            f"most time one call may take in all, retries included "
            f"(default {DEFAULT_DEADLINE:g})", metavar="SECONDS", type=_positive_float),
    _option("--max-attempts", "connection", None,
            f"total attempts per call, retries included (default {DEFAULT_MAX_ATTEMPTS})",
            metavar="N", type=_attempts),
    _option("--retry-mode", "connection", None, "botocore retry mode (default standard)",
            choices=RETRY_MODES),
)
"""Every global option, in the order ``--help`` lists them: the one table that adds them
(`global_options`) and tells where they were given (`engtui.cli`)."""

_GROUP_TITLES = {"general": "global options (before or after the command)",
                 "connection": "connection"}


def global_options(defaults: bool) -> argparse.ArgumentParser:
    """The global options (`GLOBAL_OPTIONS`), one parent parser attached to the main parser
    (``defaults``) and to every sub-command that connects (``get``, ``list``), so each may
    come before or after the sub-command, as with the aws CLI. In a sub-command every default
    is ``SUPPRESS``: a value given there wins, and one given before the sub-command is not
    reset."""
    parent = argparse.ArgumentParser(add_help=False)
    groups = {name: parent.add_argument_group(title) for name, title in _GROUP_TITLES.items()}
    for option in GLOBAL_OPTIONS:
        groups[option.group].add_argument(
            option.flag, default=option.default if defaults else argparse.SUPPRESS,
            help=option.help, **option.extra)
    return parent


def profile_option() -> argparse.ArgumentParser:
    """``--profile`` alone, for the commands that take no other global option (doctor,
    profiles); ``SUPPRESS``: given before the command, it is not reset."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--profile", metavar="NAME", default=argparse.SUPPRESS,
                        help="engtui profile to use")
    return parent
