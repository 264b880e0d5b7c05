"""The detail pane: the selected node's fields as a table and the model's documentation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rich.padding import Padding
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
MIN_VALUE = 24
"""The fewest columns a value gets beside its name; fewer, and names go above values."""


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
        self._node: FieldNode | None = None
        self._stacked = False
        self.border_title = "Details"

    def compose(self) -> ComposeResult:
        yield Static(id="detail-fields", markup=False)
        yield Static(id="detail-doc", markup=False)

    def stacked(self, rows: list[tuple[str, Text]]) -> bool:
        """Names above values when beside them a value would get less than `MIN_VALUE`
        columns (the pane at 80 columns): no value or name is wrapped letter by letter."""
        names = max((len(printable(name)) for name, _ in rows), default=0)
        width = self.scrollable_content_region.width or self.size.width
        return width > 0 and width - names - 1 < MIN_VALUE

    def on_resize(self) -> None:
        node = self._node
        if node is not None and self.is_mounted:
            rows = [(row.name, Text("")) for row in
                    ([node] if node.is_leaf else node.scalar_children)]
            rows += [(child.name, Text("")) for child in node.children if not child.is_leaf]
            if self.stacked(rows) != self._stacked:
                self.show(node)

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
            self._node = None
            fields.update(Text("Select a node to see its fields.", style="dim"))
            doc.update("")
            return
        self._node = node
        title = node.name if node.is_leaf else node.label
        self.border_title = Content(printable(title, limit=60))
        rows = [(row.name, self.value_cell(row))
                for row in ([node] if node.is_leaf else node.scalar_children)]
        rows += [(child.name, Text(printable(child.label, limit=200), style="italic"))
                 for child in node.children if not child.is_leaf]
        if not rows:
            rows = [("(empty)", Text(""))]
        self._stacked = self.stacked(rows)
        fields.update(_stacked(rows) if self._stacked else _side_by_side(rows))
        documentation = printable(node.documentation) if node.documentation else ""
        doc.update(Text(documentation, style="italic") if documentation else "")
        self.scroll_home(animate=False)


def _side_by_side(rows: list[tuple[str, Text]]) -> Table:
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(style="bold", no_wrap=True, ratio=None)
    table.add_column(ratio=1, overflow="fold")  # words wrap; only a too-long word is folded
    for name, value in rows:
        table.add_row(Text(printable(name), style="dim" if name == "(empty)" else ""), value)
    return table


def _stacked(rows: list[tuple[str, Text]]) -> Table:
    """Each name on a line of its own, its value below it, indented."""
    table = Table.grid(expand=True)
    table.add_column(ratio=1, overflow="fold")
    for name, value in rows:
        table.add_row(Text(printable(name), style="bold"))
        if value.plain:
            value.overflow = "fold"  # a URL folds under itself, still indented
            table.add_row(Padding(value, (0, 0, 0, 2)))
    return table
