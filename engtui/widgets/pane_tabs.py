"""The pane tabs: one line naming the panes of a screen, the active one in bold reverse.

A single widget that draws the names as one line of text. Textual's ``TabbedContent`` builds
a tab bar of its own (tabs, an animated underline, a scrolling container and a pane widget
per tab): composing it was about a third of the engagement screen's first draw, and the
screen only needs the names and which one is active. The panes themselves sit in a
``ContentSwitcher``; the screen switches it when `Activated` arrives. A click on a name
activates it; the keys are the screen's (``1``/``2``/``3`` on the engagement screen).
"""

from __future__ import annotations

from collections.abc import Mapping

from textual import events
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from engtui.widgets.spans import Span, join_named, name_at

LEFT, RIGHT = "\u2039", "\u203a"  # the panes hidden on each side (escapes: ruff flags them)


class PaneTabs(Widget, can_focus=False):
    """The names of the panes, in order; `active` is the one shown."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"pane-tabs--active"}
    DEFAULT_CSS = """
    PaneTabs {
        height: 1;
        width: 1fr;
        color: $text-muted;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    PaneTabs > .pane-tabs--active {
        color: $text;
        text-style: bold;  /* drawn reversed */
    }
    """

    active: reactive[str] = reactive("", layout=False)

    class Activated(Message):
        """A pane became the active one (by a key, a click or the program)."""

        def __init__(self, tabs: PaneTabs, name: str) -> None:
            super().__init__()
            self.tabs = tabs
            self.name = name

        @property
        def control(self) -> PaneTabs:
            return self.tabs

    def __init__(self, labels: Mapping[str, Content], active: str, *, id: str | None = None):
        super().__init__(id=id)
        self._labels = dict(labels)
        self._spans: list[Span] = []
        self.set_reactive(PaneTabs.active, active)

    @property
    def names(self) -> list[str]:
        return list(self._labels)

    def label(self, name: str) -> Content:
        return self._labels[name]

    def set_label(self, name: str, label: Content) -> None:
        """Change one pane's name (a count arrived); same line, so no layout."""
        if self._labels.get(name) != label:
            self._labels[name] = label
            self.refresh()

    def validate_active(self, name: str) -> str:
        if name not in self._labels:
            raise ValueError(f"no pane named {name!r}")
        return name

    def watch_active(self, name: str) -> None:
        self.post_message(self.Activated(self, name))

    def render(self) -> Content:
        active_style = self.get_visual_style("pane-tabs--active")  # colour and bold

        def tab(name: str, label: Content) -> Content:
            tab = Content.assemble(" ", label, " ")
            if name == self.active:
                return tab.stylize(active_style).stylize("reverse")  # a visual style has none
            return tab

        tabs = [(name, tab(name, label)) for name, label in self._labels.items()]
        start, end = self._window(tabs, self.content_size.width)
        line, spans = join_named(tabs[start:end], " ")
        if start == 0 and end == len(tabs):
            self._spans = spans
            return line
        before = Content(f"{LEFT}+{start} ") if start else Content("")
        after = Content(f" +{len(tabs) - end}{RIGHT}") if end < len(tabs) else Content("")
        shift = before.cell_length
        self._spans = [(left + shift, right + shift, name) for left, right, name in spans]
        return Content.assemble(before.stylize("dim"), line, after.stylize("bold"))

    def _window(self, tabs: list[tuple[str, Content]], width: int) -> tuple[int, int]:
        """Which tabs are drawn whole (``start``, ``end``): all when they fit; else as many
        as fit with the active one among them, and ``<+N`` / ``+N>`` (angle quotes) say
        how many more panes there are on each side (at 60 columns a cut name hid that panes 4 and 5
        existed, and which one was shown)."""
        count = len(tabs)

        def needed(start: int, end: int) -> int:
            names = sum(tab.cell_length for _, tab in tabs[start:end]) + max(0, end - start - 1)
            return (names + (len(f"{LEFT}+{start} ") if start else 0)
                    + (len(f" +{count - end}{RIGHT}") if end < count else 0))

        if not width or needed(0, count) <= width:
            return 0, count
        active = next((i for i, (name, _) in enumerate(tabs) if name == self.active), 0)
        start, end = 0, active + 1
        while start < active and needed(start, end) > width:
            start += 1
        while end < count and needed(start, end + 1) <= width:
            end += 1
        return start, end

    def name_at(self, x: int) -> str | None:
        """The pane whose name is drawn at column ``x``."""
        return name_at(self._spans, x)

    def on_click(self, event: events.Click) -> None:
        name = self.name_at(event.x)
        if name is not None:
            event.stop()
            self.active = name
