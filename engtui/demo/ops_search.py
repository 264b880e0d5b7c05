"""``SearchEngagements``: keyword, the And/Or/Not filter tree, groups and sort keys.

As the model documents it:

* ``Keyword`` matches, case-insensitively, the title, the description, customer company
  names in the contexts and member company names; each word of it must match somewhere.
* ``Filter`` is a tree: ``AndAllFilters``, ``OrAllFilters`` and ``NotFilter`` combine
  children; the leaves ``EqualsTo``, ``ContainsAny`` (case-insensitive substring),
  ``ContainsAll`` (every value held exactly) and the range comparisons
  (``GreaterThan``... on ``CreatedAt``, ``LastModifiedAt`` and ``MemberCount``) test one
  field (``EngagementSearchFilterName``). Exactly one member per node, at most three
  levels: otherwise ``ValidationException``, as for a range on a text field or a value of
  the wrong type.
* ``GroupId`` keeps the engagements of that group (``ValidationException`` when the group
  does not exist in the catalog).
* ``Sort`` takes any of the model's 26 ``EngagementSearchSortName`` keys; without it,
  newest first. Each result is the whole engagement: every context in full.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from engtui.demo import model
from engtui.demo.data import DemoDataset
from engtui.demo.listing import ListSpec, run
from engtui.demo.protocol import invalid_value

__all__ = ["FIELDS", "OPERATIONS"]

Record = dict[str, Any]
Params = dict[str, Any]
MAX_DEPTH = 3


def _path(record: Any, *names: str) -> Iterator[Any]:
    """Every value at ``names`` below ``record``, stepping through lists."""
    if not names:
        if isinstance(record, list):
            yield from record
        elif record is not None:
            yield record
        return
    if isinstance(record, list):
        for item in record:
            yield from _path(item, *names)
    elif isinstance(record, dict):
        yield from _path(record.get(names[0]), *names[1:])


def _payloads(kind: str, *names: str) -> Callable[[Record], list[Any]]:
    def values(engagement: Record) -> list[Any]:
        return [
            value
            for context in engagement.get("Contexts") or ()
            for value in _path(context, "Payload", kind, *names)
        ]

    return values


def _top(name: str) -> Callable[[Record], list[Any]]:
    return lambda engagement: list(_path(engagement, name))


def _partners(engagement: Record) -> list[Any]:
    return list(dict.fromkeys([engagement.get("CreatedBy"), engagement.get("ModifiedBy")]))


_PROSPECT = ("Aws", "Customer")
_INSIGHT = ("Aws", "Insights")
_CONTACT = ("Interactions", "Contact")

# Each filter and sort key of the model, and the values an engagement has for it.
FIELDS: dict[str, Callable[[Record], list[Any]]] = {
    "EngagementId": _top("Id"),
    "Title": _top("Title"),
    "PartnerId": _partners,
    "CreatedAt": _top("CreatedAt"),
    "LastModifiedAt": _top("ModifiedAt"),
    "MemberCount": _top("MemberCount"),
    "ProspectingCustomerGeo": _payloads("ProspectingResult", *_PROSPECT, "Geo"),
    "ProspectingCustomerRegion": _payloads("ProspectingResult", *_PROSPECT, "Region"),
    "ProspectingCustomerIndustry": _payloads("ProspectingResult", *_PROSPECT, "Industry"),
    "ProspectingCustomerSegment": _payloads("ProspectingResult", *_PROSPECT, "Segment"),
    "ProspectingCustomerCountry": _payloads("ProspectingResult", *_PROSPECT, "Country"),
    "ProspectingCustomerCompanySize": _payloads("ProspectingResult", *_PROSPECT, "CompanySize"),
    "ProspectingInsightsMarketplaceEngagementScore": _payloads(
        "ProspectingResult", *_INSIGHT, "MarketplaceEngagementScore"
    ),
    "ProspectingInsightsSolutionCategory": _payloads(
        "ProspectingResult", *_INSIGHT, "SolutionCategory"
    ),
    "ProspectingInsightsSolutionSubCategory": _payloads(
        "ProspectingResult", *_INSIGHT, "SolutionSubCategory"
    ),
    "LeadQualificationStatus": _payloads("Lead", "QualificationStatus"),
    "LeadReadinessScore": _payloads("Lead", "Insights", "LeadReadinessScore"),
    "LeadCustomerIndustry": _payloads("Lead", "Customer", "Industry"),
    "LeadCustomerCountryCode": _payloads("Lead", "Customer", "Address", "CountryCode"),
    "LeadCustomerAwsMaturity": _payloads("Lead", "Customer", "AwsMaturity"),
    "LeadCustomerMarketSegment": _payloads("Lead", "Customer", "MarketSegment"),
    "LeadCustomerCompanyName": _payloads("Lead", "Customer", "CompanyName"),
    "LeadInteractionsSourceType": _payloads("Lead", "Interactions", "SourceType"),
    "LeadInteractionsSourceName": _payloads("Lead", "Interactions", "SourceName"),
    "LeadInteractionsUsecase": _payloads("Lead", "Interactions", "Usecase"),
    "LeadInteractionsContactFirstName": _payloads("Lead", *_CONTACT, "FirstName"),
    "LeadInteractionsContactLastName": _payloads("Lead", *_CONTACT, "LastName"),
    "LeadInteractionsContactBusinessTitle": _payloads("Lead", *_CONTACT, "BusinessTitle"),
    "ContextType": lambda engagement: [c.get("Type") for c in engagement.get("Contexts") or ()],
}
ORDERED_FIELDS = {"CreatedAt": "DateValue", "LastModifiedAt": "DateValue",
                  "MemberCount": "LongValue"}
_RANGES: dict[str, Callable[[Any, Any], bool]] = {
    "GreaterThan": operator.gt,
    "GreaterThanOrEquals": operator.ge,
    "LessThan": operator.lt,
    "LessThanOrEquals": operator.le,
}
_COMBINATORS = ("AndAllFilters", "OrAllFilters", "NotFilter")

Test = Callable[[Record], bool]


def compile_filter(node: Record, path: str = "Filter", depth: int = 1,
                   fields: dict[str, Callable[[Record], list[Any]]] | None = None,
                   ordered: dict[str, str] | None = None) -> Test:
    """Turn a checked ``EngagementSearchFilter`` into a test (``ValidationException``).
    ``fields`` and ``ordered``: another search's fields (``SearchOpportunities``' filter tree
    has the same form)."""
    fields = FIELDS if fields is None else fields
    ordered = ORDERED_FIELDS if ordered is None else ordered
    present = [name for name, value in node.items() if value is not None]
    if len(present) != 1:
        raise invalid_value(path, "Member must have exactly one member set")
    name = present[0]
    where = f"{path}.{name}"
    if name in _COMBINATORS:
        if depth >= MAX_DEPTH:
            raise invalid_value(where, f"Filters must not nest deeper than {MAX_DEPTH} levels")
        if name == "NotFilter":
            inner = compile_filter(node[name], where, depth + 1, fields, ordered)
            return lambda engagement: not inner(engagement)
        children = [
            compile_filter(child, f"{where}[{i}]", depth + 1, fields, ordered)
            for i, child in enumerate(node[name])
        ]
        combine = all if name == "AndAllFilters" else any
        return lambda engagement: combine(child(engagement) for child in children)
    return _leaf(name, node[name], where, fields, ordered)


def _leaf(comparison: str, predicate: Record, where: str,
          fields: dict[str, Callable[[Record], list[Any]]], ordered: dict[str, str]) -> Test:
    key, value = predicate["Key"], predicate["Value"]
    values_of = fields[key]
    given = [name for name, item in value.items() if item is not None]
    kind = given[0] if len(given) == 1 else ""
    if comparison in _RANGES:
        if ordered.get(key) != kind:
            wanted = ordered.get(key)
            raise invalid_value(
                f"{where}.Value", f"{comparison} needs {f'a {wanted}' if wanted else 'a value'}"
                f" on an ordered field ({', '.join(ordered)}), not {key}"
            )
        compare, bound = _RANGES[comparison], value[kind]
        return lambda e: any(v is not None and compare(v, bound) for v in values_of(e))
    if kind not in ("StringValue", "StringListValue") or key in ordered:
        if comparison == "EqualsTo" and kind == ordered.get(key):
            bound = value[kind]
            return lambda e: bound in values_of(e)
        raise invalid_value(f"{where}.Value", f"{comparison} takes a StringValue on {key}")
    wanted = [value[kind]] if kind == "StringValue" else list(value[kind])
    if comparison == "EqualsTo":
        if kind != "StringValue":
            raise invalid_value(f"{where}.Value", "EqualsTo takes a StringValue")
        return lambda e: wanted[0] in values_of(e)
    if comparison == "ContainsAll":
        return lambda e: set(wanted) <= set(values_of(e))
    lowered = [w.lower() for w in wanted]
    return lambda e: any(w in str(v).lower() for v in values_of(e) for w in lowered)


def _keyword_test(dataset: DemoDataset, keyword: str) -> Test:
    words = keyword.lower().split()

    def matches(engagement: Record) -> bool:
        texts = _keyword_texts(engagement, dataset.members.get(engagement["Id"], ()))
        text = " ".join(str(item) for item in texts).lower()
        return all(word in text for word in words)

    return matches


def _keyword_texts(engagement: Record, members: Any) -> Iterator[Any]:
    yield engagement.get("Title") or ""
    yield engagement.get("Description") or ""
    for context in engagement.get("Contexts") or ():
        for payload in (context.get("Payload") or {}).values():
            yield from _path(payload, "Customer", "CompanyName")
            yield from _path(payload, "Aws", "Customer", "AccountName")
    for member in members:
        yield member.get("CompanyName") or ""


def _predicate(dataset: DemoDataset, params: Params) -> Test | None:
    tests: list[Test] = []
    if params.get("Keyword"):
        tests.append(_keyword_test(dataset, params["Keyword"]))
    if params.get("Filter"):
        tests.append(compile_filter(params["Filter"]))
    if params.get("GroupId"):
        group = dataset.groups.get((params["Catalog"], params["GroupId"]))
        if group is None:
            raise invalid_value(
                "GroupId", f"No active engagement group {params['GroupId']} in this catalog"
            )
        members = set(group.get("$engagements") or ())
        tests.append(lambda engagement: engagement["Id"] in members)
    if not tests:
        return None
    return lambda engagement: all(test(engagement) for test in tests)


def _first(name: str) -> Callable[[Record], Any]:
    values_of = FIELDS[name]
    return lambda engagement: next(iter(values_of(engagement)), None)


def _source(dataset: DemoDataset, params: Params) -> Sequence[Record]:
    return dataset.index().engagements.get(params["Catalog"], [])


def _summary(engagement: Record) -> Record:
    """The engagement's summary members, its contexts whole (unknown payloads too)."""
    members = model.shape("EngagementSearchSummary").members
    return {name: engagement[name] for name in members if name in engagement}


SEARCH = ListSpec(
    "SearchEngagements",
    "EngagementSearchSummaries",
    _source,
    _summary,
    sorts={name: _first(name) for name in FIELDS},
    default_sort=("CreatedAt", "DESCENDING"),
    predicate=_predicate,
)


def search_engagements(dataset: DemoDataset, params: Params) -> Record:
    """``SearchEngagements``: see the module docstring."""
    return run(SEARCH, dataset, params)


OPERATIONS = {"SearchEngagements": search_engagements}
