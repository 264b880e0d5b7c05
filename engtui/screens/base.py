"""What every full screen of engtui has, written once: `EngtuiScreen`.

The chrome: the connection bar on top (the active profile, region, catalog), the breadcrumb
under it on the screens that show a record or a list, the key bar at the bottom. A screen
composes only its own body (`compose_body`) between them. A screen names what it shows in
the breadcrumb with its `crumb` (the navigator's trail is the crumbs of the stack; a screen
with none, such as the lookup screen, is left out of it), and its breadcrumb is drawn again
each time the screen comes to the front. A bug in any of its workers is reported
(`engtui.widgets.worker_bugs`), never lost.

Dialogs (`ModalScreen`s: help, export, confirmations, the profile form) have no chrome and
are not `EngtuiScreen`s.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.screen import Screen

from engtui.host import host
from engtui.widgets.breadcrumb import Breadcrumb
from engtui.widgets.connection_bar import ConnectionBar
from engtui.widgets.key_bar import KeyBar
from engtui.widgets.worker_bugs import ReportsWorkerBugs


class EngtuiScreen(ReportsWorkerBugs, Screen[None]):
    """A full screen: the chrome around the body its subclass composes."""

    BREADCRUMB: ClassVar[bool] = True
    """Whether the screen shows the breadcrumb under the connection bar."""

    @property
    def crumb(self) -> str:
        """What this screen shows, as the breadcrumb names it ("": not in the breadcrumb)."""
        return ""

    def compose(self) -> ComposeResult:
        yield ConnectionBar()
        if self.BREADCRUMB:
            yield Breadcrumb()
        yield from self.compose_body()
        yield KeyBar()

    def compose_body(self) -> ComposeResult:
        """The screen's own widgets, between the breadcrumb and the key bar."""
        yield from ()

    def on_screen_resume(self) -> None:
        if self.BREADCRUMB:  # the stack under it may have changed while it was covered
            self.query_one(Breadcrumb).show(host(self).navigator.trail())
