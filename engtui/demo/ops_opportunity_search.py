"""``SearchOpportunities``, ``SearchCustomerAccounts`` and ``GetCustomerAccountStatistics``.

* ``SearchOpportunities``: ``Keyword`` (each word in the project title, the customer's
  company or the opportunity's ids), the And/Or/Not ``Filter`` tree over the model's 24
  ``OpportunitySearchFilterName`` fields (the same leaves as ``SearchEngagements``; ranges on
  the dates, ``TargetCloseDate`` included, and ``EstimatedMrr``), any of the 23 sort keys
  (newest modified first without one). Each result is the summary: life cycle, customer,
  project, AWS's insights inline.
* ``SearchCustomerAccounts``: the ``Filter`` tree over the 14 ``FilterableField`` values
  (ranges on the dates), sorted by the five ``SortableField`` keys (``ACTION_REQUIRED``
  first is the list's own choice, not the service's: without ``Sort``, newest modified first).
* ``GetCustomerAccountStatistics``: the accounts the ``Filter`` keeps, counted by the
  ``GroupBy`` fields of each aggregation (a bucket per combination of values, biggest first;
  accounts missing a field are counted only with ``IncludeMissing``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from engtui.demo.data import DemoDataset
from engtui.demo.listing import ListSpec, run, summary_of
from engtui.demo.ops_search import _path, compile_filter

__all__ = ["OPERATIONS"]

Record = dict[str, Any]
Params = dict[str, Any]
Values = Callable[[Record], list[Any]]


def _at(*names: str) -> Values:
    return lambda record: list(_path(record, *names))


def _mrr(record: Record) -> list[Any]:
    spends = _path(record, "Project", "ExpectedCustomerSpend")
    return [float(s["Amount"]) for s in spends
            if isinstance(s, dict) and s.get("Amount") and s.get("Frequency") == "Monthly"]


def _close_date(record: Record) -> list[Any]:
    """``TargetCloseDate`` (a ``YYYY-MM-DD`` string) as the start of that UTC day, so the
    range comparisons take a ``DateValue`` on it as on the other date fields."""
    days = []
    for value in _path(record, "LifeCycle", "TargetCloseDate"):
        try:
            days.append(dt.datetime.fromisoformat(str(value)).replace(tzinfo=dt.UTC))
        except ValueError:
            continue  # a value that breaks the model's pattern matches no range
    return days


_AWS = ("$aws",)  # the opportunity's AWS summary, joined from the dataset (see _source)

OPPORTUNITY_FIELDS: dict[str, Values] = {
    "OpportunityId": _at("Id"),
    "Stage": _at("LifeCycle", "Stage"),
    "ReviewStatus": _at("LifeCycle", "ReviewStatus"),
    "CustomerCompanyName": _at("Customer", "Account", "CompanyName"),
    "LastModifiedDate": _at("LastModifiedDate"),
    "TargetCloseDate": _close_date,
    "CreatedDate": _at("CreatedDate"),
    "CountryCode": _at("Customer", "Account", "Address", "CountryCode"),
    "PartnerProjectTitle": _at("Project", "Title"),
    "OpportunityType": _at("OpportunityType"),
    "PartnerOpportunityIdentifier": _at("PartnerOpportunityIdentifier"),
    "Industry": _at("Customer", "Account", "Industry"),
    "AwsAccountId": _at("Customer", "Account", "AwsAccountId"),
    "ApnPrograms": _at("Project", "ApnPrograms"),
    "Origin": _at(*_AWS, "Origin"),
    "Tags": lambda record: [f"{t.get('Key')}={t.get('Value')}" for t in record.get("$tags", [])],
    "NextStep": _at("LifeCycle", "NextSteps"),
    "OfferId": _at("RelatedEntityIdentifiers", "AwsMarketplaceOffers"),
    "OfferSetId": _at("RelatedEntityIdentifiers", "AwsMarketplaceOfferSets"),
    "AwsMarketplaceSolution": _at("RelatedEntityIdentifiers", "AwsMarketplaceSolutions"),
    "CosellMotion": _at(*_AWS, "InvolvementType"),
    "OpportunityOwner": lambda record: [
        f"{m.get('FirstName', '')} {m.get('LastName', '')}".strip()
        for m in record.get("OpportunityTeam") or [] if isinstance(m, dict)],
    "EstimatedMrr": _mrr,
    "EngagementScore": _at(*_AWS, "Insights", "EngagementScore"),
}
OPPORTUNITY_ORDERED = {"LastModifiedDate": "DateValue", "CreatedDate": "DateValue",
                       "TargetCloseDate": "DateValue", "EstimatedMrr": "DoubleValue"}


def _opportunities(dataset: DemoDataset, params: Params) -> Sequence[Record]:
    """The catalog's opportunities, each with its AWS summary and tags joined in."""
    catalog = params["Catalog"]
    index = dataset.index()
    tags: dict[str, list[Record]] = {}
    for tag in index.of_kind("tags", catalog):
        tags.setdefault(str(tag.get("$resource")), []).append(tag)
    return [{**record, "$aws": dataset.aws_summaries.get((catalog, record["Id"])) or {},
             "$tags": tags.get(str(record.get("Arn")), [])}
            for record in index.of_kind("opportunities", catalog)]


def _opportunity_summary(record: Record) -> Record:
    summary = summary_of("OpportunitySearchSummary")(record)
    aws = record.get("$aws") or {}
    if aws:
        insights = aws.get("Insights") or {}
        summary["AwsOpportunitySummary"] = {
            "Origin": aws.get("Origin"), "CosellMotion": aws.get("InvolvementType"),
            "Insights": {"EngagementScore": insights.get("EngagementScore")},
        }
    if record.get("$tags"):
        summary["Tags"] = [{"Key": t["Key"], "Value": t["Value"]} for t in record["$tags"]]
    return summary


