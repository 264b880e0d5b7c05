"""The co-sell walk a new user takes on the demo: the invitations inbox → a pending
invitation → its engagement → the linked opportunity → its AWS summary; a snapshot and an
older revision; then Escape step by step back to the inbox. Through the real wire."""

from __future__ import annotations

import pytest
from support import make_app, plain, settle
from textual.widgets import OptionList

from engtui.app import EngtuiApp
from engtui.screens.lookup import LookupScreen
from engtui.screens.record import RecordScreen
from engtui.screens.record_links import LinksDialog
from engtui.screens.record_list import ListScreen
from engtui.widgets.context_tree import ContextTree
from engtui.widgets.record_header import RecordHeader


def shown(app: EngtuiApp) -> str:
    """What the screen on top is: the kind and crumb of a record, the list's name."""
    screen = app.screen
    if isinstance(screen, RecordScreen):
        return f"{screen.kind.name} {screen.record.crumb}"
    if isinstance(screen, ListScreen):
        return f"list {screen.spec.name}"
    return type(screen).__name__


async def select_row(app: EngtuiApp, pilot, wanted: str) -> None:
    """Move the list's cursor to the row of id ``wanted`` and press Enter."""
    table = app.screen.table
    table.move_cursor(table.shown_ids().index(wanted))
    await pilot.press("enter")
    await settle(app, pilot)


async def select_field(app: EngtuiApp, pilot, name: str) -> None:
    """Put the tree's cursor on the field ``name`` (revealing it) and press Enter."""
    tree = app.screen.query_one(ContextTree)
    tree.root.expand_all()
    await pilot.pause()
    node = next(node for node in _nodes(tree.root) if node.data and node.data.name == name)
    tree.focus()
    tree.move_cursor(node)
    await pilot.press("enter")
    await settle(app, pilot)


def _nodes(node):
    for child in node.children:
        yield child
        yield from _nodes(child)


async def choose_link(app: EngtuiApp, pilot, label_part: str) -> None:
    await pilot.press("o")
    await pilot.pause()
    assert isinstance(app.screen, LinksDialog)
    options = app.screen.query_one(OptionList)
    labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
    options.highlighted = next(i for i, label in enumerate(labels) if label_part in label)
    await pilot.press("enter")
    await settle(app, pilot)


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
async def test_the_co_sell_walk_and_back(demo_server, size) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=size) as pilot:
        await pilot.press("f3")
        await settle(app, pilot)
        assert shown(app) == "list invitations"
        ids = app.screen.table.shown_ids()
        assert "engi-p3nd1ngaws001" in ids and "engi-acc3pt3daws04" not in ids  # pending only

        await select_row(app, pilot, "engi-p3nd1ngaws001")
        assert shown(app) == "invitation engi-p3nd1ngaws001"
        assert "engi-p3nd1ngaws001" in plain(app.screen.query_one(RecordHeader))

        await select_field(app, pilot, "EngagementId")
        assert shown(app) == "engagement eng-p4r0s5p3c7r3s1"

        await pilot.press("3")  # the linked opportunities
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert shown(app) == "opportunity O6100001"

        await choose_link(app, pilot, "AWS opportunity summary")
        assert shown(app) == "aws_summary AWS O6100001"

        await pilot.press("escape", "escape")  # back to the engagement
        await pilot.pause()
        assert shown(app) == "engagement eng-p4r0s5p3c7r3s1"
        await pilot.press("4")  # its snapshots
        await settle(app, pilot)
        await pilot.press("down", "down", "enter")  # revisions 1, 2, 3: the latest
        await settle(app, pilot)
        assert shown(app) == "snapshot O6100001 rev 3"

        await choose_link(app, pilot, "Revision 2")
        assert shown(app) == "snapshot O6100001 rev 2"
        assert app.screen.record.data["Payload"]["OpportunitySummary"]["Lifecycle"][
            "Stage"] == "Qualified"

        trail = []
        while not isinstance(app.screen, LookupScreen):
            trail.append(shown(app))
            await pilot.press("escape")
            await pilot.pause()
        assert trail == ["snapshot O6100001 rev 2", "snapshot O6100001 rev 3",
                         "engagement eng-p4r0s5p3c7r3s1", "invitation engi-p3nd1ngaws001",
                         "list invitations"]
