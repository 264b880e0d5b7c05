"""Opening a list screen: the engagements of a catalog, the invitations inbox, the
engagement groups, the opportunities; every one from its declaration in ``LISTS``
(`engtui.api.kinds`), its pages from `engtui.screens.list_pages`."""

from __future__ import annotations

from textual.app import App

from engtui.api.records import Options
from engtui.screens.record_list import ListScreen, list_screen


def open_list(app: App[object], catalog: str, name: str = "engagements",
              options: Options | None = None) -> None:
    """Show list ``name`` of ``catalog`` (the lookup screen's keys, the palette, a bar of a
    list's picture with ``options`` narrowed to its bucket): back to the one already open
    for it, if there is one with these options (``None``: any; not one narrowed to a
    record's rows, as a group's engagements, which has a crumb of its own), else a new one
    (pushed over the screen on top, so Escape comes back to it)."""
    from engtui.api.kinds import LISTS

    spec = LISTS[name]
    for screen in reversed(app.screen_stack):
        if (isinstance(screen, ListScreen) and screen.catalog == catalog
                and screen.spec is spec and not screen.options.crumb
                and (options is None or options == screen.options)):
            while app.screen is not screen:
                app.pop_screen()
            return
    app.push_screen(list_screen(catalog, spec, options))
