"""Issue 13, item 10: what the app says is exact, and says what it did (typed as a user)."""

from __future__ import annotations

from support import ENGAGEMENT_ID, engagement, make_app, settle
from textual.widgets import Input

from engtui.screens.list_options import ListOptionsScreen


async def focus_by_tab(app, pilot, widget_id: str) -> None:
    """Tab until the widget with ``widget_id`` has focus, as a user would."""
    for _ in range(12):
        if app.focused is not None and app.focused.id == widget_id:
            return
        await pilot.press("tab")
    raise AssertionError(f"tab never reached #{widget_id}")


async def test_list_options_refuse_an_account_id_that_is_not_12_digits(
    make_demo_server,
) -> None:
    server = make_demo_server({"engagements": [engagement()]})
    app = make_app(server.url)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        await pilot.press("o")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ListOptionsScreen)
        await focus_by_tab(app, pilot, "created-by")
        await pilot.press(*"12345", "ctrl+s")
        await pilot.pause()
        assert app.screen is dialog  # refused before any request
        problem = str(dialog.query_one("#options-problem").render())
        assert "“12345” is not an account id: it has 5 digits, not 12." in problem
        assert isinstance(app.focused, Input)


async def test_help_lists_n_and_shift_n_but_not_textual_internals(make_demo_server) -> None:
    from engtui.screens.help import HelpScreen

    server = make_demo_server({"engagements": [engagement()]})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*ENGAGEMENT_ID, "enter")
        await settle(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = {row.keys: row.description for row in app.screen.rows}
        assert rows.get("n") == "Next match" and rows.get("N") == "Previous match", rows
        descriptions = set(rows.values())
        assert "Copy selected text" not in descriptions
        assert "Expand or collapse all" not in descriptions
        assert not [keys for keys in rows if "super+" in keys or "shift+space" in keys]
        # The keys of the lookup screen's input neither.
        await pilot.press("escape", "escape")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "Copy selected text" not in {row.description for row in app.screen.rows}
