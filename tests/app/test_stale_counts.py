"""Issue 13, item 5: a pane tab never shows a count that is not this record's."""

from __future__ import annotations

from support import ENGAGEMENT_ID, engagement, look_up, make_app, settle

from engtui.screens.record import RecordScreen
from engtui.widgets.pane_tabs import PaneTabs

OTHER_ID = "eng-t0000000000002"


def member(number: int) -> dict:
    return {"CompanyName": f"Member {number}", "WebsiteUrl": "https://m.example.com",
            "AccountId": f"{number:012d}"}


def tabs(app) -> str:
    bar = app.screen.query_one(PaneTabs)
    return " | ".join(bar.label(name).plain for name in bar.names)


def association(number: int, engagement_id: str = ENGAGEMENT_ID) -> dict:
    return {"EngagementId": engagement_id, "ResourceType": "Opportunity",
            "ResourceId": f"O{1000 + number}", "CreatedBy": "111122223333", "Catalog": "Sandbox"}


def fail(server, operation: str) -> None:
    """From now on, every call of ``operation`` is refused (access denied)."""
    from engtui.demo.faults import FaultSpec

    server.faults.set(operation, FaultSpec("AccessDeniedException"))


def data() -> dict:
    return {"engagements": [engagement(), engagement(OTHER_ID, Title="Other", MemberCount=7)],
            "members": {ENGAGEMENT_ID: [member(n) for n in range(1, 4)], OTHER_ID: [member(1)]},
            "associations": [association(n) for n in range(1, 6)]}


async def test_a_failed_reload_after_a_refresh_shows_no_old_count(make_demo_server) -> None:
    server = make_demo_server(data())
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await look_up(app, pilot, ENGAGEMENT_ID)
        await pilot.press("3")
        await settle(app, pilot)
        assert "3 Opportunities (5)" in tabs(app)
        fail(server, "ListEngagementResourceAssociations")
        await pilot.press("r")  # refresh: the engagement again, then its opportunities
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, RecordScreen)
        assert "| 3 Opportunities |" in tabs(app), tabs(app)
        assert screen.query_one("#opportunities").border_title == "Linked opportunities"


async def test_a_failed_members_load_shows_no_count(make_demo_server) -> None:
    server = make_demo_server(data())
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await look_up(app, pilot, ENGAGEMENT_ID)
        await pilot.press("2")
        await settle(app, pilot)
        assert "2 Members (3)" in tabs(app)
        await pilot.press("escape")
        await pilot.pause()
        fail(server, "ListEngagementMembers")
        await look_up(app, pilot, OTHER_ID)  # the same screen, reused for another engagement
        assert "2 Members (7)" in tabs(app)  # what the engagement says, before loading
        await pilot.press("2")
        await settle(app, pilot)
        assert "| 2 Members |" in tabs(app), tabs(app)
