"""The engagement screen: header panel, and three panes switched by ``1``/``2``/``3``:
the tree of contexts with the detail pane, the members, the linked opportunities.

Layout: the panes are tabs (a one-line `PaneTabs` strip over a `ContentSwitcher`), because
at 80x24 the tree needs every row it can get (connection bar, header and key bar already take
nine): the strip costs one row, while extra tree branches would mix records of another kind into
the contexts tree, and side-by-side tables would leave each one too narrow to read. The
members and opportunities are loaded by a worker the first time their pane is shown (never
before: most lookups only need the contexts), every page, with the load's progress and any
error drawn in place (``ctrl+r`` retries).

Privacy mode (the app's ``redacted``) masks every value the model marks sensitive: the
screen then draws, searches, copies and exports a masked copy of the data
(`engtui.api.redact`), so the real value of a masked field cannot leave the screen.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Input, Tree

from engtui.api.errors import ApiError, classify
from engtui.api.field_search import find_matches
from engtui.api.field_tree import FieldNode, contexts_of, engagement_tree, header_fields
from engtui.api.jsonout import dumps
from engtui.api.redact import redact_engagement, redact_item
from engtui.api.related import EngagementMember, ResourceAssociation
from engtui.api.service import Engagement
from engtui.background import in_daemon_thread
from engtui.export import (
    ExportError,
    default_export_path,
    export_document,
    resolve_export_path,
    write_export,
)
from engtui.messages import LookupCancelRequested, LookupRequested
from engtui.screens.confirm import ConfirmScreen
from engtui.screens.export import ExportScreen
from engtui.widgets.connection_bar import ConnectionBar
from engtui.widgets.context_tree import ContextTree
from engtui.widgets.engagement_header import EngagementHeader
from engtui.widgets.field_detail import FieldDetail
from engtui.widgets.key_bar import KeyBar
from engtui.widgets.pane_tabs import PaneTabs
from engtui.widgets.related_pane import LoadState, RelatedPane
from engtui.widgets.search_bar import SearchBar

CONTEXTS, MEMBERS, OPPORTUNITIES = "contexts", "members", "opportunities"
PANE_KEYS = {CONTEXTS: "1", MEMBERS: "2", OPPORTUNITIES: "3"}
PANE_TITLES = {CONTEXTS: "Contexts", MEMBERS: "Members", OPPORTUNITIES: "Opportunities"}
RELATED_SHAPES = {MEMBERS: "EngagementMember",
                  OPPORTUNITIES: "EngagementResourceAssociationSummary"}
RETRY_KEYS = "ctrl+r: retry · r: refresh the whole engagement"
MASKED_NOTE = " (masked: privacy mode)"
# The website is the longest and least needed column: it comes last and takes what is left.
MEMBER_COLUMNS = (("Company", 26), ("Account id", 12), ("Website", None))
OPPORTUNITY_COLUMNS = (("Opportunity", 20), ("Type", 12), ("Created by", None))

Related = EngagementMember | ResourceAssociation


def pane_id(name: str) -> str:
    return f"pane-{name}"


def tab_label(name: str, count: int | None = None) -> Content:
    """``1 Contexts (5)``: the key that shows the pane, dim, then its name and count."""
    title = PANE_TITLES[name] + (f" ({count})" if count is not None else "")
    return Content.assemble((f"{PANE_KEYS[name]} ", "dim"), title)


class EngagementScreen(Screen[None]):
    """One engagement, read with the keyboard."""

    BINDING_GROUP_TITLE = "Engagement"

    AUTO_FOCUS = "ContextTree"

    DEFAULT_CSS = """
    EngagementScreen #panes, EngagementScreen #panes > * {
        height: 1fr;
    }
    EngagementScreen ContextTree {
        width: 3fr;
        min-width: 30;
    }
    EngagementScreen FieldDetail {
        width: 2fr;
    }
    """

    BINDINGS = [
        Binding("escape", "back", "Back", id="engagement.back",
                tooltip="Back to the lookup screen (or cancel a refresh, or close the search)"),
        Binding("r", "refresh", "Refresh", id="engagement.refresh",
                tooltip="Fetch this engagement again (and its members and opportunities)"),
        Binding("slash", "search", "Search", id="engagement.search",
                tooltip="Search the tree's labels and values, also in collapsed branches"),
        Binding("n", "search_step(1)", "Next match", show=False, id="engagement.next_match",
                tooltip="Jump to the next search match"),
        Binding("N", "search_step(-1)", "Previous match", show=False,
                id="engagement.previous_match", tooltip="Jump to the previous search match"),
        Binding("y", "copy_value", "Copy value", id="engagement.copy_value",
                tooltip="Copy the selected value (a container copies as JSON; a member row "
                        "as JSON; an opportunity row its id)"),
        Binding("Y", "copy_json", "Copy JSON", show=False, id="engagement.copy_json",
                tooltip="Copy the whole engagement as JSON"),
        Binding("i", "copy_id", "Copy id", show=False, id="engagement.copy_id",
                tooltip="Copy the engagement id"),
        Binding("a", "copy_arn", "Copy ARN", show=False, id="engagement.copy_arn",
                tooltip="Copy the engagement ARN"),
        Binding("s", "export", "Export", id="engagement.export",
                tooltip="Save the engagement as JSON (with members and opportunities when "
                        "loaded)"),
        Binding("1", f"show_pane('{CONTEXTS}')", "Contexts", show=False,
                id="engagement.contexts", tooltip="Show the tree of contexts"),
        Binding("2", f"show_pane('{MEMBERS}')", "Members", show=False,
                id="engagement.members", tooltip="Show the members (loaded the first time)"),
        Binding("3", f"show_pane('{OPPORTUNITIES}')", "Opportunities", show=False,
                id="engagement.opportunities",
                tooltip="Show the linked opportunities (loaded the first time)"),
        Binding("ctrl+r", "retry", "Retry", show=False, id="engagement.retry",
                tooltip="Load the members or opportunities again after an error"),
        Binding("q", "app.quit", "Quit", show=False, id="engagement.quit",
                tooltip="Quit engtui"),
        Binding("tab", "app.focus_next", "Next pane", show=False, id="engagement.next_pane",
                tooltip="Move between the tree and the detail pane"),
    ]

    def __init__(
        self, engagement: Engagement, tree: FieldNode, now: Callable[[], dt.datetime]
    ) -> None:
        super().__init__()
        self.engagement = engagement
        self.field_tree = tree
        self.shown_tree = tree
        self._now = now
        self.refreshing = False
        self.related: dict[str, list[Any] | None] = {MEMBERS: None, OPPORTUNITIES: None}
        self._load_sequence = {MEMBERS: 0, OPPORTUNITIES: 0}
        self._matches: list[FieldNode] = []
        self._match_index = 0

    def compose(self) -> ComposeResult:
        yield ConnectionBar()
        yield EngagementHeader(self._now, id="header")
        yield PaneTabs({name: tab_label(name) for name in PANE_TITLES}, CONTEXTS,
                       id="pane-tabs")
        with ContentSwitcher(id="panes", initial=pane_id(CONTEXTS)):
            with Horizontal(id=pane_id(CONTEXTS)):
                yield ContextTree(id="contexts")
                yield FieldDetail(self._now, id="detail")
            with Vertical(id=pane_id(MEMBERS)):
                yield RelatedPane("members", MEMBER_COLUMNS, id=MEMBERS)
            with Vertical(id=pane_id(OPPORTUNITIES)):
                yield RelatedPane("linked opportunities", OPPORTUNITY_COLUMNS, id=OPPORTUNITIES)
        yield SearchBar(id="search")
        yield KeyBar()

    def on_mount(self) -> None:
        # The keys 1/2/3 switch panes; Tab keeps moving between the tree and the details.
        if hasattr(self.app, "redacted"):
            self.watch(self.app, "redacted", self._privacy_changed, init=False)
        self.show(self.engagement, self.field_tree)

    @property
    def redacted(self) -> bool:
        return bool(getattr(self.app, "redacted", False))

    def show(self, engagement: Engagement, root: FieldNode) -> None:
        """Draw (or redraw, after a refresh) the engagement and its field tree."""
        refreshed = self.is_mounted and engagement is not self.engagement
        self.engagement = engagement
        self.field_tree = root
        if refreshed:  # the members and opportunities may have changed too
            for kind in (MEMBERS, OPPORTUNITIES):
                self._load_sequence[kind] += 1
                self.related[kind] = None
                self.query_one(f"#{kind}", RelatedPane).state = LoadState.IDLE
            if self.active_pane in (MEMBERS, OPPORTUNITIES):
                self._start_load(self.active_pane)
        self._draw(keep_view=False)

    def open_other(self, engagement: Engagement, root: FieldNode) -> None:
        """Show another engagement in this (reused) screen, as if it were new: the contexts
        pane, no search, members and opportunities not loaded yet."""
        search = self.query_one(SearchBar)
        if search.is_open:
            search.close()
        self._clear_search()
        tabs = self.query_one(PaneTabs)
        tabs.active = CONTEXTS
        tabs.set_label(MEMBERS, tab_label(MEMBERS))
        tabs.set_label(OPPORTUNITIES, tab_label(OPPORTUNITIES))
        self.refreshing = False
        self.show(engagement, root)
        self.query_one(ContextTree).focus()

    def _draw(self, keep_view: bool) -> None:
        """Draw everything from the data, masked in privacy mode."""
        engagement = self.engagement
        root = (
            engagement_tree(redact_engagement(engagement.data)) if self.redacted
            else self.field_tree
        )
        self.shown_tree = root
        self.query_one(EngagementHeader).show(
            engagement.title or engagement.id, header_fields(root), engagement.catalog
        )
        contexts = contexts_of(root)
        tree = self.query_one(ContextTree)
        count = len(contexts.children) if contexts else 0
        tree.border_title = f"Contexts ({count})"
        tabs = self.query_one(PaneTabs)
        tabs.set_label(CONTEXTS, tab_label(CONTEXTS, count))
        members = engagement.data.get("MemberCount")
        if self.related[MEMBERS] is None and isinstance(members, int):
            tabs.set_label(MEMBERS, tab_label(MEMBERS, members))
        state = tree.view_state() if keep_view else None
        tree.show(contexts)
        if state is not None:
            tree.restore_view_state(state)
        else:
            first = tree.root.children[0] if tree.root.children else None
            if first is not None:
                tree.move_cursor(first)
        cursor = tree.cursor_node
        self.query_one(FieldDetail).show(cursor.data if cursor is not None else None)
        for kind in (MEMBERS, OPPORTUNITIES):
            if self.related[kind] is not None:
                self._draw_related(kind)
        search = self.query_one(SearchBar)
        if search.is_open and search.query:
            self._search(search.query, jump=False)

    def _privacy_changed(self, _: bool) -> None:
        self._draw(keep_view=True)

    @on(Tree.NodeHighlighted, "#contexts")
    def _highlighted(self, event: Tree.NodeHighlighted[FieldNode]) -> None:
        if event.node.data is not None:
            self.query_one(FieldDetail).show(event.node.data)

    def selected(self) -> FieldNode | None:
        node = self.query_one(ContextTree).cursor_node
        return node.data if node is not None else None

    # -- the panes ----------------------------------------------------------------------------
    @property
    def active_pane(self) -> str:
        return self.query_one(PaneTabs).active

    def action_show_pane(self, name: str) -> None:
        self.query_one(PaneTabs).active = name

    @on(PaneTabs.Activated, "#pane-tabs")
    def _pane_shown(self, event: PaneTabs.Activated) -> None:
        name = event.name
        self.query_one("#panes", ContentSwitcher).current = pane_id(name)
        if name == CONTEXTS:
            self.query_one(ContextTree).focus()
            return
        self.query_one(SearchBar).close()
        self._clear_search()
        pane = self.query_one(f"#{name}", RelatedPane)
        if pane.state is LoadState.IDLE:
            self._start_load(name)
        pane.focus_table()
        self.refresh_bindings()

    def _start_load(self, kind: str) -> None:
        self._load_sequence[kind] += 1
        self.query_one(f"#{kind}", RelatedPane).show_loading()
        self.run_worker(
            self._load(kind, self._load_sequence[kind]),
            group=kind, exclusive=True, exit_on_error=False,
        )

    async def _load(self, kind: str, sequence: int) -> None:
        """Fetch every page of the members or the associations, off the UI thread."""
        service = self.app.service  # type: ignore[attr-defined]
        catalog, identifier = self.engagement.catalog, self.engagement.id
        fetch = (
            service.list_engagement_members if kind == MEMBERS
            else service.list_engagement_associations
        )

        def current() -> bool:
            return sequence == self._load_sequence[kind] and self.is_attached

        def on_page(pages: int, count: int) -> None:
            if current():
                with contextlib.suppress(RuntimeError):  # the app may have exited
                    self.app.call_from_thread(self._progress, kind, sequence, pages, count)

        outcome: list[Any] | ApiError
        try:
            outcome = await in_daemon_thread(
                lambda: fetch(catalog, identifier, on_page=on_page,
                              should_stop=lambda: not current()),
                f"engtui-{kind}-{sequence}",
            )
        except Exception as exc:  # shown in the pane, never ends the app
            outcome = classify(exc)
        if not current():
            return  # a refresh started a newer load: drop this one
        pane = self.query_one(f"#{kind}", RelatedPane)
        if isinstance(outcome, ApiError):
            pane.show_error(outcome.kind.title, outcome.message, outcome.hint, RETRY_KEYS)
            self.refresh_bindings()
            return
        self.related[kind] = outcome
        if kind == MEMBERS:
            self.engagement = replace(self.engagement, members=[m.raw for m in outcome])
        else:
            self.engagement = replace(self.engagement, associations=[a.raw for a in outcome])
        self._draw_related(kind)
        if self.active_pane == kind:
            pane.focus_table()
        self.refresh_bindings()

    def _progress(self, kind: str, sequence: int, pages: int, count: int) -> None:
        if sequence == self._load_sequence[kind]:
            self.query_one(f"#{kind}", RelatedPane).show_loading(pages, count)

    def shown_related(self, kind: str) -> list[dict[str, Any]] | None:
        """The loaded members or associations as raw items, masked in privacy mode."""
        items = self.related[kind]
        if items is None:
            return None
        raw = [item.raw for item in items]
        if self.redacted:
            raw = [redact_item(item, RELATED_SHAPES[kind]) for item in raw]
        return raw

    def _draw_related(self, kind: str) -> None:
        raw = self.shown_related(kind) or []
        pane = self.query_one(f"#{kind}", RelatedPane)
        if kind == MEMBERS:
            members = [EngagementMember.from_raw(item) for item in raw]
            pane.show_rows([(m.company_name, m.account_id, m.website_url) for m in members])
        else:
            links = [ResourceAssociation.from_raw(item) for item in raw]
            pane.show_rows([(a.resource_id, a.resource_type, a.created_by) for a in links])
        pane.border_title = f"{PANE_TITLES[kind]} ({len(raw)})"
        self.query_one(PaneTabs).set_label(kind, tab_label(kind, len(raw)))

    def action_retry(self) -> None:
        if self.active_pane in (MEMBERS, OPPORTUNITIES):
            self._start_load(self.active_pane)

    # -- search -------------------------------------------------------------------------------
    def action_search(self) -> None:
        self.action_show_pane(CONTEXTS)
        self.query_one(SearchBar).open()

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
        self._matches = find_matches(contexts_of(self.shown_tree), query)
        self._match_index = 0
        tree.mark(self._matches, query)
        if self._matches and jump:
            tree.reveal(self._matches[0])
        self.query_one(SearchBar).set_count(1 if self._matches else 0, len(self._matches), query)
        self.refresh_bindings()

    def _clear_search(self) -> None:
        self._matches = []
        self.query_one(ContextTree).mark([], "")
        self.refresh_bindings()

    def action_search_step(self, step: int) -> None:
        if not self._matches:
            return
        self._match_index = (self._match_index + step) % len(self._matches)
        self.query_one(ContextTree).reveal(self._matches[self._match_index])
        search = self.query_one(SearchBar)
        search.set_count(self._match_index + 1, len(self._matches), search.query)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide the keys that do nothing right now (the footer and help follow)."""
        if action == "search_step":
            return bool(self._matches)
        if action == "retry":
            pane = self.active_pane
            return pane != CONTEXTS and self.query_one(
                f"#{pane}", RelatedPane).state is LoadState.FAILED
        return True

    # -- actions ----------------------------------------------------------------------------
    def action_back(self) -> None:
        search = self.query_one(SearchBar)
        if search.is_open:
            search.action_close()
            return
        if self.refreshing:
            self.refreshing = False
            self.post_message(LookupCancelRequested())
            self.notify("Refresh cancelled.")
            return
        self.dismiss()

    def action_refresh(self) -> None:
        self.refreshing = True
        self.notify(f"Refreshing {self.engagement.id}…", timeout=2, markup=False)
        self.post_message(LookupRequested(self.engagement.id, self.engagement.catalog, True))

    def _copy(self, text: str, what: str) -> None:
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied {what} to the clipboard.", timeout=3, markup=False)

    def action_copy_value(self) -> None:
        pane = self.active_pane
        if pane != CONTEXTS:
            self._copy_row(pane)
            return
        node = self.selected()
        if node is None:
            return
        note = MASKED_NOTE if self.redacted else ""
        if node.is_leaf and node.sensitive and self.redacted:
            self.notify(f"{node.name} is masked (privacy mode): nothing copied. "
                        "F9 turns privacy mode off.", severity="warning", markup=False)
            return
        if node.is_leaf:
            self._copy(node.value_text, node.name)
        else:
            self._copy(dumps(node.raw), f"{node.name} as JSON{note}")

    def _copy_row(self, kind: str) -> None:
        index = self.query_one(f"#{kind}", RelatedPane).selected_index
        items = self.shown_related(kind)
        if index is None or items is None or index >= len(items):
            return
        item = items[index]
        note = MASKED_NOTE if self.redacted else ""
        if kind == OPPORTUNITIES:
            self._copy(str(item.get("ResourceId") or ""), f"opportunity {item.get('ResourceId')}")
        else:
            self._copy(dumps(item), f"member {index + 1} as JSON{note}")

    def shown_engagement(self) -> dict[str, Any]:
        """The engagement as shown: masked in privacy mode."""
        data = self.engagement.data
        return redact_engagement(data) if self.redacted else data

    def action_copy_json(self) -> None:
        note = MASKED_NOTE if self.redacted else ""
        self._copy(dumps(self.shown_engagement()), f"{self.engagement.id} as JSON{note}")

    def action_copy_id(self) -> None:
        self._copy(self.engagement.id, f"the id {self.engagement.id}")

    def action_copy_arn(self) -> None:
        arn = str(self.shown_engagement().get("Arn") or "")
        if not arn:
            self.notify("This engagement has no ARN.", severity="warning")
            return
        masked = arn != self.engagement.arn
        self._copy(arn, "the ARN" + (MASKED_NOTE if masked else ""))

    # -- export -------------------------------------------------------------------------------
    def action_export(self, path: str = "", error: str = "") -> None:
        """Ask for a path (prefilled), then write the file in a worker."""
        loaded = [PANE_TITLES[kind].lower() for kind in (MEMBERS, OPPORTUNITIES)
                  if self.related[kind] is not None]
        what = f"{self.engagement.id}" + (f" with its {' and '.join(loaded)}" if loaded else "")
        if self.redacted:
            what += "; privacy mode is on: sensitive values are saved masked"
        default = path or str(default_export_path(self.engagement.id))

        def chosen(text: str | None) -> None:
            if text:
                self.run_worker(self._export(text), group="export", exit_on_error=False)

        self.app.push_screen(ExportScreen(default, what, error), chosen)

    def export_text(self) -> str:
        return export_document(
            self.engagement.catalog, self.shown_engagement(), self.shown_related(MEMBERS),
            self.shown_related(OPPORTUNITIES), redacted=self.redacted,
        )

    async def _export(self, typed: str, overwrite: bool = False) -> None:
        text = self.export_text()
        identifier = self.engagement.id

        def write() -> Path:
            return write_export(resolve_export_path(typed, identifier), text,
                                overwrite=overwrite)

        try:
            path = await in_daemon_thread(write, "engtui-export")
        except FileExistsError:
            target = resolve_export_path(typed, identifier)
            question = Text(f"{target} already exists. Replace it?")

            def answered(yes: bool | None) -> None:
                if yes:
                    self.run_worker(self._export(typed, overwrite=True), group="export",
                                    exit_on_error=False)
                else:
                    self.notify("Not exported: the file was left as it was.", timeout=3)

            self.app.push_screen(ConfirmScreen("File exists", question, "Replace"), answered)
            return
        except (ExportError, OSError) as exc:
            message = str(exc) if isinstance(exc, ExportError) else f"Cannot export: {exc}"
            self.notify(message, title="Export failed", severity="error", markup=False)
            self.action_export(typed, message)
            return
        note = MASKED_NOTE if self.redacted else ""
        self.notify(f"Exported {identifier} to {path}{note}.", timeout=5, markup=False)
