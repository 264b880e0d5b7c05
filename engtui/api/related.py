"""An engagement's neighbours: its members and its resource associations, every page.

``ListEngagementMembers`` and ``ListEngagementResourceAssociations`` are paginated
(``MaxResults``/``NextToken``). `collect_pages` follows the tokens to the end, reports each
page (so the UI can say "page 3, 25 so far" instead of looking frozen), stops early when
asked (the screen that wanted the result is gone), and refuses a token it has already seen:
a server that hands the same token back would otherwise keep us paging for ever.

The typed results keep the raw item as well: export writes the API's own shape, and privacy
mode masks the raw item with the model's ``sensitive`` flags (`engtui.api.redact`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from engtui.api.errors import ApiError, ErrorKind

PageCallback = Callable[[int, int], None]
"""Called after each page with (pages so far, items so far)."""

MEMBERS_KEY = "EngagementMemberList"
ASSOCIATIONS_KEY = "EngagementResourceAssociationSummaries"


def _text(raw: dict[str, Any], key: str) -> str:
    value = raw.get(key)
    return "" if value is None else str(value)


@dataclass(frozen=True)
class EngagementMember:
    """One member of an engagement (``EngagementMember``)."""

    company_name: str
    website_url: str
    account_id: str
    raw: dict[str, Any]

    @classmethod
    def from_raw(cls, raw: dict[str, Any]) -> EngagementMember:
        return cls(_text(raw, "CompanyName"), _text(raw, "WebsiteUrl"),
                   _text(raw, "AccountId"), raw)


@dataclass(frozen=True)
class ResourceAssociation:
    """One resource tied to an engagement (``EngagementResourceAssociationSummary``)."""

    engagement_id: str
    resource_type: str
    resource_id: str
    created_by: str
    catalog: str
    raw: dict[str, Any]

    @classmethod
    def from_raw(cls, raw: dict[str, Any]) -> ResourceAssociation:
        return cls(_text(raw, "EngagementId"), _text(raw, "ResourceType"),
                   _text(raw, "ResourceId"), _text(raw, "CreatedBy"),
                   _text(raw, "Catalog"), raw)


def iter_pages(
    fetch: Callable[[str | None], dict[str, Any]],
    result_key: str,
    *,
    required: bool = False,
    should_stop: Callable[[], bool] | None = None,
) -> Iterator[tuple[list[dict[str, Any]], bool]]:
    """Call ``fetch(next_token)`` page after page; yield ``(items, more_to_come)``.

    The one paging loop of the API layer (the list screen's ``ListEngagements`` and the
    members and associations all use it). ``should_stop()`` is checked before each request;
    a reply whose ``result_key`` is not a list (missing, when ``required``) is malformed; a
    server that sends the same ``NextToken`` twice is stopped instead of looped on forever.
    """
    seen: set[str] = set()
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
            if token in seen:
                raise ApiError(
                    ErrorKind.MALFORMED,
                    f"The service sent the same NextToken twice (page {pages}); "
                    "stopped paging instead of looping.",
                    "Retry later; the listing would never end.",
                )
            seen.add(token)
        yield [item for item in page if isinstance(item, dict)], token is not None
        if token is None:
            return


def collect_pages(
    fetch: Callable[[str | None], dict[str, Any]],
    result_key: str,
    *,
    on_page: PageCallback | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> list[dict[str, Any]]:
    """Every item of every page; ``on_page(pages, items_so_far)`` after each page. When
    ``should_stop()`` turns true between pages the items so far are returned (the caller
    has already dropped its interest in them)."""
    items: list[dict[str, Any]] = []
    for number, (page, _) in enumerate(
        iter_pages(fetch, result_key, should_stop=should_stop), start=1
    ):
        items.extend(page)
        if on_page is not None:
            on_page(number, len(items))
    return items
