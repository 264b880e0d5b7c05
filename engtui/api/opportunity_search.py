"""The opportunities list (no Textual here): ``SearchOpportunities`` where the model has it
(a keyword, filters over the model's ``OpportunitySearchFilterName`` fields, any of its
``OpportunitySearchSortName`` keys; each summary carries the life cycle, the customer and
AWS's insights, so no call per row), else ``ListOpportunities``; its options, rows and the
request, for the list screen and ``engtui list opportunities`` alike.

Every filter is exact where the value is enum-like: the model documents ``ContainsAny`` as a
case-insensitive substring match, so a pick is ``EqualsTo`` (several: ``OrAllFilters`` of
``EqualsTo``), as `engtui.api.list_queries._exact` does for engagements. A value outside the
model's enum (stage, review status, country, industry, engagement score) is refused before
anything is sent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

from engtui.api.identifiers import InvalidInput
from engtui.api.list_queries import (
    ASCENDING,
    DESCENDING,
    ListQuery,
    _dates,
    _equals,
    checked_values,
    has_operation,
    model_enum,
)
from engtui.api.pictures import monthly_spend
from engtui.api.records import Options
from engtui.api.reply_values import NONE, datetime_or_none, dict_or_empty, listed_item, text_of
from engtui.textsafe import printable
from engtui.timefmt import utc_iso

SEARCH = "SearchOpportunities"
LIST = "ListOpportunities"
NO_SEARCH = "this botocore has no SearchOpportunities"
DEFAULT_SORT = "LastModifiedDate"

STAGES: tuple[str, ...] = ("", "Prospect", "Qualified", "Technical Validation",
                           "Business Validation", "Committed", "Launched", "Closed Lost")
"""What ``f`` steps through ("": any), the model's ``Stage`` in the order an opportunity
moves through them."""

SORT_STEPS: tuple[str, ...] = (DEFAULT_SORT, "TargetCloseDate", "EngagementScore",
                               "EstimatedMrr")
"""What ``b`` steps through: the sort keys a partner triages by (``--sort`` takes any)."""


@dataclass(frozen=True)
class OpportunityFilters:
    """The filters of ``SearchOpportunities``, as plain values (empty: unused); the close
    dates are UTC days, ``close_from`` to ``close_to`` inclusive; ``min_mrr`` an amount."""

    stage: tuple[str, ...] = ()
    review_status: tuple[str, ...] = ()
    country: tuple[str, ...] = ()
    industry: tuple[str, ...] = ()
    cosell_motion: tuple[str, ...] = ()
    engagement_score: tuple[str, ...] = ()
    close_from: dt.date | None = None
    close_to: dt.date | None = None
    min_mrr: float | None = None

    @property
    def search_only(self) -> bool:
        """Is a filter set that ``ListOpportunities`` does not have?"""
        return bool(self.country or self.industry or self.cosell_motion
                    or self.engagement_score or self.close_from or self.close_to
                    or self.min_mrr is not None)


# filter field -> (the model's filter key, the shape whose enum it takes, what it is)
_EXACT: dict[str, tuple[str, str, str]] = {
    "stage": ("Stage", "Stage", "a stage"),
    "review_status": ("ReviewStatus", "ReviewStatus", "a review status"),
    "country": ("CountryCode", "CountryCode", "a country code"),
    "industry": ("Industry", "Industry", "an industry"),
    "cosell_motion": ("CosellMotion", "", "a co-sell motion"),  # no enum in the model
    "engagement_score": ("EngagementScore", "SearchEngagementScore", "an engagement score"),
}


def _limit() -> int:
    """The model's ``OpportunitySearchFilterList`` maximum: entries per And/Or list."""
    from engtui.api.model import service_model

    return int(service_model().shape_for("OpportunitySearchFilterList").metadata["max"])


def checked(f: OpportunityFilters) -> OpportunityFilters:
    """The filters in the model's spelling; a value outside an enum raises `InvalidInput`."""
    changes: dict[str, tuple[str, ...]] = {}
    for name, (_, shape, what) in _EXACT.items():
        values = getattr(f, name)
        allowed = (model_enum(SEARCH, shape) if has_operation(SEARCH)
                   else _fallback_enum(shape)) if values and shape else ()
        if allowed:
            changes[name] = tuple(checked_values(values, allowed, what))
        elif values:
            changes[name] = tuple(dict.fromkeys(v.strip() for v in values if v.strip()))
    if f.min_mrr is not None and f.min_mrr < 0:
        raise InvalidInput("The least estimated MRR cannot be negative.")
    if f.close_from and f.close_to and f.close_from > f.close_to:
        raise InvalidInput("The close date range ends before it starts.")
    return replace(f, **changes)


def _fallback_enum(shape: str) -> tuple[str, ...]:
    """An enum from ``ListOpportunities``' model (an older botocore without the search)."""
    member = {"Stage": "LifeCycleStage", "ReviewStatus": "LifeCycleReviewStatus"}.get(shape)
    return model_enum(LIST, member) if member else ()


