"""Text for a stream that cannot take every character (``PYTHONIOENCODING=ascii``, a C or
Latin-1 locale): ``engtui get`` printed a traceback there instead of the engagement.

The tree's box lines become ASCII (``|--``), other characters the stream cannot encode become
``\\u2026``-style escapes (nothing is lost, nothing is guessed), and JSON stays valid JSON
(outside strings it is ASCII already; inside them ``\\uXXXX`` is the JSON escape).
"""

from __future__ import annotations

import json
from typing import TextIO

ASCII_TREE = str.maketrans({"├": "|", "└": "`", "─": "-", "│": "|", "…": "...", "·": "-"})


def encodable(text: str, stream: TextIO | None, *, is_json: bool = False) -> str:
    """``text`` as ``stream`` can write it (unchanged when it can)."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
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
