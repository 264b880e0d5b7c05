"""``engtui timeline ENGAGEMENT_ID``: everything the API can date about an engagement, oldest
first (`engtui.api.timeline`).

Text: one line an event (``2026-02-14T09:05:00Z  invitation    Invitation engi-… received
from …``; what the API gives no date for comes last, ``(no date)``). ``--json``: one array of
``{"when", "kind", "event", "id", "source", "opens"[, "params"]}`` in the same order
(``when`` null: no date). ``--redact`` (privacy mode) masks what the screens mask.

The sources are read in parallel within the call budget. When the engagement itself cannot
be read, nothing is printed and the exit code is ``engtui get``'s for the error. When another
source fails, the events of the others are printed, each failed source is named on stderr
(``engtui: error: snapshot jobs: Access denied …``), and the exit code is the first failure's:
a script never takes a partial timeline for a whole one.
"""

from __future__ import annotations

import argparse
import sys

from engtui.commands.lists import error_line
from engtui.encodable import encodable

NO_DATE = "(no date)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("engagement", metavar="ENGAGEMENT_ID",
                        help="the engagement: its id (eng-…) or ARN")
    parser.add_argument("--json", action="store_true",
                        help='print one JSON array of {"when", "kind", "event", "id", '
                             '"source", "opens"}, oldest first')


def run(args: argparse.Namespace) -> int:
    from engtui.api.errors import ApiError, classify
    from engtui.api.helpers import ended_on_signals
    from engtui.api.identifiers import InvalidInput, parse_identifier
    from engtui.api.jsonout import dumps
    from engtui.api.service import SellingService
    from engtui.api.timeline import build, read_all
    from engtui.textsafe import printable
    from engtui.timefmt import utc_iso

    try:
        ref = parse_identifier(args.engagement)
    except InvalidInput as error:
        error_line(str(error))
        return 2
    settings = args.settings  # resolved by engtui.cli from the connection options
    service = SellingService(settings)
    try:
        with ended_on_signals():
            results = read_all(service, ref.catalog_from_arn or settings.catalog,
                               ref.engagement_id)
    except Exception as exc:  # a bug: said in one line, never a traceback
        error = exc if isinstance(exc, ApiError) else classify(exc)
        error_line(error.one_line())
        return error.kind.exit_code
    timeline = build(results, masked=bool(getattr(args, "redact", False)))
    first = timeline.failures[0] if timeline.failures else None
    if first is not None and first.source == "engagement":
        error_line(first.error.one_line())
        return first.error.kind.exit_code
    if args.json:
        text = dumps([event.as_json() for event in timeline.events])
        print(encodable(text, sys.stdout, is_json=True))
    else:
        for event in timeline.events:
            when = utc_iso(event.when) if event.when is not None else NO_DATE
            print(encodable(printable(f"{when:<20}  {event.kind:<12}  {event.event}"),
                            sys.stdout))
    for failure in timeline.failures:
        error_line(f"{failure.line()} (its events are missing)")
    return first.error.kind.exit_code if first is not None else 0
