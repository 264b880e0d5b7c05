"""``engtui list``: every page as one JSON array or NDJSON, the engagement search, the
exit codes of ``get``; through the real wire, with small pages so paging is exercised."""

from __future__ import annotations

import json

import pytest
from test_cli import run_cli
from test_cli_kinds import demo_env  # noqa: F401 - a fixture, used by name

from engtui.api.kinds import LIST_NAMES
from engtui.api.list_queries import engagements_query
from engtui.commands.lists import LIST_OPTIONS


def listed(capsys, server, *args: str) -> tuple[int, str, str]:
    return run_cli(capsys, "list", *args, "--endpoint-url", server.url, "--catalog", "Sandbox")


@pytest.fixture
def small_pages(monkeypatch):
    """Pages of 2 (the service default is the model's largest)."""
    import engtui.api.service as service

    original = service.SellingService.list_pages

    def paged(self, operation, result_key, catalog, params, **kwargs):
        return original(self, operation, result_key, catalog, {**params, "MaxResults": 2},
                        **kwargs)

    monkeypatch.setattr(service.SellingService, "list_pages", paged)


def test_invitations_as_one_array_of_every_page(capsys, demo_env, demo_server,  # noqa: F811
                                                small_pages) -> None:
    demo_server.clear_requests()
    code, out, err = listed(capsys, demo_server, "invitations", "--json")
    assert code == 0, err
    items = json.loads(out)
    assert {item["Id"] for item in items} >= {"engi-p3nd1ngaws001", "engi-acc3pt3daws04"}
    assert all(item["ParticipantType"] == "RECEIVER" for item in items)
    assert len(demo_server.received_operations()) == (len(items) + 1) // 2  # pages of 2
    dates = [item["InvitationDate"] for item in items]
    assert dates == sorted(dates, reverse=True)  # newest first


def test_ndjson_is_one_object_a_line(capsys, demo_env, demo_server, small_pages) -> None:  # noqa: F811
    code, out, _ = listed(capsys, demo_server, "invitations", "--participant", "SENDER",
                          "--status", "PENDING", "--ndjson")
    lines = out.splitlines()
    assert code == 0 and [json.loads(line)["Id"] for line in lines] == ["engi-s3ntp3nd1n008"]


def test_engagement_search_uses_search_engagements(capsys, demo_env, demo_server) -> None:  # noqa: F811
    demo_server.clear_requests()
    code, out, _ = listed(capsys, demo_server, "engagements", "--search", "cinder")
    assert code == 0
    assert [item["Id"] for item in json.loads(out)] == ["eng-p4r0s5p3c7r3s1"]
    assert demo_server.received_operations() == ["SearchEngagements"]


def test_engagements_without_search_use_list_engagements(capsys, demo_env, demo_server,  # noqa: F811
                                                          ) -> None:
    demo_server.clear_requests()
    code, out, _ = listed(capsys, demo_server, "engagements", "--context-type", "Lead")
    assert code == 0 and json.loads(out)
    assert set(demo_server.received_operations()) == {"ListEngagements"}


def test_groups_and_opportunities(capsys, demo_env, demo_server) -> None:  # noqa: F811
    code, out, _ = listed(capsys, demo_server, "groups", "--ndjson")
    assert code == 0 and len(out.splitlines()) == 3
    code, out, _ = listed(capsys, demo_server, "opportunities")
    assert code == 0 and "O6100001" in {item["Id"] for item in json.loads(out)}


def test_a_bad_sort_key_is_refused_without_a_request(capsys, demo_server) -> None:
    demo_server.clear_requests()
    code, out, err = listed(capsys, demo_server, "engagements", "--sort", "Nope")
    assert (code, out) == (2, "") and "not a sort key" in err
    assert demo_server.received_operations() == []


def test_a_failing_first_page_writes_nothing_on_stdout(capsys, demo_env,  # noqa: F811
                                                        make_demo_server) -> None:
    server = make_demo_server({"faults": {"ListEngagementInvitations":
                                          "AccessDeniedException"}})
    code, out, err = listed(capsys, server, "invitations")
    assert (code, out) == (4, "") and err.startswith("engtui: error: ")