def search_filter(f: OpportunityFilters) -> dict[str, Any] | None:
    """The ``SearchOpportunities`` filter tree: every filter given must hold."""
    predicates: list[dict[str, Any]] = []
    for name, (key, _, what) in _EXACT.items():
        values = getattr(f, name)
        if not values:
            continue
        if len(values) > _limit():
            raise InvalidInput(f"At most {_limit()} values of {what[what.index(' ') + 1:]} "
                               "can be searched at once.")
        leaves = [_equals(key, value) for value in values]
        predicates.append(leaves[0] if len(leaves) == 1 else {"OrAllFilters": leaves})
    predicates += _dates("TargetCloseDate", f.close_from, f.close_to)
    if f.min_mrr is not None:
        predicates.append({"GreaterThanOrEquals": {
            "Key": "EstimatedMrr", "Value": {"DoubleValue": float(f.min_mrr)}}})
    if not predicates:
        return None
    if len(predicates) > _limit():
        raise InvalidInput(f"Too many filters at once: the service takes {_limit()}.")
    return predicates[0] if len(predicates) == 1 else {"AndAllFilters": predicates}


def sort_keys() -> tuple[str, ...]:
    """The model's ``SearchOpportunities`` sort keys (``OpportunitySearchSortName``)."""
    return model_enum(SEARCH, "OpportunitySearchSortName") if has_operation(SEARCH) else ()


def opportunities_query(*, keyword: str = "", sort: str = "", ascending: bool = False,
                        filters: OpportunityFilters | None = None,
                        page_size: int | None = None, fallback: bool = False,
                        **given: Any) -> ListQuery:
    """``SearchOpportunities`` of a keyword, the filters and a sort key (the last modified
    date by default); ``ListOpportunities`` when the model lacks the search: then a keyword,
    a search-only filter or another sort key raises `InvalidInput`, unless ``fallback`` (the
    list screen), where they are left out and `ListQuery.note` says why. ``given``: the
    filters as keyword arguments (``engtui list`` flags: ``stage=["Prospect"]``)."""
    f = checked(replace(filters or OpportunityFilters(), **_as_filters(given)))
    order = ASCENDING if ascending else DESCENDING
    limit = {"MaxResults": page_size} if page_size else {}
    if has_operation(SEARCH):
        params: dict[str, Any] = {"Keyword": keyword} if keyword else {}
        tree = search_filter(f)
        if tree:
            params["Filter"] = tree
        key = checked_values([sort], sort_keys(), "a sort key")[0] if sort else DEFAULT_SORT
        params["Sort"] = {"SortBy": key, "SortOrder": order}
        return ListQuery(SEARCH, "OpportunitySearchSummaries", {**params, **limit})
    if (keyword or f.search_only or sort not in ("", DEFAULT_SORT)) and not fallback:
        raise InvalidInput("This botocore has no SearchOpportunities (a newer boto3 has it): "
                           "--search, --sort and the filters other than --stage and "
                           "--review-status need it.")
    params = {"Sort": {"SortBy": DEFAULT_SORT, "SortOrder": order}, **limit}
    if f.stage:
        params["LifeCycleStage"] = list(f.stage)
    if f.review_status:
        params["LifeCycleReviewStatus"] = list(f.review_status)
    return ListQuery(LIST, "OpportunitySummaries", params, NO_SEARCH)


def _as_filters(given: dict[str, Any]) -> dict[str, Any]:
    """``engtui list`` flags as `OpportunityFilters` fields (dates parsed; a bad one refused)."""
    names = {f.name for f in fields(OpportunityFilters)}
    unknown = set(given) - names
    if unknown:
        raise TypeError(f"unknown opportunity filters: {sorted(unknown)}")
    out: dict[str, Any] = {}
    for name, value in given.items():
        if name in ("close_from", "close_to") and isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value.strip())
            except ValueError:
                raise InvalidInput(f"“{printable(value, limit=20)}” is not a date "
                                   "(YYYY-MM-DD).") from None
        elif name == "min_mrr" and isinstance(value, str):
            try:
                value = float(value)
            except ValueError:
                raise InvalidInput(f"“{printable(value, limit=20)}” is not an amount.") from None
        elif isinstance(value, (list, tuple)):
            value = tuple(value)
        elif isinstance(value, str):
            value = (value,)
        out[name] = value
    return out


# -- rows -----------------------------------------------------------------------------------
def _amount(spends: Any) -> tuple[float | None, str]:
    """The first expected spend with an amount (the summary's are monthly: "amount and
    currency only")."""
    for spend in spends if isinstance(spends, list) else ():
        spend = dict_or_empty(spend)
        try:
            return float(spend.get("Amount")), text_of(spend.get("CurrencyCode"))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            continue
    return None, ""


