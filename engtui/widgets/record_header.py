"""The header panel: every top-level field of a record but its tree (an engagement's
contexts).

Compact on purpose (seven lines with its border for an engagement), so the tree keeps most
of an 80x24 screen: the record kind declares which fields share a line (`header_pairs`: the
id and member count, creation and who did it, modification and who did it); the ARN and
description get the full width, and any field the model adds later gets a line of its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.content import Content
from textual.widgets import Static

from engtui.api.field_tree import FieldNode
from engtui.textsafe import printable
from engtui.timefmt import human

FIELD_LIMIT = 300


class RecordHeader(Static):
    """Title in the border, then the other top-level fields."""

    DEFAULT_CSS = """
    RecordHeader {
        height: auto;
        max-height: 9;
        padding: 0 1;
        border: round $accent 50%;
        border-title-color: $text;
        border-title-style: bold;
    }
    """

    def __init__(self, now: Callable[[], dt.datetime], *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._now = now

    def _value(self, node: FieldNode | None) -> Text:
        if node is None:
            return Text("")
        if isinstance(node.raw, dt.datetime):
            value = human(node.raw, self._now())
        else:
            value = node.value_text if node.is_leaf else node.label
        return Text(printable(value, limit=FIELD_LIMIT))

    def show(
        self, title: str, fields: list[FieldNode], catalog: str, *,
        pairs: Mapping[str, str], title_member: str,
    ) -> None:
        """Draw the header for one record (``pairs``: field -> the field on its line)."""
        shown_elsewhere = {title_member, *pairs.values()}
        # A str border title is parsed as markup: API text goes in as Content.
        self.border_title = Content(printable(title, limit=60) or "(untitled)")
        self.border_subtitle = f"catalog {catalog}"
        by_name = {node.name: node for node in fields}
        label_width = max((len(node.name) for node in fields), default=0)
        paired = _grid(4, label_width)
        singles = _grid(2, label_width)
        for node in fields:
            if node.name in shown_elsewhere:
                continue
            partner = by_name.get(pairs.get(node.name, ""))
            if node.name in pairs:
                paired.add_row(
                    Text(printable(node.name)),
                    self._value(node),
                    Text(printable(partner.name)) if partner else Text(""),
                    self._value(partner),
                )
            else:
                singles.add_row(Text(printable(node.name)), self._value(node))
        partners = {partner: name for name, partner in pairs.items()}
        for name, first in partners.items():  # a partner whose pair is missing still shows
            if name in by_name and first not in by_name:
                singles.add_row(Text(printable(name)), self._value(by_name[name]))
        self.update(Group(paired, singles))


def _grid(columns: int, label_width: int) -> Table:
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(style="dim", no_wrap=True, min_width=label_width)
    grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    if columns == 4:
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column(no_wrap=True, overflow="ellipsis")
    return grid
