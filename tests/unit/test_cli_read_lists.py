"""``engtui list tasks``, ``snapshot-jobs``, ``bulk-jobs`` and ``bulk-job-results`` through the
real wire: several operations merged in one list (newest first across pages), each item
labelled with its type, the filters sent and only matching rows printed, and what is refused
before anything is sent."""

from __future__ import annotations

import json

import pytest
from test_cli_kinds import demo_env  # noqa: F401 - a fixture, used by name
from test_cli_list import listed, small_pages  # noqa: F401 - fixtures, used by name

TASK_OPERATIONS = {"ListEngagementByAcceptingInvitationTasks",
                   "ListEngagementFromOpportunityTasks", "ListOpportunityFromEngagementTasks",
                   "ListProspectingFromEngagementTasks"}


def ndjson(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


def test_tasks_of_every_type_merged_newest_first_across_pages(
        capsys, demo_env, demo_server, small_pages) -> None:  # noqa: F811
    demo_server.clear_requests()
    code, out, err = listed(capsys, demo_server, "tasks", "--ndjson")
    assert code == 0, err
    items = ndjson(out)
    assert len(items) == 18
    assert {item["engtuiType"] for item in items} == {
        "accept-invitation", "engagement-from-opportunity", "opportunity-from-engagement",
        "prospecting"}
    starts = [item["StartTime"] for item in items]
    assert starts == sorted(starts, reverse=True)  # merged over pages of 2 of four lists
    assert set(demo_server.received_operations()) == TASK_OPERATIONS
    assert len(demo_server.received_operations()) > 4  # each list paged


def test_tasks_status_and_type_filters_send_and_print_only_matching(capsys, demo_env,  # noqa: F811
                                                                    demo_server) -> None:
    demo_server.clear_requests()
    code, out, err = listed(capsys, demo_server, "tasks", "--status", "failed", "--ndjson")
    assert code == 0, err
    items = ndjson(out)
    assert items and {item["TaskStatus"] for item in items} == {"FAILED"}
    assert "prospecting tasks have no status: not listed" in err
    assert "ListProspectingFromEngagementTasks" not in demo_server.received_operations()
    demo_server.clear_requests()
    code, out, _ = listed(capsys, demo_server, "tasks", "--type", "opportunity-from-engagement",
                          "--status", "FAILED", "--status", "COMPLETE")
    assert code == 0
    assert {item["engtuiType"] for item in json.loads(out)} == {"opportunity-from-engagement"}
    (request,) = [r.params for r in demo_server.requests]
    assert request["TaskStatus"] == ["FAILED", "COMPLETE"]
    assert demo_server.received_operations() == ["ListOpportunityFromEngagementTasks"]


@pytest.mark.parametrize(("args", "said"), [
    (["tasks", "--type", "prospecting", "--status", "FAILED"], "Prospecting tasks have no status"),
    (["tasks", "--type", "accept"], "is not a task type; use one of: accept-invitation"),
    (["tasks", "--status", "PENDING"], "is not a task status; use one of: IN_PROGRESS"),
    (["snapshot-jobs", "--engagement", "eng-1"], "is not an engagement id (eng- and 14"),
    (["snapshot-jobs", "--status", "Running", "--status", "Stopped"], "one --status at a time"),
    (["bulk-job-results"], "Which bulk job? Give --job bulkjob-…"),
    (["bulk-job-results", "--job", "job-1"], "is not a bulk job id (bulkjob- and 13"),
    (["bulk-jobs", "--type", "task"], "is not a bulk job type; use one of: opportunity"),
], ids=["prospecting-status", "type", "status", "engagement", "two-statuses", "no-job",
        "bad-job", "bulk-type"])
def test_refused_before_sending(capsys, demo_env, demo_server, args, said) -> None:  # noqa: F811
    demo_server.clear_requests()
    code, out, err = listed(capsys, demo_server, *args)
    assert (code, out) == (2, "")
    assert err.startswith("engtui: error: ") and said in err
    assert demo_server.received_operations() == []


def test_snapshot_jobs_of_one_engagement_and_one_status(capsys, demo_env,  # noqa: F811
                                                        demo_server) -> None:
    code, out, err = listed(capsys, demo_server, "snapshot-jobs", "--engagement",
                            "eng-a1b2c3d4e5f6g7")
    assert code == 0, err
    assert [item["Id"] for item in json.loads(out)] == ["job-nwrun4820113a"]
    code, out, _ = listed(capsys, demo_server, "snapshot-jobs", "--status", "stopped")
    assert [(item["Id"], item["Status"]) for item in json.loads(out)] == [
        ("job-cndr6100001st", "Stopped")]


def test_bulk_jobs_of_both_kinds_and_a_jobs_rows_failed_first(capsys, demo_env,  # noqa: F811
                                                             demo_server) -> None:
    code, out, err = listed(capsys, demo_server, "bulk-jobs", "--ndjson")
    assert code == 0, err
    items = ndjson(out)
    assert [(i["engtuiType"], i.get("JobId") or i.get("Id")) for i in items] == [
        ("opportunity", "bulkjob-oppblk0000002"), ("customer-account", "bulkjob-cstacc0000002"),
        ("opportunity", "bulkjob-oppblk0000001"), ("customer-account", "bulkjob-cstacc0000001"),
        ("customer-account", "bulkjob-cstacc0000003")]
    code, out, _ = listed(capsys, demo_server, "bulk-jobs", "--type", "customer-account",
                          "--status", "FAILED")
    assert [i["Id"] for i in json.loads(out)] == ["bulkjob-cstacc0000003"]
    code, out, _ = listed(capsys, demo_server, "bulk-job-results", "--job",
                          "bulkjob-oppblk0000001", "--output", "csv")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Row,Status,Record,Error,Message"
    assert lines[1].startswith("row-2,! FAILED,O6100002,INVALID_STAGE_TRANSITION,")
    code, out, _ = listed(capsys, demo_server, "bulk-job-results", "--job",
                          "bulkjob-cstacc0000001", "--type", "customer-account",
                          "--status", "SUCCEEDED")
    assert code == 0 and {i["Status"] for i in json.loads(out)} == {"SUCCEEDED"}
