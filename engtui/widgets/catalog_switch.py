"""The catalog switch: ``○ AWS ● Sandbox`` on one line, one widget.

It replaces a ``RadioSet`` of ``RadioButton``s: the lookup screen is the first frame of every
session, and a radio set is three widgets with a good deal of CSS to parse and apply at start.
Keys when focused: left/right (or space/enter) move to the other catalog; a click on a name
picks it; ``ctrl+t`` on the lookup screen toggles it from anywhere. `Changed` is posted when
the catalog changes, whoever changed it.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from engtui.widgets.spans import Span, join_named, name_at


class CatalogSwitch(Widget, can_focus=True):
    """Pick one of a few catalogs."""

    ALLOW_SELECT = False
    BINDING_GROUP_TITLE = "Catalog"
    COMPONENT_CLASSES = {"catalog-switch--on"}
    DEFAULT_CSS = """
    CatalogSwitch {
        width: auto;
        height: 3;
        padding: 0 1;
        border: round $primary 30%;
        color: $text-muted;
    }
    CatalogSwitch:focus {
        border: round $primary;
    }
    CatalogSwitch > .catalog-switch--on {
        color: $text;
        text-style: bold;
    }
    CatalogSwitch:focus > .catalog-switch--on {
        color: $block-cursor-foreground;
        background: $block-cursor-background;
    }
    """
    BINDINGS = [
        Binding("left,right,space,enter", "next", "Other catalog", show=False,
                id="catalog.next", tooltip="Switch to the other catalog"),
    ]

    value: reactive[str] = reactive("", layout=False)

    class Changed(Message):
        """The catalog changed."""

        def __init__(self, switch: CatalogSwitch, value: str) -> None:
            super().__init__()
            self.switch = switch
            self.value = value

        @property
        def control(self) -> CatalogSwitch:
            return self.switch

    def __init__(self, catalogs: Sequence[str], value: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.catalogs = tuple(catalogs)
        self._spans: list[Span] = []
        self.set_reactive(CatalogSwitch.value, value)

    def validate_value(self, value: str) -> str:
        if value not in self.catalogs:
            raise ValueError(f"not a catalog: {value!r}")
        return value

    def watch_value(self, value: str) -> None:
        self.post_message(self.Changed(self, value))

    def action_next(self) -> None:
        index = self.catalogs.index(self.value)
        self.value = self.catalogs[(index + 1) % len(self.catalogs)]

    def render(self) -> Content:
        on_style = self.get_visual_style("catalog-switch--on")

        def choice(name: str) -> Content:
            if name == self.value:
                return Content(f"● {name}").stylize(on_style)
            return Content(f"○ {name}")

        line, self._spans = join_named(((name, choice(name)) for name in self.catalogs), "  ")
        return line

    def catalog_at(self, x: int) -> str | None:
        return name_at(self._spans, x)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        name = self.catalog_at(offset.x) if offset is not None else None
        if name is not None:
            event.stop()
            self.value = name
