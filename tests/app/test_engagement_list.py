"""The engagement list end to end through the real wire: ctrl+l → pages stream in → filter,
sort, server-side options, refresh → Enter opens → Escape comes back to the same row."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import Iterator
from importlib import resources

import pytest
from support import demo_settings, engagement, make_app, settle, shown, status_text
from textual.widgets import Input, SelectionList, Static

from engtui.api.errors import ApiError, ErrorKind
from engtui.api.kinds import ENGAGEMENT_LIST
from engtui.api.listing import ListOptions, SummaryPage, parse_account_ids
from engtui.api.service import SellingService
from engtui.app import EngtuiApp
from engtui.demo.data import DemoDataset
from engtui.demo.server import DemoServer
from engtui.screens.list_options import ListOptionsScreen
from engtui.screens.lookup import LookupScreen
from engtui.screens.record import RecordScreen
from engtui.screens.record_list import ListScreen
from engtui.widgets.lookup_status import LookupStatus
from engtui.widgets.summary_table import SummaryTable
from engtui.widgets.table_layout import layout, layout_for

OTHER_ACCOUNT = "210987654321"


def item(number: int, title: str = "", **fields: object) -> dict:
    """Engagement ``eng-t00000000000NN`` created on day ``number`` of 2026."""
    identifier = f"eng-t{number:013d}"
    created = (dt.datetime(2026, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=number)).strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )
    return engagement(identifier, Title=title or f"Project {number}", CreatedAt=created, **fields)


def sample_context(kind: str) -> dict:
    """A context of type ``kind`` from the bundled sample data (data-file form)."""
    text = resources.files("engtui.demo").joinpath("sample_data.json").read_text("utf-8")
    for record in json.loads(text)["engagements"]:
        for context in record.get("Contexts") or ():
            if context["Type"] == kind:
                return context
    raise AssertionError(kind)


def items(count: int) -> list[dict]:
    return [item(number) for number in range(1, count + 1)]


def list_calls(server) -> list[dict]:
    return [r.params for r in server.requests if r.operation == "ListEngagements"]


def summary_text(screen: ListScreen) -> str:
    return str(screen.query_one("#list-summary", Static).render())


def table_lines(table: SummaryTable) -> list[str]:
    return [table.render_line(y).text for y in range(table.size.height)]


async def wait_until(pilot, condition, timeout: float = 10.0) -> None:
    """Let the app run until ``condition()`` holds (a page arriving over HTTP)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "timed out waiting for the condition"
        await pilot.pause(0.02)


async def open_list(app: EngtuiApp, pilot) -> tuple[ListScreen, SummaryTable]:
    await pilot.pause()
    await pilot.press("ctrl+l")
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, ListScreen)
    return screen, screen.query_one(SummaryTable)


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(ListScreen, "page_size", 2)
    return 2


# -- opening and streaming ---------------------------------------------------------------------
async def test_ctrl_l_lists_the_catalog_newest_first(make_demo_server) -> None:
    server = make_demo_server({"engagements": [
        *items(3), item(9, Catalog="AWS"), item(4, "[b]x[/b] \x1b[31mred"),
    ]})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        screen, table = await open_list(app, pilot)
        assert app.focused is table
        assert table.shown_ids() == [f"eng-t{n:013d}" for n in (4, 3, 2, 1)]
        assert "4 engagements" in summary_text(screen)
        assert "newest first" in summary_text(screen)
        (call,) = list_calls(server)
        assert call["Catalog"] == "Sandbox"
        assert call["Sort"] == {"SortBy": "CreatedDate", "SortOrder": "DESCENDING"}
        assert call["MaxResults"] == 100
        lines = table_lines(table)
        assert lines[0].split() == [
            "Id", "Title", "Context", "types", "Members", "Created", "↓", "Modified"
        ]
        # API text is data: markup shows literally, the escape byte as a placeholder.
        assert "[b]x[/b] \\e[31mred" in lines[1]
        assert "CustomerProject" in lines[2] and "2026-01-04" in lines[2]


def slow_pages(make_demo_server, count: int, delay: float):
    """A server whose every ``ListEngagements`` page takes ``delay`` seconds."""
    return make_demo_server({
        "engagements": items(count),
        "faults": {"ListEngagements": {"kind": "slow", "delay": delay}},
    })


async def first_page(app: EngtuiApp, pilot) -> tuple[ListScreen, SummaryTable]:
    """ctrl+l, then wait for the first page only."""
    await pilot.press("ctrl+l")
    screen = app.screen
    assert isinstance(screen, ListScreen)
    table = screen.query_one(SummaryTable)
    await wait_until(pilot, lambda: table.row_count > 0)
    return screen, table


