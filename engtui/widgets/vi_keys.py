"""The vi-style movement keys (`j`/`k`, `g`/`G`) every scrolling widget offers, declared once."""

from __future__ import annotations

from textual.binding import Binding


def vi_bindings(
    prefix: str, *, down: str, up: str, first: str, last: str, unit: str = "row",
    arrows: bool = False,
) -> list[Binding]:
    """Four hidden bindings with ids ``PREFIX.down`` … ``PREFIX.last``; ``arrows`` adds
    ``↓``/``↑``/``Home``/``End`` to the same actions."""
    def keys(letter: str, arrow: str) -> str:
        return f"{letter},{arrow}" if arrows else letter

    return [
        Binding(keys("j", "down"), down, "Down", show=False, id=f"{prefix}.down",
                tooltip=f"Move down one {unit}"),
        Binding(keys("k", "up"), up, "Up", show=False, id=f"{prefix}.up",
                tooltip=f"Move up one {unit}"),
        Binding(keys("g", "home"), first, "First", show=False, id=f"{prefix}.first",
                tooltip="Go to the top"),
        Binding(keys("G", "end"), last, "Last", show=False, id=f"{prefix}.last",
                tooltip="Go to the bottom"),
    ]
