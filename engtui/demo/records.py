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
)
READ_PREFIXES: tuple[str, ...] = ("Get", "List", "Search")

ENGAGEMENT_ID = re.compile(r"eng-[0-9a-z]{14}")
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
    """One kind of record: where it lives in a data file and how it is checked."""

    shape: str
    id_member: str
    id_pattern: re.Pattern[str]
    arn_kind: str | None = None
    key: Callable[[dict[str, Any]], str] = field(default=lambda record: record["Id"])
    defaults: dict[str, Callable[[dict[str, Any]], Any]] = field(default_factory=dict)


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
