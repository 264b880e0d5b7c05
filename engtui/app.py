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
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive
from textual.worker import Worker, WorkerState

from engtui import logs
from engtui.api.errors import ApiError, ErrorKind, classify
from engtui.api.service import Engagement, EngagementService
from engtui.api.settings import ConnectionSettings
from engtui.app_profiles import ProfilesWiring
from engtui.background import in_daemon_thread
from engtui.messages import CatalogChanged, LookupCancelRequested, LookupRequested
from engtui.profile_manager import ProfileManager
from engtui.screens.lookup import LookupScreen
from engtui.widgets.connection_bar import ConnectionInfo
from engtui.widgets.recent_list import RecentItem

# Only the lookup screen is needed for the first frame; the other screens, the palette
# providers and the field tree are imported when first used (start-up time, issue 5).
if TYPE_CHECKING:
    from textual.command import Provider
    from textual.notifications import SeverityLevel

    from engtui.api.field_tree import FieldNode
    from engtui.api.listing import ListOptions, SummaryPage
    from engtui.api.service import AttemptCallback
    from engtui.screens.engagement import EngagementScreen
    from engtui.screens.engagement_list import EngagementListScreen


def _profile_commands() -> type[Provider]:
    from engtui.palette.profiles import ProfileCommands

    return ProfileCommands


def _engagement_commands() -> type[Provider]:
    from engtui.palette.engagements import EngagementCommands

    return EngagementCommands

