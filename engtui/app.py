"""The Textual app: wires the screens to the service through background workers.

Kept thin on purpose: screens draw and post messages, the service calls the API, and this
module only moves a request to a worker and its outcome back to a screen. A lookup runs in an
exclusive worker (``group="lookup"``) that awaits the blocking boto3 call in a daemon thread
(see `engtui.background` for why not a Textual thread worker): a newer lookup supersedes an
older one, Escape cancels, and every request carries a sequence number so a stale outcome
(one that finishes after it was cancelled or superseded) is dropped instead of replacing
what is on screen.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive
from textual.worker import Worker, WorkerState

from engtui.api.errors import ApiError, classify
from engtui.api.field_tree import FieldNode, engagement_tree
from engtui.api.service import Engagement, EngagementService
from engtui.api.settings import ConnectionSettings
from engtui.background import in_daemon_thread
from engtui.messages import CatalogChanged, LookupCancelRequested, LookupRequested
from engtui.screens.engagement import EngagementScreen
from engtui.screens.help import HelpScreen, collect_sections
from engtui.screens.lookup import LookupScreen
from engtui.widgets.connection_bar import ConnectionInfo
from engtui.widgets.recent_list import RecentItem

RECENT_LIMIT = 20


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class EngtuiApp(App[None]):
    """Look up an engagement and browse it. The service is handed in (tests pass one
    pointed at the demo endpoint)."""

    TITLE = "engtui"
    BINDING_GROUP_TITLE = "Everywhere"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True, tooltip="Quit engtui"),
        Binding("question_mark,f1", "help", "Help", id="app.help",
                tooltip="Show every key of this screen"),
    ]

    connection: reactive[ConnectionInfo] = reactive(ConnectionInfo, always_update=True)

    def __init__(
        self,
        settings: ConnectionSettings,
        *,
        now: Callable[[], dt.datetime] = utc_now,
        note: str = "",
        endpoint_label: str | None = None,
    ) -> None:
        super().__init__()
        self.service = EngagementService(settings)
        self.now = now
        self.note = note
        self.endpoint_label = endpoint_label
        self.recent: list[RecentItem] = []
        self._sequence = 0
        self._lookup = LookupScreen(self.service.settings.catalog)

    @classmethod
    def for_demo(
        cls, url: str, catalog: str = "Sandbox", now: Callable[[], dt.datetime] = utc_now
    ) -> EngtuiApp:
        """The app pointed at a demo endpoint (``engtui --demo``, screenshots, snapshots)."""
        from engtui.api.settings import StaticCredentials
        from engtui.demo import demo_credentials_from_env

        key_id, secret = demo_credentials_from_env()
        settings = ConnectionSettings(
            label="demo",
            endpoint_url=url,
            catalog=catalog,
            credentials=StaticCredentials(key_id, secret),
        )
        return cls(settings, now=now, note="sample data", endpoint_label="built-in demo")

    # -- start-up -------------------------------------------------------------------------
    def on_mount(self) -> None:
        self._publish_connection(self.service.settings.catalog)
        self.push_screen(self._lookup)
        self._warm_client()

    @work(group="warm", exit_on_error=False)
    async def _warm_client(self) -> None:
        """Import boto3 and build the client off the UI thread, before the first Enter."""
        from engtui.api.model import service_model

        await in_daemon_thread(self.service.warm, "engtui-warm")
        await in_daemon_thread(service_model, "engtui-model")

    def _publish_connection(self, catalog: str) -> None:
        settings = self.service.settings
        self.connection = ConnectionInfo(
            profile=settings.label,
            region=settings.region or "us-east-1",
            catalog=catalog,
            endpoint=self.endpoint_label or settings.endpoint_url or "",
            note=self.note,
        )

    def on_catalog_changed(self, message: CatalogChanged) -> None:
        self._publish_connection(message.catalog)

    # -- lookups --------------------------------------------------------------------------
    def on_lookup_requested(self, request: LookupRequested) -> None:
        self._sequence += 1
        if not request.refresh:
            self._lookup.show_loading(request)
        self._fetch(request, self._sequence)

    def on_lookup_cancel_requested(self, _: LookupCancelRequested) -> None:
        self._sequence += 1  # whatever is in flight is now stale
        self.workers.cancel_group(self, "lookup")

    @work(exclusive=True, group="lookup", exit_on_error=False)
    async def _fetch(self, request: LookupRequested, sequence: int) -> None:
        service = self.service

        def on_attempt(attempt: int, attempts: int) -> None:
            if attempt > 1 and sequence == self._sequence:
                with contextlib.suppress(RuntimeError):  # the app may have exited
                    self.call_from_thread(self._retrying, request, sequence, attempt, attempts)

        def load() -> tuple[Engagement, FieldNode]:
            engagement = service.get_engagement(
                request.catalog, request.identifier, on_attempt=on_attempt
            )
            return engagement, engagement_tree(engagement.data)

        outcome: tuple[Engagement, FieldNode] | ApiError
        try:
            outcome = await in_daemon_thread(load, f"engtui-lookup-{sequence}")
        except Exception as exc:  # every failure is shown, none ends the app
            outcome = classify(exc)
        self._deliver(request, sequence, outcome)

    def _retrying(self, request: LookupRequested, sequence: int, attempt: int, total: int) -> None:
        if sequence == self._sequence and not request.refresh:
            self._lookup.show_loading(request, attempt, total)

    def _deliver(
        self,
        request: LookupRequested,
        sequence: int,
        outcome: tuple[Engagement, FieldNode] | ApiError,
    ) -> None:
        if sequence != self._sequence:
            return  # superseded or cancelled: never let an old answer replace a newer one
        top = self.screen
        if isinstance(outcome, ApiError):
            if request.refresh and isinstance(top, EngagementScreen):
                top.refreshing = False
                self.notify(outcome.one_line(), title=outcome.kind.title, severity="error")
            else:
                self._lookup.show_error(outcome.kind.title, outcome.message, outcome.hint)
            return
        engagement, tree = outcome
        self._remember(engagement)
        self._lookup.show_idle(f"Opened {engagement.id}.")
        if isinstance(top, EngagementScreen) and top.engagement.id == engagement.id:
            top.refreshing = False
            top.show(engagement, tree)
        else:
            self.push_screen(EngagementScreen(engagement, tree, self.now))

    def _remember(self, engagement: Engagement) -> None:
        item = RecentItem(engagement.id, engagement.catalog, engagement.title)
        self.recent = [item] + [
            old for old in self.recent
            if (old.identifier, old.catalog) != (item.identifier, item.catalog)
        ]
        del self.recent[RECENT_LIMIT:]
        self._lookup.show_recent(self.recent)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A bug in a worker is shown, never swallowed, and never ends the app."""
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            error = classify(event.worker.error)
            self.notify(error.one_line(), title=error.kind.title, severity="error", timeout=10)

    # -- app-wide actions -----------------------------------------------------------------
    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        title = getattr(self.screen, "BINDING_GROUP_TITLE", None) or "engtui"
        self.push_screen(HelpScreen(title, collect_sections(self.active_bindings)))

    def switch_settings(self, settings: ConnectionSettings) -> None:
        """Use other connection settings from now on (drops the cached client)."""
        self.on_lookup_cancel_requested(LookupCancelRequested())
        self.service.close()
        self.service = EngagementService(replace(settings))
        self._publish_connection(self._lookup.catalog)
        self._warm_client()

