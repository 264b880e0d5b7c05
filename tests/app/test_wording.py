"""Issue 13, item 10: what the app says is exact, and says what it did (typed as a user)."""

from __future__ import annotations

from support import engagement, make_app, settle
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
