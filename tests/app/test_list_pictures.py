"""Pictures where people would rather look than read (issue 23 part 4) and the customer
accounts (issue 22): the accounts list, their statistics as bars, the opportunities'
pipeline by stage; Enter on a bar opens the list of its bucket. Through the real wire
against the bundled demo data, counted here from the data file itself."""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from importlib import resources
from typing import Any

from support import make_app, settle

from engtui.screens.list_picture import ListPictureScreen
from engtui.screens.record_list import ListScreen

CATALOG = "Sandbox"  # the demo app's (tests/support.py)
STATUS_ORDER = ("ACTION_REQUIRED", "PENDING", "NO_MATCH_FOUND", "ENRICHED")


def sample(kind: str) -> list[dict[str, Any]]:
    text = resources.files("engtui.demo").joinpath("sample_data.json").read_text("utf-8")
    return json.loads(text)[kind]


def calls(server, operation: str) -> list[dict]:
    return [r.params for r in server.requests if r.operation == operation]


def bars_of(screen: ListPictureScreen) -> dict[str, list[tuple[str, int, str]]]:
    """Each group's bars as (label, count, note)."""
    return {group.title: [(bar.label, bar.count, bar.note) for bar in group.bars]
            for group in screen.chart.groups}


def drawn_counts(screen: ListPictureScreen) -> dict[str, int]:
    """label -> the number drawn beside its bar, read from the lines on screen."""
    found = {}
    for line in screen.chart.lines():
        if "█" in line:
            label, _, rest = line.partition("█")
            found[label.strip()] = int(rest.strip("█ ").split()[0])
    return found


async def open_picture(app, pilot, key: str) -> ListPictureScreen:
    await pilot.pause()
    await pilot.press(key)
    await settle(app, pilot)
    assert isinstance(app.screen, ListScreen)
    await pilot.press("g")
    await settle(app, pilot)
    assert isinstance(app.screen, ListPictureScreen)
    return app.screen


async def choose(app, pilot, screen: ListPictureScreen, label: str, group: str = "") -> None:
    """Move the cursor to the bar ``label`` (of ``group``) and press Enter."""
    chart = screen.chart
    for index in range(chart.option_count):
        bar = chart.bar_at(index)
        title = next((g.title for g in chart.groups if bar in g.bars), "")
        if bar is not None and bar.label == label and (not group or title == group):
            chart.highlighted = index
            break
    else:
        raise AssertionError(f"no bar {label!r} in {group!r}")
    await pilot.press("enter")
    await settle(app, pilot)


