"""Text for a stream that cannot take every character (``PYTHONIOENCODING=ascii``, a C or
Latin-1 locale): ``engtui get`` printed a traceback there instead of the engagement. A
locale that does not take UTF-8 (``LC_ALL=C``, ``ENGTUI_ASCII=1``) gets ASCII whatever
Python's own encoding is.

The tree's box lines become ASCII (``|--``), other characters the stream cannot encode become
``\\u2026``-style escapes (nothing is lost, nothing is guessed), and JSON stays valid JSON
(outside strings it is ASCII already; inside them ``\\uXXXX`` is the JSON escape).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import TextIO

ASCII_TREE = str.maketrans({"├": "|", "└": "`", "─": "-", "│": "|", "…": "...", "·": "-",
                              "→": "->"})


def takes_utf8(environ: Mapping[str, str] | None = None) -> bool:
    """True unless the locale says the terminal cannot take UTF-8 (or ENGTUI_ASCII=1)."""
    env = os.environ if environ is None else environ
    forced = env.get("ENGTUI_ASCII", "").strip()
    if forced in ("1", "0"):
        return forced == "0"
    for name in ("LC_ALL", "LC_CTYPE", "LANG"):
        value = env.get(name, "")
        if value:
            normal = value.lower().replace("-", "").replace("_", "")
            return "utf8" in normal
    return True  # no locale at all (a bare container): today's terminals take UTF-8


def encodable(text: str, stream: TextIO | None, *, is_json: bool = False) -> str:
    """``text`` as ``stream`` can write it (unchanged when it can).

    A locale that does not take UTF-8 (``LC_ALL=C``; `takes_utf8` decides, as for the
    TUI's ASCII mode, `engtui.charset`) gets ASCII even though Python itself writes UTF-8 there (its
    UTF-8 mode for the C locale would otherwise put UTF-8 bytes on that terminal)."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    if not takes_utf8():
        encoding = "ascii"
    try:
        text.encode(encoding)
        return text
    except (UnicodeEncodeError, LookupError):
        pass
    if is_json:
        return "".join(c if ord(c) < 128 else json.dumps(c)[1:-1] for c in text)
    text = text.translate(ASCII_TREE)
    try:
        return text.encode(encoding, "backslashreplace").decode(encoding)
    except LookupError:
        return text.encode("ascii", "backslashreplace").decode("ascii")
