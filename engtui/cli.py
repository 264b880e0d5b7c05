"""Command line: argument parsing, the TUI launcher and the non-interactive commands.

``engtui`` with no command opens the TUI. Commands: ``get`` (print one engagement),
``demo-server`` (the local Partner Central endpoint), ``profiles`` and ``doctor``.
Imports are deferred to the command that needs them, so ``engtui get`` never loads Textual
and ``engtui --help`` loads neither Textual nor boto3.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from engtui import __version__
from engtui.api.settings import (
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_MAX_ATTEMPTS,
    DEFAULT_READ_TIMEOUT,
    RETRY_MODES,
    ConnectionSettings,
)

EXIT_CODES_HELP = """\
exit codes (engtui get):
  0 ok · 1 unexpected · 2 invalid input · 3 not found · 4 access denied ·
  5 rejected by the service (validation) · 6 throttled · 7 service error (5xx) ·
  8 network · 9 credentials · 10 malformed reply
"""


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


def _connection_options(defaults: bool) -> argparse.ArgumentParser:
    """Options shared by the TUI and ``get``. Sub-commands must not reset what the main
    parser read, so there every default is ``SUPPRESS``."""
    parent = argparse.ArgumentParser(add_help=False)

    def default(value: object) -> object:
        return value if defaults else argparse.SUPPRESS

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
                       help="AWS or Sandbox (default: the profile's, else AWS)")
    group.add_argument("--connect-timeout", metavar="SECONDS", type=_positive_float,
                       default=default(None),
                       help=f"connect timeout (default {DEFAULT_CONNECT_TIMEOUT:g})")
    group.add_argument("--read-timeout", metavar="SECONDS", type=_positive_float,
                       default=default(None),
                       help=f"read timeout (default {DEFAULT_READ_TIMEOUT:g})")
    group.add_argument("--max-attempts", metavar="N", type=_attempts, default=default(None),
                       help=f"total attempts per call, retries included "
                            f"(default {DEFAULT_MAX_ATTEMPTS})")
    group.add_argument("--retry-mode", choices=RETRY_MODES, default=default(None),
                       help="botocore retry mode (default standard)")
    return parent


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, with every command listed in ``--help``."""
    parser = argparse.ArgumentParser(
        prog="engtui",
        description="Browse AWS Partner Central engagements from the terminal. "
                    "With no command, opens the interactive browser.",
        parents=[_connection_options(defaults=True)],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="commands:\n"
               "  get          print one engagement (JSON or a text tree)\n"
               "  demo-server  run the local demo endpoint\n"
               "  profiles     list, add, remove engtui profiles\n"
               "  doctor       check config, keyring and credentials\n\n"
               "try it with no AWS account:  engtui --demo\n\n" + EXIT_CODES_HELP,
    )
    parser.add_argument("--version", action="version", version=f"engtui {__version__}")
    parser.add_argument("--demo", action="store_true",
                        help="start the built-in demo endpoint and browse its sample data")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    get = sub.add_parser(
        "get", parents=[_connection_options(defaults=False)],
        help="print one engagement",
        description="Fetch one engagement and print it as a text tree, or as JSON.",
        epilog=EXIT_CODES_HELP, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    get.add_argument("identifier", help="eng-… id or engagement ARN")
    get.add_argument("--json", action="store_true",
                     help="print the response as JSON (boto3 shape, ISO 8601 timestamps)")

    demo = sub.add_parser(
        "demo-server", help="run the local demo endpoint",
        description="A local Partner Central Selling endpoint (AWS JSON 1.0, SigV4) with "
                    "sample data. Prints its URL, then serves until Ctrl+C.",
    )
    from engtui.demo import command as demo_command

    demo_command.add_arguments(demo)

    _add_optional_command(sub, "profiles", "engtui.commands.profiles",
                          "list, show, add, remove engtui profiles")
    _add_optional_command(sub, "doctor", "engtui.commands.doctor",
                          "check config, keyring and credentials")
    return parser


def _add_optional_command(sub: argparse._SubParsersAction, name: str, module: str,
                          text: str) -> None:
    import importlib

    try:
        command = importlib.import_module(module)
    except ImportError:
        return
    parser = sub.add_parser(name, help=text, description=text,
                            parents=[_profile_option()])
    command.add_arguments(parser)
    parser.set_defaults(run=command.run)


def _profile_option() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--profile", metavar="NAME", default=argparse.SUPPRESS,
                        help="engtui profile to use")
    return parent


def settings_from_args(args: argparse.Namespace) -> tuple[ConnectionSettings, str]:
    """Connection settings for the options given; the second value is a note for the user."""
    from engtui.api.identifiers import InvalidInput, parse_catalog
    from engtui.connection import ProfileNotFound, resolve_connection

    overrides: dict[str, object] = {
        option: getattr(args, option, None)
        for option in ("region", "endpoint_url", "connect_timeout", "read_timeout",
                       "max_attempts", "retry_mode")
    }
    if getattr(args, "catalog", None):
        try:
            overrides["catalog"] = parse_catalog(args.catalog)
        except InvalidInput as error:
            raise UsageError(str(error)) from None
    try:
        active = resolve_connection(getattr(args, "profile", None), overrides)
    except ProfileNotFound as error:
        raise UsageError(str(error)) from None
    return active.settings, "; ".join(active.notes)


class UsageError(Exception):
    """Bad command-line input: printed as one line, exit code 2."""


def run_tui(args: argparse.Namespace) -> int:
    from engtui.app import EngtuiApp

    if not args.demo:
        settings, note = settings_from_args(args)
        EngtuiApp(settings, note=note).run()
        return 0
    from engtui.demo.server import DemoServer

    catalog = settings_from_args(args)[0].catalog if args.catalog else "Sandbox"
    server = DemoServer()
    try:
        EngtuiApp.for_demo(server.start(), catalog=catalog).run()
    finally:
        server.stop()
    return 0


def run_get(args: argparse.Namespace) -> int:
    from engtui.api.errors import ApiError
    from engtui.api.identifiers import InvalidInput, parse_identifier

    try:
        ref = parse_identifier(args.identifier)
    except InvalidInput as error:
        print(f"engtui: error: {error}", file=sys.stderr)
        return 2
    settings, _ = settings_from_args(args)
    catalog = ref.catalog_from_arn or settings.catalog
    from engtui.api.service import EngagementService

    try:
        engagement = EngagementService(settings).get_engagement(catalog, ref.identifier)
    except ApiError as error:
        print(f"engtui: error: {error.one_line()}", file=sys.stderr)
        return error.kind.exit_code
    if args.json:
        from engtui.api.jsonout import dumps

        print(dumps(engagement.data))
    else:
        from engtui.api.field_tree import engagement_tree, render_text
        from engtui.textsafe import printable

        print(render_text(engagement_tree(engagement.data), printable))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``engtui`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            return run_tui(args)
        if args.command == "get":
            return run_get(args)
        if args.command == "demo-server":
            from engtui.demo import command as demo_command

            return demo_command.run(args)
        return int(args.run(args))
    except UsageError as error:
        parser.exit(2, f"engtui: error: {error}\n")
    except KeyboardInterrupt:
        return 130
    return 0
