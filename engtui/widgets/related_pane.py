"""A pane for an engagement's neighbours (members, linked opportunities): a table that is
loaded the first time it is shown.

It draws four states: not loaded yet (nothing has been asked), loading (a spinner, the page
count so far), loaded (the table), failed (the error in place, with the key that retries).
The pane only draws; the screen runs the worker that fetches the rows. Cells are
`rich.text.Text` built from printable text, never markup. The table itself is built with the
first rows: most lookups never show this pane, and a ``DataTable`` is costly to import,
style and mount on the engagement screen's first draw.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical

from engtui.textsafe import printable
from engtui.widgets.lookup_status import LookupStatus

if TYPE_CHECKING:
    from textual.widgets import DataTable

CELL_LIMIT = 80


class LoadState(enum.Enum):
    IDLE = "idle"
    LOADING = "loading"
    LOADED = "loaded"
    FAILED = "failed"


class RelatedPane(Vertical):
    """A lazily loaded table of records with a status line above it."""

    BINDING_GROUP_TITLE = "Table"

    DEFAULT_CSS = """
    RelatedPane {
        height: 1fr;
        border: round $primary 40%;
        border-title-color: $text-muted;
        padding: 0 1;
    }
    RelatedPane:focus-within {
        border: round $primary;
    }
    RelatedPane LookupStatus {
        margin: 0;
    }
    RelatedPane.-loaded LookupStatus {
        display: none;
    }
    RelatedPane DataTable {
        height: 1fr;
        display: none;
    }
    RelatedPane.-loaded DataTable {
        display: block;
    }
    """

    def __init__(
        self, noun: str, columns: Sequence[tuple[str, int | None]], *, id: str | None = None
    ) -> None:
        """``columns``: (title, width); the one column whose width is ``None`` takes the
        rest of the pane's width, so nothing scrolls sideways at 80 columns."""
        super().__init__(id=id)
        self.noun = noun
        self.columns = tuple(columns)
        self.state = LoadState.IDLE
        self.border_title = noun.capitalize()
        self._rows: list[tuple[str, ...]] = []
        self._layout_width = 0
        self._table: DataTable[Text] | None = None

    def compose(self) -> ComposeResult:
        yield LookupStatus()

    def on_mount(self) -> None:
        self._status().show_idle(f"The {self.noun} load when this pane is first shown.")

    def on_resize(self) -> None:
        if self.state is LoadState.LOADED and self.content_size.width != self._layout_width:
            self._fill()

    def _status(self) -> LookupStatus:
        return self.query_one(LookupStatus)

    @property
    def table(self) -> DataTable[Text]:
        """The table (built, and mounted, the first time it is asked for)."""
        if self._table is None:
            from textual.widgets import DataTable

            self._table = DataTable(cursor_type="row", zebra_stripes=True)
            self.mount(self._table)
        return self._table

    def show_loading(self, pages: int = 0, count: int = 0) -> None:
        self.state = LoadState.LOADING
        self.set_class(False, "-loaded")
        progress = f" page {pages}, {count} so far" if pages else ""
        self._status().show_loading(f"Loading {self.noun}…{progress}")

    def show_error(self, title: str, message: str, hint: str, keys: str) -> None:
        self.state = LoadState.FAILED
        self.set_class(False, "-loaded")
        self._status().show_error(title, message, hint, keys)

    def show_rows(self, rows: Sequence[Sequence[str]]) -> None:
        """Replace the table's rows (values are raw API text, made printable here)."""
        self.state = LoadState.LOADED
        self._rows = [tuple(row) for row in rows]
        if not rows:
            self.set_class(False, "-loaded")
            self._status().show_idle(f"This engagement has no {self.noun}.")
            return
        self.set_class(True, "-loaded")
        self._fill()

    def _fill(self) -> None:
        table = self.table
        cursor = table.cursor_row
        self._layout_width = width = self.content_size.width
        fixed = sum(w or 0 for _, w in self.columns)
        padding = 2 * table.cell_padding * len(self.columns) + 2  # + the vertical scrollbar
        flexible = max(10, width - fixed - padding)
        table.clear(columns=True)
        for title, column_width in self.columns:
            table.add_column(title, width=column_width or flexible)
        for row in self._rows:
            table.add_row(*(
                Text(printable(value, limit=CELL_LIMIT), no_wrap=True, overflow="ellipsis")
                for value in row
            ))
        table.move_cursor(row=min(cursor, len(self._rows) - 1))

    def focus_table(self) -> None:
        if self.state is LoadState.LOADED and self._table is not None and self._table.row_count:
            self._table.focus()

    @property
    def selected_index(self) -> int | None:
        table = self._table
        if self.state is not LoadState.LOADED or table is None or not table.row_count:
            return None
        return table.cursor_row
