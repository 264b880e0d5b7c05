"""Command line: argument parsing, the TUI launcher and the non-interactive commands.

``engtui`` with no command opens the TUI. Commands: ``get`` (print one engagement),
``demo-server`` (the local Partner Central endpoint), ``profiles`` and ``doctor``.
Imports are deferred to the command that needs them, so ``engtui get`` never loads Textual
and ``engtui --help`` loads neither Textual nor boto3.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn, TextIO

from engtui import __version__
from engtui.api.settings import ClientSettings
from engtui.cli_options import GLOBAL_OPTIONS, global_options, profile_option

EXIT_CODES_HELP = """\
exit codes (engtui get):
  0 ok · 1 unexpected · 2 invalid input · 3 not found · 4 access denied ·
  5 rejected by the service (validation) · 6 throttled · 7 service error (5xx) ·
  8 network · 9 credentials · 10 malformed reply
"""


class _Parser(argparse.ArgumentParser):
    """argparse's usage, help and error messages pass `printable_lines` on their way out
    (they quote input), through argparse's public methods."""

    def print_usage(self, file: TextIO | None = None) -> None:
        _write_message(self.format_usage(), file or sys.stdout)

    def print_help(self, file: TextIO | None = None) -> None:
        _write_message(self.format_help(), file or sys.stdout)

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            _write_message(message, sys.stderr)
        sys.exit(status)


def _write_message(message: str, file: TextIO) -> None:
    from engtui.textsafe import printable_lines

    with contextlib.suppress(AttributeError, OSError):  # as argparse: no stream, or closed
        file.write(printable_lines(message))


