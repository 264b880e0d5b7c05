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
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from engtui.api.errors import ApiError, ErrorKind
from engtui.api.identifiers import InvalidInput
from engtui.textsafe import printable
from engtui.timefmt import utc_iso

OPERATION = "ListEngagements"
ASCENDING = "ASCENDING"
DESCENDING = "DESCENDING"


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

    @classmethod
    def from_api(cls, item: Any) -> EngagementSummary:
        """Build a row from one ``EngagementSummary`` dict; a reply that is not one raises
        ``ApiError`` (``MALFORMED``) rather than a ``KeyError`` deep in the UI."""
        if not isinstance(item, dict) or not isinstance(item.get("Id"), str):
            raise ApiError(
                ErrorKind.MALFORMED,
                "The reply lists an engagement without an Id.",
                "Check --endpoint-url; a proxy may be answering instead of the service.",
            )
        types = item.get("ContextTypes") or ()
        count = item.get("MemberCount")
        return cls(
            id=item["Id"],
            title=_text(item.get("Title")),
            context_types=tuple(str(t) for t in types) if isinstance(types, list) else (),
            member_count=count if isinstance(count, int) else None,
            created_at=_time(item.get("CreatedAt")),
            modified_at=_time(item.get("ModifiedAt")),
            arn=_text(item.get("Arn")),
            created_by=_text(item.get("CreatedBy")),
        )


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _time(value: Any) -> dt.datetime | None:
    return value if isinstance(value, dt.datetime) else None


@dataclass(frozen=True)
class ListOptions:
    """The server-side options of ``ListEngagements``.

    ``sort`` is ``DESCENDING`` (newest first, the default: a partner looks for recent work
    first) or ``ASCENDING`` by created date; the tuples are empty when unused.
    """

    sort: str = DESCENDING
    context_types: tuple[str, ...] = ()
    exclude_context_types: tuple[str, ...] = ()
    created_by: tuple[str, ...] = ()
    exclude_created_by: tuple[str, ...] = ()
    page_size: int = 100

    def request_params(self) -> dict[str, Any]:
        """The request parameters (without ``Catalog`` and ``NextToken``)."""
        params: dict[str, Any] = {
            "Sort": {"SortBy": "CreatedDate", "SortOrder": self.sort},
            "MaxResults": self.page_size,
        }
        for name, values in (
            ("ContextTypes", self.context_types),
            ("ExcludeContextTypes", self.exclude_context_types),
            ("CreatedBy", self.created_by),
            ("ExcludeCreatedBy", self.exclude_created_by),
        ):
            if values:
                params[name] = list(values)
        return params

    def toggled_sort(self) -> ListOptions:
        """The same options in the other sort order."""
        return replace(self, sort=ASCENDING if self.sort == DESCENDING else DESCENDING)

    def describe(self) -> str:
        """One line for the status bar: ``newest first · only Lead · not by 1234…``."""
        parts = ["newest first" if self.sort == DESCENDING else "oldest first"]
        if self.context_types:
            parts.append("only " + ", ".join(self.context_types))
        if self.exclude_context_types:
            parts.append("without " + ", ".join(self.exclude_context_types))
        if self.created_by:
            parts.append("by " + ", ".join(self.created_by))
        if self.exclude_created_by:
            parts.append("not by " + ", ".join(self.exclude_created_by))
        return " · ".join(parts)


NONE = "—"


def summary_row(summary: EngagementSummary) -> tuple[str, ...]:
    """The display strings of a summary (computed once, when the page arrives): id, title,
    context types, members, created, modified."""
    return (
        printable(summary.id),
        printable(summary.title),
        printable(", ".join(summary.context_types)) if summary.context_types else NONE,
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
