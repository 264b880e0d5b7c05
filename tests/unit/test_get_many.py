"""``engtui get ID ID …`` and ``engtui get -``: several records at once, in the order asked,
within the call budget, an error per id without stopping the others (issue 24, part 4).
Against the demo endpoint over HTTP."""

from __future__ import annotations

import io
import json

import pytest
from support import DEMO_KEY_ID, DEMO_SECRET
from test_cli import run_cli

from engtui.api import budget

ENGAGEMENT = "eng-a1b2c3d4e5f6g7"
OPPORTUNITY = "O6100001"
INVITATION = "engi-p3nd1ngaws001"
MISSING = "eng-zzzzzzzzzzzzzz"


@pytest.fixture
def demo_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", DEMO_KEY_ID)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", DEMO_SECRET)


def get(capsys, url: str, *argv: str) -> tuple[int, str, str]:
    return run_cli(capsys, "get", *argv, "--endpoint-url", url, "--catalog", "Sandbox")


def test_several_ids_print_one_array_in_the_order_asked(capsys, demo_env,
                                                       make_demo_server) -> None:
    server = make_demo_server(latency={"GetOpportunity": 0.4})  # the first answers last
    code, out, err = get(capsys, server.url, OPPORTUNITY, ENGAGEMENT, INVITATION, "--json")
    assert (code, err) == (0, "")
    records = json.loads(out)
    assert [r.get("Id") for r in records] == [OPPORTUNITY, ENGAGEMENT, INVITATION]
    assert sorted(server.received_operations()) == [
        "GetEngagement", "GetEngagementInvitation", "GetOpportunity"]


def test_a_failure_is_said_per_id_and_the_others_are_printed(capsys, demo_env,
                                                             demo_server) -> None:
    code, out, err = get(capsys, demo_server.url, ENGAGEMENT, MISSING, "bogus", OPPORTUNITY,
                         "--ndjson")
    assert code == 3  # the worst: not found (3) over a bad id (2)
    assert [json.loads(line)["Id"] for line in out.splitlines()] == [ENGAGEMENT, OPPORTUNITY]
    lines = err.splitlines()
    assert len(lines) == 2
    assert any(line.startswith(f"engtui: error: {MISSING}: No such engagement")
               for line in lines)
    assert any(line.startswith("engtui: error: bogus: ") for line in lines)


def test_ids_from_standard_input(capsys, demo_env, demo_server, monkeypatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(
        f"{ENGAGEMENT}\n\n# a comment\n  {INVITATION}  \n"))
    code, out, err = get(capsys, demo_server.url, "-", "--json")
    assert (code, err) == (0, "")
    assert [r["Id"] for r in json.loads(out)] == [ENGAGEMENT, INVITATION]


def test_an_empty_standard_input_is_bad_input(capsys, demo_env, demo_server,
                                              monkeypatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("\n"))
    demo_server.clear_requests()
    code, out, err = get(capsys, demo_server.url, "-")
    assert (code, out) == (2, "") and "No id given" in err
    assert demo_server.received_operations() == []


def test_one_id_prints_one_object_as_before(capsys, demo_env, demo_server) -> None:
    code, out, _ = get(capsys, demo_server.url, ENGAGEMENT, "--json")
    assert code == 0 and json.loads(out)["Id"] == ENGAGEMENT  # an object, not an array


def test_many_ids_stay_inside_the_quota_of_a_throttling_demo(capsys, demo_env, monkeypatch,
                                                            make_demo_server) -> None:
    """30 gets through eight threads against a demo that throttles beyond 10 a second: the
    budget paces them, so not one ThrottlingException is sent back."""
    monkeypatch.setattr(budget, "DEFAULT_RATE", 10.0)  # the documented quota
    server = make_demo_server(quota=10.0)
    ids = [ENGAGEMENT, OPPORTUNITY, INVITATION] * 10
    code, out, err = run_cli(capsys, "get", *ids, "--ndjson", "--endpoint-url", server.url,
                             "--catalog", "Sandbox", "--max-attempts", "1")
    assert (code, err) == (0, "")
    assert [json.loads(line)["Id"] for line in out.splitlines()] == ids
    assert [r.error_code for r in server.requests if r.error_code] == []
    assert len(server.requests) == 30
