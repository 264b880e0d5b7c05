"""The console page of a record (``b``): copied (OSC 52) and shown as a terminal hyperlink
(OSC 8: a Rich link style, which Textual writes as one), so it opens with a click in a
terminal that supports links, or is pasted into a browser from the clipboard over SSH. The
URL is the kind's pattern with a checked id (`engtui.api.records.RecordKind.console_link`):
no other API text is in it, and it is never parsed as markup."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from engtui.textsafe import printable


class ConsoleLinkDialog(ModalScreen[None]):
    """The copied console URL, as a link; Escape or Enter closes."""

    DEFAULT_CSS = """
    ConsoleLinkDialog { align: center middle; }
    ConsoleLinkDialog > Vertical {
        width: 84; max-width: 100%; height: auto;
        border: round $primary; background: $surface; padding: 0 1;
    }
    """

    BINDINGS = [
        Binding("escape", "close", "Close", id="console_link.close", tooltip="Close"),
        Binding("enter", "close", "Close", show=False, id="console_link.enter",
                tooltip="Close"),
    ]

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = printable(url)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("Copied the console URL (OSC 52):", style="bold"))
            yield Static(Text(self.url, style=Style(link=self.url)), id="console-url")
            yield Static(Text("Sign in to Partner Central in the browser first · Esc closes",
                              style="dim"))

    def action_close(self) -> None:
        self.dismiss(None)
