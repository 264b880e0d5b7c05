"""The Textual app: holds what the screens share, and nothing they draw.

Kept thin on purpose. The app implements `engtui.host.Host`, the declared list of what a
screen may ask of it: the records source of the moment (`records`, the active profile's
client), the navigator (the record stack and the records seen in this run), the recent
engagements, privacy mode and the connection line (reactives the widgets watch). Screens
own the workers that fetch what they show (`engtui.screens.opening.RecordOpener` for a record,
the list screen for its pages, a related pane for its list), so no result travels from a
screen to the app and back.

What stays here: start-up (the lookup screen first, then the config, history, client and
keyring probe in the background), profile switching (it replaces the client) and the keys
that work everywhere.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.signal import Signal
from textual.worker import Worker

from engtui.api.service import SellingService
from engtui.api.settings import ClientSettings
from engtui.profiles.manager import ProfileManager
from engtui.recent import RecentHistory
from engtui.screens.lookup import LookupScreen
from engtui.screens.navigator import Navigator
from engtui.textsafe import printable
from engtui.threads import in_daemon_thread
from engtui.widgets.connection_bar import ConnectionInfo
from engtui.widgets.worker_bugs import log_crash, report_worker_bug

# Only the lookup screen is needed for the first frame; the other screens and the palette
# providers are imported when first used (start-up time).
if TYPE_CHECKING:
    from pathlib import Path

    from textual.command import Provider
    from textual.notifications import SeverityLevel

    from engtui.api.budget import CallBudget
    from engtui.profiles.view import KeyringView
    from engtui.screens.record_list import ListScreen


def _profile_commands() -> type[Provider]:
    from engtui.palette.profiles import ProfileCommands

    return ProfileCommands


def _engagement_commands() -> type[Provider]:
    from engtui.palette.engagements import EngagementCommands

    return EngagementCommands


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class ReadsCounted(Message):
    """The call budget counted a read (posted from the calling thread): the connection bar
    shows the day's count. Coalesced: a burst of reads redraws the bar once."""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, ReadsCounted)


DEMO_NOTE = "sample data"  # the connection bar under --demo
DEMO_ENDPOINT = "built-in demo"


