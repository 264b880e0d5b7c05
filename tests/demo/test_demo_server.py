"""The demo endpoint over real HTTP, through real boto3 clients (and the aws CLI)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import boto3
import botocore
import pytest
from botocore.config import Config
from demo_support import NO_RETRY, all_pages, endpoint_fixtures, error_of, make_client, raw_call

from engtui.demo.data import DemoDataset
from engtui.demo.server import DemoServer

FIRST = "eng-a1b2c3d4e5f6g7"  # five contexts
UNKNOWN_MEMBER = "eng-n3wp4yl0adx7k2"
AWS_ONLY = "eng-k5l7m9n1p3q5r7"
REPO = Path(__file__).resolve().parents[2]


# -- helpers ----------------------------------------------------------------------------
session, server, client = endpoint_fixtures()  # a fresh bundled server per test






# -- GetEngagement ----------------------------------------------------------------------
def test_get_engagement_returns_the_whole_record(client: Any) -> None:
    result = client.get_engagement(Catalog="Sandbox", Identifier=FIRST)
    assert result["Id"] == FIRST
    assert result["Arn"] == f"arn:aws:partnercentral:us-east-1::catalog/Sandbox/engagement/{FIRST}"
    assert len(result["Contexts"]) == 5
    assert {c["Type"] for c in result["Contexts"]} == {"CustomerProject", "Lead"}
    assert isinstance(result["CreatedAt"], datetime)
    assert result["CreatedAt"].isoformat().startswith("2026-02-03T14:05:00")
    lead = result["Contexts"][1]["Payload"]["Lead"]
    assert isinstance(lead["Interactions"][0]["InteractionDate"], datetime)
    assert lead["Interactions"][0]["Contact"]["Email"].endswith(".test")
    assert result["MemberCount"] == 4


def test_timestamps_go_out_in_the_models_format(server: DemoServer) -> None:
    status, headers, body = raw_call(
        server.url, "GetEngagement", {"Catalog": "Sandbox", "Identifier": FIRST}
    )
    assert status == 200
    assert headers["Content-Type"] == "application/x-amz-json-1.0"
    assert headers["x-amzn-RequestId"]
    # The model marks DateTime with timestampFormat iso8601.
    assert json.loads(body)["CreatedAt"] == "2026-02-03T14:05:00Z"


def test_get_engagement_by_arn(client: Any) -> None:
    arn = client.get_engagement(Catalog="AWS", Identifier=AWS_ONLY)["Arn"]
    assert client.get_engagement(Catalog="AWS", Identifier=arn)["Id"] == AWS_ONLY
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.get_engagement(Catalog="Sandbox", Identifier=arn)  # the ARN names AWS
    wrong_catalog = f"arn:aws:partnercentral:us-east-1::catalog/AWS/engagement/{FIRST}"
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.get_engagement(Catalog="Sandbox", Identifier=wrong_catalog)  # FIRST is Sandbox
    eu_arn = f"arn:aws:partnercentral:eu-west-1::catalog/Sandbox/engagement/{FIRST}"
    assert client.get_engagement(Catalog="Sandbox", Identifier=eu_arn)["Id"] == FIRST
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.get_engagement(Catalog="AWS", Identifier="arn:aws:s3:::not-an-engagement")


def test_an_engagement_lives_in_one_catalog(client: Any) -> None:
    with pytest.raises(client.exceptions.ResourceNotFoundException) as excinfo:
        client.get_engagement(Catalog="Sandbox", Identifier=AWS_ONLY)
    assert AWS_ONLY in excinfo.value.response["Error"]["Message"]
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.get_engagement(Catalog="AWS", Identifier=FIRST)


def test_unknown_catalog_is_a_validation_error(client: Any) -> None:
    with pytest.raises(client.exceptions.ValidationException) as excinfo:
        client.get_engagement(Catalog="Prod", Identifier=FIRST)
    _, response = error_of(excinfo)
    assert response["Reason"] == "REQUEST_VALIDATION_FAILED"
    assert response["ErrorList"] == [
        {
            "FieldName": "Catalog",
            "Code": "INVALID_ENUM_VALUE",
            "Message": "Value 'Prod' at 'Catalog' failed to satisfy constraint: "
            "Member must satisfy enum value set: [AWS, Sandbox]",
        }
    ]


def test_unknown_payload_member_reaches_the_client_as_sdk_unknown_member(client: Any) -> None:
    result = client.get_engagement(Catalog="Sandbox", Identifier=UNKNOWN_MEMBER)
    unknown = [c for c in result["Contexts"] if c["Type"] == "Insights"]
    assert unknown == [
        {"Id": "2", "Type": "Insights", "Payload": {"SDK_UNKNOWN_MEMBER": {"name": "Insights"}}}
    ]


# -- validation -------------------------------------------------------------------------
@pytest.fixture
def unvalidated(session: boto3.session.Session, server: DemoServer) -> Any:
    """A client that sends whatever it is given (no client-side parameter checks)."""
    return make_client(
        session,
        server.url,
        config=NO_RETRY.merge(Config(parameter_validation=False)),
    )


@pytest.mark.parametrize(
    ("operation", "params", "field", "code"),
    [
        ("get_engagement", {"Catalog": "Sandbox"}, "Identifier", "REQUIRED_FIELD_MISSING"),
        (
            "get_engagement",
            {"Catalog": "Sandbox", "Identifier": "eng-UPPERCASE12345"},
            "Identifier",
            "INVALID_STRING_FORMAT",
        ),
        (
            "get_engagement",
            {"Catalog": "Sand box", "Identifier": FIRST},
            "Catalog",
            "INVALID_STRING_FORMAT",
        ),
        (
            "list_engagements",
            {"Catalog": "Sandbox", "MaxResults": 0},
            "MaxResults",
            "VALUE_OUT_OF_RANGE",
        ),
        (
            "list_engagements",
            {"Catalog": "Sandbox", "MaxResults": 101},
            "MaxResults",
            "VALUE_OUT_OF_RANGE",
        ),
        (
            "list_engagement_members",
            {"Catalog": "Sandbox", "Identifier": FIRST, "MaxResults": 11},
            "MaxResults",
            "VALUE_OUT_OF_RANGE",
        ),
        (
            "list_engagements",
            {"Catalog": "Sandbox", "Sort": {"SortOrder": "Ascending", "SortBy": "CreatedDate"}},
            "Sort.SortOrder",
            "INVALID_ENUM_VALUE",
        ),
        (
            "list_engagements",
            {"Catalog": "Sandbox", "Sort": {"SortOrder": "ASCENDING"}},
            "Sort.SortBy",
            "REQUIRED_FIELD_MISSING",
        ),
        (
            "list_engagements",
            {"Catalog": "Sandbox", "CreatedBy": []},
            "CreatedBy",
            "NOT_ENOUGH_VALUES",
        ),
        (
            "list_engagements",
            {"Catalog": "Sandbox", "EngagementIdentifier": [FIRST] * 11},
            "EngagementIdentifier",
            "TOO_MANY_VALUES",
        ),
        (
            "list_engagements",
            {"Catalog": "Sandbox", "EngagementIdentifier": [FIRST, "nope"]},
            "EngagementIdentifier[1]",
            "INVALID_STRING_FORMAT",
        ),
        (
            "list_engagement_resource_associations",
            {"Catalog": "Sandbox", "ResourceIdentifier": "opp-1"},
            "ResourceIdentifier",
            "INVALID_STRING_FORMAT",
        ),
        (
            "list_engagement_resource_associations",
            {"Catalog": "Sandbox", "ResourceType": "Solution"},
            "ResourceType",
            "INVALID_ENUM_VALUE",
        ),
        ("list_engagements", {"Catalog": 7}, "Catalog", "INVALID_VALUE"),
        (
            "list_engagements",
            {"Catalog": "Sandbox", "MaxResults": "5"},
            "MaxResults",
            "INVALID_VALUE",
        ),
    ],
)
def test_requests_are_validated_against_the_model(
    unvalidated: Any, operation: str, params: dict[str, Any], field: str, code: str
) -> None:
    with pytest.raises(unvalidated.exceptions.ValidationException) as excinfo:
        getattr(unvalidated, operation)(**params)
    _, response = error_of(excinfo)
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert response["Reason"] == "REQUEST_VALIDATION_FAILED"
    assert [(e["FieldName"], e["Code"]) for e in response["ErrorList"]] == [(field, code)]
    assert response["Error"]["Message"].startswith("1 validation error detected: ")


def test_every_issue_is_listed(unvalidated: Any) -> None:
    with pytest.raises(unvalidated.exceptions.ValidationException) as excinfo:
        unvalidated.list_engagements(MaxResults=500, ContextTypes=["Nope"])
    _, response = error_of(excinfo)
    assert {e["FieldName"] for e in response["ErrorList"]} == {
        "Catalog",
        "MaxResults",
        "ContextTypes[0]",
    }
    assert response["Error"]["Message"].startswith("3 validation errors detected: ")


def test_sensitive_values_are_not_echoed(unvalidated: Any) -> None:
    with pytest.raises(unvalidated.exceptions.ValidationException) as excinfo:
        unvalidated.list_engagements(Catalog="Sandbox", CreatedBy=["not an account!"])
    message = excinfo.value.response["ErrorList"][0]["Message"]
    assert "not an account" not in message
    assert message.startswith("Value at 'CreatedBy[0]' failed to satisfy constraint")


@pytest.mark.parametrize("token", ["garbage", "eyJxIjoiYWJjIiwibyI6Mn0=", "%%%"])
def test_bad_next_token_is_a_validation_error(client: Any, token: str) -> None:
    with pytest.raises(client.exceptions.ValidationException) as excinfo:
        client.list_engagements(Catalog="Sandbox", NextToken=token)
    assert excinfo.value.response["ErrorList"][0]["FieldName"] == "NextToken"


def test_next_token_is_bound_to_its_query(client: Any) -> None:
    token = client.list_engagements(Catalog="Sandbox", MaxResults=2)["NextToken"]
    client.list_engagements(Catalog="Sandbox", MaxResults=5, NextToken=token)  # size may vary
    with pytest.raises(client.exceptions.ValidationException):
        client.list_engagements(Catalog="Sandbox", ContextTypes=["Lead"], NextToken=token)
    with pytest.raises(client.exceptions.ValidationException):
        client.list_engagement_members(Catalog="Sandbox", Identifier=FIRST, NextToken=token)


def test_client_side_validation_sends_nothing(client: Any, server: DemoServer) -> None:
    with pytest.raises(botocore.exceptions.ParamValidationError):
        client.get_engagement(Catalog="Sandbox")
    assert server.requests == []


# -- ListEngagements ----------------------------------------------------------------------
def test_list_engagements_pages_through_everything(client: Any, server: DemoServer) -> None:
    every = client.list_engagements(Catalog="Sandbox")["EngagementSummaryList"]
    assert [s["Id"] for s in every] == server.dataset.engagement_ids("Sandbox")
    paged = all_pages(client, "list_engagements", "EngagementSummaryList", 4, Catalog="Sandbox")
    assert paged == every
    pages = -(-len(every) // 4)
    assert len([r for r in server.requests if r.operation == "ListEngagements"]) == 1 + pages


def test_list_engagements_summary_shape(client: Any) -> None:
    summary = client.list_engagements(Catalog="Sandbox", EngagementIdentifier=[FIRST])[
        "EngagementSummaryList"
    ]
    assert len(summary) == 1
    assert set(summary[0]) == {
        "Arn",
        "Id",
        "Title",
        "CreatedAt",
        "CreatedBy",
        "MemberCount",
        "ModifiedAt",
        "ModifiedBy",
        "ContextTypes",
    }
    assert summary[0]["ContextTypes"] == ["CustomerProject", "Lead"]
    assert isinstance(summary[0]["ModifiedAt"], datetime)


@pytest.mark.parametrize("order", ["ASCENDING", "DESCENDING"])
def test_list_engagements_sorts_by_created_date(client: Any, order: str) -> None:
    sort = {"SortOrder": order, "SortBy": "CreatedDate"}
    summaries = all_pages(
        client, "list_engagements", "EngagementSummaryList", 3, Catalog="Sandbox", Sort=sort
    )
    dates = [s["CreatedAt"] for s in summaries]
    assert dates == sorted(dates, reverse=order == "DESCENDING")
    assert len(set(dates)) > 5


def test_list_engagements_filters(client: Any, server: DemoServer) -> None:
    data = server.dataset

    def ids(**params: Any) -> set[str]:
        result = client.list_engagements(Catalog="Sandbox", **params)
        return {s["Id"] for s in result["EngagementSummaryList"]}

    def types_of(eid: str) -> set[str]:
        return {c["Type"] for c in data.get("Sandbox", eid)["Contexts"]}

    sandbox = set(data.engagement_ids("Sandbox"))
    leads = {e for e in sandbox if "Lead" in types_of(e)}
    assert ids(ContextTypes=["Lead"]) == leads
    assert ids(ExcludeContextTypes=["Lead"]) == sandbox - leads
    assert ids(ContextTypes=["Lead"], ExcludeContextTypes=["CustomerProject"]) == {
        e for e in leads if "CustomerProject" not in types_of(e)
    }
    by_aws = {e for e in sandbox if data.get("Sandbox", e)["CreatedBy"] == "aws"}
    assert by_aws and ids(CreatedBy=["aws"]) == by_aws
    assert ids(ExcludeCreatedBy=["aws"]) == sandbox - by_aws
    arn = data.get("Sandbox", UNKNOWN_MEMBER)["Arn"]
    assert ids(EngagementIdentifier=[FIRST, arn, AWS_ONLY]) == {FIRST, UNKNOWN_MEMBER}


# -- members and associations -------------------------------------------------------------
def test_list_engagement_members(client: Any) -> None:
    engagement = client.get_engagement(Catalog="AWS", Identifier=AWS_ONLY)
    members = all_pages(
        client,
        "list_engagement_members",
        "EngagementMemberList",
        1,
        Catalog="AWS",
        Identifier=engagement["Arn"],
    )
    assert len(members) == engagement["MemberCount"] == 3
    assert set(members[0]) == {"CompanyName", "WebsiteUrl", "AccountId"}
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.list_engagement_members(Catalog="Sandbox", Identifier=AWS_ONLY)


def test_members_default_page_is_the_model_maximum(session: Any) -> None:
    with DemoServer(DemoDataset.generated(1)) as demo:
        client = make_client(session, demo.url)
        demo.dataset.members["eng-gen00000000000"] *= 5  # more than one default page
        first = client.list_engagement_members(Catalog="Sandbox", Identifier="eng-gen00000000000")
        assert len(first["EngagementMemberList"]) == 10
        assert "NextToken" in first


def test_list_engagement_resource_associations(client: Any, server: DemoServer) -> None:
    every = all_pages(
        client,
        "list_engagement_resource_associations",
        "EngagementResourceAssociationSummaries",
        2,
        Catalog="Sandbox",
    )
    expected = [a for a in server.dataset.associations if a["Catalog"] == "Sandbox"]
    assert every == expected
    assert all(a["Catalog"] == "Sandbox" for a in every)

    def listed(**params: Any) -> list[str]:
        result = client.list_engagement_resource_associations(Catalog="Sandbox", **params)
        return [a["ResourceId"] for a in result["EngagementResourceAssociationSummaries"]]

    assert listed(EngagementIdentifier=FIRST) == ["O4820113", "O4820114", "O5100277"]
    assert listed(EngagementIdentifier=FIRST, CreatedBy="777788889999") == ["O5100277"]
    assert listed(ResourceIdentifier="O4820114", ResourceType="Opportunity") == ["O4820114"]
    assert listed(EngagementIdentifier="eng-00000000000000") == []
    aws = client.list_engagement_resource_associations(Catalog="AWS", ResourceIdentifier="O1100220")
    assert [a["EngagementId"] for a in aws["EngagementResourceAssociationSummaries"]] == [AWS_ONLY]


def test_a_server_stopped_during_its_warm_up_stops(monkeypatch: pytest.MonkeyPatch) -> None:
    """`stop` right after `start`, while the serving thread still loads botocore's model (a
    test that sends nothing, on a loaded machine), waited forever: the thread read the
    server that `stop` had just cleared, failed, and never served, and `shutdown()` waits
    for the serving loop. The warm-up here is held until `stop` calls `shutdown()`."""
    import threading

    from engtui.demo import server as server_module

    shutting_down = threading.Event()
    warm_up = server_module.model.service_model

    def held_warm_up(name: str) -> Any:
        shutting_down.wait(30)
        return warm_up(name)

    shutdown = server_module._HTTPServer.shutdown

    def shutdown_releasing(self: Any) -> None:
        shutting_down.set()
        shutdown(self)

    demo = DemoServer()  # loading its data reads the model too
    monkeypatch.setattr(server_module.model, "service_model", held_warm_up)
    monkeypatch.setattr(server_module._HTTPServer, "shutdown", shutdown_releasing)
    demo.start()
    stopper = threading.Thread(target=demo.stop, daemon=True)
    stopper.start()
    stopper.join(60)  # a bound for a hang, not a timing figure: it returns at once when fixed
    assert not stopper.is_alive(), "stop() never returned"