def test_an_unreachable_endpoint_writes_nothing_on_stdout(capsys, demo_env) -> None:  # noqa: F811
    import socket

    with socket.socket() as spare:  # a port nothing listens on
        spare.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{spare.getsockname()[1]}"
    code, out, err = run_cli(capsys, "list", "groups", "--json", "--endpoint-url", url,
                             "--catalog", "Sandbox", "--max-attempts", "1")
    assert (code, out) == (8, "") and "Could not reach" in err


def repeating_pages(make_demo_server):
    """Page 1 arrives, page 2 fails: the same NextToken twice (exit 10)."""
    return make_demo_server(faults={"ListEngagementInvitations":
                                    {"kind": "endless", "repeat": True}})


def test_a_list_failing_mid_stream_is_an_unterminated_array(capsys, demo_env,  # noqa: F811
                                                            make_demo_server,
                                                            small_pages) -> None:
    code, out, err = listed(capsys, repeating_pages(make_demo_server), "invitations")
    assert code == 10 and "same NextToken twice" in err
    assert out.startswith("[\n{") and not out.rstrip().endswith("]")
    with pytest.raises(json.JSONDecodeError):  # a reader that ignores the exit code fails
        json.loads(out)


def test_ndjson_lines_stay_whole_when_a_list_fails(capsys, demo_env,  # noqa: F811
                                                   make_demo_server, small_pages) -> None:
    code, out, _ = listed(capsys, repeating_pages(make_demo_server), "invitations",
                          "--ndjson")
    assert code == 10 and out.endswith("\n")
    assert len([json.loads(line) for line in out.splitlines()]) == 2  # page 1, whole


def test_max_items_stops_an_endless_list_with_a_complete_array(capsys, demo_env,  # noqa: F811
                                                              make_demo_server,
                                                              small_pages) -> None:
    server = make_demo_server(faults={"ListEngagementInvitations": "endless"})
    code, out, err = listed(capsys, server, "invitations", "--max-items", "5")
    assert code == 0 and len(json.loads(out)) == 5
    assert err == "engtui: stopped at --max-items 5; the list has more.\n"
    code, out, err = listed(capsys, server, "invitations", "--ndjson", "--max-items", "3")
    assert code == 0 and len([json.loads(line) for line in out.splitlines()]) == 3
    assert "--max-items 3" in err


def test_max_items_above_the_list_says_nothing_more(capsys, demo_env, demo_server,  # noqa: F811
                                                    small_pages) -> None:
    code, out, err = listed(capsys, demo_server, "groups", "--max-items", "1000")
    assert code == 0 and len(json.loads(out)) == 3 and err == ""
    code, out, err = listed(capsys, demo_server, "groups", "--max-items", "0")
    assert code == 2 and out == "" and "at least 1" in err


def test_a_next_token_over_the_model_s_maximum_is_a_malformed_reply(capsys, demo_env,  # noqa: F811
                                                                    make_demo_server) -> None:
    from engtui.api.paging import next_token_limit

    limit = next_token_limit("ListEngagementGroups")  # from the model: 2,048
    server = make_demo_server(faults={"ListEngagementGroups":
                                      {"kind": "endless", "token_size": limit + 1}})
    code, out, err = listed(capsys, server, "groups")
    assert (code, out) == (10, "")
    assert f"NextToken of {limit + 1:,} characters" in err and f"at most {limit:,}" in err
    fine = make_demo_server(faults={"ListEngagementGroups":
                                    {"kind": "endless", "token_size": limit}})
    code, out, err = listed(capsys, fine, "groups", "--max-items", "7")
    assert code == 0 and len(json.loads(out)) == 7


def test_search_sort_keys_come_from_the_model() -> None:
    assert engagements_query(sort="title").params["Sort"]["SortBy"] == "Title"


def test_help_lists_the_list_command(capsys) -> None:
    code, out, _ = run_cli(capsys, "--help")
    assert code == 0 and "  list " in out


def _given(option) -> list[str]:
    """The option on a command line, with a value it accepts."""
    if option.extra.get("action") == "store_const":
        return [option.flag]
    return [option.flag, (option.extra.get("choices") or ("x",))[0]]


