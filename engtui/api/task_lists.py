"""The tasks list (``engtui list tasks``, the lookup screen's F7): the four task lists of
the service in one view, newest first, with a type column (no Textual here).

``ListEngagementByAcceptingInvitationTasks``, ``ListEngagementFromOpportunityTasks``,
``ListOpportunityFromEngagementTasks`` and ``ListProspectingFromEngagementTasks`` are paged
side by side and merged on ``StartTime`` (`engtui.api.merged_lists`). A status filter
(``TaskStatus``) exists on the first three only: the prospecting list has no status in the
model (its tasks count engagements done and failed), so with a status asked for it is left
out, and the summary line says so. A failed task stands out by a marker character
(`FAILED_MARK`, not only a colour) and its reason code is said in words (`REASONS`; the
service also sends the string ``"null"``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from engtui.api.list_queries import (
    ASCENDING,
    DESCENDING,
    TYPE_MEMBER,
    ListQuery,
    checked_values,
    model_enum,
)
from engtui.api.records import Options
from engtui.api.reply_values import NONE, int_or_none, listed_item, text_of
from engtui.textsafe import printable
from engtui.timefmt import utc_iso

FAILED_MARK = "!"
"""Put before FAILED in the status column: seen without colour (monochrome terminals)."""

# --type value -> (operation, the type column's words)
TASK_TYPES: dict[str, tuple[str, str]] = {
    "accept-invitation": ("ListEngagementByAcceptingInvitationTasks", "accept"),
    "engagement-from-opportunity": ("ListEngagementFromOpportunityTasks", "eng from opp"),
    "opportunity-from-engagement": ("ListOpportunityFromEngagementTasks", "opp from eng"),
    "prospecting": ("ListProspectingFromEngagementTasks", "prospecting"),
}
PROSPECTING = "prospecting"
NO_STATUS = "prospecting tasks have no status: not listed"

# The model's ReasonCode values (22), in short words for the list's Why column.
REASONS: dict[str, str] = {
    "InvitationAccessDenied": "no access to the invitation",
    "InvitationValidationFailed": "the invitation is not valid",
    "EngagementAccessDenied": "no access to the engagement",
    "OpportunityAccessDenied": "no access to the opportunity",
    "ResourceSnapshotJobAccessDenied": "no access to the snapshot job",
    "ResourceSnapshotJobValidationFailed": "the snapshot job is not valid",
    "ResourceSnapshotJobConflict": "the snapshot job conflicts with another",
    "EngagementValidationFailed": "the engagement is not valid",
    "EngagementConflict": "the engagement conflicts with another",
    "OpportunitySubmissionFailed": "the opportunity could not be submitted",
    "EngagementInvitationConflict": "the invitation conflicts with another",
    "InternalError": "an error inside the service",
    "OpportunityValidationFailed": "the opportunity is not valid",
    "OpportunityConflict": "the opportunity conflicts with another",
    "ResourceSnapshotAccessDenied": "no access to the snapshot",
    "ResourceSnapshotValidationFailed": "the snapshot is not valid",
    "ResourceSnapshotConflict": "the snapshot conflicts with another",
    "ServiceQuotaExceeded": "a service quota is reached",
    "RequestThrottled": "throttled: too many requests",
    "ContextNotFound": "the context was not found",
    "CustomerProjectContextNotPermitted": "a customer project context is not allowed here",
    "DisqualifiedLeadNotPermitted": "the lead is disqualified",
}


def reason_words(code: Any) -> str:
    """A reason code in words ("" for none: None, "" or the service's string "null"); a code
    newer than this table is shown as the code itself."""
    if not isinstance(code, str) or code in ("", "null"):
        return ""
    return REASONS.get(code, code)


def statuses() -> tuple[str, ...]:
    """The model's task statuses (``TaskStatus``: IN_PROGRESS, COMPLETE, FAILED)."""
    return model_enum("ListEngagementByAcceptingInvitationTasks", "TaskStatus")


def tasks_query(*, type: Sequence[str] = (), status: Sequence[str] = (),
                ascending: bool = False, page_size: int | None = None) -> ListQuery:
    """The task lists asked for (every type by default), merged on ``StartTime``."""
    from engtui.api.identifiers import InvalidInput
    from engtui.api.merged_lists import query_of_parts

    types = checked_values(type, tuple(TASK_TYPES), "a task type") if type else list(TASK_TYPES)
    status = checked_values(status, statuses(), "a task status") if status else []
    note = ""
    if status and PROSPECTING in types:
        if type:
            raise InvalidInput("Prospecting tasks have no status in the model (they count "
                               "engagements done and failed): --status does not apply to "
                               "--type prospecting.")
        types = [name for name in types if name != PROSPECTING]
        note = NO_STATUS
    order = ASCENDING if ascending else DESCENDING
    parts = []
    for name in types:
        operation = TASK_TYPES[name][0]
        params: dict[str, Any] = {"Sort": {"SortBy": "StartTime", "SortOrder": order}}
        if page_size:
            params["MaxResults"] = min(page_size, 100)  # the prospecting list's maximum
        if status:
            params["TaskStatus"] = list(status)
        parts.append((name, ListQuery(operation, "TaskSummaries", params)))
    return query_of_parts(tuple(parts), "StartTime", ascending, "task", note)


@dataclass(frozen=True, slots=True)
class TaskRow:
    """One task of any of the four lists. ``names``: the records it names, (kind, id), in
    the order Enter offers them."""

    id: str
    type: str
    status: str = ""
    reason: str = ""
    message: str = ""
    started_at: dt.datetime | None = None
    names: tuple[tuple[str, str], ...] = ()
    total: int | None = None  # a prospecting task's engagements
    failed: int | None = None

    @property
    def is_failed(self) -> bool:
        return self.status == "FAILED" or bool(self.failed)

    @classmethod
    def from_api(cls, item: Any, now: dt.datetime | None = None) -> TaskRow:
        item = listed_item(item, "a task", "TaskId")
        kind = text_of(item.get(TYPE_MEMBER))
        names: list[tuple[str, str]] = []
        if kind == PROSPECTING:
            names.append(("prospecting_task", item["TaskId"]))
        for member, target in (("OpportunityId", "opportunity"),
                               ("EngagementId", "engagement"),
                               ("EngagementInvitationId", "invitation"),
                               ("ResourceSnapshotJobId", "snapshot_job")):
            value = item.get(member)
            if isinstance(value, str) and value:
                names.append((target, value))
        started = item.get("StartTime")
        return cls(id=item["TaskId"], type=kind, status=text_of(item.get("TaskStatus")),
                   reason=text_of(item.get("ReasonCode")), message=text_of(item.get("Message")),
                   started_at=started if isinstance(started, dt.datetime) else None,
                   names=tuple(names), total=int_or_none(item.get("TotalEngagementCount")),
                   failed=int_or_none(item.get("FailedEngagementCount")))


def _status(row: TaskRow) -> str:
    if row.type == PROSPECTING:
        return f"{FAILED_MARK} FAILED" if row.failed else (
            "IN_PROGRESS" if row.total is None else "COMPLETE")
    return f"{FAILED_MARK} FAILED" if row.status == "FAILED" else (row.status or NONE)


def _why(row: TaskRow) -> str:
    if row.type == PROSPECTING:
        if row.total is None:
            return ""
        return f"{row.failed or 0} of {row.total} engagements failed"
    words = reason_words(row.reason)
    message = row.message if row.message and row.message != "null" else ""
    return ": ".join(part for part in (words, message) if part)


def task_row(row: TaskRow) -> tuple[str, ...]:
    """Status (FAILED marked), type, started, reason code, why in words, id (printable)."""
    code = "" if row.reason in ("", "null") else row.reason
    label = TASK_TYPES.get(row.type, ("", row.type))[1]
    started = utc_iso(row.started_at)[:16].replace("T", " ") if row.started_at else NONE
    return (_status(row), printable(label) or NONE, started, printable(code) or NONE,
            printable(_why(row)) or NONE, printable(row.id))


def task_targets(row: TaskRow) -> list[tuple[str, str]]:
    """What Enter on the row offers: (kind name, id) of each record the task names."""
    return list(row.names)


# what f steps through on the tasks list ("": any)
STATUS_STEPS: tuple[str, ...] = ("", "FAILED", "IN_PROGRESS", "COMPLETE")
TYPE_STEPS: tuple[str, ...] = ("", *TASK_TYPES)


def _next(values: tuple[str, ...], value: str) -> str:
    return values[(values.index(value) + 1) % len(values)] if value in values else values[0]


@dataclass(frozen=True)
class TaskOptions(Options):
    """What the tasks list asks: one type (or all; ``t`` steps), one status (or any; ``f``
    steps), newest first or oldest first (``s``)."""

    sort: str = DESCENDING
    page_size: int = 100
    type: str = ""
    status: str = ""

    def query(self) -> ListQuery:
        return tasks_query(type=[self.type] if self.type else [],
                           status=[self.status] if self.status else [],
                           ascending=self.sort == ASCENDING, page_size=self.page_size)

    def toggled(self, field: str) -> TaskOptions:
        """The next type (``type``) or status; prospecting tasks have no status, so stepping
        to one clears the other."""
        if field == "type":
            kind = _next(TYPE_STEPS, self.type)
            return replace(self, type=kind, status="" if kind == PROSPECTING else self.status)
        status = _next(STATUS_STEPS, self.status)
        return replace(self, status=status,
                       type="" if status and self.type == PROSPECTING else self.type)

    def describe(self) -> str:
        return " · ".join((
            self.type or "every type", self.status or "any status",
            "newest first" if self.sort == DESCENDING else "oldest first",
        ))
