"""Every record kind on screen, as a user meets it, from the declarations.

Parametrized over `KINDS` (each kind's related lists and links) and `LISTS`, against the
demo endpoint over HTTP, at 100x30 and 80x24:

- a demo record of every kind opens, and the id on screen is the one asked for;
- every pane draws rows or its "none" text, never an error, and its tab's count is the
  number of rows drawn;
- every link (Enter on a linked field, Enter on a linked row, each entry of the ``o``
  dialog) opens the very record it names, and Esc comes back to the record it left;
- export holds the record under a key that names its kind, and exactly the related lists
  the dialog named;
- on every list, each key of a switch the list declares shows the rows the service sends
  for that state (which `test_conformance_requests` checks against what was asked).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from reliability_support import screen_text
from support import make_app, plain, settle
from textual.widgets import Input, OptionList, Static

from engtui.api.kinds import KINDS, LISTS
from engtui.api.links import link_choices, tree_link
from engtui.api.records import Link, RecordKind
from engtui.demo.examples import EXAMPLES
from engtui.screens.export import ExportScreen
from engtui.screens.lists import open_list
from engtui.screens.lookup import LookupScreen
from engtui.screens.opening import OpenRequest
from engtui.screens.record import RecordScreen
from engtui.screens.record_keys import pane_names
from engtui.screens.record_links import LinksDialog
from engtui.screens.record_list import ListScreen
from engtui.widgets.context_tree import ContextTree
from engtui.widgets.pane_tabs import PaneTabs
from engtui.widgets.related_pane import LoadState, RelatedPane

SIZES = [(100, 30), (80, 24)]
SIZE_IDS = ["100x30", "80x24"]
CATALOG = "Sandbox"
LINKS = [(kind.name, index) for kind in KINDS.values() for index in range(len(kind.links))]
ROW_LINKS = [(kind.name, related.name) for kind in KINDS.values() for related in kind.related
             if related.row_link is not None]


async def open_example(app, pilot, kind: RecordKind, text: str) -> RecordScreen:
    """Open ``text`` of ``kind`` from the lookup screen; assert it is the record asked for."""
    ref = kind.parse(text)
    lookup = app.screen
    assert isinstance(lookup, LookupScreen)
    lookup.request(OpenRequest(kind, ref.identifier, CATALOG, ref.params))
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, RecordScreen), f"{text} did not open: {type(screen).__name__}"
    assert screen.kind is kind and screen.record.id == ref.record_id
    assert ref.record_id in screen_text(app)  # its id, on screen
    return screen


async def show_pane(app, pilot, screen: RecordScreen, name: str) -> RelatedPane:
    await pilot.press(str(pane_names(screen.kind).index(name) + 1))
    await settle(app, pilot)
    return screen.query_one(f"#{name}", RelatedPane)


def drawn(pane: RelatedPane) -> int:
    """The rows the pane's table draws (0 when it shows its "none" text)."""
    return pane.table.row_count if pane.has_class("-loaded") else 0


async def visit_every_pane(app, pilot, screen: RecordScreen) -> dict[str, int]:
    """Each pane: drawn without an error, its tab's count the rows drawn."""
    counts = {}
    for related in screen.kind.related:
        pane = await show_pane(app, pilot, screen, related.name)
        status = plain(pane.query_one("#status-line", Static))
        assert pane.state is LoadState.LOADED, f"{related.name}: {status}"
        rows = drawn(pane)
        tab = screen.query_one(PaneTabs).label(related.name).plain
        assert tab.endswith(f"({rows})"), f"tab {tab!r} for {rows} rows drawn"
        if rows == 0:
            assert "has no" in status, status
        counts[related.name] = rows
    return counts


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize("name", sorted(KINDS))
async def test_every_pane_of_every_kind_draws_rows_or_none(demo_server, name, size) -> None:
    kind = KINDS[name]
    app = make_app(demo_server.url)
    async with app.run_test(size=size) as pilot:
        rows = 0
        for text in EXAMPLES[name]:
            screen = await open_example(app, pilot, kind, text)
            rows += sum((await visit_every_pane(app, pilot, screen)).values())
            await pilot.press("escape")
            await settle(app, pilot)
        assert rows or not kind.related, f"no pane of any {name} example drew a row"


async def back_to(app, pilot, screen: RecordScreen, record_id: str) -> None:
    await pilot.press("escape")
    await settle(app, pilot)
    assert app.screen is screen and screen.record.id == record_id


def expect_opened(app, link: Link, identifier: str) -> None:
    target = KINDS[link.kind]
    screen = app.screen
    assert isinstance(screen, RecordScreen), f"{link} opened {type(screen).__name__}"
    assert screen.kind is target
    if identifier.startswith("arn:") or target.id_member != "Id":
        identifier = screen.record.id  # a revision or an ARN names it another way
    assert screen.record.id == identifier
    assert screen.record.id in screen_text(app)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize(("name", "index"), LINKS, ids=[
    f"{k}-{KINDS[k].links[i].member}-{KINDS[k].links[i].kind}" for k, i in LINKS])
async def test_every_link_opens_what_it_names_and_esc_comes_back(demo_server, name, index,
                                                                  size) -> None:
    """Through the ``o`` dialog, and for a link in the tree also Enter on its field."""
    kind = KINDS[name]
    link = kind.links[index]
    followed = 0
    app = make_app(demo_server.url)
    async with app.run_test(size=size) as pilot:
        for text in EXAMPLES[name]:
            screen = await open_example(app, pilot, kind, text)
            record = screen.record
            choices = link_choices(record)
            for position, (_, chosen, target) in enumerate(choices):
                if chosen is not link:
                    continue
                await pilot.press("o")
                await pilot.pause()
                assert isinstance(app.screen, LinksDialog)
                app.screen.query_one(OptionList).highlighted = position
                await pilot.press("enter")
                await settle(app, pilot)
                expect_opened(app, link, target[0])
                await back_to(app, pilot, screen, record.id)
                followed += 1
            if link.in_tree:
                followed += await follow_in_tree(app, pilot, screen, link)
            await pilot.press("escape")
            await settle(app, pilot)
    assert followed, f"no demo example of {name} has a {link.kind} link by {link.member}"


