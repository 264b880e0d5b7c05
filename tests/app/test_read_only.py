"""engtui is read-only, provably: every screen and command is driven against the demo
endpoint, which records the operation of every request it receives; only ``Get*``,
``List*`` and ``Search*`` may be among them."""

from __future__ import annotations

import pytest
from support import DEMO_KEY_ID, DEMO_SECRET, look_up, make_app, settle
from test_cli import run_cli
from test_cosell_walk import choose_link, select_field, select_row, shown

from engtui.app import EngtuiApp
from engtui.screens.lookup import LookupScreen

READ = ("Get", "List", "Search")


def assert_read_only(operations: list[str]) -> None:
    writes = sorted({op for op in operations if not op.startswith(READ)})
    assert writes == [], f"engtui called operations that are not reads: {writes}"


async def back_to_lookup(app: EngtuiApp, pilot) -> None:
    while not isinstance(app.screen, LookupScreen):
        await pilot.press("escape")
        await pilot.pause()


async def every_pane(app: EngtuiApp, pilot) -> None:
    for key in "123456789"[: len(app.screen.kind.related) + 1]:
        await pilot.press(key)
        await settle(app, pilot)
    await pilot.press("r")  # refresh
    await settle(app, pilot)


# The screens, walked from the lookup screen in separate parts (each its own app and demo
# endpoint, so that pytest-xdist spreads them over the cores: as one walk it was the
# suite's longest test), with the operations each part must reach.
async def walk_the_inbox(app: EngtuiApp, pilot) -> None:
    """The inbox, received and sent, every status; an invitation, its engagement, an
    opportunity and its AWS summary, with every pane of each."""
    await pilot.press("f3")
    await settle(app, pilot)
    for key in ("f", "f", "f", "f", "p", "f"):
        await pilot.press(key)
        await settle(app, pilot)
    await back_to_lookup(app, pilot)
    await pilot.press("f3")
    await settle(app, pilot)
    await select_row(app, pilot, "engi-p3nd1ngaws001")
    await every_pane(app, pilot)
    await select_field(app, pilot, "EngagementId")
    await every_pane(app, pilot)
    await pilot.press("3", "enter")
    await settle(app, pilot)
    assert shown(app) == "opportunity O6100001"
    await every_pane(app, pilot)
    await choose_link(app, pilot, "AWS opportunity summary")
    await pilot.press("r")
    await settle(app, pilot)


async def walk_a_customer_account(app: EngtuiApp, pilot) -> None:
    """An engagement with a customer account context, and that account."""
    await look_up(app, pilot, "eng-c5t0m3r4c2t9a8")
    await every_pane(app, pilot)
    await choose_link(app, pilot, "customer account")
    assert shown(app).startswith("customer_account ")


async def walk_a_timeline(app: EngtuiApp, pilot) -> None:
    """An engagement's timeline (every source it reads), and a record it opens."""
    await look_up(app, pilot, "eng-a1b2c3d4e5f6g7")
    await pilot.press("t")
    await settle(app, pilot)
    await pilot.press("enter")
    await settle(app, pilot)


async def walk_a_snapshot(app: EngtuiApp, pilot) -> None:
    """A snapshot by its ARN, its revisions."""
    await look_up(app, pilot, "arn:aws:partnercentral:us-east-1:111122223333:catalog/"
                  "Sandbox/engagement/eng-p4r0s5p3c7r3s1/resource-snapshot/O6100001/"
                  "OpportunitySummary/3")
    assert shown(app) == "snapshot O6100001 rev 3"
    await every_pane(app, pilot)


async def walk_the_engagements_and_groups(app: EngtuiApp, pilot) -> None:
    """The engagements list, sorted the other way, then searched for a keyword; the
    engagement groups, a group's engagements (a search), one of them."""
    await pilot.press("ctrl+l")
    await settle(app, pilot)
    await pilot.press("s")
    await settle(app, pilot)
    await pilot.press("ctrl+f", *"lead", "enter")
    await settle(app, pilot)
    await back_to_lookup(app, pilot)
    await pilot.press("f4")
    await settle(app, pilot)
    await pilot.press("s")
    await settle(app, pilot)
    await pilot.press("enter")
    await settle(app, pilot)
    await pilot.press("enter")
    await settle(app, pilot)
    await every_pane(app, pilot)


async def walk_the_opportunities(app: EngtuiApp, pilot) -> None:
    """The catalog's opportunities, one of them and its panes (its solutions)."""
    await pilot.press("f6")
    await settle(app, pilot)
    await pilot.press("s")
    await settle(app, pilot)
    await select_row(app, pilot, "O6100002")
    await every_pane(app, pilot)


