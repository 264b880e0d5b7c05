"""The list's one-line fields (filter, keyword): an `Input` whose keystrokes repaint only
itself.

Textual's `Input` sets its `virtual_size` (the width of the text typed) on every change of
value, and `virtual_size` is a reactive that asks for a layout of the whole screen: at a
filter keystroke that layout and the repaint of every widget it brings were most of the
frame (about 20 ms of 25 in the list of 10,000 rows, cProfile). The width of the text only
sets how far the field can scroll sideways, read when it scrolls; the field's own size is
fixed by its CSS. So here `virtual_size` repaints the field and does not lay the screen out.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input


class FilterInput(Input):
    """A one-line field of fixed size under a list, whose typing does not lay the screen
    out; hidden until it has the class ``-shown`` (the filter ``/``, the keyword
    ``ctrl+f``: `engtui.widgets.keyword_input.KeywordInput`)."""

    DEFAULT_CSS = """
    FilterInput {
        width: 1fr;
        display: none;
        border: none;
        height: 1;
        padding: 0 1;
        background: $boost;
    }
    FilterInput.-shown {
        display: block;
    }
    FilterInput:focus {
        border: none;  /* Input:focus would draw its tall border */
        background: $primary 20%;
    }
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
