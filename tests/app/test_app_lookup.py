"""The TUI end to end through the real wire: lookup → tree → back, and what can go wrong.

Ids are typed here key by key (``look_up(..., paste=False)``): this is where typing an id is
covered; the other tests paste them (`support.look_up`)."""

from __future__ import annotations

from support import (
    ENGAGEMENT_ID,
    answer_handled,
    engagement,
    look_up,
    make_app,
    plain,
    settle,
    shown,
    status_text,
)
from textual.content import Content
from textual.widgets import Input, Static

from engtui.app import EngtuiApp
from engtui.screens.help import HelpScreen
from engtui.screens.lookup import LookupScreen
from engtui.screens.record import RecordScreen
from engtui.widgets.context_tree import ContextTree
from engtui.widgets.field_detail import FieldDetail
from engtui.widgets.recent_list import RecentList
from engtui.widgets.record_header import RecordHeader

SECOND_ID = "eng-t0000000000002"


def validation_text(app: EngtuiApp) -> str:
    return plain(app.screen.query_one("#validation", Static)).strip()


async def test_identifier_input_has_focus_at_start(make_demo_server) -> None:
    server = make_demo_server({"engagements": [engagement()]})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LookupScreen)
        assert isinstance(app.focused, Input) and app.focused.id == "identifier"


async def test_lookup_shows_tree_and_escape_goes_back(make_demo_server) -> None:
    server = make_demo_server({"engagements": [engagement()]})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await look_up(app, pilot, ENGAGEMENT_ID, paste=False)
        screen = app.screen
        assert isinstance(screen, RecordScreen)
        tree = screen.query_one(ContextTree)
        labels = [str(node.label) for node in tree.root.children]
        assert labels == ["CustomerProject · Example Corp"]
        header = plain(screen.query_one(RecordHeader))
        assert ENGAGEMENT_ID in header and "(10 months ago)" in header
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LookupScreen)
        recent = app.screen.query_one(RecentList)
        assert [item.identifier for item in recent.items] == [ENGAGEMENT_ID]


async def test_invalid_identifier_is_refused_inline_without_a_request(make_demo_server) -> None:
    server = make_demo_server({"engagements": [engagement()]})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"eng-TOOSHORT", "enter")
        await pilot.pause()
        assert "upper-case" in validation_text(app)
        assert isinstance(app.screen, LookupScreen)
        assert server.requests == []
        await pilot.press("backspace")
        assert validation_text(app) == ""


async def test_not_found_is_shown_in_place_and_retry_works(make_demo_server) -> None:
    server = make_demo_server(
        {"engagements": [engagement()],
         "faults": {ENGAGEMENT_ID: {"kind": "throttle-then-ok", "times": 1}}}
    )
    app = make_app(server.url)  # one attempt: the throttle surfaces as an error
    async with app.run_test(size=(100, 30)) as pilot:
        await look_up(app, pilot, ENGAGEMENT_ID, paste=False)
        assert isinstance(app.screen, LookupScreen)
        text = status_text(app)
        assert "Throttled" in text and "retry" in text
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        assert isinstance(app.screen, RecordScreen)


async def test_a_missing_opportunity_is_named_an_opportunity(demo_server) -> None:
    """The status said "No such engagement" for any kind: it names the kind asked for."""
    app = make_app(demo_server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await look_up(app, pilot, "O9999999", paste=False)
        assert isinstance(app.screen, LookupScreen)
        text = status_text(app)
        assert "No such opportunity in this catalog" in text and "engagement" not in text


async def test_text_no_kind_takes_lists_the_ids_engtui_accepts(make_demo_server) -> None:
    """It was told it "does not start with eng-", as if only engagements could be opened."""
    server = make_demo_server({"engagements": [engagement()]})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"foo", "enter")
        await pilot.pause()
        assert validation_text(app) == (
            "✗ “foo” is not an id engtui knows; type an id (eng-, engi-, O…, "
            "cust-acc-, job-, task-, bulkjob-, benappl-, benalloc-, ben-) or an ARN.")
        assert server.requests == []


