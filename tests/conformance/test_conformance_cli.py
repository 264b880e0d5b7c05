"""``engtui get`` for every record kind and ``engtui list`` for every list, from the
registries, against the demo endpoint over HTTP, and beside the real aws CLI where it has
the operation (the same request, built from the declaration, made into the CLI's options).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from demo_support import aws_cli, aws_cli_json
from support import DEMO_KEY_ID, DEMO_SECRET
from test_cli import run_cli

from engtui.api.kinds import KINDS, LISTS
from engtui.demo.examples import EXAMPLES

CATALOG = "Sandbox"
GETS = [(name, text) for name in sorted(KINDS) for text in EXAMPLES.get(name, ())]
HAS_AWS_CLI = aws_cli() is not None


@pytest.fixture
def demo_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", DEMO_KEY_ID)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", DEMO_SECRET)


def engtui(capsys, url: str, *argv: str) -> Any:
    code, out, err = run_cli(capsys, *argv, "--endpoint-url", url, "--catalog", CATALOG)
    assert code == 0, err
    return json.loads(out)


def _kebab(member: str) -> str:
    from botocore import xform_name

    return "--" + xform_name(member, "-")


def aws_arguments(operation: str, params: dict[str, Any]) -> list[str]:
    """``aws partnercentral-selling`` options for a request (JSON for a list or object)."""
    from botocore import xform_name

    argv = [xform_name(operation, "-")]
    for member, value in params.items():
        if member != "Catalog":
            argv += [_kebab(member), value if isinstance(value, str) else json.dumps(value)]
    return argv


@pytest.mark.parametrize(("name", "text"), GETS, ids=[f"{n}-{t[-24:]}" for n, t in GETS])
def test_get_json_of_every_kind_is_the_record_asked_for(capsys, demo_env, demo_server,
                                                        isolated_home, name, text) -> None:
    kind = KINDS[name]
    ref = kind.parse(text)
    demo_server.clear_requests()
    data = engtui(capsys, demo_server.url, "get", text, "--kind", name, "--json")
    assert demo_server.received_operations() == [kind.get_operation]
    assert data[kind.id_member] == ref.record_id
    code, tree, _ = run_cli(capsys, "get", text, "--kind", name, "--endpoint-url",
                            demo_server.url, "--catalog", CATALOG)
    assert code == 0 and ref.record_id in tree and tree.count("\n") > 3  # the text tree
    if HAS_AWS_CLI:
        from engtui.api.model import SERVICES

        theirs = aws_cli_json(demo_server.url, isolated_home, *aws_arguments(
            kind.get_operation, kind.request(CATALOG, ref.identifier, ref.params)),
            service=SERVICES[kind.service])
        assert data == theirs


# the list screen's first state (the inbox shows PENDING invitations first; a bulk job's
# rows are one job's, `oracle.START`)
ASKED = {"invitations": ["--status", "PENDING"],
         "customer_accounts": ["--enrichment-status", "ACTION_REQUIRED"],
         "bulk_job_results": ["--job", "bulkjob-oppblk0000001", "--type", "opportunity"]}


@pytest.mark.parametrize("list_name", sorted(LISTS))
def test_list_of_every_list_is_what_the_aws_cli_pages_to(capsys, demo_env, demo_server,
                                                         isolated_home, list_name) -> None:
    from oracle import start

    from engtui.api.list_queries import TYPE_MEMBER

    spec = LISTS[list_name]
    # the list screen's first state (ASKED: the inbox shows PENDING invitations first, the
    # customer accounts ACTION_REQUIRED ones, a bulk job's rows start from the demo's job)
    asked = ASKED.get(list_name, [])
    items = engtui(capsys, demo_server.url, "list", spec.command, *asked)
    assert isinstance(items, list) and items, f"engtui list {spec.command} printed no item"
    query = spec.query(start(spec))
    code, lines, err = run_cli(capsys, "list", spec.command, *asked, "--ndjson", "--endpoint-url",
                               demo_server.url, "--catalog", CATALOG)
    assert code == 0, err
    assert [json.loads(line) for line in lines.splitlines()] == items  # NDJSON: the same
    if HAS_AWS_CLI:
        # several operations in one list (`ListQuery.parts`): each one's items, in its own
        # order, are the items engtui labelled with it (its one added member taken off)
        from engtui.api.model import SERVICES

        theirs: dict[str, list[Any]] = {}
        for label, part in query.parts or (("", query),):
            params = {k: v for k, v in part.params.items() if k != "MaxResults"}
            theirs.setdefault(label, []).extend(aws_cli_json(
                demo_server.url, isolated_home, *aws_arguments(part.operation, params),
                service=SERVICES[part.service])[part.result_key])
        mine: dict[str, list[Any]] = {}
        for item in items:
            label = item.pop(TYPE_MEMBER, "") if query.parts else ""
            mine.setdefault(label, []).append(item)
        assert mine == {label: found for label, found in theirs.items() if found}


@pytest.mark.parametrize("argv", [
    ["list", "invitations", "--status", "bogus"],
    ["list", "invitations", "--participant", "NOBODY"],
    ["list", "opportunities", "--stage", "Nope"],
    ["list", "groups", "--readiness", "Ready"],
    ["list", "engagements", "--context-type", "Leads"],
    ["list", "customer-accounts", "--enrichment-status", "bogus"],
    ["list", "opportunities", "--engagement-score", "Huge"],
    ["list", "opportunities", "--review-status", "Approved-ish"],
    ["list", "opportunities", "--country", "XX"],
    ["list", "opportunities", "--industry", "Tech"],
    ["list", "opportunities", "--sort", "Revenue"],
    ["list", "benefit-applications", "--application-status", "DONE"],
    ["list", "benefit-allocations", "--allocation-status", "SPENT"],
    ["list", "benefits", "--benefit-status", "RETIRED"],
], ids=["status", "participant", "stage", "readiness", "context-type", "enrichment-status",
        "engagement-score", "review-status", "country", "industry", "sort",
        "application-status", "allocation-status", "benefit-status"])
def test_a_value_outside_the_models_enum_is_refused_before_sending(capsys, demo_env,
                                                                   demo_server, argv) -> None:
    demo_server.clear_requests()
    code, out, err = run_cli(capsys, *argv, "--endpoint-url", demo_server.url)
    assert (code, out) == (2, "")
    last = err.strip().splitlines()[-1]  # one sentence that names the allowed values
    assert last.startswith("engtui") and ("use one of" in last or "choose from" in last)
    assert demo_server.received_operations() == []
