"""The engagement screen: header panel, tree of contexts, detail pane for the selection."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Tree

from engtui.api.field_tree import FieldNode, contexts_of, header_fields
from engtui.api.jsonout import dumps
from engtui.api.service import Engagement
from engtui.messages import LookupCancelRequested, LookupRequested
from engtui.widgets.connection_bar import ConnectionBar
from engtui.widgets.context_tree import ContextTree
from engtui.widgets.engagement_header import EngagementHeader
from engtui.widgets.field_detail import FieldDetail


class EngagementScreen(Screen[None]):
    """One engagement, read with the keyboard."""

    BINDING_GROUP_TITLE = "Engagement"

    AUTO_FOCUS = "ContextTree"

    DEFAULT_CSS = """
    EngagementScreen #body {
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
                tooltip="Back to the lookup screen (or cancel a refresh)"),
        Binding("r", "refresh", "Refresh", id="engagement.refresh",
                tooltip="Fetch this engagement again"),
        Binding("y", "copy_value", "Copy value", id="engagement.copy_value",
                tooltip="Copy the selected value (a container copies as JSON)"),
        Binding("Y", "copy_json", "Copy JSON", id="engagement.copy_json",
                tooltip="Copy the whole engagement as JSON"),
        Binding("q", "app.quit", "Quit", show=False, id="engagement.quit",
                tooltip="Quit engtui"),
        Binding("tab", "app.focus_next", "Next pane", show=False, id="engagement.next_pane"),
    ]

    def __init__(
        self, engagement: Engagement, tree: FieldNode, now: Callable[[], dt.datetime]
    ) -> None:
        super().__init__()
        self.engagement = engagement
        self.field_tree = tree
        self._now = now
        self.refreshing = False

    def compose(self) -> ComposeResult:
        yield ConnectionBar()
        yield EngagementHeader(self._now, id="header")
        with Horizontal(id="body"):
            yield ContextTree(id="contexts")
            yield FieldDetail(self._now, id="detail")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.show(self.engagement, self.field_tree)

    def show(self, engagement: Engagement, root: FieldNode) -> None:
        """Draw (or redraw, after a refresh) the engagement and its field tree."""
        self.engagement = engagement
        self.field_tree = root
        self.query_one(EngagementHeader).show(
            engagement.title or engagement.id, header_fields(root), engagement.catalog
        )
        contexts = contexts_of(root)
        tree = self.query_one(ContextTree)
        count = len(contexts.children) if contexts else 0
        tree.border_title = f"Contexts ({count})"
        tree.show(contexts)
        first = tree.root.children[0] if tree.root.children else None
        if first is not None:
            tree.move_cursor(first)
        self.query_one(FieldDetail).show(first.data if first else None)

    @on(Tree.NodeHighlighted, "#contexts")
    def _highlighted(self, event: Tree.NodeHighlighted[FieldNode]) -> None:
        if event.node.data is not None:
            self.query_one(FieldDetail).show(event.node.data)

    def selected(self) -> FieldNode | None:
        node = self.query_one(ContextTree).cursor_node
        return node.data if node is not None else None

    # -- actions ----------------------------------------------------------------------------
    def action_back(self) -> None:
        if self.refreshing:
            self.refreshing = False
            self.post_message(LookupCancelRequested())
            self.notify("Refresh cancelled.")
            return
        self.dismiss()

    def action_refresh(self) -> None:
        self.refreshing = True
        self.notify(f"Refreshing {self.engagement.id}…", timeout=2)
        self.post_message(LookupRequested(self.engagement.id, self.engagement.catalog, True))

    def action_copy_value(self) -> None:
        node = self.selected()
        if node is None:
            return
        text = node.value_text if node.is_leaf else dumps(node.raw)
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied {node.name} to the clipboard.", timeout=3)

    def action_copy_json(self) -> None:
        self.app.copy_to_clipboard(dumps(self.engagement.data))
        self.notify(f"Copied {self.engagement.id} as JSON to the clipboard.", timeout=3)
