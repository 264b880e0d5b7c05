"""The engagement search, the groups and the opportunities lists, typed as a user would,
through the real wire: what reaches the demo endpoint, what the summary line says, where
Enter and Escape go."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from support import make_app, plain, settle
from test_cosell_walk import select_row, shown
from test_engagement_list import item, sample_context, summary_text
from textual.widgets import Input, Select

from engtui.api import list_queries
from engtui.screens.list_options import ListOptionsScreen
from engtui.screens.lookup import LookupScreen
from engtui.screens.record_list import ListScreen
from engtui.widgets.breadcrumb import Breadcrumb
from engtui.widgets.key_bar import KeyBar
from engtui.widgets.keyword_input import KeywordInput
from engtui.widgets.summary_table import SummaryTable

GROUP_TWO = "eng-grp-mktgready00002"


def group_members(group: str) -> list[str]:
    """The engagement ids of a group in the bundled sample data."""
    text = resources.files("engtui.demo").joinpath("sample_data.json").read_text("utf-8")
    return next(g["$engagements"] for g in json.loads(text)["groups"] if g["Id"] == group)


def calls(server, operation: str) -> list[dict]:
    return [r.params for r in server.requests if r.operation == operation]


async def open_engagements(app, pilot) -> ListScreen:
    await pilot.pause()
    await pilot.press("ctrl+l")
    await settle(app, pilot)
    assert isinstance(app.screen, ListScreen)
    return app.screen


async def search(app, pilot, keyword: str) -> None:
    await pilot.press("ctrl+f", *keyword, "enter")
    await settle(app, pilot)


async def test_keyword_search_reaches_the_wire_as_search_engagements(make_demo_server) -> None:
    server = make_demo_server()
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_engagements(app, pilot)
        assert "ListEngagements  ·  newest first" in summary_text(screen)
        before = screen.table.row_count
        await search(app, pilot, "lead")
        (request,) = calls(server, "SearchEngagements")
        assert request["Keyword"] == "lead"
        assert "SearchEngagements  ·  keyword “lead” · newest first" in summary_text(screen)
        ids = screen.table.shown_ids()
        assert ids and len(ids) < before
        assert "eng-l7d1n5g2h8t4s6" in ids  # "Tidewater Health lead"
        # search results carry contexts: company and lead status, with no extra call
        lines = [screen.table.render_line(y).text for y in range(4)]
        assert "Company" in lines[0] and "Lead" in lines[0]
        assert any("Harborview Cl" in line and "Qualified" in line for line in lines)
        assert screen.query_one(KeywordInput).value == "lead"

        # a result opened and back: the same search, the cursor on the same row
        await select_row(app, pilot, "eng-l7d1n5g2h8t4s6")
        assert shown(app) == "engagement eng-l7d1n5g2h8t4s6"
        searches = len(calls(server, "SearchEngagements"))
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.table.selected.id == "eng-l7d1n5g2h8t4s6"
        assert "keyword “lead”" in summary_text(screen)
        assert len(calls(server, "SearchEngagements")) == searches  # not searched again

        # Escape in the field clears the keyword: ListEngagements again
        await pilot.press("ctrl+f", "escape")
        await settle(app, pilot)
        assert "ListEngagements" in summary_text(screen)
        assert screen.table.row_count == before
        assert screen.query_one(KeywordInput).value == ""
        assert server.requests[-1].operation == "ListEngagements"

        # a keyword in force: Escape on the rows clears it first, then goes back
        await search(app, pilot, "harborview")
        assert screen.table.shown_ids() == ["eng-0c4f8h2j6l1n5p"]
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is screen and "ListEngagements" in summary_text(screen)
        await pilot.press("escape")
        assert isinstance(app.screen, LookupScreen)


async def test_without_search_engagements_the_list_stays_list_engagements(
        make_demo_server, monkeypatch) -> None:
    """An older botocore (no SearchEngagements): the keyword is refused with the reason, the
    list stays ListEngagements, and the summary line says why."""
    monkeypatch.setattr(list_queries, "has_operation", lambda name: False)
    server = make_demo_server()
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_engagements(app, pilot)
        await search(app, pilot, "cloud")
        assert calls(server, "SearchEngagements") == []
        assert {r.operation for r in server.requests} == {"ListEngagements"}
        text = summary_text(screen)
        assert "ListEngagements (this botocore has no SearchEngagements)" in text
        assert "keyword" not in text
        assert screen.query_one(KeywordInput).value == ""  # refused, with the reason
        assert any("No keyword search" in n.message for n in app._notifications)
        # search-only options are not offered either
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ListOptionsScreen)
        assert not app.screen.query(Select)


async def test_search_options_build_the_filter_tree(make_demo_server) -> None:
    server = make_demo_server()
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_engagements(app, pilot)
        await pilot.press("o")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ListOptionsScreen)
        dialog.query_one("#lead-status", Input).value = "Qualified"
        dialog.query_one("#created-from", Input).value = "2025-13-01"
        await pilot.press("ctrl+s")
        assert app.screen is dialog  # refused, no request
        assert "is not a date" in str(dialog.query_one("#options-problem").render())
        dialog.query_one("#created-from", Input).value = "2025-06-01"
        dialog.query_one("#sort-by", Select).value = "Title"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is screen
        (request,) = calls(server, "SearchEngagements")
        assert request["Sort"] == {"SortBy": "Title", "SortOrder": "DESCENDING"}
        assert request["Filter"]["AndAllFilters"][0] == {"EqualsTo": {
            "Key": "LeadQualificationStatus", "Value": {"StringValue": "Qualified"}}}
        ids = screen.table.shown_ids()
        # exactly Qualified: not the demo's Unqualified lead (ContainsAny is a substring match)
        assert {summary.lead_status for summary in screen.table._summaries} == {"Qualified"}
        assert "eng-0c4f8h2j6l1n5p" in ids  # Qualified, created 2026-07-21
        assert "eng-l7d1n5g2h8t4s6" not in ids  # Qualified, but created 2025-01-08
        titles = [summary.title for summary in screen.table._summaries]
        assert titles == sorted(titles, reverse=True)
        text = summary_text(screen)
        assert "SearchEngagements" in text and "by Title, descending" in text
        assert "lead Qualified" in text and "created 2025-06-01 to …" in text


async def test_a_group_opens_its_engagements_and_escape_comes_back(demo_server) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f4")
        await settle(app, pilot)
        groups = app.screen
        assert shown(app) == "list groups"
        assert "3 groups  ·  ListEngagementGroups" in summary_text(groups)
        assert groups.table.shown_ids()[1] == GROUP_TWO
        await select_row(app, pilot, GROUP_TWO)  # the second row: the cursor moved
        assert shown(app) == "list engagements"
        engagements = app.screen
        request = [r for r in demo_server.requests if r.operation == "SearchEngagements"][-1]
        assert request.params["GroupId"] == GROUP_TWO
        assert sorted(engagements.table.shown_ids()) == sorted(group_members(GROUP_TWO))
        assert "SearchEngagements  ·  group Marketing-ready" in summary_text(engagements)
        assert "Group Marketing-ready" in plain(engagements.query_one(Breadcrumb))
        # a record from the group's list, then back step by step
        first = engagements.table.shown_ids()[0]
        await select_row(app, pilot, first)
        assert shown(app) == f"engagement {first}"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is engagements
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is groups
        assert groups.table.selected.id == GROUP_TWO  # the cursor where it was
        # F4 again from the lookup screen comes back to this list, not a second one
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f4")
        await settle(app, pilot)
        assert shown(app) == "list groups"


async def test_opportunities_open_their_record(demo_server) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f6")
        await settle(app, pilot)
        listed = app.screen
        assert shown(app) == "list opportunities"
        assert ("7 opportunities  ·  SearchOpportunities  ·  last modified first · any stage"
                in summary_text(listed))
        assert "O1100220" not in listed.table.shown_ids()  # the AWS catalog's
        await select_row(app, pilot, "O6100002")
        assert shown(app) == "opportunity O6100002"
        # its solutions: ListSolutions of the ids GetOpportunity names
        await pilot.press("3")
        await settle(app, pilot)
        request = [r for r in demo_server.requests if r.operation == "ListSolutions"][-1]
        assert request.params["Identifier"] == ["S-0000001", "S-0000002"]
        assert [row["Id"] for row in app.screen.record.related["solutions"]] == [
            "S-0000001", "S-0000002"]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is listed and listed.table.selected.id == "O6100002"


@pytest.mark.parametrize(("key", "operation", "member", "first", "second"), [
    ("f4", "ListEngagementGroups", "ReadinessLevel", "SalesReady", "MarketingReady"),
])  # the opportunities list's f: tests/app/test_opportunity_search.py
async def test_f_steps_the_lists_own_filter_through_the_wire(
        demo_server, key: str, operation: str, member: str, first, second) -> None:
    """``f`` on the groups list steps the readiness level, on the opportunities list the
    life-cycle stage: each step reloads with it, and the rows are the service's answer."""
    app = make_app(demo_server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(key)
        await settle(app, pilot)
        listed = app.screen
        everything = listed.table.row_count
        assert member not in calls(demo_server, operation)[-1]
        for expected in (first, second):
            await pilot.press("f")
            await settle(app, pilot)
            assert calls(demo_server, operation)[-1][member] == expected
            label = expected if isinstance(expected, str) else expected[0]
            assert f"{operation}  ·  {label} ·" in summary_text(listed)
            assert 0 < listed.table.row_count < everything
        keys = plain(listed.query_one(KeyBar))
        assert ("f Readiness" if key == "f4" else "f Stage") in keys and "Status" not in keys


async def test_an_opportunity_without_solutions_asks_nothing(demo_server) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*"O6100004", "enter")
        await settle(app, pilot)
        assert shown(app) == "opportunity O6100004"
        before = len(demo_server.requests)
        await pilot.press("3")
        await settle(app, pilot)
        assert app.screen.record.related["solutions"] == []
        assert [r.operation for r in demo_server.requests[before:]] == []


