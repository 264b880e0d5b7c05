"""``engtui list NAME`` (each list of `engtui.api.kinds.LISTS`, with the flags it
declares): every page of a list, as one JSON array (``--json``, the default, written as the
pages arrive) or one object a line (``--ndjson``), for scripts that would otherwise page the
aws CLI by hand. Exit codes are ``engtui get``'s: 2 for bad input (no request sent), the
error kind's code when a call fails. A failed list never looks like a result: before the
first item nothing is written on stdout; after it, the JSON array is left open (no ``]``),
so a reader that ignores the exit code fails to parse it instead of taking it for the whole
list; NDJSON lines are always whole. ``--max-items N`` (the aws CLI's name) stops at N
items: a complete array (or N lines), exit 0, and one line on stderr saying that more
exist. ``--query`` (JMESPath, on the array of items) and ``--output csv|table`` (the list's
declared columns, or the query's keys: `engtui.script_output`) write once every page is in,
nothing when a page fails. ``--watch SECONDS`` then prints what is new or changed, one
JSON line each, until interrupted (`engtui.commands.list_watch`)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from engtui.api.kinds import LIST_COMMANDS, LIST_NAMES
from engtui.api.list_queries import ListQuery
from engtui.api.records import ListFlag, ListKind

if TYPE_CHECKING:
    from engtui.script_output import Query


def error_line(text: str) -> None:
    """One error line on stderr, as ``engtui get`` writes it (API text made printable)."""
    from engtui.textsafe import printable

    print(f"engtui: error: {printable(' '.join(str(text).split()))}", file=sys.stderr)


class ListOption(NamedTuple):
    """One option of ``engtui list``: its flag, the lists it applies to (given for another
    list, it is refused: `misplaced_option`), and the rest of its ``add_argument``."""

    flag: str
    lists: tuple[str, ...]
    help: str
    extra: dict[str, Any]
    # A flag whose lists take different enums (``--status``): each list's own values in its
    # help, loaded when the help is printed (the help's ``%(values_by_list)s``).
    by_list: ValuesByList | None = None


def _help(owners: list[tuple[str, ListFlag]]) -> str:
    """``every list: oldest first``, or each list's own words (``engagements: ...; groups:
    ...``), then the model's values when the flag takes an enum."""
    by_words: dict[str, list[str]] = {}
    for name, flag in owners:
        by_words.setdefault(flag.help, []).append(name)
    if len(by_words) == 1 and len(owners) == len(LIST_NAMES):
        text = f"every list: {owners[0][1].help}"
    else:
        text = "; ".join(f"{', '.join(names)}: {words}" for words, names in by_words.items())
    # argparse fills in the choices when it prints the help (`ModelChoices` loads them then)
    return f"{text}; one of %(choices)s" if owners[0][1].enum else text


class ValuesByList:
    """The help of a flag several lists declare with their own enums (``--status`` of
    invitations, tasks, snapshot jobs, bulk jobs, a job's rows): each list's words and its
    own values from the model (``tasks: task status (repeatable), one of IN_PROGRESS,
    COMPLETE, FAILED``), loaded only when argparse prints the help, so building the parser
    loads no botocore."""

    def __init__(self, owners: list[tuple[str, ListFlag]]) -> None:
        self._owners = owners

    def __str__(self) -> str:
        parts = []
        for name, flag in self._owners:
            values = flag.choices()
            parts.append(f"{name}: {flag.help}"
                         + (f", one of {', '.join(values)}" if values else ""))
        return "; ".join(parts)


class ModelChoices:
    """The values a flag takes, from the model's enum (`ListFlag.choices`), loaded the first
    time argparse asks (a value to check, the help to print): building the parser, as shell
    completion does, loads no botocore. With none in the model, any value passes here (the
    query checks it). A flag several lists declare with different enums (``--status``) has
    none: each list's query checks its own values (`ValuesByList` says them in the help)."""

    def __init__(self, *flags: ListFlag) -> None:
        self._flags = flags
        self._values: tuple[str, ...] | None = None

    @property
    def values(self) -> tuple[str, ...]:
        if self._values is None:
            self._values = tuple(dict.fromkeys(
                value for flag in self._flags for value in flag.choices()))
        return self._values

    def __iter__(self) -> Iterator[str]:
        return iter(self.values)

    def __len__(self) -> int:
        return len(self.values)

    def __getitem__(self, index: int) -> str:
        return self.values[index]

    def __contains__(self, value: object) -> bool:
        return value in self.values or not self.values

    def spelling(self, text: str) -> str:
        """``text`` in the model's spelling when it is a value but for case (``pending`` is
        ``PENDING``); else as given, for argparse to refuse with the values."""
        return next((value for value in self.values
                     if value.lower() == text.strip().lower()), text)


