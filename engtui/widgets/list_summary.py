"""The summary line of a list screen: how many rows (of how many, when filtered), the
loading state, a watching list's state (``watching every 60 s · last 12 s ago · 3 new``:
`engtui.screens.list_watch`), and what the service was asked: the operation in use
(``SearchEngagements`` or ``ListEngagements``, and why not the one asked for on an older
model), then the options
(``keyword “cloud” · newest first``).

The list screen tells it what changed (`ListSummary.show`); it reads nothing of the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

if TYPE_CHECKING:
    from engtui.api.list_queries import ListQuery


@dataclass(frozen=True)
class Loading:
    """Where loading stands: the pages arrived, whether more are being asked for (and the
    retry under way), paused at the row budget (its limit and step), failed, or stopped
    with more on the server."""

    pages: int = 0
    fetching: bool = False
    retry_note: str = ""
    paused_at: tuple[int, int] | None = None
    failed: bool = False
    more_on_server: bool = False


def plural(noun: str, count: int) -> str:
    """``1 opportunity``, ``2 opportunities``: the noun for ``count`` rows."""
    if count == 1:
        return noun
    return noun[:-1] + "ies" if noun.endswith("y") else noun + "s"


def summary_text(noun: str, loaded: int, shown: int | None, loading: Loading,
                 query: ListQuery | None, described: str, watch: str = "") -> Text:
    """The one line above the rows (``shown``: the rows the filter keeps, None unfiltered;
    ``watch``: a watching list's state, right after the count, so a narrow line keeps it)."""
    text = Text(no_wrap=True, overflow="ellipsis")
    if shown is not None:
        text.append(f"{shown:,} of ", style="bold")
    text.append(f"{loaded:,} {plural(noun, loaded)}", style="bold")
    if watch:
        text.append(f"  {watch}", style="bold italic")
    if loading.fetching:
        text.append(f"  loading page {loading.pages + 1}…", style="italic")
        if loading.retry_note:
            text.append(f" {loading.retry_note}", style="italic")
        text.append("  Esc stops", style="dim")
    elif loading.paused_at is not None:
        limit, step = loading.paused_at
        text.append(f"  paused at the row budget ({limit:,} rows); "
                    f"m loads {step:,} more, Esc stops", style="italic")
    elif loading.failed:
        text.append(f"  incomplete: page {loading.pages + 1} failed", style="italic")
    elif loading.more_on_server:
        text.append(f"  stopped after page {loading.pages}; r loads all", style="italic")
    if query is not None:
        text.append(f"  ·  {query.operation}", style="bold dim")
        if query.note:
            text.append(f" ({query.note})", style="italic dim")
    text.append(f"  ·  {described}", style="dim")
    return text


class ListSummary(Static):
    """One line above a list's rows, always one line (an update never re-lays-out)."""

    DEFAULT_CSS = """
    ListSummary {
        width: 1fr;
        height: 1;
    }
    """

    def __init__(self, noun: str, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.noun = noun

    def show(self, loaded: int, shown: int | None, loading: Loading,
             query: ListQuery | None, described: str, watch: str = "") -> None:
        self.update(summary_text(self.noun, loaded, shown, loading, query, described, watch),
                    layout=False)
