"""The snapshot-jobs, bulk-jobs and bulk-job-results lists (no Textual here).

- ``snapshot-jobs``: ``ListResourceSnapshotJobs`` (``EngagementIdentifier`` is optional in
  the model: every job of the catalog, or one engagement's), newest first by
  ``CreatedDate``; Enter opens the job.
- ``bulk-jobs``: ``ListOpportunityBulkJobs`` and ``ListCustomerAccountBulkJobs`` in one view
  (`engtui.api.merged_lists`), merged on ``CreatedAt`` (the model has no sort for either: the
  service's own order, newest first, is kept); a type column. Enter on a customer-account
  job opens it (``GetCustomerAccountBulkJob``); an opportunity job has no Get: Enter lists
  its rows.
- ``bulk-job-results``: ``ListOpportunityBulkJobResults`` or
  ``ListCustomerAccountBulkJobResults`` by the job's type, failed rows first (two parts:
  ``Status`` FAILED, then SUCCEEDED), with ``ErrorCode`` and ``ErrorMessage``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any

from engtui.api.identifiers import InvalidInput
from engtui.api.list_queries import (
    ASCENDING,
    DESCENDING,
    TYPE_MEMBER,
    ListQuery,
    checked_values,
    model_enum,
)
from engtui.api.records import Options
from engtui.api.reply_values import int_or_none, listed_item, malformed_listing, text_of
from engtui.api.task_lists import FAILED_MARK, NONE
from engtui.textsafe import printable
from engtui.timefmt import utc_iso

# --type value -> (jobs operation, its result member, results operation, its job member,
# the kind a result row's ResourceIdentifier names)
BULK_TYPES: dict[str, tuple[str, str, str, str, str]] = {
    "opportunity": ("ListOpportunityBulkJobs", "OpportunityBulkJobSummaries",
                    "ListOpportunityBulkJobResults", "JobId", "opportunity"),
    "customer-account": ("ListCustomerAccountBulkJobs", "items",
                         "ListCustomerAccountBulkJobResults", "Identifier", "customer_account"),
}
JOB_ID = re.compile(r"bulkjob-[0-9a-z]{13}")
ENGAGEMENT_ID = re.compile(r"eng-[0-9a-z]{14}")


def _time(value: Any) -> str:
    return utc_iso(value)[:16].replace("T", " ") if isinstance(value, dt.datetime) else NONE


def _marked(status: str) -> str:
    return f"{FAILED_MARK} FAILED" if status == "FAILED" else (printable(status) or NONE)


def _checked_id(value: str, pattern: re.Pattern[str], what: str, form: str) -> str:
    value = value.strip()
    if not pattern.fullmatch(value):
        raise InvalidInput(f"“{printable(value, limit=40)}” is not {what} ({form}).")
    return value


# -- snapshot jobs --------------------------------------------------------------------------
def snapshot_jobs_query(*, engagement: str = "", status: str = "", ascending: bool = False,
                        page_size: int | None = None) -> ListQuery:
    operation = "ListResourceSnapshotJobs"
    params: dict[str, Any] = {"Sort": {"SortBy": "CreatedDate",
                                       "SortOrder": ASCENDING if ascending else DESCENDING}}
    if engagement:
        params["EngagementIdentifier"] = _checked_id(
            engagement, ENGAGEMENT_ID, "an engagement id", "eng- and 14 letters or digits")
    if status:
        params["Status"] = checked_values([status], model_enum(operation, "Status"),
                                          "a snapshot job status")[0]
    if page_size:
        params["MaxResults"] = page_size
    return ListQuery(operation, "ResourceSnapshotJobSummaries", params)


@dataclass(frozen=True, slots=True)
class SnapshotJobRow:
    id: str
    engagement: str = ""
    status: str = ""
    arn: str = ""

    @classmethod
    def from_api(cls, item: Any, now: dt.datetime | None = None) -> SnapshotJobRow:
        if not isinstance(item, dict) or not isinstance(item.get("Id"), str):
            raise malformed_listing("a snapshot job", "an Id")
        return cls(item["Id"], text_of(item.get("EngagementId")), text_of(item.get("Status")),
                   text_of(item.get("Arn")))


def snapshot_job_row(row: SnapshotJobRow) -> tuple[str, ...]:
    """Job, engagement, status, ARN (printable)."""
    return (printable(row.id), printable(row.engagement) or NONE,
            printable(row.status) or NONE, printable(row.arn) or NONE)


def _next(values: tuple[str, ...], value: str) -> str:
    return values[(values.index(value) + 1) % len(values)] if value in values else values[0]


@dataclass(frozen=True)
class SnapshotJobOptions(Options):
    """Every job of the catalog or one engagement's; one status (``f``); newest first."""

    sort: str = DESCENDING
    page_size: int = 100
    engagement: str = ""
    status: str = ""

    def query(self) -> ListQuery:
        return snapshot_jobs_query(engagement=self.engagement, status=self.status,
                                   ascending=self.sort == ASCENDING, page_size=self.page_size)

    def toggled(self, field: str) -> SnapshotJobOptions:
        return replace(self, status=_next(("", "Running", "Stopped"), self.status))

    def describe(self) -> str:
        return " · ".join((self.engagement or "every engagement", self.status or "any status",
                           "newest first" if self.sort == DESCENDING else "oldest first"))

    @property
    def crumb(self) -> str:
        return f"Jobs of {self.engagement}" if self.engagement else ""