async def test_first_page_shows_while_the_rest_load(make_demo_server, small_pages) -> None:
    server = slow_pages(make_demo_server, 5, delay=0.6)
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        screen, table = await first_page(app, pilot)
        assert table.row_count == 2
        assert screen.fetching and screen.has_class("-loading")
        assert table.region.height > 20  # drawn, not hidden under a loading overlay
        assert "2 engagements  loading page 2…  Esc stops" in summary_text(screen)
        await settle(app, pilot)
        assert table.row_count == 5 and not screen.fetching
        calls = list_calls(server)
        assert len(calls) == 3
        assert "NextToken" not in calls[0] and calls[1]["NextToken"] and calls[2]["NextToken"]
        assert all(call["MaxResults"] == 2 for call in calls)
        assert "5 engagements  ·" in summary_text(screen)


async def test_escape_stops_loading_then_goes_back(make_demo_server, small_pages) -> None:
    server = slow_pages(make_demo_server, 6, delay=0.5)
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        screen, table = await first_page(app, pilot)
        assert table.row_count == 2
        await pilot.press("escape")
        assert isinstance(app.screen, ListScreen)
        assert not screen.fetching
        assert "stopped after page 1; r loads all" in summary_text(screen)
        # The page in flight is answered by the server, and dropped; no third page is asked.
        await wait_until(pilot, lambda: len(server.requests) == 2)
        await pilot.pause(0.1)
        assert table.row_count == 2 and len(server.requests) == 2
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LookupScreen)


async def test_an_endless_list_pauses_at_the_row_budget(make_demo_server, small_pages,
                                                        monkeypatch) -> None:
    """Issue 21, item 5: a server that sends a new NextToken on every page (the demo's
    ``endless`` fault) stops at the row budget; no request is sent while it waits; m loads
    as many more, Escape stops there."""
    monkeypatch.setattr(ListScreen, "row_budget", 5)
    server = make_demo_server({"engagements": items(4),
                               "faults": {"ListEngagements": "endless"}})
    app = make_app(server.url)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("ctrl+l")
        screen = app.screen
        assert isinstance(screen, ListScreen)
        table = screen.query_one(SummaryTable)
        await wait_until(pilot, lambda: screen.at_budget)
        await pilot.pause(0.2)  # had it not waited, more pages would arrive meanwhile
        assert table.row_count == 6 and len(list_calls(server)) == 3  # pages of 2
        assert not screen.fetching
        assert ("6 engagements  paused at the row budget (5 rows); m loads 5 more, Esc stops"
                in summary_text(screen))
        await pilot.press("m")
        await wait_until(pilot, lambda: screen.at_budget and table.row_count == 10)
        assert "(10 rows); m loads 5 more" in summary_text(screen)
        await pilot.press("escape")
        await pilot.pause(0.1)
        assert not screen.at_budget and isinstance(app.screen, ListScreen)
        assert "10 engagements  stopped after page 5; r loads all" in summary_text(screen)
        assert len(list_calls(server)) == 5
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LookupScreen)


async def test_filter_as_you_type(make_demo_server) -> None:
    server = make_demo_server({"engagements": [
        item(1, "Acme migration"), item(2, "Globex ACME data lake"), item(3, "Initech pilot"),
    ]})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        screen, table = await open_list(app, pilot)
        await pilot.press("slash", *"acme")
        assert app.focused is screen.filter_input
        assert table.shown_ids() == ["eng-t0000000000002", "eng-t0000000000001"]
        assert "2 of 3 engagements" in summary_text(screen)
        await pilot.press(*"-x")  # no title holds "acme-x"
        assert table.shown_ids() == []
        assert "No loaded engagement matches “acme-x”." in table_lines(table)[1]
        screen.filter_input.value = ""
        await pilot.press(*"00003")  # the id matches too
        assert table.shown_ids() == ["eng-t0000000000003"]
        await pilot.press("enter")  # keeps the filter, back to the rows
        assert app.focused is table and screen.filter_input.display
        assert table.shown_ids() == ["eng-t0000000000003"]
        await pilot.press("slash", "escape")  # Escape in the field clears it
        assert table.shown_ids() == [f"eng-t{n:013d}" for n in (3, 2, 1)]
        assert not screen.filter_input.display and app.focused is table
        assert len(list_calls(server)) == 1  # filtering never calls the service


