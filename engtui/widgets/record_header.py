"""The header panel: every top-level field of a record but its tree (an engagement's
contexts).

Compact on purpose (seven lines with its border for an engagement), so the tree keeps most
of the screen: the record kind declares which fields share a line (`header_pairs`: the
id and member count, creation and who did it, modification and who did it); the ARN and
description get the full width, and any field the model adds later gets a line of its own.
On a short screen (80x24, 60x20) it has a compact form of three lines: the first pairs and
the description; the subtitle says how many fields are left out (`v`, the raw JSON view,
shows every field in full, and `a` copies the ARN). A value cut at the width ends in `…`.
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
COMPACT_BELOW = 30
COMPACT_LINES = 3
COMPACT_HIDDEN = frozenset({"Arn"})


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
        self._shown: tuple[list[FieldNode], str, Mapping[str, str], str] | None = None
        self._refreshing = False
        self._opening = ""

    @property
    def compact(self) -> bool:
        """A short screen (under `COMPACT_BELOW` lines: 80x24, 60x20) gets the compact form:
        at most `COMPACT_LINES` lines, the ARN and what does not fit left to the raw view."""
        return 0 < self.app.size.height < COMPACT_BELOW

    @property
    def refreshing(self) -> bool:
        """A refresh is running: the subtitle says so (a record drawn from memory is then
        what was seen earlier in this run, until the answer lands)."""
        return self._refreshing

    @refreshing.setter
    def refreshing(self, running: bool) -> None:
        if running != self._refreshing:
            self._refreshing = running
            if self._shown is not None:
                self._draw(*self._shown)

    @property
    def opening(self) -> str:
        """What a link or row of this record is opening, while it takes a while
        ("O6100001…"): said in the subtitle, which goes with this screen (a notification
        would linger over the record once it is open)."""
        return self._opening

    @opening.setter
    def opening(self, text: str) -> None:
        if text != self._opening:
            self._opening = text
            if self._shown is not None:
                self._draw(*self._shown)

    def on_resize(self) -> None:
        if self._shown is not None:  # the compact form and the pairs' widths follow the size
            fields, catalog, pairs, title_member = self._shown
            self._draw(fields, catalog, pairs, title_member)

    def _left_width(self, rows: list[tuple[FieldNode, FieldNode | None]], label: int) -> int:
        """The width of the left values of the pairs: all they need when both sides fit,
        else what the right side leaves (at least half): a short value is never cut."""
        left = max((self._value(node).cell_len for node, _ in rows), default=0)
        right = max((self._value(other).cell_len for _, other in rows), default=0)
        right_label = max((len(other.name) for _, other in rows if other), default=0)
        room = (self.content_region.width or self.app.size.width - 4) - label - right_label - 3
        if left + right <= room:
            return left
        return max(min(left, room - right), room // 2, 1)

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
        # A str border title is parsed as markup: API text goes in as Content.
        self.border_title = Content(printable(title, limit=60) or "(untitled)")
        self._shown = (fields, catalog, pairs, title_member)
        self._draw(fields, catalog, pairs, title_member)

    def _draw(self, fields: list[FieldNode], catalog: str, pairs: Mapping[str, str],
              title_member: str) -> None:
        compact = self.compact
        shown_elsewhere = {title_member, *pairs.values()}
        by_name = {node.name: node for node in fields}
        label_width = max((len(node.name) for node in fields), default=0)
        pair_rows: list[tuple[FieldNode, FieldNode | None]] = []
        single_rows: list[FieldNode] = []
        for node in fields:
            if node.name in shown_elsewhere:
                continue
            if node.name in pairs:
                pair_rows.append((node, by_name.get(pairs[node.name])))
            else:
                single_rows.append(node)
        partners = {partner: name for name, partner in pairs.items()}
        for name, first in partners.items():  # a partner whose pair is missing still shows
            if name in by_name and first not in by_name:
                single_rows.append(by_name[name])
        hidden = 0
        if compact:  # the first pairs, then the prose (not the ARN: `a` copies it, `v` shows it)
            singles = [node for node in single_rows if node.name not in COMPACT_HIDDEN]
            keep_singles = singles[: max(1, COMPACT_LINES - len(pair_rows))]
            keep_pairs = pair_rows[: COMPACT_LINES - len(keep_singles)]
            hidden = len(pair_rows) + len(single_rows) - len(keep_pairs) - len(keep_singles)
            pair_rows, single_rows = keep_pairs, keep_singles
        paired = _grid(4, label_width, self._left_width(pair_rows, label_width))
        for node, partner in pair_rows:
            paired.add_row(
                Text(printable(node.name)),
                self._value(node),
                Text(printable(partner.name)) if partner else Text(""),
                self._value(partner),
            )
        singles_grid = _grid(2, label_width)
        for node in single_rows:
            singles_grid.add_row(Text(printable(node.name)), self._value(node))
        width = self.content_region.width or self.app.size.width - 4
        cut = any(self._value(node).cell_len > width - label_width - 1 for node in single_rows)
        more = (f" · v: {hidden} more fields" if hidden
                else " · v: every value in full" if cut else "")
        busy = (f" · opening {self._opening}" if self._opening
                else " · refreshing…" if self._refreshing else "")
        self.border_subtitle = f"catalog {catalog}{more}{busy}"
        self.update(Group(paired, singles_grid))


def _grid(columns: int, label_width: int, left_width: int = 0) -> Table:
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(style="dim", no_wrap=True, min_width=label_width)
    if columns == 4:
        # The left value gets the width it was given, the right one the rest (cut with …).
        grid.add_column(no_wrap=True, overflow="ellipsis", width=left_width)
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    else:
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    return grid