async def test_a_fast_lookup_draws_no_loading_state_and_a_slow_one_does(
    make_demo_server, monkeypatch,
) -> None:
    """The "Fetching…" line and spinner appear only when the answer takes longer than
    LOADING_DELAY, so a fast lookup goes straight to the engagement without a flash.
    (The delay is raised here so a loaded CI machine cannot make a fast lookup slow.)"""
    import engtui.screens.opening

    monkeypatch.setattr(engtui.screens.opening, "LOADING_DELAY", 0.5)
    server = make_demo_server(
        {"engagements": [engagement(), engagement(SECOND_ID, Title="Second one")],
         "faults": {SECOND_ID: {"kind": "slow", "delay": 1.5}}}
    )
    app = make_app(server.url)
    drawn: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        original = screen.show_opening

        def show_opening(request, *args):
            drawn.append(request.identifier)
            original(request, *args)

        await look_up(app, pilot, ENGAGEMENT_ID, paste=False)  # the client is warm after this one
        await pilot.press("escape")
        await pilot.pause()
        screen.show_opening = show_opening
        await look_up(app, pilot, ENGAGEMENT_ID, paste=False)
        assert isinstance(app.screen, RecordScreen) and drawn == []
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press(*SECOND_ID, "enter")
        assert await shown(pilot, lambda: drawn == [SECOND_ID] and "Fetching" in status_text(app))
        await settle(app, pilot)
        assert app.screen.record.id == SECOND_ID


async def test_escape_cancels_a_slow_lookup_and_the_late_answer_is_dropped(
    make_demo_server,
) -> None:
    server = make_demo_server(
        {"engagements": [engagement()],
         "faults": {ENGAGEMENT_ID: {"kind": "slow", "delay": 2.0}}}  # in flight, loaded or not
    )
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*ENGAGEMENT_ID, "enter")
        assert await shown(pilot, lambda: "Fetching" in status_text(app))
        await pilot.press("escape")
        await pilot.pause()
        assert "cancelled" in status_text(app)
        # the server answers after the cancel
        await answer_handled(app, pilot, server, "GetEngagement", ENGAGEMENT_ID)
        assert isinstance(app.screen, LookupScreen)
        assert app.recent.shown == []


async def test_a_newer_lookup_supersedes_a_slow_one(make_demo_server) -> None:
    server = make_demo_server(
        {"engagements": [engagement(), engagement(SECOND_ID, Title="Second one")],
         "faults": {ENGAGEMENT_ID: {"kind": "slow", "delay": 2.0}}}  # in flight, loaded or not
    )
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*ENGAGEMENT_ID, "enter")
        # the slow one is still in flight
        assert await shown(pilot, lambda: "Fetching" in status_text(app))
        app.screen.query_one("#identifier", Input).value = SECOND_ID
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, RecordScreen)
        assert app.screen.record.id == SECOND_ID
        await answer_handled(app, pilot, server, "GetEngagement", ENGAGEMENT_ID)
        assert app.screen.record.id == SECOND_ID  # the slow answer never replaced it
        assert len(app.screen_stack) == 3


async def test_number_key_reopens_a_recent_engagement(make_demo_server) -> None:
    server = make_demo_server({"engagements": [engagement(), engagement(SECOND_ID)]})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await look_up(app, pilot, ENGAGEMENT_ID, paste=False)
        await pilot.press("escape")
        await look_up(app, pilot, SECOND_ID, paste=False)
        await pilot.press("escape")
        await pilot.pause()
        app.screen.query_one("#identifier", Input).value = ""
        await pilot.press("2")
        await settle(app, pilot)
        assert isinstance(app.screen, RecordScreen)
        assert app.screen.record.id == ENGAGEMENT_ID


async def test_tree_keys_copy_and_detail(make_demo_server) -> None:
    server = make_demo_server({"engagements": [engagement()]})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await look_up(app, pilot, ENGAGEMENT_ID, paste=False)
        tree = app.screen.query_one(ContextTree)
        assert app.focused is tree
        await pilot.press("e")  # expand all
        await pilot.press("j", "j", "j")  # Id, Type, Customer
        node = tree.cursor_node.data
        assert node.label == "Customer · Example Corp"
        detail = plain(app.screen.query_one(FieldDetail).query_one("#detail-fields"))
        assert "CompanyName" in detail and "Example Corp" in detail
        await pilot.press("j", "j")  # Industry, CompanyName
        assert tree.cursor_node.data.name == "CompanyName"
        await pilot.press("y")
        assert app.clipboard == "Example Corp"
        await pilot.press("Y")
        assert '"Id": "eng-t0000000000001"' in app.clipboard
        assert '"CreatedAt": "2026-01-05T10:00:00+00:00"' in app.clipboard
        await pilot.press("c")
        assert all(not node.is_expanded for node in tree.root.children)


