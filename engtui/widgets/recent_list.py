"""Engagements opened recently, each one key away (1-9)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from engtui.textsafe import printable


@dataclass(frozen=True)
class RecentItem:
    """One engagement opened before: enough to show it and open it again."""

    identifier: str
    catalog: str
    title: str = ""


class RecentList(OptionList):
    """A numbered list; Enter (or the number key on the lookup screen) reopens an item."""

    BINDING_GROUP_TITLE = "Recent list"

    DEFAULT_CSS = """
    RecentList {
        height: auto;
        max-height: 11;
        border: round $primary 30%;
        border-title-color: $text-muted;
        padding: 0 1;
    }
    RecentList:focus {
        border: round $primary;
    }
    """

    class LeftTop(Message):
        """``↑`` on the first item: the screen gives focus back to what is above the list."""

    def action_cursor_up(self) -> None:
        if self.highlighted in (None, 0):
            self.post_message(self.LeftTop())
            return
        super().action_cursor_up()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Recent (1-9 to reopen)"
        self.items: list[RecentItem] = []
        self.display = False

    def show(self, items: list[RecentItem]) -> None:
        """Replace the list."""
        from rich.table import Table  # only once there is something to list (start-up time)

        self.items = list(items)
        self.clear_options()
        for number, item in enumerate(self.items, start=1):
            prompt = Table.grid(padding=(0, 2))
            prompt.add_column(no_wrap=True, width=1, style="bold")
            prompt.add_column(no_wrap=True)
            prompt.add_column(no_wrap=True, style="dim", width=7)
            prompt.add_column(no_wrap=True, overflow="ellipsis")
            prompt.add_row(
                Text(str(number) if number < 10 else ""),
                Text(printable(item.identifier, limit=40)),  # from history.json: data too
                Text(printable(item.catalog, limit=20)),
                Text(printable(item.title, limit=60)),
            )
            self.add_option(Option(prompt))
        self.display = bool(self.items)

    def item_at(self, index: int) -> RecentItem | None:
        return self.items[index] if 0 <= index < len(self.items) else None
