"""The detail pane: the selected node's fields as a table and the model's documentation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from engtui.api.field_tree import FieldNode
from engtui.textsafe import printable
from engtui.timefmt import human

VALUE_LIMIT = 4000


class FieldDetail(VerticalScroll):
    """Fields of the selected node (name, value) and what the model says about it."""

    BINDING_GROUP_TITLE = "Details pane"

    DEFAULT_CSS = """
    FieldDetail {
        border: round $primary 40%;
        border-title-color: $text-muted;
        padding: 0 1;
    }
    FieldDetail:focus {
        border: round $primary;
    }
    FieldDetail #detail-fields {
        height: auto;
    }
    FieldDetail #detail-doc {
        height: auto;
        margin-top: 1;
        color: $text-muted;
    }
    """

    def __init__(self, now: Callable[[], dt.datetime], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._now = now
        self.border_title = "Details"

    def compose(self) -> ComposeResult:
        yield Static(id="detail-fields", markup=False)
        yield Static(id="detail-doc", markup=False)

    def value_cell(self, node: FieldNode) -> Text:
        """A leaf's value as drawn: printable, timestamps with a relative phrase."""
        if isinstance(node.raw, dt.datetime):
            return Text(human(node.raw, self._now()))
        return Text(printable(node.value_text, limit=VALUE_LIMIT))

    def show(self, node: FieldNode | None) -> None:
        """Show one node (``None`` clears the pane)."""
        fields = self.query_one("#detail-fields", Static)
        doc = self.query_one("#detail-doc", Static)
        if node is None:
            fields.update(Text("Select a node to see its fields.", style="dim"))
            doc.update("")
            return
        title = node.name if node.is_leaf else node.label
        self.border_title = Content(printable(title, limit=60))
        table = Table.grid(padding=(0, 1), expand=True)
        table.add_column(style="bold", no_wrap=True, ratio=None)
        table.add_column(ratio=1, overflow="fold")
        rows = [node] if node.is_leaf else node.scalar_children
        for row in rows:
            table.add_row(Text(printable(row.name)), self.value_cell(row))
        for child in node.children:
            if not child.is_leaf:
                summary = Text(printable(child.label, limit=80), style="italic")
                table.add_row(Text(printable(child.name)), summary)
        if not rows and not node.children:
            table.add_row(Text("(empty)", style="dim"), Text(""))
        fields.update(table)
        documentation = printable(node.documentation) if node.documentation else ""
        doc.update(Text(documentation, style="italic") if documentation else "")
        self.scroll_home(animate=False)
