"""``engtui diff REF_A REF_B``: what changed from one record to another, field by field.

Two records of one kind: two resource snapshot ARNs that end in their revision numbers (two
revisions of one snapshot, or of two), or two ids of one kind (two engagements: "why are
these two different?"). One snapshot ARN alone is compared with its previous revision.
Both are fetched at once within the call budget, then compared by
`engtui.api.record_diff` and printed in the order of the record's tree: one line a change
(``~ labels: old → new``, ``+ labels: value``, ``- labels: value``; "no differences" on
stderr when there are none), or with ``--json`` one array of ``{"path", "change", "old",
"new"}`` (``path`` is the API path, ``Contexts[0].Payload.Lead.Customer.CompanyName``).
``--redact`` (privacy mode) masks both sides. Exit codes are ``engtui get``'s; finding
differences is not a failure (exit 0, as ``git diff`` without ``--exit-code``: exit 1 is
engtui's "unexpected error").
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from engtui.commands.lists import error_line
from engtui.encodable import encodable

if TYPE_CHECKING:
    from engtui.api.records import Record, RecordRef
    from engtui.api.service import SellingService


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("first", metavar="REF_A",
                        help="a record: an id, or a resource snapshot ARN ending in its "
                             "revision")
    parser.add_argument("second", metavar="REF_B", nargs="?", default=None,
                        help="a record of the same kind (left out for a snapshot: its "
                             "previous revision)")
    parser.add_argument("--json", action="store_true",
                        help='print one JSON array of {"path", "change", "old", "new"}')


def refs_of(first: str, second: str | None) -> tuple[RecordRef, RecordRef]:
    """The two records to compare, checked (raises `InvalidInput` with the reason)."""
    from dataclasses import replace

    from engtui.api.kinds import InvalidInput, parse_reference
    from engtui.api.records import with_article

    a = parse_reference(first)
    if second is None:
        revision = a.params.get("Revision")
        if a.kind.name != "snapshot" or not isinstance(revision, int):
            raise InvalidInput("Give two records of one kind (one alone works for a resource "
                               "snapshot ARN that ends in its revision: it is compared with "
                               "the revision before).")
        if revision <= 1:
            raise InvalidInput("Revision 1 is the first: there is no revision before it.")
        return replace(a, params={**a.params, "Revision": revision - 1}), a
    b = parse_reference(second)
    if a.kind.name != b.kind.name:
        raise InvalidInput(f"REF_A is {with_article(a.kind.noun)} and REF_B "
                           f"{with_article(b.kind.noun)}: "
                           "diff compares two records of one kind.")
    return a, b


def _fetch_both(service: SellingService, refs: tuple[RecordRef, RecordRef],
                catalog: str) -> tuple[Record, Record]:
    from concurrent.futures import ThreadPoolExecutor

    def fetch(ref: RecordRef) -> Record:
        return service.get_record(ref.kind, ref.catalog_from_arn or catalog, ref.identifier,
                                  params=ref.params)

    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="engtui-diff") as pool:
        first, second = pool.submit(fetch, refs[0]), pool.submit(fetch, refs[1])
        return first.result(), second.result()


def run(args: argparse.Namespace) -> int:
    from engtui.api.errors import ApiError, classify
    from engtui.api.helpers import ended_on_signals
    from engtui.api.identifiers import InvalidInput
    from engtui.api.jsonout import dumps
    from engtui.api.record_diff import diff_records
    from engtui.api.service import SellingService
    from engtui.textsafe import printable

    try:
        refs = refs_of(args.first, args.second)
    except InvalidInput as error:
        error_line(str(error))
        return 2
    settings = args.settings  # resolved by engtui.cli from the connection options
    service = SellingService(settings)
    try:
        with ended_on_signals():
            old, new = _fetch_both(service, refs, settings.catalog)
    except Exception as exc:  # an ApiError, or a bug: said in one line, never a traceback
        error = exc if isinstance(exc, ApiError) else classify(exc)
        error_line(error.one_line())
        return error.kind.exit_code
    changes = diff_records(old, new, masked=bool(getattr(args, "redact", False)))
    if args.json:
        text = dumps([change.as_json() for change in changes])
        print(encodable(text, sys.stdout, is_json=True))
        return 0
    for change in changes:
        print(encodable(printable(change.line()), sys.stdout))
    if not changes:
        print("engtui: no differences", file=sys.stderr)
    return 0
