"""Ask where to save the engagement as JSON: a path, prefilled with a sensible default.

Enter saves, Esc cancels. When the last try failed (a missing folder, no permission) the
box opens again with the same path and says why, so the path can be fixed in place.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from engtui.textsafe import printable, safe_text


class ExportScreen(ModalScreen[str | None]):
    """Dismisses with the path typed (``None`` when cancelled)."""

    BINDING_GROUP_TITLE = "Export"

    DEFAULT_CSS = """
    ExportScreen {
        align: center middle;
    }
    ExportScreen #export-box {
        width: 76;
        max-width: 100%;
        height: auto;
        border: round $accent;
        border-title-style: bold;
        background: $surface;
        padding: 1 2;
    }
    ExportScreen #export-what {
        color: $text-muted;
        margin-bottom: 1;
    }
    ExportScreen #export-error {
        color: $error;
        margin-top: 1;
        display: none;
    }
    ExportScreen #export-error.-shown {
        display: block;
    }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="export.cancel",
                tooltip="Close without saving"),
    ]

    def __init__(self, path: str, what: str, error: str = "") -> None:
        super().__init__()
        self.path = path
        self.what = what
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box") as box:
            box.border_title = "Export as JSON"
            box.border_subtitle = "Enter save · Esc cancel"
            yield Static(safe_text(self.what), id="export-what")
            yield Input(self.path, id="export-path", placeholder="file path")
            error = Static(Text(printable(self.error)), id="export-error")
            error.set_class(bool(self.error), "-shown")
            yield error

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#export-path")
    def _submit(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
