"""The pane tabs of the engagement screen: keys and clicks switch panes, counts show in the
names, and the members pane (and its table) is only made when it is first shown."""

from __future__ import annotations

import pytest
from reliability_support import screen_text
from support import ENGAGEMENT_ID, engagement, look_up, make_app, settle
from textual.widgets import ContentSwitcher, DataTable

from engtui.screens.record import RecordScreen
from engtui.widgets.pane_tabs import PaneTabs
from engtui.widgets.related_pane import RelatedPane


async def _open(app, pilot) -> RecordScreen:
    await pilot.pause()
    await look_up(app, pilot, ENGAGEMENT_ID)
    assert isinstance(app.screen, RecordScreen)
    return app.screen


async def test_keys_and_clicks_switch_panes(make_demo_server) -> None:
    members = [{"CompanyName": f"Member Company {n}", "WebsiteUrl": f"https://m{n}.example.com",
                "AccountId": f"{n:012d}"} for n in (1, 2)]
    server = make_demo_server({"engagements": [engagement()],
                               "members": {ENGAGEMENT_ID: members}})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open(app, pilot)
        tabs = screen.query_one(PaneTabs)
        switcher = screen.query_one("#panes", ContentSwitcher)
        assert tabs.active == "contexts" and switcher.current == "pane-contexts"
        assert tabs.label("contexts").plain == "1 Contexts (1)"
        assert tabs.label("members").plain == "2 Members (2)"  # MemberCount, before loading
        assert screen.pane("members") is None  # not made until the pane is shown
        await pilot.press("2")
        await settle(app, pilot)
        assert tabs.active == "members" and switcher.current == "pane-members"
        pane = screen.query_one("#members", RelatedPane)
        assert pane is screen.pane("members") and pane.query(DataTable)
        assert "Member Company 2" in screen_text(app)  # its rows drawn
        column = tabs.name_at(0)
        assert column == "contexts"
        opportunities_at = next(x for x in range(100) if tabs.name_at(x) == "opportunities")
        await pilot.click(PaneTabs, offset=(opportunities_at, 0))
        await settle(app, pilot)
        assert screen.active_pane == "opportunities"
        assert switcher.current == "pane-opportunities"


def test_an_unknown_pane_is_refused() -> None:
    from textual.content import Content

    tabs = PaneTabs({"a": Content("A")}, "a")
    with pytest.raises(ValueError, match="no pane named"):
        tabs.active = "b"
