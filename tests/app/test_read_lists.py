"""The tasks, snapshot-jobs, bulk-jobs and bulk-job-results lists at 100x30 and 80x24,
through the real wire: rows drawn, FAILED rows marked by a character (not only a colour),
the reason in words, what Enter opens (a chooser when a task names several records), and
what the switches send."""

from __future__ import annotations

import pytest
from support import make_app, settle
from test_cosell_walk import select_row, shown
from test_engagement_list import summary_text, table_lines

from engtui.screens.record_links import LinksDialog
from engtui.screens.record_list import ListScreen

SIZES = [(100, 30), (80, 24)]
SIZE_IDS = ["100x30", "80x24"]


def calls(server, operation: str) -> list[dict]:
    return [r.params for r in server.requests if r.operation == operation]


async def open_by_key(app, pilot, key: str, name: str, server=None) -> ListScreen:
    await settle(app, pilot)
    if server is not None:
        server.clear_requests()
    await pilot.press(key)
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, ListScreen) and screen.spec.name == name
    while screen.fetching:  # every page (the parts are merged as they arrive)
        await settle(app, pilot)
    return screen


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
async def test_tasks_list_every_type_newest_first_failed_marked(demo_server, size) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=size) as pilot:
        screen = await open_by_key(app, pilot, "f7", "tasks", demo_server)
        ids = screen.table.shown_ids()
        assert len(ids) == 18  # the demo's tasks of every type, in one view
        assert ids[0] == "task-p3nd1ngaw0013" and "task-prsp0000000001" in ids
        for operation in ("ListEngagementByAcceptingInvitationTasks",
                          "ListEngagementFromOpportunityTasks",
                          "ListOpportunityFromEngagementTasks",
                          "ListProspectingFromEngagementTasks"):
            (request,) = calls(demo_server, operation)
            assert request["Sort"] == {"SortBy": "StartTime", "SortOrder": "DESCENDING"}
        text = "\n".join(table_lines(screen.table))
        assert "! FAILED" in text  # a marker character: seen in monochrome too
        assert "throttled: too many" in text  # RequestThrottled, in words
        assert "accept" in text and "prospecting" in text  # the type column
        assert "4 task lists" in summary_text(screen)


