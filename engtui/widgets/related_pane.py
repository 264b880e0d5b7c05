"""A pane for a record's related list (an engagement's members, its linked opportunities):
a table that is loaded the first time it is shown.

It draws four states: not loaded yet (nothing has been asked), loading (a spinner, the page
count so far), loaded (the table), failed (the error in place, with the key that retries).
The pane owns the worker that fetches its rows: the screen hands it a fetch function
(`load`), and the pane posts `RelatedPane.Loaded` with the API's items when every page is
in. The screen keeps the items (they go into copies and exports) and hands back the rows
to draw, masked in privacy mode. Cells are
`rich.text.Text` built from printable text, never markup. The table itself is built with the
first rows: most lookups never show this pane, and a ``DataTable`` is costly to import,
style and mount on the engagement screen's first draw.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message

from engtui.api.errors import ApiError, classify
from engtui.textsafe import printable
from engtui.threads import in_daemon_thread
from engtui.widgets.latest import Latest
from engtui.widgets.lookup_status import LookupStatus
from engtui.widgets.worker_bugs import ReportsWorkerBugs

if TYPE_CHECKING:
    from textual.widgets import DataTable

    from engtui.api.paging import PageCallback

RelatedFetch = Callable[["PageCallback", Callable[[], bool]], list[dict[str, Any]]]
"""``(on_page, should_stop)`` → every item of the list (a blocking call, all pages)."""

CELL_LIMIT = 80


class LoadState(enum.Enum):
    IDLE = "idle"
    LOADING = "loading"
    LOADED = "loaded"
    FAILED = "failed"


class RelatedPane(ReportsWorkerBugs, Vertical):
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

    @dataclass
    class Loaded(Message):
        """Every page of the pane's list is in."""

        pane: RelatedPane
        items: list[dict[str, Any]]
        quiet: bool = False  # loaded in the background (a prefetch), maybe not shown yet

    @dataclass
    class Failed(Message):
        """The pane's list could not be loaded (the error is shown in the pane)."""

        pane: RelatedPane

    @dataclass
    class Dropped(Message):
        """A background load (a prefetch) was refused by the call budget: not loaded."""

        pane: RelatedPane

    def __init__(
        self, noun: str, columns: Sequence[tuple[str, int | None]], *, id: str | None = None,
        empty_owner: str = "record",
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
        self._empty_owner = empty_owner
        self._loads = Latest(self)  # a newer load (a refresh) drops an older one
        self._quiet = False  # loading in the background: no spinner until shown

    def compose(self) -> ComposeResult:
        yield LookupStatus()

    def on_mount(self) -> None:
        self._show_not_loaded()

    def _show_not_loaded(self) -> None:
        self._status().show_idle(printable(f"The {self.noun} load when this pane is first shown."))

    def on_resize(self) -> None:
        if self.state is LoadState.LOADED and self.content_size.width != self._layout_width:
            self._fill()

    def _status(self) -> LookupStatus:
        return self.query_one(LookupStatus)

    @property
    def table(self) -> DataTable[Text]:
        """The table (built, and mounted, the first time it is asked for)."""
        if self._table is None:
            from engtui.widgets.row_table import RowTable

            self._table = RowTable(cursor_type="row", zebra_stripes=True)
            self.mount(self._table)
        return self._table

    # -- loading ------------------------------------------------------------------------------
    def load(self, fetch: RelatedFetch, retry_keys: str, *, quiet: bool = False) -> None:
        """Fetch every page in a worker of this pane; a newer load drops an older one.
        ``quiet`` (a prefetch of a pane not shown): no loading state drawn until `reveal`."""
        number = self._loads.start()
        self._quiet = quiet
        if quiet:
            self.state = LoadState.LOADING
        else:
            self.show_loading()
        self.run_worker(self._load(fetch, number, retry_keys), group="related",
                        exclusive=True, exit_on_error=False)

    def forget(self) -> None:
        """The record changed (a refresh, another record): back to not loaded."""
        self._loads.drop()
        self.workers.cancel_group(self, "related")
        self.state = LoadState.IDLE
        self.border_title = self.noun.capitalize()  # no count: nothing of this record is in

    async def _load(self, fetch: RelatedFetch, sequence: int, retry_keys: str) -> None:
        def current() -> bool:
            return self._loads.is_latest(sequence) and self.is_attached

        def on_page(pages: int, count: int) -> None:  # in the daemon thread
            if current():
                self._loads.call_from_thread(sequence, self._progress, sequence, pages, count)

        from engtui.api.budget import Dropped

        outcome: list[dict[str, Any]] | ApiError
        try:
            outcome = await in_daemon_thread(lambda: fetch(on_page, lambda: not current()),
                                             f"engtui-{self.id}-{sequence}")
        except Dropped:  # a prefetch the budget had no room for: as if never asked
            if current():
                self.state = LoadState.IDLE
                self._show_not_loaded()
                self.post_message(self.Dropped(self))
            return
        except Exception as exc:  # shown in the pane, never ends the app
            outcome = classify(exc)
        if not current():
            return  # a refresh started a newer load: drop this one
        if isinstance(outcome, ApiError):
            self.show_error(outcome.kind.title, outcome.message, outcome.hint, retry_keys)
            self.post_message(self.Failed(self))
            self.screen.refresh_bindings()  # its retry key is live now
        else:
            self.post_message(self.Loaded(self, outcome, self._quiet))

    def _progress(self, sequence: int, pages: int, count: int) -> None:
        if self._loads.is_latest(sequence) and not self._quiet:
            self.show_loading(pages, count)

    def reveal(self) -> None:
        """The pane is shown while a quiet load runs: draw its loading state now."""
        if self._quiet and self.state is LoadState.LOADING:
            self._quiet = False
            self.show_loading()

    def show_loading(self, pages: int = 0, count: int = 0) -> None:
        self.state = LoadState.LOADING
        self.set_class(False, "-loaded")
        progress = f" page {pages}, {count} so far" if pages else ""
        self._status().show_loading(printable(f"Loading {self.noun}…{progress}"))

    def show_error(self, title: str, message: str, hint: str, keys: str) -> None:
        self.state = LoadState.FAILED
        self.border_title = self.noun.capitalize()  # a count from an older load is not shown
        self.set_class(False, "-loaded")
        self._status().show_error(title, message, hint, keys)

    def show_rows(self, rows: Sequence[Sequence[str]]) -> None:
        """Replace the table's rows (values are raw API text, made printable here)."""
        self.state = LoadState.LOADED
        self._rows = [tuple(row) for row in rows]
        if not rows:
            self.set_class(False, "-loaded")
            self._status().show_idle(printable(f"This {self._empty_owner} has no {self.noun}."))
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
