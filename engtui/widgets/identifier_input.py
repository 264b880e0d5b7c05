"""The engagement identifier input.

Behaves like `Input`, except that while it is empty it lets the digits 1-9 through to the
screen's bindings (reopen a recent engagement): an identifier never starts with a digit,
so nothing a user could type is lost.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

SHORTCUT_DIGITS = "123456789"


class IdentifierInput(Input):
    """Input for an ``eng-…`` id or an engagement ARN."""

    DEFAULT_CSS = """
    IdentifierInput {
        width: 1fr;
    }
    """

    def check_consume_key(self, key: str, character: str | None) -> bool:
        if character and character in SHORTCUT_DIGITS and not self.value:
            return False
        return super().check_consume_key(key, character)

    def _on_paste(self, event: events.Paste) -> None:
        """A paste longer than ``max_length`` is cut to fit instead of being dropped.

        `Input` refuses such a paste whole and silently, so a 10 KB paste looked like an
        empty field; cut, it stays visible and the lookup's check says what is wrong with it.
        """
        line = event.text.splitlines()[0] if event.text else ""
        if self.max_length and len(line) > self.max_length:
            event.prevent_default()
            self.value = line[: self.max_length]
            self.cursor_position = len(self.value)