async def test_sort_toggle_reaches_the_server(make_demo_server) -> None:
    server = make_demo_server({"engagements": items(3)})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        screen, table = await open_list(app, pilot)
        await pilot.press("s")
        await settle(app, pilot)
        assert list_calls(server)[-1]["Sort"]["SortOrder"] == "ASCENDING"
        assert table.shown_ids() == [f"eng-t{n:013d}" for n in (1, 2, 3)]
        assert "oldest first" in summary_text(screen)
        assert "Created ↑" in table_lines(table)[0]


async def test_options_dialog_filters_on_the_server(make_demo_server) -> None:
    lead = sample_context("Lead")
    server = make_demo_server({"engagements": [
        item(1), item(2, Contexts=[lead]), item(3, Contexts=[lead], CreatedBy=OTHER_ACCOUNT),
    ]})
    app = make_app(server.url)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, table = await open_list(app, pilot)
        await pilot.press("o")
        dialog = app.screen
        assert isinstance(dialog, ListOptionsScreen)
        dialog.query_one("#include-types", SelectionList).select("Lead")
        dialog.query_one("#exclude-created-by", Input).value = "nope!"
        await pilot.press("ctrl+s")
        assert app.screen is dialog  # refused before any request
        assert "is not an account id" in str(dialog.query_one("#options-problem").render())
        dialog.query_one("#exclude-created-by", Input).value = OTHER_ACCOUNT
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is screen
        call = list_calls(server)[-1]
        assert call["ContextTypes"] == ["Lead"]
        assert call["ExcludeCreatedBy"] == [OTHER_ACCOUNT]
        assert "CreatedBy" not in call and "ExcludeContextTypes" not in call
        assert table.shown_ids() == ["eng-t0000000000002"]
        assert f"only Lead · not by {OTHER_ACCOUNT}" in summary_text(screen)
        # The dialog opens with the options in force; Escape changes nothing.
        await pilot.press("o")
        assert app.screen.query_one("#include-types", SelectionList).selected == ["Lead"]
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is screen and len(list_calls(server)) == 2


async def test_refresh_keeps_filter_sort_and_cursor(make_demo_server) -> None:
    server = make_demo_server({"engagements": [
        item(1, "Alpha one"), item(2, "Beta"), item(3, "Alpha two"), item(4, "Alpha three"),
    ]})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        screen, table = await open_list(app, pilot)
        await pilot.press("s")
        await settle(app, pilot)
        assert table.cursor == 0  # a new sort starts at the top
        await pilot.press("slash", *"alpha", "enter", "down")
        assert table.selected is not None and table.selected.id == "eng-t0000000000003"
        await pilot.press("r")
        await settle(app, pilot)
        calls = list_calls(server)
        assert len(calls) == 3 and calls[-1]["Sort"]["SortOrder"] == "ASCENDING"
        assert screen.filter_input.value == "alpha"
        assert table.shown_ids() == [f"eng-t{n:013d}" for n in (1, 3, 4)]
        assert table.selected.id == "eng-t0000000000003"


# -- opening an engagement -------------------------------------------------------------------------
async def test_enter_opens_and_escape_returns_with_the_cursor_kept(make_demo_server) -> None:
    server = make_demo_server({"engagements": items(40)})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        screen, table = await open_list(app, pilot)
        await pilot.press("pagedown", "down", "down")
        position, chosen, scrolled = table.cursor, table.selected, table.scroll_y
        assert position > 20 and scrolled > 0
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, RecordScreen)
        assert app.screen.record.id == chosen.id
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and app.focused is table
        assert table.cursor == position and table.selected == chosen
        assert table.scroll_y == scrolled
        assert [item.identifier for item in app.recent.shown] == [chosen.id]
        assert not screen.query_one("#list-status", LookupStatus).display


async def test_open_error_is_shown_on_the_list_which_stays_usable(make_demo_server) -> None:
    server = make_demo_server({
        "engagements": items(3),
        "faults": {"eng-t0000000000003": "AccessDeniedException"},
    })
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        screen, table = await open_list(app, pilot)
        assert table.selected.id == "eng-t0000000000003"
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is screen
        text = status_text(screen)
        assert "Access denied" in text and "Enter: retry · Esc: dismiss" in text
        assert "(partnercentral:GetEngagement)" in text  # the permission that is missing
        assert app.focused is table
        await pilot.press("escape")  # dismisses the error, stays on the list
        assert app.screen is screen
        assert not screen.query_one("#list-status", LookupStatus).display
        await pilot.press("j", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, RecordScreen)
        assert app.screen.record.id == "eng-t0000000000002"


