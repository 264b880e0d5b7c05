"""``SearchEngagements`` on the demo endpoint: keyword, filter tree, groups, sort keys."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from botocore.exceptions import ClientError
from demo_support import client_fixture, raw_call

from engtui.demo import model
from engtui.demo.server import DemoServer

client = client_fixture()  # a boto3 client of conftest's shared demo_server


def search(client: Any, **params: Any) -> list[dict[str, Any]]:
    return client.search_engagements(Catalog="Sandbox", **params)["EngagementSearchSummaries"]


def ids(client: Any, **params: Any) -> list[str]:
    return [summary["Id"] for summary in search(client, **params)]


def leaf(comparison: str, key: str, **value: Any) -> dict[str, Any]:
    return {comparison: {"Key": key, "Value": value}}


def test_without_criteria_every_engagement_newest_first(
    client: Any, demo_server: DemoServer
) -> None:
    found = search(client)
    every = demo_server.dataset.engagement_ids("Sandbox")
    assert sorted(s["Id"] for s in found) == sorted(every)
    created = [s["CreatedAt"] for s in found]
    assert created == sorted(created, reverse=True)


def test_results_carry_whole_contexts(client: Any) -> None:
    (keel,) = search(client, Keyword="keel maritime")
    types = [c["Type"] for c in keel["Contexts"]]
    assert types == ["CustomerProject", "Lead", "ProspectingResult", "CustomerAccount",
                     "PartnerNotes"]
    assert keel["Contexts"][4]["Payload"] == {"SDK_UNKNOWN_MEMBER": {"name": "PartnerNotes"}}
    lead = keel["Contexts"][1]["Payload"]["Lead"]
    assert lead["Insights"] == {"LeadReadinessScore": "Medium"}
    assert lead["Interactions"][0]["Contact"]["Email"]


def test_keyword_matches_titles_descriptions_companies_and_members(client: Any) -> None:
    assert ids(client, Keyword="Cinder") == ["eng-p4r0s5p3c7r3s1"]  # title
    assert "eng-a1b2c3d4e5f6g7" in ids(client, Keyword="Northwind Retail")  # a lead's company
    assert "eng-l7d1n5g2h8t4s6" in ids(client, Keyword="copperleaf consulting")  # a member
    assert ids(client, Keyword="no such words anywhere") == []


@pytest.mark.parametrize(("node", "expected"), [
    (leaf("EqualsTo", "ContextType", StringValue="ProspectingResult"),
     {"eng-p4r0s5p3c7r3s1", "eng-a11c0n7e8x7s5t"}),
    (leaf("EqualsTo", "LeadReadinessScore", StringValue="High"), {"eng-l7d1n5g2h8t4s6"}),
    (leaf("ContainsAny", "LeadQualificationStatus", StringListValue=["nurt"]),
     {"eng-a1b2c3d4e5f6g7", "eng-8z6x4c2v0b8n6m", "eng-a11c0n7e8x7s5t"}),
    (leaf("EqualsTo", "ProspectingCustomerIndustry", StringValue="Manufacturing"),
     {"eng-p4r0s5p3c7r3s1"}),
    (leaf("EqualsTo", "ProspectingCustomerCountry", StringValue="NO"), {"eng-a11c0n7e8x7s5t"}),
    (leaf("ContainsAll", "LeadCustomerCountryCode", StringListValue=["US", "CA"]),
     {"eng-a1b2c3d4e5f6g7"}),  # one lead in each; eng-7k2m9p4q1r8s3t has only US
    ({"AndAllFilters": [
        leaf("EqualsTo", "ContextType", StringValue="Lead"),
        leaf("EqualsTo", "LeadCustomerIndustry", StringValue="Healthcare"),
        {"NotFilter": leaf("EqualsTo", "LeadReadinessScore", StringValue="High")},
    ]}, {"eng-0c4f8h2j6l1n5p"}),
    ({"OrAllFilters": [
        leaf("EqualsTo", "EngagementId", StringValue="eng-x9q2r7k4w1m5z3"),
        leaf("EqualsTo", "Title", StringValue="Quarry Foods account plan"),
    ]}, {"eng-x9q2r7k4w1m5z3", "eng-c5t0m3r4c2t9a8"}),
    ({"AndAllFilters": [
        leaf("GreaterThanOrEquals", "CreatedAt", DateValue=datetime(2026, 9, 1, tzinfo=UTC)),
        leaf("LessThan", "LastModifiedAt", DateValue=datetime(2026, 11, 26, tzinfo=UTC)),
    ]}, {"eng-n3wp4yl0adx7k2", "eng-q0w2e4r6t8y0u2"}),
    (leaf("GreaterThan", "MemberCount", LongValue=5), {"eng-4g6h8j0k2l4m6n"}),
])
def test_filter_tree(client: Any, node: dict[str, Any], expected: set[str]) -> None:
    assert set(ids(client, Filter=node)) == expected


def test_keyword_filter_and_group_narrow_each_other(client: Any) -> None:
    group = "eng-grp-salesready0001"
    in_group = set(ids(client, GroupId=group))
    assert in_group == {"eng-l7d1n5g2h8t4s6", "eng-p4r0s5p3c7r3s1", "eng-a1b2c3d4e5f6g7",
                        "eng-a11c0n7e8x7s5t"}
    leads = leaf("EqualsTo", "ContextType", StringValue="Lead")
    assert set(ids(client, GroupId=group, Filter=leads)) == {
        "eng-l7d1n5g2h8t4s6", "eng-a1b2c3d4e5f6g7", "eng-a11c0n7e8x7s5t"}
    assert ids(client, GroupId=group, Filter=leads, Keyword="tidewater") == [
        "eng-l7d1n5g2h8t4s6"]


@pytest.mark.parametrize("sort_by", model.shape("EngagementSearchSortName").enum)
def test_every_sort_key_of_the_model(client: Any, sort_by: str) -> None:
    ascending = ids(client, Sort={"SortBy": sort_by, "SortOrder": "ASCENDING"})
    descending = ids(client, Sort={"SortBy": sort_by, "SortOrder": "DESCENDING"})
    assert sorted(ascending) == sorted(descending) == sorted(ids(client))


def test_sort_by_title(client: Any) -> None:
    titles = [s["Title"] for s in search(client, Sort={"SortBy": "Title",
                                                      "SortOrder": "ASCENDING"})]
    assert titles == sorted(titles)


def test_pages_of_a_filtered_search(client: Any) -> None:
    node = leaf("EqualsTo", "ContextType", StringValue="CustomerProject")
    whole = ids(client, Filter=node)
    paginator = client.get_paginator("search_engagements")
    pages = paginator.paginate(Catalog="Sandbox", Filter=node, PaginationConfig={"PageSize": 3})
    paged = [s["Id"] for page in pages for s in page["EngagementSearchSummaries"]]
    assert paged == whole and len(whole) > 3


@pytest.mark.parametrize(("params", "field"), [
    ({"GroupId": "eng-grp-00000000000000"}, "GroupId"),
    ({"Filter": leaf("GreaterThan", "Title", StringValue="M")}, "Filter.GreaterThan.Value"),
    ({"Filter": leaf("EqualsTo", "MemberCount", StringValue="3")}, "Filter.EqualsTo.Value"),
    ({"Filter": {**leaf("EqualsTo", "Title", StringValue="a"),
                 **leaf("ContainsAny", "Title", StringValue="b")}}, "Filter"),
    ({"Filter": {"NotFilter": {"NotFilter": {"NotFilter": leaf(
        "EqualsTo", "Title", StringValue="a")}}}}, "Filter.NotFilter.NotFilter.NotFilter"),
])
def test_bad_searches_are_validation_errors(demo_server: DemoServer, params: dict[str, Any],
                                            field: str) -> None:
    body = json.loads(json.dumps({"Catalog": "Sandbox", **params}, default=str))
    status, _, raw = raw_call(demo_server.url, "SearchEngagements", body)
    error = json.loads(raw)
    assert (status, error["__type"]) == (400, "ValidationException")
    assert [e["FieldName"] for e in error["ErrorList"]] == [field]


def test_a_filter_key_outside_the_model_is_rejected(client: Any) -> None:
    with pytest.raises(ClientError) as excinfo:
        client.search_engagements(
            Catalog="Sandbox", Filter=leaf("EqualsTo", "Colour", StringValue="blue"))
    assert excinfo.value.response["Error"]["Code"] == "ValidationException"


def _lead_statuses(summary: dict[str, Any]) -> set[str]:
    return {context["Payload"]["Lead"].get("QualificationStatus")
            for context in summary.get("Contexts") or ()
            if context.get("Type") == "Lead" and "Lead" in (context.get("Payload") or {})}


def test_each_comparator_means_what_the_model_documents(client: Any) -> None:
    """ContainsAny is a case-insensitive substring match ("qualified" also finds an
    Unqualified lead); EqualsTo matches the value exactly; ContainsAll holds every value
    exactly; the ranges compare as named (GreaterThanOrEquals includes the bound)."""
    key = "LeadQualificationStatus"
    contains = search(client, Filter=leaf("ContainsAny", key, StringListValue=["qualified"]))
    assert {"Qualified", "Unqualified"} <= set().union(*map(_lead_statuses, contains))
    equals = search(client, Filter=leaf("EqualsTo", key, StringValue="Qualified"))
    assert equals and all("Qualified" in _lead_statuses(s) for s in equals)
    assert not any(_lead_statuses(s) == {"Unqualified"} for s in equals)
    assert search(client, Filter=leaf("EqualsTo", key, StringValue="qualified")) == []
    assert ids(client, Filter=leaf("ContainsAll", key, StringListValue=["Qualified"])) == [
        s["Id"] for s in equals]
    counts = sorted({s["MemberCount"] for s in search(client)})
    bound = counts[len(counts) // 2]
    at_least = search(client, Filter=leaf("GreaterThanOrEquals", "MemberCount", LongValue=bound))
    above = search(client, Filter=leaf("GreaterThan", "MemberCount", LongValue=bound))
    assert {s["MemberCount"] for s in at_least} >= {bound}
    assert bound not in {s["MemberCount"] for s in above}


def test_a_combinator_list_of_more_than_ten_is_refused(client: Any) -> None:
    many = [leaf("EqualsTo", "LeadQualificationStatus", StringValue=f"s{i}") for i in range(11)]
    with pytest.raises(ClientError, match="less than or equal to 10"):  # the model's max
        search(client, Filter={"OrAllFilters": many})
