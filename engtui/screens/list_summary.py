"""The summary line of a list screen: how many rows (of how many, when filtered), the
loading state, and what the service was asked: the operation in use (``SearchEngagements``
or ``ListEngagements``, and why not the one asked for on an older model), then the options
(``keyword “cloud” · newest first``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from engtui.api.identifiers import InvalidInput

if TYPE_CHECKING:
    from engtui.api.list_queries import ListQuery
    from engtui.screens.record_list import ListScreen


def query_of(screen: ListScreen) -> ListQuery | None:
    """The request the screen's options describe (``None`` when they conflict)."""
    if screen.spec.query is None:
        return None
    try:
        return screen.spec.query(screen.options)
    except InvalidInput:
        return None


def summary_text(screen: ListScreen) -> Text:
    """The one line above the rows."""
    table = screen.table
    loaded = table.row_count
    text = Text(no_wrap=True, overflow="ellipsis")
    if table.filter_text:
        text.append(f"{table.shown_count:,} of ", style="bold")
    noun = screen.spec.noun
    if loaded != 1:
        noun = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    text.append(f"{loaded:,} {noun}", style="bold")
    if screen.fetching:
        text.append(f"  loading page {screen.pages + 1}…", style="italic")
        if screen.retry_note:
            text.append(f" {screen.retry_note}", style="italic")
        text.append("  Esc stops", style="dim")
    elif screen.at_budget:
        text.append(f"  paused at the row budget ({screen.budget.limit:,} rows); "
                    f"m loads {screen.budget.step:,} more, Esc stops", style="italic")
    elif screen.failure is not None:
        text.append(f"  incomplete: page {screen.pages + 1} failed", style="italic")
    elif screen.more_on_server:
        text.append(f"  stopped after page {screen.pages}; r loads all", style="italic")
    query = query_of(screen)
    if query is not None:
        text.append(f"  ·  {query.operation}", style="bold dim")
        if query.note:
            text.append(f" ({query.note})", style="italic dim")
    text.append(f"  ·  {screen.options.describe()}", style="dim")
    return text