RECENT_LIMIT = 20
LOADING_DELAY = 0.15
"""Seconds a lookup may take before its loading state is drawn."""


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class EngtuiApp(ProfilesWiring, App[None]):
    """Look up an engagement and browse it. The service is handed in (tests pass one
    pointed at the demo endpoint); so are the profiles (`ProfileManager`, which owns the
    config file, the keyring state and this run's session secrets)."""

    TITLE = "engtui"
    BINDING_GROUP_TITLE = "Everywhere"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {_profile_commands, _engagement_commands}

    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True, tooltip="Quit engtui"),
        Binding("question_mark,f1", "help", "Help", id="app.help",
                tooltip="Show every key of this screen"),
        Binding("f2", "profiles", "Profiles", id="app.profiles", show=False,
                tooltip="Manage and switch profiles; see the keyring's state"),
        Binding("f9", "toggle_privacy", "Privacy", id="app.privacy", show=False,
                tooltip="Privacy mode: mask names, emails, phones, companies and account ids "
                        "(for screen sharing); masked values are never copied or exported"),
    ]

    connection: reactive[ConnectionInfo] = reactive(ConnectionInfo, always_update=True)
    # Privacy mode (--redact, F9): every screen masks what the model marks sensitive.
    redacted: reactive[bool] = reactive(False, init=False)

    def __init__(
        self,
        settings: ConnectionSettings,
        *,
        now: Callable[[], dt.datetime] = utc_now,
        note: str = "",
        endpoint_label: str | None = None,
        profiles: ProfileManager | None = None,
        redact: bool = False,
    ) -> None:
        super().__init__()
        self.set_reactive(EngtuiApp.redacted, redact)
        self._init_profiles(profiles or ProfileManager(active=None))
        self.service = EngagementService(settings)
        self.now = now
        self.note = note
        self.endpoint_label = endpoint_label
        self.recent: list[RecentItem] = []
        self._sequence = 0
        self._pending: int | None = None  # the lookup in flight, if any
        self._lookup = LookupScreen(self.service.settings.catalog)
        self._engagement_screen: EngagementScreen | None = None
        # Where the lookup in flight shows its loading state and errors: the lookup
        # screen, or the engagement list when it was opened from there.
        self._lookup_target: LookupScreen | EngagementListScreen = self._lookup

    @classmethod
    def for_demo(
        cls, url: str, catalog: str = "Sandbox", now: Callable[[], dt.datetime] = utc_now,
        redact: bool = False,
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
        return cls(settings, now=now, note="sample data", endpoint_label="built-in demo",
                   redact=redact)

    # -- start-up -------------------------------------------------------------------------
    async def on_mount(self) -> None:
        self._publish_connection(self.service.settings.catalog)
        await self.push_screen(self._lookup)  # composed and mounted, not yet painted
        # Build the client only once the first frame is on screen: importing boto3 in a
        # thread competes for the GIL and would delay that frame. Scheduled after the lookup
        # screen is mounted, the callback waits for that screen's first paint.
        self.call_after_refresh(self._start_background)

    def _start_background(self) -> None:
        """After the first frame: the history (for the recent list) and the client (for the
        first Enter) first; the keyring probe, which only feeds the status, after them, so
        it does not compete with a lookup typed right away."""
        self._load_profiles_and_history()
        self._warm_client(then_probe_keyring=True)

    @work(group="warm", exit_on_error=False)
    async def _warm_client(self, then_probe_keyring: bool = False) -> None:
        """Import boto3 and build the client off the UI thread, before the first Enter."""
        from engtui.api.model import service_model

        await in_daemon_thread(self.service.warm, "engtui-warm")
        await in_daemon_thread(service_model, "engtui-model")
        if then_probe_keyring:
            self._probe_keyring()

    def refresh_connection(self) -> None:
        """Redraw the connection bar (after a switch, or once the keyring is known)."""
        self._publish_connection(self._lookup.catalog)

    def _publish_connection(self, catalog: str) -> None:
        settings = self.service.settings
        if self.profiles.active_label != settings.label and self.profiles.active is None:
            self.profiles.active_label = settings.label  # e.g. "demo", "aws:NAME"
        self.connection = ConnectionInfo(
            profile=settings.label,
            region=settings.region or "us-east-1",
            catalog=catalog,
            endpoint=self.endpoint_label or settings.endpoint_url or "",
            note=self.note,
            keyring=self.profiles.keyring_view.short,
            redacted=self.redacted,
        )

    def on_catalog_changed(self, message: CatalogChanged) -> None:
        self._publish_connection(message.catalog)
        self.show_recent()

    # -- lookups --------------------------------------------------------------------------
    def on_lookup_requested(self, request: LookupRequested) -> None:
        self._sequence += 1
        sequence = self._pending = self._sequence
        if not request.refresh:
            from engtui.screens.engagement_list import EngagementListScreen

            top = self.screen
            self._lookup_target = top if isinstance(top, EngagementListScreen) else self._lookup
            self._lookup_target.lookup_started()
            # The loading state is drawn only if the answer is not there yet after
            # LOADING_DELAY: a fast lookup goes straight to the engagement, without a
            # "Fetching…" line and a spinner flashing (and re-laying-out the screen) first.
            self.set_timer(LOADING_DELAY, partial(self._still_loading, request, sequence))
        self._fetch(request, sequence)

    def _still_loading(self, request: LookupRequested, sequence: int) -> None:
        if self._pending == sequence == self._sequence:
            self._lookup_target.show_loading(request)

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
            from engtui.api.field_tree import engagement_tree

            engagement = service.get_engagement(
                request.catalog, request.identifier, on_attempt=on_attempt
            )
            return engagement, engagement_tree(engagement.data)

        outcome: tuple[Engagement, FieldNode] | ApiError
        try:
            outcome = await in_daemon_thread(load, f"engtui-lookup-{sequence}")
        except Exception as exc:  # every failure is shown, none ends the app
            outcome = classify(exc)
            if outcome.kind is ErrorKind.UNEXPECTED:  # a bug: its traceback goes to the log
                outcome.hint = logs.bug_hint(exc, "lookup")
        self._deliver(request, sequence, outcome)

    def _retrying(self, request: LookupRequested, sequence: int, attempt: int, total: int) -> None:
        if sequence == self._sequence and not request.refresh:
            self._lookup_target.show_loading(request, attempt, total)

    def _deliver(
        self,
        request: LookupRequested,
        sequence: int,
        outcome: tuple[Engagement, FieldNode] | ApiError,
    ) -> None:
        if sequence != self._sequence:
            return  # superseded or cancelled: never let an old answer replace a newer one
        self._pending = None
        from engtui.screens.engagement import EngagementScreen

        top = self.screen
        if isinstance(outcome, ApiError):
            if request.refresh and isinstance(top, EngagementScreen):
                top.refreshing = False
                self.notify(outcome.one_line(), title=outcome.kind.title, severity="error",
                            markup=False)
            else:
                self._lookup_target.show_error(
                    outcome.kind.title, outcome.message, outcome.hint
                )
            return
        engagement, tree = outcome
        self._remember(engagement)
        self._lookup_target.show_idle(f"Opened {engagement.id}.")
        if isinstance(top, EngagementScreen) and top.engagement.id == engagement.id:
            top.refreshing = False
            top.show(engagement, tree)
            return
        reusable = self._engagement_screen
        if reusable is not None and reusable not in self.screen_stack:
            # Later lookups reuse the screen (installed, so popping keeps it): drawing new
            # data into it costs a fraction of composing the whole screen again.
            reusable.open_other(engagement, tree)
            self.push_screen(reusable)
            return
        screen = EngagementScreen(engagement, tree, self.now)
        if reusable is None:
            self._engagement_screen = screen
            self.install_screen(screen, name="engagement")
        self.push_screen(screen)

    def _remember(self, engagement: Engagement) -> None:
        self.remember(engagement)  # persisted per profile and catalog (app_profiles)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A bug in a worker is shown, never swallowed, and never ends the app."""
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            error = classify(event.worker.error)
            if error.kind is ErrorKind.UNEXPECTED:  # name the log that has the traceback
                error.hint = logs.bug_hint(event.worker.error, event.worker.name)
            self.notify(error.one_line(), title=error.kind.title, severity="error", timeout=10,
                        markup=False)

    # -- the gates every copy and every notification pass (issue 12) -----------------------
    def copy_to_clipboard(self, text: str) -> None:
        """Every copy (``y``, an Input's ctrl+c, ...) is made paste-safe first
        (`engtui.textsafe.paste_safe`); the user is told when that changed the value."""
        from engtui.textsafe import paste_safe

        safe, changed = paste_safe(text)
        super().copy_to_clipboard(safe)
        if changed:
            self.notify("The value held control, line-break or invisible characters: they "
                        "were copied as the placeholders shown, so a paste cannot run "
                        "anything. An export keeps the exact value.",
                        title="Copied with changes", severity="warning", timeout=6)

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every notification (screens and widgets call this one too) is plain text with
        its control and invisible characters made visible: never markup, never an escape."""
        from engtui.textsafe import printable, printable_lines

        del markup  # engtui's messages carry API text: never parsed as markup
        super().notify(printable_lines(message), title=printable(str(title or "")),
                       severity=severity, timeout=timeout, markup=False)

    # -- app-wide actions -----------------------------------------------------------------
    def action_list_engagements(self) -> None:
        """Show the engagements of the active catalog (lookup screen, command palette)."""
        from engtui.screens.engagement_list import EngagementListScreen

        catalog = self._lookup.catalog
        for screen in reversed(self.screen_stack):
            if isinstance(screen, EngagementListScreen) and screen.catalog == catalog:
                while self.screen is not screen:
                    self.pop_screen()
                return

        def pages(
            catalog: str, options: ListOptions, on_attempt: AttemptCallback | None
        ) -> Iterator[SummaryPage]:  # the service of the moment (profiles can switch)
            return self.service.list_engagements(catalog, options, on_attempt=on_attempt)

        self.push_screen(EngagementListScreen(catalog, pages))

    def action_toggle_privacy(self) -> None:
        self.redacted = not self.redacted

    def watch_redacted(self, redacted: bool) -> None:
        self.refresh_connection()
        self.notify("Privacy mode on: sensitive values are masked." if redacted
                    else "Privacy mode off.", timeout=3)

    def action_profiles(self) -> None:
        self.show_profiles()

    def action_switch_profile(self) -> None:
        """A command palette with only the profiles (ctrl+o on the lookup screen)."""
        from engtui.palette.profiles import open_profile_switcher

        open_profile_switcher(self)

    def action_help(self) -> None:
        from engtui.screens.help import HelpScreen, collect_sections

        if isinstance(self.screen, HelpScreen):
            return
        title = getattr(self.screen, "BINDING_GROUP_TITLE", None) or "engtui"
        self.push_screen(HelpScreen(title, collect_sections(self.active_bindings)))

    def switch_settings(self, settings: ConnectionSettings) -> None:
        """Use other connection settings from now on (drops the cached client)."""
        self.on_lookup_cancel_requested(LookupCancelRequested())
        if self._lookup.is_mounted and self._lookup.busy:  # else "Fetching…" stays forever
            self._lookup.show_idle("Lookup cancelled: the connection changed.")
        self.service.close()
        self.service = EngagementService(replace(settings))
        if self._lookup.is_mounted:
            self._lookup.set_catalog(self.service.settings.catalog)
        self._publish_connection(self._lookup.catalog)
        self._warm_client()

