"""The co-sell trail: invitations, opportunities, AWS summaries, snapshots, accounts.

* ``ListEngagementInvitations`` needs ``ParticipantType``: ``RECEIVER`` lists the
  invitations this partner received, ``SENDER`` those it sent (a record's
  ``$participant``); it filters by ``Status``, ``PayloadType``, ``EngagementIdentifier`` and
  ``SenderAwsAccountId`` and sorts by ``InvitationDate`` (newest first by default).
* ``GetEngagementInvitation`` takes an ``engi-`` id or the invitation's ARN.
* ``ListOpportunities`` filters by ``Identifier``, ``LifeCycleStage``,
  ``LifeCycleReviewStatus``, ``CustomerCompanyName`` and the date ranges, and sorts by the
  model's five keys; ``GetAwsOpportunitySummary`` is found by ``RelatedOpportunityIdentifier``.
* ``ListResourceSnapshots`` lists one engagement's snapshots (filters are exact);
  ``GetResourceSnapshot`` returns the ``Revision`` asked for, or the latest without one.
* ``ListSolutions`` filters by ``Identifier`` (an opportunity's
  ``RelatedEntityIdentifiers.Solutions``), ``Status``, ``Category`` and marketplace ARN.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from engtui.demo.data import DemoDataset
from engtui.demo.listing import Filter, ListSpec, handler, summary_of
from engtui.demo.lookup import find
from engtui.demo.protocol import not_found

__all__ = ["OPERATIONS"]

Record = dict[str, Any]
Params = dict[str, Any]


def _of_kind(name: str) -> Callable[[DemoDataset, Params], Sequence[Record]]:
    return lambda dataset, params: dataset.index().of_kind(name, params["Catalog"])


def _at(*names: str) -> Callable[[Record], list[Any]]:
    def values(record: Record) -> list[Any]:
        value: Any = record
        for name in names:
            value = value.get(name) if isinstance(value, dict) else None
        return [value]

    return values


def _getter(store: str, arn_kind: str, label: str, member: str = "Identifier") -> Any:
    def get(dataset: DemoDataset, params: Params) -> Record:
        records = getattr(dataset, store)
        return find(records, params["Catalog"], params[member], arn_kind=arn_kind, label=label)

    return get


# -- invitations --------------------------------------------------------------------------
def _invitation_summary(record: Record) -> Record:
    summary = summary_of("EngagementInvitationSummary")(record)
    summary["ParticipantType"] = record.get("$participant", "RECEIVER")
    return summary


LIST_INVITATIONS = ListSpec(
    "ListEngagementInvitations",
    "EngagementInvitationSummaries",
    _of_kind("invitations"),
    _invitation_summary,
    filters=(
        Filter("ParticipantType", lambda r: [r.get("$participant", "RECEIVER")], "equals"),
        Filter("Status", _at("Status")),
        Filter("PayloadType", _at("PayloadType")),
        Filter("EngagementIdentifier", _at("EngagementId")),
        Filter("SenderAwsAccountId", _at("SenderAwsAccountId")),
    ),
    sorts={"InvitationDate": lambda r: r.get("InvitationDate")},
    default_sort=("InvitationDate", "DESCENDING"),
)

# -- opportunities ------------------------------------------------------------------------
_COMPANY = ("Customer", "Account", "CompanyName")

LIST_OPPORTUNITIES = ListSpec(
    "ListOpportunities",
    "OpportunitySummaries",
    _of_kind("opportunities"),
    summary_of("OpportunitySummary"),
    filters=(
        Filter("Identifier", _at("Id")),
        Filter("LifeCycleStage", _at("LifeCycle", "Stage")),
        Filter("LifeCycleReviewStatus", _at("LifeCycle", "ReviewStatus")),
        Filter("CustomerCompanyName", _at(*_COMPANY)),
        Filter("LastModifiedDate", _at("LastModifiedDate"), "range", "LastModifiedDate"),
        Filter("CreatedDate", _at("CreatedDate"), "range", "CreatedDate"),
        Filter("TargetCloseDate", _at("LifeCycle", "TargetCloseDate"), "range", "TargetCloseDate"),
    ),
    sorts={
        "LastModifiedDate": lambda r: r.get("LastModifiedDate"),
        "Identifier": lambda r: int(r["Id"][1:]),
        "CustomerCompanyName": lambda r: _at(*_COMPANY)(r)[0],
        "CreatedDate": lambda r: r.get("CreatedDate"),
        "TargetCloseDate": lambda r: _at("LifeCycle", "TargetCloseDate")(r)[0],
    },
)


def get_aws_opportunity_summary(dataset: DemoDataset, params: Params) -> Record:
    """``GetAwsOpportunitySummary``: the AWS side of one opportunity."""
    catalog, identifier = params["Catalog"], params["RelatedOpportunityIdentifier"]
    summary = dataset.aws_summaries.get((catalog, identifier))
    if summary is None:
        raise not_found(
            f"No AWS opportunity summary for opportunity {identifier} in catalog {catalog}."
        )
    return summary


# -- resource snapshots -------------------------------------------------------------------
def _snapshots(dataset: DemoDataset, params: Params) -> Sequence[Record]:
    return dataset.index().snapshots.get((params["Catalog"], params["EngagementIdentifier"]), [])


LIST_SNAPSHOTS = ListSpec(
    "ListResourceSnapshots",
    "ResourceSnapshotSummaries",
    _snapshots,
    summary_of("ResourceSnapshotSummary"),
    filters=(
        Filter("ResourceType", _at("ResourceType"), "equals"),
        Filter("ResourceIdentifier", _at("ResourceId"), "equals"),
        Filter("ResourceSnapshotTemplateIdentifier", _at("ResourceSnapshotTemplateName"),
               "equals"),
        Filter("CreatedBy", _at("CreatedBy"), "equals"),
    ),
)


def get_resource_snapshot(dataset: DemoDataset, params: Params) -> Record:
    """``GetResourceSnapshot``: one revision (the latest when ``Revision`` is not given)."""
    wanted = {
        "EngagementId": params["EngagementIdentifier"],
        "ResourceType": params["ResourceType"],
        "ResourceId": params["ResourceIdentifier"],
        "ResourceSnapshotTemplateName": params["ResourceSnapshotTemplateIdentifier"],
    }
    revisions = dataset.index().revisions_of(params["Catalog"], wanted)
    revision = params.get("Revision")
    found = [s for s in revisions if revision is None or s.get("Revision") == revision]
    if not found:
        which = f"revision {revision} of " if revision is not None else ""
        raise not_found(
            f"No snapshot {which}{wanted['ResourceType']} {wanted['ResourceId']} "
            f"({wanted['ResourceSnapshotTemplateName']}) in engagement {wanted['EngagementId']}."
        )
    return found[-1]


# -- solutions ------------------------------------------------------------------------------
LIST_SOLUTIONS = ListSpec(
    "ListSolutions",
    "SolutionSummaries",
    _of_kind("solutions"),
    summary_of("SolutionBase"),
    filters=(
        Filter("Identifier", _at("Id")),
        Filter("Status", _at("Status")),
        Filter("Category", _at("Category")),
        Filter("AwsMarketplaceSolutionArn", _at("AwsMarketplaceSolutionArn")),
    ),
    sorts={
        "Identifier": lambda r: int(r["Id"][2:]),
        "Name": lambda r: r.get("Name"),
        "Status": lambda r: r.get("Status"),
        "Category": lambda r: r.get("Category"),
        "CreatedDate": lambda r: r.get("CreatedDate"),
    },
)


OPERATIONS = {
    "ListEngagementInvitations": handler(LIST_INVITATIONS),
    "GetEngagementInvitation": _getter(
        "invitations", "engagement-invitation", "Engagement invitation"
    ),
    "GetOpportunity": _getter("opportunities", "opportunity", "Opportunity"),
    "ListOpportunities": handler(LIST_OPPORTUNITIES),
    "GetAwsOpportunitySummary": get_aws_opportunity_summary,
    "ListResourceSnapshots": handler(LIST_SNAPSHOTS),
    "GetResourceSnapshot": get_resource_snapshot,
    "GetCustomerAccount": _getter("customer_accounts", "customer-account", "Customer account"),
    "ListSolutions": handler(LIST_SOLUTIONS),
}
