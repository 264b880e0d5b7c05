"""The key bar: the screen's keys on the bottom line, drawn as one widget.

It shows what Textual's compact ``Footer`` shows (each shown binding once per action, its key
and description, disabled ones dimmed, in the footer colours of the theme), but it is a
single widget that repaints one line when the bindings change. ``Footer`` recomposes a
child widget per key on every focus change, which restyles and re-lays-out the whole screen:
on the engagement screen that was a sixth of a lookup's time, more over a slow SSH link.
A click on a key presses it, as it does in ``Footer``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from rich.text import Text
from textual import events
from textual.widget import Widget

from engtui.widgets.spans import Span, name_at

if TYPE_CHECKING:
    from textual.screen import Screen


class _Key(NamedTuple):
    key: str
    display: str
    description: str
    enabled: bool


class KeyBar(Widget, can_focus=False):
    """The active screen's keys, one line, docked at the bottom."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--disabled"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyBar > .key-bar--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    KeyBar > .key-bar--disabled {
        text-style: dim;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._keys: list[_Key] = []
        self._spans: list[Span] = []  # the columns of each key, for clicks

    def on_mount(self) -> None:
        # The first signal comes once the screen's bindings can be checked (as for Footer).
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        # A modal drawn over this screen (help, a confirmation) takes the keys: while it is
        # open, this bar shows the modal's keys, not the ones the modal is hiding.
        self.app.screen_change_signal.subscribe(self, self._screen_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)
        self.app.screen_change_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if screen is not self.screen or self.app.screen is not self.screen:
            return
        self._show(self.active_keys())

    def _screen_changed(self, screen: Screen) -> None:
        if screen is self.screen:
            self._show(self.active_keys())
        elif self.screen in self.app.screen_stack:  # covered by a modal, or another screen
            self.call_after_refresh(self._show_covering)

    def _show_covering(self) -> None:
        top = self.app.screen
        if top is not self.screen and top.is_modal:
            self._show(self.active_keys(top))

    def _show(self, keys: list[_Key]) -> None:
        if keys != self._keys:
            self._keys = keys
            self.refresh()  # one line, same size: no layout

    def active_keys(self, screen: Screen | None = None) -> list[_Key]:
        """The keys to show: bindings with ``show``, the first binding of each action (of
        this bar's screen, or of ``screen``)."""
        seen: set[str] = set()
        keys = []
        for _node, binding, enabled, _tooltip in (screen or self.screen).active_bindings.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            keys.append(_Key(binding.key, self.app.get_key_display(binding),
                             binding.description, enabled))
        return keys

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key", partial=True)
        description_style = self.get_component_rich_style("key-bar--description", partial=True)
        disabled_style = self.get_component_rich_style("key-bar--disabled", partial=True)
        text = Text(no_wrap=True, overflow="crop", end="")
        spans = []
        for key in self.fitting(self._keys, self.size.width):
            start = len(text)
            extra = disabled_style if not key.enabled else None
            text.append(key.display, key_style + extra if extra else key_style)
            if key.description:
                description = f" {key.description}"
                text.append(description, description_style + extra if extra else description_style)
            spans.append((start, len(text), key.key))
            text.append(" ")
        self._spans = spans
        return text

    @staticmethod
    def fitting(keys: list[_Key], width: int) -> list[_Key]:
        """The keys drawn whole in ``width`` columns (0: all), in order, with one-word
        descriptions when the full ones do not fit; the help key is kept when others must
        go, so a narrow screen still says where the rest are."""
        def size(key: _Key) -> int:
            return len(key.display) + (len(key.description) + 1 if key.description else 0) + 1

        if not width or sum(size(key) for key in keys) - 1 <= width:
            return keys
        # Too narrow: first the short form of each description (its first word), so more
        # keys stay; then keys go from the end, the help key kept.
        keys = [key._replace(description=key.description.split(" ")[0]) for key in keys]
        if sum(size(key) for key in keys) - 1 <= width:
            return keys
        help_keys = [key for key in keys if key.key in ("question_mark", "f1")][-1:]
        room = width - sum(size(key) for key in help_keys)
        shown = []
        for key in keys:
            if key in help_keys:
                continue
            if size(key) - 1 > room:
                break
            shown.append(key)
            room -= size(key)
        return shown + help_keys

    def key_at(self, x: int) -> str | None:
        """The key drawn at column ``x`` (for a click)."""
        return name_at(self._spans, x)

    def on_click(self, event: events.Click) -> None:
        key = self.key_at(event.x)
        if key is not None:
            event.stop()
            self.app.simulate_key(key)
