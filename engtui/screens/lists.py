"""Opening a list screen: the engagements of a catalog, the invitations inbox, the
engagement groups, the opportunities; every one from its declaration in ``LISTS``
(`engtui.api.kinds`), its pages from `engtui.screens.list_pages`."""

from __future__ import annotations

from typing import Any

from textual.app import App

from engtui.screens.record_list import ListScreen


def open_list(app: App[object], catalog: str, name: str = "engagements",
              options: Any = None) -> None:
    """Show list ``name`` of ``catalog`` (the lookup screen's keys, the palette): back to
    the one already open for it, if there is one, else a new one."""
    from engtui.api.kinds import LISTS

    spec = LISTS[name]
    for screen in reversed(app.screen_stack):
        if (isinstance(screen, ListScreen) and screen.catalog == catalog
                and screen.spec is spec and not getattr(screen.options, "group", "")):
            while app.screen is not screen:
                app.pop_screen()
            return
    app.push_screen(ListScreen(catalog, None, options, spec))