async def test_tasks_filters_send_the_status_and_show_only_matching_rows(demo_server) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_by_key(app, pilot, "f7", "tasks")
        demo_server.clear_requests()
        await pilot.press("f")  # status: FAILED
        await settle(app, pilot)
        assert "FAILED" in summary_text(screen)
        assert "prospecting tasks have no status" in summary_text(screen)
        assert calls(demo_server, "ListProspectingFromEngagementTasks") == []
        assert calls(demo_server, "ListEngagementFromOpportunityTasks")[0]["TaskStatus"] == [
            "FAILED"]
        statuses = [row[0] for row in screen.table.shown_rows()]
        assert statuses and set(statuses) == {"! FAILED"}
        await pilot.press("t")  # type: accept only
        await settle(app, pilot)
        assert set(screen.table.shown_ids()) == {
            "task-p3nd1ngaw0012", "task-p3nd1ngaw0011", "task-3xp1r3daw0061",
            "task-acc3ptkl00071"}


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
async def test_enter_on_a_task_opens_what_it_names_or_offers_a_chooser(demo_server,
                                                                       size) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=size) as pilot:
        screen = await open_by_key(app, pilot, "f7", "tasks")
        await select_row(app, pilot, "task-p3nd1ngaw0012")  # names its invitation only
        assert shown(app) == "invitation engi-p3nd1ngaws001"
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is screen
        # an accept task that made an opportunity: opportunity, invitation, snapshot job
        await select_row(app, pilot, "task-acc3ptnw00004")
        dialog = app.screen
        assert isinstance(dialog, LinksDialog)
        assert dialog._labels == ["Opportunity O4820113", "Invitation engi-acc3pt3daws04",
                                  "Snapshot job job-nwrun4820113a"]
        await pilot.press("down", "down", "enter")
        await settle(app, pilot)
        assert shown(app) == "snapshot_job job-nwrun4820113a"
        await pilot.press("escape")
        await settle(app, pilot)
        await select_row(app, pilot, "task-prsp0000000001")  # a prospecting task: itself
        assert shown(app) == "prospecting_task task-prsp0000000001"


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
async def test_snapshot_jobs_list_opens_the_job(demo_server, size) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=size) as pilot:
        screen = await open_by_key(app, pilot, "f5", "snapshot_jobs")
        assert screen.table.shown_ids() == ["job-keel6100003rn", "job-nwrun4820113a",
                                            "job-cndr6100001st"]
        assert "Stopped" in "\n".join(table_lines(screen.table))
        await pilot.press("f")  # Running only
        await settle(app, pilot)
        assert calls(demo_server, "ListResourceSnapshotJobs")[-1]["Status"] == "Running"
        assert "job-cndr6100001st" not in screen.table.shown_ids()
        await select_row(app, pilot, "job-nwrun4820113a")
        assert shown(app) == "snapshot_job job-nwrun4820113a"


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
async def test_bulk_jobs_of_both_kinds_and_a_jobs_rows_failed_first(demo_server, size) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=size) as pilot:
        screen = await open_by_key(app, pilot, "f10", "bulk_jobs", demo_server)
        assert screen.table.shown_ids() == [
            "bulkjob-oppblk0000002", "bulkjob-cstacc0000002", "bulkjob-oppblk0000001",
            "bulkjob-cstacc0000001", "bulkjob-cstacc0000003"]
        text = "\n".join(table_lines(screen.table))
        assert "! FAILED" in text and "customer-acc" in text and "opportunity" in text
        await select_row(app, pilot, "bulkjob-cstacc0000001")  # has a Get: the record
        assert shown(app) == "customer_account_bulk_job bulkjob-cstacc0000001"
        await pilot.press("escape")
        await settle(app, pilot)
        await select_row(app, pilot, "bulkjob-oppblk0000001")  # no Get: its rows
        rows = app.screen
        assert isinstance(rows, ListScreen) and rows.spec.name == "bulk_job_results"
        while rows.fetching:
            await settle(app, pilot)
        assert rows.table.shown_ids() == ["row-2", "row-1", "row-3", "row-4"]  # failed first
        first = table_lines(rows.table)[1]
        assert "! FAILED" in first and "INVALID_STAGE" in first
        assert [r["Status"] for r in calls(demo_server, "ListOpportunityBulkJobResults")] == [
            "FAILED", "SUCCEEDED"]
        await select_row(app, pilot, "row-2")  # the opportunity the row names
        assert shown(app) == "opportunity O6100002"
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is rows


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
async def test_u_shows_a_bulk_jobs_report_url_with_its_expiry_and_copies_it(demo_server,
                                                                           size) -> None:
    from textual.widgets import Static

    from engtui.screens.report_url import ReportUrlDialog

    app = make_app(demo_server.url)
    async with app.run_test(size=size) as pilot:
        screen = await open_by_key(app, pilot, "f10", "bulk_jobs")
        screen.table.move_cursor(screen.table.shown_ids().index("bulkjob-oppblk0000001"))
        demo_server.clear_requests()
        await pilot.press("u")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, ReportUrlDialog)
        (request,) = [r.params for r in demo_server.requests
                      if r.operation == "GetOpportunityBulkJobReportUrl"]
        assert request["JobId"] == "bulkjob-oppblk0000001"
        assert (request["ReportType"], request["ReportFormat"]) == ("FAILED_RECORDS", "CSV")
        url = str(dialog.query_one("#report-url", Static).render())
        assert url.startswith("https://partnercentral-bulk-reports.example.test/")
        assert app.clipboard == url  # copied, never downloaded
        expiry = str(dialog.query_one("#report-expiry", Static).render())
        assert "expires" in expiry and "minutes" in expiry and "never downloads" in expiry
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is screen
        # a submitted job's report is not ready: said, nothing copied
        screen.table.move_cursor(screen.table.shown_ids().index("bulkjob-oppblk0000002"))
        app.copy_to_clipboard("")
        await pilot.press("u")
        await settle(app, pilot)
        assert isinstance(app.screen, ReportUrlDialog)
        assert "Not ready" in str(app.screen.query_one("#report-url", Static).render())
        assert app.clipboard == ""