# -- bulk jobs ------------------------------------------------------------------------------
def _types(type: str) -> list[str]:
    return checked_values([type], tuple(BULK_TYPES), "a bulk job type") if type else list(
        BULK_TYPES)


def bulk_jobs_query(*, type: str = "", status: str = "",
                    page_size: int | None = None) -> ListQuery:
    """Both kinds of bulk job (or one), merged on ``CreatedAt``, newest first."""
    from engtui.api.merged_lists import query_of_parts

    parts = []
    for name in _types(type):
        operation, result_key = BULK_TYPES[name][:2]
        params: dict[str, Any] = {}
        if status:
            value = checked_values([status], model_enum("ListOpportunityBulkJobs", "Status"),
                                   "a bulk job status")[0]
            params = {"Status": value} if name == "opportunity" else {"Filter": {"Status": value}}
        if page_size:
            params["MaxResults"] = min(page_size, 100)
        parts.append((name, ListQuery(operation, result_key, params)))
    return query_of_parts(tuple(parts), "CreatedAt", False, "bulk job")


@dataclass(frozen=True, slots=True)
class BulkJobRow:
    id: str
    type: str
    status: str = ""
    file: str = ""
    total: int | None = None
    failed: int | None = None
    created_at: Any = None

    @classmethod
    def from_api(cls, item: Any, now: dt.datetime | None = None) -> BulkJobRow:
        if not isinstance(item, dict):
            raise malformed_listing("a bulk job", "an Id")
        job = item.get("JobId") if item.get(TYPE_MEMBER) == "opportunity" else item.get("Id")
        if not isinstance(job, str):
            raise malformed_listing("a bulk job", "an Id")
        return cls(job, text_of(item.get(TYPE_MEMBER)), text_of(item.get("Status")),
                   text_of(item.get("FileName")), int_or_none(item.get("TotalRecords")),
                   int_or_none(item.get("FailureCount")), item.get("CreatedAt"))


def bulk_job_row(row: BulkJobRow) -> tuple[str, ...]:
    """Status (FAILED marked), type, file, failed of total rows, created, id (printable)."""
    counts = NONE if row.total is None else f"{row.failed or 0} of {row.total}"
    return (_marked(row.status), printable(row.type) or NONE, printable(row.file) or NONE,
            counts, _time(row.created_at), printable(row.id))