async def test_escape_cancels_an_engagement_being_opened(make_demo_server) -> None:
    server = make_demo_server({
        "engagements": items(2),
        "faults": {"eng-t0000000000002": {"kind": "slow", "delay": 5}},
    })
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        screen, _table = await open_list(app, pilot)
        await pilot.press("enter")
        assert await shown(pilot, lambda: screen.opening
                           and "Opening eng-t0000000000002…" in status_text(screen))
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is screen and not screen.opening
        assert not screen.query_one("#list-status", LookupStatus).display


async def test_a_failed_load_is_shown_in_place_and_r_reloads(make_demo_server) -> None:
    server = make_demo_server({
        "engagements": items(3),
        "faults": {"ListEngagements": {"kind": "throttle-then-ok", "times": 1}},
    })
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        screen, table = await open_list(app, pilot)
        assert table.row_count == 0
        assert "Throttled" in status_text(screen) and "r: reload" in status_text(screen)
        assert "incomplete: page 1 failed" in summary_text(screen)
        assert "Nothing loaded." in table_lines(table)[1]
        await pilot.press("r")
        await settle(app, pilot)
        assert table.row_count == 3
        assert not screen.query_one("#list-status", LookupStatus).display


async def test_list_from_the_app_action_reuses_an_open_list(make_demo_server) -> None:
    server = make_demo_server({"engagements": items(2)})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        screen, _table = await open_list(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, RecordScreen)
        app.lookup_screen.action_open_list("engagements")  # what the command palette calls
        await pilot.pause()
        assert app.screen is screen and len(list_calls(server)) == 1


# -- scale ----------------------------------------------------------------------------------------
async def test_ten_thousand_engagements_load_and_filter() -> None:
    # --generate puts four in five engagements in Sandbox: 12,500 gives 10,000 there.
    with DemoServer(DemoDataset.generated(10_000)) as server:
        app = make_app(server.url, read_timeout=30.0)
        async with app.run_test(size=(100, 30)) as pilot:
            screen, table = await open_list(app, pilot)
            assert table.row_count == 10_000
            assert "10,000 engagements" in summary_text(screen)
            assert len(list_calls(server)) == 100
            await pilot.press("slash", *"zephyr lab")
            expected = [
                s.id for s in table._summaries if "zephyr lab" in s.title.lower()
            ]
            assert expected and table.shown_ids() == expected
            assert f"{len(expected):,} of 10,000 engagements" in summary_text(screen)
            await pilot.press("enter", "end")
            assert table.selected.id == expected[-1]


# -- pieces ---------------------------------------------------------------------------------------
def test_columns_drop_least_important_first() -> None:
    listed = [column for column in ENGAGEMENT_LIST.columns if not column.operation]

    def titles(width: int) -> list[int]:
        return [index for index, _ in layout(listed, width)]

    assert titles(120) == [0, 1, 2, 3, 4, 5]
    assert titles(99) == [0, 1, 2, 3, 4, 5]  # 100 columns minus the scrollbar
    assert titles(79) == [0, 1, 2, 4]  # 80 columns: modified, then members go
    assert titles(60) == [0, 1, 4]
    assert titles(30) == [0, 1]
    at_80 = layout(listed, 79)
    assert sum(width for _, width in at_80) + len(at_80) <= 79


def test_search_results_show_company_and_lead_status() -> None:
    """SearchEngagements returns contexts: its list shows the customer company and the
    lead's status (no extra call); ListEngagements' does not have them to show."""
    columns = ENGAGEMENT_LIST.columns

    def titles(width: int, operation: str = "SearchEngagements") -> list[str]:
        return [columns[i].title for i, _ in layout_for(columns, operation, width)]

    assert titles(100) == ["Id", "Title", "Company", "Context types", "Lead", "Created"]
    assert titles(79) == ["Id", "Title", "Company", "Lead", "Created"]
    assert "Company" not in titles(99, "ListEngagements")


def test_list_options_make_the_request() -> None:
    options = ListOptions(context_types=("Lead",), created_by=("123456789012",), page_size=5)
    assert options.request_params() == {
        "Sort": {"SortBy": "CreatedDate", "SortOrder": "DESCENDING"},
        "MaxResults": 5,
        "ContextTypes": ["Lead"],
        "CreatedBy": ["123456789012"],
    }
    assert options.toggled_sort().request_params()["Sort"]["SortOrder"] == "ASCENDING"
    assert parse_account_ids(" 123456789012, 210987654321 123456789012") == (
        "123456789012", "210987654321"
    )


