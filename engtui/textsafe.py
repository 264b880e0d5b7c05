"""Make text from the API safe to show in a terminal.

Strings that come from the server are data. Rich and Textual never parse them as markup
(we build `Text`/`Content` objects from them), but the characters themselves can still be
hostile: an ESC byte starts a terminal control sequence (colours, window title, OSC 8 links,
OSC 52 clipboard writes), other C0/C1 controls move the cursor or ring the bell, and
bidirectional overrides or zero-width characters make text read differently from what it is.

`printable` replaces every such character with a visible placeholder, so a hostile value is
shown as harmless, readable text and nothing reaches the terminal that could change its state.
Copy and export keep the original value; only what is drawn is made printable.
"""

from __future__ import annotations

import re

# C0 controls except none (tab and newline are also replaced: values are drawn on one line),
# DEL, and the C1 range.
_CONTROL = {code: f"\\x{code:02x}" for code in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0))}
_CONTROL[0x1B] = "\\e"
_CONTROL[0x09] = "\\t"
_CONTROL[0x0A] = "\\n"
_CONTROL[0x0D] = "\\r"

# Characters that change how text reads without being visible: bidi embeddings, overrides and
# isolates, zero-width spaces and joiners, the BOM, and line/paragraph separators.
_INVISIBLE = (
    *range(0x200B, 0x2010),
    *range(0x2028, 0x202F),
    *range(0x2060, 0x2070),
    0xFEFF,
    0x061C,
)
_TRANSLATION = {**_CONTROL, **{code: f"<U+{code:04X}>" for code in _INVISIBLE}}
_NEEDS_WORK = re.compile(
    "[" + "".join(re.escape(chr(code)) for code in sorted(_TRANSLATION)) + "]"
)


def printable(value: str, limit: int | None = None) -> str:
    """Return `value` with control and invisible formatting characters made visible.

    When `limit` is given, a longer result is cut and ends with how much was left out.
    """
    text = value.translate(_TRANSLATION) if _NEEDS_WORK.search(value) else value
    if limit is not None and len(text) > limit:
        hidden = len(text) - limit
        text = f"{text[:limit]}… (+{hidden:,} characters)"
    return text
