"""Following a record's links: which field or row opens which record, and the "open linked
record" dialog (``o``) for the links that are not a field (an opportunity's AWS summary, a
snapshot's older revisions). Everything comes from the kind's `Link` declarations."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from engtui.api.field_tree import FieldNode
from engtui.api.records import Link, LinkTarget, Record
from engtui.textsafe import printable

Choice = tuple[str, Link, LinkTarget]
"""One entry of the dialog: its label (raw API text in it), the link, what it opens."""


def _value_at(data: Any, path: tuple[str | int, ...]) -> Any:
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def tree_link(record: Record, node: FieldNode) -> tuple[Link, LinkTarget] | None:
    """The link of a tree field (Enter on it opens the record it names), if it has one."""
    if not node.is_leaf or not node.value_text:
        return None
    holder = _value_at(record.data, node.path[:-1])
    for link in record.kind.links:
        if link.in_tree and link.member == node.name and isinstance(holder, Mapping) \
                and link.applies_to(holder):
            return link, link.resolve(holder, record.data)
    return None


def _holders(data: Any, member: str) -> Iterator[Mapping[str, Any]]:
    """Every mapping in ``data`` (depth first) whose ``member`` has a value."""
    if isinstance(data, Mapping):
        if data.get(member) not in (None, ""):
            yield data
        for value in data.values():
            yield from _holders(value, member)
    elif isinstance(data, list):
        for item in data:
            yield from _holders(item, member)


def link_choices(record: Record) -> list[Choice]:
    """Every record this one links to, in declaration order, each once."""
    from engtui.api.kinds import KINDS

    choices: list[Choice] = []
    seen: set[tuple[str, str, str]] = set()
    for link in record.kind.links:
        if link.kind not in KINDS:
            continue
        if link.choices is not None:
            targets = link.choices(record.data)
        else:
            noun = link.label or f"{KINDS[link.kind].title}"
            targets = [(f"{noun} {target[0]}", target) for target in (
                link.resolve(holder, record.data) for holder in _holders(record.data, link.member)
                if link.applies_to(holder))]
        for label, target in targets:
            key = (link.kind, target[0], repr(sorted(target[1].items())))
            if target[0] and key not in seen:
                seen.add(key)
                choices.append((label, link, target))
    return choices


class LinksDialog(ModalScreen[int | None]):
    """The records this one links to; Enter opens one, Escape closes."""

    DEFAULT_CSS = """
    LinksDialog {
        align: center middle;
    }
    LinksDialog > Vertical {
        width: 64;
        max-width: 100%;
        height: auto;
        max-height: 80%;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    LinksDialog OptionList {
        height: auto;
        max-height: 16;
        border: none;
    }
    """

    BINDINGS = [
        Binding("escape", "dismiss_none", "Close", id="links.close",
                tooltip="Close this list without opening anything"),
    ]

    def __init__(self, title: str, labels: list[str]) -> None:
        super().__init__()
        self._title = title
        self._labels = labels

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(printable(self._title, limit=60), style="bold"))
            yield OptionList(*(Option(Text(printable(label, limit=60))) for label in self._labels),
                             id="links")
            yield Static(Text("Enter opens · Esc closes", style="dim"))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)
