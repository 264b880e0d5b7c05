"""A yes/no question in a modal box (reusable: delete a profile, and anything else that
cannot be undone). Dismisses with True (confirmed) or False."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from engtui.widgets.plain import safe_text


class ConfirmScreen(ModalScreen[bool]):
    """Ask before doing something that cannot be undone. ``y`` confirms, ``n``/Esc cancels;
    the cancel button has focus, so a stray Enter does nothing harmful."""

    BINDING_GROUP_TITLE = "Confirm"

    DEFAULT_CSS = """
    ConfirmScreen {
        align: center middle;
    }
    ConfirmScreen #confirm-box {
        width: 64;
        max-width: 100%;
        height: auto;
        border: round $warning;
        border-title-style: bold;
        background: $surface;
        padding: 1 2 0 2;
    }
    ConfirmScreen #confirm-buttons {
        height: auto;
        align-horizontal: right;
        margin-top: 1;
    }
    ConfirmScreen #confirm-buttons Button {
        margin-left: 2;
    }
    """

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes", tooltip="Confirm"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no",
                tooltip="Cancel: change nothing"),
    ]

    def __init__(self, title: str, question: str | Text, confirm_label: str = "Yes") -> None:
        super().__init__()
        self.confirm_title = title
        # The question names a path or a profile: drawn through the gate for text.
        self.question = safe_text(question.plain if isinstance(question, Text) else question)
        self.confirm_label = confirm_label

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box") as box:
            box.border_title = self.confirm_title
            yield Static(self.question, id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button(f"{self.confirm_label} (y)", variant="error", id="confirm-yes")
                yield Button("Cancel (n)", id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
