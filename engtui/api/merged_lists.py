"""Several list operations in one view (`ListQuery.parts`): the four task lists, both
bulk-job lists. Each part is paged on its own; the items are merged on one member
(``StartTime``, ``CreatedAt``), newest first, lazily: a part's next page is asked for only
when its last item is the next to show, so the first rows appear after one page of each
part, as with any list. Each item gets `TYPE_MEMBER`, its part's label (the ``--type`` a
script would give), so the row, the CLI's JSON and an export say where it came from;
every other member is the service's own.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

from engtui.api.list_queries import TYPE_MEMBER, ListQuery

Page = tuple[int, list[dict[str, Any]], bool]
ListPages = Callable[..., Iterator[Page]]
"""``list_pages(operation, result_key, catalog, params, *, on_attempt=...)`` of the
service (`engtui.api.service.SellingService.list_pages`, `engtui.host.RecordSource`)."""

_OLDEST = dt.datetime.min.replace(tzinfo=dt.UTC)


def query_of_parts(parts: tuple[tuple[str, ListQuery], ...], merge_by: str, ascending: bool,
                   what: str, note: str = "") -> ListQuery:
    """One query of ``parts`` (``what``: "task" in "4 task lists", for the summary line)."""
    first = parts[0][1]
    operations = {part.operation for _, part in parts}
    operation = first.operation if len(operations) == 1 else f"{len(operations)} {what} lists"
    return ListQuery(operation, first.result_key, {}, note, parts=parts, merge_by=merge_by,
                     ascending=ascending)


def _key(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    if isinstance(value, str):  # an ISO string (a reply botocore did not parse)
        try:
            return _key(dt.datetime.fromisoformat(value.replace("Z", "+00:00")))
        except ValueError:
            return _OLDEST
    return _OLDEST  # no time: after every dated item (newest first)


class _Part:
    def __init__(self, label: str, pages: Iterator[Page]) -> None:
        self.label = label
        self.pages = pages
        self.items: deque[dict[str, Any]] = deque()
        self.done = False

    def fill(self) -> None:
        """The part's next page (every failure is the service's `ApiError`)."""
        try:
            _, items, more = next(self.pages)
        except StopIteration:
            self.done = True
            return
        self.items.extend({**item, TYPE_MEMBER: self.label} if isinstance(item, dict)
                          else item for item in items)
        self.done = not more


def pages(list_pages: ListPages, query: ListQuery, catalog: str,
          **options: Any) -> Iterator[Page]:
    """The pages of ``query``: as ``list_pages`` gives them, or, for a query of parts, its
    parts' items merged (a page is what could be placed before another request)."""
    if not query.parts:
        yield from list_pages(query.operation, query.result_key, catalog, query.params,
                              service=query.service, **options)
        return
    parts = [_Part(label, iter(list_pages(part.operation, part.result_key, catalog,
                                          part.params, service=part.service, **options)))
             for label, part in query.parts]
    member = query.merge_by
    pick = min if query.ascending else max
    number = 0
    out: list[dict[str, Any]] = []
    while True:
        for part in parts:
            if not part.items and not part.done:
                if out:  # what is placed so far is a page: show it before asking again
                    number += 1
                    yield number, out, True
                    out = []
                part.fill()
        live = [part for part in parts if part.items]
        if not live:
            break
        best = pick(live, key=lambda part: _key(part.items[0].get(member)))
        out.append(best.items.popleft())
    yield number + 1, out, False
