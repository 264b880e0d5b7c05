"""The requests the lists send, built once (`engtui.api.list_queries`) for the CLI and the
list screens alike: which operation, and the filter tree of SearchEngagements."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from engtui.api import list_queries
from engtui.api.identifiers import InvalidInput
from engtui.api.kinds import LISTS
from engtui.api.list_queries import EngagementFilters, engagements_query, groups_query
from engtui.api.listing import EngagementSummary, ListOptions, summary_row
from engtui.api.opportunity_search import opportunities_query


def test_without_search_options_it_is_list_engagements() -> None:
    query = engagements_query(filters=EngagementFilters(
        context_types=("Lead",), exclude_created_by=("123456789012",)), page_size=7)
    assert query.operation == "ListEngagements" and query.note == ""
    assert query.params == {"Sort": {"SortBy": "CreatedDate", "SortOrder": "DESCENDING"},
                            "MaxResults": 7, "ContextTypes": ["Lead"],
                            "ExcludeCreatedBy": ["123456789012"]}


def test_search_filters_make_one_tree() -> None:
    filters = EngagementFilters(
        context_types=("Lead",), exclude_context_types=("CustomerAccount",),
        lead_status=("Qualified",), readiness=("High",), industry=("Healthcare",),
        country=("US",), created_from=dt.date(2025, 6, 1), modified_to=dt.date(2026, 1, 31))
    query = engagements_query(keyword="cloud", filters=filters, sort="title", ascending=True)
    assert query.operation == "SearchEngagements"
    assert query.result_key == "EngagementSearchSummaries"
    assert query.params["Keyword"] == "cloud"
    assert query.params["Sort"] == {"SortBy": "Title", "SortOrder": "ASCENDING"}

    def equals(key: str, value: str) -> dict:
        return {"EqualsTo": {"Key": key, "Value": {"StringValue": value}}}

    # Exact matches (EqualsTo): the model documents ContainsAny as a substring match.
    assert query.params["Filter"] == {"AndAllFilters": [
        equals("ContextType", "Lead"),
        {"NotFilter": equals("ContextType", "CustomerAccount")},
        equals("LeadQualificationStatus", "Qualified"),
        equals("LeadReadinessScore", "High"),
        {"OrAllFilters": [equals("LeadCustomerIndustry", "Healthcare"),
                          equals("ProspectingCustomerIndustry", "Healthcare")]},
        {"OrAllFilters": [equals("LeadCustomerCountryCode", "US"),
                          equals("ProspectingCustomerCountry", "US")]},
        {"GreaterThanOrEquals": {"Key": "CreatedAt", "Value": {
            "DateValue": dt.datetime(2025, 6, 1, tzinfo=dt.UTC)}}},
        {"LessThan": {"Key": "LastModifiedAt", "Value": {  # the whole last day included
            "DateValue": dt.datetime(2026, 2, 1, tzinfo=dt.UTC)}}},
    ]}


def test_several_values_are_an_or_of_exact_matches_within_the_models_limit() -> None:
    query = engagements_query(lead_status=["Qualified", "Nurture"])
    assert query.params["Filter"] == {"OrAllFilters": [
        {"EqualsTo": {"Key": "LeadQualificationStatus", "Value": {"StringValue": value}}}
        for value in ("Qualified", "Nurture")]}
    # an industry is looked for in two fields: five values are ten conditions, six too many
    engagements_query(filters=EngagementFilters(industry=tuple("abcde")))
    with pytest.raises(InvalidInput, match="At most 5 values of industry"):
        engagements_query(filters=EngagementFilters(industry=tuple("abcdef")))


@pytest.mark.parametrize(("build", "message"), [
    (lambda: list_queries.invitations_query(status=["bogus"]), "not an invitation status"),
    (lambda: list_queries.invitations_query(participant="nobody"), "not a participant type"),
    (lambda: opportunities_query(stage=["Nope"]), "not a stage"),
    (lambda: opportunities_query(engagement_score=["Huge"]), "not an engagement score"),
    (lambda: opportunities_query(country=["XX"]), "not a country code"),
    (lambda: opportunities_query(industry=["Tech"]), "not an industry"),
    (lambda: opportunities_query(sort="Revenue"), "not a sort key"),
    (lambda: opportunities_query(close_from="April"), "not a date"),
    (lambda: groups_query(readiness="Ready"), "not a readiness level"),
    (lambda: engagements_query(context_types=["Leads"]), "not a context type"),
])
def test_a_value_the_models_enum_does_not_hold_is_refused_before_sending(build,
                                                                          message) -> None:
    with pytest.raises(InvalidInput, match=message):
        build()


def test_enum_values_take_the_models_spelling() -> None:
    assert list_queries.invitations_query(status=["pending"]).params["Status"] == ["PENDING"]
    assert opportunities_query(stage=["closed lost"]).params["Filter"] == {
        "EqualsTo": {"Key": "Stage", "Value": {"StringValue": "Closed Lost"}}}


def test_every_key_used_is_one_of_the_models() -> None:
    from engtui.api.model import service_model

    names = set(service_model().shape_for("EngagementSearchFilterName").enum)
    used = {"ContextType", "LeadQualificationStatus", "LeadReadinessScore",
            "LeadCustomerIndustry", "ProspectingCustomerIndustry", "LeadCustomerCountryCode",
            "ProspectingCustomerCountry", "CreatedAt", "LastModifiedAt"}
    assert used <= names


def test_an_ascending_search_without_a_sort_key_sorts_by_created_date() -> None:
    query = engagements_query(group="eng-grp-salesready0001", ascending=True)
    assert query.params == {"GroupId": "eng-grp-salesready0001",
                            "Sort": {"SortBy": "CreatedAt", "SortOrder": "ASCENDING"}}
    assert "Sort" not in engagements_query(group="eng-grp-salesready0001").params


def test_a_bad_sort_key_or_a_creator_filter_in_a_search_is_refused() -> None:
    with pytest.raises(InvalidInput, match="not a sort key"):
        engagements_query(sort="Nope[red]")
    with pytest.raises(InvalidInput, match="Created by filters ListEngagements only"):
        engagements_query(keyword="x", filters=EngagementFilters(created_by=("123456789012",)))


def test_an_older_model_refuses_the_cli_and_falls_back_for_the_screen(monkeypatch) -> None:
    monkeypatch.setattr(list_queries, "has_operation", lambda name: False)
    with pytest.raises(InvalidInput, match="no SearchEngagements"):
        engagements_query(keyword="cloud")
    query = ListOptions(keyword="cloud", lead_status=("Qualified",)).query()
    assert query.operation == "ListEngagements"
    assert query.note == "this botocore has no SearchEngagements"
    assert ListOptions().query().note == query.note  # said even when nothing is searched


def test_groups_and_opportunities() -> None:
    assert groups_query(readiness="SalesReady", page_size=5).params == {
        "ReadinessLevel": "SalesReady", "MaxResults": 5}
    options = LISTS["groups"].make_options(10).toggled_sort()
    assert LISTS["groups"].query(options).params == {
        "MaxResults": 10, "Sort": {"SortBy": "UpdatedAt", "SortOrder": "ASCENDING"}}
    query = LISTS["opportunities"].query(LISTS["opportunities"].make_options(3))
    assert (query.operation, query.result_key) == ("SearchOpportunities",
                                                   "OpportunitySearchSummaries")
    assert query.params == {"MaxResults": 3, "Sort": {"SortBy": "LastModifiedDate",
                                                      "SortOrder": "DESCENDING"}}


def test_every_list_declares_where_its_pages_come_from() -> None:
    for spec in LISTS.values():
        options = spec.make_options(5)
        if spec.name == "bulk_job_results":  # one job's rows: opened with its job
            options = replace(options, job="bulkjob-oppblk0000001")
        query = spec.query(options)
        # several operations in one view (the task lists): each one a List or a Search
        assert all(op.startswith(("List", "Search")) for op in query.operations), spec.name
        assert callable(spec.make_item())


def test_the_summary_line_names_what_is_asked() -> None:
    options = ListOptions(keyword="cloud\x1b[31m", group="eng-grp-salesready0001",
                          group_name="Sales [b]ready[/b]", sort_by="MemberCount")
    assert options.describe() == ("keyword “cloud\\e[31m” · group Sales [b]ready[/b] · "
                                  "by MemberCount, descending")
    assert options.crumb == "Group Sales [b]ready[/b]"
    assert ListOptions(created_to=dt.date(2026, 1, 1)).describe() == (
        "newest first · created … to 2026-01-01")


def test_a_search_result_row_shows_company_and_lead_status() -> None:
    summary = EngagementSummary.from_api({
        "Id": "eng-a1b2c3d4e5f6g7", "Title": "T", "Contexts": [
            {"Type": "CustomerProject", "Payload": {"CustomerProject": {
                "Customer": {"CompanyName": "Northwind"}}}},
            {"Type": "Lead", "Payload": {"Lead": {"QualificationStatus": "Qualified",
                                                  "Customer": {"CompanyName": "Other"}}}},
            {"Payload": {"SDK_UNKNOWN_MEMBER": {"name": "Future"}}},
        ]})
    assert summary.context_types == ("CustomerProject", "Lead")
    row = summary_row(summary)
    assert row[:5] == ("eng-a1b2c3d4e5f6g7", "T", "Northwind", "CustomerProject, Lead",
                       "Qualified")
    prospect = EngagementSummary.from_api({"Id": "eng-p4r0s5p3c7r3s1", "Contexts": [
        {"Type": "ProspectingResult", "Payload": {"ProspectingResult": {
            "Aws": {"Customer": {"AccountName": "Cinder Robotics"}}}}}]})
    assert prospect.company == "Cinder Robotics" and prospect.lead_status == ""
