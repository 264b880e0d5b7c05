"""The demo endpoint's protocol: SigV4, the wire, and ``engtui demo-server`` as a process."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import botocore
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from demo_support import (
    NO_RETRY,
    SERVICE,
    all_pages,
    endpoint_fixtures,
    error_of,
    make_client,
    raw_call,
)

from engtui.demo import DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY
from engtui.demo.data import DemoDataset
from engtui.demo.server import DemoServer

FIRST = "eng-a1b2c3d4e5f6g7"  # five contexts
UNKNOWN_MEMBER = "eng-n3wp4yl0adx7k2"
REPO = Path(__file__).resolve().parents[2]

session, server, client = endpoint_fixtures()  # a fresh bundled server per test


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


