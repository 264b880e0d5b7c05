"""The options dialog of the engagement list: what the service sorts and filters on.

These are server-side options (the service sorts and filters, and the list is reloaded),
unlike `/`, which filters the loaded rows. The context types and creators are
``ListEngagements``' own filters; a sort key other than the created date and the search
filters (lead status, readiness, industry, country, dates: the model's
``EngagementSearchFilterName`` keys) make the list a ``SearchEngagements``, which the
summary line then names. The context types and sort keys offered are the model's enums;
account ids are checked against the model's pattern and dates parsed before anything is
sent.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, RadioButton, RadioSet, Select, SelectionList, Static

from engtui.api import list_queries
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
    ListOptionsScreen .line {
        height: 1;
    }
    ListOptionsScreen #sort-by-line {
        margin-top: 1;
    }
    ListOptionsScreen .line Label {
        width: 16;
        margin: 0;
    }
    ListOptionsScreen .line Input {
        width: 1fr;
        height: 1;
        border: none;
        padding: 0 1;
        margin-right: 1;
        background: $boost;
    }
    ListOptionsScreen .line Input:focus {
        background: $primary 20%;
    }
    ListOptionsScreen #sort-by {
        width: 1fr;
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
        o = self.options
        with VerticalScroll(id="options-dialog") as dialog:
            dialog.border_title = "List options (applied by the service)"
            with RadioSet(id="sort"):
                yield MarkedRadioButton("Newest first", value=self.options.sort == DESCENDING,
                                  id="sort-desc")
                yield MarkedRadioButton("Oldest first", value=self.options.sort == ASCENDING,
                                  id="sort-asc")
            if list_queries.has_operation("SearchEngagements"):
                yield from self._search_fields(o)
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

    def _search_fields(self, o: ListOptions) -> ComposeResult:
        """The sort key and the filters only ``SearchEngagements`` has (one line each)."""
        with Horizontal(classes="line", id="sort-by-line"):
            yield Label("Sort key")
            keys = [(key, key) for key in list_queries.sort_keys()]
            yield Select(keys, id="sort-by", compact=True, prompt="Created date",
                         value=o.sort_by or Select.NULL)
        for (left, left_id, left_value), (right, right_id, right_value) in (
            (("Lead status", "lead-status", o.lead_status),
             ("Readiness", "readiness", o.readiness)),
            (("Industry", "industry", o.industry), ("Country code", "country", o.country)),
            (("Created from", "created-from", o.created_from),
             ("Created to", "created-to", o.created_to)),
            (("Modified from", "modified-from", o.modified_from),
             ("Modified to", "modified-to", o.modified_to)),
        ):
            with Horizontal(classes="line"):
                yield Label(left)
                yield Input(_shown(left_value), id=left_id, placeholder=_hint(left_id))
                yield Label(right)
                yield Input(_shown(right_value), id=right_id, placeholder=_hint(right_id))

    def _search_options(self, options: ListOptions) -> ListOptions:
        """``options`` with what the search fields hold (raises `InvalidInput`)."""
        if not list_queries.has_operation("SearchEngagements"):
            return options
        sort_by = self.query_one("#sort-by", Select).value
        values = {name: _words(self.query_one(f"#{name.replace('_', '-')}", Input).value)
                  for name in ("lead_status", "readiness", "industry", "country")}
        days = {name: _day(self.query_one(f"#{name.replace('_', '-')}", Input).value)
                for name in ("created_from", "created_to", "modified_from", "modified_to")}
        options = replace(options, sort_by=sort_by if isinstance(sort_by, str) else "",
                          **values, **days)
        options.query()  # a search with a creator filter is refused here, with the reason
        return options

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
        return self._search_options(replace(
            self.options,
            sort=DESCENDING if descending else ASCENDING,
            context_types=include,
            exclude_context_types=exclude,
            created_by=created_by,
            exclude_created_by=not_by,
        ))

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


def _words(text: str) -> tuple[str, ...]:
    """Comma-separated values (a value may hold spaces: ``Financial Services``)."""
    return tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))


def _day(text: str) -> dt.date | None:
    value = text.strip()
    if not value:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    from engtui.textsafe import printable

    raise InvalidInput(f"“{printable(value, limit=20)}” is not a date (YYYY-MM-DD, UTC).")


def _shown(value: tuple[str, ...] | dt.date | None) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return ", ".join(value or ())


def _hint(field: str) -> str:
    return {"lead-status": "Qualified, Nurture, …", "readiness": "High, Medium, …",
            "industry": "Healthcare, …", "country": "US, DE, …"}.get(field, "YYYY-MM-DD")
