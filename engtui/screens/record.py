"""The record screen: any record kind, drawn from its declaration and the botocore shape.

A header (the top-level fields), then panes switched by number keys: the tree (an
engagement's contexts; for a kind without a tree member, the whole record) with the detail
pane, and one pane per related list the kind declares (an engagement's members and linked
opportunities), loaded by its pane when first shown. The panes are tabs (one `PaneTabs` row
over a `ContentSwitcher`): at 80x24 the tree needs every row it can get. The keys are worded
for the kind (`engtui.screens.record_keys`); the code is the same for every kind.

The screen's `RecordOpener` runs its fetches: a refresh (``r``) redraws in place; Enter on a
linked row or field pushes that record's screen over this one, so Escape comes back here
exactly as it was. Privacy mode draws, searches, copies and exports the masked
`RecordView`, so the real value of a masked field cannot leave the screen.
"""

from __future__ import annotations

from functools import cached_property, partial
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import ContentSwitcher, Input, Tree

from engtui.api.field_tree import FieldNode, header_fields, record_tree, tree_part
from engtui.api.record_view import RecordView
from engtui.api.records import Link, LinkTarget, Record, RelatedList
from engtui.host import host
from engtui.screens.base import EngtuiScreen
from engtui.screens.opening import RecordOpener
from engtui.screens.record_copy import RecordCopier
from engtui.screens.record_keys import pane_names, tab_label, tree_pane
from engtui.widgets.context_tree import ContextTree
from engtui.widgets.field_detail import FieldDetail
from engtui.widgets.pane_tabs import PaneTabs
from engtui.widgets.record_header import RecordHeader
from engtui.widgets.related_pane import LoadState, RelatedPane
from engtui.widgets.search_bar import SearchBar

if TYPE_CHECKING:
    from textual.widget import AwaitMount

RETRY_KEYS = "ctrl+r: retry · r: refresh the whole {noun}"


def pane_id(name: str) -> str:
    return f"pane-{name}"


