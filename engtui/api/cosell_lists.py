"""Typed rows and options of the engagement groups (``ListEngagementGroups``; no Textual
here). The opportunities list's are in `engtui.api.opportunity_search`.

Like the engagement list's, a row is a small slotted dataclass built once, when its page
arrives; the request is built by `engtui.api.list_queries`, as for ``engtui list``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from engtui.api.list_queries import (
    ASCENDING,
    DESCENDING,
    ListQuery,
    groups_query,
)
from engtui.api.records import Options
from engtui.api.reply_values import NONE, datetime_or_none, day_of, listed_item, text_of
from engtui.textsafe import printable


@dataclass(frozen=True, slots=True)
class GroupSummary:
    """One engagement group: Enter lists its engagements (``SearchEngagements``)."""

    id: str
    name: str = ""
    readiness: str = ""
    count: int | None = None
    updated_at: dt.datetime | None = None

    @classmethod
    def from_api(cls, item: Any, now: dt.datetime | None = None) -> GroupSummary:
        item = listed_item(item, "an engagement group")
        count = item.get("Count")
        return cls(id=item["Id"], name=text_of(item.get("Name")),
                   readiness=text_of(item.get("ReadinessLevel")),
                   count=count if isinstance(count, int) else None,
                   updated_at=datetime_or_none(item.get("UpdatedAt")))


def group_row(summary: GroupSummary) -> tuple[str, ...]:
    """Id, name, readiness, engagements, updated (printable)."""
    return (printable(summary.id), printable(summary.name) or NONE,
            printable(summary.readiness) or NONE,
            str(summary.count) if summary.count is not None else NONE, day_of(summary.updated_at))


READINESS_LEVELS: tuple[str, ...] = ("", "SalesReady", "MarketingReady", "LowPotential")
"""What ``f`` steps through on the groups list ("": any), the model's ``ReadinessLevel``."""

def _next(values: tuple[str, ...], value: str) -> str:
    return values[(values.index(value) + 1) % len(values)] if value in values else values[0]


@dataclass(frozen=True)
class GroupOptions(Options):
    """What the groups list asks: one readiness level (or any; ``f`` steps), most recently
    updated first or last (``s``)."""

    sort: str = DESCENDING
    page_size: int = 100
    readiness: str = ""

    def query(self) -> ListQuery:
        return groups_query(readiness=self.readiness, page_size=self.page_size,
                            ascending=self.sort == ASCENDING)

    def toggled(self, field: str) -> GroupOptions:
        """The next readiness level (the list's one switch, ``readiness``)."""
        return replace(self, readiness=_next(READINESS_LEVELS, self.readiness))

    def describe(self) -> str:
        return " · ".join((
            self.readiness or "any readiness",
            "recently updated first" if self.sort == DESCENDING else "oldest update first",
        ))
