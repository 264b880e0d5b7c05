"""Issue 19, section 3: the new user's findings on the TUI, each as the user sees it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from reliability_support import look_up, status_text, tree_nodes
from support import (
    ENGAGEMENT_ID,
    FIXED_NOW,
    answer_handled,
    engagement,
    make_app,
    plain,
    shown,
)
from test_app_profiles import (
    app_for,
    bar,
    fill_form,
    notes,
    open_profiles,
    settle,
    write_config,
)
from textual.widgets import Checkbox, Input, Static

from engtui.screens.help import HelpScreen
from engtui.screens.lookup import LookupScreen
from engtui.screens.profile_form import ProfileForm
from engtui.screens.record import RecordScreen
from engtui.widgets.context_tree import ContextTree
from engtui.widgets.pane_tabs import PaneTabs
from engtui.widgets.record_header import RecordHeader

SECOND_ID = "eng-t0000000000002"
DEMO_ID = "eng-a1b2c3d4e5f6g7"  # the bundled demo's engagement with three leads


async def test_a_static_key_without_a_keyring_is_not_offered_as_the_default(
        isolated_home: Path) -> None:
    """The tests' keyring is the `fail` backend: a static key's secret would live only in
    this run, so the first profile's "make it the default" is not ticked, and says why."""
    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await open_profiles(app, pilot)
        await pilot.press("a")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, ProfileForm)
        box = form.query_one("#make-default", Checkbox)
        assert box.value  # an AWS named profile: offered, ticked
        await fill_form(app, pilot, static=True)
        assert not box.value
        note = form.query_one("#default-note", Static)
        assert note.display
        assert "lives only in this run" in plain(note)
        assert "engtui get" in plain(note)


async def test_back_from_a_record_the_field_is_empty_and_digits_reopen(make_demo_server) -> None:
    server = make_demo_server({"engagements": [engagement(), engagement(SECOND_ID)]})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await look_up(app, pilot, ENGAGEMENT_ID)
        await pilot.press("escape")
        await look_up(app, pilot, SECOND_ID)
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, LookupScreen)
        assert app.screen.query_one("#identifier", Input).value == ""
        field = app.screen.query_one("#identifier", Input)
        assert "1-9 reopen a recent engagement" in str(field.placeholder)  # what digits do
        await pilot.press("2")  # the recent list: 1 SECOND_ID, 2 ENGAGEMENT_ID
        await settle(app, pilot)
        assert isinstance(app.screen, RecordScreen)
        assert app.screen.record.id == ENGAGEMENT_ID


async def test_editing_the_id_while_its_lookup_is_in_flight_cancels_it(
        make_demo_server) -> None:
    server = make_demo_server(
        {"engagements": [engagement()],
         "faults": {ENGAGEMENT_ID: {"kind": "slow", "delay": 2.0}}})  # long: a loaded CI
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*ENGAGEMENT_ID, "enter")
        assert await shown(pilot, lambda: "Fetching" in status_text(app))
        await pilot.press("backspace")
        await pilot.pause()
        assert f"Lookup of {ENGAGEMENT_ID} cancelled: the id was edited" in status_text(app)
        # the server answers after the edit: the answer is dropped
        await answer_handled(app, pilot, server, "GetEngagement", ENGAGEMENT_ID)
        assert isinstance(app.screen, LookupScreen)
        assert app.screen.query_one("#identifier", Input).value == ENGAGEMENT_ID[:-1]


def cursor_in_view(tree: ContextTree) -> bool:
    top = tree.scroll_offset.y
    return top <= tree.cursor_line < top + tree.scrollable_content_region.height


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
async def test_tree_search_scrolls_to_its_match_and_closes_what_no_longer_matches(
        demo_server, size: tuple[int, int]) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=size) as pilot:
        await look_up(app, pilot, DEMO_ID)
        tree = app.screen.query_one(ContextTree)
        await pilot.press("slash")
        for key in "chloe":  # a contact deep in the third context
            await pilot.press(key)
            await pilot.pause()
            await pilot.pause()
            if tree.match_count:
                assert cursor_in_view(tree), key
        assert tree.cursor_node is not None and "Chloe" in str(tree.cursor_node.label)
        await pilot.press(*["backspace"] * 5, *"grace")
        await pilot.pause()
        await pilot.pause()
        assert "Grace" in str(tree.cursor_node.label)
        assert cursor_in_view(tree)
        still_open = {str(node.label) for node in tree_nodes(tree) if node.is_expanded}
        # Chloe's interaction (in the Freight lead) was opened for "chloe": closed again
        assert "2026-03-19 · Phone Call · Inbound sales line" not in still_open


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
async def test_the_connection_bar_keeps_the_endpoint_before_the_keyring_state(
        isolated_home: Path, size: tuple[int, int]) -> None:
    write_config(isolated_home, '[profiles.sb]\naccess_key_id = "AKIAEXAMPLE000000000"\n'
                                'endpoint_url = "http://127.0.0.1:8123"\n')
    app = app_for("--profile", "sb")
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        line = bar(app)
        assert "endpoint http://127.0.0.1:8123" in line
        if "keyring" in line:  # the keyring's state comes after it (cut when it must be)
            assert line.index("endpoint") < line.index("keyring")


