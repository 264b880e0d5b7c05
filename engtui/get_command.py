"""``engtui get ID [ID ...]``: fetch records of any kind and print them as text trees or JSON.

Its job is fetching and printing; `engtui.cli` builds the parser and dispatches to it. It is
not in `engtui.commands` (where ``list`` is) because that package loads the config file's
modules (tomlkit) and ``get`` loads only what one call needs (no textual, no tomlkit, no
listing modules: start-up time of the scripting path, checked by tests/unit/test_cli.py);
``error_line`` and ``settings_from_args`` come in from `engtui.cli` as arguments, so this
module never imports the CLI module (which imports the app).

One id prints its record (a JSON object with ``--json``); ``--url`` prints its console page
instead, without a call (see `_print_urls`). Several ids, or ``-`` (ids from
standard input, one a line; blank lines and ``#`` comments skipped), are fetched at once,
`CONCURRENCY` at a time within the profile's one call budget (`engtui.api.budget`: never
more than the service's quota), and printed in the order given: a JSON array with
``--json``, one JSON object a line with ``--ndjson``, else the trees one after the other. A
failure (a bad id, a missing record) is said on stderr, naming the id, without stopping the
others, and its record is left out. ``--query`` (JMESPath, `engtui.script_output`) applies
to each record, as the aws CLI's to each response (checked before anything is sent), and
prints JSON unless ``--output`` says otherwise; ``--output csv|table`` writes a row per
record (or per element of a query's array) once every record is in. Exit codes: 0 when
every id was printed, else the highest exit code among the failures (2 for bad input, the
error kind's otherwise: `engtui.api.errors`), so a script sees the worst of what happened.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from engtui.encodable import encodable

if TYPE_CHECKING:
    from engtui.api.records import Record, RecordRef
    from engtui.api.service import SellingService
    from engtui.api.settings import ClientSettings
    from engtui.script_output import Query

CONCURRENCY = 8
"""Requests in flight at once for several ids (the budget paces them at the quota)."""
MAX_IDS = 10_000
"""Ids one ``engtui get`` takes (a day's quota is 100,000: a typo'd pipe must not spend it)."""


def _ids(args: argparse.Namespace) -> list[str]:
    """The ids asked for, in order: the arguments, with ``-`` replaced by stdin's lines."""
    ids: list[str] = []
    for given in args.identifiers:
        if given == "-":
            ids += [line.strip() for line in sys.stdin
                    if line.strip() and not line.lstrip().startswith("#")]
        else:
            ids.append(given)
    return ids


def _parse(args: argparse.Namespace, text: str) -> RecordRef:
    from engtui.api.kinds import KINDS, parse_reference

    kind = getattr(args, "kind", None)
    return KINDS[kind].parse(text) if kind else parse_reference(text)


def _fetch(service: SellingService, ref: RecordRef, catalog: str) -> Record:
    return service.get_record(ref.kind, ref.catalog_from_arn or catalog, ref.identifier,
                              params=ref.params)


def _fetch_all(service: SellingService, refs: list[RecordRef],
               catalog: str) -> Iterator[Record | Exception]:
    """Each record (or the error it got), in the order of ``refs``, fetched concurrently."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=min(CONCURRENCY, len(refs)),
                            thread_name_prefix="engtui-get") as pool:
        futures = [pool.submit(_fetch, service, ref, catalog) for ref in refs]
        for future in futures:
            try:
                yield future.result()
            except Exception as error:  # an ApiError, said per id by the caller
                yield error


def run_get(
    args: argparse.Namespace,
    error_line: Callable[[str], None],
    settings_from_args: Callable[[argparse.Namespace], tuple[ClientSettings, str]],
) -> int:
    """``engtui get ID [ID ...]`` (see the module); ``error_line`` and ``settings_from_args``
    are `engtui.cli`'s."""
    from engtui.api.errors import ApiError, classify
    from engtui.api.kinds import InvalidInput
    from engtui.script_output import QueryError, query_of

    try:  # before the ids are read and anything is sent
        query = query_of(getattr(args, "query", None))
    except QueryError as error:
        error_line(str(error))
        return 2
    if query is not None and getattr(args, "url", False):
        error_line("--url prints URLs, not records: --query does not apply to it.")
        return 2
    texts = _ids(args)
    if not texts:
        error_line("No id given (standard input held none).")
        return 2
    if len(texts) > MAX_IDS:
        error_line(f"{len(texts):,} ids is more than one engtui get takes ({MAX_IDS:,}); "
                   "split them.")
        return 2
    several = len(texts) > 1 or "-" in args.identifiers
    worst = 0
    refs: list[RecordRef] = []
    for text in texts:
        try:
            refs.append(_parse(args, text))
        except InvalidInput as error:
            error_line(f"{text}: {error}" if several else str(error))
            worst = max(worst, 2)
    for ref in refs:
        if ref.normalised:  # a console URL or an upper-case id: say what was sent instead
            print(encodable(f"engtui: note: {ref.normalised}", sys.stderr), file=sys.stderr)
    if not refs:
        return worst
    settings, _ = settings_from_args(args)
    if getattr(args, "url", False):
        return max(worst, _print_urls(refs, settings.catalog, error_line, several))
    from engtui.api.helpers import ended_on_signals
    from engtui.api.service import SellingService

    service = SellingService(settings)
    printer = _Printer(args, several, query)
    with ended_on_signals():  # a credential_process helper is ended with the command
        if several:
            outcomes: Iterator[Record | Exception] = _fetch_all(service, refs, settings.catalog)
        else:
            def one() -> Iterator[Record | Exception]:
                try:
                    yield _fetch(service, refs[0], settings.catalog)
                except ApiError as error:
                    yield error
            outcomes = one()
        for ref, outcome in zip(refs, outcomes, strict=True):
            if isinstance(outcome, Exception):
                error = outcome if isinstance(outcome, ApiError) else classify(outcome)
                error_line(f"{ref.record_id}: {error.one_line()}" if several
                           else error.one_line())
                worst = max(worst, error.kind.exit_code)
                continue
            try:
                problem = printer.print(outcome)
            except QueryError as error:  # a function given the wrong type of value
                error_line(f"{ref.record_id}: {error}" if several else str(error))
                worst = max(worst, 2)
                continue
            if problem:
                error_line(problem)
                worst = max(worst, 10)
    printer.close()
    return worst


