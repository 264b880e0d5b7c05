"""The ``:`` command line (k9s's habit): a one-line prompt over the screen that jumps to a
list or a record. ``:inv`` the invitations list, ``:opp O6100001`` that opportunity,
``:eng`` + Tab the recent engagements; the words are the registries' names and declared
aliases (`engtui.api.jump`), so nothing here names a kind or a list.

The prompt is a small modal: Escape leaves it and the screen under it is as it was. Enter
on a line that opens nothing (an unknown word, a malformed id) says why in one line and
keeps the prompt open for a correction. A list opens through `open_list` (as its key on the
lookup screen does); a record through the opener of the screen the prompt was opened on
(`RecordOpener`: the lookup's status line, the list's, or a record's notifications), so
its screen is pushed over that one and Escape comes back to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from engtui.api.identifiers import InvalidInput
from engtui.api.jump import Completion, Jump, common_prefix, completions, resolve, target_of
from engtui.host import host
from engtui.screens.opening import OpenRequest, RecordOpener
from engtui.textsafe import printable

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from textual.app import App
    from textual.screen import Screen

JUMP_TOOLTIP = "Jump to a list or a record: :inv, :opp O6100001, :eng + Tab (Esc leaves)"


def takes_jump(screen: Screen[object]) -> bool:
    """Whether ``screen`` offers the command line: a screen that opens records (it has a
    `RecordOpener`: the lookup, a list, a record), never a dialog."""
    return not screen.is_modal and isinstance(getattr(screen, "opener", None), RecordOpener)


def open_jump_prompt(app: App[object]) -> None:
    """Show the prompt over the screen on top; what it names opens from that screen."""
    origin = app.screen
    if not takes_jump(origin):
        return
    recent = {"engagement": [item.identifier for item in host(app).recent.shown]}
    app.push_screen(JumpPrompt(recent), lambda jump: run_jump(origin, jump))


def run_jump(origin: Screen[object], jump: Jump | None) -> None:
    """Open what the prompt named, from the screen it was opened on (None: it was left)."""
    if jump is None:
        return
    app = origin.app
    catalog = host(app).connection.catalog
    if jump.ref is None:
        from engtui.screens.lists import open_list

        open_list(app, catalog, jump.list_name)
        return
    ref = jump.ref
    from engtui.screens.lookup import LookupScreen

    if isinstance(origin, LookupScreen):  # as if typed there: its field, status and retry
        origin.open_reference(ref)
        return
    if ref.normalised:
        app.notify(f"Opening {ref.record_id}: {ref.normalised}.", markup=False)
    opener: RecordOpener = origin.opener  # type: ignore[attr-defined]  # `takes_jump`
    opener.open(OpenRequest(ref.kind, ref.identifier, ref.catalog_from_arn or catalog,
                            ref.params))


@dataclass
class _Cycle:
    """Tab pressed again on a token with several candidates: the next one."""

    start: int
    candidates: tuple[str, ...]
    index: int
    value: str  # the line as this cycle left it (typing anything else ends the cycle)


class JumpPrompt(ModalScreen[Jump | None]):
    """``:`` and a line; Tab completes, Enter jumps, Escape leaves."""

    DEFAULT_CSS = """
    JumpPrompt {
        align: left bottom;
    }
    JumpPrompt #jump-box {
        width: 100%;
        height: auto;
        margin-bottom: 1;
        border: round $accent;
        border-title-style: bold;
        background: $surface;
        padding: 0 1;
    }
    JumpPrompt #jump-line {
        height: 1;
    }
    JumpPrompt #jump-colon {
        width: 2;
        text-style: bold;
    }
    JumpPrompt #jump-input {
        border: none;
        height: 1;
        padding: 0;
        width: 1fr;
        background: $surface;
    }
    JumpPrompt #jump-choices, JumpPrompt #jump-message {
        height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    JumpPrompt #jump-message.-error {
        color: $error;
    }
    """

    BINDINGS = [
        Binding("escape", "leave", "Leave", id="jump.leave",
                tooltip="Close the prompt: nothing changes"),
        Binding("tab", "complete", "Complete", priority=True, id="jump.complete",
                tooltip="Complete the word or the id (again: the next candidate)"),
        Binding("enter", "jump", "Jump", priority=True, id="jump.jump",
                tooltip="Open the list or the record the line names"),
    ]

    def __init__(self, recent: Mapping[str, Sequence[str]]) -> None:
        super().__init__()
        self.recent = recent
        self._cycle: _Cycle | None = None
        self.said = ""  # the message line, as plain text (what the prompt says of the line)

    def compose(self) -> ComposeResult:
        with Vertical(id="jump-box") as box:
            box.border_title = "Jump"
            box.border_subtitle = "Tab completes · Enter jumps · Esc leaves"
            with Horizontal(id="jump-line"):
                yield Static(":", id="jump-colon", markup=False)
                yield Input(id="jump-input", max_length=4096, select_on_focus=False)
            yield Static(id="jump-choices", markup=False)
            yield Static(id="jump-message", markup=False)

    def on_mount(self) -> None:
        self.query_one("#jump-input", Input).focus()
        self._show(self.input.value)

    @property
    def input(self) -> Input:
        return self.query_one("#jump-input", Input)


    @on(Input.Changed, "#jump-input")
    def _changed(self, event: Input.Changed) -> None:
        if self._cycle is not None and event.value != self._cycle.value:
            self._cycle = None
        self._show(event.value)

    def _show(self, line: str) -> None:
        """The candidates for what is typed, and what Enter would open (or what to type)."""
        cycle = self._cycle
        found = completions(line, self.recent)
        if cycle is not None:
            self._show_choices(cycle.candidates, cycle.index)
        else:
            self._show_choices(found.candidates, None)
        try:
            jump = resolve(line)
        except InvalidInput:
            self._say(f"Type {found.hint}." if line.strip() else
                      "Type a list or a kind (inv, opp, eng …) or an id; Tab completes.")
            return
        self._say(f"Enter opens {jump.describe()}.")

    def _show_choices(self, candidates: Sequence[str], selected: int | None) -> None:
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        for index, candidate in enumerate(candidates):
            if index:
                text.append("  ")
            text.append(printable(candidate, limit=60),
                        style="reverse" if index == selected else "")
        self.query_one("#jump-choices", Static).update(text)

    def _say(self, message: str, error: bool = False) -> None:
        line = self.query_one("#jump-message", Static)
        self.said = printable(("✗ " if error else "") + message)
        line.update(Text(self.said, no_wrap=True, overflow="ellipsis", end=""))
        line.set_class(error, "-error")

    # -- keys ------------------------------------------------------------------------------
    def action_leave(self) -> None:
        self.dismiss(None)

    def action_jump(self) -> None:
        try:
            jump = resolve(self.input.value)
        except InvalidInput as refused:  # said in one line; the prompt stays for a fix
            self._say(str(refused), error=True)
            return
        self.dismiss(jump)

    def action_complete(self) -> None:
        field = self.input
        line = field.value
        cycle = self._cycle
        if cycle is not None and line == cycle.value:  # Tab again: the next candidate
            cycle.index = (cycle.index + 1) % len(cycle.candidates)
            self._replace(cycle.start, cycle.candidates[cycle.index], cycle=cycle)
            return
        found = completions(line, self.recent)
        if not found.candidates:
            self._say(f"Nothing to complete: type {found.hint}.")
            return
        typed = found.token.lower()
        shared = common_prefix(found.candidates)
        if len(found.candidates) == 1 or typed in (c.lower() for c in found.candidates):
            word = found.candidates[0] if len(found.candidates) == 1 else found.token
            self._replace(found.start, word + self._space_after(found, word))
        elif len(shared) > len(found.token):
            self._replace(found.start, shared)
        else:
            cycle = _Cycle(found.start, found.candidates, 0, "")
            self._replace(found.start, found.candidates[0], cycle=cycle)

    @staticmethod
    def _space_after(found: Completion, word: str) -> str:
        """A word of a kind or list, completed: a space, ready for its id."""
        return " " if found.first_word and target_of(word) is not None else ""

    def _replace(self, start: int, text: str, cycle: _Cycle | None = None) -> None:
        field = self.input
        value = field.value[:start] + text
        if cycle is not None:
            cycle.value = value
        self._cycle = cycle
        field.value = value
        field.cursor_position = len(value)
