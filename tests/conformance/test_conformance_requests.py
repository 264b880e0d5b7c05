"""Every request engtui can build, from the declarations, against botocore and the demo.

Parametrized over the registries (`KINDS`, each kind's related lists and links, `LISTS`),
so a kind, list or link declared later is covered without touching this file, and one the
demo endpoint cannot serve fails here. Each request passes botocore's parameter validation
(what the client checks before sending: a string where the model wants a list fails in
seconds here, not in a pane), goes over HTTP to the demo with a real boto3 client, and what
comes back is checked against what was asked (`oracle`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import cache
from typing import Any

import pytest
from oracle import (
    SORT_MEMBERS,
    _lead,
    _prospect,
    in_order,
    items_of,
    lists_engagements,
    search_variants,
    switch_states,
    unchecked_fields,
    unmet,
    validate,
)
from oracle import start as start_options
from support import demo_settings

from engtui.api.kinds import KINDS, LISTS
from engtui.api.list_queries import sort_keys
from engtui.api.records import Link, Record, RecordKind
from engtui.api.service import SellingService
from engtui.demo.examples import EXAMPLES
from engtui.demo.records import SERVED_OPERATIONS

CATALOG = "Sandbox"

RELATED = [(kind.name, related.name) for kind in KINDS.values() for related in kind.related]
LINKS = [(kind.name, index) for kind in KINDS.values() for index in range(len(kind.links))]
ROW_LINKS = [(kind.name, related.name) for kind in KINDS.values() for related in kind.related
             if related.row_link is not None]


@pytest.fixture(scope="module")
def service(demo_server) -> Iterator[SellingService]:
    client = SellingService(demo_settings(demo_server.url))
    yield client
    client.close()


def fetch(service: SellingService, kind: RecordKind, text: str) -> Record:
    ref = kind.parse(text)
    validate(kind.get_operation, kind.request(CATALOG, ref.identifier, ref.params))
    return service.get_record(kind, CATALOG, ref.identifier, params=ref.params)


# -- record kinds -------------------------------------------------------------------------------
def test_every_kind_has_an_example_in_the_demo() -> None:
    missing = sorted(set(KINDS) - set(EXAMPLES))
    assert missing == [], f"the demo endpoint has no example record of: {missing}"


def test_every_operation_engtui_declares_is_served_by_the_demo() -> None:
    declared = {kind.get_operation for kind in KINDS.values()}
    declared |= {related.operation for kind in KINDS.values() for related in kind.related}
    declared |= {operation for spec in LISTS.values() if spec.query
                 for options in switch_states(spec, start_options(spec))
                 for operation in spec.query(options).operations}
    assert sorted(declared - set(SERVED_OPERATIONS)) == []


@pytest.mark.parametrize("name", sorted(KINDS))
def test_each_example_is_the_record_asked_for(service, name) -> None:
    kind = KINDS[name]
    for text in EXAMPLES[name]:
        record = fetch(service, kind, text)
        assert record.id == kind.parse(text).record_id, text


@pytest.mark.parametrize(("name", "related_name"), RELATED, ids=[f"{k}-{r}" for k, r in RELATED])
def test_each_related_list_request_is_valid_and_answered(service, name, related_name) -> None:
    """For every example of the kind: the request validates, and the demo answers with
    items (some example has rows: a pane that can only ever be empty is not tested)."""
    kind = KINDS[name]
    related = kind.related_list(related_name)
    with_rows = 0
    for text in EXAMPLES[name]:
        record = fetch(service, kind, text)
        params = related.request(record)
        if related.needs and not params.get(related.needs):
            continue  # nothing is sent (an opportunity with no solutions)
        catalog = {related.catalog_param: CATALOG} if related.catalog_param else {}
        validate(related.operation, {**catalog, **params}, related.service)
        items = service.list_related(related, CATALOG, record.id, params=params)
        with_rows += bool(items)
    assert with_rows, f"no example of {name} has any {related.what} in the demo"


def link_targets(record: Record, link: Link) -> list[tuple[str, dict[str, Any]]]:
    from engtui.api.links import link_choices

    return [(target[0], dict(target[1])) for _, chosen, target in link_choices(record)
            if chosen is link]


def check_target(service: SellingService, link: Link, identifier: str,
                 params: dict[str, Any]) -> None:
    """The target passes its kind's id check, validates, and opens that very record."""
    target = KINDS[link.kind]
    if not params:
        target.parse(identifier)  # an id from a reply is checked like a typed one
    validate(target.get_operation, target.request(CATALOG, identifier, params))
    opened = service.get_record(target, CATALOG, identifier, params=params)
    assert opened.id == target.parse(identifier).record_id if not params else opened.id


