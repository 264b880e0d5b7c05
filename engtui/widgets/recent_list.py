"""Engagements opened recently, each one key away (1-9)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from engtui.api.redact import MASK
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
        text-wrap: nowrap;
        text-overflow: ellipsis;
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

    def show(self, items: list[RecentItem], *, redacted: bool = False) -> None:
        """Replace the list (``redacted``: privacy mode, so each title is masked whole: the
        history keeps no customer name to mask inside it).

        Each row is one line cut at its end with ``…``: the number, the id and the catalog
        keep their place on a narrow screen (a table's columns shrank all of them, and at
        60 columns the numbers went); only the title is cut.
        """
        self.items = list(items)
        self.clear_options()
        for number, item in enumerate(self.items, start=1):
            prompt = Text(no_wrap=True, overflow="ellipsis", end="")
            prompt.append(str(number) if number < 10 else " ", style="bold")
            prompt.append("  ")
            prompt.append(printable(item.identifier, limit=40))  # from history.json: data too
            prompt.append("  ")
            prompt.append(printable(item.catalog, limit=20).ljust(7), style="dim")
            prompt.append("  ")
            if item.title:
                prompt.append(MASK if redacted else printable(item.title, limit=60))
            self.add_option(Option(prompt))
        self.display = bool(self.items)

    def item_at(self, index: int) -> RecentItem | None:
        return self.items[index] if 0 <= index < len(self.items) else None
