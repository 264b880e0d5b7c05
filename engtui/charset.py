"""Whether the terminal takes UTF-8, and the one fallback when it does not: ASCII on the wire.

With a non-UTF-8 locale (``LANG=C``, ``LC_ALL=POSIX``, a Latin-1 locale) the terminal may
not draw box characters or markers (``…``, ``●``, ``▶``): Python itself still writes UTF-8
(its UTF-8 mode for the C locale), so the screen fills with mojibake. engtui decides once,
at start, from the locale the user set (`engtui.encodable.takes_utf8`: the first of
``LC_ALL``, ``LC_CTYPE`` and ``LANG`` that is set, as the C library reads them;
``ENGTUI_ASCII=1`` forces the fallback, ``ENGTUI_ASCII=0`` turns it off) and, when the
terminal cannot take UTF-8, every character the app writes goes through `to_ascii` in the
terminal driver (`ascii_driver`). That is the single place: borders, tree guides,
scrollbars, Textual's own glyphs and engtui's markers all become ASCII of the same width (a
corner ``+``, a line ``-`` or ``|``, ``…`` a ``.``, ``▶`` a ``>``), so the layout is
unchanged and nothing needs a per-widget variant. ``engtui get`` has its own fallback for a
stream that cannot encode (`engtui.encodable`).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any

MARKERS = {  # one ASCII character for one cell (escapes: ruff flags look-alike characters)
    "…": ".", "\u203a": ">", "\u2039": "<", "»": ">", "«": "<", "●": "*", "○": "o",
    "◉": "*", "◯": "o", "▶": ">", "▷": ">", "▼": "v", "▽": "v", "▲": "^", "△": "^",
    "◀": "<", "★": "*", "☆": "*", "✗": "x", "✘": "x", "✓": "+", "✔": "+", "·": ".",
    "•": "*", "↑": "^", "↓": "v", "←": "<", "→": ">", "⏎": "<", "↵": "<", "—": "-",
    "\u2013": "-", "“": '"', "”": '"', "\u2018": "'", "\u2019": "'", "\u00d7": "x",
    "\u00a0": " ", "≠": "#",
}


@lru_cache(maxsize=4096)
def _ascii(char: str) -> str:
    if char in MARKERS:
        return MARKERS[char]
    from rich.cells import cell_len

    width = cell_len(char)
    name = unicodedata.name(char, "")
    if "BOX DRAWINGS" in name:
        if "VERTICAL" in name and "HORIZONTAL" not in name:
            return "|"
        if "HORIZONTAL" in name and "VERTICAL" not in name:
            return "-"
        return "+"
    if "BLOCK" in name or "SHADE" in name:
        if "LEFT" in name or "RIGHT" in name:
            return "|"
        if "UPPER" in name:
            return "-"
        if "LOWER ONE EIGHTH" in name:
            return "_"
        return "#"
    decomposed = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
    if len(decomposed) == width:  # é -> e, ﬁ stays "?" (two letters for one cell)
        return decomposed
    return "?" * width


def to_ascii(text: str) -> str:
    """``text`` with every non-ASCII character replaced by ASCII of the same width."""
    if text.isascii():
        return text
    return "".join(char if char < "\x80" else _ascii(char) for char in text)


def ascii_driver(driver: type[Any]) -> type[Any]:
    """A subclass of the terminal ``driver`` that writes `to_ascii` of everything."""

    class AsciiDriver(driver):  # type: ignore[misc, valid-type]
        def write(self, data: str) -> None:
            super().write(to_ascii(data))

    AsciiDriver.__name__ = f"Ascii{driver.__name__}"
    return AsciiDriver