class SafeStream:
    """A text stream whose every write passes `engtui.textsafe.printable_lines`: installed
    as ``sys.stderr`` for the commands, so no error line (a service's ``__type`` code or
    message, a path, a traceback) can carry a control sequence to the terminal."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        from engtui.encodable import encodable
        from engtui.textsafe import printable_lines

        return self._stream.write(encodable(printable_lines(text), self._stream))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextlib.contextmanager
def safe_stderr() -> Iterator[None]:
    """``sys.stderr`` through `SafeStream` inside the block."""
    original = sys.stderr
    if original is None or isinstance(original, SafeStream):
        yield
        return
    sys.stderr = SafeStream(original)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stderr = original


def error_line(text: str) -> None:
    """One error line for the user, on stderr (always through `SafeStream`)."""
    from engtui.textsafe import printable

    print(f"engtui: error: {printable(' '.join(str(text).split()))}", file=sys.stderr)


def _id_help(argv: Sequence[str] | None) -> str:
    """``get``'s identifier, in words from the record kinds (`engtui.api.kinds.id_forms`),
    when ``get`` is on the command line (the kinds' import costs every other command)."""
    if "get" not in (sys.argv[1:] if argv is None else argv):
        return "an id or an ARN"
    from engtui.api.kinds import id_placeholder

    return id_placeholder()


def _kind_names() -> list[str]:
    """``--kind``'s choices: every record kind declared (`engtui.api.kinds.KINDS`)."""
    from engtui.api.kinds import KINDS

    return sorted(KINDS)


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The whole command line, with every command listed in ``--help``."""
    parser = _Parser(
        prog="engtui",
        description="Browse AWS Partner Central engagements from the terminal. "
                    "With no command, opens the interactive browser.",
        parents=[global_options(defaults=True)],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="commands:\n"
               + "".join(f"  {name:<12} {command.help}\n" for name, command in COMMANDS.items())
               + "\ntry it with no AWS account:  engtui --demo\n\n" + EXIT_CODES_HELP,
    )
    parser.add_argument("--version", action="version", version=f"engtui {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    get = sub.add_parser(
        "get", parents=[global_options(defaults=False)],
        help=COMMANDS["get"].help,
        description="Fetch one record (an engagement, invitation, opportunity, customer "
                    "account, or a resource snapshot by its ARN) and print it as a text tree, "
                    "or as JSON.",
        epilog=EXIT_CODES_HELP, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    get.add_argument("identifiers", nargs="+", metavar="ID",
                     help=_id_help(argv) + "; several are fetched at once (within the "
                          "quota) and printed in order; - reads them from standard input, "
                          "one a line")
    get.add_argument("--kind", metavar="KIND", default=None, choices=_kind_names(),
                     help="the record kind, when the id does not say it (aws_summary: an "
                          "opportunity's AWS summary, by the opportunity's id)")
    output = get.add_mutually_exclusive_group()
    output.add_argument("--output", choices=("json", "ndjson", "csv", "table"), default=None,
                        help="json, ndjson, csv (a row per record: its members, or the "
                             "query's keys), table (aligned columns for the terminal's "
                             "width); none: a text tree")
    output.add_argument("--json", action="store_true",
                        help="print the response as JSON (boto3 shape, ISO 8601 timestamps; "
                             "several ids: one array): --output json")
    output.add_argument("--url", action="store_true",
                        help="print the record's Partner Central console URL instead (no "
                             "call; opportunities of the AWS catalog)")
    output.add_argument("--ndjson", action="store_true",
                        help="print each record as one line of JSON: --output ndjson")
    get.add_argument("--query", metavar="EXPR", default=None,
                     help="a JMESPath expression applied to each record (as the aws CLI's "
                          "--query to a response; JSON unless --output says otherwise); "
                          "checked before any call")

    wanted = _wanted_command(argv)
    for name, spec in COMMANDS.items():
        if spec.module is None:
            continue
        parents = ([global_options(defaults=False)] if spec.takes_connection
                   else [profile_option()] if spec.takes_profile else [])
        command_parser = sub.add_parser(
            name, help=spec.help, description=spec.description or spec.help, parents=parents
        )
        if name == wanted:  # import a command's module only when it runs (start-up time)
            import importlib

            command = importlib.import_module(spec.module)
            command.add_arguments(command_parser)
            command_parser.set_defaults(run=command.run)
    return parser


class Command(NamedTuple):
    """A sub-command: its module (``add_arguments``/``run``; None: built into this module),
    its one-line help, whether it takes ``--profile``, and a longer description."""

    module: str | None
    help: str
    takes_profile: bool = False
    description: str = ""
    takes_connection: bool = False  # the global options, as `get` (demo, endpoint, catalog...)


COMMANDS = {
    "get": Command(None, "print records of any kind (tree, JSON, CSV, table)"),
    "list": Command(
        "engtui.commands.lists",
        "print every page of a list (JSON, NDJSON, CSV, table)",
        description="Print every page of a list as one JSON array (--json, the default), "
                    "one JSON object a line (--ndjson), CSV or a table (--output); --query "
                    "applies a JMESPath expression to the array. Same exit codes as get; on "
                    "failure nothing, or an unterminated array, is written; --max-items N "
                    "stops cleanly at N.",
        takes_connection=True,
    ),
    "diff": Command(
        "engtui.commands.diff",
        "print what changed between two records of one kind",
        description="Print what changed from REF_A to REF_B, field by field: two records of "
                    "one kind (two ids, or two resource snapshot ARNs ending in their "
                    "revisions; one snapshot ARN alone: against its previous revision). One "
                    "line a change, or --json: an array of {path, change, old, new}. Same "
                    "exit codes as get.",
        takes_connection=True,
    ),
    "timeline": Command(
        "engtui.commands.timeline",
        "print an engagement's timeline, oldest first",
        description="Print an engagement's timeline, oldest first: its creation and last "
                    "change, invitations received and sent, tasks, snapshot revisions, "
                    "snapshot jobs and associated opportunities (what has no date comes "
                    "last). One line an event, or --json: an array of {when, kind, event, "
                    "id, source, opens}. A source that fails is named on stderr and the "
                    "others are printed; exit codes are get's.",
        takes_connection=True,
    ),
    "demo-server": Command(
        "engtui.demo.command",
        "run the local demo endpoint with sample data",
        description="Run the local demo endpoint (AWS JSON 1.0, SigV4) with sample data; "
        "prints its URL, then serves until Ctrl+C.",
    ),
    "profiles": Command(
        "engtui.commands.profiles", "list, show, add, remove profiles; set the default", True
    ),
    "doctor": Command(
        "engtui.commands.doctor", "check the config file, the keyring and the profiles", True,
        takes_connection=True,  # the options of `get`: it resolves credentials as get does
    ),
    "completion": Command(
        "engtui.completion", "print a shell completion script (bash, zsh, fish)"
    ),
}
"""Every sub-command, in the order ``engtui --help`` lists them: the one list."""


def _wanted_command(argv: Sequence[str] | None) -> str | None:
    """The sub-command named on the command line, skipping the values of options."""
    return _split_command_line(argv)[0]


def _split_command_line(argv: Sequence[str] | None) -> tuple[str | None, list[str]]:
    """The sub-command named on the command line (None: none, or one built in here), and the
    options given before it (``--endpoint-url=URL`` as ``--endpoint-url``)."""
    tokens = list(sys.argv[1:] if argv is None else argv)
    with_values = {option.flag for option in GLOBAL_OPTIONS if option.takes_value}
    before: list[str] = []
    skip = False
    for token in tokens:
        if skip:
            skip = False
            continue
        if token.startswith("-"):
            before.append(token.split("=", 1)[0])
            skip = token in with_values
        else:
            return (token if token in COMMANDS and COMMANDS[token].module else None), before
    return None, before


def settings_from_args(args: argparse.Namespace) -> tuple[ClientSettings, str]:
    """Connection settings for the options given; the second value is a note for the user."""
    from engtui.profiles.active import ProfileNotFound, active_profile

    overrides = connection_overrides(args)
    demo_url = getattr(args, "demo_url", None)
    if demo_url is not None:  # `--demo`: the endpoint started by `demo_endpoint`
        from engtui.demo import demo_client_settings

        given = {key: value for key, value in overrides.items()
                 if value is not None and key != "endpoint_url"}
        return demo_client_settings(demo_url, **given), ""
    try:
        active = active_profile(getattr(args, "profile", None), overrides)
    except ProfileNotFound as error:  # unknown, or unusable (ProfileUnusable): exit 2
        raise UsageError(str(error)) from None
    if active.config.unread and active.profile is None and not getattr(args, "profile", None):
        # Its default profile, if any, is unknown: say that it is not the one in use.
        from engtui.textsafe import printable

        print(f"engtui: warning: {printable(str(active.config.errors[0]))}; its profiles are "
              "not used, running on the AWS environment.", file=sys.stderr)
    if active.overruled and getattr(args, "command", None) is not None:  # get, list, ...
        print(f"engtui: note: {active.overruled}", file=sys.stderr)  # which credentials won
    return active.settings, "; ".join(active.notes)


if TYPE_CHECKING:
    from engtui.app import EngtuiApp
    from engtui.demo.server import DemoServer


class UsageError(Exception):
    """Bad command-line input: printed as one line, exit code 2."""


def connection_overrides(args: argparse.Namespace) -> dict[str, object]:
    """The connection options given on the command line (None: not given)."""
    from engtui.api.identifiers import InvalidInput, parse_catalog

    overrides: dict[str, object] = {
        option: getattr(args, option, None)
        for option in ("region", "endpoint_url", "connect_timeout", "read_timeout",
                       "max_attempts", "retry_mode", "deadline")
    }
    if getattr(args, "catalog", None) is not None:  # "" is refused, not ignored
        try:
            overrides["catalog"] = parse_catalog(args.catalog)
        except InvalidInput as error:
            raise UsageError(str(error)) from None
    return overrides


def demo_server(args: argparse.Namespace) -> DemoServer:
    """The built-in demo endpoint of ``--demo``: it throttles beyond the service's quota (10
    reads a second per access key) unless ``--no-quota``; it evolves every ``--evolve``
    seconds (`engtui.demo.evolve`)."""
    from engtui.demo.quota import DEFAULT_QUOTA
    from engtui.demo.server import DemoServer

    return DemoServer(quota=None if getattr(args, "no_quota", False) else DEFAULT_QUOTA,
                      evolve=getattr(args, "evolve", None))


@contextlib.contextmanager
def demo_endpoint(args: argparse.Namespace) -> Iterator[None]:
    """With ``--demo``, the built-in demo endpoint runs inside the block and its URL is
    ``args.demo_url`` (`settings_from_args` then points at it). It brings its own endpoint
    and credentials, so ``--endpoint-url`` and ``--profile`` are refused with it."""
    if not getattr(args, "demo", False):
        yield
        return
    for option in ("endpoint_url", "profile"):
        if getattr(args, option, None) is not None:
            flag = "--" + option.replace("_", "-")
            raise UsageError(f"--demo brings its own endpoint and credentials: leave out {flag}")
    server = demo_server(args)
    args.demo_url = server.start()
    try:
        yield
    finally:
        server.stop()


def refuse_misplaced_globals(args: argparse.Namespace, argv: Sequence[str] | None) -> None:
    """A global option given before a command that does not take it (``engtui --demo
    profiles list``) is refused, never ignored; ``--profile`` is every command's that has it.
    (After the command, the command's own parser refuses what it does not know.) ``--evolve``
    without ``--demo`` has no endpoint to evolve: refused too."""
    if (getattr(args, "evolve", None) is not None and not getattr(args, "demo", False)
            and args.command != "demo-server"):
        raise UsageError("--evolve evolves the built-in demo endpoint: add --demo")
    spec = COMMANDS.get(args.command or "")
    if spec is None or spec.module is None or spec.takes_connection:
        return  # the browser, `get` and `list` take them all
    _, before = _split_command_line(argv)
    for option in GLOBAL_OPTIONS:
        if option.dest == "profile" and spec.takes_profile:
            continue
        if option.flag in before:
            takers = [name for name, taker in COMMANDS.items()  # get is built in: it takes them
                      if taker.takes_connection or taker.module is None]
            raise UsageError(f"{option.flag} applies to the browser, {', '.join(takers[:-1])} "
                             f"and {takers[-1]}, not {args.command}")


def tui_app(args: argparse.Namespace) -> EngtuiApp:
    """The TUI for these options. Unlike the commands, it starts even when the config file
    is broken or its default profile is gone, and shows the problem
    (`active_profile_for_tui`); a profile named for this run (``--profile``,
    ``ENGTUI_PROFILE``, ``AWS_PROFILE``) that does not exist is refused (exit 2)."""
    from engtui.app import EngtuiApp
    from engtui.profiles.active import ProfileNotFound, active_profile_for_tui
    from engtui.profiles.manager import ProfileManager
    from engtui.profiles.secrets import SessionSecrets

    session = SessionSecrets()  # shared by the app and the static-key credentials loader
    try:
        active, problems = active_profile_for_tui(
            getattr(args, "profile", None), connection_overrides(args), session=session
        )
    except ProfileNotFound as error:  # a name typed for this run: refused, as by `get`
        raise UsageError(str(error)) from None
    manager = ProfileManager(
        active.config, session,
        active=active.profile.name if active.profile is not None else None,
        problems=problems,
    )
    return EngtuiApp(active.settings, profiles=manager,
                     redact=bool(getattr(args, "redact", False)),
                     environment_note=active.overruled_short)


def run_tui(args: argparse.Namespace) -> int:
    """Open the TUI, only in a terminal (`engtui.launch`: the check and the signals)."""
    from engtui.app import EngtuiApp
    from engtui.launch import NO_TERMINAL, in_a_terminal, run_app

    if not in_a_terminal():
        error_line(NO_TERMINAL)
        return 2
    if not args.demo:
        return run_app(tui_app(args))
    catalog = settings_from_args(args)[0].catalog if args.catalog is not None else "Sandbox"
    server = demo_server(args)
    try:
        return run_app(EngtuiApp.for_demo(server.start(), catalog=catalog, redact=args.redact))
    finally:
        server.stop()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``engtui`` console script."""
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    try:
        refuse_misplaced_globals(args, argv)
    except UsageError as error:
        from engtui.textsafe import printable

        parser.exit(2, f"engtui: error: {printable(str(error))}\n")
    if args.command in (None, "get", "list"):  # errors are always logged; calls with --debug
        from engtui.api import call_log

        call_log.configure(debug=bool(getattr(args, "debug", False)))
    try:
        if args.command is None:
            return run_tui(args)
        with safe_stderr(), demo_endpoint(args):
            if args.command == "get":
                from engtui.get_command import run_get

                return run_get(args, error_line, settings_from_args)
            if COMMANDS[args.command].takes_connection:  # the settings, resolved here once
                args.settings = settings_from_args(args)[0]
            return int(args.run(args))
    except UsageError as error:
        from engtui.textsafe import printable

        parser.exit(2, f"engtui: error: {printable(str(error))}\n")
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `engtui get … | head`: the reader left; not an error
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return 141
    return 0