def list_options() -> tuple[ListOption, ...]:
    """Every option of ``engtui list``, from the flags the lists declare (`ListKind.cli_flags`):
    one option per flag, owned by each list that declares it."""
    declared: dict[str, list[tuple[str, ListFlag]]] = {}
    for name, spec in LIST_COMMANDS.items():
        for flag in spec.cli_flags:
            declared.setdefault(flag.flag, []).append((name, flag))
    options = []
    for name, owners in declared.items():
        flag = owners[0][1]
        extra: dict[str, Any] = {}
        if flag.switch:
            extra.update(action="store_const", const=True)
        if flag.repeat:
            extra["action"] = "append"
        if flag.metavar or flag.enum:  # a metavar: argparse lists no choices in the usage
            extra["metavar"] = flag.metavar or flag.param.upper()
        lists = tuple(list_name for list_name, _ in owners)
        if len({owner.enum for _, owner in owners}) > 1:
            # Lists with different enums: no merged choices (a value of another list would
            # pass, a wrong one be refused with every list's values); each list's query
            # checks its own, case forgiven (`engtui.api.list_queries.checked_values`).
            options.append(ListOption(name, lists, "%(values_by_list)s", extra,
                                      ValuesByList(owners)))
            continue
        if flag.enum:
            choices = ModelChoices(*dict.fromkeys(owner for _, owner in owners if owner.enum))
            extra.update(choices=choices, type=choices.spelling)
        options.append(ListOption(name, lists, _help(owners), extra))
    return tuple(options)


