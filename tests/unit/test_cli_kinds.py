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
