"""``engtui list NAME --watch SECONDS``: after the first list (as without ``--watch``), look
again every SECONDS and print each item that is new or changed since the last look as one
JSON line with a ``"change": "new" | "changed"`` member, until interrupted (Ctrl+C: exit 130,
quietly).

Each look reads as many pages as the first list did, as background work of the call budget
(`SellingService.background`); an interval that would spend more than the watch's share of
the day's reads is lengthened (`engtui.api.watch.interval_for`), said once on stderr. A look
that fails on something that may pass (throttled, the network, the service) is said on
stderr and the watch goes on; any other error ends it with its exit code.

Tests replace `sleep` (an evolution step of the demo instead of a wait) and set `LOOKS`
(stop after so many looks)."""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TextIO

from engtui.api.errors import ApiError, ErrorKind

if TYPE_CHECKING:
    from engtui.api.list_queries import ListQuery
    from engtui.api.records import ListKind
    from engtui.api.service import SellingService

sleep: Callable[[float], object] = time.sleep
"""How the watch waits between looks (tests: an evolution step of the demo)."""
LOOKS: int | None = None
"""Stop after this many looks (tests); None: until interrupted."""
PASSING = (ErrorKind.THROTTLED, ErrorKind.NETWORK, ErrorKind.SERVICE)
"""Errors a later look may not meet: said on stderr, and the watch goes on."""


def watch(service: SellingService, spec: ListKind, query: ListQuery, catalog: str,
          first: list[dict[str, Any]], pages: int, seconds: int,
          masked: Callable[[dict[str, Any]], dict[str, Any]] | None, out: TextIO,
          error_line: Callable[[str], None]) -> int:
    """Watch the list whose first look (``pages`` pages) gave ``first``; the exit code."""
    from engtui.api.jsonout import dumps
    from engtui.api.watch import Look, fingerprint, id_of, interval_for

    pages = max(1, pages)
    budget = service.budget(catalog)
    interval = interval_for(seconds, pages, budget.daily)
    if interval > seconds:
        print(f"engtui: watching every {interval} s: every {seconds} s would spend more than "
              f"the watch's share of the call budget ({pages} pages a look)", file=sys.stderr)
    identify = id_of(spec.make_item, spec.item_id, dt.datetime.now(dt.UTC))
    look = Look()
    look.compare((identify(item), fingerprint(item)) for item in first)
    done = 0
    try:
        while LOOKS is None or done < LOOKS:
            sleep(interval)
            done += 1
            try:
                items = _read(service, query, catalog, pages)
            except ApiError as error:
                error_line(error.one_line())
                if error.kind not in PASSING:
                    return error.kind.exit_code
                continue
            keyed = [(identify(item), item) for item in items]
            changes = look.compare((key, fingerprint(item)) for key, item in keyed)
            for key, item in keyed:
                if key in changes:
                    shown = masked(item) if masked is not None else item
                    out.write(dumps({"change": changes[key], **shown}, indent=None) + "\n")
            out.flush()
    except KeyboardInterrupt:
        return 130
    return 0


def _read(service: SellingService, query: ListQuery, catalog: str,
          pages: int) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    with service.background():  # the user's calls (another engtui of the profile) go first
        for number, page, _ in service.list_pages(query.operation, query.result_key, catalog,
                                                  query.params, service=query.service):
            items.extend(page)
            if number >= pages:
                break
    return items
