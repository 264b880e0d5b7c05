"""Export on a list screen (``e``, issue 23 part 6): the loaded rows that pass the filter,
with the list's columns, as CSV or JSON, through the record export's dialog; the file holds
what is on screen (masked in privacy mode), a formula neutralised. Against the demo
endpoint over HTTP."""

from __future__ import annotations

import copy
import csv
import io
import json
from importlib import resources

from support import make_app, settle
from textual.widgets import Input

from engtui.screens.list_export import ListExportScreen
from engtui.screens.record_list import ListScreen
from engtui.widgets.summary_table import SummaryTable

FORMULA = "=SUM(1,2)*cmd|' /C calc'!A0"


def data() -> dict:
    """The bundled data, the first invitation's engagement title a formula."""
    text = resources.files("engtui.demo").joinpath("sample_data.json").read_text("utf-8")
    value = copy.deepcopy(json.loads(text))
    value["invitations"][0]["EngagementTitle"] = FORMULA
    return value


def screen_lines(table: SummaryTable) -> list[str]:
    return [table.render_line(y).text for y in range(table.size.height)]


async def open_inbox(app, pilot) -> tuple[ListScreen, SummaryTable]:
    await pilot.pause()
    await pilot.press("f3")
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, ListScreen)
    return screen, screen.query_one(SummaryTable)


async def export(app, pilot, path: str) -> ListExportScreen:
    await pilot.press("e")
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, ListExportScreen)
    dialog.query_one(Input).value = path
    await pilot.pause()
    await pilot.press("enter")
    await settle(app, pilot)
    return dialog


async def test_csv_export_holds_the_rows_on_screen(make_demo_server, tmp_path) -> None:
    server = make_demo_server(data())
    app = make_app(server.url)
    async with app.run_test(size=(160, 30)) as pilot:
        screen, table = await open_inbox(app, pilot)
        await pilot.press("slash", *"aws", "enter")  # the filter: those from AWS
        await settle(app, pilot)
        shown = table.shown_ids()
        drawn = table.shown_rows()  # the strings the screen draws its cells from
        lines = [line for line in screen_lines(table)[1:] if line.strip()]
        header_line = screen_lines(table)[0]
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ListExportScreen)
        sentence = str(dialog.query_one("#export-what").render())
        assert shown == ["engi-p3nd1ngaws001"] and table.row_count == 3
        assert "1 invitation of 3 loaded, those the filter “aws” shows" in sentence
        assert "columns Id, Engagement, Status, Type, From, Invited, Expiry" in sentence
        assert dialog.query_one("#export-box").border_title == "Export as CSV"
        dialog.query_one(Input).value = str(tmp_path / "inbox.csv")
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is screen
        header, *rows = list(csv.reader(io.StringIO(
            (tmp_path / "inbox.csv").read_text("utf-8"), newline="")))
    # The columns the screen shows, in its order; one row per row on screen, in its order.
    assert header == ["Id", "Engagement", "Status", "Type", "From", "Invited", "Expiry"]
    positions = [header_line.index(title) for title in header]
    assert positions == sorted(positions)
    assert [row[0] for row in rows] == shown
    assert len(rows) == len(lines)
    for row, line in zip(rows, lines, strict=True):
        for value in row:  # each cell as the screen shows it (cut there to its column)
            assert value.removeprefix("'")[:10] in line
    assert rows == [["" if value == "—" else value.replace(FORMULA, "'" + FORMULA)
                     for value in row] for row in drawn]
    assert rows[0][1] == "'" + FORMULA  # neutralised: a spreadsheet shows it, never runs it


async def test_json_export_in_privacy_mode_is_masked_and_says_so(make_demo_server,
                                                                 tmp_path) -> None:
    server = make_demo_server(data())
    app = make_app(server.url)
    async with app.run_test(size=(160, 30)) as pilot:
        _, table = await open_inbox(app, pilot)
        await pilot.press("f9")  # privacy mode: the list reloads, masked
        await settle(app, pilot)
        rows_on_screen = table.shown_rows()
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ListExportScreen)
        assert "masked (privacy mode)" in str(dialog.query_one("#export-what").render())
        dialog.query_one(Input).value = str(tmp_path / "inbox.json")
        await pilot.pause()
        assert dialog.query_one("#export-box").border_title == "Export as JSON"
        await pilot.press("enter")
        await settle(app, pilot)
        written = json.loads((tmp_path / "inbox.json").read_text("utf-8"))
    assert written["Redacted"] is True and written["List"] == "invitations"
    assert written["Catalog"] == "Sandbox" and written["Filter"] is None
    columns = written["Columns"]
    assert [[row[title] for title in columns] for row in written["Rows"]] == [
        [None if value == "—" else value for value in row] for row in rows_on_screen]
    text = json.dumps(written, ensure_ascii=False)
    assert "Tidewater Health" not in text and FORMULA not in text  # the titles, masked
    assert {row["Engagement"] for row in written["Rows"]} == {"••••••"}


async def test_export_never_replaces_a_file_without_asking(make_demo_server, tmp_path) -> None:
    server = make_demo_server(data())
    app = make_app(server.url)
    target = tmp_path / "inbox.csv"
    target.write_text("keep me", encoding="utf-8")
    async with app.run_test(size=(100, 30)) as pilot:
        screen, _ = await open_inbox(app, pilot)
        await export(app, pilot, str(target))
        assert "Replace it?" in str(app.screen.query_one("#confirm-question").render())
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is screen
    assert target.read_text(encoding="utf-8") == "keep me"
