"""The one paging loop of the API layer (``MaxResults``/``NextToken``).

Every list operation engtui calls (``ListEngagements``, ``ListEngagementMembers``,
``ListEngagementResourceAssociations``, ...) is paginated. `iter_pages` yields page after
page; `collect_pages` follows the tokens to the end, reports each page (so the UI can say
"page 3, 25 so far" instead of looking frozen), stops early when asked (the screen that
wanted the result is gone). Both refuse a token already seen: a server that hands the same
token back would otherwise keep us paging for ever. Only a digest of each token is kept (a
server that sends a new 1 MB token a page would otherwise grow the set by 1 MB a page), and
a token longer than the model allows (`next_token_limit`) is a malformed reply.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from engtui.api.errors import ApiError, ErrorKind

PageCallback = Callable[[int, int], None]
"""Called after each page with (pages so far, items so far)."""


@cache
def next_token_limit(operation: str | None = None) -> int:
    """The most characters a ``NextToken`` may hold, from botocore's model: the operation's
    own output member when the model gives it a maximum (``SearchEngagements``,
    ``ListEngagementGroups``: 2,048), else the largest maximum any ``NextToken`` of the
    service declares (the other operations' tokens are a plain ``String`` in the model)."""
    from engtui.api import model

    def maximum(shape: Any) -> int | None:
        value = getattr(shape, "metadata", {}).get("max") if shape is not None else None
        return int(value) if value else None

    service = model.service_model()
    if operation is not None and operation in service.operation_names:
        output = service.operation_model(operation).output_shape
        own = maximum(output.members.get("NextToken") if output is not None else None)
        if own is not None:
            return own
    limits = [
        found
        for name in service.operation_names
        for shape in (service.operation_model(name).output_shape,)
        if shape is not None
        and (found := maximum(shape.members.get("NextToken"))) is not None
    ]
    return max(limits)


def _digest(token: str) -> bytes:
    return hashlib.blake2b(token.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def iter_pages(
    fetch: Callable[[str | None], dict[str, Any]],
    result_key: str,
    *,
    required: bool = False,
    should_stop: Callable[[], bool] | None = None,
    operation: str | None = None,
) -> Iterator[tuple[list[dict[str, Any]], bool]]:
    """Call ``fetch(next_token)`` page after page; yield ``(items, more_to_come)``.

    The one paging loop of the API layer (the list screen's ``ListEngagements`` and the
    members and associations all use it). ``should_stop()`` is checked before each request;
    a reply whose ``result_key`` is not a list (missing, when ``required``) is malformed; a
    server that sends the same ``NextToken`` twice is stopped instead of looped on forever,
    and a ``NextToken`` longer than the model allows for ``operation`` is malformed.
    """
    seen: set[bytes] = set()  # digests: 16 bytes a page, whatever the server sends
    limit = next_token_limit(operation)
    token: str | None = None
    pages = 0
    while should_stop is None or not should_stop():
        response = fetch(token)
        page = response.get(result_key)
        if page is None and not required:
            page = []
        if not isinstance(page, list):
            raise ApiError(
                ErrorKind.MALFORMED,
                f"The reply has no {result_key} list; it is not the answer asked for.",
                "Check --endpoint-url; a proxy may be answering instead of the service.",
            )
        pages += 1
        token = response.get("NextToken") or None
        if token is not None:
            if not isinstance(token, str) or len(token) > limit:
                size = len(token) if isinstance(token, str) else 0
                raise ApiError(
                    ErrorKind.MALFORMED,
                    f"The service sent a NextToken of {size:,} characters on page {pages} "
                    f"(the model allows at most {limit:,}); stopped paging.",
                    "Check --endpoint-url; a proxy may be answering instead of the service.",
                )
            digest = _digest(token)
            if digest in seen:
                raise ApiError(
                    ErrorKind.MALFORMED,
                    f"The service sent the same NextToken twice (page {pages}); "
                    "stopped paging instead of looping.",
                    "Retry later; the listing would never end.",
                )
            seen.add(digest)
        yield [item for item in page if isinstance(item, dict)], token is not None
        if token is None:
            return


def collect_pages(
    fetch: Callable[[str | None], dict[str, Any]],
    result_key: str,
    *,
    on_page: PageCallback | None = None,
    should_stop: Callable[[], bool] | None = None,
    operation: str | None = None,
) -> list[dict[str, Any]]:
    """Every item of every page; ``on_page(pages, items_so_far)`` after each page. When
    ``should_stop()`` turns true between pages the items so far are returned (the caller
    has already dropped its interest in them)."""
    items: list[dict[str, Any]] = []
    for number, (page, _) in enumerate(
        iter_pages(fetch, result_key, should_stop=should_stop, operation=operation),
        start=1,
    ):
        items.extend(page)
        if on_page is not None:
            on_page(number, len(items))
    return items
