"""Column layout and cell drawing for `SummaryTable` (no state, no Textual widgets).

Columns drop from the least important (lowest ``keep``) as the width shrinks, until the
flexible column (``width`` 0, the title) gets its minimum; the column with the highest
``keep`` (the id) is never dropped. Cells are cut with an ellipsis or padded to exactly
their width, in terminal cells.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style

from engtui.api.records import ListColumn

GAP = 1
PAD = 1
FLEXIBLE_MIN = 20


def layout(columns: Sequence[ListColumn], width: int) -> list[tuple[int, int]]:
    """``(column index, width)`` of the columns that fit in ``width`` cells, in screen
    order: the least important fixed columns are dropped until the flexible column gets
    its minimum, then the flexible column takes what is left."""
    shown = list(range(len(columns)))
    keeper = max(column.keep for column in columns)

    def fixed(indices: list[int]) -> int:
        return sum(columns[i].width + GAP for i in indices if columns[i].width)

    while PAD + fixed(shown) + FLEXIBLE_MIN > width:
        droppable = [i for i in shown if columns[i].width and columns[i].keep < keeper]
        if not droppable:
            break
        shown.remove(min(droppable, key=lambda i: columns[i].keep))
    flexible = max(FLEXIBLE_MIN, width - PAD - fixed(shown))
    return [(i, columns[i].width or flexible) for i in shown]


def layout_for(columns: Sequence[ListColumn], operation: str,
               width: int) -> list[tuple[int, int]]:
    """`layout` of the columns shown for ``operation`` (a column declared for another
    operation, `ListColumn.operation`, is left out); indices are into ``columns``."""
    shown = [i for i, c in enumerate(columns) if not c.operation or c.operation == operation]
    return [(shown[i], size) for i, size in layout([columns[i] for i in shown], width)]


def fit(text: str, width: int, right: bool = False) -> str:
    """``text`` cut (with an ellipsis) or padded to exactly ``width`` cells."""
    length = cell_len(text)
    if length > width:
        return set_cell_size(text, width - 1) + "…"
    padding = " " * (width - length)
    return padding + text if right else text + padding


def highlighted(cell: str, needle: str, style: Style, match: Style) -> list[Segment]:
    """``cell`` as segments with every occurrence of ``needle`` in ``match`` style."""
    lowered = cell.lower()
    if len(lowered) != len(cell):  # a case mapping changed the length: no highlight
        return [Segment(cell, style)]
    segments = []
    start = 0
    while (found := lowered.find(needle, start)) != -1:
        if found > start:
            segments.append(Segment(cell[start:found], style))
        end = found + len(needle)
        segments.append(Segment(cell[found:end], match))
        start = end
    if start < len(cell):
        segments.append(Segment(cell[start:], style))
    return segments


class Runs:
    """One line's text in as few segments as there are changes of style: Textual writes
    every segment with its own escape sequences, so a row of 13 segments cost about twice
    its text on the wire (slow SSH links)."""

    def __init__(self, text: str, style: Style) -> None:
        self._done: list[Segment] = []
        self._run, self._style = [text], style

    def put(self, text: str, style: Style) -> None:
        if style is not self._style:
            self._done.append(Segment("".join(self._run), self._style))
            self._run, self._style = [], style
        self._run.append(text)

    def segments(self) -> list[Segment]:
        return [*self._done, Segment("".join(self._run), self._style)]
