"""``engtui diff``: what changed between two revisions of a snapshot, or two records of one
kind, field by field (issue 23, part 2). Against the demo endpoint over HTTP; the JSON is
checked against the two records ``engtui get --json`` prints."""

from __future__ import annotations

import json

import pytest
from support import DEMO_KEY_ID, DEMO_SECRET
from test_cli import run_cli

from engtui.api.kinds import ENGAGEMENT
from engtui.api.record_diff import diff_data
from engtui.api.redact import MASK

SNAPSHOT = ("arn:aws:partnercentral:us-east-1:111122223333:catalog/Sandbox/engagement/"
            "eng-p4r0s5p3c7r3s1/resource-snapshot/O6100001/OpportunitySummary/")
ENGAGEMENT_A = "eng-a1b2c3d4e5f6g7"
ENGAGEMENT_B = "eng-p4r0s5p3c7r3s1"


@pytest.fixture
def demo_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", DEMO_KEY_ID)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", DEMO_SECRET)


def cli(capsys, url: str, command: str, *argv: str) -> tuple[int, str, str]:
    return run_cli(capsys, command, *argv, "--endpoint-url", url, "--catalog", "Sandbox")


def member(data: object, path: str) -> object:
    """The value at an API path (``Payload.OpportunitySummary.Lifecycle.Stage``, ``A[0].B``)."""
    import re

    for part in re.findall(r"[^.\[\]]+", path):
        if isinstance(data, list):
            data = data[int(part)]
        else:
            assert isinstance(data, dict)
            data = data.get(part)
    return data


def test_two_revisions_json_names_every_change_with_both_values(capsys, demo_env,
                                                               demo_server) -> None:
    code, out, err = cli(capsys, demo_server.url, "diff", SNAPSHOT + "2", SNAPSHOT + "3",
                         "--json")
    assert (code, err) == (0, "")
    changes = json.loads(out)
    _, old_text, _ = cli(capsys, demo_server.url, "get", SNAPSHOT + "2", "--json")
    _, new_text, _ = cli(capsys, demo_server.url, "get", SNAPSHOT + "3", "--json")
    old, new = json.loads(old_text), json.loads(new_text)
    assert {"path": "Payload.OpportunitySummary.Lifecycle.Stage", "change": "changed",
            "old": "Qualified", "new": "Technical Validation"} in changes
    for change in changes:  # each one is what the two records hold at its path
        assert set(change) == {"path", "change", "old", "new"}
        assert change["old"] == member(old, change["path"])
        assert change["new"] == member(new, change["path"])
        assert change["old"] != change["new"]
    # ... and nothing that differs is left out (the top level, at least)
    differing = {key for key in old.keys() | new.keys()
                 if old.get(key) != new.get(key) and key != "Payload"}
    assert differing <= {change["path"].split(".")[0] for change in changes}


def test_one_snapshot_arn_is_compared_with_the_revision_before(capsys, demo_env,
                                                              demo_server) -> None:
    code, out, err = cli(capsys, demo_server.url, "diff", SNAPSHOT + "3")
    assert (code, err) == (0, "")
    assert "~ Revision: 2 → 3" in out.splitlines()
    assert ("~ Payload > OpportunitySummary > Lifecycle > Stage: Qualified → Technical "
            "Validation") in out.splitlines()


def test_two_engagements_show_what_one_has_and_the_other_lacks(capsys, demo_env,
                                                              demo_server) -> None:
    code, out, _ = cli(capsys, demo_server.url, "diff", ENGAGEMENT_A, ENGAGEMENT_B)
    assert code == 0
    lines = out.splitlines()
    assert f"~ Id: {ENGAGEMENT_A} → {ENGAGEMENT_B}" in lines
    # a context only the second has is named by the tree's label, field by field
    assert any(line.startswith("+ Contexts > ProspectingResult · Cinder Robotics > ")
               for line in lines)


def test_privacy_mode_masks_both_sides_and_still_says_what_changed(capsys, demo_env,
                                                                  demo_server) -> None:
    code, out, _ = run_cli(capsys, "--redact", "diff", ENGAGEMENT_A, ENGAGEMENT_B,
                           "--endpoint-url", demo_server.url, "--catalog", "Sandbox")
    assert code == 0
    assert "Northwind" not in out and "Cinder" not in out
    assert "Contexts > ProspectingResult · " + MASK in out


def test_the_same_record_twice_has_no_differences(capsys, demo_env, demo_server) -> None:
    code, out, err = cli(capsys, demo_server.url, "diff", "O6100001", "O6100001")
    assert (code, out, err) == (0, "", "engtui: no differences\n")


@pytest.mark.parametrize(("argv", "said"), [
    ((ENGAGEMENT_A, "O6100001"), "REF_A is an engagement and REF_B an opportunity"),
    ((ENGAGEMENT_A,), "Give two records of one kind"),
    ((SNAPSHOT + "1",), "Revision 1 is the first"),
    (("eng-nope", ENGAGEMENT_A), "eng-nope"),
])
def test_bad_references_are_refused_before_any_call(capsys, demo_env, demo_server, argv,
                                                    said) -> None:
    sent = len(demo_server.received_operations())  # the session's server: others call it
    code, out, err = cli(capsys, demo_server.url, "diff", *argv)
    assert (code, out) == (2, "")
    assert err.startswith("engtui: error: ") and said in err
    assert len(demo_server.received_operations()) == sent


def test_a_missing_record_is_its_error_and_exit_code(capsys, demo_env, demo_server) -> None:
    code, out, err = cli(capsys, demo_server.url, "diff", ENGAGEMENT_A, "eng-zzzzzzzzzzzzzz")
    assert (code, out) == (3, "")
    assert "No such engagement" in err


def test_items_are_paired_by_id_not_by_position() -> None:
    first = {"Id": "eng-a1b2c3d4e5f6g7", "Contexts": [
        {"Id": "1", "Type": "CustomerProject"}, {"Id": "2", "Type": "Lead"}]}
    moved = {"Id": "eng-a1b2c3d4e5f6g7", "Contexts": [
        {"Id": "2", "Type": "Lead"}, {"Id": "1", "Type": "CustomerProject"}]}
    assert diff_data(ENGAGEMENT, first, moved) == []
    changed = {"Id": "eng-a1b2c3d4e5f6g7", "Contexts": [{"Id": "2", "Type": "Lead"}]}
    gone = diff_data(ENGAGEMENT, first, changed)  # the first context, leaf by leaf
    assert [(c.change, c.path_text, c.old, c.new) for c in gone] == [
        ("removed", "Contexts[0].Id", "1", None),
        ("removed", "Contexts[0].Type", "CustomerProject", None)]
