"""Issue 13, item 8: text is cut with `…` where the width ends, never mid-word or letter by
letter, and every value stays readable somewhere (the detail pane, the raw JSON view `v`)."""

from __future__ import annotations

from support import ENGAGEMENT_ID, engagement, look_up, make_app, settle

from engtui.screens.raw_json import RawJsonScreen
from engtui.screens.record import RecordScreen

LONG = ("Nightly batch loads into a 40 TB on-premises warehouse miss their window twice a "
        "week, and analysts wait for the numbers.")
DESCRIPTION = ("Joint AWS and partner engagement to move Northwind's on-premises warehouse to "
               "a governed lakehouse, with three inbound leads from its subsidiaries.")


def data() -> dict:
    record = engagement(Description=DESCRIPTION)
    context = record["Contexts"][0]
    context["Payload"]["CustomerProject"]["Customer"]["CompanyName"] = (
        "Northwind Analytics Incorporated Holdings")
    context["Payload"]["CustomerProject"]["Project"]["BusinessProblem"] = LONG
    return {"engagements": [record]}


def screen_lines(app) -> list[str]:
    """The screen as drawn, one string a line."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def box(lines: list[str], title: str) -> list[str]:
    """The lines of the bordered box whose top border carries ``title`` (inside its left
    border, up to the next border character)."""
    top = next(index for index, line in enumerate(lines) if f"─ {title}" in line)
    left = lines[top].index("╭", max(0, lines[top].index(f"─ {title}") - 2))
    right = lines[top].index("╮", left)
    inside = []
    for line in lines[top + 1:]:
        if line[left] == "╰":
            break
        inside.append(line[left + 1:right].strip())
    return inside


async def open_record(app, pilot) -> RecordScreen:
    await pilot.pause()
    await look_up(app, pilot, ENGAGEMENT_ID)
    assert isinstance(app.screen, RecordScreen)
    return app.screen


async def test_tree_labels_use_the_width_and_end_in_an_ellipsis(make_demo_server) -> None:
    server = make_demo_server(data())
    app = make_app(server.url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_record(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        tree = box(screen_lines(app), "Contexts")
        context = next(line for line in tree if "CustomerProject ·" in line)
        assert context.endswith("…"), tree  # cut where the tree ends, and says so
        await pilot.resize_terminal(250, 40)
        await pilot.pause()
        tree = box(screen_lines(app), "Contexts")
        assert any(f"BusinessProblem: {LONG}" in line for line in tree), tree  # whole, wide


async def test_the_detail_pane_puts_names_above_values_at_80_columns(make_demo_server) -> None:
    server = make_demo_server(data())
    app = make_app(server.url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_record(app, pilot)
        await pilot.press("e", "down", "down", "down")  # the customer of the first context
        await pilot.pause()
        detail = box(screen_lines(app), "Customer ·")
        assert "CompanyName" in detail, detail  # the name whole, on a line of its own
        at = detail.index("CompanyName")
        assert " ".join(detail[at + 1:at + 3]).startswith("Northwind Analytics Incorporated")
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        detail = box(screen_lines(app), "Customer ·")
        assert any(line.startswith("CompanyName Northwind Analytics Incorporated")
                   for line in detail), detail  # wide enough: side by side again


async def test_the_header_is_compact_when_short_and_says_where_the_rest_is(
    make_demo_server,
) -> None:
    server = make_demo_server(data())
    app = make_app(server.url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_record(app, pilot)
        lines = screen_lines(app)
        header = box(lines, "Test engagement")
        assert len(header) == 3, header
        assert header[1].startswith("CreatedAt") and "(10 months ago)" in header[1]  # whole
        assert header[2].startswith("Description") and header[2].endswith("…")
        assert any("catalog Sandbox · v: 2 more fields ─╯" in line for line in lines)
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        lines = screen_lines(app)
        header = box(lines, "Test engagement")
        assert [line.split()[0] for line in header] == [
            "Id", "CreatedAt", "ModifiedAt", "Arn", "Description"]
        assert any("catalog Sandbox · v: every value in full ─╯" in line for line in lines)
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, RawJsonScreen)
        text = " ".join(line.strip(" │") for line in screen_lines(app))
        assert " ".join(DESCRIPTION.split()) in " ".join(text.split())


async def test_the_profiles_table_keeps_every_column_at_80_columns(make_demo_server) -> None:
    from engtui.screens.profiles import ProfilesScreen

    server = make_demo_server(data())
    app = make_app(server.url)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await settle(app, pilot)
        assert isinstance(app.screen, ProfilesScreen)
        lines = screen_lines(app)
        header = next(line for line in lines if "Credentials" in line)
        assert header.split() == ["Name", "Credentials", "Secret", "Region", "Catalog"]
        row = next(line for line in lines if "environment " in line and "us-east-1" in line)
        assert row.rstrip().endswith("AWS") and "…" in row, row  # cut, with a mark
        assert any("none found (boto3's default chain)" in line for line in lines)  # in full