async def test_refresh_replaces_the_engagement_in_place(make_demo_server) -> None:
    server = make_demo_server({"engagements": [engagement()]})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await look_up(app, pilot, ENGAGEMENT_ID, paste=False)
        first = app.screen
        before = len(server.requests)
        await pilot.press("r")
        await settle(app, pilot)
        assert app.screen is first
        assert len(server.requests) == before + 1


async def test_help_lists_the_screen_keys(make_demo_server) -> None:
    server = make_demo_server({"engagements": [engagement()]})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await look_up(app, pilot, ENGAGEMENT_ID, paste=False)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = {row.keys for row in app.screen.rows}
        descriptions = {row.description for row in app.screen.rows}
        assert {"y", "Y", "r", "Esc", "q", "e", "c"} <= keys
        assert {"Copy value", "Copy JSON", "Refresh", "Expand all", "Collapse all"} <= descriptions
        titles = [section.title for section in app.screen.sections]
        assert titles[0] == "Engagement" and titles[-1] == "Everywhere"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen)


async def test_markup_in_api_text_is_shown_literally(make_demo_server) -> None:
    hostile = "[link=https://x]click[/link]"
    odd = engagement(
        Title=hostile,
        Description="[@click=app.quit]boom[/] \x1b]0;pwned\x07 \x1b[31mred",
    )
    server = make_demo_server({"engagements": [odd]})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await look_up(app, pilot, ENGAGEMENT_ID, paste=False)
        header = app.screen.query_one(RecordHeader)
        assert Content.from_markup(str(header.border_title)).plain == hostile
        text = plain(header)
        assert "[@click=app.quit]boom[/]" in text
        assert "\\e]0;pwned\\x07" in text and "\x1b" not in text
        assert app.is_running


async def test_unknown_context_type_is_a_node_not_an_error(make_demo_server) -> None:
    odd = engagement(Contexts=[{"Id": "1", "Type": "Insights", "Payload": {"Insights": {}}}])
    server = make_demo_server({"engagements": [odd]})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await look_up(app, pilot, ENGAGEMENT_ID, paste=False)
        tree = app.screen.query_one(ContextTree)
        assert str(tree.root.children[0].label) == "unknown context type (Insights)"


async def test_no_credentials_first_lookup_explains(make_demo_server) -> None:
    server = make_demo_server({"engagements": [engagement()]})
    app = make_app(server.url, credentials=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await look_up(app, pilot, ENGAGEMENT_ID, paste=False)
        text = status_text(app)
        assert "No AWS credentials" in text and "engtui --demo" in text


async def test_a_digit_without_a_recent_engagement_is_just_text(make_demo_server) -> None:
    server = make_demo_server({"engagements": [engagement()]})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("7")
        await pilot.pause()
        assert app.screen.query_one("#identifier", Input).value == "7"
        assert server.requests == []


async def test_a_later_lookup_reuses_the_engagement_screen_as_new(make_demo_server) -> None:
    second = engagement(SECOND_ID, Title="Second one")
    customer = second["Contexts"][0]["Payload"]["CustomerProject"]["Customer"]
    customer["CompanyName"] = "Other Corp"
    server = make_demo_server({"engagements": [engagement(), second]})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await look_up(app, pilot, ENGAGEMENT_ID, paste=False)
        first_screen = app.screen
        await pilot.press("2")  # members pane: loads the members
        await settle(app, pilot)
        await pilot.press("1", "slash", "e", "x")  # a search left open
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, LookupScreen)
        await look_up(app, pilot, SECOND_ID, paste=False)
        screen = app.screen
        assert screen is first_screen  # reused, not composed again
        assert screen.record.id == SECOND_ID
        assert screen.active_pane == "contexts"
        assert dict(screen.record.related) == {}  # members and opportunities not loaded
        labels = [str(node.label) for node in screen.query_one(ContextTree).root.children]
        assert labels == ["CustomerProject · Other Corp"]
        assert "Second one" in str(screen.query_one(RecordHeader).border_title)
        assert app.focused is screen.query_one(ContextTree)