@pytest.mark.parametrize(("what", "option"), [
    pytest.param(what, option, id=f"{what}{option.flag}")
    for option in LIST_OPTIONS for what in LIST_NAMES
    if what not in option.lists
])
def test_an_option_of_another_list_is_refused(capsys, demo_env, demo_server,  # noqa: F811
                                              what, option) -> None:
    """`engtui list engagements --stage Prospect` used to list every engagement, the stage
    silently ignored: an option is refused on a list it does not apply to, before sending."""
    demo_server.clear_requests()
    code, out, err = listed(capsys, demo_server, what, *_given(option))
    owners = " and ".join(option.lists)
    lists = "lists" if len(option.lists) > 1 else "list"
    assert code == 2 and out == ""
    assert err == (f"engtui: error: {option.flag} applies to the {owners} {lists}, "
                   f"not {what}\n")
    assert demo_server.received_operations() == []


def test_the_stage_on_engagements_is_refused(capsys, demo_env, demo_server) -> None:  # noqa: F811
    code, _, err = listed(capsys, demo_server, "engagements", "--stage", "Prospect")
    assert code == 2
    assert err == "engtui: error: --stage applies to the opportunities list, not engagements\n"


def test_groups_take_ascending(capsys, demo_env, demo_server) -> None:  # noqa: F811
    """`--ascending` was ignored on groups: it sorts them by UpdatedAt, oldest first."""
    code, out, err = listed(capsys, demo_server, "groups", "--ascending")
    assert code == 0, err
    dates = [item["UpdatedAt"] for item in json.loads(out)]
    assert len(dates) > 1 and dates == sorted(dates)


def test_a_value_of_the_models_enum_is_taken_whatever_its_case(capsys, demo_env,  # noqa: F811
                                                             demo_server) -> None:
    """The flags' values are the model's enums (`ListFlag.enum`), case forgiven for every one:
    ``--participant sender`` was refused (its choices were copied by hand, case and all)."""
    demo_server.clear_requests()
    code, out, err = listed(capsys, demo_server, "invitations", "--participant", "sender",
                            "--status", "pending", "--ndjson")
    assert code == 0, err
    assert [json.loads(line)["Id"] for line in out.splitlines()] == ["engi-s3ntp3nd1n008"]
    sent = [r.params for r in demo_server.requests]
    assert sent[0]["ParticipantType"] == "SENDER" and sent[0]["Status"] == ["PENDING"]


def test_the_help_lists_the_models_values(capsys) -> None:
    code, out, _ = run_cli(capsys, "list", "invitations", "--help")
    words = " ".join(out.split())
    assert code == 0
    # --status of several lists: each list's words, then the values of its own model's enum
    words = words.replace("- ", "-")  # argparse wraps after a hyphen: bulk-job- results
    assert ("invitations: invitation status (repeatable), one of ACCEPTED, PENDING, "
            "REJECTED, EXPIRED; tasks: task status (repeatable), one of IN_PROGRESS, "
            "COMPLETE, FAILED; snapshot-jobs: snapshot job status, one of Running, Stopped; "
            "bulk-jobs: bulk job status, one of SUBMITTED, IN_PROGRESS, COMPLETED, FAILED; "
            "bulk-job-results: row status, one of SUCCEEDED, FAILED") in words


@pytest.mark.parametrize("value", ["Running", "bogus"])
def test_a_status_of_another_list_is_refused_with_the_lists_own_values(
        capsys, demo_env, demo_server, value) -> None:  # noqa: F811
    """``--status`` took any list's value (and refused a wrong one with all of them): a
    snapshot job's ``Running`` for tasks is refused naming the tasks' own values only."""
    demo_server.clear_requests()
    code, out, err = listed(capsys, demo_server, "tasks", "--status", value)
    assert (code, out) == (2, "")
    assert err == (f"engtui: error: “{value}” is not a task status; use one of: "
                   "IN_PROGRESS, COMPLETE, FAILED.\n")
    assert demo_server.received_operations() == []
    code, out, err = listed(capsys, demo_server, "snapshot-jobs", "--status", "running")
    assert code == 0, err  # the list's own value, case forgiven
    assert [r.params["Status"] for r in demo_server.requests] == ["Running"]
