"""``d`` on a record: what changed since the previous revision of a snapshot, or from another
record of the kind, on screen (issue 23, part 2). Against the demo endpoint over HTTP."""

from __future__ import annotations

from support import make_app, plain, settle
from test_read_only import look_up
from textual.widgets import DataTable, Input, Static

from engtui.screens.record import RecordScreen
from engtui.screens.record_diff import CompareDialog, DiffScreen

SNAPSHOT = ("arn:aws:partnercentral:us-east-1:111122223333:catalog/Sandbox/engagement/"
            "eng-p4r0s5p3c7r3s1/resource-snapshot/O6100001/OpportunitySummary/3")


def rows(screen: DiffScreen) -> list[list[str]]:
    table = screen.query_one("#changes", DataTable)
    return [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]


def title(screen: DiffScreen) -> str:
    return plain(screen.query_one("#diff-title", Static)).strip()


async def test_d_on_a_snapshot_shows_what_changed_since_the_previous_revision(
        demo_server) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await look_up(app, pilot, SNAPSHOT)
        record = app.screen
        assert isinstance(record, RecordScreen)
        await pilot.press("d")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, DiffScreen)
        assert title(screen) == "From O6100001 rev 2 to O6100001 rev 3: 6 changes"
        shown = rows(screen)
        assert ["~", "Revision", "2", "3"] in shown
        stage = next(row for row in shown if row[1].endswith("Lifecycle > Stage"))
        assert stage[2:] == ["Qualified", "Technical Validation"]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is record


async def test_c_picks_another_revision_to_compare_with(demo_server) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=(80, 24)) as pilot:
        await look_up(app, pilot, SNAPSHOT)
        await pilot.press("d")
        await settle(app, pilot)
        await pilot.press("c")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CompareDialog)
        assert [label for label, _ in dialog.choices] == [
            "Revision 2 of O6100001", "Revision 1 of O6100001"]
        await pilot.press("down", "down", "enter")  # the list, then its second line
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, DiffScreen)
        assert title(screen).startswith("From O6100001 rev 1 to O6100001 rev 3: ")
        assert ["~", "Revision", "1", "3"] in rows(screen)


async def test_d_on_an_engagement_asks_for_another_and_refuses_a_bad_id(demo_server) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await look_up(app, pilot, "eng-a1b2c3d4e5f6g7")
        await pilot.press("d")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CompareDialog)
        await pilot.press(*"O6100001", "enter")  # not an engagement: said, dialog stays
        await pilot.pause()
        assert app.screen is dialog
        assert "engagement" in plain(dialog.query_one("#compare-error", Static))
        dialog.query_one(Input).value = ""
        await pilot.press(*"eng-p4r0s5p3c7r3s1", "enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, DiffScreen)
        assert title(screen).startswith("From eng-p4r0s5p3c7r3s1 to eng-a1b2c3d4e5f6g7: ")
        assert ["~", "Id", "eng-p4r0s5p3c7r3s1", "eng-a1b2c3d4e5f6g7"] in rows(screen)
        assert any("Northwind" in " ".join(row) for row in rows(screen))
        await pilot.press("f9")  # privacy mode: both sides masked, redrawn at once
        await pilot.pause()
        assert not any("Northwind" in " ".join(row) or "Cinder" in " ".join(row)
                       for row in rows(screen))


async def test_a_failed_fetch_is_said_and_escape_still_goes_back(demo_server) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await look_up(app, pilot, "eng-a1b2c3d4e5f6g7")
        record = app.screen
        await pilot.press("d", *"eng-zzzzzzzzzzzzzz", "enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, DiffScreen)
        assert title(screen).startswith("Could not fetch eng-zzzzzzzzzzzzzz: ")
        assert rows(screen) == []
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is record