@pytest.mark.parametrize(("name", "index"), LINKS, ids=[
    f"{k}-{KINDS[k].links[i].member}-{KINDS[k].links[i].kind}" for k, i in LINKS])
def test_each_link_opens_a_valid_request_of_its_kind(service, name, index) -> None:
    kind = KINDS[name]
    link = kind.links[index]
    followed = 0
    for text in EXAMPLES[name]:
        record = fetch(service, kind, text)
        for identifier, params in link_targets(record, link):
            check_target(service, link, identifier, params)
            followed += 1
    assert followed, f"no demo example of {name} links to a {link.kind} by {link.member}"


@pytest.mark.parametrize(("name", "related_name"), ROW_LINKS,
                         ids=[f"{k}-{r}" for k, r in ROW_LINKS])
def test_each_row_link_opens_a_valid_request_of_its_kind(service, name, related_name) -> None:
    kind = KINDS[name]
    related = kind.related_list(related_name)
    link = related.row_link
    assert link is not None
    followed = 0
    for text in EXAMPLES[name]:
        record = fetch(service, kind, text)
        params = related.request(record)
        if related.needs and not params.get(related.needs):
            continue
        for item in service.list_related(related, CATALOG, record.id, params=params):
            if link.applies_to(item):
                identifier, target_params = link.resolve(item, record.data)
                target = KINDS[link.kind]
                if not target_params:
                    target.parse(identifier)
                validate(target.get_operation,
                         target.request(CATALOG, identifier, target_params))
                followed += 1
            for other in related.more_links:  # the chooser's other records open too
                if other.applies_to(item):
                    check_target(service, other, *other.resolve(item, record.data))
    assert followed, f"no row of {name}'s {related.what} links anywhere in the demo"


# -- lists ------------------------------------------------------------------------------------
@cache
def _engagement(service: SellingService, identifier: str) -> dict[str, Any]:
    return service.get_record(KINDS["engagement"], CATALOG, identifier).data


