"""``engtui timeline ENGAGEMENT_ID``: an engagement's timeline for scripts (issue 23, part 1).
Against the demo endpoint over HTTP; what it must hold is read from the demo's own data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import DEMO_KEY_ID, DEMO_SECRET
from test_cli import run_cli

from engtui.api.redact import MASK
from engtui.demo.faults import FaultSpec

RICHEST = "eng-a1b2c3d4e5f6g7"
DATA = Path(__file__).resolve().parents[2] / "engtui" / "demo" / "sample_data.json"


@pytest.fixture
def demo_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", DEMO_KEY_ID)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", DEMO_SECRET)


def cli(capsys, url: str, *argv: str) -> tuple[int, str, str]:
    return run_cli(capsys, "timeline", *argv, "--endpoint-url", url, "--catalog", "Sandbox")


def expected_ids(engagement: str) -> dict[str, set[str]]:
    """The records of each kind of event the demo holds for ``engagement``."""
    data = json.loads(DATA.read_text("utf-8"))
    invitations = {i["Id"] for i in data["invitations"] if i["EngagementId"] == engagement}
    accepted = {i["Id"] for i in data["invitations"]
                if i["EngagementId"] == engagement and i["Status"] == "ACCEPTED"}
    tasks = {t["TaskId"] for store in ("engagement_from_opportunity_tasks",
                                       "opportunity_from_engagement_tasks")
             for t in data[store] if t.get("EngagementId") == engagement}
    return {
        "engagement": {engagement},
        "invitation": invitations | {t["EngagementInvitationId"] for t in data["accept_tasks"]
                                     if t.get("EngagementInvitationId") in accepted},
        "task": tasks,
        "snapshot": {s["ResourceId"] for s in data["snapshots"]
                     if s["EngagementId"] == engagement},
        "snapshot job": {j["Id"] for j in data["snapshot_jobs"]
                         if j["EngagementId"] == engagement},
        "opportunity": {a["ResourceId"] for a in data["associations"]
                        if a["EngagementId"] == engagement},
    }


def test_json_is_every_event_oldest_first(capsys, demo_env, demo_server) -> None:
    code, out, err = cli(capsys, demo_server.url, RICHEST, "--json")
    assert (code, err) == (0, "")
    events = json.loads(out)
    for event in events:
        assert {"when", "kind", "event", "id", "source", "opens"} <= set(event)
    dated = [event["when"] for event in events if event["when"] is not None]
    assert dated == sorted(dated)  # UTC ISO 8601: text order is time order
    assert all(event["when"] is None for event in events[len(dated):])
    found: dict[str, set[str]] = {}
    for event in events:
        found.setdefault(event["kind"], set()).add(event["id"])
    assert found == expected_ids(RICHEST)
    snapshots = [event for event in events if event["kind"] == "snapshot"]
    assert sorted(event["params"]["Revision"] for event in snapshots) == [1, 2]
    assert all(event["when"] for event in snapshots)  # each revision dated by its Get
    job = [event["event"] for event in events if event["kind"] == "snapshot job"]
    assert any("last success" in text for text in job)
    assert any("last failure: AccessDenied" in text for text in job)


def test_text_is_one_line_an_event(capsys, demo_env, demo_server) -> None:
    code, out, _ = cli(capsys, demo_server.url, RICHEST)
    _, as_json, _ = cli(capsys, demo_server.url, RICHEST, "--json")
    lines = out.splitlines()
    events = json.loads(as_json)
    assert code == 0 and len(lines) == len(events)
    assert lines[0].split()[:2] == ["2026-02-03T14:05:00Z", "engagement"]
    assert lines[-1].startswith("(no date)")
    assert all(event["event"] in text for event, text in zip(events, lines, strict=True))


def test_a_failing_source_is_named_on_stderr_and_the_others_printed(
        capsys, demo_env, make_demo_server) -> None:
    server = make_demo_server(faults={})
    server.faults.set("ListResourceSnapshots", FaultSpec("AccessDeniedException"))
    code, out, err = cli(capsys, server.url, RICHEST, "--json")
    assert code == 4  # access denied, as `engtui get` says it
    assert err.startswith("engtui: error: snapshots: Access denied")
    kinds = {event["kind"] for event in json.loads(out)}
    assert kinds == set(expected_ids(RICHEST)) - {"snapshot"}


def test_an_engagement_that_does_not_exist_prints_nothing(capsys, demo_env,
                                                          demo_server) -> None:
    code, out, err = cli(capsys, demo_server.url, "eng-zzzzzzzzzzzzzz")
    assert (code, out) == (3, "")
    assert "eng-zzzzzzzzzzzzzz was not found" in err


def test_a_bad_id_is_refused_before_any_call(capsys, demo_env, demo_server) -> None:
    code, out, err = cli(capsys, demo_server.url, "O6100001")
    assert (code, out) == (2, "")
    assert err.startswith("engtui: error:")


def test_redact_masks_what_privacy_mode_masks(capsys, demo_env, demo_server) -> None:
    code, out, _ = cli(capsys, demo_server.url, RICHEST, "--redact")
    assert code == 0
    assert f"Engagement created by {MASK}" in out
    assert "111122223333" not in out and "777788889999" not in out


def test_a_failing_get_leaves_its_record_listed_undated(capsys, demo_env,
                                                        make_demo_server) -> None:
    """A snapshot job whose GetResourceSnapshotJob fails is still listed, from the list's
    summary, without a date; the source is named as failed."""
    server = make_demo_server(faults={})
    server.faults.set("GetResourceSnapshotJob", FaultSpec("InternalServerException"))
    code, out, err = cli(capsys, server.url, RICHEST, "--json")
    assert code == 7  # a service error
    assert err.startswith("engtui: error: snapshot jobs: ")
    jobs = [event for event in json.loads(out) if event["kind"] == "snapshot job"]
    assert jobs == [{"when": None, "kind": "snapshot job",
                     "event": "Snapshot job job-nwrun4820113a: Running",
                     "id": "job-nwrun4820113a", "source": "snapshot jobs",
                     "opens": "snapshot_job"}]
