"""The demo endpoint evolves (issue 23, part 3): a step adds a pending invitation and a task
(every other one failed), served over HTTP to a real boto3 client; ``--evolve SECONDS`` on
``engtui demo-server`` and with ``engtui --demo``. Steps are taken directly: no test waits."""

from __future__ import annotations

import pytest
from demo_support import endpoint_fixtures

from engtui.cli import build_parser, demo_server

session, server, client = endpoint_fixtures()


def pending(client) -> list[str]:
    reply = client.list_engagement_invitations(Catalog="Sandbox", ParticipantType="RECEIVER",
                                               Status=["PENDING"])
    return [item["Id"] for item in reply["EngagementInvitationSummaries"]]


def test_a_step_adds_an_invitation_and_a_task_over_http(server, client) -> None:
    before = pending(client)
    first, first_task = server.evolve_step()
    second, second_task = server.evolve_step()
    assert pending(client) == [second, first, *before]  # newest first
    invitation = client.get_engagement_invitation(Catalog="Sandbox", Identifier=second)
    assert invitation["Status"] == "PENDING" and invitation["Id"] == second
    tasks = client.list_engagement_by_accepting_invitation_tasks(Catalog="Sandbox")
    by_id = {task["TaskId"]: task for task in tasks["TaskSummaries"]}
    assert by_id[first_task]["TaskStatus"] == "IN_PROGRESS"
    assert by_id[second_task]["TaskStatus"] == "FAILED"
    assert by_id[second_task]["ReasonCode"] == "InvitationValidationFailed"
    assert by_id[second_task]["EngagementInvitationId"] == second


def test_every_third_invitation_expires_within_a_day(server, client) -> None:
    ids = [server.evolve_step()[0] for _ in range(3)]
    reply = client.get_engagement_invitation(Catalog="Sandbox", Identifier=ids[2])
    left = reply["ExpirationDate"] - reply["InvitationDate"]
    assert 0 < left.total_seconds() <= 24 * 3600


@pytest.mark.parametrize("argv", [["--demo", "--evolve", "5"], ["--evolve", "5", "--demo"]])
def test_the_global_evolve_option_evolves_the_built_in_endpoint(argv) -> None:
    args = build_parser(argv).parse_args(argv)
    assert demo_server(args).evolution.every == 5


def test_demo_server_takes_evolve_and_refuses_zero(capsys) -> None:
    import argparse

    from engtui.demo.command import add_arguments

    parser = argparse.ArgumentParser()
    add_arguments(parser)
    assert parser.parse_args(["--evolve", "2.5"]).evolve == 2.5
    with pytest.raises(SystemExit):
        parser.parse_args(["--evolve", "0"])
    assert "not a positive number of seconds" in capsys.readouterr().err


def test_evolve_without_demo_is_refused(capsys) -> None:
    from test_cli import run_cli

    code, out, err = run_cli(capsys, "--evolve", "5", "list", "invitations")
    assert (code, out) == (2, "")
    assert "--evolve evolves the built-in demo endpoint: add --demo" in err
