"""The ``partnercentral-benefits`` service (funding), served on the demo's one port.

* ``GetBenefit``, ``GetBenefitApplication``, ``GetBenefitAllocation`` take an id (``ben-``,
  ``benappl-``, ``benalloc-`` and 14) or the record's ARN.
* ``ListBenefitApplications`` filters by ``Programs``, ``FulfillmentTypes``,
  ``BenefitIdentifiers``, ``Status``, ``Stages``, ``AssociatedResourceArns`` (an
  opportunity's ARN) and ``AssociatedResources`` (``ResourceType`` and ``ResourceIdentifier``
  or ``ResourceArn``); ``ListBenefitAllocations`` by ``FulfillmentTypes``,
  ``BenefitIdentifiers``, ``BenefitApplicationIdentifiers`` and ``Status``; ``ListBenefits``
  by ``Programs``, ``FulfillmentTypes`` and ``Status``. No sort: data order.
* ``ListTagsForResource`` (``resourceArn``; the answer's member is ``tags``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from engtui.demo.data import DemoDataset
from engtui.demo.listing import Filter, ListSpec, handler, summary_of
from engtui.demo.lookup import find
from engtui.demo.ops_bulk import tags_of
from engtui.demo.ops_tasks import ids_of
from engtui.demo.records import BENEFITS, parse_arn

__all__ = ["OPERATIONS"]

Record = dict[str, Any]
Params = dict[str, Any]


def _of_kind(name: str) -> Callable[[DemoDataset, Params], Sequence[Record]]:
    return lambda dataset, params: dataset.index().of_kind(name, params["Catalog"])


def _one(name: str) -> Callable[[Record], list[Any]]:
    return lambda record: [record.get(name)]


def _many(name: str) -> Callable[[Record], list[Any]]:
    return lambda record: list(record.get(name) or [])


def _getter(store: str, arn_kind: str, label: str) -> Callable[[DemoDataset, Params], Record]:
    def get(dataset: DemoDataset, params: Params) -> Record:
        return find(getattr(dataset, store), params["Catalog"], params["Identifier"],
                    arn_kind=arn_kind, label=label)

    return get


_RESOURCE_TYPES = {"OPPORTUNITY": "opportunity", "BENEFIT_ALLOCATION": "benefit-allocation"}


def _associated(dataset: DemoDataset, params: Params) -> Callable[[Record], bool] | None:
    """``AssociatedResources``: a record associated with any of the resources named."""
    wanted = params.get("AssociatedResources")
    if not wanted:
        return None

    def matches(arn: str, resource: Record) -> bool:
        if resource.get("ResourceArn"):
            return arn == resource["ResourceArn"]
        parsed = parse_arn(arn)
        kind = _RESOURCE_TYPES.get(str(resource.get("ResourceType")))
        return parsed is not None and parsed[2] == resource.get("ResourceIdentifier") \
            and (kind is None or parsed[1] == kind)

    return lambda record: any(matches(arn, resource) for arn in record.get("AssociatedResources")
                              or [] for resource in wanted)


LIST_APPLICATIONS = ListSpec(
    "ListBenefitApplications",
    "BenefitApplicationSummaries",
    _of_kind("benefit_applications"),
    summary_of("BenefitApplicationSummary", BENEFITS),
    filters=(
        Filter("Programs", _many("Programs")),
        Filter("FulfillmentTypes", _many("FulfillmentTypes")),
        Filter("BenefitIdentifiers", _one("BenefitId"), wanted=ids_of),
        Filter("Status", _one("Status")),
        Filter("Stages", _one("Stage")),
        Filter("AssociatedResourceArns", _many("AssociatedResources")),
    ),
    predicate=_associated,
    service=BENEFITS,
)


def _allocation_summary(record: Record) -> Record:
    summary = summary_of("BenefitAllocationSummary", BENEFITS)(record)
    if record.get("FulfillmentType"):
        summary["FulfillmentTypes"] = [record["FulfillmentType"]]
    return summary


LIST_ALLOCATIONS = ListSpec(
    "ListBenefitAllocations",
    "BenefitAllocationSummaries",
    _of_kind("benefit_allocations"),
    _allocation_summary,
    filters=(
        Filter("FulfillmentTypes", _one("FulfillmentType")),
        Filter("BenefitIdentifiers", _one("BenefitId"), wanted=ids_of),
        Filter("BenefitApplicationIdentifiers", _one("BenefitApplicationId"), wanted=ids_of),
        Filter("Status", _one("Status")),
    ),
    service=BENEFITS,
)

LIST_BENEFITS = ListSpec(
    "ListBenefits",
    "BenefitSummaries",
    _of_kind("benefits"),
    summary_of("BenefitSummary", BENEFITS),
    filters=(
        Filter("Programs", _many("Programs")),
        Filter("FulfillmentTypes", _many("FulfillmentTypes")),
        Filter("Status", _one("Status")),
    ),
    service=BENEFITS,
)


def list_tags(dataset: DemoDataset, params: Params) -> Record:
    return {"tags": tags_of(dataset, params["resourceArn"])}


OPERATIONS = {
    "GetBenefit": _getter("benefits", "benefit", "Benefit"),
    "GetBenefitApplication": _getter("benefit_applications", "benefit-application",
                                     "Benefit application"),
    "GetBenefitAllocation": _getter("benefit_allocations", "benefit-allocation",
                                    "Benefit allocation"),
    "ListBenefitApplications": handler(LIST_APPLICATIONS),
    "ListBenefitAllocations": handler(LIST_ALLOCATIONS),
    "ListBenefits": handler(LIST_BENEFITS),
    "ListTagsForResource": list_tags,
}
