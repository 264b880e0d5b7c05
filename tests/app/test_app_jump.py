"""The ``:`` command line (issue 23, part 5): a one-line prompt that jumps to a list or a
record by a word of the registries (a kind's or list's name or declared alias) and an id,
with Tab completion, Escape to leave. Against the demo endpoint over HTTP."""

from __future__ import annotations

import pytest
from reliability_support import screen_text
from support import look_up, make_app, settle, status_text
from textual.widgets import Input

from engtui.screens.help import HelpScreen
from engtui.screens.jump import JumpPrompt
from engtui.screens.lookup import LookupScreen
from engtui.screens.record import RecordScreen
from engtui.screens.record_list import ListScreen
from engtui.widgets.key_bar import KeyBar

ENGAGEMENT = "eng-a1b2c3d4e5f6g7"


async def prompt(app, pilot, *keys: str) -> JumpPrompt:
    """Press ``:`` and type ``keys``; the prompt is open."""
    await pilot.press("colon")
    await pilot.pause()
    assert isinstance(app.screen, JumpPrompt), f"no prompt on {type(app.screen).__name__}"
    if keys:
        await pilot.press(*keys)
        await pilot.pause()
    return app.screen


def typed(app) -> str:
    return app.screen.query_one("#jump-input", Input).value


def on_list(app, name: str) -> bool:
    return isinstance(app.screen, ListScreen) and app.screen.spec.name == name


async def test_colon_inv_enter_shows_the_invitations_list(demo_server) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await prompt(app, pilot, *"inv", "enter")
        await settle(app, pilot)
        assert on_list(app, "invitations")
        assert "engi-p3nd1ngaws001" in app.screen.table.shown_ids()
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, LookupScreen)  # pushed over where it was opened


async def test_colon_opp_and_an_id_opens_that_opportunity(demo_server) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await prompt(app, pilot, *"opp O6100001", "enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, RecordScreen)
        assert screen.kind.name == "opportunity" and screen.record.id == "O6100001"
        assert "O6100001" in screen_text(app)


async def test_a_record_opens_over_the_screen_it_was_asked_on(demo_server) -> None:
    """From a list, ``:eng ID`` pushes the engagement over the list (its opener): Escape
    comes back to the list as it was."""
    app = make_app(demo_server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("f6")
        await settle(app, pilot)
        opportunities = app.screen
        assert on_list(app, "opportunities")
        await prompt(app, pilot, *f"eng {ENGAGEMENT}", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, RecordScreen) and app.screen.record.id == ENGAGEMENT
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is opportunities


async def test_a_bare_id_opens_as_the_lookup_would(demo_server) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await prompt(app, pilot, *ENGAGEMENT, "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, RecordScreen) and app.screen.record.id == ENGAGEMENT
        await pilot.press("escape")
        await settle(app, pilot)
        await prompt(app, pilot, *"O6100001", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, RecordScreen) and app.screen.kind.name == "opportunity"


async def test_colon_eng_tab_completes_then_offers_the_recent_ids(demo_server) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await look_up(app, pilot, ENGAGEMENT)  # now a recent engagement
        await pilot.press("escape")
        await settle(app, pilot)
        jump = await prompt(app, pilot, *"op", "tab")
        assert typed(app) == "opp"  # the one word all candidates start with
        await pilot.press("escape")
        await pilot.pause()
        jump = await prompt(app, pilot, *"eng", "tab")
        assert typed(app) == "eng "  # the word is whole: ready for its id
        assert ENGAGEMENT in str(jump.query_one("#jump-choices").render())
        await pilot.press("tab")
        await pilot.pause()
        assert typed(app) == f"eng {ENGAGEMENT}"
        assert jump.said == f"Enter opens engagement {ENGAGEMENT}."
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, RecordScreen) and app.screen.record.id == ENGAGEMENT


async def test_tab_again_steps_through_the_candidates(demo_server) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await prompt(app, pilot, *"in", "tab")
        first = typed(app)
        await pilot.press("tab")
        await pilot.pause()
        second = typed(app)
        assert {first, second} <= {"inv", "invs", "inbox", "invitation", "invitations"}
        assert first != second


@pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])
async def test_an_unknown_word_is_said_and_the_prompt_stays_open(demo_server, size) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        requests = len(demo_server.requests)
        jump = await prompt(app, pilot, *"nope", "enter")
        await pilot.pause()
        assert app.screen is jump  # still open, for a correction
        message = "✗ “nope” is not a list, a kind or an id engtui knows; Tab lists them."
        assert jump.said == message
        assert message in screen_text(app)  # whole, on one line, even at 80 columns
        assert len(demo_server.requests) == requests  # nothing was sent
        field = jump.query_one("#jump-input", Input)
        field.value = ""
        await pilot.press(*"inv", "enter")
        await settle(app, pilot)
        assert on_list(app, "invitations")