def _demo_values() -> dict[str, list[Any]]:
    """Each search filter's values, from the demo's engagements (each selects rows), and
    every sort key of the model in both orders."""
    from engtui.demo.data import DemoDataset

    engagements = [e for e in DemoDataset.bundled().index().engagements[CATALOG]]
    found: dict[str, set[Any]] = {name: set() for name in (
        "lead_status", "readiness", "industry", "country")}
    for e in engagements:
        found["lead_status"] |= set(_lead(e, "QualificationStatus"))
        found["readiness"] |= set(_lead(e, "Insights", "LeadReadinessScore"))
        found["industry"] |= set(_lead(e, "Customer", "Industry")) | set(_prospect(e, "Industry"))
        found["country"] |= set(_lead(e, "Customer", "Address", "CountryCode")) | set(
            _prospect(e, "Country"))
    days = sorted(dt.date.fromisoformat(str(e["CreatedAt"])[:10]) for e in engagements)
    middle = days[len(days) // 2]
    values: dict[str, list[Any]] = {name: [(v,) for v in sorted(vs)] for name, vs in found.items()}
    values["context_types"] = [("Lead",), ("CustomerProject",), ("Lead", "CustomerAccount")]
    values["exclude_context_types"] = [("Lead",), ("CustomerProject",)]
    values["created_by"] = [("111122223333",)]
    values["exclude_created_by"] = [("111122223333",)]
    values["created_from"] = [middle]
    values["created_to"] = [middle]
    values["modified_from"] = [middle]
    values["modified_to"] = [middle]
    values["keyword"] = ["lead", "northwind analytics", "data platform"]
    return values


# Each option of the other lists that no switch reaches (``engtui list`` flags), with
# values from the demo data (each selects rows, or none: still a valid request).
LIST_VALUES: dict[str, dict[str, list[Any]]] = {
    "opportunities": {
        "keyword": ["northwind", "cinder robotics"],
        "stage": [("Qualified", "Committed")],
        "review_status": [("Approved",), ("Action Required",)],
        "country": [("US",), ("NO", "CA")],
        "industry": [("Healthcare",), ("Retail",)],
        "cosell_motion": [("Co-Sell",)],
        "engagement_score": [("High",), ("Medium", "Low")],
        "close_from": [dt.date(2027, 4, 10), dt.date(2027, 4, 11)],
        "close_to": [dt.date(2027, 4, 10), dt.date(2027, 4, 9)],
        "min_mrr": [12500.0, 20000.0],
    },
    "benefit_applications": {"opportunity": ["O6100001", "O6100002"]},
    "benefit_allocations": {"application": ["benappl-vqapilot000001"]},
}


def _states(spec) -> Iterator[Any]:
    start = start_options(spec)
    yield from switch_states(spec, start)
    if spec.has_options:  # the engagement list's options dialog and search
        yield from search_variants(start, _demo_values())
        for key in sort_keys():
            for order in ("ASCENDING", "DESCENDING"):
                yield type(start)(sort_by=key, sort=order, page_size=100)
    yield from search_variants(start, LIST_VALUES.get(spec.name, {}))
    if spec.name == "opportunities":  # every sort key of the search, both orders
        from engtui.api.opportunity_search import sort_keys as opportunity_sort_keys

        for key in opportunity_sort_keys():
            for order in ("ASCENDING", "DESCENDING"):
                yield type(start)(sort_by=key, sort=order, page_size=100)


def _sort_of(params: dict[str, Any]) -> tuple[str, str] | None:
    sort = params.get("Sort")
    return (sort["SortBy"], sort["SortOrder"]) if sort else None


@pytest.mark.parametrize("list_name", sorted(LISTS))
def test_every_option_of_the_list_has_an_oracle(list_name) -> None:
    assert unchecked_fields(LISTS[list_name]) == [], (
        "add what these options ask of a row to tests/conformance/oracle.py")


@pytest.mark.parametrize("list_name", sorted(LISTS))
def test_every_state_of_the_list_is_valid_and_its_rows_satisfy_it(service, list_name) -> None:
    """Every switch, sort and search filter the list declares: the request validates, and
    every row returned satisfies it (a lead status exactly, a sort in order)."""
    spec = LISTS[list_name]
    problems: list[str] = []
    states = 0
    for options in _states(spec):
        query = spec.query(options)
        items = items_of(service, query, CATALOG)  # each part validated
        states += 1
        full = (lambda i: _engagement(service, i)) if lists_engagements(spec) else None
        problems += [f"{options}: {p}" for p in unmet(spec, options, items, full)]
        if query.merge_by in SORT_MEMBERS:  # several operations: merged in order
            order = "ASCENDING" if query.ascending else "DESCENDING"
            if not in_order(query.merge_by, order, items, None):
                problems.append(f"{query.operation} merged on {query.merge_by} out of order")
            continue
        sort = _sort_of(query.params)
        if sort and sort[0] in SORT_MEMBERS and not in_order(*sort, items, full):
            problems.append(f"{query.operation} sorted by {sort} is out of order")
        elif sort and sort[0] not in SORT_MEMBERS and lists_engagements(spec) \
                and not sort[0].startswith(("Prospecting", "Lead")):
            problems.append(f"no oracle for the sort key {sort[0]}")
    assert states > 1
    assert problems == []


def test_a_groups_engagements_are_as_many_as_the_group_counts(service) -> None:
    spec = LISTS["engagements"]
    groups = [item for _, page, _ in service.list_pages(
        "ListEngagementGroups", "EngagementGroupSummaries", CATALOG, {}) for item in page]
    assert groups
    for group in groups:
        options = spec.make_options(100)
        query = spec.query(type(options)(group=group["Id"], page_size=100))
        validate(query.operation, {"Catalog": CATALOG, **query.params})
        items = [item for _, page, _ in service.list_pages(
            query.operation, query.result_key, CATALOG, query.params) for item in page]
        assert len(items) == group["Count"], group["Id"]


def service_engagements(service: SellingService) -> list[dict[str, Any]]:
    return [_engagement(service, item["Id"]) for _, page, _ in service.list_pages(
        "ListEngagements", "EngagementSummaryList", CATALOG, {}) for item in page]


def test_the_lead_status_filter_is_exact(service) -> None:
    """The finding that started this suite: Qualified must not bring Unqualified leads."""
    spec = LISTS["engagements"]
    options = type(spec.make_options(100))(lead_status=("Qualified",))
    query = spec.query(options)
    items = [item for _, page, _ in service.list_pages(
        query.operation, query.result_key, CATALOG, query.params) for item in page]
    assert items
    for item in items:  # an engagement may hold several leads: one of them is Qualified
        assert "Qualified" in _lead(_engagement(service, item["Id"]), "QualificationStatus")
    unqualified = [e["Id"] for e in service_engagements(service)
                   if _lead(e, "QualificationStatus") == ["Unqualified"]]
    assert unqualified and not set(unqualified) & {item["Id"] for item in items}
