"""A fast table of list summaries, built on Textual's Line API.

Why not a `DataTable`: the list must stay responsive with 10,000 rows, and a filter
keystroke would rebuild 10,000 rows. Here the rows are kept as tuples of display strings
(made safe with `printable` once, when they arrive, by the list kind's ``row``), filtering
is incremental (`row_filter.RowFilter`: one lowered haystack per row, built as rows arrive;
a longer needle scans only the rows still shown, a shorter one is usually cached), producing
a list of row indices, and only the lines on screen are drawn (`render_line`), as plain
`Segment`s: API text is never parsed as markup. A filter that leaves the scrollbar as it
was repaints this widget's visible lines only, without a layout of the screen.

Which columns, which row strings and which id each item has come from the list kind's
declaration (`engtui.api.records.ListKind`): the same widget shows any list.

Line 0 is a fixed header; the other lines show ``view[scroll_y + y - 1]``. Columns drop from
the least important as the width shrinks (`table_layout.layout_for`), down to 60 columns.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from engtui.api.records import ListKind
from engtui.textsafe import printable
from engtui.widgets.row_filter import RowFilter
from engtui.widgets.table_layout import GAP, PAD, Runs, fit, highlighted, layout_for

NONE = "—"


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
    marked: Style


MARKERS = {"new": "+", "changed": "~"}
"""The character before a row a watching list found new or changed (monochrome-safe)."""


class SummaryTable(ScrollView, can_focus=True, inherit_bindings=False):
    """Rows of summaries with a cursor, a client-side filter and a fixed header."""

    BINDING_GROUP_TITLE = "Table"

    COMPONENT_CLASSES = {
        "summary-table--header",
        "summary-table--cursor",
        "summary-table--match",
        "summary-table--muted",
        "summary-table--marked",
    }

    DEFAULT_CSS = """
    SummaryTable {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
        background: $surface;
    }
    SummaryTable > .summary-table--header {
        text-style: bold;
        color: $text-accent;
        background: $panel;
    }
    SummaryTable > .summary-table--cursor {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
    }
    SummaryTable:focus > .summary-table--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    SummaryTable > .summary-table--match {
        text-style: bold underline;
        color: $text-warning;
    }
    SummaryTable > .summary-table--muted {
        color: $text-muted;
    }
    SummaryTable > .summary-table--marked {
        text-style: bold;
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
                tooltip="Open the row under the cursor"),
    ]

    class Selected(Message):
        """Enter (or a click on the cursor row) on a row."""

        def __init__(self, table: SummaryTable, summary: Any) -> None:
            super().__init__()
            self.table = table
            self.summary = summary

        @property
        def control(self) -> SummaryTable:
            return self.table

    class Highlighted(Message):
        """The cursor moved to another row (the list screen prefetches once it rests)."""

        def __init__(self, table: SummaryTable) -> None:
            super().__init__()
            self.table = table

        @property
        def control(self) -> SummaryTable:
            return self.table

    def __init__(self, spec: ListKind, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.spec = spec
        columns = spec.columns
        self._filtered = [i for i, c in enumerate(columns) if c.filtered]
        self._summaries: list[Any] = []
        self._rows: list[tuple[str, ...]] = []
        self._filter = RowFilter()
        self._view: list[int] = self._filter.view
        self._needle = ""
        self._cursor = 0
        self._target_id: str | None = None
        self.sort_descending: bool | None = None
        self.operation = ""  # the list's operation: columns declared for another are hidden
        self.empty_text = f"No {spec.title.lower()}."
        self._pass: _Pass | None = None
        self._styles: tuple[tuple[int, bool], _Pass] | None = None  # the last pass, kept
        self._marks: dict[str, str] = {}  # id → "new" or "changed" (a watching list)

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
    def selected(self) -> Any | None:
        """The summary under the cursor, or ``None`` when nothing is shown."""
        if not self._view:
            return None
        return self._summaries[self._view[self._cursor]]

    def shown_ids(self) -> list[str]:
        """The ids that pass the filter, in order (for tests and copying)."""
        item_id = self.spec.item_id
        return [item_id(self._summaries[index]) for index in self._view]

    def shown_summaries(self) -> list[Any]:
        """The row objects that pass the filter, in order (a list's picture counts these)."""
        return [self._summaries[index] for index in self._view]

    def shown_rows(self) -> list[tuple[str, ...]]:
        """The display strings of the rows that pass the filter, in order (every declared
        column, as made when the page arrived: the list's export writes these)."""
        return [self._rows[index] for index in self._view]

    def clear(self, keep_cursor_on: str | None = None) -> None:
        """Forget the rows (before a reload). The filter stays; when a row with id
        ``keep_cursor_on`` arrives again, the cursor goes back to it."""
        self._summaries.clear()
        self._rows.clear()
        self._marks = {}
        self._filter.clear()
        self._view = self._filter.view
        self._cursor = 0
        self._target_id = keep_cursor_on
        self._resized()

    def add(self, summaries: Iterable[Any]) -> None:
        """Append rows (a page as it arrives); the cursor stays where it is."""
        start = len(self._rows)
        new = list(summaries)
        row_of, filtered = self.spec.make_row(), self._filtered
        rows = [row_of(summary) for summary in new]
        self._summaries.extend(new)
        self._rows.extend(rows)
        self._filter.add(["\0".join(row[i] for i in filtered).lower() for row in rows])
        if self._target_id is not None:
            item_id = self.spec.item_id
            for offset, summary in enumerate(new):
                if item_id(summary) == self._target_id:
                    self._target_id = None
                    self._move_to_row(start + offset)
                    break
        self._resized()

    def mark(self, marks: Mapping[str, str]) -> None:
        """Mark the rows of these ids ``new`` or ``changed`` (`MARKERS`; bold), until the
        next `clear`: what a watching list's last look found."""
        self._marks = dict(marks)
        self.refresh()

    def marked_ids(self) -> dict[str, str]:
        """The marked ids that are loaded (for tests and the summary line)."""
        item_id = self.spec.item_id
        loaded = {item_id(summary) for summary in self._summaries}
        return {key: value for key, value in self._marks.items() if key in loaded}

    def set_filter(self, text: str) -> None:
        """Show only the rows whose filtered columns (an engagement's id and title) contain
        ``text`` (case-insensitive)."""
        needle = text.lower()
        if needle == self._needle:
            return
        current = self._view[self._cursor] if self._view else 0
        self._needle = needle
        self._view = self._filter.set(needle)
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
            # Repaint the two rows the cursor leaves and enters, not the whole table: a
            # cursor move then writes two lines to the terminal (slow SSH links). Row i is
            # virtual line i + 1, under the header; a scroll repaints what it must itself.
            self.refresh_line(self._cursor + 1)
            self._cursor = position
            self.refresh_line(position + 1)
            self.post_message(self.Highlighted(self))
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
        size = Size(self.size.width, len(self._view) + 1)
        if self._scrollbar_kept(size):
            # Only the row count changed and the scrollbar stays (or stays away): update it
            # and repaint this widget's visible lines, without the layout of the whole
            # screen that setting `virtual_size` asks for (a filter keystroke's frame).
            self.set_reactive(Widget.virtual_size, size)
            self._update_scrollbar(size)
            self.refresh()
            self._scroll_to_cursor()
            return
        self.virtual_size = size
        self.refresh()
        self.call_after_refresh(self._scroll_to_cursor)

    def _update_scrollbar(self, size: Size) -> None:
        """What Textual does on a new virtual size, for the case `_scrollbar_kept` allows
        (the same width, the scrollbars neither come nor go), with public attributes only:
        the vertical scrollbar's range, and the scroll position kept inside it."""
        if self.show_vertical_scrollbar:
            bar = self.vertical_scrollbar
            bar.window_virtual_size = size.height
            bar.window_size = self.container_size.height - self.scrollbar_size_horizontal
            bar.refresh()
        self.scroll_y = self.validate_scroll_y(self.scroll_y)

    def _scrollbar_kept(self, size: Size) -> bool:
        """Whether ``size`` keeps the width and the vertical scrollbar as laid out."""
        height = self.container_size.height
        if not self.is_mounted or not height or size.width != self.virtual_size.width:
            return False
        shown = self.show_vertical_scrollbar
        return (size.height > height) == (self.virtual_size.height > height) == shown

    def on_resize(self) -> None:
        """A smaller window keeps the cursor row in view (not only after the next key)."""
        self._resized()

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

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None

    def _make_pass(self) -> _Pass:
        """The pass's styles: kept from the last pass while the width, the focus and the
        CSS stay the same (working them out was a quarter of a filter key's table render:
        `Widget.refresh` clears Textual's own cache of `rich_style`)."""
        width = self.scrollable_content_region.width
        key = (width, self.has_focus)
        if self._styles is not None and self._styles[0] == key:
            return self._styles[1]
        made = self._new_pass(width)
        self._styles = (key, made)
        return made

    def _new_pass(self, width: int) -> _Pass:
        base = self.rich_style
        return _Pass(
            width=width,
            columns=layout_for(self.spec.columns, self.operation, width),
            base=base,
            header=base + self.get_component_rich_style("summary-table--header"),
            cursor=base + self.get_component_rich_style("summary-table--cursor"),
            match=self.get_component_rich_style("summary-table--match", partial=True),
            muted=self.get_component_rich_style("summary-table--muted", partial=True),
            marked=self.get_component_rich_style("summary-table--marked", partial=True),
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
                    empty = (f"No loaded {self.spec.noun} matches "
                             f"“{printable(self._needle)}”.")
                text = fit(" " * PAD + empty, width)
                return Strip([Segment(text, base + paint.muted)], width)
            return Strip.blank(width, base)
        if position >= len(self._view):
            return Strip.blank(width, base)
        index = self._view[position]
        style = paint.cursor if position == self._cursor else base
        mark = self._marks.get(self.spec.item_id(self._summaries[index])) if self._marks else None
        if mark is not None:
            style += paint.marked
        return self._row(self._rows[index], paint, style, MARKERS.get(mark or "", " "))

    def _header(self, paint: _Pass) -> Strip:
        columns, width, style = paint.columns, paint.width, paint.header
        cells = []
        for index, size in columns:
            column = self.spec.columns[index]
            title = column.title
            if column.sort_mark and self.sort_descending is not None:
                title += " ↓" if self.sort_descending else " ↑"
            cells.append(fit(title, size, column.right))
        text = " " * PAD + (" " * GAP).join(cells)
        return Strip([Segment(fit(text, width), style)], width)

    def _row(self, row: tuple[str, ...], paint: _Pass, style: Style,
             marker: str = " ") -> Strip:
        # Merged runs (`Runs`); the blanks after a muted cell are muted too (a space's
        # colour does not show), so the dates make one run to the end of the row.
        width = paint.width
        muted = style + paint.muted
        runs, used, blank = Runs(marker + " " * (PAD - 1), style), PAD, style
        for number, (index, size) in enumerate(paint.columns):
            if number:
                runs.put(" " * GAP, blank)
                used += GAP
            column = self.spec.columns[index]
            cell = fit(printable(row[index]), size, column.right)  # SafeText: as is
            used += size
            blank = style
            if self._needle and column.filtered:
                for part in highlighted(cell, self._needle, style, style + paint.match):
                    runs.put(part.text, part.style or style)
            elif column.muted or row[index] == NONE:
                runs.put(cell, muted)
                blank = muted
            else:
                runs.put(cell, style)
        if used < width:
            runs.put(" " * (width - used), blank)
        return Strip(runs.segments(), width).crop(0, width)
