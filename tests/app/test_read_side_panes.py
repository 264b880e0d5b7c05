"""Where the read side's records meet (issue 22): an invitation's accept tasks say why an
accept failed; access denied on one pane names the IAM action it needs and leaves the rest
of the record usable; an opportunity's funding opens its benefit application, which opens
its allocation."""

from __future__ import annotations

import pytest
from reliability_support import screen_text
from support import look_up, make_app, plain, settle
from textual.widgets import Static

from engtui.demo.faults import FaultSpec
from engtui.screens.record import RecordScreen
from engtui.screens.record_keys import pane_names
from engtui.widgets.related_pane import LoadState, RelatedPane

PENDING = "engi-p3nd1ngaws001"  # two failed accepts (quota, throttling), one in progress


async def show(app, pilot, name: str) -> RelatedPane:
    screen = app.screen
    assert isinstance(screen, RecordScreen)
    await pilot.press(str(pane_names(screen.kind).index(name) + 1))
    await settle(app, pilot)
    return screen.query_one(f"#{name}", RelatedPane)


async def test_an_invitations_accept_tasks_say_why_the_accept_failed(demo_server) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await look_up(app, pilot, PENDING)
        pane = await show(app, pilot, "accept_tasks")
        assert pane.state is LoadState.LOADED and pane.table.row_count == 3
        text = screen_text(app)
        assert "ServiceQuotaExceeded" in text and "RequestThrottled" in text
        assert "FAILED" in text and "IN_PROGRESS" in text


async def test_access_denied_on_one_pane_names_the_action_and_leaves_the_record_usable(
        make_demo_server) -> None:
    server = make_demo_server(faults={})
    server.faults.set("ListEngagementByAcceptingInvitationTasks",
                      FaultSpec("AccessDeniedException"))
    app = make_app(server.url)
    async with app.run_test(size=(80, 24)) as pilot:
        await look_up(app, pilot, PENDING)
        pane = await show(app, pilot, "accept_tasks")
        assert pane.state is LoadState.FAILED
        status = plain(pane.query_one("#status-line", Static))
        assert "Access denied" in status
        assert "partnercentral:ListEngagementByAcceptingInvitationTasks" in status
        await pilot.press("1")  # the record itself is still there
        await settle(app, pilot)
        assert PENDING in screen_text(app)
        await pilot.press("o", "enter")  # and its link to the engagement still opens it
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, RecordScreen) and screen.record.id == "eng-p4r0s5p3c7r3s1"


