"""The demo endpoint is read-only, records what it received, and adds latency on request."""

from __future__ import annotations

import argparse
import json
import threading
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from demo_support import make_client, raw_call

from engtui.demo import DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY, model
from engtui.demo.command import add_arguments, latency_option
from engtui.demo.operations import is_write
from engtui.demo.server import DemoServer

WRITES = [name for name in model.service_model().operation_names if is_write(name)]
PENDING = "engi-p3nd1ngaws001"
FIVE_CONTEXTS = "eng-a1b2c3d4e5f6g7"  # a bundled engagement


@pytest.fixture
def server() -> Iterator[DemoServer]:
    with DemoServer() as demo:
        yield demo


@pytest.fixture
def client(server: DemoServer) -> Any:
    return make_client(boto3.session.Session(), server.url)


# -- read-only ----------------------------------------------------------------------------------
def test_the_model_has_writes_and_they_are_the_non_reads() -> None:
    assert "AcceptEngagementInvitation" in WRITES and "TagResource" in WRITES
    assert not [name for name in WRITES if name.startswith(("Get", "List", "Search"))]
    assert len(WRITES) >= 20


@pytest.mark.parametrize("operation", WRITES)
def test_every_write_operation_is_refused(server: DemoServer, operation: str) -> None:
    status, headers, body = raw_call(server.url, operation, {"Catalog": "Sandbox"})
    error = json.loads(body)
    assert (status, error["__type"]) == (403, "AccessDeniedException")
    assert "read-only" in error["message"] and operation in error["message"]
    assert headers["x-amzn-ErrorType"] == "AccessDeniedException"


def test_a_refused_write_changes_nothing(client: Any) -> None:
    before = client.get_engagement_invitation(Catalog="Sandbox", Identifier=PENDING)
    with pytest.raises(ClientError) as excinfo:
        client.accept_engagement_invitation(Catalog="Sandbox", Identifier=PENDING)
    assert excinfo.value.response["Error"]["Code"] == "AccessDeniedException"
    with pytest.raises(ClientError):
        client.reject_engagement_invitation(Catalog="Sandbox", Identifier=PENDING,
                                            RejectionReason="Not now")
    after = client.get_engagement_invitation(Catalog="Sandbox", Identifier=PENDING)
    before.pop("ResponseMetadata")
    after.pop("ResponseMetadata")
    assert after == before and after["Status"] == "PENDING"


def test_an_operation_outside_the_model_is_an_unknown_operation(server: DemoServer) -> None:
    status, _, body = raw_call(server.url, "GetWidget", {"Catalog": "Sandbox"})
    assert (status, json.loads(body)["__type"]) == (400, "UnknownOperationException")


# -- the benefits service on the same port (issue 22) -----------------------------------------
BENEFITS = "partnercentral-benefits"
BENEFIT_WRITES = [name for name in model.service_model(BENEFITS).operation_names
                  if is_write(name)]


def test_every_read_of_both_services_is_served() -> None:
    from engtui.demo.operations import BENEFITS_OPERATIONS, OPERATIONS

    for name, served in ((model.SERVICE_NAME, OPERATIONS), (BENEFITS, BENEFITS_OPERATIONS)):
        reads = {op for op in model.service_model(name).operation_names if not is_write(op)}
        assert reads - set(served) == set(), name


@pytest.mark.parametrize("operation", BENEFIT_WRITES)
def test_every_benefits_write_is_refused(server: DemoServer, operation: str) -> None:
    status, _, body = raw_call(server.url, operation, {"Catalog": "Sandbox"}, service=BENEFITS,
                               target=f"PartnerCentralBenefitsService.{operation}")
    error = json.loads(body)
    assert (status, error["__type"]) == (403, "AccessDeniedException")
    assert "read-only" in error["message"] and operation in error["message"]


def test_the_benefits_service_answers_on_the_same_port_with_the_same_key_pair(
        server: DemoServer) -> None:
    session = boto3.session.Session()
    benefits = session.client(BENEFITS, region_name="us-east-1", endpoint_url=server.url,
                              aws_access_key_id=DEMO_ACCESS_KEY_ID,
                              aws_secret_access_key=DEMO_SECRET_ACCESS_KEY)
    found = benefits.list_benefit_applications(
        Catalog="Sandbox", AssociatedResourceArns=[
            "arn:aws:partnercentral:us-east-1:111122223333:catalog/Sandbox/opportunity/O6100001"])
    statuses = {item["Status"] for item in found["BenefitApplicationSummaries"]}
    assert statuses == {"APPROVED", "IN_REVIEW", "ACTION_REQUIRED"}
    assert [r.service for r in server.requests] == [BENEFITS]
    # signed for the selling service, a benefits target is refused: each has its own scope
    status, _, body = raw_call(server.url, "ListBenefits", {"Catalog": "Sandbox"},
                               target="PartnerCentralBenefitsService.ListBenefits")
    assert status == 403 and "partnercentral-benefits" in json.loads(body)["message"]


