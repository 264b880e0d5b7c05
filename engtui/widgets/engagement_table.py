"""A fast table of engagement summaries, built on Textual's Line API.

Why not a `DataTable`: the list must stay responsive with 10,000 engagements, and a filter
keystroke would rebuild 10,000 rows. Here the rows are kept as tuples of display strings
(made safe with `printable` once, when they arrive), filtering is one list comprehension
over pre-lowered ``id``/``title`` keys producing a list of row indices, and only the lines
on screen are drawn (`render_line`), as plain `Segment`s: API text is never parsed as markup.

Line 0 is a fixed header; the other lines show ``view[scroll_y + y - 1]``. Columns drop
from the least important (modified, members, context types, created) as the width shrinks,
so the id and the title always fit, down to 60 columns.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from engtui.api.listing import EngagementSummary
from engtui.textsafe import printable
from engtui.timefmt import utc_iso

GAP = 1
PAD = 1
TITLE_MIN = 20
NONE = "—"


@dataclass(frozen=True)
class Column:
    """A column: ``width`` 0 is the flexible title column; higher ``keep`` drops later."""

    title: str
    width: int
    keep: int
    right: bool = False


# Order on screen; the tuple index is the field's index in a row tuple.
COLUMNS = (
    Column("Id", 18, 9),
    Column("Title", 0, 8),
    Column("Context types", 21, 6),
    Column("Members", 7, 5, right=True),
    Column("Created", 10, 7),
    Column("Modified", 10, 4),
)
ID, TITLE, TYPES, MEMBERS, CREATED, MODIFIED = range(len(COLUMNS))

Row = tuple[str, str, str, str, str, str]


def row_of(summary: EngagementSummary) -> Row:
    """The display strings of a summary (computed once, when the page arrives)."""
    return (
        printable(summary.id),
        printable(summary.title),
        printable(", ".join(summary.context_types)) if summary.context_types else NONE,
        str(summary.member_count) if summary.member_count is not None else NONE,
        utc_iso(summary.created_at)[:10] if summary.created_at else NONE,
        utc_iso(summary.modified_at)[:10] if summary.modified_at else NONE,
    )


def layout(width: int) -> list[tuple[int, int]]:
    """``(column index, width)`` of the columns that fit in ``width`` cells, in screen
    order: the least important fixed columns are dropped until the title gets its minimum,
    then the title takes what is left."""
    shown = list(range(len(COLUMNS)))

    def fixed(indices: list[int]) -> int:
        return sum(COLUMNS[i].width + GAP for i in indices if COLUMNS[i].width)

    while PAD + fixed(shown) + TITLE_MIN > width:
        droppable = [i for i in shown if COLUMNS[i].width and COLUMNS[i].keep < COLUMNS[ID].keep]
        if not droppable:
            break
        shown.remove(min(droppable, key=lambda i: COLUMNS[i].keep))
    title_width = max(TITLE_MIN, width - PAD - fixed(shown))
    return [(i, COLUMNS[i].width or title_width) for i in shown]


def fit(text: str, width: int, right: bool = False) -> str:
    """``text`` cut (with an ellipsis) or padded to exactly ``width`` cells."""
    length = cell_len(text)
    if length > width:
        return set_cell_size(text, width - 1) + "…"
    padding = " " * (width - length)
    return padding + text if right else text + padding


@dataclass(frozen=True)
class _Pass:
    """What every line of one drawing pass needs: the width, columns and styles."""

    width: int
    columns: list[tuple[int, int]]
    base: Style
    header: Style
    cursor: Style
    match: Style
    muted: Style


class EngagementTable(ScrollView, can_focus=True, inherit_bindings=False):
    """Rows of engagement summaries with a cursor, a client-side filter and a fixed header."""

    BINDING_GROUP_TITLE = "Engagement table"

    COMPONENT_CLASSES = {
        "engagement-table--header",
        "engagement-table--cursor",
        "engagement-table--match",
        "engagement-table--muted",
    }

    DEFAULT_CSS = """
    EngagementTable {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
        background: $surface;
    }
    EngagementTable > .engagement-table--header {
        text-style: bold;
        color: $text-accent;
        background: $panel;
    }
    EngagementTable > .engagement-table--cursor {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
    }
    EngagementTable:focus > .engagement-table--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    EngagementTable > .engagement-table--match {
        text-style: bold underline;
        color: $text-warning;
    }
    EngagementTable > .engagement-table--muted {
        color: $text-muted;
    }
    """

    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Up", show=False, id="table.up",
                tooltip="Move the cursor up one row"),
        Binding("down,j", "cursor(1)", "Down", show=False, id="table.down",
                tooltip="Move the cursor down one row"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="table.page_up",
                tooltip="Move the cursor up one screen"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="table.page_down",
                tooltip="Move the cursor down one screen"),
        Binding("home,g", "first", "First", show=False, id="table.first",
                tooltip="Go to the first row"),
        Binding("end,G", "last", "Last", show=False, id="table.last",
                tooltip="Go to the last row"),
        Binding("enter", "select", "Open", id="table.open",
                tooltip="Open the engagement under the cursor"),
    ]

    class Selected(Message):
        """Enter (or a click on the cursor row) on an engagement."""

        def __init__(self, table: EngagementTable, summary: EngagementSummary) -> None:
            super().__init__()
            self.table = table
            self.summary = summary

        @property
        def control(self) -> EngagementTable:
            return self.table

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._summaries: list[EngagementSummary] = []
        self._rows: list[Row] = []
        self._keys: list[str] = []
        self._view: list[int] = []
        self._needle = ""
        self._cursor = 0
        self._target_id: str | None = None
        self.sort_descending: bool | None = None
        self.empty_text = "No engagements."
        self._pass: _Pass | None = None

    # -- data -------------------------------------------------------------------------------
    @property
    def row_count(self) -> int:
        """How many rows are loaded."""
        return len(self._rows)

    @property
    def shown_count(self) -> int:
        """How many rows pass the filter."""
        return len(self._view)

    @property
    def filter_text(self) -> str:
        """The filter in force, lowered (empty: every row is shown)."""
        return self._needle

    @property
    def cursor(self) -> int:
        """The cursor's position among the shown rows."""
        return self._cursor

    @property
    def selected(self) -> EngagementSummary | None:
        """The summary under the cursor, or ``None`` when nothing is shown."""
        if not self._view:
            return None
        return self._summaries[self._view[self._cursor]]

    def shown_ids(self) -> list[str]:
        """The ids that pass the filter, in order (for tests and copying)."""
        return [self._summaries[index].id for index in self._view]

    def clear(self, keep_cursor_on: str | None = None) -> None:
        """Forget the rows (before a reload). The filter stays; when a row with id
        ``keep_cursor_on`` arrives again, the cursor goes back to it."""
        self._summaries.clear()
        self._rows.clear()
        self._keys.clear()
        self._view.clear()
        self._cursor = 0
        self._target_id = keep_cursor_on
        self._resized()

    def add(self, summaries: Iterable[EngagementSummary]) -> None:
        """Append rows (a page as it arrives); the cursor stays where it is."""
        start = len(self._rows)
        new = list(summaries)
        rows = [row_of(summary) for summary in new]
        self._summaries.extend(new)
        self._rows.extend(rows)
        keys = [f"{row[ID]}\0{row[TITLE]}".lower() for row in rows]
        self._keys.extend(keys)
        needle = self._needle
        self._view.extend(
            start + offset for offset, key in enumerate(keys) if needle in key
        )
        if self._target_id is not None:
            for offset, summary in enumerate(new):
                if summary.id == self._target_id:
                    self._target_id = None
                    self._move_to_row(start + offset)
                    break
        self._resized()

    def set_filter(self, text: str) -> None:
        """Show only the rows whose id or title contains ``text`` (case-insensitive)."""
        needle = text.lower()
        if needle == self._needle:
            return
        current = self._view[self._cursor] if self._view else 0
        self._needle = needle
        if needle:
            self._view = [index for index, key in enumerate(self._keys) if needle in key]
        else:
            self._view = list(range(len(self._keys)))
        self._move_to_row(current)
        self._resized()

    def _move_to_row(self, row_index: int) -> None:
        """Put the cursor on ``row_index`` if shown, else on the next shown row."""
        position = bisect_left(self._view, row_index)
        self._cursor = min(position, max(0, len(self._view) - 1))

    # -- cursor -----------------------------------------------------------------------------
    def move_cursor(self, position: int) -> None:
        """Put the cursor at ``position`` among the shown rows (clamped) and show it."""
        last = max(0, len(self._view) - 1)
        position = max(0, min(position, last))
        if position != self._cursor:
            self._cursor = position
            self.refresh()
        self._target_id = None
        self._scroll_to_cursor()

    def _page_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _scroll_to_cursor(self) -> None:
        page = self._page_rows()
        top = round(self.scroll_y)
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=False)
        elif self._cursor >= top + page:
            self.scroll_to(y=self._cursor - page + 1, animate=False)

    def _resized(self) -> None:
        self.virtual_size = Size(self.size.width, len(self._view) + 1)
        self.refresh()
        self.call_after_refresh(self._scroll_to_cursor)

    def action_cursor(self, delta: int) -> None:
        self.move_cursor(self._cursor + delta)

    def action_page(self, direction: int) -> None:
        self.move_cursor(self._cursor + direction * self._page_rows())

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(len(self._view) - 1)

    def action_select(self) -> None:
        summary = self.selected
        if summary is not None:
            self.post_message(self.Selected(self, summary))

    def on_click(self, event: events.Click) -> None:
        line = event.y - 1 + round(self.scroll_y)
        if event.y < 1 or not 0 <= line < len(self._view):
            return
        if line == self._cursor:
            self.action_select()
        else:
            self.move_cursor(line)

    # -- drawing ----------------------------------------------------------------------------
    def render_lines(self, crop: Region) -> list[Strip]:
        """Draw the lines of ``crop``; what every line needs is worked out once per pass
        (``rich_style`` alone walks the ancestors and would cost more than a row)."""
        self._pass = self._make_pass()
        try:
            return super().render_lines(crop)
        finally:
            self._pass = None

    def _make_pass(self) -> _Pass:
        width = self.scrollable_content_region.width
        base = self.rich_style
        return _Pass(
            width=width,
            columns=layout(width),
            base=base,
            header=base + self.get_component_rich_style("engagement-table--header"),
            cursor=base + self.get_component_rich_style("engagement-table--cursor"),
            match=self.get_component_rich_style("engagement-table--match", partial=True),
            muted=self.get_component_rich_style("engagement-table--muted", partial=True),
        )

    def render_line(self, y: int) -> Strip:
        paint = self._pass or self._make_pass()
        width, base = paint.width, paint.base
        if y == 0:
            return self._header(paint)
        position = round(self.scroll_y) + y - 1
        if not self._view:
            if y == 1:
                empty = self.empty_text
                if self._rows:
                    empty = f"No loaded engagement matches “{printable(self._needle)}”."
                text = fit(" " * PAD + empty, width)
                return Strip([Segment(text, base + paint.muted)], width)
            return Strip.blank(width, base)
        if position >= len(self._view):
            return Strip.blank(width, base)
        row = self._rows[self._view[position]]
        style = paint.cursor if position == self._cursor else base
        return self._row(row, paint, style)

    def _header(self, paint: _Pass) -> Strip:
        columns, width, style = paint.columns, paint.width, paint.header
        cells = []
        for index, size in columns:
            title = COLUMNS[index].title
            if index == CREATED and self.sort_descending is not None:
                title += " ↓" if self.sort_descending else " ↑"
            cells.append(fit(title, size, COLUMNS[index].right))
        text = " " * PAD + (" " * GAP).join(cells)
        return Strip([Segment(fit(text, width), style)], width)

    def _row(self, row: Row, paint: _Pass, style: Style) -> Strip:
        width = paint.width
        segments = [Segment(" " * PAD, style)]
        muted = style + paint.muted
        used = PAD
        for number, (index, size) in enumerate(paint.columns):
            if number:
                segments.append(Segment(" " * GAP, style))
                used += GAP
            cell = fit(row[index], size, COLUMNS[index].right)
            used += size
            if self._needle and index in (ID, TITLE):
                segments.extend(_highlighted(cell, self._needle, style, style + paint.match))
            elif index in (CREATED, MODIFIED) or row[index] == NONE:
                segments.append(Segment(cell, muted))
            else:
                segments.append(Segment(cell, style))
        if used < width:
            segments.append(Segment(" " * (width - used), style))
        return Strip(segments, width).crop(0, width)


def _highlighted(cell: str, needle: str, style: Style, match: Style) -> list[Segment]:
    """``cell`` as segments with every occurrence of ``needle`` in ``match`` style."""
    lowered = cell.lower()
    if len(lowered) != len(cell):  # a case mapping changed the length: no highlight
        return [Segment(cell, style)]
    segments = []
    start = 0
    while (found := lowered.find(needle, start)) != -1:
        if found > start:
            segments.append(Segment(cell[start:found], style))
        end = found + len(needle)
        segments.append(Segment(cell[found:end], match))
        start = end
    if start < len(cell):
        segments.append(Segment(cell[start:], style))
    return segments