class EngtuiApp(App[None]):
    """Look up an engagement and browse it. The service settings are handed in (tests pass
    settings pointed at the demo endpoint); so are the profiles (`ProfileManager`, which
    owns the config file, the keyring state and this run's session secrets)."""

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
        Binding("colon", "jump", "Jump", id="app.jump",
                tooltip="Jump to a list or a record: :inv, :opp O6100001, :eng + Tab"),
        Binding("f9", "toggle_privacy", "Privacy", id="app.privacy", show=False,
                tooltip="Privacy mode: mask names, emails, phones, companies and account ids "
                        "(for screen sharing); masked values are never copied or exported"),
    ]

    connection: reactive[ConnectionInfo] = reactive(ConnectionInfo, always_update=True)
    # Privacy mode (--redact, F9): every screen masks what the model marks sensitive.
    redacted: reactive[bool] = reactive(False, init=False)

    def __init__(
        self,
        settings: ClientSettings,
        *,
        now: Callable[[], dt.datetime] = utc_now,
        note: str = "",
        endpoint_label: str | None = None,
        profiles: ProfileManager | None = None,
        redact: bool = False,
        environment_note: str = "",
    ) -> None:
        super().__init__()
        self.set_reactive(EngtuiApp.redacted, redact)
        self.profiles = profiles or ProfileManager(active=None)
        self.service = SellingService(settings)
        self.now = now
        self.note = note
        self.environment_note = environment_note  # active.environment_overruled; to a switch
        self.endpoint_label = endpoint_label
        self.catalog = self.service.settings.catalog
        self.navigator = Navigator(self)
        self.recent = RecentHistory(
            self, lambda: (self.service.settings.label, self.catalog), now)
        self.lookup_screen = LookupScreen(self.catalog)
        # Published once the keyring probe is done (with the KeyringView) and after a
        # profile switch (with the profile's name): the profiles screen follows both.
        self.keyring_known: Signal[KeyringView] = Signal(self, "keyring-known")
        self.profile_switched: Signal[str | None] = Signal(self, "profile-switched")
        self._kept_theme: str | None = None  # the theme the config file holds
        # The folder of the last export in this run (kept in memory only, not in the config
        # file): the export dialog offers it again.
        self.last_export_folder: Path | None = None
        # Started with --demo: the demo's settings, so ctrl+o can switch back to it.
        self.demo_settings: ClientSettings | None = None
        self._reads_budget: CallBudget | None = None  # whose count the bar shows
        self._reads: tuple[int, int] | None = None

    def get_driver_class(self) -> type[Any]:
        """Textual's driver for this terminal; ASCII only when the locale cannot take UTF-8
        (`engtui.charset`: one place for borders, markers and Textual's own glyphs)."""
        driver = super().get_driver_class()
        from engtui.charset import ascii_driver
        from engtui.encodable import takes_utf8

        if driver.__name__ in ("LinuxDriver", "WindowsDriver") and not takes_utf8():
            return ascii_driver(driver)
        return driver

    @classmethod
    def for_demo(
        cls, url: str, catalog: str = "Sandbox", now: Callable[[], dt.datetime] = utc_now,
        redact: bool = False, prefetch: bool = True,
    ) -> EngtuiApp:
        """The app pointed at a demo endpoint (``engtui --demo``, screenshots, snapshots)."""
        from engtui.demo import demo_client_settings

        settings = demo_client_settings(url, catalog=catalog, prefetch=prefetch)
        app = cls(settings, now=now, note=DEMO_NOTE, endpoint_label=DEMO_ENDPOINT,
                  redact=redact)
        app.demo_settings = settings  # the profile switcher can come back to it
        return app

    @property
    def records(self) -> SellingService:
        """The client of the moment (a profile switch replaces it)."""
        return self.service

    # -- start-up -------------------------------------------------------------------------
    async def on_mount(self) -> None:
        self.refresh_connection()
        await self.push_screen(self.lookup_screen)  # composed and mounted, not yet painted
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

    @work(group="profiles-start", exit_on_error=False)
    async def _load_profiles_and_history(self) -> None:
        manager = self.profiles
        if not manager.loaded:
            await in_daemon_thread(manager.reload, "engtui-config")
        for problem in manager.problems:
            self.notify(problem, title="Profile", severity="warning", markup=False, timeout=15)
        if not manager.config.ok:
            self.notify(
                f"{manager.config.errors[0]}. engtui will not change the file until it is "
                "fixed; see the profiles screen (F2).",
                title="Config file problem", severity="warning", markup=False, timeout=15,
            )
        self._apply_saved_theme()
        await self.recent.load()

    # -- the theme (ctrl+p, "Change theme"), kept in the config file ------------------------
    def _apply_saved_theme(self) -> None:
        """Use the config file's ``theme``; an unknown name is said, and the default kept.
        From then on a theme picked in the palette is written back to the file."""
        config = self.profiles.config
        name = config.theme
        if name and name not in self.available_themes:
            self.notify(
                f"The config file names theme “{name}”, which engtui does not know; using the "
                f"default ({self.theme}). Pick one with ctrl+p, “Theme”.",
                title="Unknown theme", severity="warning", markup=False, timeout=15)
        elif name and name != self.theme:
            self.theme = name
        self._kept_theme = self.theme if name in self.available_themes else None
        self.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, theme: object) -> None:
        name = str(getattr(theme, "name", ""))
        if name and name != self._kept_theme:
            self._kept_theme = name
            self._keep_theme(name)

    @work(thread=True, group="theme", exit_on_error=False)
    def _keep_theme(self, name: str) -> None:
        from engtui.profiles.model import ConfigError

        try:
            self.profiles.set_theme(name)
        except ConfigError as error:
            self.call_from_thread(self.notify, f"The theme was not kept: {error}",
                                  title="Theme", severity="warning", markup=False)

    @work(group="warm", exit_on_error=False)
    async def _warm_client(self, then_probe_keyring: bool = False) -> None:
        """Import boto3 and build the client off the UI thread, before the first Enter."""
        from engtui.api.model import service_model

        await in_daemon_thread(self.service.warm, "engtui-warm")
        await in_daemon_thread(service_model, "engtui-model")
        await in_daemon_thread(self._watch_reads, "engtui-budget")
        if then_probe_keyring:
            self._probe_keyring()

    @work(group="keyring-probe", exit_on_error=False)
    async def _probe_keyring(self) -> None:
        await in_daemon_thread(self.profiles.probe, "engtui-keyring-probe")
        self.refresh_connection()
        self.keyring_known.publish(self.profiles.keyring_view)
        self._warn_if_secret_needed()

    def _warn_if_secret_needed(self) -> None:
        manager = self.profiles
        name = manager.active
        if name is None or not manager.needs_secret_now(name):
            return
        view = manager.keyring_view
        self.notify(
            f"The keyring is {view.state} ({view.backend_name}), and profile {name} keeps its "
            "secret there. Press F2, select the profile, press e and enter the secret: it is "
            "then kept for this run only, never written to a file.",
            title="Keyring unavailable", severity="warning", markup=False, timeout=20,
        )

    # -- the connection line ----------------------------------------------------------------
    def refresh_connection(self) -> None:
        """Redraw the connection bar (after a switch, or once the keyring is known)."""
        settings = self.service.settings
        if self.profiles.active_label != settings.label and self.profiles.active is None:
            self.profiles.active_label = settings.label  # e.g. "demo", "aws:NAME"
        self.connection = ConnectionInfo(
            profile=settings.label,
            region=settings.region or "us-east-1",
            catalog=self.catalog,
            endpoint=self.endpoint_label or settings.endpoint_url or "",
            note=self.note or self.environment_note,
            keyring=self.profiles.keyring_view.short,
            redacted=self.redacted,
            reads=self._reads[0] if self._reads else None,
            daily=self._reads[1] if self._reads else 0,
        )

    # -- the day's count of reads, on the connection bar -----------------------------------
    def _watch_reads(self) -> None:
        """Follow the call budget of the connection and catalog of the moment (reads its
        state file: run it in a worker)."""
        budget = self.service.budget(self.catalog)
        if budget is not self._reads_budget:
            if self._reads_budget is not None:
                self._reads_budget.unwatch(self._reads_changed)
            budget.watch(self._reads_changed)
            self._reads_budget = budget
        self._reads_changed()

    def _reads_changed(self) -> None:  # in the thread that made the call
        self.post_message(ReadsCounted())

    def on_reads_counted(self, _: ReadsCounted) -> None:
        budget = self._reads_budget
        if budget is not None:
            reads = (budget.ledger.count(), budget.daily)
            if reads != self._reads:
                self._reads = reads
                self.refresh_connection()

    def on_list_screen_picture_wanted(self, event: ListScreen.PictureWanted) -> None:
        """``g`` on a list that declares a picture: its bars over it."""
        from engtui.screens.list_picture import ListPictureScreen

        self.push_screen(ListPictureScreen(event.screen))

    def use_catalog(self, catalog: str) -> None:
        """The lookup screen's catalog changed: the bar and the recent list follow."""
        self.catalog = catalog
        self._watch_reads()
        self.refresh_connection()
        self.recent.update()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A bug in an app worker is shown, never swallowed, and never ends the app."""
        report_worker_bug(self, event)

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
        from engtui.textsafe import printable_lines

        del markup  # engtui's messages carry API text: never parsed as markup
        super().notify(printable_lines(message), title=printable(str(title or "")),
                       severity=severity, timeout=timeout, markup=False)

    def bell(self) -> None:
        """Textual rings the bell as it ends the app on an exception no handler caught (the
        return code is then 1, inside the ``except``): that crash goes to the log too."""
        error = sys.exc_info()[1]
        if error is not None and self.return_code == 1:
            log_crash(error)
        super().bell()

    # -- app-wide actions -----------------------------------------------------------------
    def action_toggle_privacy(self) -> None:
        self.redacted = not self.redacted

    def watch_redacted(self, redacted: bool) -> None:
        self.refresh_connection()
        self.notify("Privacy mode on: sensitive values are masked." if redacted
                    else "Privacy mode off.", timeout=3)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``:`` only where it jumps: a screen that opens records, not a dialog."""
        if action == "jump":
            from engtui.screens.jump import takes_jump

            return takes_jump(self.screen)
        return True

    def action_jump(self) -> None:
        """The ``:`` command line (`engtui.screens.jump`)."""
        from engtui.screens.jump import open_jump_prompt

        open_jump_prompt(self)

    def action_profiles(self) -> None:
        from engtui.screens.profiles import ProfilesScreen

        if not isinstance(self.screen, ProfilesScreen):
            self.push_screen(ProfilesScreen(self.profiles))

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

    # -- switching profile --------------------------------------------------------------------
    def activate_profile(self, name: str | None, *, quiet: bool = False) -> None:
        """Use profile ``name`` (None: the environment) next, once the config is read again."""
        self._activate_profile(name, quiet)

    @work(group="profile-switch", exclusive=True, exit_on_error=False)
    async def _activate_profile(self, name: str | None, quiet: bool) -> None:
        gone = name and await in_daemon_thread(partial(self.profiles.gone, name), "engtui-config")
        if gone:
            self.notify(f"{gone}; still using {self.service.settings.label}.",
                        title="Profile not switched", severity="error", markup=False, timeout=15)
            from engtui.screens.profiles import ProfilesScreen

            if isinstance(self.screen, ProfilesScreen):
                self.screen.host.refresh_profiles()  # its rows follow the file
            return
        self._switch_to(name, quiet)

    def _switch_to(self, name: str | None, quiet: bool) -> None:
        from engtui.profiles.model import UnknownProfileError

        manager = self.profiles
        try:
            settings = manager.settings_for(name)
        except UnknownProfileError as error:
            self.notify(str(error), title="Profile", severity="error", markup=False)
            return
        manager.active = name
        manager.active_label = settings.label
        self.note = ""
        self.endpoint_label = None
        self.switch_settings(settings)
        if not quiet:
            self.notify(f"Using {settings.describe()}.", title="Profile switched", markup=False)
        self.profile_switched.publish(name)
        self._warn_if_secret_needed()

    def activate_demo(self) -> None:
        """Back to the built-in demo endpoint the app was started with (``--demo``)."""
        settings = self.demo_settings
        if settings is None:
            return
        manager = self.profiles
        manager.active = None
        manager.active_label = settings.label
        self.note = DEMO_NOTE
        self.endpoint_label = DEMO_ENDPOINT
        self.switch_settings(settings)
        self.notify("Using the built-in demo endpoint (sample data).",
                    title="Profile switched", markup=False)
        self.profile_switched.publish(None)

    def _leave_old_records(self) -> None:
        """What is on screen came through the old connection: back to the lookup (the
        profiles screen does it when it closes, so that its own work finishes first)."""
        from engtui.screens.lookup import back_to_lookup
        from engtui.screens.profiles import ProfilesScreen

        if not isinstance(self.screen, ProfilesScreen) and back_to_lookup(self):
            self.notify("Back to the lookup: the records shown came through the previous "
                        "connection.", title="Profile switched", markup=False)

    def switch_settings(self, settings: ClientSettings) -> None:
        """Use other connection settings from now on (drops the cached client)."""
        lookup = self.lookup_screen
        if lookup.is_mounted and lookup.busy:  # else "Fetching…" stays forever
            lookup.opener.cancel()
            lookup.show_idle(printable("Lookup cancelled: the connection changed."))
        self.service.close()
        self.service = SellingService(replace(settings))
        self._reads = None  # the other profile's count: the new one's comes with its client
        self.environment_note = ""  # the user picked this one
        self.navigator.forget_all()
        self._leave_old_records()
        if lookup.is_mounted:
            lookup.set_catalog(self.service.settings.catalog)
        self.catalog = lookup.catalog
        self.refresh_connection()
        self.recent.update()
        self._warm_client()