async def walk_the_pictures(app: EngtuiApp, pilot) -> None:
    """The pipeline's bars (a stage's list), the customer accounts and their statistics."""
    for list_key in ("f6", "f8"):
        await pilot.press(list_key)
        await settle(app, pilot)
        for key in ("f", "g", "enter", "r"):
            await pilot.press(key)
            await settle(app, pilot)
        await back_to_lookup(app, pilot)


WALKS = {
    walk_the_inbox: {
        "ListEngagementInvitations", "GetEngagementInvitation", "GetEngagement",
        "ListEngagementMembers", "ListEngagementResourceAssociations", "GetOpportunity",
        "GetAwsOpportunitySummary", "ListOpportunityFromEngagementTasks",
        "ListEngagementFromOpportunityTasks", "ListEngagementByAcceptingInvitationTasks",
        "ListResourceSnapshotJobs"},
    walk_a_customer_account: {"GetCustomerAccount"},
    walk_a_timeline: {"ListResourceSnapshots", "GetResourceSnapshotJob"},
    walk_a_snapshot: {"GetResourceSnapshot"},
    walk_the_engagements_and_groups: {
        "ListEngagements", "SearchEngagements", "ListEngagementGroups"},
    walk_the_opportunities: {"SearchOpportunities", "ListSolutions"},
    walk_the_pictures: {"SearchCustomerAccounts", "GetCustomerAccountStatistics"},
}
# Every operation the screens read, each reached by at least one part of the walk.
EVERY_READ = {
    "ListEngagementInvitations", "GetEngagementInvitation", "GetEngagement",
    "ListEngagementMembers", "ListEngagementResourceAssociations", "ListResourceSnapshots",
    "GetOpportunity", "GetAwsOpportunitySummary", "GetCustomerAccount", "GetResourceSnapshot",
    "ListEngagements", "SearchEngagements", "ListEngagementGroups", "SearchOpportunities",
    "ListSolutions", "SearchCustomerAccounts", "GetCustomerAccountStatistics",
    "ListOpportunityFromEngagementTasks", "ListEngagementFromOpportunityTasks",
    "ListEngagementByAcceptingInvitationTasks", "ListResourceSnapshotJobs",
    "GetResourceSnapshotJob"}


@pytest.mark.parametrize("walk", WALKS, ids=lambda walk: walk.__name__.removeprefix("walk_"))
async def test_every_screen_only_reads(make_demo_server, walk) -> None:
    server = make_demo_server()
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await walk(app, pilot)
        await back_to_lookup(app, pilot)
    operations = server.received_operations()
    assert_read_only(operations)
    assert WALKS[walk] <= set(operations)


def test_the_walk_reaches_every_read() -> None:
    """Together, the parts of the walk reach every operation the screens read."""
    assert set().union(*WALKS.values()) == EVERY_READ


@pytest.mark.parametrize("argv", [
    ["get", "eng-a11c0n7e8x7s5t"], ["get", "engi-p3nd1ngaws001", "--json"],
    ["get", "O6100001"], ["get", "O6100001", "--kind", "aws_summary"],
    ["get", "cust-acc-qrryfds000001"],
    ["list", "engagements"], ["list", "engagements", "--search", "lead", "--group",
                              "eng-grp-salesready0001", "--sort", "Title"],
    ["list", "invitations", "--participant", "SENDER"], ["list", "opportunities", "--ndjson"],
    ["list", "groups"],
    ["list", "invitations", "--query", "[].Id", "--output", "csv"],
    ["list", "opportunities", "--output", "table"],
    ["list", "customer-accounts", "--enrichment-status", "enriched"],
    ["get", "O6100001", "eng-a11c0n7e8x7s5t", "--query", "Id", "--output", "table"],
    ["timeline", "eng-a1b2c3d4e5f6g7"], ["timeline", "eng-p4r0s5p3c7r3s1", "--json"],
    ["diff", "eng-a1b2c3d4e5f6g7", "eng-p4r0s5p3c7r3s1", "--json"],
    ["diff", "arn:aws:partnercentral:us-east-1:111122223333:catalog/Sandbox/engagement/"
             "eng-p4r0s5p3c7r3s1/resource-snapshot/O6100001/OpportunitySummary/3"],
    ["list", "tasks"], ["list", "snapshot-jobs"], ["list", "bulk-jobs"],
    ["list", "benefit-applications"],
])
def test_every_command_only_reads(capsys, monkeypatch, make_demo_server, argv) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", DEMO_KEY_ID)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", DEMO_SECRET)
    server = make_demo_server()
    code, _, err = run_cli(capsys, *argv, "--endpoint-url", server.url, "--catalog", "Sandbox")
    assert code == 0, err
    assert server.received_operations()
    assert_read_only(server.received_operations())


def test_the_check_catches_a_write() -> None:
    """The assertion above can fail: a write among reads is named."""
    with pytest.raises(AssertionError, match="AcceptEngagementInvitation"):
        assert_read_only(["GetEngagement", "AcceptEngagementInvitation"])
