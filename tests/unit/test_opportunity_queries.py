"""The opportunities list's requests (`engtui.api.opportunity_search`) and the benefits
service's lists (`engtui.api.funding_lists`): exact filters from the model, refusals before
anything is sent, the older model's fallback, and the row objects' plain attributes."""

from __future__ import annotations

import datetime as dt

import pytest

from engtui.api import opportunity_search
from engtui.api.funding_lists import allocations_query, applications_query, benefits_query
from engtui.api.identifiers import InvalidInput
from engtui.api.opportunity_search import (
    OpportunityOptions,
    OpportunitySummary,
    opportunities_query,
    opportunity_row,
)


def equals(key: str, value: str) -> dict:
    return {"EqualsTo": {"Key": key, "Value": {"StringValue": value}}}


def test_the_filters_make_one_tree_of_exact_matches_and_ranges() -> None:
    query = opportunities_query(
        keyword="robotics", stage=["qualified", "Committed"], review_status=["approved"],
        country=["us"], industry=["healthcare"], cosell_motion=["Co-Sell"],
        engagement_score=["high"], close_from="2027-01-01", close_to="2027-03-31",
        min_mrr="1000", sort="targetclosedate", ascending=True, page_size=20)
    assert (query.operation, query.result_key, query.service) == (
        "SearchOpportunities", "OpportunitySearchSummaries", "selling")
    assert query.params["Keyword"] == "robotics"
    assert query.params["Sort"] == {"SortBy": "TargetCloseDate", "SortOrder": "ASCENDING"}
    assert query.params["MaxResults"] == 20
    # EqualsTo: the model documents ContainsAny as a case-insensitive substring match
    assert query.params["Filter"] == {"AndAllFilters": [
        {"OrAllFilters": [equals("Stage", "Qualified"), equals("Stage", "Committed")]},
        equals("ReviewStatus", "Approved"),
        equals("CountryCode", "US"),
        equals("Industry", "Healthcare"),
        equals("CosellMotion", "Co-Sell"),
        equals("EngagementScore", "High"),
        {"GreaterThanOrEquals": {"Key": "TargetCloseDate", "Value": {
            "DateValue": dt.datetime(2027, 1, 1, tzinfo=dt.UTC)}}},
        {"LessThan": {"Key": "TargetCloseDate", "Value": {  # the whole last day included
            "DateValue": dt.datetime(2027, 4, 1, tzinfo=dt.UTC)}}},
        {"GreaterThanOrEquals": {"Key": "EstimatedMrr", "Value": {"DoubleValue": 1000.0}}},
    ]}
    from botocore.validate import ParamValidator

    from engtui.api.model import operation

    report = ParamValidator().validate({"Catalog": "AWS", **query.params},
                                       operation("SearchOpportunities").input_shape)
    assert not report.has_errors(), report.generate_report()


@pytest.mark.parametrize(("given", "message"), [
    ({"close_to": "2027-01-01", "close_from": "2027-02-01"}, "ends before it starts"),
    ({"min_mrr": "lots"}, "not an amount"),
    ({"min_mrr": -5.0}, "cannot be negative"),
    ({"country": ["US", "CA", "NO", "DE", "FR", "GB", "IE", "ES", "IT", "NL", "BE"]},
     "At most 10 values of country"),
])
def test_nonsense_is_refused_before_sending(given, message) -> None:
    with pytest.raises(InvalidInput, match=message):
        opportunities_query(**given)


def test_an_older_model_lists_opportunities_and_the_screen_says_why(monkeypatch) -> None:
    monkeypatch.setattr(opportunity_search, "has_operation", lambda name: False)
    query = opportunities_query(stage=["Prospect"], review_status=["Approved"])
    assert query.operation == "ListOpportunities"
    assert query.params == {"Sort": {"SortBy": "LastModifiedDate", "SortOrder": "DESCENDING"},
                            "LifeCycleStage": ["Prospect"], "LifeCycleReviewStatus": ["Approved"]}
    with pytest.raises(InvalidInput, match="no SearchOpportunities"):
        opportunities_query(keyword="cloud")
    screen = OpportunityOptions(keyword="cloud", country=("US",), sort_by="EstimatedMrr").query()
    assert screen.operation == "ListOpportunities"
    assert screen.note == "this botocore has no SearchOpportunities"


def test_the_switches_step_a_stage_and_a_sort_key() -> None:
    options = OpportunityOptions()
    assert options.toggled("stage").stage == ("Prospect",)
    assert options.toggled("stage").toggled("stage").stage == ("Qualified",)
    keys = [options := options.toggled("sort_by") for _ in range(4)]
    assert [o.sort_by for o in keys] == ["TargetCloseDate", "EngagementScore", "EstimatedMrr",
                                         "LastModifiedDate"]
    assert OpportunityOptions(sort_by="EstimatedMrr").describe() == (
        "by EstimatedMrr, descending · any stage")


def test_a_summary_row_carries_the_search_members_as_plain_attributes() -> None:
    item = {
        "Id": "O1", "LastModifiedDate": dt.datetime(2026, 12, 1, tzinfo=dt.UTC),
        "CreatedDate": dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        "LifeCycle": {"Stage": "Committed", "ReviewStatus": "Approved",
                      "TargetCloseDate": "2027-04-10"},
        "Customer": {"Account": {"CompanyName": "Co [b]x[/b]"}},
        "Project": {"ExpectedCustomerSpend": [{"Amount": "12500.00", "CurrencyCode": "USD"}]},
        "AwsOpportunitySummary": {"Insights": {"EngagementScore": "High"}},
    }
    summary = OpportunitySummary.from_api(item)
    assert (summary.stage, summary.mrr, summary.currency) == ("Committed", 12500.0, "USD")
    assert opportunity_row(summary) == ("O1", "Co [b]x[/b]", "Committed", "Approved", "High",
                                        "12,500", "2027-04-10", "2026-12-01")
    bare = OpportunitySummary.from_api({"Id": "O2", "Project": {"ExpectedCustomerSpend": [
        {"Amount": None, "CurrencyCode": "EUR"}]}})
    assert bare.mrr is None and opportunity_row(bare)[5] == "—"


def test_an_opportunitys_funding_is_asked_by_its_id_or_by_the_arn_typed() -> None:
    query = applications_query(opportunity="O6100001", status="approved")
    assert (query.operation, query.service) == ("ListBenefitApplications", "benefits")
    assert query.params == {"AssociatedResources": [
        {"ResourceType": "OPPORTUNITY", "ResourceIdentifier": "O6100001"}],
        "Status": ["APPROVED"]}
    arn = "arn:aws:partnercentral:us-east-1:111122223333:catalog/AWS/opportunity/O6100001"
    assert applications_query(opportunity=arn).params == {"AssociatedResourceArns": [arn]}


@pytest.mark.parametrize(("build", "message"), [
    (lambda: applications_query(opportunity="eng-a1b2c3d4e5f6g7"), "not an opportunity id"),
    (lambda: applications_query(status="DONE"), "not a benefit application status"),
    (lambda: allocations_query(status="SPENT"), "not a benefit allocation status"),
    (lambda: allocations_query(application="benappl-x"), "not a benefit application id"),
    (lambda: benefits_query(status="RETIRED"), "not a benefit status"),
])
def test_the_benefits_lists_refuse_what_the_model_does_not_hold(build, message) -> None:
    with pytest.raises(InvalidInput, match=message):
        build()
