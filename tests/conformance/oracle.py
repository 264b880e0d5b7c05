"""What the conformance suite checks every record kind and list against, written from the
model's documentation rather than from engtui's code or the demo's.

- `validate`: botocore's own parameter validation of a request (what the client does
  before it sends anything).
- `list_states`: every state a list's options reach through the switches and the sort
  the list declares, and, for the engagement list, every value of every search filter the
  options dialog offers (values taken from the demo data, so each one selects rows).
- `OPTION_CHECKS` / `satisfies`: what "a row satisfies what was asked" means for each
  option field of each list (a status filter: each row has that status; a lead status:
  each row's lead has exactly that status). A list's option field with no entry here fails
  the suite: a new list or option is covered the day it is declared, or the suite says what
  is missing.
- `SORT_MEMBERS` / `in_order`: the member each sort key orders by.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import fields, replace
from typing import Any

from engtui.api.records import ListKind

Item = Mapping[str, Any]
Full = Callable[[str], Mapping[str, Any]]  # id -> the whole record (GetEngagement)


def validate(operation: str, params: Mapping[str, Any], service: str | None = None) -> None:
    """Raise AssertionError with botocore's report when ``params`` would be refused
    (``service``: "selling" or "benefits"; by default the one with the operation)."""
    from botocore.validate import ParamValidator

    from engtui.api.model import SERVICES
    from engtui.api.model import operation as operation_model

    shape = operation_model(operation, SERVICES.get(service or "")).input_shape
    report = ParamValidator().validate(dict(params), shape)
    assert not report.has_errors(), f"{operation}: {report.generate_report()}"


# -- the values an engagement has, from its GetEngagement reply --------------------------------
def _payloads(engagement: Item, kind: str, *path: str) -> list[Any]:
    found = []
    for context in engagement.get("Contexts") or ():
        value: Any = (context.get("Payload") or {}).get(kind)
        for name in path:
            value = value.get(name) if isinstance(value, Mapping) else None
        if value is not None:
            found.append(value)
    return found


def _types(engagement: Item) -> set[str]:
    return {c.get("Type") for c in engagement.get("Contexts") or ()}


def _lead(engagement: Item, *path: str) -> list[Any]:
    return _payloads(engagement, "Lead", *path)


def _prospect(engagement: Item, *path: str) -> list[Any]:
    return _payloads(engagement, "ProspectingResult", "Aws", "Customer", *path)


def _day(value: Any) -> dt.date:
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return value.astimezone(dt.UTC).date()


def _words_in(engagement: Item, keyword: str) -> bool:
    text = json.dumps(engagement, default=str).lower()
    return all(word in text for word in keyword.lower().split())


EngagementCheck = Callable[[Any, Item], bool]

# option field -> does the whole engagement satisfy the value asked?
ENGAGEMENT_CHECKS: dict[str, EngagementCheck] = {
    "context_types": lambda v, e: bool(_types(e) & set(v)),
    "exclude_context_types": lambda v, e: not _types(e) & set(v),
    "created_by": lambda v, e: e.get("CreatedBy") in v,
    "exclude_created_by": lambda v, e: e.get("CreatedBy") not in v,
    # exactly: "Qualified" is not "Unqualified" (ContainsAny would say it is)
    "lead_status": lambda v, e: any(s in v for s in _lead(e, "QualificationStatus")),
    "readiness": lambda v, e: any(s in v for s in _lead(e, "Insights", "LeadReadinessScore")),
    "industry": lambda v, e: any(s in v for s in _lead(e, "Customer", "Industry")
                                 + _prospect(e, "Industry")),
    "country": lambda v, e: any(s in v for s in _lead(e, "Customer", "Address", "CountryCode")
                                + _prospect(e, "Country")),
    "created_from": lambda v, e: _day(e["CreatedAt"]) >= v,
    "created_to": lambda v, e: _day(e["CreatedAt"]) <= v,
    "modified_from": lambda v, e: _day(e["ModifiedAt"]) >= v,
    "modified_to": lambda v, e: _day(e["ModifiedAt"]) <= v,
    "keyword": lambda v, e: _words_in(e, v),
}

# option field -> does a list item (the List operation's own summary) satisfy the value?
ITEM_CHECKS: dict[str, dict[str, Callable[[Any, Item], bool]]] = {
    "invitations": {
        "participant": lambda v, i: i.get("ParticipantType") == v,
        "status": lambda v, i: i.get("Status") == v,
    },
    "groups": {"readiness": lambda v, i: i.get("ReadinessLevel") == v},
    # SearchOpportunities' summaries (OpportunitySearchSummary): each pick is exact
    # (EqualsTo), several values of one field any of them; the close dates whole UTC days.
    "opportunities": {
        "stage": lambda v, i: _at(i, "LifeCycle", "Stage") in v,
        "review_status": lambda v, i: _at(i, "LifeCycle", "ReviewStatus") in v,
        "country": lambda v, i: _at(i, "Customer", "Account", "Address", "CountryCode") in v,
        "industry": lambda v, i: _at(i, "Customer", "Account", "Industry") in v,
        "cosell_motion": lambda v, i: _at(i, "AwsOpportunitySummary", "CosellMotion") in v,
        "engagement_score": lambda v, i: _at(
            i, "AwsOpportunitySummary", "Insights", "EngagementScore") in v,
        "close_from": lambda v, i: _close(i) is not None and _close(i) >= v,
        "close_to": lambda v, i: _close(i) is not None and _close(i) <= v,
        "min_mrr": lambda v, i: any(amount >= v for amount in _amounts(i)),
        # "matched against opportunity fields": every word is in the summary somewhere
        "keyword": lambda v, i: _words_in(i, v),
    },
    # the benefits service's lists (their own summaries)
    "benefit_applications": {
        "status": lambda v, i: i.get("Status") == v,
        # associated with that opportunity: an ARN naming it (the service's ARN form)
        "opportunity": lambda v, i: any(
            isinstance(arn, str) and arn.split("/")[-2:] == ["opportunity", v]
            for arn in i.get("AssociatedResources") or ()),
    },
    "benefit_allocations": {
        "status": lambda v, i: i.get("Status") == v,
        "application": lambda v, i: i.get("BenefitApplicationId") == v,
    },
    "benefits": {"status": lambda v, i: i.get("Status") == v},
    "customer_accounts": {
        "enrichment_status": lambda v, i: i.get("EnrichmentStatus") == v,
        # a statistics bar's bucket: (field, value), the account holds that value exactly
        "bucket": lambda v, i: v[1] in account_values(i, v[0]),
    },
    # merged lists: each item carries the --type of the operation it came from (engtuiType)
    "tasks": {
        "type": lambda v, i: i.get("engtuiType") == v,
        "status": lambda v, i: i.get("TaskStatus") == v,
    },
    "snapshot_jobs": {
        "engagement": lambda v, i: i.get("EngagementId") == v,
        "status": lambda v, i: i.get("Status") == v,
    },
    "bulk_jobs": {
        "type": lambda v, i: i.get("engtuiType") == v,
        "status": lambda v, i: i.get("Status") == v,
    },
    "bulk_job_results": {
        # a row names no job: the job is the request's JobId / Identifier (`START`)
        "job": lambda v, i: True,
        "type": lambda v, i: i.get("engtuiType") == v,
        "status": lambda v, i: i.get("Status") == v,
    },
}


def _at(item: Item, *path: str) -> Any:
    value: Any = item
    for name in path:
        value = value.get(name) if isinstance(value, Mapping) else None
    return value


def _close(item: Item) -> dt.date | None:
    value = _at(item, "LifeCycle", "TargetCloseDate")
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _amounts(item: Item) -> list[float]:
    """The expected monthly spends of an opportunity summary (``Amount`` is a string)."""
    found = []
    for spend in _at(item, "Project", "ExpectedCustomerSpend") or ():
        try:
            found.append(float(spend.get("Amount")))
        except (TypeError, ValueError, AttributeError):
            continue
    return found


# The members of a SearchCustomerAccounts summary each statistics field counts.
_ENRICHED = ("AwsEnrichment", "Customer")
_INSIGHTS = ("AwsEnrichment", "Insights")
ACCOUNT_MEMBERS: dict[str, tuple[str, ...]] = {
    "ENRICHMENT_STATUS": ("EnrichmentStatus",),
    "AWS_INDUSTRY": (*_ENRICHED, "Industry"),
    "SEGMENT": (*_ENRICHED, "Segment"),
    "GEO": (*_ENRICHED, "Geo"),
    "COUNTRY": (*_ENRICHED, "Country"),
    "ACCOUNT_PLANNING_QUALIFICATION": (*_ENRICHED, "AccountPlanningQualification"),
    "PROGRAM_ELIGIBILITY": (*_ENRICHED, "EligiblePrograms"),
    "SOLUTION_CATEGORY": (*_INSIGHTS, "SolutionCategory"),
    "SOLUTION_SCORE": (*_INSIGHTS, "SolutionScore"),
    "MARKETPLACE_ENGAGEMENT_SCORE": (*_INSIGHTS, "MarketplaceEngagementScore"),
}


def account_values(item: Item, field: str) -> list[Any]:
    """The values a customer-account summary holds for a statistics field (a list field
    such as ``EligiblePrograms``: each of its values)."""
    value: Any = item
    for name in ACCOUNT_MEMBERS[field]:
        value = value.get(name) if isinstance(value, Mapping) else None
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


# The first options of a list that lists one record's rows (a bulk job's): the demo's
# record, as the list is opened from its row (`ListKind.opens_list`).
START: dict[str, dict[str, Any]] = {
    "bulk_job_results": {"job": "bulkjob-oppblk0000001", "type": "opportunity"},
}


def start(spec: ListKind, page_size: int = 100) -> Any:
    """The options a list starts with (`START` for a list of one record's rows)."""
    return replace(spec.make_options(page_size), **START.get(spec.name, {}))


def items_of(service: Any, query: Any, catalog: str) -> list[dict[str, Any]]:
    """Every item of ``query`` (merged when it has parts), each request validated first."""
    from engtui.api import merged_lists

    for _, part in query.parts or (("", query),):
        validate(part.operation, {"Catalog": catalog, **part.params})
    return [item for _, page, _ in merged_lists.pages(service.list_pages, query, catalog)
            for item in page]

# Option fields that ask nothing of the rows: the order (checked by `in_order`), the page
# size, the name shown for a group; a group's rows are checked by count (`group_count`).
NOT_FILTERS = {"sort", "sort_by", "page_size", "group_name", "group"}
# (a merged list's order is checked on its merge member, `in_order` of `ListQuery.merge_by`)


def lists_engagements(spec: ListKind) -> bool:
    """Are the list's rows engagements (checked against the whole engagement)?"""
    return spec.noun == "engagement"


def unchecked_fields(spec: ListKind) -> list[str]:
    """The option fields of ``spec`` the oracle does not know: each is a gap to close."""
    options = spec.make_options(100) if spec.make_options else None
    if options is None:
        return []
    known = ENGAGEMENT_CHECKS if lists_engagements(spec) else ITEM_CHECKS.get(spec.name, {})
    return [f.name for f in fields(options) if f.name not in known and f.name not in NOT_FILTERS]


def unmet(spec: ListKind, options: Any, items: list[Item], full: Full) -> list[str]:
    """Each row that does not satisfy what ``options`` ask, said in words."""
    problems = []
    for f in fields(options):
        value = getattr(options, f.name)
        if f.name in NOT_FILTERS or value in (None, "", ()):
            continue
        if lists_engagements(spec):
            check = ENGAGEMENT_CHECKS[f.name]
            for item in items:
                if not check(value, full(item["Id"])):
                    problems.append(f"{item['Id']} does not satisfy {f.name}={value!r}")
        else:
            check_item = ITEM_CHECKS[spec.name][f.name]
            problems += [f"{item.get('Id')} does not satisfy {f.name}={value!r}"
                         for item in items if not check_item(value, item)]
    return problems


# -- order ----------------------------------------------------------------------------------
# The member of a list item (or of the whole engagement) each sort key orders by.
SORT_MEMBERS: dict[str, Callable[[Item], Any]] = {
    "CreatedDate": lambda e: e.get("CreatedAt") or e.get("CreatedDate"),  # an opportunity's
    "CreatedAt": lambda e: e.get("CreatedAt"),
    "LastModifiedAt": lambda e: e.get("ModifiedAt"),
    "Title": lambda e: e.get("Title"),
    "MemberCount": lambda e: e.get("MemberCount"),
    "EngagementId": lambda e: e.get("Id"),
    "PartnerId": lambda e: e.get("CreatedBy"),  # the partner that created it
    "InvitationDate": lambda i: i.get("InvitationDate"),
    "UpdatedAt": lambda g: g.get("UpdatedAt"),
    "LastModifiedDate": lambda o: o.get("LastModifiedDate"),
    # opportunity summaries: the orders the model's types define (dates, amounts)
    "TargetCloseDate": lambda o: _at(o, "LifeCycle", "TargetCloseDate"),
    "EstimatedMrr": lambda o: max(_amounts(o), default=None),
    "LAST_MODIFIED_DATE": lambda a: a.get("LastModifiedDate"),
    "StartTime": lambda t: t.get("StartTime"),
    "LeadQualificationStatus": lambda e: _first(_lead(e, "QualificationStatus")),
    "LeadReadinessScore": lambda e: _first(_lead(e, "Insights", "LeadReadinessScore")),
    "LeadCustomerIndustry": lambda e: _first(_lead(e, "Customer", "Industry")),
    "LeadCustomerCountryCode": lambda e: _first(_lead(e, "Customer", "Address", "CountryCode")),
    "LeadCustomerCompanyName": lambda e: _first(_lead(e, "Customer", "CompanyName")),
    "ProspectingCustomerIndustry": lambda e: _first(_prospect(e, "Industry")),
    "ProspectingCustomerCountry": lambda e: _first(_prospect(e, "Country")),
}


def _first(values: list[Any]) -> Any:
    return values[0] if values else None


def _comparable(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
    return value


def in_order(sort_by: str, order: str, items: list[Item], full: Full | None) -> bool:
    """Are ``items`` in ``sort_by`` order (rows without the value are not compared)?"""
    key = SORT_MEMBERS[sort_by]
    values = [_comparable(key(full(i["Id"]) if full else i)) for i in items]
    values = [v for v in values if v is not None]
    wanted = sorted(values, reverse=order == "DESCENDING")
    return values == wanted


# -- every state a list reaches -------------------------------------------------------------
def switch_states(spec: ListKind, start: Any) -> Iterator[Any]:
    """``start``, then every state reachable by the list's switches and its sort (each
    switch cycles back to where it began)."""
    seen = [start]
    frontier = [start]
    while frontier:
        options = frontier.pop()
        steps = [options.toggled_sort()] + [options.toggled(switch.field)
                                            for switch in spec.switches]
        for step in steps:
            if step not in seen:
                seen.append(step)
                frontier.append(step)
    yield from seen


def search_variants(start: Any, values: Mapping[str, list[Any]]) -> Iterator[Any]:
    """The engagement list's options dialog, one field at a time: each value of each
    search filter, each sort key in both orders, a keyword."""
    for name, choices in values.items():
        for value in choices:
            yield replace(start, **{name: value})
