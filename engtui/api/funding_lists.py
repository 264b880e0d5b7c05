"""The lists of the benefits service (``partnercentral-benefits``; no Textual here): benefit
applications (``ListBenefitApplications``, an opportunity's with ``--opportunity``),
benefit allocations (``ListBenefitAllocations``) and benefits (``ListBenefits``): their
requests, options and rows. None of the three operations sorts (the model has no ``Sort``):
rows come in the service's order, and ``s`` changes nothing.

An opportunity's applications: the model filters by ``AssociatedResourceArns`` (ARNs) or
``AssociatedResources`` (``ResourceType`` and ``ResourceIdentifier`` or ``ResourceArn``).
An opportunity's ARN carries the partner's account id
(``arn:aws:partnercentral:us-east-1:111122223333:catalog/AWS/opportunity/O…``, as the service
names it), which engtui does not know from an id without one more call; so an id is sent as
``AssociatedResources=[{ResourceType: OPPORTUNITY, ResourceIdentifier: O…}]`` (the catalog is
the request's ``Catalog``), and an ARN, when that is what was typed, as
``AssociatedResourceArns`` (the opportunity's Funding pane does so with its ``Arn``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from engtui.api.list_queries import DESCENDING, ListQuery, checked_values, model_enum
from engtui.api.records import Options
from engtui.api.reply_values import NONE, datetime_or_none, day_of, listed_item, strs_of, text_of
from engtui.textsafe import printable

BENEFITS = "benefits"

APPLICATIONS = ("ListBenefitApplications", "BenefitApplicationSummaries")
ALLOCATIONS = ("ListBenefitAllocations", "BenefitAllocationSummaries")
BENEFIT_LIST = ("ListBenefits", "BenefitSummaries")


def _status(operation: str, value: str, what: str) -> list[str]:
    """``Status`` as the model spells it (the model takes one at a time for applications
    and allocations); a value outside its enum raises `InvalidInput`."""
    return checked_values([value], model_enum(operation, "Status"), what) if value else []


def _limit(page_size: int | None) -> dict[str, Any]:
    return {"MaxResults": page_size} if page_size else {}


def _model_checked(text: str, shape: str, service: str, what: str) -> str:
    """``text`` when it matches the model's pattern of ``shape``, else `InvalidInput`."""
    import re

    from engtui.api.identifiers import InvalidInput
    from engtui.api.model import service_model

    value = text.strip()
    pattern = service_model(service).shape_for(shape).metadata.get("pattern", "")
    if not value or (pattern and not re.fullmatch(pattern, value)):
        raise InvalidInput(f"“{printable(value, limit=60)}” is not {what}.")
    return value


def opportunity_resource(text: str) -> dict[str, Any]:
    """The request members naming an opportunity's applications (see the module's note);
    text that is not an opportunity's id (the model's ``OpportunityIdentifier``) or ARN
    raises `InvalidInput`."""
    value = text.strip()
    if value.lower().startswith("arn:") and "/opportunity/" in value:
        arn = _model_checked(value, "Arn", BENEFITS, "an opportunity's ARN")
        return {"AssociatedResourceArns": [arn]}
    identifier = _model_checked(value, "OpportunityIdentifier", "selling",
                                "an opportunity id (O and digits) or ARN")
    return {"AssociatedResources": [{"ResourceType": "OPPORTUNITY",
                                     "ResourceIdentifier": identifier}]}


def applications_query(*, opportunity: str = "", status: str = "",
                       page_size: int | None = None) -> ListQuery:
    operation, result = APPLICATIONS
    params: dict[str, Any] = opportunity_resource(opportunity) if opportunity else {}
    if status:
        params["Status"] = _status(operation, status, "a benefit application status")
    return ListQuery(operation, result, {**params, **_limit(page_size)}, service=BENEFITS)


def allocations_query(*, status: str = "", application: str = "",
                      page_size: int | None = None) -> ListQuery:
    operation, result = ALLOCATIONS
    params: dict[str, Any] = {}
    if status:
        params["Status"] = _status(operation, status, "a benefit allocation status")
    if application:
        params["BenefitApplicationIdentifiers"] = [_model_checked(
            application, "BenefitApplicationIdentifier", BENEFITS,
            "a benefit application id (benappl- and 14 letters or digits) or ARN")]
    return ListQuery(operation, result, {**params, **_limit(page_size)}, service=BENEFITS)


def benefits_query(*, status: str = "", page_size: int | None = None) -> ListQuery:
    operation, result = BENEFIT_LIST
    params = {"Status": _status(operation, status, "a benefit status")} if status else {}
    return ListQuery(operation, result, {**params, **_limit(page_size)}, service=BENEFITS)


# -- rows -----------------------------------------------------------------------------------
def _shown(value: str) -> str:
    return printable(value) or NONE


