"""The list's filter, incremental, in the app through the real wire: after every key of
typed, deleted, pasted and edited filters, the table shows exactly the rows a full filter of
every loaded row gives, drawn on screen (not only computed: a filter repaints only the
table's visible lines, without a layout, so stale lines would show here), and the cursor
stays on the row it was on while that row is still shown."""

from __future__ import annotations

import datetime as dt

from support import engagement, make_app, settle

from engtui.screens.record_list import ListScreen
from engtui.widgets.summary_table import SummaryTable

WORDS = ("alpha", "beta", "gamma", "delta", "alphabet")


def item(number: int) -> dict:
    created = (dt.datetime(2026, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=number)).strftime(
        "%Y-%m-%dT%H:%M:%SZ")
    title = f"{WORDS[number % 5]} {WORDS[number * 3 % 5]} {number}"
    return engagement(f"eng-t{number:013d}", Title=title, CreatedAt=created)


def full_filter(table: SummaryTable, text: str) -> list[str]:
    """The ids a full filter gives: every loaded row whose id or title holds ``text``."""
    needle = text.lower()
    return [summary.id for summary in table._summaries
            if needle in f"{summary.id}\0{summary.title}".lower()]


def drawn(app) -> list[str]:
    """The screen as the compositor has it (cached lines included)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def check(app, table: SummaryTable, text: str) -> None:
    expected = full_filter(table, text)
    assert table.shown_ids() == expected, text
    assert table.filter_text == text.lower()
    screen = "\n".join(drawn(app))
    top = round(table.scroll_y)
    visible = expected[top:top + table.size.height - 1]
    for identifier in visible:
        assert identifier in screen, (text, identifier)
    hidden = set(summary.id for summary in table._summaries) - set(visible)
    assert not any(identifier in screen for identifier in hidden), text


async def test_every_edit_shows_what_a_full_filter_gives(make_demo_server) -> None:
    server = make_demo_server({"engagements": [item(n) for n in range(1, 61)]})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ListScreen)
        table = screen.query_one(SummaryTable)
        assert table.row_count == 60
        field = screen.filter_input
        await pilot.press("slash")
        # typed one character at a time, then deleted (the backspaces go back through
        # cached results), a different word, a character typed into the middle, a paste
        # over everything, and a needle no row holds (the empty table's line)
        steps: list[tuple[str, str]] = [
            *[("key", c) for c in "alphab"], *[("key", "backspace")] * 6,
            *[("key", c) for c in "gam"], ("key", "backspace"), ("key", "backspace"),
            ("key", "home"), ("key", "t"), ("key", "end"), ("key", "backspace"),
            ("paste", "BETA 1"), ("paste", "0000000004"), ("paste", "zz-none"),
            ("paste", ""), *[("key", c) for c in "delta"],
        ]
        for action, value in steps:
            if action == "key":
                await pilot.press(value)
            else:
                field.value = value
                field.cursor_position = len(value)
            await pilot.pause()
            check(app, table, field.value)
        assert "No loaded engagement matches “delta”." not in "\n".join(drawn(app))


async def test_the_cursor_stays_on_its_row_while_it_is_shown(make_demo_server) -> None:
    server = make_demo_server({"engagements": [item(n) for n in range(1, 61)]})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        table = app.screen.query_one(SummaryTable)
        await pilot.press(*["down"] * 40)  # a row below the first page: the table scrolled
        await pilot.pause()
        row = table.selected.id
        title = table.selected.title
        assert round(table.scroll_y) > 0
        await pilot.press("slash")
        for count in range(1, len(title) + 1):  # every prefix of its title holds the row
            app.screen.filter_input.value = title[:count]
            await pilot.pause()
            assert table.selected.id == row, title[:count]
            check(app, table, title[:count])
            assert f"{row}" in "\n".join(drawn(app))  # and it is on screen
        app.screen.filter_input.value = "gamma"  # a filter without it: the next row shown
        await pilot.pause()
        if "gamma" not in title:
            later = [i for i in full_filter(table, "gamma") if i < row]  # ids: newest first
            assert table.selected.id == (later[0] if later else full_filter(table, "gamma")[-1])
        app.screen.filter_input.value = ""
        await pilot.pause()
        check(app, table, "")
