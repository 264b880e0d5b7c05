"""The customer-account bulk job: ``GetCustomerAccountBulkJob`` (``bulkjob-`` ids), drawn
whole; its rows (``ListCustomerAccountBulkJobResults``: which rows of the upload failed, with
``ErrorCode`` and ``ErrorMessage``) beside it; ``u`` shows its report URL. (Opportunity bulk
jobs have no Get: they are a list, next round.)"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from engtui.api.kinds.ids import IdSyntax
from engtui.api.kinds.tags import TAGS
from engtui.api.records import Column, RecordKind, RelatedList

IDS = IdSyntax("bulkjob-", r"bulkjob-[0-9a-z]{13}", "customer-account-bulk-job",
               "a customer account bulk job", "bulkjob- and 13 letters or digits")


def _title(data: Mapping[str, Any]) -> str:
    return f"Customer account upload {data.get('FileName') or data.get('Id') or ''}".strip()


def _report(data: Mapping[str, Any]) -> tuple[str, str] | None:
    """``u``: the job's report URL (``GetCustomerAccountBulkJobReportUrl``)."""
    job = data.get("Id")
    return ("customer-account", job) if isinstance(job, str) and job else None


RESULTS = RelatedList(
    name="results", title="Rows", operation="ListCustomerAccountBulkJobResults",
    id_param="Identifier", result_key="Results", item_shape="BulkJobResult",
    columns=(Column("Row", "RequestId", 6), Column("Status", "Status", 9),
             Column("Record", "ResourceIdentifier", 22), Column("Error", "ErrorCode", 16),
             Column("Message", "ErrorMessage")),
    noun="rows of the upload", row_noun="row",
)

CUSTOMER_ACCOUNT_BULK_JOB = RecordKind(
    name="customer_account_bulk_job",
    title="Bulk job",
    get_operation="GetCustomerAccountBulkJob",
    id_param="Identifier",
    parse=IDS.parser(lambda: CUSTOMER_ACCOUNT_BULK_JOB),
    recognises=IDS.recognises,
    title_member="",
    title_of=_title,
    header_pairs={"Id": "Status", "TotalRecords": "FailureCount",
                  "CreatedAt": "CompletedAt"},
    header_members=("Id", "Status", "FailureReason", "TotalRecords", "FailureCount",
                    "CreatedAt", "CompletedAt", "Arn"),
    related=(RESULTS, TAGS),
    prefix=IDS.prefix,
    report=_report,
)
