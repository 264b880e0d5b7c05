"""A masked input whose value never leaves it: no copy, no cut.

Textual's `Input` with ``password=True`` draws bullets, but its ``ctrl+c``/``ctrl+x`` (and
``super+c``) still send the real selected text to the clipboard by OSC 52, which over SSH is
the local machine's clipboard. `SecretInput` keeps the keys (so they do not fall through to
the app) and refuses, saying why; typing, pasting into it and selecting work as usual.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

REFUSED = "A secret is never copied out of engtui: type or paste it here only."


class SecretInput(Input):
    """`Input` with ``password=True`` that never copies or cuts its value."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["password"] = True
        super().__init__(*args, **kwargs)

    def action_copy(self) -> None:
        self.notify(REFUSED, severity="warning", timeout=4)

    def action_cut(self) -> None:
        self.notify(REFUSED, severity="warning", timeout=4)

    def watch_password(self, password: bool) -> None:
        if not password:  # the mask is what makes it a secret input: it stays on
            self.password = True
