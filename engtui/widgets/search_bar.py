"""The search bar of the engagement tree: a one-line input and "match 3 of 7".

It only collects the query and shows the count; the screen searches the field data (so
matches under collapsed branches are found) and moves the tree's cursor.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Static


class SearchBar(Horizontal):
    """``/`` opens it; Enter goes back to the tree (``n``/``N`` then step); Esc closes."""

    BINDING_GROUP_TITLE = "Search"

    DEFAULT_CSS = """
    SearchBar {
        height: 1;
        display: none;
        background: $boost;
    }
    SearchBar.-open {
        display: block;
    }
    SearchBar #search-prompt {
        width: auto;
        padding: 0 1;
        color: $accent;
        text-style: bold;
    }
    SearchBar #search-input {
        width: 1fr;
    }
    SearchBar #search-count {
        width: auto;
        padding: 0 1;
        color: $text-muted;
    }
    SearchBar.-no-match #search-count {
        color: $error;
    }
    """

    BINDINGS = [
        Binding("escape", "close", "Close search", id="search.close",
                tooltip="Close the search bar and forget the matches"),
    ]

    class Closed(Message):
        """The user closed the search bar."""

    _count: tuple[int, int, str] = (0, 0, "")

    def compose(self) -> ComposeResult:
        yield Static("/", id="search-prompt", markup=False)
        yield Input(placeholder="search labels and values", id="search-input", compact=True)
        yield Static(id="search-count", markup=False)

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    @property
    def query(self) -> str:
        return self.query_one(Input).value

    def open(self) -> None:
        self.add_class("-open")
        field = self.query_one(Input)
        field.focus()
        field.select_all()

    def close(self) -> None:
        self.remove_class("-open")
        self.set_count(0, 0, "")

    def set_count(self, current: int, total: int, query: str) -> None:
        """Show where we are: "match 3 of 7", "no match", or nothing (empty query)."""
        self._count = (current, total, query)
        self.set_class(bool(query.strip()) and not total, "-no-match")
        if not query.strip():
            text = Text("")
        elif not total:
            text = Text("no match")
        else:
            text = Text(f"match {current} of {total}")
            # while typing, n is a letter of the query: n/N step only from the tree
            typing = self.query_one(Input).has_focus
            keys = "Enter: to the matches" if typing else "n/N next/prev"
            text.append(f"  {keys} · Esc close", style="dim")
        self.query_one("#search-count", Static).update(text)

    def on_descendant_focus(self) -> None:
        self.set_count(*self._count)

    def on_descendant_blur(self) -> None:
        self.set_count(*self._count)

    def action_close(self) -> None:
        self.close()
        self.post_message(self.Closed())
