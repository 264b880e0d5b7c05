"""Opening a list screen: the engagements of a catalog, the invitations inbox. Each list's
pages come from the client of the moment (profiles can switch), through `Host.records`;
the list screen itself never touches the client."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from textual.app import App

from engtui.api.listing import SummaryPage
from engtui.host import host
from engtui.screens.record_list import ListScreen

AttemptCallback = Callable[[int, int], None]


def _engagement_pages(app: App[object]) -> Callable[..., Iterator[SummaryPage]]:
    def pages(catalog: str, options: Any, on_attempt: AttemptCallback | None
              ) -> Iterator[SummaryPage]:
        return host(app).records.list_engagements(catalog, options, on_attempt=on_attempt)

    return pages


def _invitation_pages(app: App[object]) -> Callable[..., Iterator[SummaryPage]]:
    from engtui.api.invitations import OPERATION, RESULT_KEY, InvitationSummary

    def pages(catalog: str, options: Any, on_attempt: AttemptCallback | None
              ) -> Iterator[SummaryPage]:
        now = host(app).now()  # expiry is relative to when the page arrives
        for number, items, more in host(app).records.list_pages(
                OPERATION, RESULT_KEY, catalog, options.request_params(), on_attempt=on_attempt):
            yield SummaryPage(number, [InvitationSummary.from_api(i, now) for i in items], more)

    return pages


def open_list(app: App[object], catalog: str, name: str = "engagements") -> None:
    """Show list ``name`` of ``catalog`` (the lookup screen's ctrl+l and F3, the palette):
    back to the one already open for it, if there is one, else a new one."""
    from engtui.api.kinds import LISTS

    spec = LISTS[name]
    for screen in reversed(app.screen_stack):
        if isinstance(screen, ListScreen) and screen.catalog == catalog and screen.spec is spec:
            while app.screen is not screen:
                app.pop_screen()
            return
    if name == "invitations":
        from engtui.api.invitations import InvitationOptions

        options: Any = InvitationOptions(page_size=ListScreen.page_size)
        app.push_screen(ListScreen(catalog, _invitation_pages(app), options, spec))
    else:
        app.push_screen(ListScreen(catalog, _engagement_pages(app)))