@pytest.mark.parametrize("hostile", [
    "[bold red]loud[/bold red]", "[link=https://e.example/]x[/link]",
    "\x1b]52;c;QQ==\x07x\x1b[2J\x9b31m",
])
async def test_group_and_company_names_are_plain_text(make_demo_server, hostile) -> None:
    lead = sample_context("Lead")
    lead["Payload"]["Lead"]["Customer"]["CompanyName"] = f"Co {hostile}"
    server = make_demo_server({
        "engagements": [item(1, hostile, Contexts=[lead])],
        "groups": [{"Id": "eng-grp-hostile0000001", "Name": f"Group {hostile}",
                    "ReadinessLevel": "SalesReady", "UpdatedAt": "2026-01-01T00:00:00Z",
                    "$engagements": ["eng-t0000000000001"]}],
    })
    app = make_app(server.url)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f4")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        screen = app.screen
        table = screen.query_one(SummaryTable)
        assert table.shown_ids() == ["eng-t0000000000001"]
        drawn = "\n".join(table.render_line(y).text for y in range(3))
        drawn += "\n" + summary_text(screen) + "\n" + plain(screen.query_one(Breadcrumb))
        assert not any(char in drawn for char in "\x1b\x07\x9b")
        if hostile.startswith("["):  # shown literally, never parsed as markup
            assert f"Co {hostile}"[:13] in drawn and hostile in drawn  # Company: 14 wide
            assert f"group Group {hostile}" in summary_text(screen)


