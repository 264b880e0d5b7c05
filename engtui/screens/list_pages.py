"""The pages of any declared list (`engtui.api.records.ListKind`), from the client of the
moment (profiles can switch), through `Host.records`: the list screen never touches the
client, and no list needs its own page function.

The request is the declaration's ``query`` of the options (operation, result member,
parameters: the same `engtui.api.list_queries` builds for ``engtui list``); each item is
made a row object by the declaration's ``make_item``, with the clock of the page's arrival
(an invitation's expiry is relative to it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from textual.app import App

from engtui.api.listing import SummaryPage
from engtui.api.records import ListKind, Options
from engtui.api.redact import redact_list_item
from engtui.api.settings import AttemptCallback
from engtui.host import host

PageSource = Callable[[str, Options, AttemptCallback | None], Iterator[SummaryPage]]
"""``(catalog, options, on_attempt)`` → the pages (by default the declaration's, from
`pages_of`, so the list screen never touches the client)."""


def pages_of(app: App[object], spec: ListKind) -> PageSource:
    """The page source of list ``spec``: ``(catalog, options, on_attempt)`` → its pages."""
    if spec.query is None or spec.make_item is None:
        raise TypeError(f"the list {spec.name!r} declares no query or make_item")
    query_of, make_item = spec.query, spec.make_item

    def pages(catalog: str, options: Options, on_attempt: AttemptCallback | None
              ) -> Iterator[SummaryPage]:
        query = query_of(options)
        build = make_item()
        records = host(app).records
        redacted = host(app).redacted  # privacy mode: each row from the masked item
        for number, items, more in records.list_pages(
                query.operation, query.result_key, catalog, query.params,
                on_attempt=on_attempt, service=query.service):
            now = host(app).now()
            if redacted:
                items = [redact_list_item(item, query.operation, query.result_key)
                         for item in items]
            yield SummaryPage(number, [build(item, now) for item in items], more)

    return pages
