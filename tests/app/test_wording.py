"""Issue 13, item 10: what the app says is exact, and says what it did (typed as a user)."""

from __future__ import annotations

import pytest
from support import ENGAGEMENT_ID, engagement, make_app, plain, settle
from textual.widgets import Input

from engtui.screens.list_options import ListOptionsScreen


async def focus_by_tab(app, pilot, widget_id: str) -> None:
    """Tab until the widget with ``widget_id`` has focus, as a user would."""
    for _ in range(40):  # the options dialog has a dozen fields and more
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


def lookup_texts(app) -> tuple[str, str]:
    """The lookup screen's validation line and status line, as drawn."""
    from textual.widgets import Static

    from engtui.widgets.lookup_status import LookupStatus

    screen = app.screen
    return (plain(screen.query_one("#validation", Static)).strip(),
            plain(screen.query_one(LookupStatus).query_one("#status-line", Static)).strip())


CONSOLE_URL = ("https://partnercentral.awspartner.com/partnercentral2/s/engagements/"
               f"{ENGAGEMENT_ID}?tab=members")


@pytest.mark.parametrize(
    ("typed", "note"),
    [(CONSOLE_URL, f"read {ENGAGEMENT_ID} from the pasted URL"),
     (ENGAGEMENT_ID.upper(), f"{ENGAGEMENT_ID.upper()} read as {ENGAGEMENT_ID}")],
    ids=["console-url", "upper-case"],
)
async def test_a_console_url_or_upper_case_id_is_normalised_and_said(
    make_demo_server, typed: str, note: str
) -> None:
    from engtui.screens.record import RecordScreen

    server = make_demo_server({"engagements": [engagement()]})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*typed, "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, RecordScreen)
        assert app.screen.record.id == ENGAGEMENT_ID
        sent = [r.params["Identifier"] for r in server.requests if r.operation == "GetEngagement"]
        assert sent == [ENGAGEMENT_ID]
        await pilot.press("escape")
        await pilot.pause()
        assert lookup_texts(app)[1] == f"Opened {ENGAGEMENT_ID} ({note})."


async def test_a_url_without_an_id_is_refused_with_the_reason(make_demo_server) -> None:
    server = make_demo_server({"engagements": [engagement()]})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*"https://partnercentral.awspartner.com/x", "enter")
        await pilot.pause()
        assert "is a URL with no id engtui can open in it" in lookup_texts(app)[0]
        assert server.requests == []


async def test_the_last_opened_line_goes_when_a_new_error_comes(make_demo_server) -> None:
    server = make_demo_server({"engagements": [engagement()]})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*ENGAGEMENT_ID, "enter")
        await settle(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert lookup_texts(app)[1] == f"Opened {ENGAGEMENT_ID}."
        await pilot.press("ctrl+u", *"eng-nope", "enter")
        await pilot.pause()
        validation, status = lookup_texts(app)
        assert validation.startswith("✗ ") and "eng-nope" in validation
        assert status == ""