def _print_urls(refs: list[RecordRef], catalog: str, error_line: Callable[[str], None],
                several: bool) -> int:
    """``--url``: each record's console page, one a line, in order, without a call (the URL
    is the kind's pattern and the checked id); a record with none is said on stderr (exit
    2): a kind with no citable console page, or a record outside the AWS catalog."""
    from engtui.api.records import with_article

    worst = 0
    for ref in refs:
        where = ref.catalog_from_arn or catalog
        url = ref.kind.console_link(where, ref.record_id)
        if url is None:
            why = (f"engtui knows no console page of {with_article(ref.kind.noun)}"
                   if not ref.kind.console_url else
                   f"only the AWS catalog's records have a console page, not {where}'s")
            error_line(f"{ref.record_id}: {why}." if several else f"{why[:1].upper()}{why[1:]}.")
            worst = 2
            continue
        print(url)
    return worst


class _Printer:
    """Writes each record as it comes, in the form asked for (see the module); CSV and a
    table once every record is in (`close`)."""

    def __init__(self, args: argparse.Namespace, several: bool, query: Query | None) -> None:
        form = getattr(args, "output", None) or (
            "ndjson" if getattr(args, "ndjson", False) else "json" if args.json else None)
        # A query's result is not a record: JSON, as the aws CLI prints it, unless asked.
        self.form: str | None = form or ("json" if query is not None else None)
        self.query = query
        self.redact = bool(getattr(args, "redact", False))
        self.array = several and self.form == "json"
        self.rows: list[Any] | None = [] if self.form in ("csv", "table") else None
        self.count = 0

    def print(self, record: Record) -> str | None:
        """Print one record; the problem in words when it cannot be written. A failing
        query raises `engtui.script_output.QueryError`."""
        data: Any = record.data
        if self.redact:  # privacy mode: what the model marks sensitive, before the query
            from engtui.api.redact import redact_response

            data = redact_response(data, record.kind.get_operation)
        if self.query is not None:
            data = self.query.search(data)
        if self.rows is not None:  # a row per record, or per item of the query's array
            self.rows += data if self.query is not None and isinstance(data, list) else [data]
        elif self.form in ("json", "ndjson"):
            from engtui.api.jsonout import NotJson, dumps

            try:
                text = dumps(data, indent=None) if self.form == "ndjson" else dumps(data)
            except NotJson as error:  # the reply check refuses these first; never a traceback
                return f"The service's reply could not be read ({error})."
            if self.array:
                text = ("[\n" if not self.count else ",\n") + text
            print(encodable(text, sys.stdout, is_json=True), end="" if self.array else "\n")
        else:
            from engtui.api.field_tree import record_tree, render_text
            from engtui.textsafe import printable

            if self.count:
                print()
            print(encodable(render_text(record_tree(record.kind, data), printable), sys.stdout))
        self.count += 1
        sys.stdout.flush()
        return None

    def close(self) -> None:
        if self.rows is not None:
            import shutil

            from engtui.script_output import csv_text, rows_of, table_text

            if self.rows:
                columns, rows = rows_of(self.rows)
                text = (csv_text(columns, rows) if self.form == "csv" else
                        table_text(columns, rows, shutil.get_terminal_size().columns))
                sys.stdout.write(encodable(text, sys.stdout))
                sys.stdout.flush()
        elif self.array:
            print("\n]" if self.count else "[]")