async def test_a_jobs_rows_opened_without_a_job_say_where_they_come_from(demo_server) -> None:
    """``:bulk_job_results`` alone names no job: the list says which to give, sends nothing
    (it was called a malformed reply: the refusal is a ValueError)."""
    from support import status_text

    app = make_app(demo_server.url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        demo_server.clear_requests()
        await pilot.press("colon", *"bulk_job_results", "enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ListScreen) and screen.spec.name == "bulk_job_results"
        said = status_text(screen)
        assert "Invalid input" in said and "Which bulk job?" in said
        assert "malformed" not in said.lower()
        assert demo_server.received_operations() == []


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
async def test_u_on_a_bulk_jobs_record_shows_its_report_url_and_only_there(demo_server,
                                                                           size) -> None:
    """``u`` on a customer-account bulk job's record screen: the URL shown and copied, with
    its expiry, never downloaded; the key bar names ``u`` on that kind and no other."""
    from support import look_up, plain
    from textual.widgets import Static

    from engtui.screens.record import RecordScreen
    from engtui.screens.report_url import ReportUrlDialog
    from engtui.widgets.key_bar import KeyBar

    app = make_app(demo_server.url)
    async with app.run_test(size=size) as pilot:
        await look_up(app, pilot, "O6100001")
        assert "u Report" not in plain(app.screen.query_one(KeyBar))
        await pilot.press("escape")
        await settle(app, pilot)
        await look_up(app, pilot, "bulkjob-cstacc0000001")
        record = app.screen
        assert isinstance(record, RecordScreen) and record.record.id == "bulkjob-cstacc0000001"
        assert "u Report" in plain(record.query_one(KeyBar))
        demo_server.clear_requests()
        await pilot.press("u")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, ReportUrlDialog)
        assert [r.operation for r in demo_server.requests] == [
            "GetCustomerAccountBulkJobReportUrl"]
        assert demo_server.requests[0].params["Identifier"] == "bulkjob-cstacc0000001"
        url = str(dialog.query_one("#report-url", Static).render())
        assert url.startswith("https://") and app.clipboard == url
        expiry = str(dialog.query_one("#report-expiry", Static).render())
        assert "expires" in expiry and "minutes" in expiry and "never downloads" in expiry
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is record


def test_a_list_declares_a_sort_exactly_when_its_options_have_one() -> None:
    """`ListKind.sortable` (the ``s`` key) agrees with the options: ``s`` flips them."""
    from engtui.api.kinds import LISTS

    for spec in LISTS.values():
        options = spec.make_options(10)
        assert spec.sortable == (options.toggled_sort() != options), spec.name


async def test_s_is_not_offered_on_a_list_without_a_sort_and_does_nothing(demo_server) -> None:
    """Bulk jobs have no sort in the model: ``s`` is not in the key bar or the help, and
    pressing it sends nothing (it used to reload the whole list for the same order)."""
    from support import plain

    from engtui.widgets.key_bar import KeyBar

    app = make_app(demo_server.url)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_by_key(app, pilot, "f5", "snapshot_jobs")
        assert "s Sort" in plain(screen.query_one(KeyBar))
        await pilot.press("escape")
        await settle(app, pilot)
        screen = await open_by_key(app, pilot, "f10", "bulk_jobs")
        rows = screen.table.shown_ids()
        bar = plain(screen.query_one(KeyBar))
        assert "Sort" not in bar
        assert "s" not in screen.active_bindings  # nor in the help (made from the bindings)
        demo_server.clear_requests()
        await pilot.press("s")
        await settle(app, pilot)
        assert demo_server.received_operations() == []
        assert app.screen is screen and screen.table.shown_ids() == rows
        assert "newest first" in summary_text(screen)
