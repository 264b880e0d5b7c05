"""The raw JSON view (``v``): the whole response in full, searchable, masked in privacy
mode, and Escape back to the record as it was."""

from __future__ import annotations

import json

from support import make_app, settle
from test_read_only import look_up
from textual.widgets import TextArea

from engtui.screens.raw_json import RawJsonScreen, find_all
from engtui.screens.record import RecordScreen


def test_find_all_is_case_insensitive_and_finds_every_occurrence() -> None:
    assert find_all('{"A": "abc",\n "b": "ABCabc"}', "abc") == [(0, 7), (1, 7), (1, 10)]
    assert find_all("anything", "  ") == []


async def test_raw_json_shows_every_value_in_full_and_searches(demo_server) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=(80, 24)) as pilot:
        await look_up(app, pilot, "eng-p4r0s5p3c7r3s1")
        record = app.screen
        assert isinstance(record, RecordScreen)
        await pilot.press("v")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RawJsonScreen)
        text = screen.query_one(TextArea).text
        assert json.loads(text)["Description"] == record.record.data["Description"]  # uncut
        await pilot.press("slash", *"prospecting")
        await pilot.pause()
        assert len(screen.matches) >= 2
        first = screen.query_one(TextArea).selection
        await pilot.press("enter", "n")
        await pilot.pause()
        assert screen.query_one(TextArea).selection != first
        assert screen.query_one(TextArea).selected_text.lower() == "prospecting"
        await pilot.press("escape")  # closes the search
        await pilot.press("escape")  # back to the record
        await pilot.pause()
        assert app.screen is record


async def test_raw_json_is_masked_in_privacy_mode(demo_server) -> None:
    app = make_app(demo_server.url, )
    async with app.run_test(size=(100, 30)) as pilot:
        await look_up(app, pilot, "eng-a1b2c3d4e5f6g7")
        company = json.dumps(app.screen.record.data["Contexts"][0]["Payload"])
        await pilot.press("f9", "v")
        await pilot.pause()
        text = app.screen.query_one(TextArea).text
        assert "privacy" in str(app.screen.query_one(TextArea).border_title)
        assert json.dumps(json.loads(text)["Contexts"][0]["Payload"]) != company
        await settle(app, pilot)