async def test_a_malformed_id_is_said_and_the_prompt_stays_open(demo_server) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        jump = await prompt(app, pilot, *"eng O6100001", "enter")
        assert app.screen is jump
        assert jump.said == "✗ “O6100001” is an opportunity id, not an engagement id."
        jump.query_one("#jump-input", Input).value = ""
        await pilot.press(*"eng-xyz", "enter")
        await pilot.pause()
        assert app.screen is jump
        assert jump.said.startswith("✗ “eng-xyz”")


async def test_typed_text_is_shown_as_typed_never_as_markup(demo_server) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        jump = await prompt(app, pilot, *"[b]x[/b]", "enter")
        assert app.screen is jump
        assert "“[b]x[/b]”" in jump.said
        assert "“[b]x[/b]”" in screen_text(app)
        jump.query_one("#jump-input", Input).value = "a\x1b[31mb"  # pasted, say
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is jump and jump.said.startswith("✗ “a")
        assert "\x1b" not in jump.said
        message = str(jump.query_one("#jump-message").render())
        assert "\x1b" not in message and "[31mb" in message


async def test_escape_leaves_and_the_screen_is_unchanged(demo_server) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        screen, stack = app.screen, list(app.screen_stack)
        table = screen.table
        await pilot.press("down", "down")
        cursor, before = table.cursor, screen_text(app)
        requests = len(demo_server.requests)
        await prompt(app, pilot, *"opp O6100001")
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is screen and list(app.screen_stack) == stack
        assert table.cursor == cursor
        assert screen_text(app) == before
        assert len(demo_server.requests) == requests


async def test_at_80x24_the_prompt_fits_above_the_key_bar(demo_server) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        jump = await prompt(app, pilot, *"e")
        box = jump.query_one("#jump-box").region
        assert box.x >= 0 and box.right <= 80 and box.bottom <= 23  # the key bar's row
        lines = screen_text(app).splitlines()
        assert "Jump" in lines[box.y]
        assert "eng" in lines[box.y + 2]  # the candidates
        assert "Leave" in lines[-1] and "Complete" in lines[-1]  # the prompt's keys


async def test_colon_in_the_lookup_field_is_text_unless_the_field_is_empty(demo_server) -> None:
    """An ARN holds colons: typed after something, ``:`` is text; in the empty field it
    opens the prompt (no id or ARN starts with one)."""
    app = make_app(demo_server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press(*"arn:aws")
        await pilot.pause()
        assert isinstance(app.screen, LookupScreen)
        assert app.screen.query_one("#identifier", Input).value == "arn:aws"
        app.screen.query_one("#identifier", Input).value = ""
        await prompt(app, pilot)


async def test_colon_is_text_in_a_filter_and_does_nothing_in_a_dialog(demo_server) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        await pilot.press("slash", "colon")
        await pilot.pause()
        assert isinstance(app.screen, ListScreen)
        assert app.screen.filter_input.value == ":"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("colon")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_the_key_bar_and_the_help_name_the_jump(demo_server) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        for where in ("lookup", "list", "record"):
            if where == "list":
                await pilot.press("ctrl+l")
                await settle(app, pilot)
            if where == "record":
                await pilot.press("enter")
                await settle(app, pilot)
            bar = app.screen.query_one(KeyBar)
            keys = [(key.key, key.description) for key in bar.active_keys()]
            assert ("colon", "Jump") in keys, where
            await pilot.press("f1")
            await pilot.pause()
            rows = {row.description: row for row in app.screen.rows}
            assert rows["Jump"].keys == ":", where
            assert ":opp O6100001" in rows["Jump"].tooltip
            await pilot.press("escape")
            await pilot.pause()
        # At 100 columns an engagement's bar gives its room to its own keys (d Changes,
        # t Timeline): `:` is among its active keys (above) and in the help, drawn when there
        # is room (the lookup's bar: test_app_jump's snapshot).
        assert "t Timeline" in screen_text(app).splitlines()[-1]


async def test_a_record_the_service_does_not_have_is_said_where_it_was_asked(demo_server) -> None:
    """The id is well formed, so the prompt closes and the request goes; the answer (not
    found) is drawn by the screen's opener: the lookup's status line, with its retry key."""
    app = make_app(demo_server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await prompt(app, pilot, *"opp O9999999", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, LookupScreen)
        assert "not found" in status_text(app).lower()
        assert app.screen.query_one("#identifier", Input).value == "O9999999"