def engagement_pages(service: SellingService, catalog: str, options: ListOptions | None = None,
                     **kwargs: object) -> Iterator[SummaryPage]:
    """The engagement list's pages as its screen asks for them (`pages_of`): the list's
    query through `SellingService.list_pages`, each item made a row by the declaration."""
    query = ENGAGEMENT_LIST.query(options or ListOptions())
    build = ENGAGEMENT_LIST.make_item()
    now = dt.datetime.now(dt.UTC)
    for number, found, more in service.list_pages(query.operation, query.result_key, catalog,
                                                  query.params, **kwargs):
        yield SummaryPage(number, [build(item, now) for item in found], more)


def test_service_yields_pages_as_they_come(make_demo_server) -> None:
    server = make_demo_server({"engagements": items(5)})
    service = SellingService(demo_settings(server.url))
    pages = list(engagement_pages(service, "Sandbox", ListOptions(page_size=2)))
    assert [(p.number, len(p.rows), p.more) for p in pages] == [
        (1, 2, True), (2, 2, True), (3, 1, False)
    ]
    first = pages[0].rows[0]
    assert first.id == "eng-t0000000000005" and first.title == "Project 5"
    assert first.context_types == ("CustomerProject",) and first.member_count == 2
    assert first.created_at == dt.datetime(2026, 1, 6, tzinfo=dt.UTC)
    server.clear_requests()
    stopped = engagement_pages(
        service, "Sandbox", ListOptions(page_size=2), should_stop=lambda: len(server.requests) >= 1
    )
    assert len(list(stopped)) == 1 and len(server.requests) == 1


@pytest.mark.parametrize(
    ("fault", "kind"),
    [("ValidationException", ErrorKind.VALIDATION), ("malformed", ErrorKind.MALFORMED),
     ("html", ErrorKind.SERVICE)],
)
def test_service_list_failures_are_api_errors(make_demo_server, fault, kind) -> None:
    server = make_demo_server({"engagements": items(1), "faults": {"ListEngagements": fault}})
    service = SellingService(demo_settings(server.url))
    with pytest.raises(ApiError) as caught:
        list(engagement_pages(service, "Sandbox"))
    assert caught.value.kind is kind


def test_service_list_access_denied_names_the_permission(make_demo_server) -> None:
    server = make_demo_server({"faults": {"ListEngagements": "AccessDeniedException"}})
    service = SellingService(demo_settings(server.url))
    with pytest.raises(ApiError) as caught:
        next(engagement_pages(service, "Sandbox"))
    assert caught.value.kind is ErrorKind.ACCESS_DENIED
    assert "partnercentral:ListEngagements" in caught.value.hint


def test_readme_data_file_example_loads(tmp_path) -> None:
    """The documented data file (engagements, members, associations, faults) is usable."""
    from pathlib import Path

    doc = Path(__file__).parents[2] / "docs" / "demo-endpoint.md"
    text = doc.read_text("utf-8")
    section = text[text.index("## Data file format"):]
    start = section.index("```json") + len("```json")
    example = tmp_path / "example.json"
    example.write_text(section[start:section.index("```", start)], "utf-8")
    data = DemoDataset.from_file(example)
    assert list(data.members) == ["eng-t0000000000001"]
    assert data.get("Sandbox", "eng-t0000000000001")["MemberCount"] == 1
    assert data.associations[0]["ResourceId"] == "O1234567"


async def test_a_cursor_move_repaints_the_rows_it_leaves_and_enters(make_demo_server) -> None:
    """A cursor move repaints two rows, not the table (fewer bytes over SSH); what is drawn
    must still be right: the widget's cached lines (what the compositor sends) show the
    cursor on the new row only, after moves inside the page and after a page down."""
    server = make_demo_server({"engagements": items(60)})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        _, table = await open_list(app, pilot)
        await pilot.pause()

        def cursor_rows() -> list[int]:
            region = table.region.reset_offset  # the lines as cached for the compositor
            strips = table.render_lines(region)
            cursor = table.get_component_rich_style("summary-table--cursor").bgcolor
            return [y for y, strip in enumerate(strips)
                    if any(seg.style and seg.style.bgcolor == cursor for seg in strip)]

        assert cursor_rows() == [1]
        for _ in range(3):
            await pilot.press("down")
        await pilot.pause()
        assert table.cursor == 3
        assert cursor_rows() == [4]
        await pilot.press("up")
        await pilot.pause()
        assert cursor_rows() == [3]
        await pilot.press("pagedown")
        await pilot.pause()
        top = round(table.scroll_y)
        assert cursor_rows() == [table.cursor - top + 1]
