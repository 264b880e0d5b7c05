"""Bulk jobs, their rows and report URLs; tags.

* ``ListOpportunityBulkJobs`` (``JobId``, ``Status``) and ``ListCustomerAccountBulkJobs``
  (``Filter.Identifier``, ``Filter.Status``): newest first. ``GetCustomerAccountBulkJob`` takes
  a ``bulkjob-`` id or its ARN.
* ``ListOpportunityBulkJobResults`` (``JobId``) and ``ListCustomerAccountBulkJobResults``
  (``Identifier``): the job's rows (``$job`` in the data), filtered by ``Status``; a job that
  does not exist is ``ResourceNotFoundException``.
* ``Get…BulkJobReportUrl``: a completed job's report is ``AVAILABLE`` with a URL that
  expires in 15 minutes (``ExpiresAt``); a submitted one ``NOT_STARTED``, a running one
  ``IN_PROGRESS``, a failed one ``FAILED`` with the job's reason.
* ``ListTagsForResource`` (either service): the tags of the record the ARN names (``$resource``
  in the data); an ARN that names no record of the demo is ``ResourceNotFoundException``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from engtui.demo.data import DemoDataset
from engtui.demo.listing import Filter, ListSpec, handler, summary_of
from engtui.demo.lookup import find
from engtui.demo.ops_tasks import ids_of
from engtui.demo.protocol import not_found
from engtui.demo.records import parse_arn

__all__ = ["OPERATIONS", "tags_of"]

Record = dict[str, Any]
Params = dict[str, Any]

REPORT_LIFETIME = dt.timedelta(minutes=15)


def _member(name: str) -> Callable[[Record], list[Any]]:
    return lambda record: [record.get(name)]


def _of_kind(name: str) -> Callable[[DemoDataset, Params], Sequence[Record]]:
    return lambda dataset, params: dataset.index().of_kind(name, params["Catalog"])


LIST_OPPORTUNITY_BULK_JOBS = ListSpec(
    "ListOpportunityBulkJobs",
    "OpportunityBulkJobSummaries",
    _of_kind("opportunity_bulk_jobs"),
    summary_of("OpportunityBulkJobSummary"),
    filters=(Filter("JobId", _member("JobId"), "equals"),
             Filter("Status", _member("Status"), "equals")),
    sorts={"CreatedAt": lambda r: r.get("CreatedAt")},
    default_sort=("CreatedAt", "DESCENDING"),
)

LIST_CUSTOMER_ACCOUNT_BULK_JOBS = ListSpec(
    "ListCustomerAccountBulkJobs",
    "items",
    _of_kind("customer_account_bulk_jobs"),
    summary_of("CustomerAccountBulkJobSummary"),
    filters=(Filter("Identifier", lambda r: [r.get("Id")], "equals"),
             Filter("Status", _member("Status"), "equals")),
    sorts={"CreatedAt": lambda r: r.get("CreatedAt")},
    default_sort=("CreatedAt", "DESCENDING"),
    filter_member="Filter",
)


def _job_id(params: Params, member: str) -> str:
    return str(ids_of([params[member]], params)[0])  # type: ignore[index]


def _rows(store: str, member: str) -> Callable[[DemoDataset, Params], Sequence[Record]]:
    def rows(dataset: DemoDataset, params: Params) -> Sequence[Record]:
        job = _job(dataset, store, params, member)
        job_id = job.get("Id") or job.get("JobId")
        return [row for row in dataset.index().of_kind("bulk_job_results", params["Catalog"])
                if row.get("$job") == job_id]

    return rows


def _job(dataset: DemoDataset, store: str, params: Params, member: str) -> Record:
    catalog = params["Catalog"]
    job_id = _job_id(params, member)
    job = getattr(dataset, store).get((catalog, job_id))
    if job is None:
        raise not_found(f"Bulk job {job_id} was not found in catalog {catalog}.")
    return job  # type: ignore[no-any-return]


def _results(operation: str, store: str, member: str) -> ListSpec:
    return ListSpec(operation, "Results", _rows(store, member), summary_of("BulkJobResult"),
                    filters=(Filter("Status", _member("Status"), "equals"),))


LIST_OPPORTUNITY_BULK_RESULTS = _results("ListOpportunityBulkJobResults",
                                         "opportunity_bulk_jobs", "JobId")
LIST_CUSTOMER_ACCOUNT_BULK_RESULTS = _results("ListCustomerAccountBulkJobResults",
                                              "customer_account_bulk_jobs", "Identifier")

_REPORT_STATUS = {"SUBMITTED": "NOT_STARTED", "IN_PROGRESS": "IN_PROGRESS",
                  "COMPLETED": "AVAILABLE", "FAILED": "FAILED"}


def _report(store: str, member: str, **fixed: str) -> Callable[[DemoDataset, Params], Record]:
    def report(dataset: DemoDataset, params: Params) -> Record:
        job = _job(dataset, store, params, member)
        report_type = params.get("ReportType") or "ALL_RECORDS"
        status = _REPORT_STATUS.get(str(job.get("Status")), "NOT_STARTED")
        answer: Record = {"ReportStatus": status, "ReportType": report_type, **fixed}
        if status == "AVAILABLE":
            from engtui.demo.clock import demo_now

            job_id = job.get("Id") or job.get("JobId")
            answer["Url"] = (f"https://partnercentral-bulk-reports.example.test/"
                             f"{params['Catalog']}/{job_id}/{report_type.lower()}.csv"
                             "?X-Amz-Expires=900&X-Amz-Signature=demo")
            answer["ExpiresAt"] = demo_now() + REPORT_LIFETIME
        elif status == "FAILED":
            answer["FailureReason"] = job.get("FailureReason") or "The job failed."
        return answer

    return report


# -- tags -------------------------------------------------------------------------------------
_TAGGABLE = {
    "opportunity": "opportunities",
    "customer-account": "customer_accounts",
    "resource-snapshot-job": "snapshot_jobs",
    "customer-account-bulk-job": "customer_account_bulk_jobs",
    "benefit": "benefits",
    "benefit-application": "benefit_applications",
    "benefit-allocation": "benefit_allocations",
}


def tags_of(dataset: DemoDataset, arn: str) -> list[Record]:
    """The tags of the record ``arn`` names (``ResourceNotFoundException`` for none)."""
    parsed = parse_arn(arn)
    store = _TAGGABLE.get(parsed[1]) if parsed else None
    if parsed is None or store is None or (parsed[0], parsed[2]) not in getattr(dataset, store):
        raise not_found(f"No resource {arn} to list the tags of.")
    return [{"Key": tag["Key"], "Value": tag["Value"]}
            for tag in dataset.index().of_kind("tags", parsed[0])
            if tag.get("$resource") == arn]


def list_tags(dataset: DemoDataset, params: Params) -> Record:
    return {"Tags": tags_of(dataset, params["ResourceArn"])}


def get_customer_account_bulk_job(dataset: DemoDataset, params: Params) -> Record:
    return find(dataset.customer_account_bulk_jobs, params["Catalog"], params["Identifier"],
                arn_kind="customer-account-bulk-job", label="Customer account bulk job")


OPERATIONS = {
    "ListOpportunityBulkJobs": handler(LIST_OPPORTUNITY_BULK_JOBS),
    "ListOpportunityBulkJobResults": handler(LIST_OPPORTUNITY_BULK_RESULTS),
    "GetOpportunityBulkJobReportUrl": _report("opportunity_bulk_jobs", "JobId",
                                              ReportFormat="CSV"),
    "ListCustomerAccountBulkJobs": handler(LIST_CUSTOMER_ACCOUNT_BULK_JOBS),
    "GetCustomerAccountBulkJob": get_customer_account_bulk_job,
    "ListCustomerAccountBulkJobResults": handler(LIST_CUSTOMER_ACCOUNT_BULK_RESULTS),
    "GetCustomerAccountBulkJobReportUrl": _report("customer_account_bulk_jobs", "Identifier"),
    "ListTagsForResource": list_tags,
}
