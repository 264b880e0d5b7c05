"""API text for widgets: a `rich.text.Text` built from plain text, through the one gate.

`engtui.textsafe` (no rich, no Textual: the CLI and the API layer use it too) makes text
printable; this is its UI side, what widgets build from strings that hold API text.
"""

from __future__ import annotations

from rich.text import Text

from engtui.textsafe import printable, printable_lines


def safe_text(value: object, limit: int | None = None, style: str = "") -> Text:
    """A `Text` drawn from plain text through `printable_lines` (never markup, never a
    control character), cut at ``limit`` characters onto one line when given."""
    text = printable_lines(str(value))
    if limit is not None and len(text) > limit:
        text = printable(text.replace("\n", " "), limit=limit)
    return Text(text, style=style)