async def test_at_60_columns_the_tab_strip_says_more_panes_exist(demo_server) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=(60, 20)) as pilot:
        await look_up(app, pilot, DEMO_ID)
        tabs = app.screen.query_one(PaneTabs)
        # Snapshots, Invitations, the two task panes and Snapshot jobs do not fit
        assert "+5\u203a" in plain(tabs)
        await pilot.press("5")
        await settle(app, pilot)
        shown = plain(tabs)
        assert "5 Invitations" in shown and "\u2039+2" in shown  # the active pane is always shown


async def test_enter_on_a_solution_row_says_it_opens_nothing(demo_server) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await look_up(app, pilot, "O6100002")  # two solutions
        await pilot.press("3")
        await settle(app, pilot)
        assert app.screen.active_pane == "solutions"
        await pilot.press("enter")
        await pilot.pause()
        assert "This solution opens nothing" in notes(app)
        assert isinstance(app.screen, RecordScreen) and app.screen.record.id == "O6100002"


async def test_a_record_drawn_from_memory_marks_its_refresh(make_demo_server) -> None:
    server = make_demo_server(
        {"engagements": [engagement()],
         "faults": {ENGAGEMENT_ID: {"kind": "slow", "delay": 1.0}}})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await look_up(app, pilot, ENGAGEMENT_ID)
        header = app.screen.query_one(RecordHeader)
        assert "refreshing" not in str(header.border_subtitle)
        await pilot.press("escape")
        await pilot.pause()
        app.now = lambda: FIXED_NOW + dt.timedelta(minutes=2)  # older than a minute now
        await pilot.press("1")  # reopen: drawn from memory at once, refreshed behind
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen)
        assert "refreshing…" in str(app.screen.query_one(RecordHeader).border_subtitle)
        await settle(app, pilot)  # the refresh lands
        assert "refreshing" not in str(app.screen.query_one(RecordHeader).border_subtitle)


async def test_copied_says_where_the_value_went(demo_server) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await look_up(app, pilot, DEMO_ID)
        await pilot.press("i")
        await pilot.pause()
        assert "sent to the terminal's clipboard (OSC 52)" in notes(app)


async def test_the_profile_switcher_can_switch_back_to_the_demo(
        isolated_home: Path, demo_server) -> None:
    from engtui.app import EngtuiApp

    app = EngtuiApp.for_demo(demo_server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press(*"use no profile")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert "profile demo" not in bar(app) and "built-in demo" not in bar(app)
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press(*"use the demo")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, LookupScreen)
        assert "profile demo" in bar(app) and "endpoint built-in demo" in bar(app)
        await look_up(app, pilot, DEMO_ID)  # and it answers again
        assert isinstance(app.screen, RecordScreen) and app.screen.record.id == DEMO_ID


async def test_help_has_the_right_articles_one_capitalisation_and_no_idle_tree_keys(
        demo_server) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await look_up(app, pilot, DEMO_ID)
        await pilot.press("f1")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        copy_value = next(row for row in help_screen.rows if row.description == "Copy value")
        assert "an opportunity row its id" in copy_value.tooltip
        assert "an invitation row its id" in copy_value.tooltip
        assert " a opportunity" not in copy_value.tooltip
        descriptions = [row.description for row in help_screen.rows]
        assert "Focus previous" in descriptions and "Palette" in descriptions
        for description in descriptions:  # sentence case: "Cursor up", not "Cursor Up"
            first, *rest = description.split()
            assert first[0].isupper(), description
            assert not any(w[0].isupper() and w[1:].islower() for w in rest), description
        tree = next(s for s in help_screen.sections if s.title == "Contexts tree")
        tree_rows = {row.description for row in tree.rows}
        assert not tree_rows & {"Scroll left", "Scroll right", "Page left", "Page right"}
        assert "Cursor to parent" in tree_rows  # the tree's own keys stay