# -- the customer accounts ------------------------------------------------------------------
async def test_the_accounts_list_opens_on_action_required_and_f_clears_it(demo_server) -> None:
    accounts = sample("customer_accounts")
    app = make_app(demo_server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f8")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ListScreen) and screen.spec.name == "customer_accounts"
        wanted = [a["Id"] for a in accounts if a["EnrichmentStatus"] == "ACTION_REQUIRED"]
        assert wanted and sorted(screen.table.shown_ids()) == sorted(wanted)
        seen = {}
        for status in (*STATUS_ORDER[1:], ""):  # f steps to the next status, then any
            await pilot.press("f")
            await settle(app, pilot)
            seen[status] = sorted(screen.table.shown_ids())
        assert seen[""] == sorted(a["Id"] for a in accounts)
        assert seen["ENRICHED"] == sorted(a["Id"] for a in accounts
                                          if a["EnrichmentStatus"] == "ENRICHED")
        await pilot.press("f")  # back to ACTION_REQUIRED
        await settle(app, pilot)
        assert "ACTION_REQUIRED" in str(screen.query_one("#list-summary").render())
        # Enter opens the account's record
        await pilot.press("enter")
        await settle(app, pilot)
        assert getattr(app.screen, "kind", None) is not None
        assert app.screen.kind.name == "customer_account"
        assert app.screen.record.id == wanted[0]


async def test_statistics_draw_each_bucket_with_the_count_of_the_demo_data(demo_server) -> None:
    accounts = sample("customer_accounts")
    demo_server.clear_requests()
    app = make_app(demo_server.url)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_picture(app, pilot, "f8")
        (request,) = calls(demo_server, "GetCustomerAccountStatistics")
        fields = [a["GroupBy"] for a in request["Aggregations"]]
        assert len(fields) == 10 and ["REGION"] not in fields  # REGION: not filterable
        by_status = Counter(a["EnrichmentStatus"] for a in accounts)
        bars = bars_of(screen)
        assert {label: count for label, count, _ in bars["Enrichment status"]} == by_status
        segments = Counter(a["AwsEnrichment"]["Customer"]["Segment"] for a in accounts
                           if (a.get("AwsEnrichment") or {}).get("Customer", {}).get("Segment"))
        assert {label: count for label, count, _ in bars["Segment"]} == segments
        drawn = drawn_counts(screen)  # the number is on screen beside each bar
        for status, count in by_status.items():
            assert drawn[status] == count


async def test_enter_on_a_bucket_lists_exactly_its_accounts_and_esc_comes_back(
        demo_server) -> None:
    accounts = sample("customer_accounts")
    app = make_app(demo_server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        picture = await open_picture(app, pilot, "f8")
        for group, label, holds in (
                ("Enrichment status", "ENRICHED", lambda a: a["EnrichmentStatus"] == "ENRICHED"),
                ("Segment", "Mid-Market",
                 lambda a: (a.get("AwsEnrichment") or {}).get("Customer", {}).get(
                     "Segment") == "Mid-Market"),
                ("Program eligibility", "MAP",
                 lambda a: "MAP" in (a.get("AwsEnrichment") or {}).get("Customer", {}).get(
                     "EligiblePrograms", []))):
            await choose(app, pilot, picture, label, group)
            listed = app.screen
            assert isinstance(listed, ListScreen) and listed is not picture
            wanted = sorted(a["Id"] for a in accounts if holds(a))
            assert wanted and sorted(listed.table.shown_ids()) == wanted
            assert label in str(listed.query_one("#list-summary").render())
            await pilot.press("escape")
            await settle(app, pilot)
            assert app.screen is picture


# -- the opportunities pipeline -------------------------------------------------------------
def monthly(opportunity: dict[str, Any]) -> Decimal:
    return sum((Decimal(s["Amount"]) for s in (opportunity.get("Project") or {}).get(
        "ExpectedCustomerSpend") or [] if s.get("Frequency") == "Monthly"), Decimal(0))


async def test_the_pipeline_counts_the_loaded_opportunities_by_stage(demo_server) -> None:
    opportunities = [o for o in sample("opportunities") if o.get("Catalog") == CATALOG]
    app = make_app(demo_server.url)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_picture(app, pilot, "f6")
        loaded = len(screen.under.table.shown_ids())
        by_stage = Counter(o["LifeCycle"]["Stage"] for o in opportunities)
        bars = bars_of(screen)["By stage"]
        assert sum(count for _, count, _ in bars) == loaded == sum(by_stage.values())
        assert {label: count for label, count, _ in bars} == by_stage
        for label, _, note in bars:  # the sum of expected monthly spend beside each
            total = sum(monthly(o) for o in opportunities if o["LifeCycle"]["Stage"] == label)
            assert note == f"USD {total:,.0f}/mo"
        assert drawn_counts(screen) == dict(by_stage)


async def test_enter_on_a_stage_lists_only_that_stage(demo_server) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        picture = await open_picture(app, pilot, "f6")
        await choose(app, pilot, picture, "Qualified")
        listed = app.screen
        assert isinstance(listed, ListScreen) and listed.spec.name == "opportunities"
        assert listed is not picture.under and listed.table.row_count > 0
        stages = {row.stage for row in listed.table.shown_summaries()}
        assert stages == {"Qualified"}
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is picture


async def test_privacy_mode_masks_the_spend_never_the_counts(demo_server) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f6")
        await settle(app, pilot)
        await pilot.press("f9")  # privacy mode: the rows reload from masked items
        await settle(app, pilot)
        await pilot.press("g")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ListPictureScreen)
        bars = bars_of(screen)["By stage"]
        assert bars and all(note == "masked/mo" for _, _, note in bars)
        assert "12,500" not in "\n".join(screen.chart.lines())
        assert sum(count for _, count, _ in bars) == screen.under.table.row_count


async def test_g_typed_in_the_filter_is_a_letter(demo_server) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f6")
        await settle(app, pilot)
        await pilot.press("slash", "g")
        await settle(app, pilot)
        assert isinstance(app.screen, ListScreen)
        assert app.screen.filter_input.value == "g"