class RecordScreen(EngtuiScreen):
    """One record, read with the keyboard. Made per kind by `screen_class`."""

    AUTO_FOCUS = "ContextTree"

    DEFAULT_CSS = """
    RecordScreen #panes, RecordScreen #panes > * {
        height: 1fr;
    }
    RecordScreen ContextTree {
        width: 3fr;
        min-width: 30;
    }
    RecordScreen FieldDetail {
        width: 2fr;
    }
    """

    def __init__(self, record: Record, tree: FieldNode) -> None:
        super().__init__()
        self.kind = record.kind
        self.record = record
        self.field_tree = tree
        self.shown_tree = self.field_tree
        self.opener = RecordOpener(self)
        self.opener.on_refreshing = self._refreshing_changed
        self._undrawn: set[str] = set()  # panes prefetched, drawn when first shown
        self._related_panes: dict[str, RelatedPane] = {}  # made when first needed
        self._mounting: dict[str, AwaitMount] = {}
        self._first_pane_due = False  # its record is new: prefetch its first pane when shown

    @property
    def crumb(self) -> str:
        return self.record.crumb

    @property
    def tree_pane(self) -> str:
        return tree_pane(self.kind)

    def compose_body(self) -> ComposeResult:
        kind = self.kind
        yield RecordHeader(host(self).now, id="header")
        if kind.related:
            yield PaneTabs({name: tab_label(kind, name) for name in pane_names(kind)},
                           self.tree_pane, id="pane-tabs")
        with ContentSwitcher(id="panes", initial=pane_id(self.tree_pane)):
            with Horizontal(id=pane_id(self.tree_pane)):
                yield ContextTree(id="tree")
                yield FieldDetail(host(self).now, id="detail")
            for related in kind.related:  # its pane is made when first needed
                yield Vertical(id=pane_id(related.name))
        yield SearchBar(id="search")

    def on_mount(self) -> None:
        self.watch(self.app, "redacted", self._privacy_changed, init=False)
        self.show(self.record, self.field_tree)
        self._first_pane_due = True

    def on_screen_resume(self) -> None:
        """Shown: a new record's first pane is prefetched after the first frame (not when
        the screen is filled off the stack ahead of Enter: the cursor may move on)."""
        if self._first_pane_due:
            self._first_pane_due = False
            self.call_after_refresh(self._prefetch_first_pane)

    @property
    def redacted(self) -> bool:
        return host(self).redacted

    def panes(self) -> list[RelatedPane]:
        """The related panes made so far (each when first shown or prefetched: Textual
        restyles every widget of a screen each time it is pushed, hidden ones too, and the
        hidden panes were two thirds of the engagement screen's widgets)."""
        return list(self._related_panes.values())

    def pane(self, name: str) -> RelatedPane | None:
        """The related list ``name``'s pane, if it has been made."""
        return self._related_panes.get(name)

    async def _made_pane(self, name: str) -> RelatedPane:
        """The related list ``name``'s pane, made and mounted (hidden) if it was not."""
        pane = self._related_panes.get(name)
        if pane is None:
            related = self.kind.related_list(name)
            pane = RelatedPane(related.what, [(c.title, c.width) for c in related.columns],
                               id=related.name, empty_owner=self.kind.title.lower())
            self._related_panes[name] = pane
            self._mounting[name] = self.query_one(f"#{pane_id(name)}", Vertical).mount(pane)
        mounting = self._mounting.pop(name, None)
        if mounting is not None:
            await mounting
        return pane

    def show(self, record: Record, tree: FieldNode) -> None:
        """Draw (or redraw, after a refresh) the record and its field tree."""
        refreshed = self.is_mounted and record is not self.record
        self.record = record
        self.field_tree = tree
        if refreshed:  # the related lists may have changed too
            self._forget_related()
            if self.active_pane != self.tree_pane:
                self._start_load(self.kind.related_list(self.active_pane))
        self._draw(keep_view=refreshed)

    def open_other(self, record: Record, tree: FieldNode) -> None:
        """Show another record of this kind in this (reused) screen, as if it were new: the
        tree pane, no search, related lists not loaded yet."""
        search = self.query_one(SearchBar)
        if search.is_open:
            search.close()
        self._clear_search()
        self.opener.cancel_refresh()
        if self.kind.related:
            self.query_one(PaneTabs).active = self.tree_pane
        self._forget_related()
        self.record = record
        self.field_tree = tree
        self._draw(keep_view=False)
        self.query_one(ContextTree).focus()
        self._first_pane_due = True

    def draw_ahead(self) -> None:
        """Off the stack, filled ahead of Enter (`Navigator.make_ready`): draw every shown
        widget's lines at the size it had when last on screen, so that the push's first
        frame finds them drawn (Textual keeps each widget's lines until the widget changes
        or is resized, and then draws it again itself). Nothing to do on a screen never
        shown (no size yet), or once it is on the stack."""
        from textual.geometry import Region

        if not self.is_mounted or self in self.app.screen_stack:
            return
        for widget in [self, *self.query("*")]:
            region = widget.region
            if region and widget.display:
                widget.render_lines(Region(0, 0, region.width, region.height))

    def _forget_related(self) -> None:
        """The related lists are not loaded any more: no pane and no tab keeps a count."""
        if self.kind.related:
            tabs = self.query_one(PaneTabs)
            for related in self.kind.related:
                tabs.set_label(related.name, tab_label(self.kind, related.name))
        self._undrawn.clear()
        for pane in self.panes():
            pane.forget()

    def _draw(self, keep_view: bool) -> None:
        """Draw everything from the data, masked in privacy mode."""
        record, kind, view = self.record, self.kind, self.view
        root = record_tree(kind, view.data()) if self.redacted else self.field_tree
        self.shown_tree = root
        self.query_one(RecordHeader).show(
            view.title, header_fields(root, kind), record.catalog,
            pairs=kind.header_pairs, title_member=kind.title_member,
        )
        part = tree_part(root, kind)
        tree = self.query_one(ContextTree)
        count = len(part.children) if part else 0
        tree.border_title = f"{kind.tree_title} ({count})"
        if kind.related:
            tabs = self.query_one(PaneTabs)
            tabs.set_label(self.tree_pane, tab_label(kind, self.tree_pane, count))
            members = record.data.get("MemberCount")
            if "members" not in record.related and isinstance(members, int):
                tabs.set_label("members", tab_label(kind, "members", members))
        state = tree.view_state() if keep_view else None
        tree.show(part, f"This {kind.title.lower()} has no {kind.tree_title.lower()}.")
        if state is not None:
            tree.restore_view_state(state)
        elif tree.root.children:
            tree.move_cursor(tree.root.children[0])
        cursor = tree.cursor_node
        self.query_one(FieldDetail).show(cursor.data if cursor is not None else None)
        for related in kind.related:
            if related.name in record.related:
                if self.pane(related.name) is not None:
                    self._draw_related(related)
                else:  # drawn when its pane is made and shown
                    self._undrawn.add(related.name)
        search = self.query_one(SearchBar)
        if search.is_open and search.query:
            self._search(search.query, jump=False)

    def _refreshing_changed(self, running: bool) -> None:
        """A refresh runs (the record may be drawn from memory): the header says so."""
        if self.is_mounted:
            self.query_one(RecordHeader).refreshing = running

    def _privacy_changed(self, _: bool) -> None:
        self._draw(keep_view=True)

    @on(Tree.NodeHighlighted, "#tree")
    def _highlighted(self, event: Tree.NodeHighlighted[FieldNode]) -> None:
        if event.node.data is not None:
            self.query_one(FieldDetail).show(event.node.data)
        from engtui.api.links import tree_link

        found = tree_link(self.record, event.node.data) if event.node.data else None
        self._prefetch(found, "tree")

    @on(Tree.NodeSelected, "#tree")
    def _node_selected(self, event: Tree.NodeSelected[FieldNode]) -> None:
        from engtui.api.links import tree_link

        node = event.node.data
        found = tree_link(self.record, node) if node is not None else None
        if found is not None:
            self._follow(*found)

    def selected(self) -> FieldNode | None:
        node = self.query_one(ContextTree).cursor_node
        return node.data if node is not None else None

    # -- the panes ----------------------------------------------------------------------------
    @property
    def active_pane(self) -> str:
        return self.query_one(PaneTabs).active if self.kind.related else self.tree_pane

    def action_show_pane(self, name: str) -> None:
        self.query_one(PaneTabs).active = name

    @on(PaneTabs.Activated, "#pane-tabs")
    async def _pane_shown(self, event: PaneTabs.Activated) -> None:
        name = event.name
        self.query_one("#panes", ContentSwitcher).current = pane_id(name)
        if name == self.tree_pane:
            if not self.query_one(SearchBar).is_open:  # `/` from a pane: the search keeps focus
                self.query_one(ContextTree).focus()
            return
        self.query_one(SearchBar).close()
        self._clear_search()
        pane = await self._made_pane(name)
        if self.active_pane != name:
            return  # another pane was asked for while this one was being made
        if name in self._undrawn:  # prefetched while hidden: drawn now
            self._draw_related(self.kind.related_list(name))
        elif pane.state is LoadState.IDLE:
            self._start_load(self.kind.related_list(name))
        else:
            pane.reveal()
        pane.focus_table()
        self.refresh_bindings()

    def _start_load(self, related: RelatedList, *, prefetch: bool = False) -> None:
        records = host(self).records
        catalog, identifier = self.record.catalog, self.record.id
        fetch = partial(records.list_related, related, catalog, identifier,
                        params=related.request(self.record))

        def load(on_page: Any, should_stop: Any) -> list[dict[str, Any]]:
            if not prefetch:
                return fetch(on_page=on_page, should_stop=should_stop)
            with records.background(drop=True):  # yields to the user's calls
                return fetch(on_page=on_page, should_stop=should_stop)

        pane = self.pane(related.name)
        if pane is not None:  # made by its caller
            pane.load(load, RETRY_KEYS.format(noun=self.kind.title.lower()), quiet=prefetch)

    async def _prefetch_first_pane(self) -> None:
        """Load the first related pane in the background, before it is shown."""
        if self.kind.related and host(self).navigator.prefetch.enabled:
            first = self.kind.related[0]
            pane = await self._made_pane(first.name)
            if pane.state is LoadState.IDLE:
                self._start_load(first, prefetch=True)

    @on(RelatedPane.Dropped)
    def _related_dropped(self, event: RelatedPane.Dropped) -> None:
        """The call budget had no room for a pane's prefetch: shown now, it loads now."""
        if self.active_pane == event.pane.id:
            self._start_load(self.kind.related_list(str(event.pane.id)))

    def _prefetch(self, found: tuple[Link, LinkTarget] | None, slot: str) -> None:
        prefetch = host(self).navigator.prefetch
        if found is None:
            prefetch.want(self, slot, None)
        else:
            prefetch.want_link(self, slot, found[0], found[1][0], self.record.catalog,
                               found[1][1])

    @on(RelatedPane.Loaded)
    def _related_loaded(self, event: RelatedPane.Loaded) -> None:
        related = self.kind.related_list(str(event.pane.id))
        self.record = self.record.with_related(related.name, event.items)
        if event.quiet and self.active_pane != related.name:  # a prefetch, not shown yet:
            self._undrawn.add(related.name)  # its table is built when the pane is shown
            self.query_one(PaneTabs).set_label(
                related.name, tab_label(self.kind, related.name, len(event.items)))
            return
        self._draw_related(related)
        if self.active_pane == related.name:
            event.pane.focus_table()
        self.refresh_bindings()

    @on(RelatedPane.Failed)
    def _related_failed(self, event: RelatedPane.Failed) -> None:
        name = str(event.pane.id)  # no count beside an error, not even the record's own claim
        self.query_one(PaneTabs).set_label(name, tab_label(self.kind, name))

    @property
    def view(self) -> RecordView:
        """The record as shown (masked in privacy mode): drawn, copied and exported."""
        return RecordView(self.record, self.redacted)

    def _draw_related(self, related: RelatedList) -> None:
        self._undrawn.discard(related.name)
        rows = self.view.rows(related)
        pane = self.pane(related.name)
        if pane is None:
            self._undrawn.add(related.name)
            return
        pane.show_rows(rows)
        pane.border_title = f"{related.title} ({len(rows)})"
        self.query_one(PaneTabs).set_label(related.name,
                                           tab_label(self.kind, related.name, len(rows)))

    def action_retry(self) -> None:
        if self.active_pane != self.tree_pane:
            self._start_load(self.kind.related_list(self.active_pane))

    def on_data_table_row_highlighted(self, event: Any) -> None:
        """Prefetch the record a related row opens, once the cursor rests on it."""
        name = self.active_pane
        if name == self.tree_pane:
            return
        link = self.kind.related_list(name).row_link
        items = self.view.related(name) or []
        found = None
        if link is not None and 0 <= event.cursor_row < len(items):
            item = items[event.cursor_row]
            if link.applies_to(item):
                found = link, link.resolve(item, self.record.data)
        self._prefetch(found, "rows")

    def on_data_table_row_selected(self, event: Any) -> None:
        """Enter on a related row that links to a record opens it."""
        name = self.active_pane
        if name == self.tree_pane:
            return
        related = self.kind.related_list(name)
        items = self.view.related(name) or []
        link = related.row_link
        if not 0 <= event.cursor_row < len(items):
            return
        if link is None:  # a row that names no record (a solution): say so, not silence
            self.notify(f"This {related.row_noun} opens nothing: it is not a record of its "
                        "own. y copies the row as JSON.", markup=False)
            return
        item = items[event.cursor_row]
        links = related.row_links(item)
        if len(links) > 1:  # a task names its opportunity, snapshot job, ...: choose one
            self._choose_row_link(related.row_noun, item, links)
        elif links:
            self._follow(links[0], links[0].resolve(item, self.record.data))
        else:
            self.notify(f"This {related.row_noun} is not one engtui can open.", markup=False)

    def _choose_row_link(self, noun: str, item: dict[str, Any], links: list[Link]) -> None:
        from engtui.api.kinds import KINDS
        from engtui.screens.record_links import LinksDialog

        targets = [link.resolve(item, self.record.data) for link in links]
        labels = [f"{KINDS[link.kind].title if link.kind in KINDS else link.kind} {target[0]}"
                  for link, target in zip(links, targets, strict=True)]

        def chosen(index: int | None) -> None:
            if index is not None:
                self._follow(links[index], targets[index])

        self.app.push_screen(LinksDialog(f"Open a record this {noun} names", labels), chosen)

    def _follow(self, link: Link, target: LinkTarget) -> None:
        self.opener.follow(link, target[0], self.record.catalog, target[1])

    def on_record_opener_waiting(self, event: RecordOpener.Waiting) -> None:
        """A linked record takes a while: the header's subtitle says so until the outcome
        (not a notification: it would linger over the record once opened)."""
        if event.stale:
            return
        retry = f" (attempt {event.attempt} of {event.attempts})" if event.attempt > 1 else ""
        self.query_one(RecordHeader).opening = f"{event.request.identifier}…{retry}"

    def on_record_opener_failed(self, event: RecordOpener.Failed) -> None:
        self.query_one(RecordHeader).opening = ""
        if not event.stale:
            self.notify(event.error.one_line(), title=event.error.kind.title,
                        severity="error", markup=False)

    def on_record_opener_opened(self, event: RecordOpener.Opened) -> None:
        self.query_one(RecordHeader).opening = ""

    def action_raw_json(self) -> None:
        """The record's JSON, in full and searchable (masked in privacy mode)."""
        from engtui.screens.raw_json import RawJsonScreen

        self.app.push_screen(RawJsonScreen(self.view))

    def action_changes(self) -> None:
        """What changed since the previous revision, or from another record (``d``)."""
        from engtui.screens.record_diff import show_changes

        show_changes(self, self.record)

    def action_timeline(self) -> None:
        """The engagement's timeline (``t``): everything the API can date about it."""
        from engtui.screens.timeline import TimelineScreen

        self.app.push_screen(TimelineScreen(self.record))

    def action_report_url(self) -> None:
        """``u`` (kinds with a report: a bulk job): its report URL, shown with its expiry
        and copied, never downloaded."""
        from engtui.screens.report_url import ask_report_url

        found = self.kind.report(self.record.data) if self.kind.report else None
        if found is None:
            self.notify(f"This {self.kind.noun} has no report.", markup=False)
            return
        ask_report_url(self, *found, self.record.catalog)

    def action_links(self) -> None:
        """The records this one links to, in a small dialog (``o``); Enter opens one."""
        from engtui.api.links import link_choices
        from engtui.screens.record_links import LinksDialog

        choices = link_choices(self.record)
        if not choices:
            self.notify(f"This {self.kind.title.lower()} links to no record engtui opens.",
                        markup=False)
            return

        def chosen(index: int | None) -> None:
            if index is not None:
                _, link, target = choices[index]
                self._follow(link, target)

        self.app.push_screen(LinksDialog(f"Open a record linked to {self.record.crumb}",
                                         [label for label, _, _ in choices]), chosen)

    # -- copy and export (`RecordCopier`) --------------------------------------------------------
    @cached_property
    def copier(self) -> RecordCopier:
        """What y, Y, i, a and s do, built on the first of them."""
        return RecordCopier(self)

    def action_copy_value(self) -> None:
        pane = self.active_pane
        if pane == self.tree_pane:
            self.copier.field(self.view, self.selected())
        else:
            self.copier.row(self.view, self.kind.related_list(pane),
                            shown.selected_index if (shown := self.pane(pane)) else None)

    def action_copy_json(self) -> None:
        self.copier.json(self.view)

    def action_copy_id(self) -> None:
        self.copier.id(self.view)

    def action_copy_arn(self) -> None:
        self.copier.arn(self.view)

    def action_console_link(self) -> None:
        self.copier.console_link(self.view)

    def action_export(self) -> None:
        self.copier.export(self.view)

    # -- search -------------------------------------------------------------------------------
    def action_search(self) -> None:
        self.query_one(SearchBar).open()  # first: the pane switch then leaves focus in it
        if self.kind.related:
            self.action_show_pane(self.tree_pane)

    @on(Input.Changed, "#search-input")
    def _search_changed(self, event: Input.Changed) -> None:
        self._search(event.value, jump=True)

    @on(Input.Submitted, "#search-input")
    def _search_submitted(self) -> None:
        self.query_one(ContextTree).focus()
        self.refresh_bindings()

    @on(SearchBar.Closed)
    def _search_closed(self) -> None:
        self._clear_search()
        self.query_one(ContextTree).focus()

    def _search(self, query: str, jump: bool) -> None:
        tree = self.query_one(ContextTree)
        total = tree.search(tree_part(self.shown_tree, self.kind), query, jump=jump)
        self.query_one(SearchBar).set_count(1 if total else 0, total, query)
        self.refresh_bindings()

    def _clear_search(self) -> None:
        self.query_one(ContextTree).search(None, "")
        self.refresh_bindings()

    def action_search_step(self, step: int) -> None:
        position = self.query_one(ContextTree).search_step(step)
        if position is not None:
            search = self.query_one(SearchBar)
            search.set_count(*position, search.query)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide the keys that do nothing right now (the footer and help follow)."""
        if action == "search_step":  # None: listed in the help, but off until a search
            return True if self.query_one(ContextTree).match_count > 0 else None
        if action == "retry":
            shown = self.pane(self.active_pane)
            return shown is not None and shown.state is LoadState.FAILED
        return True

    # -- back, refresh ------------------------------------------------------------------------
    def action_back(self) -> None:
        search = self.query_one(SearchBar)
        if search.is_open:
            search.action_close()
        elif self.refreshing:
            self.opener.cancel_refresh()
            self.notify("Refresh cancelled.")
        elif self.opener.busy:
            self.opener.cancel()
            self.query_one(RecordHeader).opening = ""
            self.notify("Opening cancelled.")
        else:
            self.dismiss()

    @property
    def refreshing(self) -> bool:
        return self.opener.refreshing

    def action_refresh(self) -> None:
        self.notify(f"Refreshing {self.record.crumb}…", timeout=2, markup=False)
        self.opener.refresh(self.record, self.show)
