"""The key bar: the screen's keys on one line, following focus and screens; a click presses
the key."""

from __future__ import annotations

from support import ENGAGEMENT_ID, engagement, make_app, plain

from engtui.screens.lookup import LookupScreen
from engtui.screens.record import RecordScreen
from engtui.widgets.key_bar import KeyBar


def _line(app) -> str:
    return plain(app.screen.query_one(KeyBar))


async def test_shows_the_screens_keys_and_follows_the_screen(make_demo_server) -> None:
    server = make_demo_server({"engagements": [engagement()]})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LookupScreen)
        line = _line(app)
        assert line.startswith("esc Cancel ^r Retry ^t Catalog ^l List")
        assert "Reopen recent" not in line  # show=False bindings stay out
        await pilot.press(*ENGAGEMENT_ID, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen)
        line = _line(app)
        assert "esc Back" in line and "/ Search" in line and "^t Catalog" not in line
        await pilot.press("escape")
        await pilot.pause()
        assert _line(app).startswith("esc Cancel")


async def test_a_click_on_a_key_presses_it(make_demo_server) -> None:
    server = make_demo_server({"engagements": [engagement()]})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        line = _line(app)
        column = line.index("Catalog")
        assert bar.key_at(column) == "ctrl+t"
        assert bar.key_at(len(line) + 5) is None
        before = app.screen.catalog
        await pilot.click(KeyBar, offset=(column, 0))
        await pilot.pause()
        assert app.screen.catalog != before


async def test_a_modal_without_a_bar_puts_its_keys_in_the_bar_below(make_demo_server) -> None:
    from engtui.screens.help import HelpScreen

    server = make_demo_server({"engagements": [engagement()]})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*ENGAGEMENT_ID, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        record = app.screen
        assert isinstance(record, RecordScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        line = plain(record.query_one(KeyBar))  # the bottom line, under the help
        assert "Close" in line and "Refresh" not in line and "Search" not in line, line
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is record
        line = plain(record.query_one(KeyBar))
        assert "esc Back" in line and "Refresh" in line and "Close" not in line, line


async def test_at_80_columns_short_descriptions_keep_more_keys(make_demo_server) -> None:
    server = make_demo_server({"engagements": [engagement()]})
    app = make_app(server.url)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*ENGAGEMENT_ID, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen)
        line = _line(app)
        assert "v JSON" in line and line.rstrip().endswith("? Help"), line  # v reads it all
        assert "y Copy " in line and "Copy value" not in line  # one word each, to fit
        assert len(line.rstrip()) <= 80
