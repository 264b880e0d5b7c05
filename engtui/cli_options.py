"""The command line's shared options: the global options (one parent parser, attached to
the main parser and to every sub-command that connects, so each may come before or after
the sub-command) and ``--profile`` alone for the commands that take only it. Kept apart
from `engtui.cli` (the parser, the dispatch) so each stays small; imports nothing heavy."""

from __future__ import annotations

import argparse

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


def global_options(defaults: bool) -> argparse.ArgumentParser:
    """The global options, one parent parser attached to the main parser (``defaults``) and
    to every sub-command that connects (``get``, ``list``), so each may come before or after
    the sub-command, as with the aws CLI. In a sub-command every default is ``SUPPRESS``: a
    value given there wins, and one given before the sub-command is not reset."""
    parent = argparse.ArgumentParser(add_help=False)

    def default(value: object) -> object:
        return value if defaults else argparse.SUPPRESS

    general = parent.add_argument_group("global options (before or after the command)")
    general.add_argument("--demo", action="store_true", default=default(False),
                         help="use the built-in demo endpoint and its sample data (with no "
                              "command: browse it)")
    general.add_argument("--no-quota", action="store_true", default=default(False),
                         help="with --demo: the demo endpoint never throttles (it answers "
                              "ThrottlingException beyond 10 reads a second, as the service)")
    general.add_argument("--debug", action="store_true", default=default(False),
                         help="log every API call (sensitive fields masked, never a secret) "
                              "to engtui.log in the log folder (~/.local/state/engtui/log on "
                              "Linux)")
    general.add_argument("--redact", action="store_true", default=default(False),
                         help="privacy mode: the values the service model marks sensitive "
                              "(names, emails, phones, company names, account ids) are "
                              "masked (in the browser, F9 toggles it)")
    group = parent.add_argument_group("connection")
    group.add_argument("--profile", metavar="NAME", default=default(None),
                       help="engtui profile (or, if none has that name, AWS named profile) "
                            "to use; default: ENGTUI_PROFILE, then the default profile, "
                            "then the AWS environment")
    group.add_argument("--region", metavar="REGION", default=default(None),
                       help="AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the "
                            "profile's region, us-east-1)")
    group.add_argument("--endpoint-url", metavar="URL", default=default(None),
                       help="endpoint URL (default: AWS_ENDPOINT_URL_PARTNERCENTRAL_SELLING)")
    group.add_argument("--catalog", metavar="CATALOG", default=default(None),
                       help="AWS or Sandbox (default: the profile's, else AWS; Sandbox "
                            "with --demo)")
    group.add_argument("--connect-timeout", metavar="SECONDS", type=_positive_float,
                       default=default(None),
                       help=f"connect timeout (default {DEFAULT_CONNECT_TIMEOUT:g})")
    group.add_argument("--read-timeout", metavar="SECONDS", type=_positive_float,
                       default=default(None),
                       help=f"read timeout (default {DEFAULT_READ_TIMEOUT:g})")
    group.add_argument("--deadline", metavar="SECONDS", type=_positive_float,
                       default=default(None),
                       help=f"most time one call may take in all, retries included "
                            f"(default {DEFAULT_DEADLINE:g})")
    group.add_argument("--max-attempts", metavar="N", type=_attempts, default=default(None),
                       help=f"total attempts per call, retries included "
                            f"(default {DEFAULT_MAX_ATTEMPTS})")
    group.add_argument("--retry-mode", choices=RETRY_MODES, default=default(None),
                       help="botocore retry mode (default standard)")
    return parent



def profile_option() -> argparse.ArgumentParser:
    """``--profile`` alone, for the commands that take no other global option (doctor,
    profiles); ``SUPPRESS``: given before the command, it is not reset."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--profile", metavar="NAME", default=argparse.SUPPRESS,
                        help="engtui profile to use")
    return parent
