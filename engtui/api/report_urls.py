"""A bulk job's report URL (``GetOpportunityBulkJobReportUrl``,
``GetCustomerAccountBulkJobReportUrl``): a pre-signed link to the job's report, valid for 15
minutes. engtui shows it with its expiry and copies it; it never downloads it (the report
holds customer data: it goes where the user takes it, not through engtui). No Textual here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

# a bulk-job type (`engtui.api.bulk_lists.BULK_TYPES`) -> (operation, its job member)
REPORT_OPERATIONS: dict[str, tuple[str, str]] = {
    "opportunity": ("GetOpportunityBulkJobReportUrl", "JobId"),
    "customer-account": ("GetCustomerAccountBulkJobReportUrl", "Identifier"),
}
FAILED_RECORDS = "FAILED_RECORDS"


def report_request(job_type: str, job: str,
                   report_type: str = FAILED_RECORDS) -> tuple[str, dict[str, Any]]:
    """The operation and request (without ``Catalog``) of a job's report URL."""
    operation, member = REPORT_OPERATIONS[job_type]
    params: dict[str, Any] = {member: job, "ReportType": report_type}
    if job_type == "opportunity":
        params["ReportFormat"] = "CSV"  # required there; the model's only format
    return operation, params


@dataclass(frozen=True)
class ReportUrl:
    """What the service said about a job's report: its URL when it is ready."""

    job: str
    status: str = ""
    report_type: str = ""
    url: str = ""
    expires_at: dt.datetime | None = None
    failure: str = ""

    @classmethod
    def from_reply(cls, job: str, reply: dict[str, Any]) -> ReportUrl:
        def text(name: str) -> str:
            value = reply.get(name)
            return value if isinstance(value, str) else ""

        expires = reply.get("ExpiresAt")
        return cls(job, text("ReportStatus"), text("ReportType"), text("Url"),
                   expires if isinstance(expires, dt.datetime) else None,
                   text("FailureReason"))

    def expiry(self, now: dt.datetime) -> str:
        """``expires 07:58 UTC, in 15 minutes`` (or ``expired``), "" when not said."""
        if self.expires_at is None:
            return ""
        when = self.expires_at.astimezone(dt.UTC)
        seconds = (when - now).total_seconds()
        if seconds < 0:
            return f"expired at {when:%H:%M} UTC"
        # to the nearest minute: a URL just given reads "in 15 minutes", not 14
        left = round(seconds / 60)
        if left < 1:
            return f"expires {when:%H:%M} UTC, in less than a minute"
        return f"expires {when:%H:%M} UTC, in {left} minute{'s' if left != 1 else ''}"
