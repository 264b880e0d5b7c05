"""Typed results and options of ``ListEngagements`` (no Textual here).

The list screen keeps thousands of rows in memory, so a row is a small slotted dataclass
built once from the API's ``EngagementSummary`` dict, not the dict itself. The options are
exactly what the API filters and sorts on server-side; the allowed context types and the
account-id pattern are read from botocore's model, not copied by hand.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from functools import cache
from typing import Any

from engtui.api.identifiers import InvalidInput
from engtui.api.list_queries import (
    ASCENDING,
    DESCENDING,
    EngagementFilters,
    ListQuery,
    engagements_query,
)
from engtui.api.records import Options
from engtui.api.reply_values import NONE, datetime_or_none, listed_item, text_of
from engtui.textsafe import printable
from engtui.timefmt import utc_iso

OPERATION = "ListEngagements"


@dataclass(frozen=True, slots=True)
class EngagementSummary:
    """One row of ``ListEngagements``: what the list shows and what opening it needs."""

    id: str
    title: str = ""
    context_types: tuple[str, ...] = ()
    member_count: int | None = None
    created_at: dt.datetime | None = None
    modified_at: dt.datetime | None = None
    arn: str = ""
    created_by: str = ""
    company: str = ""  # from the contexts (SearchEngagements returns them)
    lead_status: str = ""

    @classmethod
    def from_api(cls, item: Any) -> EngagementSummary:
        """Build a row from one ``EngagementSummary`` dict; a reply that is not one raises
        ``ApiError`` (``MALFORMED``) rather than a ``KeyError`` deep in the UI."""
        item = listed_item(item, "an engagement")
        contexts = item.get("Contexts") if isinstance(item.get("Contexts"), list) else []
        types = item.get("ContextTypes") or [c.get("Type") for c in contexts
                                              if isinstance(c, dict) and c.get("Type")]
        count = item.get("MemberCount")
        company, lead_status = _from_contexts(contexts)
        return cls(
            id=item["Id"],
            title=text_of(item.get("Title")),
            context_types=tuple(str(t) for t in types) if isinstance(types, list) else (),
            member_count=count if isinstance(count, int) else None,
            created_at=datetime_or_none(item.get("CreatedAt")),
            modified_at=datetime_or_none(item.get("ModifiedAt")),
            arn=text_of(item.get("Arn")),
            created_by=text_of(item.get("CreatedBy")),
            company=company,
            lead_status=lead_status,
        )


def _from_contexts(contexts: list[Any]) -> tuple[str, str]:
    """The first customer company named in the contexts, and the lead's status."""
    company = status = ""
    for context in contexts:
        payloads = context.get("Payload") if isinstance(context, dict) else None
        for name, payload in (payloads or {}).items():
            if not isinstance(payload, dict):
                continue
            customer = payload.get("Customer") or (payload.get("Aws") or {}).get("Customer")
            if isinstance(customer, dict) and not company:
                company = text_of(customer.get("CompanyName")) or text_of(
                    customer.get("AccountName"))
            if name == "Lead" and not status:
                status = text_of(payload.get("QualificationStatus"))
    return company, status


