"""The catalog switch on the lookup screen: ctrl+t, arrow keys when focused and clicks pick
the catalog, and the connection bar follows."""

from __future__ import annotations

import pytest
from support import engagement, make_app, plain

from engtui.widgets.catalog_switch import CatalogSwitch
from engtui.widgets.connection_bar import ConnectionBar


async def test_keys_and_clicks_pick_the_catalog(make_demo_server) -> None:
    server = make_demo_server({"engagements": [engagement()]})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        switch = screen.query_one(CatalogSwitch)
        assert switch.value == screen.catalog == "Sandbox"
        assert "○ AWS  ● Sandbox" in plain(switch)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert switch.value == screen.catalog == "AWS"
        assert "catalog AWS" in plain(screen.query_one(ConnectionBar))
        switch.focus()
        await pilot.press("right")
        await pilot.pause()
        assert screen.catalog == "Sandbox"
        at_aws = next(x for x in range(40) if switch.catalog_at(x) == "AWS")
        await pilot.click(CatalogSwitch, offset=(at_aws + 2, 1))  # border and padding
        await pilot.pause()
        assert screen.catalog == "AWS"


def test_only_known_catalogs() -> None:
    switch = CatalogSwitch(("AWS", "Sandbox"), "AWS")
    with pytest.raises(ValueError, match="not a catalog"):
        switch.value = "Prod"
