"""The table of a related-list pane: a row-cursor `DataTable` with the keys the other lists
have (`j`/`k`, `g`/`G`), so a user's fingers work the same in every table.

Its own module so that `DataTable` is imported only when a pane first shows rows.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable


class RowTable(DataTable[Text]):
    """A `DataTable` with vi-style row keys."""

    BINDING_GROUP_TITLE = "Table"

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="rows.down",
                tooltip="Move the cursor down one row"),
        Binding("k", "cursor_up", "Up", show=False, id="rows.up",
                tooltip="Move the cursor up one row"),
        Binding("g", "scroll_top", "First", show=False, id="rows.first",
                tooltip="Go to the first row"),
        Binding("G", "scroll_bottom", "Last", show=False, id="rows.last",
                tooltip="Go to the last row"),
    ]

    def on_resize(self) -> None:
        """A smaller window keeps the cursor row in view."""
        if self.row_count:
            self.call_after_refresh(self.move_cursor, row=self.cursor_row, animate=False)
