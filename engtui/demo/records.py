"""The kinds of record the demo endpoint stores, their ids, ARNs and served operations.

``KINDS`` is the one declaration of each record kind beyond engagements: the data-file
key (also the ``DemoDataset`` attribute), the botocore shape a record is checked against
and served as, the member that identifies it, and the kind's name in its ARN.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "CATALOGS",
    "KINDS",
    "READ_PREFIXES",
    "SERVED_OPERATIONS",
    "RecordKind",
    "engagement_arn",
    "parse_arn",
    "parse_engagement_arn",
    "record_arn",
]

CATALOGS: tuple[str, ...] = ("AWS", "Sandbox")
DEFAULT_CATALOG = "Sandbox"
ARN_REGION = "us-east-1"
ARN_ACCOUNT = "111122223333"  # the demo partner's own account, in the ARNs of its records

# Every operation the demo answers with data; every other operation of the model is
# refused: a write (anything not Get/List/Search) with AccessDeniedException, a read the
# demo does not serve with UnknownOperationException.
SERVED_OPERATIONS: tuple[str, ...] = (
    "GetEngagement",
    "ListEngagements",
    "ListEngagementMembers",
    "ListEngagementResourceAssociations",
    "SearchEngagements",
    "ListEngagementGroups",
    "ListEngagementInvitations",
    "GetEngagementInvitation",
    "GetOpportunity",
    "ListOpportunities",
    "GetAwsOpportunitySummary",
    "ListResourceSnapshots",
    "GetResourceSnapshot",
    "GetCustomerAccount",
    "ListSolutions",
    # the rest of the read side (issue 22): tasks, snapshot jobs, settings, bulk jobs, tags,
    # opportunity and customer-account search, statistics
    "GetResourceSnapshotJob",
    "ListResourceSnapshotJobs",
    "GetSellingSystemSettings",
    "ListEngagementByAcceptingInvitationTasks",
    "ListEngagementFromOpportunityTasks",
    "ListOpportunityFromEngagementTasks",
    "ListProspectingFromEngagementTasks",
    "GetProspectingFromEngagementTask",
    "GetCustomerAccountBulkJob",
    "ListCustomerAccountBulkJobs",
    "ListCustomerAccountBulkJobResults",
    "GetCustomerAccountBulkJobReportUrl",
    "ListOpportunityBulkJobs",
    "ListOpportunityBulkJobResults",
    "GetOpportunityBulkJobReportUrl",
    "ListTagsForResource",
    "SearchOpportunities",
    "SearchCustomerAccounts",
    "GetCustomerAccountStatistics",
    # partnercentral-benefits (ListTagsForResource too, above)
    "GetBenefit",
    "GetBenefitAllocation",
    "GetBenefitApplication",
    "ListBenefitAllocations",
    "ListBenefitApplications",
    "ListBenefits",
)
READ_PREFIXES: tuple[str, ...] = ("Get", "List", "Search")

ENGAGEMENT_ID = re.compile(r"eng-[0-9a-z]{14}")
TASK_ID = re.compile(r"task-[0-9a-z]{13}")
BULK_JOB_ID = re.compile(r"bulkjob-[0-9a-z]{13}")
BENEFITS = "partnercentral-benefits"
_ARN = re.compile(
    r"arn:aws[a-z-]*:partnercentral:[a-z0-9-]*:[0-9a-z]*:catalog/([A-Za-z]+)/([a-z-]+)/(.+)"
)


def _snapshot_key(record: dict[str, Any]) -> str:
    parts = ("EngagementId", "ResourceType", "ResourceId", "ResourceSnapshotTemplateName")
    return "/".join(str(record.get(name)) for name in parts) + f"/{record.get('Revision')}"


def _group_count(record: dict[str, Any]) -> int:
    engagements = record.get("$engagements")
    return len(engagements) if isinstance(engagements, list) else 0


@dataclass(frozen=True)
class RecordKind:
    """One kind of record: where it lives in a data file and how it is checked.

    ``service``: the botocore service whose ``shape`` it is; ``fault_key``: its ids may name a
    fault in the data file's ``faults`` (not for tags, rows and settings, whose "ids" are
    free text)."""

    shape: str
    id_member: str
    id_pattern: re.Pattern[str]
    arn_kind: str | None = None
    key: Callable[[dict[str, Any]], str] = field(default=lambda record: record["Id"])
    defaults: dict[str, Callable[[dict[str, Any]], Any]] = field(default_factory=dict)
    service: str = "partnercentral-selling"
    fault_key: bool = True


KINDS: dict[str, RecordKind] = {
    "invitations": RecordKind(
        "GetEngagementInvitationResponse",
        "Id",
        re.compile(r"engi-[0-9a-z]{13}"),
        "engagement-invitation",
    ),
    "opportunities": RecordKind(
        "GetOpportunityResponse", "Id", re.compile(r"O[0-9]{1,19}"), "opportunity"
    ),
    "aws_summaries": RecordKind(
        "GetAwsOpportunitySummaryResponse",
        "RelatedOpportunityId",
        re.compile(r"O[0-9]{1,19}"),
        key=lambda record: record["RelatedOpportunityId"],
    ),
    "snapshots": RecordKind(
        "GetResourceSnapshotResponse",
        "EngagementId",
        ENGAGEMENT_ID,
        key=_snapshot_key,
    ),
    "groups": RecordKind(
        "EngagementGroupSummary",
        "Id",
        re.compile(r"eng-grp-[0-9a-z]{14}"),
        "engagement-group",
        defaults={"Count": _group_count},
    ),
    "customer_accounts": RecordKind(
        "GetCustomerAccountResponse",
        "Id",
        re.compile(r"cust-acc-[0-9a-z]{13}"),
        "customer-account",
    ),
    "solutions": RecordKind("SolutionBase", "Id", re.compile(r"S-[0-9]{1,19}")),
    "snapshot_jobs": RecordKind(
        "GetResourceSnapshotJobResponse", "Id", re.compile(r"job-[0-9a-z]{13}"),
        "resource-snapshot-job",
    ),
    "selling_settings": RecordKind(  # one per catalog
        "GetSellingSystemSettingsResponse", "Catalog", re.compile(r"AWS|Sandbox"),
        key=lambda record: record["Catalog"], fault_key=False,
    ),
    # Task summaries as the three List*Tasks operations send them (ARNs written in the data:
    # the real service's have an empty account), and prospecting tasks as Get sends them.
    "accept_tasks": RecordKind(
        "ListEngagementByAcceptingInvitationTaskSummary", "TaskId", TASK_ID,
        key=lambda record: record["TaskId"],
    ),
    "engagement_from_opportunity_tasks": RecordKind(
        "ListEngagementFromOpportunityTaskSummary", "TaskId", TASK_ID,
        key=lambda record: record["TaskId"],
    ),
    "opportunity_from_engagement_tasks": RecordKind(
        "ListOpportunityFromEngagementTaskSummary", "TaskId", TASK_ID,
        key=lambda record: record["TaskId"],
    ),
    "prospecting_tasks": RecordKind(
        "GetProspectingFromEngagementTaskResponse", "TaskId",
        re.compile(r"task-[0-9a-z]{14}"), key=lambda record: record["TaskId"],
    ),
    "customer_account_bulk_jobs": RecordKind(
        "GetCustomerAccountBulkJobResponse", "Id", BULK_JOB_ID, "customer-account-bulk-job",
    ),
    "opportunity_bulk_jobs": RecordKind(
        "OpportunityBulkJobSummary", "JobId", BULK_JOB_ID,
        key=lambda record: record["JobId"],
    ),
    # Each row of a bulk job's results names its job in "$job".
    "bulk_job_results": RecordKind(
        "BulkJobResult", "RequestId", re.compile(r"row-[0-9]{1,6}"),
        key=lambda record: f"{record.get('$job')}/{record['RequestId']}", fault_key=False,
    ),
    # Each tag names the ARN of its resource in "$resource" (either service's records).
    "tags": RecordKind(
        "Tag", "Key", re.compile(r"[\w.:/=+@ -]{1,128}"),
        key=lambda record: f"{record.get('$resource')}/{record['Key']}", fault_key=False,
    ),
    "benefits": RecordKind(
        "GetBenefitOutput", "Id", re.compile(r"ben-[0-9a-z]{14}"), "benefit",
        service=BENEFITS,
    ),
    "benefit_applications": RecordKind(
        "GetBenefitApplicationOutput", "Id", re.compile(r"benappl-[0-9a-z]{14}"),
        "benefit-application", service=BENEFITS,
    ),
    "benefit_allocations": RecordKind(
        "GetBenefitAllocationOutput", "Id", re.compile(r"benalloc-[0-9a-z]{14}"),
        "benefit-allocation", service=BENEFITS,
    ),
}


def engagement_arn(catalog: str, engagement_id: str) -> str:
    """Return the ARN of an engagement, in the form Partner Central uses."""
    return f"arn:aws:partnercentral:{ARN_REGION}::catalog/{catalog}/engagement/{engagement_id}"


def record_arn(catalog: str, arn_kind: str, identifier: str) -> str:
    """Return the ARN of a record of another kind (owned by the demo partner's account)."""
    return (
        f"arn:aws:partnercentral:{ARN_REGION}:{ARN_ACCOUNT}:catalog/{catalog}/"
        f"{arn_kind}/{identifier}"
    )


def parse_arn(arn: str) -> tuple[str, str, str] | None:
    """Return ``(catalog, kind, id)`` of a Partner Central ARN, or ``None``."""
    match = _ARN.fullmatch(arn)
    return (match.group(1), match.group(2), match.group(3)) if match else None


def parse_engagement_arn(arn: str) -> tuple[str, str] | None:
    """Return ``(catalog, id)`` from an engagement ARN, or ``None`` if it is not one."""
    parsed = parse_arn(arn)
    if parsed is None or parsed[1] != "engagement" or not ENGAGEMENT_ID.fullmatch(parsed[2]):
        return None
    return parsed[0], parsed[2]
