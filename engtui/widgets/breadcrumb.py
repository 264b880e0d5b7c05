"""The path to the screen in front: ``List > eng-a1b2c3d4e5f6g7 > O1234567``.

One line under the connection bar of every record and list screen. Each screen of the stack
that shows something names it (its ``crumb``); the last one is the screen in front, in
bold. Crumbs are API text (record ids), drawn as plain text through `printable`, and the
front of the path is cut first, with ``…``, when the line is too narrow.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from engtui.textsafe import printable

SEPARATOR = " > "
CRUMB_LIMIT = 40


class Breadcrumb(Static):
    """Where you are in the stack of screens; Esc goes back one step."""

    DEFAULT_CSS = """
    Breadcrumb {
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._trail: tuple[str, ...] = ()

    def show(self, trail: Sequence[str]) -> None:
        self._trail = tuple(trail)
        self.refresh()

    def render(self) -> Text:
        width = max(self.content_size.width, 1)
        every = [printable(crumb, limit=CRUMB_LIMIT) for crumb in self._trail]
        crumbs, kept = every, len(every)
        while kept > 1 and len(SEPARATOR.join(crumbs)) > width:
            kept -= 1  # drop from the front: the screen in front matters most
            crumbs = ["…", *every[-kept:]]
        text = Text(no_wrap=True, overflow="ellipsis")
        for index, crumb in enumerate(crumbs):
            if index:
                text.append(SEPARATOR, style="dim")
            last = index == len(crumbs) - 1
            text.append(crumb, style="bold" if last else "")
        return text
