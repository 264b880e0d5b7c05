"""What the lookup is doing: nothing, fetching (with a spinner), or failed (with a hint).

The spinner (Textual's ``LoadingIndicator``) exists only while something loads: it redraws
itself 16 times a second from a timer that keeps running while the widget is hidden, so a
hidden one would wake the app all the time for nothing (and cost its start-up).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static

from engtui.textsafe import EMPTY, SafeText, printable


def set_spinner(container: Widget, spinning: bool, *, id: str | None = None) -> None:
    """Mount a spinner as ``container``'s first child while ``spinning``; remove it after."""
    from textual.widgets import LoadingIndicator

    spinners = container.query_children(LoadingIndicator)
    if spinning and not spinners:
        container.mount(LoadingIndicator(id=id), before=0)
    elif not spinning:
        spinners.remove()


class LookupStatus(Vertical):
    """Loading indicator and error panel of the lookup screen."""

    DEFAULT_CSS = """
    LookupStatus {
        height: auto;
        margin: 1 0 0 0;
    }
    LookupStatus LoadingIndicator {
        height: 1;
        width: 8;
    }
    LookupStatus #status-line {
        height: auto;
    }
    LookupStatus.-error #status-line {
        border-left: thick $error;
        padding: 0 1;
        background: $error 10%;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="status-line", markup=False)

    def _line(self) -> Static:
        return self.query_one("#status-line", Static)

    def show_idle(self, text: SafeText = EMPTY) -> None:
        """A quiet line (``Opened eng-…``). The text is API text more often than not: it
        comes as a `SafeText`, and anything else is made printable here, at the door."""
        self.set_classes("")
        set_spinner(self, False)
        self._line().update(Text(printable(text), style="dim"))

    def show_loading(self, text: SafeText) -> None:
        self.set_classes("-loading")
        set_spinner(self, True)
        self._line().update(Text(printable(text), style="italic"))

    def show_error(self, title: str, message: str, hint: str, keys: str) -> None:
        self.set_classes("-error")
        set_spinner(self, False)
        text = Text()
        text.append(f"{printable(title)}\n", style="bold")
        text.append(printable(message))
        if hint:
            text.append("\n")
            text.append(printable(hint), style="italic")
        text.append(f"\n{printable(keys)}", style="dim")
        self._line().update(text)
