"""`engtui get` refusals and errors for every record kind (each kind's ``get --json``
beside the real aws CLI is in tests/conformance/test_conformance_cli.py)."""

from __future__ import annotations

import pytest
from support import DEMO_KEY_ID, DEMO_SECRET
from test_cli import run_cli


@pytest.fixture
def demo_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", DEMO_KEY_ID)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", DEMO_SECRET)


@pytest.mark.parametrize(("typed", "phrase"), [
    ("engi-short", "13 letters"), ("cust-acc-x", "cust-acc-"), ("O12x", "O and digits"),
    ("arn:aws:partnercentral:us-east-1:1:catalog/Prod/engagement-invitation/engi-p3nd1ngaws001",
     "AWS or Sandbox"),
])
def test_get_refuses_bad_ids_of_every_kind_without_a_request(capsys, demo_server, typed,
                                                              phrase) -> None:
    demo_server.clear_requests()
    code, out, err = run_cli(capsys, "get", typed, "--endpoint-url", demo_server.url)
    assert (code, out) == (2, "")
    assert phrase in err
    assert demo_server.received_operations() == []


def test_get_exit_code_for_a_missing_opportunity(capsys, demo_env, demo_server) -> None:
    code, out, err = run_cli(capsys, "get", "O4820114", "--endpoint-url", demo_server.url,
                             "--catalog", "Sandbox")
    assert (code, out) == (3, "")  # ErrorKind.NOT_FOUND, as for an engagement
    assert err.startswith("engtui: error: ")


SNAPSHOT_ARN = ("arn:aws:partnercentral:us-east-1:111122223333:catalog/Sandbox/engagement/"
                "eng-p4r0s5p3c7r3s1/resource-snapshot/O6100001/OpportunitySummary/2")

MISSING = {  # kind: (a record the demo does not hold, the words the error must use)
    "engagement": (["eng-zzzzzzzzzzzzzz"], "engagement"),
    "invitation": (["engi-zzzzzzzzzzzzz"], "invitation"),
    "opportunity": (["O9999999"], "opportunity"),
    "aws_summary": (["O9999999", "--kind", "aws_summary"], "AWS summary"),
    "customer_account": (["cust-acc-zzzzzzzzzzzzz"], "customer account"),
    "snapshot": ([SNAPSHOT_ARN[:-1] + "9"], "snapshot"),
    "snapshot_job": (["job-zzzzzzzzzzzzz"], "snapshot job"),
    "prospecting_task": (["task-zzzzzzzzzzzzzz"], "prospecting task"),
    "customer_account_bulk_job": (["bulkjob-zzzzzzzzzzzzz"], "bulk job"),
    "benefit_application": (["benappl-zzzzzzzzzzzzzz"], "benefit application"),
    "benefit_allocation": (["benalloc-zzzzzzzzzzzzzz"], "benefit allocation"),
    "benefit": (["ben-zzzzzzzzzzzzzz"], "benefit"),
}


def test_every_kind_has_a_missing_record_case() -> None:
    from engtui.api.kinds import KINDS

    assert set(MISSING) == set(KINDS)


@pytest.mark.parametrize(("argv", "noun"), MISSING.values(), ids=list(MISSING))
def test_a_missing_record_is_named_by_its_kind(capsys, demo_env, demo_server, argv, noun):
    """Every kind was "No such engagement"; the message names the kind that was asked."""
    code, out, err = run_cli(capsys, "get", *argv, "--catalog", "Sandbox",
                             "--endpoint-url", demo_server.url, "--max-attempts", "1")
    assert code == 3 and out == ""
    assert err.startswith(f"engtui: error: No such {noun} in this catalog: ")


@pytest.mark.parametrize("typed", ["foo", "Oabc", "12345", "arn:aws:s3:::bucket"])
def test_an_id_no_kind_takes_lists_the_forms_from_the_kinds(capsys, typed) -> None:
    """It was refused as a bad engagement id ("does not start with eng-"): it lists every
    prefix the kinds declare."""
    from engtui.api.kinds import KINDS

    code, out, err = run_cli(capsys, "get", typed, "--demo")
    assert code == 2 and out == ""
    prefixes = [kind.prefix for kind in KINDS.values() if kind.prefix]
    assert prefixes == ["eng-", "engi-", "O", "cust-acc-", "job-", "task-", "bulkjob-",
                        "benappl-", "benalloc-", "ben-"]
    forms = "eng-, engi-, O…, cust-acc-, job-, task-, bulkjob-, benappl-, benalloc-, ben-"
    assert f"an id ({forms}) or an ARN" in err and err.count("\n") == 1


# -- a typed ARN of a kind whose Get takes no ARN sends the id it names (issue 22) ---------------
@pytest.mark.parametrize("arn", [
    "arn:aws:partnercentral:us-east-1:111122223333:catalog/Sandbox/resource-snapshot-job/"
    "job-nwrun4820113a",
    "arn:aws:partnercentral:us-east-1::catalog/Sandbox/prospecting-from-engagement-task/"
    "task-prsp0000000001",
    "arn:aws:partnercentral:us-east-1:111122223333:catalog/Sandbox/benefit-application/"
    "benappl-vqapilot000001",
], ids=["snapshot-job", "prospecting-task", "benefit-application"])
def test_get_of_an_arn_sends_what_the_model_takes(capsys, demo_env, demo_server, arn) -> None:
    import json

    demo_server.clear_requests()
    code, out, err = run_cli(capsys, "get", arn, "--json", "--endpoint-url", demo_server.url)
    assert code == 0, err
    record_id = arn.rsplit("/", 1)[1]
    assert record_id in json.dumps(json.loads(out))
    (request,) = demo_server.requests
    sent = [v for k, v in request.params.items() if k != "Catalog"]
    # GetResourceSnapshotJob and GetProspectingFromEngagementTask take ids only
    assert sent == [record_id if "benappl" not in arn else arn]
    assert request.params["Catalog"] == "Sandbox"  # the ARN's catalog