@dataclass(frozen=True)
class ListOptions(EngagementFilters, Options):
    """What the engagement list asks the service: the filters, a keyword, a group, the sort.

    ``sort`` is ``DESCENDING`` (the default: a partner looks for recent work first) or
    ``ASCENDING``; ``sort_by`` empty is the created date (what ``ListEngagements`` sorts
    on), else one of ``SearchEngagements``' sort keys. A keyword, a group, a search-only
    filter or another sort key makes the list a ``SearchEngagements`` (when the model has
    it: `query` falls back to ``ListEngagements`` and says so). The request is built by
    `engtui.api.list_queries.engagements_query`, as for ``engtui list``.
    """

    sort: str = DESCENDING
    sort_by: str = ""
    keyword: str = ""
    group: str = ""
    group_name: str = ""  # what the summary line and the breadcrumb call the group
    page_size: int = 100

    @property
    def filters(self) -> EngagementFilters:
        return EngagementFilters(**{f.name: getattr(self, f.name)
                                    for f in fields(EngagementFilters)})

    def query(self) -> ListQuery:
        """The operation, result member and request (raises `InvalidInput` on a conflict)."""
        return engagements_query(keyword=self.keyword, group=self.group, sort=self.sort_by,
                                 ascending=self.sort == ASCENDING, filters=self.filters,
                                 page_size=self.page_size, fallback=True)

    def request_params(self) -> dict[str, Any]:
        """The request parameters (without ``Catalog`` and ``NextToken``)."""
        return self.query().params

    def with_keyword(self, keyword: str) -> ListOptions:
        return replace(self, keyword=keyword)

    @property
    def crumb(self) -> str:
        """The breadcrumb of a group's engagements."""
        # Cut once, by the breadcrumb (`engtui.widgets.breadcrumb.CRUMB_LIMIT`): a name cut
        # here too showed two markers ("(+… (+15 characters)").
        return f"Group {self.group_name or self.group}" if self.group else ""

    def describe(self) -> str:
        """One line for the status bar: ``keyword “cloud” · newest first · only Lead``."""
        parts = []
        if self.keyword:
            parts.append(f"keyword “{printable(self.keyword, limit=40)}”")
        if self.group:
            parts.append(f"group {printable(self.group_name or self.group, limit=40)}")
        if self.sort_by and self.sort_by not in ("CreatedAt", "CreatedDate"):
            order = "descending" if self.sort == DESCENDING else "ascending"
            parts.append(f"by {self.sort_by}, {order}")
        else:
            parts.append("newest first" if self.sort == DESCENDING else "oldest first")
        for label, values in (
            ("only", self.context_types), ("without", self.exclude_context_types),
            ("by", self.created_by), ("not by", self.exclude_created_by),
            ("lead", self.lead_status), ("readiness", self.readiness),
            ("industry", self.industry), ("country", self.country),
        ):
            if values:
                parts.append(f"{label} " + ", ".join(printable(v, limit=30) for v in values))
        for label, first, last in (("created", self.created_from, self.created_to),
                                   ("modified", self.modified_from, self.modified_to)):
            if first or last:
                parts.append(f"{label} {first or '…'} to {last or '…'}")
        return " · ".join(parts)


def summary_row(summary: EngagementSummary) -> tuple[str, ...]:
    """The display strings of a summary (computed once, when the page arrives): id, title,
    company, context types, lead status, members, created, modified."""
    return (
        printable(summary.id),
        printable(summary.title),
        printable(summary.company) or NONE,
        printable(", ".join(summary.context_types)) if summary.context_types else NONE,
        printable(summary.lead_status) or NONE,
        str(summary.member_count) if summary.member_count is not None else NONE,
        utc_iso(summary.created_at)[:10] if summary.created_at else NONE,
        utc_iso(summary.modified_at)[:10] if summary.modified_at else NONE,
    )


@dataclass(frozen=True)
class SummaryPage:
    """One page as it arrives: its number (from 1), its rows, and whether more follow."""

    number: int
    rows: list[EngagementSummary] = field(default_factory=list)
    more: bool = False


@cache
def context_type_names() -> tuple[str, ...]:
    """The context types the model lets ``ListEngagements`` filter on."""
    from engtui.api.model import input_member

    return tuple(input_member(OPERATION, "ContextTypes").member.enum)


@cache
def _account_pattern() -> tuple[re.Pattern[str], int]:
    from engtui.api.model import input_member

    shape = input_member(OPERATION, "CreatedBy")
    return re.compile(shape.member.metadata["pattern"]), int(shape.metadata.get("max", 10))


def parse_account_ids(text: str) -> tuple[str, ...]:
    """Split ``text`` (commas or spaces) into account ids, checked against the model's
    pattern and limit, so a typo is caught before a round trip. Raises `InvalidInput`."""
    values = tuple(dict.fromkeys(part for part in re.split(r"[\s,]+", text) if part))
    pattern, limit = _account_pattern()
    # The model's pattern also takes any word of up to 12 characters (the service's own
    # creator is `aws`), so `12345` would pass it: a value of digits must have all 12.
    bad = [value for value in values
           if not pattern.fullmatch(value) or (value.isdigit() and len(value) != 12)]
    if bad:
        from engtui.textsafe import printable

        shown = printable(bad[0], limit=20)
        if bad[0].isdigit():
            raise InvalidInput(
                f"“{shown}” is not an account id: it has {len(bad[0])} digits, not 12."
            )
        raise InvalidInput(f"“{shown}” is not an account id (12 digits, or aws).")
    if len(values) > limit:
        raise InvalidInput(f"At most {limit} account ids; {len(values)} given.")
    return values


def join_ids(values: Iterable[str]) -> str:
    """The inverse of `parse_account_ids`, for pre-filling a form."""
    return ", ".join(values)
