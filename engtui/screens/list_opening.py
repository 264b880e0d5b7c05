"""How a record opened from a list screen shows its progress under the list (the
`engtui.screens.opening.OpenStatus` of `engtui.screens.record_list.ListScreen`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from engtui.textsafe import printable
from engtui.widgets.lookup_status import LookupStatus

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from engtui.api.errors import ApiError
    from engtui.api.records import Record
    from engtui.screens.opening import OpenRequest

OPEN_ERROR_KEYS = "Enter: retry · Esc: dismiss"


class ShowsOpening:
    """The list screen's side of opening a row's record (a mixin of plain methods)."""

    opening: bool
    query_one: DOMNode.query_one

    def opening_started(self, request: OpenRequest) -> None:
        """A record opened from here is being fetched (Escape cancels it)."""
        self.opening = True

    def show_opening(self, request: OpenRequest, attempt: int, attempts: int) -> None:
        self.opening = True
        text = f"Opening {request.identifier}…"
        if attempt > 1:
            text += f" retrying (attempt {attempt} of {attempts})"
        status = self.query_one("#list-status", LookupStatus)
        status.show_loading(printable(text + "  Esc to cancel"))

    def show_open_error(self, request: OpenRequest, error: ApiError) -> None:
        """Opening failed: the error is shown under the list."""
        self.opening = False
        status = self.query_one("#list-status", LookupStatus)
        status.show_error(error.kind.title, error.message, error.hint, OPEN_ERROR_KEYS)

    def opening_done(self, record: Record) -> None:
        """Opening finished (the record's screen is pushed)."""
        self.opening = False
        self._hide_status()

    def _hide_status(self) -> None:
        self.query_one("#list-status", LookupStatus).show_idle()

