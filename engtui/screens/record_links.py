"""The "open linked record" dialog (``o``): the records this one links to
(`engtui.api.links.link_choices`, from the kind's `Link` declarations); Enter opens one."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from engtui.textsafe import printable


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
