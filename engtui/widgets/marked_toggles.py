"""A checkbox and a radio button whose state shows without colour (issue 13, NO_COLOR).

Textual draws the same mark for on and off and tells them apart by colour alone; under
``NO_COLOR`` (or a monochrome terminal) an unselected dot looked selected, or invisible. Here
the mark itself is the state: ``X`` / ``●`` when on, a blank when off.
"""

from __future__ import annotations

from textual.widgets import Checkbox, RadioButton


class MarkedCheckbox(Checkbox):
    """`Checkbox` with ``X`` only when ticked."""

    @property  # type: ignore[override]
    def BUTTON_INNER(self) -> str:
        return "X" if self.value else " "


class MarkedRadioButton(RadioButton):
    """`RadioButton` with ``●`` only when chosen."""

    @property  # type: ignore[override]
    def BUTTON_INNER(self) -> str:
        return "●" if self.value else " "
