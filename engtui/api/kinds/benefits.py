"""Funding, from the sibling service ``partnercentral-benefits``: the benefit application
(``benappl-``), the benefit allocation (``benalloc-``) and the benefit (``ben-``), each drawn
whole and linked to the others; an opportunity's applications as its "Funding" pane
(``ListBenefitApplications`` by the opportunity's ARN)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from engtui.api.kinds.ids import IdSyntax
from engtui.api.kinds.tags import BENEFIT_TAGS
from engtui.api.records import Column, Link, LinkTarget, RecordKind, RelatedList

APPLICATION_IDS = IdSyntax("benappl-", r"benappl-[0-9a-z]{14}", "benefit-application",
                           "a benefit application", "benappl- and 14 letters or digits")
ALLOCATION_IDS = IdSyntax("benalloc-", r"benalloc-[0-9a-z]{14}", "benefit-allocation",
                          "a benefit allocation", "benalloc- and 14 letters or digits")
BENEFIT_IDS = IdSyntax("ben-", r"ben-[0-9a-z]{14}", "benefit", "a benefit",
                       "ben- and 14 letters or digits")


def _opportunities(data: Mapping[str, Any]) -> list[tuple[str, LinkTarget]]:
    """The opportunities an application is for (``AssociatedResources``: ARNs)."""
    found = []
    for arn in data.get("AssociatedResources") or []:
        if isinstance(arn, str) and "/opportunity/" in arn:
            identifier = arn.rsplit("/", 1)[-1]
            found.append((f"Opportunity {identifier}", (identifier, {})))
    return found


def _benefit_id(member: str) -> Link:
    """A ``BenefitId`` (an id, or an ARN whose last part is the id)."""
    return Link(member, "benefit", label="Its benefit",
                target=lambda item, _: (str(item.get(member) or "").rsplit("/", 1)[-1], {}))


ALLOCATIONS = RelatedList(
    name="allocations", title="Allocations", operation="ListBenefitAllocations",
    id_param="BenefitApplicationIdentifiers", result_key="BenefitAllocationSummaries",
    item_shape="BenefitAllocationSummary",
    columns=(Column("Allocation", "Id", 24), Column("Status", "Status", 9),
             Column("Expires", "ExpiresAt", 20), Column("Name", "Name")),
    row_link=Link("Id", "benefit_allocation"), noun="allocations", row_noun="allocation",
    params=lambda data: {"BenefitApplicationIdentifiers": [data.get("Id")]},
    service="benefits",
)

BENEFIT_APPLICATION = RecordKind(
    name="benefit_application",
    title="Benefit application",
    get_operation="GetBenefitApplication",
    id_param="Identifier",
    parse=APPLICATION_IDS.parser(lambda: BENEFIT_APPLICATION),
    recognises=APPLICATION_IDS.recognises,
    title_member="Name",
    header_pairs={"Id": "Status", "Stage": "StatusReasonCode", "CreatedAt": "UpdatedAt"},
    header_members=("Id", "Status", "Stage", "StatusReason", "StatusReasonCode", "BenefitId",
                    "CreatedAt", "UpdatedAt", "Arn"),
    related=(ALLOCATIONS, BENEFIT_TAGS),
    links=(
        _benefit_id("BenefitId"),
        Link("AssociatedResources", "opportunity", in_tree=False, choices=_opportunities),
    ),
    prefix=APPLICATION_IDS.prefix,
    service="benefits",
)

BENEFIT_ALLOCATION = RecordKind(
    name="benefit_allocation",
    title="Benefit allocation",
    get_operation="GetBenefitAllocation",
    id_param="Identifier",
    parse=ALLOCATION_IDS.parser(lambda: BENEFIT_ALLOCATION),
    recognises=ALLOCATION_IDS.recognises,
    title_member="Name",
    header_pairs={"Id": "Status", "FulfillmentType": "ExpiresAt",
                  "BenefitApplicationId": "StatusReason"},
    header_members=("Id", "Status", "FulfillmentType", "ExpiresAt", "BenefitApplicationId",
                    "StatusReason", "Arn"),
    links=(
        Link("BenefitApplicationId", "benefit_application", label="Its application"),
        _benefit_id("BenefitId"),
    ),
    prefix=ALLOCATION_IDS.prefix,
    service="benefits",
)

# The id's exact width (benappl- and 14), the status's up to ACTION_REQUIRED (a draft's
# PENDING_SUBMISSION is cut, its start says it), the longest stage seen (Fulfillment): the
# name, which tells a deal's applications apart, gets the rest (at 80 columns "Vision QA POC
# cre…" and "Vision QA POC cash", where it read "Vision QA P…" for both).
APPLICATION_COLUMNS = (Column("Application", "Id", 22), Column("Status", "Status", 15),
                       Column("Stage", "Stage", 11), Column("Name", "Name"))

APPLICATIONS_OF_BENEFIT = RelatedList(
    name="applications", title="Applications", operation="ListBenefitApplications",
    id_param="BenefitIdentifiers", result_key="BenefitApplicationSummaries",
    item_shape="BenefitApplicationSummary",
    columns=APPLICATION_COLUMNS,
    row_link=Link("Id", "benefit_application"), noun="applications",
    row_noun="application", params=lambda data: {"BenefitIdentifiers": [data.get("Id")]},
    service="benefits",
)

BENEFIT = RecordKind(
    name="benefit",
    title="Benefit",
    get_operation="GetBenefit",
    id_param="Identifier",
    parse=BENEFIT_IDS.parser(lambda: BENEFIT),
    recognises=BENEFIT_IDS.recognises,
    title_member="Name",
    header_pairs={"Id": "Status"},
    header_members=("Id", "Status", "Description", "Arn"),
    related=(APPLICATIONS_OF_BENEFIT,),
    prefix=BENEFIT_IDS.prefix,
    service="benefits",
)

# An opportunity's funding (the opportunity's declaration lists this pane).
FUNDING = RelatedList(
    name="funding", title="Funding", operation="ListBenefitApplications",
    id_param="AssociatedResourceArns", result_key="BenefitApplicationSummaries",
    item_shape="BenefitApplicationSummary",
    columns=APPLICATION_COLUMNS,
    row_link=Link("Id", "benefit_application"), noun="funding applications",
    row_noun="application",
    params=lambda data: {"AssociatedResourceArns": [data["Arn"]] if data.get("Arn") else []},
    needs="AssociatedResourceArns", service="benefits",
)
