"""``engtui list engagements|invitations|opportunities|groups``: every page of a list, as
one JSON array (``--json``, the default, written as the pages arrive) or one object a line
(``--ndjson``), for scripts that would otherwise page the aws CLI by hand. Exit codes are
``engtui get``'s: 2 for bad input (no request sent), the error kind's code when a call
fails (what arrived before is still written, and a JSON array is still closed)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from engtui.api.list_queries import (
    LIST_NAMES,
    ListQuery,
    engagements_query,
    groups_query,
    invitations_query,
    opportunities_query,
)


def error_line(text: str) -> None:
    """One error line on stderr, as ``engtui get`` writes it (API text made printable)."""
    from engtui.textsafe import printable

    print(f"engtui: error: {printable(' '.join(str(text).split()))}", file=sys.stderr)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``list`` options to ``parser``."""
    parser.add_argument("what", choices=LIST_NAMES, help="which list")
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="one JSON array (the default)")
    out.add_argument("--ndjson", action="store_true", help="one JSON object a line")
    parser.add_argument("--search", metavar="KEYWORD", default="",
                        help="engagements: the service's keyword search (SearchEngagements)")
    parser.add_argument("--group", metavar="ID", default="",
                        help="engagements: those of an engagement group (SearchEngagements)")
    parser.add_argument("--context-type", metavar="TYPE", action="append", default=[],
                        help="engagements: with a context of this type (repeatable)")
    parser.add_argument("--lead-status", metavar="STATUS", action="append", default=[],
                        help="engagements: lead qualification status (repeatable; search)")
    parser.add_argument("--sort", metavar="KEY", default="",
                        help="engagements: a SearchEngagements sort key (CreatedAt, Title, "
                             "MemberCount, ...); CreatedDate with ListEngagements")
    parser.add_argument("--ascending", action="store_true", help="oldest or smallest first")
    parser.add_argument("--participant", choices=("RECEIVER", "SENDER"), default="RECEIVER",
                        help="invitations: received (default) or sent")
    parser.add_argument("--status", metavar="STATUS", action="append", default=[],
                        help="invitations: PENDING, ACCEPTED, REJECTED, EXPIRED (repeatable)")
    parser.add_argument("--stage", metavar="STAGE", action="append", default=[],
                        help="opportunities: life-cycle stage (repeatable)")
    parser.add_argument("--readiness", metavar="LEVEL", default="",
                        help="groups: readiness level (SalesReady, MarketingReady, ...)")


def query_of(args: argparse.Namespace) -> ListQuery:
    """The request the options describe (raises `InvalidInput`)."""
    if args.what == "invitations":
        return invitations_query(participant=args.participant, status=args.status,
                                 ascending=args.ascending)
    if args.what == "opportunities":
        return opportunities_query(stage=args.stage, ascending=args.ascending)
    if args.what == "groups":
        return groups_query(readiness=args.readiness)
    return engagements_query(keyword=args.search, group=args.group,
                             context_types=args.context_type, lead_status=args.lead_status,
                             sort=args.sort, ascending=args.ascending)


def _masker(query: ListQuery) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """Privacy mode (``--redact``) for one list: each item with what the model marks
    sensitive masked, by the item shape of the list's result member."""
    from engtui.api.model import output_shape
    from engtui.api.redact import redact

    shape = output_shape(query.operation).members[query.result_key].member
    return lambda item: redact(item, shape)


def run(args: argparse.Namespace) -> int:
    from engtui.api.errors import ApiError
    from engtui.api.identifiers import InvalidInput
    from engtui.api.jsonout import dumps
    from engtui.api.service import SellingService

    try:
        query = query_of(args)
    except InvalidInput as error:
        error_line(str(error))
        return 2
    settings = args.settings  # resolved by engtui.cli from the connection options
    service = SellingService(settings)
    out = sys.stdout
    ndjson = bool(args.ndjson)
    count = 0
    if not ndjson:
        out.write("[")
    masked = _masker(query) if getattr(args, "redact", False) else None
    try:
        for _, items, _ in service.list_pages(query.operation, query.result_key,
                                              settings.catalog, query.params):
            for item in items:
                if masked is not None:
                    item = masked(item)
                if ndjson:
                    out.write(dumps(item, indent=None) + "\n")
                else:
                    out.write(("," if count else "") + "\n" + dumps(item))
                count += 1
            out.flush()
    except ApiError as error:
        error_line(error.one_line())
        return error.kind.exit_code
    finally:
        if not ndjson:
            out.write("\n]\n" if count else "]\n")
            out.flush()
    return 0
