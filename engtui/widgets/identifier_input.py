"""The engagement identifier input.

Behaves like `Input`, except that a digit 1-9 typed into the *empty* input asks to reopen
that recent engagement (`IdentifierInput.ReopenRecent`): an identifier never starts with a
digit, so nothing a user could type is lost.

The check happens here, in the input's own key handler, because only here are keys seen in
order with the value they apply to. A screen-level binding that looked at the value would
see keys that arrive in one burst (fast typing over SSH, `tmux send-keys`) before the input
had applied the earlier ones: "eng-7k2…" then reopened recent engagement 2. (Textual calls a
subclass's ``on_key`` before `Input`'s own key handling, and skips that once the event's
default is prevented: public API, no override of `Input` internals; ``on_paste`` likewise.)
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.message import Message
from textual.widgets import Input

SHORTCUT_DIGITS = "123456789"


class IdentifierInput(Input):
    """Input for an ``eng-…`` id or an engagement ARN. A ``:`` typed into the empty input
    opens the command line (``app.jump``): no id or ARN starts with one."""

    DEFAULT_CSS = """
    IdentifierInput {
        width: 1fr;
    }
    """

    @dataclass
    class ReopenRecent(Message):
        """A digit typed into the empty input: reopen recent engagement ``number``."""

        input: IdentifierInput
        number: int

    async def on_key(self, event: events.Key) -> None:
        if event.character and event.character in SHORTCUT_DIGITS and not self.value:
            event.stop()
            event.prevent_default()  # `Input` does not insert it
            self.post_message(self.ReopenRecent(self, int(event.character)))
            return
        if event.character == ":" and not self.value:
            event.stop()
            event.prevent_default()  # `Input` does not insert it
            await self.run_action("app.jump")

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """``:`` is not taken from the app's key (so the key bar and the help list it here
        too): `on_key` hands it on when the input is empty, and types it otherwise."""
        if character == ":":
            return False
        return super().check_consume_key(key, character)

    def on_paste(self, event: events.Paste) -> None:
        """A paste longer than ``max_length`` is cut to fit instead of being dropped.

        `Input` refuses such a paste whole and silently, so a 10 KB paste looked like an
        empty field; cut, it stays visible and the lookup's check says what is wrong with it.
        """
        line = event.text.splitlines()[0] if event.text else ""
        if self.max_length and len(line) > self.max_length:
            event.prevent_default()
            self.value = line[: self.max_length]
            self.cursor_position = len(self.value)