# -- what was received --------------------------------------------------------------------------
def test_received_operations_in_order_including_refusals(client: Any, server: DemoServer) -> None:
    assert server.received_operations() == []
    client.list_engagement_invitations(Catalog="Sandbox", ParticipantType="RECEIVER")
    client.get_engagement_invitation(Catalog="Sandbox", Identifier=PENDING)
    with pytest.raises(ClientError):
        client.get_opportunity(Catalog="Sandbox", Identifier="O1")
    with pytest.raises(ClientError):
        client.accept_engagement_invitation(Catalog="Sandbox", Identifier=PENDING)
    assert server.received_operations() == [
        "ListEngagementInvitations",
        "GetEngagementInvitation",
        "GetOpportunity",
        "AcceptEngagementInvitation",
    ]
    server.clear_requests()
    assert server.received_operations() == []


def test_received_operations_from_many_threads(server: DemoServer) -> None:
    session = boto3.session.Session()
    clients = [make_client(session, server.url) for _ in range(4)]
    def work(c: Any) -> None:
        for _ in range(5):
            c.list_engagement_groups(Catalog="Sandbox")
            c.search_engagements(Catalog="Sandbox", MaxResults=1)
    threads = [threading.Thread(target=work, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    received = server.received_operations()
    assert len(received) == 40
    assert received.count("ListEngagementGroups") == received.count("SearchEngagements") == 20


# -- latency ---------------------------------------------------------------------------------------
def test_latency_by_operation_and_default() -> None:
    demo = DemoServer(latency={"GetEngagement": 0.3, "*": 0.05})
    assert demo.latency_for("GetEngagement") == 0.3
    assert demo.latency_for("ListEngagements") == 0.05
    demo.set_latency(0.2)
    assert demo.latency_for("GetOpportunity") == 0.2
    demo.set_latency(None)
    assert demo.latency_for("GetOpportunity") == 0.0
    with pytest.raises(ValueError):
        demo.set_latency(-1)


def test_a_slow_operation_never_holds_up_another(server: DemoServer) -> None:
    server.set_latency({"GetEngagement": 60})  # far longer than the test: ordering, not timing
    session = boto3.session.Session()
    slow_client, fast_client = make_client(session, server.url), make_client(session, server.url)
    outcome: dict[str, Any] = {}

    def slow() -> None:
        try:
            slow_client.get_engagement(Catalog="Sandbox", Identifier="eng-a1b2c3d4e5f6g7")
            outcome["slow"] = "answered"
        except Exception as exc:  # the server stops under it: the test is over
            outcome["slow"] = type(exc).__name__

    thread = threading.Thread(target=slow, daemon=True)
    thread.start()
    for _ in range(1000):  # until the slow request is in (its answer waits on the latency)
        if "GetEngagement" in server.received_operations():
            break
        thread.join(0.01)
    assert "GetEngagement" in server.received_operations()
    found = fast_client.list_engagements(Catalog="Sandbox", MaxResults=1)
    assert found["EngagementSummaryList"]
    assert thread.is_alive() and "slow" not in outcome  # still waiting on its latency
    server.stop()  # ends the pending delay at once
    thread.join(timeout=10)
    assert not thread.is_alive() and outcome["slow"] != "answered"


def test_wait_for_request_returns_once_a_delayed_answer_is_sent(server: DemoServer) -> None:
    server.set_latency({"GetEngagement": 0.3})
    client = make_client(boto3.session.Session(), server.url)
    with pytest.raises(TimeoutError, match="no answer to GetEngagement"):
        server.wait_for_request("GetEngagement", timeout=0.05)  # nothing asked yet
    answered: list[str] = []

    def ask() -> None:
        answered.append(client.get_engagement(Catalog="Sandbox", Identifier=FIVE_CONTEXTS)["Id"])

    thread = threading.Thread(target=ask, daemon=True)
    thread.start()
    entry = server.wait_for_request("GetEngagement", timeout=30,
                                    where=lambda e: e.params.get("Identifier") == FIVE_CONTEXTS)
    assert entry.operation == "GetEngagement" and entry.status == 200
    thread.join(timeout=30)
    assert answered == [FIVE_CONTEXTS]  # the client got the very answer waited for
    with pytest.raises(TimeoutError):  # another identifier was never asked for
        server.wait_for_request("GetEngagement", timeout=0.05,
                                where=lambda e: e.params.get("Identifier") == "eng-other")


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    return parser.parse_args(argv)


def test_latency_on_the_command_line() -> None:
    assert parse().latency is None
    assert parse("--latency", "0.3").latency == {"*": 0.3}
    args = parse("--latency", "0.1", "--latency", "GetEngagement=0.3")
    assert args.latency == {"*": 0.1, "GetEngagement": 0.3}
    for bad in ("-1", "GetEngagement=slow", "NoSuchOperation=1", "=1"):
        with pytest.raises(argparse.ArgumentTypeError):
            latency_option(bad)


def test_the_hints_say_what_latency_is_added(capsys: pytest.CaptureFixture[str]) -> None:
    from engtui.demo.command import _hints
    from engtui.demo.data import DemoDataset

    _hints(DemoDataset.bundled(), parse("--latency", "GetEngagement=0.3").latency)
    assert "added latency: GetEngagement 0.3 s" in capsys.readouterr().err
    _hints(DemoDataset.bundled(), None)
    assert "latency" not in capsys.readouterr().err