# Which list owns which option: made from the declarations; it adds them and refuses them
# elsewhere. Every default is None, so a value given (even the default one) is seen as given.
LIST_OPTIONS = list_options()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``list`` options to ``parser``, from `LIST_OPTIONS`."""
    parser.add_argument("what", choices=LIST_NAMES, help="which list")
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--output", choices=OUTPUTS, default=None,
                     help="json (one array, the default), ndjson (one object a line), csv "
                          "(the list's columns, or the query's keys), table (aligned columns "
                          "for the terminal's width)")
    out.add_argument("--json", action="store_true", help="--output json")
    out.add_argument("--ndjson", action="store_true", help="--output ndjson")
    parser.add_argument("--query", metavar="EXPR", default=None,
                        help="a JMESPath expression applied to the array of items (as the aws "
                             "CLI's --query: '[?Status==`PENDING`].Id'); checked before any "
                             "call")
    for option in LIST_OPTIONS:
        action = parser.add_argument(option.flag, default=None, help=option.help,
                                     **option.extra)
        if option.by_list is not None:  # the help's %(values_by_list)s
            action.values_by_list = option.by_list  # type: ignore[attr-defined]
    parser.add_argument("--max-items", metavar="N", type=_positive, default=None,
                        help="every list: stop after N items (a complete array; a note on "
                             "stderr when more exist)")
    parser.add_argument("--watch", metavar="SECONDS", type=_positive, default=None,
                        help="every list: after the list, look again every SECONDS (longer "
                             "if needed to stay in the watch's share of the call budget) and "
                             "print each new or changed item as one JSON line with "
                             "\"change\": \"new\" or \"changed\", until Ctrl+C")


OUTPUTS = ("json", "ndjson", "csv", "table")
"""The forms of ``--output`` (``--json`` and ``--ndjson`` are the first two)."""


def output_of(args: argparse.Namespace) -> str:
    """The output form asked for: ``--output``, or its aliases ``--json``/``--ndjson``."""
    if getattr(args, "output", None):
        return str(args.output)
    return "ndjson" if getattr(args, "ndjson", False) else "json"


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return value


def _dest(flag: str) -> str:
    return flag.removeprefix("--").replace("-", "_")


def misplaced_option(args: argparse.Namespace) -> str | None:
    """The sentence refusing an option given for a list it does not apply to, or None."""
    for option in LIST_OPTIONS:
        if getattr(args, _dest(option.flag), None) is not None and args.what not in option.lists:
            owners = " and ".join(option.lists)
            lists = "lists" if len(option.lists) > 1 else "list"
            return f"{option.flag} applies to the {owners} {lists}, not {args.what}"
    return None


def query_of(args: argparse.Namespace) -> ListQuery:
    """The request the options describe (raises `InvalidInput`, also for an option of
    another list)."""
    from engtui.api.identifiers import InvalidInput

    refused = misplaced_option(args)
    if refused:
        raise InvalidInput(refused)
    spec = LIST_COMMANDS[args.what]
    if spec.cli_query is None:
        raise InvalidInput(f"the {args.what} list cannot be printed")
    given = {flag.param: value for flag in spec.cli_flags
             if (value := getattr(args, _dest(flag.flag), None)) is not None}
    return spec.cli_query(**given)


def _masker(query: ListQuery) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """Privacy mode (``--redact``) for one list: each item as the list screens show it in
    privacy mode (`engtui.api.redact.redact_list_item`: what the model marks sensitive, and
    the row's names inside its other text)."""
    from engtui.api.redact import redact_list_item

    def masked(item: dict[str, Any]) -> dict[str, Any]:
        part = query.part_of(item)  # a merged list's item: by the operation it came from
        return redact_list_item(item, part.operation, part.result_key)

    return masked


def run(args: argparse.Namespace) -> int:
    from engtui.api import merged_lists
    from engtui.api.errors import ApiError
    from engtui.api.identifiers import InvalidInput
    from engtui.api.jsonout import dumps
    from engtui.api.service import SellingService
    from engtui.script_output import QueryError
    from engtui.script_output import query_of as compile_query

    try:  # both checked before anything is sent
        expression = compile_query(args.query)
        query = query_of(args)
        if getattr(args, "watch", None) and expression is not None:
            raise InvalidInput("--watch prints each new or changed item as it is: "
                               "leave out --query")
    except (InvalidInput, QueryError) as error:
        error_line(str(error))
        return 2
    if query.note:  # what the list leaves out (prospecting tasks have no status)
        print(f"engtui: note: {query.note}.", file=sys.stderr)
    form = output_of(args)
    # JSON and NDJSON stream as the pages arrive; a query (on the whole array), CSV and a
    # table are written once every page is in (a failed list writes nothing of them).
    collected: list[dict[str, Any]] | None = (
        [] if expression is not None or form in ("csv", "table") else None)
    settings = args.settings  # resolved by engtui.cli from the connection options
    service = SellingService(settings)
    out = sys.stdout
    ndjson = form == "ndjson"
    limit: int | None = args.max_items
    count = 0
    more = False
    masked = _masker(query) if getattr(args, "redact", False) else None
    watching: int | None = getattr(args, "watch", None)
    first: list[dict[str, Any]] = []  # --watch: every item of the pages read (unmasked)
    pages = 0
    try:
        for number, items, more_pages in merged_lists.pages(service.list_pages, query,
                                                            settings.catalog):
            if watching:
                first.extend(items)
                pages = number
            taken = items if limit is None else items[:limit - count]
            for item in taken:
                if masked is not None:  # privacy mode: before the query and the form
                    item = masked(item)
                if collected is not None:
                    collected.append(item)
                elif ndjson:
                    out.write(dumps(item, indent=None) + "\n")
                else:
                    out.write(("," if count else "[") + "\n" + dumps(item))
                count += 1
            out.flush()
            if limit is not None and count >= limit:
                more = more_pages or len(items) > len(taken)
                break
    except ApiError as error:
        # The array stays open: a partial list must not parse as the whole one.
        if count and collected is None and not ndjson:
            out.write("\n")
            out.flush()
        error_line(error.one_line())
        return error.kind.exit_code
    if collected is not None:
        try:
            text = render(LIST_COMMANDS[args.what], query.operation, collected, expression,
                          form)
        except QueryError as error:
            error_line(str(error))
            return 2
        from engtui.encodable import encodable

        out.write(encodable(text, out, is_json=form in ("json", "ndjson")))
        out.flush()
    elif not ndjson:
        out.write("\n]\n" if count else "[]\n")
        out.flush()
    if more:
        print(f"engtui: stopped at --max-items {limit}; the list has more.", file=sys.stderr)
    if watching:
        from engtui.commands.list_watch import watch

        return watch(service, LIST_COMMANDS[args.what], query, settings.catalog, first, pages,
                     watching, masked, out, error_line)
    return 0


def render(spec: ListKind, operation: str, items: list[dict[str, Any]],
           expression: Query | None, form: str) -> str:
    """The whole output of a collected list: the query's result (on the array of items) in
    ``form``, or without a query the list's declared columns as CSV or a table."""
    import shutil

    from engtui import script_output as tabular
    from engtui.api.jsonout import dumps

    floors: list[int] | None = None
    keep: list[int] | None = None
    if expression is not None:
        result = expression.search(items)
        values = [] if result is None else result if isinstance(result, list) else [result]
        if form == "json":
            return dumps(result) + "\n"
        if form == "ndjson":
            return "".join(dumps(value, indent=None) + "\n" for value in values)
        columns, rows = tabular.rows_of(values)
    else:
        columns, rows = tabular.declared_rows(spec, operation, items)
        floors, keep = tabular.declared_table(spec, operation)
    if form == "csv":
        return tabular.csv_text(columns, rows)
    return tabular.table_text(columns, rows, shutil.get_terminal_size().columns, floors, keep)