@dataclass(frozen=True, slots=True)
class ApplicationSummary:
    """One benefit application: Enter opens it (``GetBenefitApplication``)."""

    id: str
    name: str = ""
    status: str = ""
    stage: str = ""
    benefit_id: str = ""
    updated_at: dt.datetime | None = None

    @classmethod
    def from_api(cls, item: Any, now: dt.datetime | None = None) -> ApplicationSummary:
        item = listed_item(item, "a benefit application")
        return cls(id=item["Id"], name=text_of(item.get("Name")),
                   status=text_of(item.get("Status")),
                   stage=text_of(item.get("Stage")), benefit_id=text_of(item.get("BenefitId")),
                   updated_at=datetime_or_none(item.get("UpdatedAt")))


def application_row(summary: ApplicationSummary) -> tuple[str, ...]:
    """Id, name, status, stage, updated (printable)."""
    return (printable(summary.id), _shown(summary.name), _shown(summary.status),
            _shown(summary.stage), day_of(summary.updated_at))


@dataclass(frozen=True, slots=True)
class AllocationSummary:
    """One benefit allocation: Enter opens it (``GetBenefitAllocation``)."""

    id: str
    name: str = ""
    status: str = ""
    fulfillment: tuple[str, ...] = ()
    expires_at: dt.datetime | None = None
    application_id: str = ""

    @classmethod
    def from_api(cls, item: Any, now: dt.datetime | None = None) -> AllocationSummary:
        item = listed_item(item, "a benefit allocation")
        return cls(id=item["Id"], name=text_of(item.get("Name")),
                   status=text_of(item.get("Status")),
                   fulfillment=strs_of(item.get("FulfillmentTypes")),
                   expires_at=datetime_or_none(item.get("ExpiresAt")),
                   application_id=text_of(item.get("BenefitApplicationId")))


def allocation_row(summary: AllocationSummary) -> tuple[str, ...]:
    """Id, name, status, fulfillment types, expires, application (printable)."""
    return (printable(summary.id), _shown(summary.name), _shown(summary.status),
            _shown(", ".join(summary.fulfillment)), day_of(summary.expires_at),
            _shown(summary.application_id))


@dataclass(frozen=True, slots=True)
class BenefitSummary:
    """One benefit: Enter opens it (``GetBenefit``)."""

    id: str
    name: str = ""
    status: str = ""
    programs: tuple[str, ...] = ()
    fulfillment: tuple[str, ...] = ()

    @classmethod
    def from_api(cls, item: Any, now: dt.datetime | None = None) -> BenefitSummary:
        item = listed_item(item, "a benefit")
        return cls(id=item["Id"], name=text_of(item.get("Name")),
                   status=text_of(item.get("Status")),
                   programs=strs_of(item.get("Programs")),
                   fulfillment=strs_of(item.get("FulfillmentTypes")))


def benefit_row(summary: BenefitSummary) -> tuple[str, ...]:
    """Id, name, status, programs, fulfillment types (printable)."""
    return (printable(summary.id), _shown(summary.name), _shown(summary.status),
            _shown(", ".join(summary.programs)), _shown(", ".join(summary.fulfillment)))


# -- options --------------------------------------------------------------------------------
def _next_status(operation: str, value: str) -> str:
    """The next of ("", the model's statuses): what ``f`` steps through."""
    values = ("", *model_enum(operation, "Status"))
    return values[(values.index(value) + 1) % len(values)] if value in values else ""


@dataclass(frozen=True)
class _Unsorted(Options):
    """No sort in the model: ``s`` keeps the options (nothing to reload for)."""

    sort: str = DESCENDING
    page_size: int = 100
    status: str = ""

    def toggled_sort(self) -> Any:
        return self

    def _described(self, *parts: str) -> str:
        return " · ".join((*[p for p in parts if p], self.status or "any status",
                           "in the service's order"))


@dataclass(frozen=True)
class ApplicationOptions(_Unsorted):
    """Benefit applications: one status (or any; ``f`` steps), one opportunity's."""

    opportunity: str = ""

    def query(self) -> ListQuery:
        return applications_query(opportunity=self.opportunity, status=self.status,
                                  page_size=self.page_size)

    def toggled(self, field: str) -> ApplicationOptions:
        return replace(self, status=_next_status(APPLICATIONS[0], self.status))

    @property
    def crumb(self) -> str:
        return f"Funding {self.opportunity}" if self.opportunity else ""

    def describe(self) -> str:
        return self._described(f"opportunity {printable(self.opportunity, limit=40)}"
                               if self.opportunity else "")


@dataclass(frozen=True)
class AllocationOptions(_Unsorted):
    """Benefit allocations: one status (or any; ``f`` steps), one application's."""

    application: str = ""

    def query(self) -> ListQuery:
        return allocations_query(status=self.status, application=self.application,
                                 page_size=self.page_size)

    def toggled(self, field: str) -> AllocationOptions:
        return replace(self, status=_next_status(ALLOCATIONS[0], self.status))

    def describe(self) -> str:
        return self._described(f"application {printable(self.application, limit=40)}"
                               if self.application else "")


@dataclass(frozen=True)
class BenefitOptions(_Unsorted):
    """Benefits: one status (or any; ``f`` steps)."""

    def query(self) -> ListQuery:
        return benefits_query(status=self.status, page_size=self.page_size)

    def toggled(self, field: str) -> BenefitOptions:
        return replace(self, status=_next_status(BENEFIT_LIST[0], self.status))

    def describe(self) -> str:
        return self._described()