@dataclass(frozen=True, slots=True)
class OpportunitySummary:
    """One opportunity of the list (a ``SearchOpportunities`` summary, or a
    ``ListOpportunities`` one: the search's members are empty then). Enter opens it.

    Plain attributes for whoever draws them: ``stage`` (the life-cycle stage, "" unknown),
    ``spend`` (the monthly expected spends, (amount text, currency) each: the pipeline's),
    ``mrr`` (the first of them as a float, or None) and ``currency``;
    ``engagement_score`` (AWS's High / Medium / Low), ``close_date`` (``YYYY-MM-DD``)."""

    id: str
    company: str = ""
    stage: str = ""
    review: str = ""
    type: str = ""
    modified_at: dt.datetime | None = None
    title: str = ""
    close_date: str = ""
    engagement_score: str = ""
    mrr: float | None = None
    currency: str = ""
    cosell_motion: str = ""
    # The monthly expected spend: (amount text, currency code) each (the pipeline's sums,
    # `engtui.api.pictures.opportunity_stage_and_spend`).
    spend: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_api(cls, item: Any, now: dt.datetime | None = None) -> OpportunitySummary:
        item = listed_item(item, "an opportunity")
        account = dict_or_empty(dict_or_empty(item.get("Customer")).get("Account"))
        life = dict_or_empty(item.get("LifeCycle"))
        project = dict_or_empty(item.get("Project"))
        aws = dict_or_empty(item.get("AwsOpportunitySummary"))
        mrr, currency = _amount(project.get("ExpectedCustomerSpend"))
        return cls(
            id=item["Id"], company=text_of(account.get("CompanyName")),
            stage=text_of(life.get("Stage")), review=text_of(life.get("ReviewStatus")),
            type=text_of(item.get("OpportunityType")),
            modified_at=datetime_or_none(item.get("LastModifiedDate")),
            title=text_of(project.get("Title")),
            close_date=text_of(life.get("TargetCloseDate")),
            engagement_score=text_of(dict_or_empty(aws.get("Insights")).get("EngagementScore")),
            mrr=mrr, currency=currency, cosell_motion=text_of(aws.get("CosellMotion")),
            spend=tuple(monthly_spend(project.get("ExpectedCustomerSpend"))))


def _money(amount: float | None, currency: str) -> str:
    if amount is None:
        return NONE
    return f"{amount:,.0f}" + (f" {currency}" if currency and currency != "USD" else "")


def opportunity_row(summary: OpportunitySummary) -> tuple[str, ...]:
    """Id, customer, stage, review status, engagement score, estimated MRR, close date,
    modified (printable)."""
    return (printable(summary.id), printable(summary.company) or NONE,
            printable(summary.stage) or NONE, printable(summary.review) or NONE,
            printable(summary.engagement_score) or NONE, _money(summary.mrr, summary.currency),
            printable(summary.close_date) or NONE,
            utc_iso(summary.modified_at)[:10] if summary.modified_at else NONE)


def _next(values: Sequence[str], value: str) -> str:
    return values[(list(values).index(value) + 1) % len(values)] if value in values \
        else values[0]


@dataclass(frozen=True)
class OpportunityOptions(OpportunityFilters, Options):
    """What the opportunities list asks: a keyword (``ctrl+f``), the filters (``f`` steps one
    stage), a sort key (``b`` steps `SORT_STEPS`) and its order (``s``)."""

    sort: str = DESCENDING
    sort_by: str = ""
    keyword: str = ""
    page_size: int = 100

    @property
    def filters(self) -> OpportunityFilters:
        return OpportunityFilters(**{f.name: getattr(self, f.name)
                                     for f in fields(OpportunityFilters)})

    def query(self) -> ListQuery:
        return opportunities_query(keyword=self.keyword, sort=self.sort_by,
                                   ascending=self.sort == ASCENDING, filters=self.filters,
                                   page_size=self.page_size, fallback=True)

    def with_keyword(self, keyword: str) -> OpportunityOptions:
        return replace(self, keyword=keyword)

    def toggled(self, field: str) -> OpportunityOptions:
        """``stage``: the next single stage (or any); ``sort_by``: the next sort key."""
        if field == "sort_by":
            return replace(self, sort_by=_next(SORT_STEPS, self.sort_by or DEFAULT_SORT))
        if field == "stage":
            stage = _next(STAGES, self.stage[0] if len(self.stage) == 1 else "")
            return replace(self, stage=(stage,) if stage else ())
        raise KeyError(field)

    def describe(self) -> str:
        parts = [f"keyword “{printable(self.keyword, limit=40)}”"] if self.keyword else []
        key = self.sort_by or DEFAULT_SORT
        if key == DEFAULT_SORT:
            parts.append("last modified first" if self.sort == DESCENDING
                         else "oldest change first")
        else:
            parts.append(f"by {key}, {'descending' if self.sort == DESCENDING else 'ascending'}")
        for label, values in (("stage", self.stage), ("review", self.review_status),
                              ("country", self.country), ("industry", self.industry),
                              ("motion", self.cosell_motion),
                              ("score", self.engagement_score)):
            if values:
                parts.append(f"{label} " + ", ".join(printable(v, limit=30) for v in values))
        if not self.stage:
            parts.append("any stage")
        if self.close_from or self.close_to:
            parts.append(f"closing {self.close_from or '…'} to {self.close_to or '…'}")
        if self.min_mrr is not None:
            parts.append(f"MRR ≥ {self.min_mrr:,.0f}")
        return " · ".join(parts)