@dataclass(frozen=True)
class BulkJobOptions(Options):
    """Both kinds or one (``t``), one status (``f``); the service's order (no sort in the
    model: ``s`` changes nothing)."""

    sort: str = DESCENDING
    page_size: int = 100
    type: str = ""
    status: str = ""

    def query(self) -> ListQuery:
        return bulk_jobs_query(type=self.type, status=self.status, page_size=self.page_size)

    def toggled(self, field: str) -> BulkJobOptions:
        if field == "type":
            return replace(self, type=_next(("", *BULK_TYPES), self.type))
        return replace(self, status=_next(("", "FAILED", "IN_PROGRESS", "SUBMITTED",
                                           "COMPLETED"), self.status))

    def toggled_sort(self) -> BulkJobOptions:
        return self  # neither operation has a sort

    def describe(self) -> str:
        return " · ".join((self.type or "every type", self.status or "any status",
                           "newest first"))


# -- a bulk job's rows ----------------------------------------------------------------------
def bulk_job_results_query(*, job: str = "", type: str = "opportunity", status: str = "",
                           page_size: int | None = None) -> ListQuery:
    """A job's rows, failed first (``type``: which kind of job it is)."""
    from engtui.api.merged_lists import query_of_parts

    if not job:
        raise InvalidInput("Which bulk job? Give --job bulkjob-… (Enter on a row of the "
                           "bulk-jobs list opens its rows).")
    job = _checked_id(job, JOB_ID, "a bulk job id", "bulkjob- and 13 letters or digits")
    kind = checked_values([type or "opportunity"], tuple(BULK_TYPES), "a bulk job type")[0]
    _, _, operation, member, _ = BULK_TYPES[kind]
    allowed = model_enum(operation, "Status")
    wanted = checked_values([status], allowed, "a row status") if status else ["FAILED",
                                                                               "SUCCEEDED"]
    parts = []
    for value in wanted:
        params: dict[str, Any] = {member: job, "Status": value}
        if page_size:
            params["MaxResults"] = min(page_size, 100)
        parts.append((kind, ListQuery(operation, "Results", params)))
    return query_of_parts(tuple(parts), "", False, "row")


@dataclass(frozen=True, slots=True)
class BulkResultRow:
    request: str
    type: str
    status: str = ""
    resource: str = ""
    error: str = ""
    message: str = ""

    @classmethod
    def from_api(cls, item: Any, now: dt.datetime | None = None) -> BulkResultRow:
        item = listed_item(item, "a bulk job row", "RequestId")  # required by the model
        return cls(text_of(item.get("RequestId")), text_of(item.get(TYPE_MEMBER)),
                   text_of(item.get("Status")), text_of(item.get("ResourceIdentifier")),
                   text_of(item.get("ErrorCode")), text_of(item.get("ErrorMessage")))

    @property
    def id(self) -> str:
        return self.request or self.resource


def bulk_result_row(row: BulkResultRow) -> tuple[str, ...]:
    """Row, status (FAILED marked), record, error code, message (printable)."""
    return (printable(row.request) or NONE, _marked(row.status),
            printable(row.resource) or NONE, printable(row.error) or NONE,
            printable(row.message) or NONE)


def result_targets(row: BulkResultRow) -> list[tuple[str, str]]:
    """The record a row made or changed (an opportunity, a customer account), if named."""
    if not row.resource or row.type not in BULK_TYPES:
        return []
    return [(BULK_TYPES[row.type][4], row.resource)]


@dataclass(frozen=True)
class BulkResultOptions(Options):
    """One job's rows, failed first; one status (``f``); no sort in the model."""

    sort: str = DESCENDING
    page_size: int = 100
    job: str = ""
    type: str = "opportunity"
    status: str = ""

    def query(self) -> ListQuery:
        return bulk_job_results_query(job=self.job, type=self.type, status=self.status,
                                      page_size=self.page_size)

    def toggled(self, field: str) -> BulkResultOptions:
        return replace(self, status=_next(("", "FAILED", "SUCCEEDED"), self.status))

    def toggled_sort(self) -> BulkResultOptions:
        return self

    def describe(self) -> str:
        return " · ".join((self.job or "no job", self.status or "failed rows first"))

    @property
    def crumb(self) -> str:
        return f"Rows of {self.job}" if self.job else ""
