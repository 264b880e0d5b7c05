"""Horizontal bars, one a bucket (`engtui.api.pictures.BarGroup`): the opportunities by
stage, the customer accounts counted by a field. The cursor moves bar by bar; Enter posts
`BarChart.Chosen` with the bar.

Monochrome-safe: a bar is characters (``█``, written ``#`` when the terminal takes no UTF-8:
`engtui.charset` converts every character the app writes), and its count is always printed
beside it, so nothing is said by colour alone. Labels are API text, made printable where the
bars are made (`engtui.api.pictures`); the widget draws them as plain `Text`, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from engtui.api.pictures import Bar, BarGroup
from engtui.textsafe import printable

BLOCK = "█"
LABEL_MAX = 24
NOTE_MAX = 22
BAR_MIN = 4


def bar_line(bar: Bar, widest: int, label_width: int, count_width: int,
             note_width: int, width: int) -> Text:
    """One bar's line: label, the bar (its length in proportion to ``widest``), the count,
    the note; ``width`` cells in all."""
    bar_room = max(BAR_MIN, width - label_width - count_width - note_width - 5)
    length = round(bar.count / widest * bar_room) if widest else 0
    if bar.count and not length:
        length = 1  # a bucket with accounts never looks empty
    label = printable(bar.label, limit=label_width)
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f"{label:<{label_width}} ")
    text.append(BLOCK * length, style="bold")
    text.append(" " * (bar_room - length))
    text.append(f" {bar.count:>{count_width}}", style="bold")
    if bar.note:
        text.append(f"  {printable(bar.note, limit=note_width)}", style="italic")
    return text


class BarChart(OptionList):
    """The bars of some groups, each group under its title; the cursor is on bars only."""

    DEFAULT_CSS = """
    BarChart {
        height: 1fr;
        border: none;
        padding: 0 1;
    }
    BarChart:focus {
        border: none;
    }
    """

    class Chosen(Message):
        """Enter on a bar."""

        def __init__(self, bar: Bar) -> None:
            super().__init__()
            self.bar = bar

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._groups: list[BarGroup] = []
        self._bars: dict[str, Bar] = {}
        self._drawn_width = 0

    @property
    def groups(self) -> list[BarGroup]:
        return self._groups

    def show(self, groups: Sequence[BarGroup]) -> None:
        """Draw these groups (again, at the widget's width)."""
        self._groups = list(groups)
        self._draw()

    def lines(self) -> list[str]:
        """Every line as drawn (titles and bars; tests and the screen's copy)."""
        return [str(option.prompt) for option in self.options]

    def _draw(self) -> None:
        width = max(40, self.scrollable_content_region.width or self.size.width or 80)
        self._drawn_width = width
        highlighted = self.highlighted
        bars = [bar for group in self._groups for bar in group.bars]
        label_width = min(LABEL_MAX, max((len(b.label) for b in bars), default=1))
        count_width = max((len(str(b.count)) for b in bars), default=1)
        note_width = min(NOTE_MAX, max((len(b.note) for b in bars), default=0))
        self._bars = {}
        options: list[Option] = []
        for g, group in enumerate(self._groups):
            title = Text(printable(group.title, limit=width), style="bold underline")
            if g:
                options.append(Option(Text(""), disabled=True))
            options.append(Option(title, disabled=True))
            if group.note:
                options.append(Option(Text(printable(group.note, limit=width)),
                                      disabled=True))
            widest = max((b.count for b in group.bars), default=0)
            if not group.bars and not group.note:
                options.append(Option(Text("(nothing to count)", style="italic"),
                                      disabled=True))
            for i, bar in enumerate(group.bars):
                key = f"bar-{g}-{i}"
                self._bars[key] = bar
                options.append(Option(bar_line(bar, widest, label_width, count_width,
                                               note_width, width), id=key))
        self.clear_options()
        self.add_options(options)
        if highlighted is not None and highlighted < self.option_count:
            self.highlighted = highlighted
        else:
            self.action_first()

    def on_resize(self) -> None:
        width = self.scrollable_content_region.width
        if self._groups and width and width != self._drawn_width:
            self._draw()

    def bar_at(self, index: int) -> Bar | None:
        """The bar of line ``index`` (None: a title or a blank line)."""
        return self._bars.get(self.get_option_at_index(index).id or "")

    @property
    def selected_bar(self) -> Bar | None:
        return None if self.highlighted is None else self.bar_at(self.highlighted)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        bar = self._bars.get(event.option.id or "")
        if bar is not None:
            self.post_message(self.Chosen(bar))
