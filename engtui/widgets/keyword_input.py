"""The keyword line of a list screen (``ctrl+f``): a keyword the *service* searches for
(``SearchEngagements``' ``Keyword``), unlike ``/``, which filters the rows already loaded.
Enter asks for it (`KeywordInput.Search`); Escape clears it and goes back to the list as it
was without one (`KeywordInput.Cleared`)."""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input

from engtui.widgets.filter_input import FilterInput


class KeywordInput(FilterInput):
    """One line: the keyword typed, searched on Enter (styled and shown like the filter)."""

    BINDING_GROUP_TITLE = "Keyword search"

    BINDINGS = [
        Binding("escape", "clear", "Clear search", id="keyword.clear",
                tooltip="Clear the keyword and list again without it"),
    ]

    class Search(Message):
        """Enter: search for ``keyword`` (stripped; never empty)."""

        def __init__(self, keyword: str) -> None:
            super().__init__()
            self.keyword = keyword

    class Cleared(Message):
        """Escape, or Enter on an empty line: no keyword any more."""

    def __init__(self, *, id: str | None = None) -> None:
        # The model's limit on a keyword (EngagementSearchKeyword: 1 to 500 characters).
        super().__init__(id=id, max_length=500,
                         placeholder="^f search the service for a keyword (Enter searches, "
                                     "Esc clears)")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        keyword = " ".join(event.value.split())
        self.post_message(self.Search(keyword) if keyword else self.Cleared())

    def action_clear(self) -> None:
        self.value = ""
        self.post_message(self.Cleared())