async def test_an_opportunitys_funding_opens_its_application_and_its_allocation(
        demo_server) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=(80, 24)) as pilot:
        await look_up(app, pilot, "O6100001")
        pane = await show(app, pilot, "funding")
        text = screen_text(app)
        assert pane.table.row_count == 3
        assert "APPROVED" in text and "ACTION_REQUIRED" in text and "IN_REVIEW" in text
        pane.table.move_cursor(row=0)
        pane.table.focus()
        await pilot.press("enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, RecordScreen) and screen.record.id == "benappl-vqapilot000001"
        allocations = await show(app, pilot, "allocations")
        allocations.table.focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen.record.id == "benalloc-vqapilot000001"
        for _ in range(2):
            await pilot.press("escape")
            await settle(app, pilot)
        assert app.screen.record.id == "O6100001"


async def test_the_walk_from_a_failed_accept_to_the_opportunitys_funding_and_back(
        demo_server) -> None:
    """The issue's walk at 80x24, as keys: a failed accept task (the invitation's pane) → its
    engagement → its opportunity → the opportunity's funding → an application → back."""
    app = make_app(demo_server.url)
    async with app.run_test(size=(80, 24)) as pilot:
        await look_up(app, pilot, PENDING)
        await pilot.press("2")  # accept tasks: the reasons it failed
        await settle(app, pilot)
        assert "ServiceQuotaExceeded" in screen_text(app)
        await pilot.press("o", "enter")  # its engagement
        await settle(app, pilot)
        assert app.screen.record.id == "eng-p4r0s5p3c7r3s1"
        await pilot.press("3", "enter")  # Opportunities: the first row, O6100001
        await settle(app, pilot)
        assert app.screen.record.id == "O6100001"
        await pilot.press("5")  # Funding
        await settle(app, pilot)
        assert "APPROVED" in screen_text(app)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen.record.id == "benappl-vqapilot000001"
        for expected in ("O6100001", "eng-p4r0s5p3c7r3s1", PENDING):
            await pilot.press("escape")
            await settle(app, pilot)
            assert app.screen.record.id == expected


async def test_a_task_row_that_names_several_records_offers_a_chooser(demo_server) -> None:
    from textual.widgets import OptionList

    from engtui.screens.record_links import LinksDialog

    app = make_app(demo_server.url)
    async with app.run_test(size=(80, 24)) as pilot:
        await look_up(app, pilot, "O6100001")
        pane = await show(app, pilot, "tasks")  # newest first: the completed conversion
        pane.table.move_cursor(row=0)
        pane.table.focus()
        await pilot.press("enter")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, LinksDialog)
        options = dialog.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert labels == ["Engagement eng-p4r0s5p3c7r3s1", "Snapshot job job-cndr6100001st"]
        options.highlighted = 1
        await pilot.press("enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, RecordScreen) and screen.record.id == "job-cndr6100001st"
        assert "Stopped" in screen_text(app)
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen.record.id == "O6100001"


async def test_a_snapshots_jobs_pane_lists_its_engagements_jobs_and_opens_one(
        demo_server) -> None:
    """A job summary names no resource, so a snapshot's Jobs pane is its engagement's jobs
    (asked by the engagement the snapshot names); Enter opens the job."""
    from engtui.demo.examples import EXAMPLES

    app = make_app(demo_server.url)
    async with app.run_test(size=(80, 24)) as pilot:
        await look_up(app, pilot, EXAMPLES["snapshot"][0])
        demo_server.clear_requests()
        pane = await show(app, pilot, "jobs")
        assert pane.state is LoadState.LOADED
        (request,) = [r.params for r in demo_server.requests
                      if r.operation == "ListResourceSnapshotJobs"]
        assert request["EngagementIdentifier"] == "eng-p4r0s5p3c7r3s1"
        text = screen_text(app)
        assert "3 Engagement's jobs (1)" in text
        assert "job-cndr6100001st" in text and "Stopped" in text
        pane.table.move_cursor(row=0)
        pane.table.focus()
        await pilot.press("enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, RecordScreen) and screen.kind.name == "snapshot_job"
        assert screen.record.data["EngagementId"] == "eng-p4r0s5p3c7r3s1"


@pytest.mark.parametrize(("identifier", "arn", "tag"), [
    ("job-nwrun4820113a", "resource-snapshot-job/job-nwrun4820113a", "co-sell-ops"),
    ("bulkjob-cstacc0000001", "customer-account-bulk-job/bulkjob-cstacc0000001", "crm-export"),
], ids=["snapshot-job", "bulk-job"])
async def test_snapshot_jobs_and_bulk_jobs_show_their_tags(demo_server, identifier, arn,
                                                           tag) -> None:
    """``ListTagsForResource`` answers for snapshot-job and bulk-job ARNs: a pane of each."""
    app = make_app(demo_server.url)
    async with app.run_test(size=(80, 24)) as pilot:
        await look_up(app, pilot, identifier)
        demo_server.clear_requests()
        pane = await show(app, pilot, "tags")
        assert pane.state is LoadState.LOADED and pane.table.row_count == 1
        (request,) = [r.params for r in demo_server.requests
                      if r.operation == "ListTagsForResource"]
        assert request["ResourceArn"].endswith(f":catalog/Sandbox/{arn}")
        assert tag in screen_text(app)
