"""The table of a related-list pane: a row-cursor `DataTable` with the keys the other lists
have (`j`/`k`, `g`/`G`), so a user's fingers work the same in every table.

Its own module so that `DataTable` is imported only when a pane first shows rows.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from engtui.widgets.vi_keys import vi_bindings


class RowTable(DataTable[Text]):
    """A `DataTable` with vi-style row keys."""

    BINDING_GROUP_TITLE = "Table"

    BINDINGS = vi_bindings("rows", down="cursor_down", up="cursor_up", first="scroll_top",
                           last="scroll_bottom")

    def on_resize(self) -> None:
        """A smaller window keeps the cursor row in view."""
        if self.row_count:
            self.call_after_refresh(self.move_cursor, row=self.cursor_row, animate=False)
