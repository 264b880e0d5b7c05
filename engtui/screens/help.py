"""The help screen: every binding active on the screen underneath, with its description.

Built from the bindings themselves (like posting's F1 help), grouped by where they come
from: the screen first, then the focused widget, then the app-wide keys.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Static

from engtui.widgets.vi_keys import vi_bindings

KEY_NAMES = {
    "question_mark": "?", "escape": "Esc", "enter": "Enter", "space": "Space", "up": "↑",
    "down": "↓", "left": "←", "right": "→", "tab": "Tab", "shift+tab": "Shift+Tab",
    "slash": "/", "full_stop": ".", "comma": ",", "colon": ":",
}


# Textual's own keys that are not engtui's to offer: copying a mouse selection with ctrl+c,
# on the screen and in an input (in a terminal, ctrl+c is read as "interrupt"; engtui's
# copies are y, Y, i and a), and the tree's shift+space (most terminals send a plain space
# for it; engtui's keys are e and c). A `super+` key never reaches a terminal program.
HIDDEN_ACTIONS = frozenset({"screen.copy_text", "copy", "toggle_expand_all"})


# Textual's scrolling keys, listed only where they can do something: a tree whose labels are
# cut at its width never scrolls sideways, and a one-line input never scrolls at all.
_SIDEWAYS = frozenset({"scroll_left", "scroll_right", "page_left", "page_right"})
_UP_DOWN = frozenset({"scroll_up", "scroll_down", "page_up", "page_down", "scroll_home",
                      "scroll_end"})
_ACRONYMS = frozenset({"JSON", "ARN", "AWS", "ID", "URL", "OSC"})


def does_nothing(node: DOMNode, action: str) -> bool:
    """True for a scrolling key of a widget that cannot scroll that way (the key is the
    widget's inherited scroll, not a cursor move of its own)."""
    if not isinstance(node, Widget):
        return False
    if (action in ("cursor_left", "cursor_right", "page_left", "page_right")
            and getattr(node, "cursor_type", "") == "row"):
        return not node.allow_horizontal_scroll  # a row table's ← and → only scroll
    if action not in _SIDEWAYS | _UP_DOWN:
        return False
    method = getattr(type(node), f"action_{action}", None)
    if method is not getattr(Widget, f"action_{action}", None):
        return False  # the widget's own (a tree's page down moves its cursor)
    if action in _SIDEWAYS:
        return not node.allow_horizontal_scroll
    return not node.allow_vertical_scroll


def sentence_case(text: str) -> str:
    """One style for every description: "Focus Next" and "palette" become "Focus next" and
    "Palette" (acronyms such as JSON and ARN are kept)."""
    words = text.split(" ")
    out = [words[0][:1].upper() + words[0][1:]] if words and words[0] else list(words[:1])
    for word in words[1:]:
        if word not in _ACRONYMS and word[:1].isupper() and word[1:].islower():
            word = word.lower()
        out.append(word)
    return " ".join(out)


@dataclass(frozen=True)
class HelpRow:
    """One action: its keys, what it does, and the longer tooltip."""

    keys: str
    description: str
    tooltip: str = ""


@dataclass(frozen=True)
class HelpSection:
    title: str
    rows: tuple[HelpRow, ...]


def key_name(key: str) -> str:
    """How a key is written in the help: ``ctrl+r``, ``?``, ``Enter``."""
    return KEY_NAMES.get(key, key)


def _section_order(node: DOMNode) -> int:
    if isinstance(node, Screen):
        return 0
    if isinstance(node, App):
        return 2
    return 1


def collect_sections(active_bindings: Mapping[str, object]) -> list[HelpSection]:
    """Group active bindings by the node that owns them, one row per action."""
    grouped: dict[DOMNode, dict[tuple[str, str], list[str]]] = {}
    tips: dict[tuple[str, str], str] = {}
    for key, active in active_bindings.items():
        node: DOMNode = active.node  # type: ignore[attr-defined]
        binding: Binding = active.binding  # type: ignore[attr-defined]
        if binding.action in HIDDEN_ACTIONS or key.startswith("super+"):
            continue
        if does_nothing(node, binding.action):
            continue
        description = sentence_case(
            binding.description or binding.action.replace("_", " ").capitalize())
        ident = (binding.action, description)
        grouped.setdefault(node, {}).setdefault(ident, []).append(key_name(key))
        tips[ident] = binding.tooltip
    sections = []
    for node in sorted(grouped, key=_section_order):
        title = getattr(node, "BINDING_GROUP_TITLE", None) or type(node).__name__
        rows = tuple(
            HelpRow(", ".join(keys), ident[1], tips[ident])
            for ident, keys in grouped[node].items()
        )
        sections.append(HelpSection(title, rows))
    return sections


class HelpScreen(ModalScreen[None]):
    """A table of keys; Esc, q, ? or F1 closes it."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    HelpScreen #help-body {
        width: 84;
        max-width: 100%;
        height: auto;
        max-height: 90%;
        border: round $accent;
        border-title-style: bold;
        background: $surface;
        padding: 0 1;
    }
    """

    BINDINGS = [
        Binding("escape,q,question_mark,f1", "close", "Close", id="help.close",
                tooltip="Close the help"),
        *vi_bindings("help", down="scroll(1)", up="scroll(-1)", first="scroll_edge(0)",
                     last="scroll_edge(1)", unit="line", arrows=True),
    ]

    def __init__(self, title: str, sections: list[HelpSection]) -> None:
        super().__init__()
        self.help_title = title
        self.sections = sections

    @property
    def rows(self) -> list[HelpRow]:
        return [row for section in self.sections for row in section.rows]

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for index, section in enumerate(self.sections):
            if index:
                table.add_row("", "")
            table.add_row(Text(section.title, style="bold underline"), "")
            for row in section.rows:
                text = Text(row.description)
                if row.tooltip and row.tooltip != row.description:
                    text.append(f": {row.tooltip}", style="dim")
                table.add_row(Text(row.keys), text)
        body = VerticalScroll(Static(table), id="help-body")
        body.border_title = f"Keys: {self.help_title}"
        body.border_subtitle = "Esc to close"
        yield body

    def action_close(self) -> None:
        self.dismiss()

    def action_scroll(self, lines: int) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        body.scroll_to(y=body.scroll_y + lines, animate=False)

    def action_scroll_edge(self, end: int) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        if end:
            body.scroll_end(animate=False)
        else:
            body.scroll_home(animate=False)
