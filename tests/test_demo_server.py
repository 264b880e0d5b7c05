"""The demo endpoint over real HTTP, through real boto3 clients (and the aws CLI)."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import boto3
import botocore
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError, ReadTimeoutError
from demo_support import NO_RETRY, SERVICE, make_client, raw_call

from engtui.demo import DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY
from engtui.demo.data import DemoDataset
from engtui.demo.server import DemoServer

FIRST = "eng-a1b2c3d4e5f6g7"  # five contexts
UNKNOWN_MEMBER = "eng-n3wp4yl0adx7k2"
AWS_ONLY = "eng-k5l7m9n1p3q5r7"
REPO = Path(__file__).resolve().parents[1]


# -- helpers ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def session() -> boto3.session.Session:
    """One botocore session for the module: clients are much cheaper to make from it."""
    return boto3.session.Session()


@pytest.fixture
def server() -> Iterator[DemoServer]:
    with DemoServer(
        access_key_id=DEMO_ACCESS_KEY_ID, secret_access_key=DEMO_SECRET_ACCESS_KEY
    ) as demo:
        yield demo


@pytest.fixture
def client(session: boto3.session.Session, server: DemoServer) -> Any:
    return make_client(session, server.url)


def fault_server(faults: dict[str, Any]) -> DemoServer:
    """A server whose bundled data carries ``faults``."""
    dataset = DemoDataset.bundled()
    dataset.faults = DemoDataset.from_json(json.dumps({"faults": faults})).faults
    return DemoServer(
        dataset, access_key_id=DEMO_ACCESS_KEY_ID, secret_access_key=DEMO_SECRET_ACCESS_KEY
    )


def error_of(excinfo: pytest.ExceptionInfo[ClientError]) -> tuple[str, dict[str, Any]]:
    response = excinfo.value.response
    return response["Error"]["Code"], response


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
def all_pages(client: Any, operation: str, key: str, page_size: int, **params: Any) -> list[Any]:
    paginator = client.get_paginator(operation)
    pages = list(paginator.paginate(**params, PaginationConfig={"PageSize": page_size}))
    assert all(len(page[key]) <= page_size for page in pages)
    return [item for page in pages for item in page[key]]


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


# -- errors and faults --------------------------------------------------------------------
MODELLED = [
    ("ThrottlingException", 429),
    ("AccessDeniedException", 403),
    ("InternalServerException", 500),
    ("ValidationException", 400),
    ("ResourceNotFoundException", 400),
]


@pytest.mark.parametrize(("kind", "status"), MODELLED)
def test_modelled_errors_arrive_as_their_exception_class(
    session: Any, kind: str, status: int
) -> None:
    with fault_server({FIRST: {"kind": kind, "message": f"demo {kind}"}}) as demo:
        client = make_client(session, demo.url)
        with pytest.raises(getattr(client.exceptions, kind)) as excinfo:
            client.get_engagement(Catalog="Sandbox", Identifier=FIRST)
        code, response = error_of(excinfo)
        assert code == kind
        assert response["Error"]["Message"] == f"demo {kind}"
        assert response["Message"] == f"demo {kind}"  # the modelled member
        assert response["ResponseMetadata"]["HTTPStatusCode"] == status
        headers = response["ResponseMetadata"]["HTTPHeaders"]
        assert headers["x-amzn-errortype"] == kind
        assert headers["x-amzn-requestid"] == response["ResponseMetadata"]["RequestId"]
        if kind == "ValidationException":
            assert response["Reason"] == "BUSINESS_VALIDATION_FAILED"
        assert demo.requests[-1].fault == kind
        # A fault fires only for requests naming its engagement.
        assert client.get_engagement(Catalog="AWS", Identifier=AWS_ONLY)["Id"] == AWS_ONLY


def test_access_denied_carries_its_reason(session: Any) -> None:
    reason = "INCOMPATIBLE_BENEFIT_AWS_PARTNER_STATE"
    with fault_server({FIRST: {"kind": "AccessDeniedException", "reason": reason}}) as demo:
        client = make_client(session, demo.url)
        with pytest.raises(client.exceptions.AccessDeniedException) as excinfo:
            client.list_engagement_members(Catalog="Sandbox", Identifier=FIRST)
        assert excinfo.value.response["Reason"] == reason


def test_operation_wide_fault_and_unknown_engagement_fault(session: Any) -> None:
    ghost = "eng-notinthedata00"
    faults = {"ListEngagements": "ThrottlingException", ghost: "AccessDeniedException"}
    with fault_server(faults) as demo:
        client = make_client(session, demo.url)
        with pytest.raises(client.exceptions.ThrottlingException):
            client.list_engagements(Catalog="Sandbox")
        with pytest.raises(client.exceptions.AccessDeniedException):
            client.get_engagement(Catalog="Sandbox", Identifier=ghost)
        with pytest.raises(client.exceptions.AccessDeniedException):  # id beats operation
            client.list_engagements(Catalog="Sandbox", EngagementIdentifier=[ghost])


@pytest.mark.parametrize(
    ("kind", "status", "code"),
    [
        ("http500", 500, "InternalFailure"),
        ("http503", 503, "ServiceUnavailable"),
        ("html", 502, "502"),
    ],
)
def test_unmodelled_http_errors(session: Any, kind: str, status: int, code: str) -> None:
    with fault_server({FIRST: kind}) as demo:
        client = make_client(session, demo.url)
        with pytest.raises(ClientError) as excinfo:
            client.get_engagement(Catalog="Sandbox", Identifier=FIRST)
        assert excinfo.value.response["Error"]["Code"] == code
        assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == status
        raw_status, headers, body = raw_call(
            demo.url, "GetEngagement", {"Catalog": "Sandbox", "Identifier": FIRST}
        )
        assert raw_status == status
        if kind == "html":
            assert headers["Content-Type"] == "text/html"
            assert body.startswith(b"<html>")
        else:
            assert json.loads(body)["__type"] == code


@pytest.mark.parametrize(
    ("kind", "content_type"),
    [
        ("malformed", "application/x-amz-json-1.0"),
        ("truncated", "application/x-amz-json-1.0"),
        ({"kind": "truncated", "drop": True}, "application/x-amz-json-1.0"),
        ("wrong-content-type", "text/plain; charset=utf-8"),
    ],
)
def test_broken_success_bodies(session: Any, kind: Any, content_type: str) -> None:
    with fault_server({FIRST: kind}) as demo:
        status, headers, body = raw_call(
            demo.url, "GetEngagement", {"Catalog": "Sandbox", "Identifier": FIRST}
        )
        assert status == 200
        assert headers["Content-Type"] == content_type
        with pytest.raises(ValueError):
            json.loads(body)
        if kind == "truncated":
            assert body.startswith(b'{"Id":"eng-a1b2c3d4e5f6g7"')
        # botocore does not raise on a 200 it cannot parse: the record comes back empty.
        client = make_client(session, demo.url)
        result = client.get_engagement(Catalog="Sandbox", Identifier=FIRST)
        assert "Id" not in result


def test_throttle_then_ok_recovers_with_retries(session: Any) -> None:
    with fault_server({FIRST: {"kind": "throttle-then-ok", "times": 2}}) as demo:
        client = make_client(session, demo.url)
        for _ in range(2):
            with pytest.raises(client.exceptions.ThrottlingException):
                client.get_engagement(Catalog="Sandbox", Identifier=FIRST)
        assert client.get_engagement(Catalog="Sandbox", Identifier=FIRST)["Id"] == FIRST
        assert [r.status for r in demo.requests] == [429, 429, 200]

    with fault_server({FIRST: {"kind": "throttle-then-ok", "times": 1}}) as demo:
        retrying = make_client(
            session, demo.url, config=Config(retries={"mode": "standard", "total_max_attempts": 2})
        )
        assert retrying.get_engagement(Catalog="Sandbox", Identifier=FIRST)["Id"] == FIRST
        assert [r.status for r in demo.requests] == [429, 200]


def test_slow_fault_times_out_without_blocking_others(session: Any) -> None:
    with fault_server({FIRST: {"kind": "slow", "delay": 30}}) as demo:
        impatient = make_client(session, demo.url, config=NO_RETRY.merge(Config(read_timeout=0.3)))
        with pytest.raises(ReadTimeoutError):
            impatient.get_engagement(Catalog="Sandbox", Identifier=FIRST)
        # The slow request is still pending on the server; others are answered meanwhile.
        other = make_client(session, demo.url)
        assert other.get_engagement(Catalog="AWS", Identifier=AWS_ONLY)["Id"] == AWS_ONLY
        started = time.monotonic()
    assert time.monotonic() - started < 2  # stop() woke the 30 s delay
    assert [r.error_code for r in demo.requests if r.fault == "slow"] == ["stopped"]


def test_slow_fault_answers_after_its_delay(session: Any) -> None:
    with fault_server({FIRST: {"kind": "slow", "delay": 0.2}}) as demo:
        client = make_client(session, demo.url)
        started = time.monotonic()
        assert client.get_engagement(Catalog="Sandbox", Identifier=FIRST)["Id"] == FIRST
        assert time.monotonic() - started >= 0.2
        assert demo.requests[-1].fault == "slow"


# -- signatures and protocol ----------------------------------------------------------------
def test_wrong_secret_is_an_invalid_signature(session: Any, server: DemoServer) -> None:
    client = make_client(session, server.url, secret="not-the-demo-secret")
    with pytest.raises(ClientError) as excinfo:
        client.get_engagement(Catalog="Sandbox", Identifier=FIRST)
    code, response = error_of(excinfo)
    assert code == "InvalidSignatureException"
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 403
    assert response["Error"]["Message"].startswith("The request signature we calculated")
    assert DEMO_SECRET_ACCESS_KEY not in json.dumps(response, default=str)


def test_unknown_access_key(session: Any, server: DemoServer) -> None:
    client = make_client(session, server.url, key="AKIAUNKNOWNKEY000000")
    with pytest.raises(ClientError) as excinfo:
        client.get_engagement(Catalog="Sandbox", Identifier=FIRST)
    code, response = error_of(excinfo)
    assert code == "UnrecognizedClientException"
    assert response["Error"]["Message"] == "The security token included in the request is invalid."


def test_unsigned_request(session: Any, server: DemoServer) -> None:
    client = session.client(
        SERVICE,
        region_name="us-east-1",
        endpoint_url=server.url,
        config=NO_RETRY.merge(Config(signature_version=botocore.UNSIGNED)),
    )
    with pytest.raises(ClientError) as excinfo:
        client.get_engagement(Catalog="Sandbox", Identifier=FIRST)
    assert error_of(excinfo)[0] == "MissingAuthenticationTokenException"
    assert server.requests[-1].status == 403


def test_wrong_service_in_scope(server: DemoServer) -> None:
    status, _, body = raw_call(
        server.url, "GetEngagement", {"Catalog": "Sandbox", "Identifier": FIRST}, service="s3"
    )
    error = json.loads(body)
    assert (status, error["__type"]) == (403, "InvalidSignatureException")
    assert "'partnercentral-selling'" in error["message"]


def test_tampered_body_is_rejected(server: DemoServer) -> None:
    other = json.dumps({"Catalog": "Sandbox", "Identifier": UNKNOWN_MEMBER}).encode()
    status, _, body = raw_call(
        server.url, "GetEngagement", {"Catalog": "Sandbox", "Identifier": FIRST}, tamper=other
    )
    assert (status, json.loads(body)["__type"]) == (403, "InvalidSignatureException")


def test_any_region_and_session_token_are_accepted(session: Any, server: DemoServer) -> None:
    client = make_client(session, server.url, region="eu-central-1", token="FQoGZXIvYXdzEXAMPLE")
    assert client.get_engagement(Catalog="Sandbox", Identifier=FIRST)["Id"] == FIRST
    entry = server.requests[-1]
    assert (entry.region, entry.access_key_id) == ("eu-central-1", DEMO_ACCESS_KEY_ID)
    assert entry.headers["x-amz-security-token"] == "FQoGZXIvYXdzEXAMPLE"
    assert "authorization" not in entry.headers


def test_key_pair_comes_from_the_environment(session: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENGTUI_DEMO_ACCESS_KEY_ID", "AKIAOTHERDEMOKEY0000")
    monkeypatch.setenv("ENGTUI_DEMO_SECRET_ACCESS_KEY", "another-secret")
    with DemoServer() as demo:
        good = make_client(session, demo.url, key="AKIAOTHERDEMOKEY0000", secret="another-secret")
        assert good.get_engagement(Catalog="Sandbox", Identifier=FIRST)["Id"] == FIRST
        with pytest.raises(ClientError):
            make_client(session, demo.url).get_engagement(Catalog="Sandbox", Identifier=FIRST)


@pytest.mark.parametrize(
    "target", ["AWSPartnerCentralSelling.DeleteEverything", "OtherService.GetEngagement", ""]
)
def test_unknown_operation(server: DemoServer, target: str) -> None:
    status, headers, body = raw_call(server.url, "", {"Catalog": "Sandbox"}, target=target or " ")
    assert status == 400
    assert json.loads(body)["__type"] == "UnknownOperationException"
    assert headers["x-amzn-ErrorType"] == "UnknownOperationException"


def test_body_that_is_not_json(server: DemoServer) -> None:
    status, _, body = raw_call(server.url, "GetEngagement", b"{not json")
    assert (status, json.loads(body)["__type"]) == (400, "SerializationException")


def test_stop_is_prompt_and_frees_the_port(session: Any) -> None:
    demo = DemoServer(DemoDataset.generated(3))
    url = demo.start()
    client = make_client(session, url)
    client.list_engagements(Catalog="Sandbox")  # leaves a kept-alive connection behind
    started = time.monotonic()
    demo.stop()
    assert time.monotonic() - started < 1
    with pytest.raises(Exception):  # noqa: B017 - any connection error will do
        client.list_engagements(Catalog="Sandbox")
    demo.stop()  # idempotent


def test_requests_log_is_thread_safe(session: Any, server: DemoServer) -> None:
    def work() -> None:
        client = make_client(session, server.url)
        for _ in range(5):
            client.get_engagement(Catalog="Sandbox", Identifier=FIRST)

    clients_lock = threading.Lock()  # boto3 sessions are not thread-safe for client creation
    threads = []
    for _ in range(4):
        with clients_lock:
            thread = threading.Thread(target=work)
        threads.append(thread)
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert len(server.requests) == 20
    assert all(r.status == 200 and r.operation == "GetEngagement" for r in server.requests)


# -- the command --------------------------------------------------------------------------
def start_command(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "engtui.demo.command", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )


def test_command_prints_the_url_then_serves_until_sigterm(session: Any) -> None:
    process = start_command("--port", "0", "--verbose")
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:")
        client = make_client(session, url)
        assert client.get_engagement(Catalog="Sandbox", Identifier=FIRST)["Id"] == FIRST
        assert process.stdout.readline().startswith("GetEngagement 200 OK")
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=10)
    assert process.returncode == 0
    assert "AKIAENGTUIDEMO000000" in err
    assert DEMO_SECRET_ACCESS_KEY not in out + err


def test_command_rejects_a_bad_data_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"engagements": [{"Id": "nope"}]}')
    process = start_command("--data", str(bad), "--quiet")
    out, err = process.communicate(timeout=10)
    assert process.returncode == 2
    assert out == ""
    assert err.count("\n") == 1
    assert str(bad) in err and "engagements[0].Id" in err


def test_command_generate(session: Any) -> None:
    process = start_command("--generate", "250", "--quiet")
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        client = make_client(session, url)
        ids = all_pages(
            client, "list_engagements", "EngagementSummaryList", 100, Catalog="Sandbox"
        )
        assert len(ids) == 250
    finally:
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=10)
    assert process.returncode == 0
    assert err == ""