async def test_the_palette_and_help_reach_every_list(demo_server) -> None:
    from test_engagement_extras import run_palette

    from engtui.screens.help import HelpScreen

    app = make_app(demo_server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await run_palette(app, pilot, "engagement groups")
        assert shown(app) == "list groups"
        await pilot.press("escape")
        await pilot.pause()
        await run_palette(app, pilot, "list opportunities")
        assert shown(app) == "list opportunities"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = {row.description: row.keys for row in app.screen.rows}
        assert keys["Groups"] == "f4" and keys["Opps"] == "f6"
        await pilot.press("escape")
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        await pilot.press("f1")
        await pilot.pause()
        keys = {row.description: row.keys for row in app.screen.rows}
        assert keys["Search"] == "ctrl+f"


async def test_the_keyword_and_filter_fields_show_what_is_typed(demo_server) -> None:
    """Both one-line fields under the list keep their one line of text while focused (the
    keyword field used to take Input's focused border and hide what was typed)."""
    app = make_app(demo_server.url)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_engagements(app, pilot)
        await pilot.press("ctrl+f", *"clo")
        await pilot.pause()
        keyword = screen.query_one(KeywordInput)
        assert app.focused is keyword and keyword.value == "clo"
        assert keyword.content_region.height == 1
        await pilot.press("escape", "slash", *"lead")
        await pilot.pause()
        field = screen.query_one("#filter", Input)
        assert app.focused is field and field.content_region.height == 1
