"""Names drawn side by side on one line, and which one a click landed on.

Shared by the one-line widgets (`KeyBar`, `PaneTabs`, `CatalogSwitch`): each draws its names
in one line of text and keeps the columns each name covers, so a click can pick it.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content

Span = tuple[int, int, str]
"""``(start, end, name)``: the columns ``start <= x < end`` show ``name``."""


def join_named(parts: Iterable[tuple[str, Content]], separator: str) -> tuple[Content, list[Span]]:
    """The contents joined by ``separator``, and the columns each name covers."""
    contents: list[Content] = []
    spans: list[Span] = []
    column = 0
    for name, content in parts:
        spans.append((column, column + content.cell_length, name))
        column += content.cell_length + len(separator)
        contents.append(content)
    return Content(separator).join(contents), spans


def name_at(spans: Iterable[Span], x: int) -> str | None:
    """The name drawn at column ``x``, if any."""
    for start, end, name in spans:
        if start <= x < end:
            return name
    return None
