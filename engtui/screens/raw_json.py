"""The raw JSON of a record (``v`` on any record screen): the whole response, every value in
full (a long description the tree cuts is read here), scrollable and searchable (``/``,
``n``/``N``), masked in privacy mode like everything else the record screen shows. Pushed on
the stack: Escape goes back to the record exactly as it was.

The text is `engtui.api.jsonout.dumps` of `RecordView.data()`: JSON escapes every control
character, so API text can only be shown literally (a read-only ``TextArea``, which never
parses markup).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, TextArea
from textual.widgets.text_area import Selection

from engtui.api.jsonout import dumps
from engtui.api.record_view import RecordView
from engtui.screens.base import EngtuiScreen
from engtui.widgets.search_bar import SearchBar


def find_all(text: str, query: str) -> list[tuple[int, int]]:
    """(line, column) of every case-insensitive occurrence of ``query`` in ``text``."""
    needle = query.strip().lower()
    if not needle:
        return []
    found = []
    for number, line in enumerate(text.lower().split("\n")):
        start = line.find(needle)
        while start != -1:
            found.append((number, start))
            start = line.find(needle, start + 1)
    return found


class RawJsonScreen(EngtuiScreen):
    """One record's response as JSON."""

    BINDING_GROUP_TITLE = "Raw JSON"
    AUTO_FOCUS = "#raw"

    DEFAULT_CSS = """
    RawJsonScreen #raw {
        height: 1fr;
        border: round $primary 40%;
        border-title-color: $text-muted;
    }
    RawJsonScreen #raw:focus {
        border: round $primary;
    }
    """

    BINDINGS = [
        Binding("escape", "back", "Back", id="raw.back",
                tooltip="Back to the record (or close the search)"),
        Binding("slash", "search", "Search", id="raw.search",
                tooltip="Search the JSON as you type (case-insensitive)"),
        Binding("n", "step(1)", "Next match", show=False, id="raw.next_match",
                tooltip="Jump to the next search match"),
        Binding("N", "step(-1)", "Previous match", show=False, id="raw.previous_match",
                tooltip="Jump to the previous search match"),
        Binding("q", "app.quit", "Quit", show=False, id="raw.quit", tooltip="Quit engtui"),
    ]

    def __init__(self, view: RecordView) -> None:
        super().__init__()
        self.view = view
        self.text = dumps(view.data())
        self.matches: list[tuple[int, int]] = []
        self.match_index = 0

    @property
    def crumb(self) -> str:
        return "JSON"

    def compose_body(self) -> ComposeResult:
        area = TextArea(self.text, read_only=True, show_line_numbers=False, id="raw",
                        soft_wrap=True)
        area.border_title = (f"{self.view.record.kind.get_operation} response"
                             + self.view.note)
        yield area
        yield SearchBar(id="search")

    def action_search(self) -> None:
        self.query_one(SearchBar).open()

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        self.matches = find_all(self.text, event.value)
        self.match_index = 0
        self._show_match(event.value)

    @on(Input.Submitted, "#search-input")
    def _submitted(self) -> None:
        self.query_one("#raw", TextArea).focus()

    @on(SearchBar.Closed)
    def _search_closed(self) -> None:
        self.matches = []
        self.query_one("#raw", TextArea).focus()

    def action_step(self, step: int) -> None:
        if self.matches:
            self.match_index = (self.match_index + step) % len(self.matches)
            self._show_match(self.query_one(SearchBar).query)

    def _show_match(self, query: str) -> None:
        bar = self.query_one(SearchBar)
        bar.set_count(self.match_index + 1 if self.matches else 0, len(self.matches), query)
        if not self.matches:
            return
        line, column = self.matches[self.match_index]
        area = self.query_one("#raw", TextArea)
        area.selection = Selection((line, column), (line, column + len(query.strip())))
        area.scroll_cursor_visible(center=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "step":  # None: listed in the help, but off until a search
            return True if self.matches else None
        return True

    def action_back(self) -> None:
        search = self.query_one(SearchBar)
        if search.is_open:
            search.action_close()
        else:
            self.dismiss()
