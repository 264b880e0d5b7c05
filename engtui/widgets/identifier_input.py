"""The engagement identifier input.

Behaves like `Input`, except that while it is empty it lets the digits 1-9 through to the
screen's bindings (reopen a recent engagement): an identifier never starts with a digit,
so nothing a user could type is lost.
"""

from __future__ import annotations

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
