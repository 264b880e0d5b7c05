"""The opportunities list on ``SearchOpportunities`` and the benefits service's lists, typed
as a user would at 100x30 and 80x24, through the real wire: the rows drawn, a keyword that
narrows them, the switches' requests, and Enter opening the row's record."""

from __future__ import annotations

import re

import pytest
from support import make_app, plain, settle
from test_cosell_walk import select_row, shown
from test_engagement_list import summary_text, table_lines

from engtui.api import opportunity_search
from engtui.widgets.key_bar import KeyBar

SIZES = [(100, 30), (80, 24)]


def calls(server, operation: str, since: int = 0) -> list[dict]:
    return [r.params for r in server.requests[since:] if r.operation == operation]


async def open_list(app, pilot, key: str):
    await pilot.pause()
    await pilot.press(key)
    await settle(app, pilot)
    await pilot.pause()  # the rows drawn
    return app.screen


@pytest.mark.parametrize("size", SIZES, ids=["100x30", "80x24"])
async def test_a_keyword_narrows_the_search_and_enter_opens_the_opportunity(
        demo_server, size) -> None:
    app = make_app(demo_server.url)
    since = len(demo_server.requests)
    async with app.run_test(size=size) as pilot:
        listed = await open_list(app, pilot, "f6")
        assert shown(app) == "list opportunities"
        assert calls(demo_server, "ListOpportunities", since) == []
        assert calls(demo_server, "SearchOpportunities")[-1]["Sort"] == {
            "SortBy": "LastModifiedDate", "SortOrder": "DESCENDING"}
        assert listed.table.row_count == 7
        lines = table_lines(listed.table)
        row = next(line for line in lines if "O6100001" in line)
        assert "Cinder Robotics" in row and "Qualified" in row
        assert re.search(r" 20\d\d-\d\d-\d\d", row)  # its close date
        drawn = "\n".join(lines)
        if size[0] >= 100:  # the search's own columns, no call per row
            assert "High" in drawn and "12,500" in drawn
        await pilot.press("ctrl+f", *"northwind", "enter")
        await settle(app, pilot)
        assert calls(demo_server, "SearchOpportunities")[-1]["Keyword"] == "northwind"
        assert listed.table.shown_ids() == ["O4820113"]
        assert "1 opportunity  ·  SearchOpportunities  ·  keyword “northwind”" in (
            summary_text(listed))
        before = len(demo_server.requests)
        await select_row(app, pilot, "O4820113")
        assert shown(app) == "opportunity O4820113"
        assert "GetOpportunity" in [r.operation for r in demo_server.requests[before:]]
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is listed and listed.table.shown_ids() == ["O4820113"]


async def test_f_steps_the_stage_b_the_sort_key_s_the_order(demo_server) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        listed = await open_list(app, pilot, "f6")
        keys = plain(listed.query_one(KeyBar))
        assert "f Stage" in keys and "b Sort" in keys and "^f Search" in keys
        await pilot.press("f")
        await settle(app, pilot)
        assert calls(demo_server, "SearchOpportunities")[-1]["Filter"] == {
            "EqualsTo": {"Key": "Stage", "Value": {"StringValue": "Prospect"}}}
        assert listed.table.shown_ids() == ["O6100002"]
        assert "stage Prospect" in summary_text(listed)
        await pilot.press("f", "b")
        await settle(app, pilot)
        request = calls(demo_server, "SearchOpportunities")[-1]
        assert request["Sort"] == {"SortBy": "TargetCloseDate", "SortOrder": "DESCENDING"}
        assert request["Filter"]["EqualsTo"]["Value"] == {"StringValue": "Qualified"}
        await pilot.press("s")
        await settle(app, pilot)
        assert calls(demo_server, "SearchOpportunities")[-1]["Sort"]["SortOrder"] == "ASCENDING"
        assert "by TargetCloseDate, ascending · stage Qualified" in summary_text(listed)


async def test_an_older_model_lists_opportunities_and_refuses_a_keyword(demo_server,
                                                                         monkeypatch) -> None:
    monkeypatch.setattr(opportunity_search, "has_operation", lambda name: False)
    app = make_app(demo_server.url)
    since = len(demo_server.requests)
    async with app.run_test(size=(100, 30)) as pilot:
        listed = await open_list(app, pilot, "f6")
        assert listed.table.row_count == 7
        assert calls(demo_server, "SearchOpportunities", since) == []
        assert calls(demo_server, "ListOpportunities", since)
        assert "ListOpportunities (this botocore has no SearchOpportunities)" in summary_text(
            listed)
        sent = len(demo_server.requests)
        await pilot.press("ctrl+f", *"northwind", "enter")
        await settle(app, pilot)
        assert len(demo_server.requests) == sent  # refused: nothing sent
        assert listed.table.row_count == 7


@pytest.mark.parametrize("size", SIZES, ids=["100x30", "80x24"])
@pytest.mark.parametrize(("key", "name", "row", "kind"), [
    ("f11", "benefit_applications", "benappl-vqapilot000001", "benefit_application"),
    ("f12", "benefit_allocations", "benalloc-vqapilot000001", "benefit_allocation"),
    ("ctrl+y", "benefits", "ben-poccredits0001", "benefit"),
], ids=["applications", "allocations", "benefits"])
async def test_each_benefits_list_draws_its_rows_and_opens_the_record(
        demo_server, size, key, name, row, kind) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=size) as pilot:
        listed = await open_list(app, pilot, key)
        assert shown(app) == f"list {name}"
        assert row in listed.table.shown_ids()
        assert row[:size[0] // 5] in "\n".join(table_lines(listed.table))
        operation = {"benefit_applications": "ListBenefitApplications",
                     "benefit_allocations": "ListBenefitAllocations",
                     "benefits": "ListBenefits"}[name]
        assert calls(demo_server, operation)  # on the benefits service, same endpoint
        await pilot.press("f")  # the first status
        await settle(app, pilot)
        assert len(calls(demo_server, operation)[-1]["Status"]) == 1
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press(key)
        await settle(app, pilot)
        listed = app.screen
        if row not in listed.table.shown_ids():  # back to any status
            pytest.fail(f"{row} not listed again")
        await select_row(app, pilot, row)
        assert shown(app) == f"{kind} {row}"
