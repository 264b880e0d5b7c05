"""The demo endpoint's errors and fault kinds, through real boto3 clients over HTTP."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from botocore.config import Config
from botocore.exceptions import ClientError, ReadTimeoutError
from demo_support import NO_RETRY, endpoint_fixtures, error_of, make_client, raw_call

from engtui.demo import DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY
from engtui.demo.data import DemoDataset
from engtui.demo.server import DemoServer

FIRST = "eng-a1b2c3d4e5f6g7"  # five contexts
AWS_ONLY = "eng-k5l7m9n1p3q5r7"

session, server, client = endpoint_fixtures()  # a fresh bundled server per test


def fault_server(faults: dict[str, Any]) -> DemoServer:
    """A server whose bundled data carries ``faults``."""
    dataset = DemoDataset.bundled()
    dataset.faults = DemoDataset.from_json(json.dumps({"faults": faults})).faults
    return DemoServer(
        dataset, access_key_id=DEMO_ACCESS_KEY_ID, secret_access_key=DEMO_SECRET_ACCESS_KEY
    )


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


def test_a_fault_set_and_removed_while_serving(session: Any, server: DemoServer) -> None:
    from engtui.demo.faults import FaultSpec

    client = make_client(session, server.url)
    assert server.faults.get(FIRST) is None
    server.faults.set(FIRST, FaultSpec("AccessDeniedException"))
    assert server.faults.get(FIRST) == FaultSpec("AccessDeniedException")
    with pytest.raises(client.exceptions.AccessDeniedException):
        client.get_engagement(Catalog="Sandbox", Identifier=FIRST)
    server.faults.set(FIRST, None)
    assert client.get_engagement(Catalog="Sandbox", Identifier=FIRST)["Id"] == FIRST


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


def test_a_released_slow_fault_answers_at_once(session: Any) -> None:
    """`FaultInjector.release`: a test holds an answer until it is ready for it."""
    import threading

    with fault_server({FIRST: {"kind": "slow", "delay": 120}}) as demo:
        client = make_client(session, demo.url)
        answers: list[str] = []
        call = threading.Thread(target=lambda: answers.append(
            client.get_engagement(Catalog="Sandbox", Identifier=FIRST)["Id"]))
        call.start()
        call.join(0.5)
        assert answers == [] and call.is_alive()  # held (for 120 s unless released)
        demo.faults.release()
        call.join(30)
        assert answers == [FIRST]  # answered, not stopped
        assert client.get_engagement(Catalog="Sandbox", Identifier=FIRST)["Id"] == FIRST
