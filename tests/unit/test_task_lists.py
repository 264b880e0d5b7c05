"""The tasks list's rows: every reason code of the model has words, the service's "null"
string is no reason, and a failed task is marked by a character (monochrome-safe)."""

from __future__ import annotations

import datetime as dt

from engtui.api.model import service_model
from engtui.api.task_lists import REASONS, TaskRow, reason_words, task_row


def test_every_reason_code_of_the_model_has_words() -> None:
    model = service_model()
    for summary in ("ListEngagementByAcceptingInvitationTaskSummary",
                    "ListEngagementFromOpportunityTaskSummary",
                    "ListOpportunityFromEngagementTaskSummary"):
        codes = model.shape_for(summary).members["ReasonCode"].enum
        assert sorted(set(codes) - set(REASONS)) == [], summary


def test_the_null_string_is_no_reason_and_a_newer_code_shows_as_itself() -> None:
    assert reason_words("null") == reason_words(None) == reason_words("") == ""
    assert reason_words("SomethingNew") == "SomethingNew"


def test_a_failed_task_is_marked_and_says_why_in_words() -> None:
    row = TaskRow.from_api({
        "TaskId": "task-p3nd1ngaw0012", "TaskStatus": "FAILED",
        "ReasonCode": "RequestThrottled", "Message": "Rate exceeded\x1b[31m",
        "StartTime": dt.datetime(2026, 12, 6, 4, 12, tzinfo=dt.UTC),
        "EngagementInvitationId": "engi-p3nd1ngaws001", "engtuiType": "accept-invitation"})
    status, kind, started, code, why, task = task_row(row)
    assert status == "! FAILED" and kind == "accept" and started == "2026-12-06 04:12"
    assert code == "RequestThrottled" and task == "task-p3nd1ngaw0012"
    assert why.startswith("throttled: too many requests: Rate exceeded")
    assert "\x1b" not in why  # API text made printable
    assert row.names == (("invitation", "engi-p3nd1ngaws001"),)
    done = task_row(TaskRow.from_api({"TaskId": "task-x", "TaskStatus": "COMPLETE",
                                      "ReasonCode": "null", "Message": None,
                                      "engtuiType": "accept-invitation"}))
    assert done[0] == "COMPLETE" and done[3] == done[4] == "—"