def _opportunity_predicate(dataset: DemoDataset, params: Params) -> Callable[[Record], bool] | None:
    tests: list[Callable[[Record], bool]] = []
    if params.get("Keyword"):
        words = params["Keyword"].lower().split()
        texts = ("PartnerProjectTitle", "CustomerCompanyName", "OpportunityId",
                 "PartnerOpportunityIdentifier")

        def keyword(record: Record) -> bool:
            text = " ".join(str(v) for name in texts for v in OPPORTUNITY_FIELDS[name](record))
            return all(word in text.lower() for word in words)

        tests.append(keyword)
    if params.get("Filter"):
        tests.append(compile_filter(params["Filter"], fields=OPPORTUNITY_FIELDS,
                                    ordered=OPPORTUNITY_ORDERED))
    if not tests:
        return None
    return lambda record: all(test(record) for test in tests)


def _first(values: Values) -> Callable[[Record], Any]:
    return lambda record: next(iter(values(record)), None)


SEARCH_OPPORTUNITIES = ListSpec(
    "SearchOpportunities",
    "OpportunitySearchSummaries",
    _opportunities,
    _opportunity_summary,
    sorts={name: _first(values) for name, values in OPPORTUNITY_FIELDS.items()},
    default_sort=("LastModifiedDate", "DESCENDING"),
    predicate=_opportunity_predicate,
)

# -- customer accounts --------------------------------------------------------------------------
_CUSTOMER = ("AwsEnrichment", "Customer")
_INSIGHTS = ("AwsEnrichment", "Insights")
ACCOUNT_FIELDS: dict[str, Values] = {
    "ENRICHMENT_STATUS": _at("EnrichmentStatus"),
    "COMPANY_NAME": _at("Account", "CompanyName"),
    "AWS_INDUSTRY": _at(*_CUSTOMER, "Industry"),
    "ACCOUNT_PLANNING_QUALIFICATION": _at(*_CUSTOMER, "AccountPlanningQualification"),
    "PROGRAM_ELIGIBILITY": _at(*_CUSTOMER, "EligiblePrograms"),
    "IMPORT_ID": _at("$import"),
    "CREATED_DATE": _at("CreatedDate"),
    "LAST_MODIFIED_DATE": _at("LastModifiedDate"),
    "GEO": _at(*_CUSTOMER, "Geo"),
    "REGION": _at(*_CUSTOMER, "Region"),
    "COUNTRY": _at(*_CUSTOMER, "Country"),
    "SEGMENT": _at(*_CUSTOMER, "Segment"),
    "SOLUTION_CATEGORY": _at(*_INSIGHTS, "SolutionCategory"),
    "MARKETPLACE_ENGAGEMENT_SCORE": _at(*_INSIGHTS, "MarketplaceEngagementScore"),
    "SOLUTION_SCORE": _at(*_INSIGHTS, "SolutionScore"),
}
ACCOUNT_ORDERED = {"CREATED_DATE": "DateValue", "LAST_MODIFIED_DATE": "DateValue"}


def _accounts(dataset: DemoDataset, params: Params) -> Sequence[Record]:
    return dataset.index().of_kind("customer_accounts", params["Catalog"])


def _account_test(params: Params) -> Callable[[Record], bool] | None:
    if not params.get("Filter"):
        return None
    return compile_filter(params["Filter"], fields=ACCOUNT_FIELDS, ordered=ACCOUNT_ORDERED)


def _account_summary(record: Record) -> Record:
    summary = summary_of("CustomerAccountSummary")(record)
    company = (record.get("Account") or {}).get("CompanyName")
    if company is not None:
        summary["CustomerAccount"] = {"CompanyName": company}
    return summary


SEARCH_ACCOUNTS = ListSpec(
    "SearchCustomerAccounts",
    "CustomerAccountSummaries",
    _accounts,
    _account_summary,
    sorts={name: _first(ACCOUNT_FIELDS[name]) for name in (
        "COMPANY_NAME", "CREATED_DATE", "LAST_MODIFIED_DATE", "MARKETPLACE_ENGAGEMENT_SCORE",
        "SOLUTION_SCORE")},
    default_sort=("LAST_MODIFIED_DATE", "DESCENDING"),
    predicate=lambda dataset, params: _account_test(params),
)


def customer_account_statistics(dataset: DemoDataset, params: Params) -> Record:
    """``GetCustomerAccountStatistics``: see the module docstring."""
    test = _account_test(params)
    accounts = [a for a in _accounts(dataset, params) if test is None or test(a)]
    missing = bool(params.get("IncludeMissing"))
    aggregations = []
    for request in params.get("Aggregations") or []:
        fields = list(request.get("GroupBy") or [])
        counts: Counter[tuple[str, ...]] = Counter()
        for account in accounts:
            combos: list[tuple[str, ...]] = [()]
            for name in fields:
                values = [str(v) for v in ACCOUNT_FIELDS[name](account)] or (
                    ["MISSING"] if missing else [])
                combos = [(*combo, value) for combo in combos for value in values]
            counts.update(combos)
        aggregations.append({
            "GroupBy": fields,
            "Buckets": [{"Values": list(values), "Count": count}
                        for values, count in counts.most_common()],
            "OtherCount": 0,
        })
    return {"TotalCount": len(accounts), "Aggregations": aggregations}


OPERATIONS = {
    "SearchOpportunities": lambda dataset, params: run(SEARCH_OPPORTUNITIES, dataset, params),
    "SearchCustomerAccounts": lambda dataset, params: run(SEARCH_ACCOUNTS, dataset, params),
    "GetCustomerAccountStatistics": customer_account_statistics,
}
