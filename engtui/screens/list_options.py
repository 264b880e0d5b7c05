"""The options dialog of the engagement list: what ``ListEngagements`` sorts and filters on.

These are server-side options (the service sorts and filters, and the list is reloaded),
unlike `/`, which filters the loaded rows. The context types offered are the model's enum;
account ids are checked against the model's pattern before anything is sent.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, RadioButton, RadioSet, SelectionList, Static

from engtui.api.identifiers import InvalidInput
from engtui.api.listing import (
    ASCENDING,
    DESCENDING,
    ListOptions,
    context_type_names,
    join_ids,
    parse_account_ids,
)
from engtui.widgets.key_bar import KeyBar
from engtui.widgets.marked_toggles import MarkedRadioButton


class ListOptionsScreen(ModalScreen[ListOptions | None]):
    """Edit the server-side options; dismissed with the new options, or ``None``."""

    BINDING_GROUP_TITLE = "List options"

    AUTO_FOCUS = "#sort"

    DEFAULT_CSS = """
    ListOptionsScreen {
        align: center middle;
    }
    ListOptionsScreen #options-dialog {
        width: 100%;
        max-width: 78;
        height: auto;
        max-height: 100%;
        border: round $primary;
        border-title-style: bold;
        background: $surface;
        padding: 0 1;
    }
    ListOptionsScreen #sort {
        layout: horizontal;
        width: 100%;
        height: auto;
        border: none;
        margin-top: 1;
        background: $surface;
    }
    ListOptionsScreen #sort:focus-within {
        background: $boost;
    }
    ListOptionsScreen #sort RadioButton {
        width: auto;
    }
    ListOptionsScreen .pair {
        height: auto;
    }
    ListOptionsScreen .pair > Vertical {
        width: 1fr;
        height: auto;
    }
    ListOptionsScreen SelectionList {
        height: auto;
    }
    /* An unticked box is empty (Textual's default draws a faint X that reads as ticked). */
    ListOptionsScreen SelectionList > .selection-list--button,
    ListOptionsScreen SelectionList > .selection-list--button-highlighted {
        color: $panel;
    }
    ListOptionsScreen Label {
        margin-top: 1;
        color: $text-muted;
    }
    ListOptionsScreen #options-problem {
        height: auto;
        color: $error;
    }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="list_options.cancel",
                tooltip="Close without changing the options"),
        Binding("ctrl+s", "apply", "Apply", id="list_options.apply",
                tooltip="Reload the list with these options"),
    ]

    def __init__(self, options: ListOptions) -> None:
        super().__init__()
        self.options = options

    def compose(self) -> ComposeResult:
        types = context_type_names()
        with Vertical(id="options-dialog") as dialog:
            dialog.border_title = "List options (applied by the service)"
            with RadioSet(id="sort"):
                yield MarkedRadioButton("Newest first", value=self.options.sort == DESCENDING,
                                  id="sort-desc")
                yield MarkedRadioButton("Oldest first", value=self.options.sort == ASCENDING,
                                  id="sort-asc")
            with Horizontal(classes="pair"):
                with Vertical():
                    yield Label("Only these context types")
                    yield SelectionList[str](
                        *((name, name, name in self.options.context_types) for name in types),
                        id="include-types",
                    )
                with Vertical():
                    yield Label("Without these context types")
                    yield SelectionList[str](
                        *(
                            (name, name, name in self.options.exclude_context_types)
                            for name in types
                        ),
                        id="exclude-types",
                    )
            with Horizontal(classes="pair"):
                with Vertical():
                    yield Label("Created by (account ids)")
                    yield Input(join_ids(self.options.created_by), id="created-by",
                                placeholder="123456789012, …")
                with Vertical():
                    yield Label("Not created by")
                    yield Input(join_ids(self.options.exclude_created_by),
                                id="exclude-created-by", placeholder="123456789012, …")
            yield Static(id="options-problem", markup=False)
        yield KeyBar()

    def read(self) -> ListOptions:
        """The options as the form shows them; raises `InvalidInput` when they conflict."""
        include = tuple(self.query_one("#include-types", SelectionList).selected)
        exclude = tuple(self.query_one("#exclude-types", SelectionList).selected)
        both = [name for name in include if name in exclude]
        if both:
            raise InvalidInput(f"{both[0]} cannot be both required and excluded.")
        created_by = parse_account_ids(self.query_one("#created-by", Input).value)
        not_by = parse_account_ids(self.query_one("#exclude-created-by", Input).value)
        clash = [account for account in created_by if account in not_by]
        if clash:
            raise InvalidInput(f"{clash[0]} cannot be both a creator and an excluded one.")
        descending = self.query_one("#sort-desc", RadioButton).value
        return ListOptions(
            sort=DESCENDING if descending else ASCENDING,
            context_types=include,
            exclude_context_types=exclude,
            created_by=created_by,
            exclude_created_by=not_by,
            page_size=self.options.page_size,
        )

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_apply()

    @on(Input.Changed)
    def _edited(self) -> None:
        self.query_one("#options-problem", Static).update("")

    def action_apply(self) -> None:
        try:
            options = self.read()
        except InvalidInput as problem:
            self.query_one("#options-problem", Static).update(Text(f"✗ {problem}"))
            return
        self.dismiss(options)

    def action_cancel(self) -> None:
        self.dismiss(None)
