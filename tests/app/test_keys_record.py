"""Keys on the record, list and help screens go where users expect (issue 13, items 2, 6, 7).

Found by hand: `/` on the Members pane showed the search bar but left focus on the tree, so
typing `raman` refreshed the engagement and copied the ARN twice; `j`/`k`/`g`/`G` did
nothing in the members table and in help; shrinking the window left the cursor off screen;
the search bar offered `n/N` while `n` was a letter of the query.
"""

from __future__ import annotations

from support import settle
from test_engagement_extras import data, make_app, open_engagement
from test_engagement_list import items, open_list
from textual.widgets import Input, Static

from engtui.screens.help import HelpScreen
from engtui.widgets.context_tree import ContextTree
from engtui.widgets.related_pane import RelatedPane


async def test_slash_on_the_members_pane_focuses_the_search_input(make_demo_server) -> None:
    server = make_demo_server(data(members=3))
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_engagement(app, pilot)
        await pilot.press("2")
        await settle(app, pilot)
        requests = len(server.requests)
        await pilot.press("slash")
        await pilot.pause()
        field = screen.query_one("#search-input", Input)
        assert app.focused is field
        await pilot.press(*"raman")
        await settle(app, pilot)
        assert field.value == "raman"
        assert len(server.requests) == requests  # no `r` refresh
        assert app.focused is field


async def test_slash_on_the_opportunities_pane_focuses_the_search_input(make_demo_server) -> None:
    server = make_demo_server(data(members=3))
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_engagement(app, pilot)
        await pilot.press("3")
        await settle(app, pilot)
        await pilot.press("slash", *"Lake")
        await pilot.pause()
        assert screen.query_one("#search-input", Input).value == "Lake"


async def test_vi_keys_move_in_the_members_table(make_demo_server) -> None:
    server = make_demo_server(data(members=23))
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_engagement(app, pilot)
        await pilot.press("2")
        await settle(app, pilot)
        table = screen.query_one("#members", RelatedPane).table
        assert app.focused is table and table.cursor_row == 0
        await pilot.press("j", "j", "j")
        assert table.cursor_row == 3
        await pilot.press("k")
        assert table.cursor_row == 2
        await pilot.press("G")
        assert table.cursor_row == 22
        await pilot.press("g")
        assert table.cursor_row == 0


async def test_vi_keys_scroll_the_help(make_demo_server) -> None:
    server = make_demo_server(data(members=3))
    app = make_app(server.url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_engagement(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        body = app.screen.query_one("#help-body")
        assert body.max_scroll_y > 2, "the help must be longer than the screen for this test"
        await pilot.press("j", "j")
        await pilot.pause()
        assert body.scroll_y == 2
        await pilot.press("G")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("g")
        await pilot.pause()
        assert body.scroll_y == 0


async def test_search_hint_offers_n_only_outside_the_input(make_demo_server) -> None:
    server = make_demo_server(data(members=3))
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_engagement(app, pilot)
        await pilot.press("slash", *"Example")
        await pilot.pause()
        count = screen.query_one("#search-count", Static)
        assert "match 1 of" in str(count.render())
        assert "n/N" not in str(count.render())
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.focused, ContextTree)
        assert "n/N" in str(count.render())


def visible(top: float, line: int, height: int) -> bool:
    return round(top) <= line < round(top) + height


async def test_shrinking_keeps_the_list_cursor_in_view(make_demo_server) -> None:
    server = make_demo_server({"engagements": items(40)})
    app = make_app(server.url)
    async with app.run_test(size=(120, 40)) as pilot:
        _, table = await open_list(app, pilot)
        await pilot.press(*"j" * 25)
        await pilot.pause()
        assert table.cursor == 25
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        rows = table.scrollable_content_region.height - 1  # under the header
        assert visible(table.scroll_y, 25, rows), (table.scroll_y, rows)


async def test_shrinking_keeps_the_tree_cursor_in_view(make_demo_server) -> None:
    server = make_demo_server(data(members=3))
    app = make_app(server.url)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_engagement(app, pilot)
        tree = screen.query_one(ContextTree)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*"j" * 30)
        await pilot.pause()
        line = tree.cursor_line
        assert line == 30
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert visible(tree.scroll_y, line, tree.scrollable_content_region.height), (
            tree.scroll_y, tree.scrollable_content_region.height)


async def test_shrinking_keeps_the_members_cursor_in_view(make_demo_server) -> None:
    server = make_demo_server(data(members=40))
    app = make_app(server.url)
    async with app.run_test(size=(120, 50)) as pilot:
        screen = await open_engagement(app, pilot)
        await pilot.press("2")
        await settle(app, pilot)
        table = screen.query_one("#members", RelatedPane).table
        await pilot.press(*"j" * 30)
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        height = table.scrollable_content_region.height - 1
        assert visible(table.scroll_y, table.cursor_row, height), (table.scroll_y, height)