async def follow_in_tree(app, pilot, screen: RecordScreen, link: Link) -> int:
    tree = screen.query_one(ContextTree)
    tree.root.expand_all()
    await pilot.pause()
    nodes = [n for n in _nodes(tree.root) if n.data is not None
             and (found := tree_link(screen.record, n.data)) and found[0] is link]
    for node in nodes[:1]:
        identifier = tree_link(screen.record, node.data)[1][0]
        tree.focus()
        tree.move_cursor(node)
        await pilot.press("enter")
        await settle(app, pilot)
        expect_opened(app, link, identifier)
        await back_to(app, pilot, screen, screen.record.id)
    return len(nodes[:1])


def _nodes(node) -> Any:
    for child in node.children:
        yield child
        yield from _nodes(child)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize(("name", "related_name"), ROW_LINKS,
                         ids=[f"{k}-{r}" for k, r in ROW_LINKS])
async def test_every_linked_row_opens_its_record_and_esc_comes_back(demo_server, name,
                                                                     related_name, size) -> None:
    kind = KINDS[name]
    related = kind.related_list(related_name)
    link = related.row_link
    assert link is not None
    app = make_app(demo_server.url)
    async with app.run_test(size=size) as pilot:
        for text in EXAMPLES[name]:
            screen = await open_example(app, pilot, kind, text)
            pane = await show_pane(app, pilot, screen, related_name)
            items = screen.record.related.get(related_name) or []
            row = next((i for i, item in enumerate(items) if link.applies_to(item)), None)
            if row is None:
                await pilot.press("escape")
                await settle(app, pilot)
                continue
            identifier = link.resolve(items[row], screen.record.data)[0]
            pane.table.move_cursor(row=row)
            pane.table.focus()
            await pilot.press("enter")
            await settle(app, pilot)
            if isinstance(app.screen, LinksDialog):  # the row names several: row_link first
                options = app.screen.query_one(OptionList)
                assert options.option_count == len(related.row_links(items[row]))
                await pilot.press("enter")
                await settle(app, pilot)
            expect_opened(app, link, identifier)
            await back_to(app, pilot, screen, screen.record.id)
            assert screen.query_one(PaneTabs).active == related_name  # where it was left
            return
    pytest.fail(f"no demo example of {name} has a linked row in {related.what}")


@pytest.mark.parametrize("name", sorted(KINDS))
async def test_export_holds_the_record_by_kind_and_exactly_the_lists_named(
        demo_server, tmp_path, name) -> None:
    kind = KINDS[name]
    app = make_app(demo_server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_example(app, pilot, kind, EXAMPLES[name][0])
        await visit_every_pane(app, pilot, screen)
        await pilot.press("s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        promised = str(dialog.query_one("#export-what", Static).render())
        target = tmp_path / f"{name}.json"
        dialog.query_one(Input).value = str(target)
        await pilot.press("enter")
        await settle(app, pilot)
    written = json.loads(target.read_text("utf-8"))
    assert kind.export_key == kind.get_operation.removeprefix("Get")
    assert written[kind.export_key][kind.id_member] == screen.record.id
    lists = {related.export_key: related for related in kind.related}
    assert len(lists) == len(kind.related), "two panes of one kind export under one key"
    assert set(written) == {"Catalog", kind.export_key, "Redacted", *lists}
    for key, related in lists.items():  # each list the dialog names is in the file, whole
        assert related.title.lower() in promised
        assert len(written[key]) == len(screen.record.related[related.name])


def switch_keys(screen: ListScreen) -> dict[str, str]:
    """The key of each switch the list declares, from the screen's own bindings."""
    keys = {}
    for binding in screen.BINDINGS:
        action = getattr(binding, "action", "")
        for switch in screen.spec.switches:
            if action == f"switch('{switch.field}')":
                keys[switch.field] = binding.key
    return keys


@pytest.mark.parametrize("list_name", sorted(LISTS))
async def test_every_switch_of_every_list_shows_what_the_service_sends(demo_server,
                                                                       list_name) -> None:
    from support import demo_settings

    from engtui.api.service import SellingService

    spec = LISTS[list_name]
    app = make_app(demo_server.url)
    service = SellingService(demo_settings(demo_server.url))
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            open_list(app, CATALOG, list_name)
            await settle(app, pilot)
            screen = app.screen
            assert isinstance(screen, ListScreen) and screen.spec is spec
            keys = switch_keys(screen)
            assert sorted(keys) == sorted(s.field for s in spec.switches), (
                "a declared switch has no key")
            presses = [(name, key) for name, key in keys.items()] + [("sort", "s")]
            for name, key in presses:
                for _ in range(8):  # every state of the switch, and back
                    await pilot.press(key)
                    await settle(app, pilot)
                    query = spec.query(screen.options)
                    items = [item for _, page, _ in service.list_pages(
                        query.operation, query.result_key, CATALOG, query.params,
                        service=query.service) for item in page]
                    wanted = [str(item.get("Id")) for item in items]
                    assert screen.table.shown_ids() == wanted, (name, screen.options)
    finally:
        service.close()
