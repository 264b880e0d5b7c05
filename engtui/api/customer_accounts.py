"""The customer accounts of a catalog (``SearchCustomerAccounts``) and their statistics
(``GetCustomerAccountStatistics``): rows, options and requests (no Textual here).

ACTION_REQUIRED first: the model's sort keys (``SortableField``) have no enrichment status,
so the list opens *filtered* to ``ACTION_REQUIRED``, a default the user clears with ``f``
(which steps ACTION_REQUIRED, PENDING, NO_MATCH_FOUND, ENRICHED, any). ``engtui list
customer-accounts`` lists every account unless ``--enrichment-status`` is given (a script
gets the whole list). The model has no keyword member: ``/`` filters the loaded rows.

The statistics ask, in one call, for the accounts counted by ten of the model's eleven
``AggregatableField`` values (``AggregationRequestList`` takes at most ten): ``REGION`` is
left out, because the list cannot be filtered by it (it is no ``FilterableField``) and a bar
of it could not open its accounts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from engtui.api.identifiers import InvalidInput
from engtui.api.list_queries import ASCENDING, DESCENDING, ListQuery, checked_values
from engtui.api.pictures import Bar, BarGroup
from engtui.api.records import Options
from engtui.api.reply_values import NONE, listed_item, text_of
from engtui.textsafe import printable
from engtui.timefmt import utc_iso

OPERATION = "SearchCustomerAccounts"
STATISTICS = "GetCustomerAccountStatistics"

ENRICHMENT_STATUSES: tuple[str, ...] = ("ACTION_REQUIRED", "PENDING", "NO_MATCH_FOUND",
                                        "ENRICHED", "")
"""What ``f`` steps through (the model's ``EnrichmentStatus``, ACTION_REQUIRED first; "": any)."""

# The statistics' fields (the model's AggregatableField but REGION), in the order drawn,
# with the words of their titles.
STATISTICS_FIELDS: dict[str, str] = {
    "ENRICHMENT_STATUS": "Enrichment status",
    "SEGMENT": "Segment",
    "AWS_INDUSTRY": "AWS industry",
    "GEO": "Geo",
    "COUNTRY": "Country",
    "SOLUTION_CATEGORY": "Solution category",
    "SOLUTION_SCORE": "Solution score",
    "MARKETPLACE_ENGAGEMENT_SCORE": "Marketplace engagement score",
    "ACCOUNT_PLANNING_QUALIFICATION": "Account planning qualification",
    "PROGRAM_ELIGIBILITY": "Program eligibility",
}
# A field that holds several values: a bucket of it is "holds this value" (ContainsAll,
# which the model says is for fields that hold more than one value), not EqualsTo.
MULTI_VALUED = frozenset({"PROGRAM_ELIGIBILITY"})


@dataclass(frozen=True, slots=True)
class CustomerAccountSummary:
    """One customer account: Enter opens it (``GetCustomerAccount``)."""

    id: str
    company: str = ""
    status: str = ""
    partner_id: str = ""
    segment: str = ""
    modified_at: dt.datetime | None = None

    @classmethod
    def from_api(cls, item: Any, now: dt.datetime | None = None) -> CustomerAccountSummary:
        item = listed_item(item, "a customer account")
        account = item.get("CustomerAccount")
        enrichment = item.get("AwsEnrichment")
        customer = enrichment.get("Customer") if isinstance(enrichment, dict) else None
        modified = item.get("LastModifiedDate")
        return cls(id=item["Id"],
                   company=text_of(account.get("CompanyName") if isinstance(account, dict)
                                 else None),
                   status=text_of(item.get("EnrichmentStatus")),
                   partner_id=text_of(item.get("PartnerAccountIdentifier")),
                   segment=text_of(customer.get("Segment") if isinstance(customer, dict)
                                 else None),
                   modified_at=modified if isinstance(modified, dt.datetime) else None)


def account_row(summary: CustomerAccountSummary) -> tuple[str, ...]:
    """Id, company, enrichment status, your id, segment, modified (printable)."""
    return (printable(summary.id), printable(summary.company) or NONE,
            printable(summary.status) or NONE, printable(summary.partner_id) or NONE,
            printable(summary.segment) or NONE,
            utc_iso(summary.modified_at)[:10] if summary.modified_at else NONE)


def _equals(key: str, value: str) -> dict[str, Any]:
    if key in MULTI_VALUED:
        return {"ContainsAll": {"Key": key, "Value": {"StringListValue": [value]}}}
    return {"EqualsTo": {"Key": key, "Value": {"StringValue": value}}}


def account_filter(status: Sequence[str] = (), bucket: tuple[str, ...] = ()
                   ) -> dict[str, Any] | None:
    """The ``Filter`` tree: the enrichment status is one of ``status`` (exactly:
    ``EqualsTo``, several an ``OrAllFilters``), and the ``bucket`` field (a statistics bar:
    (field, value)) has that value."""
    leaves = []
    if status:
        each = [_equals("ENRICHMENT_STATUS", value) for value in status]
        leaves.append(each[0] if len(each) == 1 else {"OrAllFilters": each})
    if bucket:
        field, value = bucket
        leaves.append(_equals(checked_values([field], _filterable(), "a filterable field")[0],
                              value))
    if not leaves:
        return None
    return leaves[0] if len(leaves) == 1 else {"AndAllFilters": leaves}


def _filterable() -> tuple[str, ...]:
    from engtui.api.model import service_model

    return tuple(service_model().shape_for("FilterableField").enum)


def accounts_query(*, enrichment_status: Sequence[str] = (), bucket: tuple[str, ...] = (),
                   ascending: bool = False, page_size: int | None = None) -> ListQuery:
    """``SearchCustomerAccounts``, last modified first (``ascending``: last)."""
    from engtui.api.list_queries import has_operation

    if not has_operation(OPERATION):
        raise InvalidInput("This botocore has no SearchCustomerAccounts (boto3 1.44.7 or "
                           "newer has it).")
    status = checked_values(enrichment_status, _statuses(), "an enrichment status")
    if len(status) > 10:
        raise InvalidInput("At most 10 enrichment statuses at once.")
    params: dict[str, Any] = {"Sort": {"SortBy": "LAST_MODIFIED_DATE",
                                       "SortOrder": ASCENDING if ascending else DESCENDING}}
    tree = account_filter(status, bucket)
    if tree:
        params["Filter"] = tree
    if page_size:
        params["MaxResults"] = page_size
    return ListQuery(OPERATION, "CustomerAccountSummaries", params)


def _statuses() -> tuple[str, ...]:
    from engtui.api.model import service_model

    return tuple(service_model().shape_for("EnrichmentStatus").enum)


@dataclass(frozen=True)
class CustomerAccountOptions(Options):
    """What the customer-accounts list asks: one enrichment status (ACTION_REQUIRED by
    default; ``f`` steps, "" any), and a statistics bar's bucket when opened from one."""

    sort: str = DESCENDING
    page_size: int = 100
    enrichment_status: str = "ACTION_REQUIRED"
    bucket: tuple[str, ...] = ()  # (field, value) of a statistics bar

    def query(self) -> ListQuery:
        return accounts_query(
            enrichment_status=[self.enrichment_status] if self.enrichment_status else [],
            bucket=self.bucket, ascending=self.sort == ASCENDING, page_size=self.page_size)

    def toggled(self, field: str) -> CustomerAccountOptions:
        """The next enrichment status (the list's one switch, ``enrichment_status``)."""
        values = ENRICHMENT_STATUSES
        now = self.enrichment_status
        following = values[(values.index(now) + 1) % len(values)] if now in values else ""
        return replace(self, enrichment_status=following)

    def describe(self) -> str:
        parts = [self.enrichment_status or "any enrichment status"]
        if self.bucket:
            parts.append(self._bucket_words())
        parts.append("last modified first" if self.sort == DESCENDING
                     else "oldest change first")
        return " · ".join(parts)

    def _bucket_words(self) -> str:
        field, value = self.bucket
        return f"{STATISTICS_FIELDS.get(field, field)} {printable(value, limit=40)}"

    @property
    def crumb(self) -> str:
        return f"Accounts {self._bucket_words()}" if self.bucket else ""


# -- statistics -----------------------------------------------------------------------------
def statistics_request(options: Options) -> tuple[str, dict[str, Any]]:
    """One ``GetCustomerAccountStatistics`` call: the ten fields, over every account (the
    list's status filter is not applied: the dashboard shows the whole catalog)."""
    return STATISTICS, {"Aggregations": [{"GroupBy": [field]} for field in STATISTICS_FIELDS]}


def statistics_bars(reply: Mapping[str, Any]) -> list[BarGroup]:
    """The reply's aggregations as bar groups (the order of `STATISTICS_FIELDS`); a bucket
    is a bar that opens its accounts, ``OtherCount`` a bar that opens nothing."""
    total = reply.get("TotalCount")
    total = total if isinstance(total, int) else 0
    groups = []
    for aggregation in reply.get("Aggregations") or []:
        if not isinstance(aggregation, Mapping):
            continue
        group_by = [f for f in aggregation.get("GroupBy") or [] if isinstance(f, str)]
        field = group_by[0] if len(group_by) == 1 else ""
        bars = []
        for bucket in aggregation.get("Buckets") or []:
            values = bucket.get("Values") if isinstance(bucket, Mapping) else None
            count = bucket.get("Count") if isinstance(bucket, Mapping) else None
            if not isinstance(count, int) or not isinstance(values, list) or not values:
                continue
            value = values[0] if isinstance(values[0], str) else str(values[0])
            opens = value if field in STATISTICS_FIELDS else ""
            bars.append(Bar(printable(value, limit=40) or NONE, count, value=opens,
                            field=field if opens else ""))
        if field == "ENRICHMENT_STATUS":  # action required first, as the list
            rank = {status: n for n, status in enumerate(ENRICHMENT_STATUSES)}
            bars.sort(key=lambda bar: rank.get(bar.value, len(rank)))
        other = aggregation.get("OtherCount")
        if isinstance(other, int) and other > 0:
            bars.append(Bar("(other values)", other))
        title = STATISTICS_FIELDS.get(field) or printable(" + ".join(group_by), limit=60)
        groups.append(BarGroup(title, tuple(bars), total=total))
    order = list(STATISTICS_FIELDS.values())
    groups.sort(key=lambda g: order.index(g.title) if g.title in order else len(order))
    empty = [g.title for g in groups if not g.bars]
    groups = [g for g in groups if g.bars]
    if empty:  # one line for the fields no account has a value of, not a heading each
        groups.append(BarGroup("No account has a value for", (), total=total,
                               note=", ".join(empty)))
    return groups


def narrowed_to_bucket(options: Options, bar: Bar) -> Options | None:
    """The accounts list of a bar's bucket (any enrichment status but the bar's own)."""
    if not bar.value or not bar.field:
        return None
    if bar.field == "ENRICHMENT_STATUS":
        return CustomerAccountOptions(enrichment_status=bar.value,
                                      page_size=getattr(options, "page_size", 100))
    return CustomerAccountOptions(enrichment_status="", bucket=(bar.field, bar.value),
                                  page_size=getattr(options, "page_size", 100))
