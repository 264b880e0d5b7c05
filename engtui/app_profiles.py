"""The app's wiring for profiles, the keyring probe and the persisted recent engagements.

A mixin of `EngtuiApp`, kept out of `engtui/app.py` so that module stays the thin lookup
wiring. Everything that can wait (the config file, the keyring, the history file) runs in
an async worker awaiting `engtui.background.in_daemon_thread`; the screens only draw what
comes back. The keyring probe starts after the first frame and gives up after a few
seconds, so a keyring that hangs (a locked collection over SSH) never freezes the app: its
state shows in the connection bar ("keyring ok" / "keyring unavailable"), in full on the
profiles screen, and as a notification when the active profile needs a stored secret.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work

from engtui.background import in_daemon_thread
from engtui.profiles.view import ProfileChange, ProfileEntry
from engtui.widgets.recent_list import RecentItem

if TYPE_CHECKING:
    from engtui.api.service import Engagement
    from engtui.app import EngtuiApp
    from engtui.local.history import RecentEngagements
    from engtui.profiles.manager import ProfileManager


def config_problem(manager: ProfileManager) -> Text | None:
    """What the profiles screen says about a broken config file (None: it is fine)."""
    config = manager.config
    if config.ok:
        return None
    text = Text()
    for error in config.errors:
        where = f"line {error.line}" if error.line else "the file"
        text.append(f"{config.path}, {where}: ", style="bold")
        text.append(f"{error.message}\n")
    text.append(
        "engtui will not change this file until it is fixed, so nothing you wrote is lost. "
        "Open it in an editor, correct that line, then press r here to read it again."
    )
    return text


class ProfilesWiring:
    """Profiles, keyring state and recent engagements for `EngtuiApp` (a mixin)."""

    profiles: ProfileManager
    history: RecentEngagements | None
    recent: list[RecentItem]

    def _init_profiles(self, profiles: ProfileManager) -> None:
        self.profiles = profiles
        self.history = None
        self._pending_recent: list[tuple[str, str, str, str]] = []
        self._history_saves = 0
        self._history_written = 0
        self._history_lock = threading.Lock()

    @property
    def _app(self) -> EngtuiApp:
        return self  # type: ignore[return-value]

    # -- start-up ---------------------------------------------------------------------------
    @work(group="profiles-start", exit_on_error=False)
    async def _load_profiles_and_history(self) -> None:
        from engtui.local.history import RecentEngagements

        app = self._app
        manager = self.profiles
        if not manager.loaded:
            await in_daemon_thread(manager.reload, "engtui-config")
        for problem in manager.problems:
            app.notify(problem, title="Profile", severity="warning", markup=False, timeout=15)
        if not manager.config.ok:
            app.notify(
                f"{manager.config.errors[0]}. engtui will not change the file until it is "
                "fixed; see the profiles screen (F2).",
                title="Config file problem", severity="warning", markup=False, timeout=15,
            )
        history = await in_daemon_thread(RecentEngagements.load, "engtui-history")
        if history.message:
            app.notify(history.message, title="Recent engagements", severity="warning",
                       markup=False, timeout=10)
        with self._history_lock:
            for profile, catalog, identifier, title in reversed(self._pending_recent):
                history.add(profile, catalog, identifier, title)
            self.history = history
        if self._pending_recent:
            self._pending_recent.clear()
            self._save_history()
        self.show_recent()

    @work(group="keyring-probe", exit_on_error=False)
    async def _probe_keyring(self) -> None:
        await in_daemon_thread(self.profiles.probe, "engtui-keyring-probe")
        self._keyring_known()

    def _keyring_known(self) -> None:
        from engtui.screens.profiles import ProfilesScreen

        app = self._app
        manager = self.profiles
        app.refresh_connection()
        screen = app.screen
        if isinstance(screen, ProfilesScreen):
            screen.show_keyring(manager.keyring_view)
            self.refresh_profiles()
        self._warn_if_secret_needed()

    def _warn_if_secret_needed(self) -> None:
        manager = self.profiles
        name = manager.active
        if name is None or not manager.needs_secret_now(name):
            return
        view = manager.keyring_view
        self._app.notify(
            f"The keyring is {view.state} ({view.backend_name}), and profile {name} keeps its "
            "secret there. Press F2, select the profile, press e and enter the secret: it is "
            "then kept for this run only, never written to a file.",
            title="Keyring unavailable", severity="warning", markup=False, timeout=20,
        )

    # -- recent engagements -------------------------------------------------------------------
    def remember(self, engagement: Engagement) -> None:
        """Record an opened engagement for the active profile and its catalog."""
        key = self._app.service.settings.label
        entry = (key, engagement.catalog, engagement.id, engagement.title)
        with self._history_lock:
            if self.history is None:  # not loaded yet: never save over the file unread
                self._pending_recent.insert(0, entry)
            else:
                self.history.add(*entry, at=self._app.now())
        if self.history is not None:
            self._save_history()
        self.show_recent()

    def show_recent(self) -> None:
        """Show the active profile's recent engagements of the selected catalog."""
        app = self._app
        catalog = app._lookup.catalog
        label = app.service.settings.label
        if self.history is not None:
            with self._history_lock:
                entries = self.history.recent(label, catalog)
            items = [RecentItem(e.id, e.catalog, e.title) for e in entries]
        else:
            items = [RecentItem(i, c, t) for p, c, i, t in self._pending_recent
                     if p == label and c == catalog]
        self.recent = items[:20]
        if app._lookup.is_mounted:
            app._lookup.show_recent(self.recent)

    @work(group="history-save", exit_on_error=False)
    async def _save_history(self) -> None:
        if self.history is None:
            return
        with self._history_lock:
            self._history_saves += 1
            number = self._history_saves
            snapshot = self.history.snapshot()

        def write() -> None:
            with self._history_lock:
                if number < self._history_written:
                    return  # a newer save already went out
                self._history_written = number
            snapshot.save()

        await in_daemon_thread(write, "engtui-history-save")

    # -- the profiles screen ------------------------------------------------------------------
    def show_profiles(self) -> None:
        """Open the profiles screen (F2, the palette)."""
        from engtui.screens.profiles import ProfilesScreen

        if not isinstance(self._app.screen, ProfilesScreen):
            self._app.push_screen(ProfilesScreen(self, self.profiles.keyring_view))

    def profile_choices(self) -> list[tuple[str | None, str]]:
        """(name, one line) for the command palette: profiles, then "no profile"."""
        manager = self.profiles
        choices: list[tuple[str | None, str]] = []
        for profile in manager.config.list():
            source = (
                f"AWS profile {profile.aws_profile}" if profile.aws_profile
                else "static key" if profile.needs_secret else "environment"
            )
            marks = " · default" if profile.name == manager.config.default_profile else ""
            active = " · active" if profile.name == manager.active else ""
            choices.append((profile.name, f"{source} · {profile.catalog}{marks}{active}"))
        choices.append((None, "the AWS environment (AWS_PROFILE, ~/.aws, env keys)"))
        return choices

    def reload_profiles(self) -> None:
        self.refresh_profiles(reload=True)

    @work(group="profiles-rows", exclusive=True, exit_on_error=False)
    async def refresh_profiles(self, reload: bool = False) -> None:
        """Read the rows (and the file, when ``reload``) off the UI thread; show them."""
        from engtui.screens.profiles import ProfilesScreen

        manager = self.profiles

        def rows() -> list[ProfileEntry]:
            if reload:
                manager.reload()
            return manager.entries()

        entries = await in_daemon_thread(rows, "engtui-profiles")
        screen = self._app.screen
        if isinstance(screen, ProfilesScreen):
            screen.show(entries, config_problem(manager))
            screen.show_keyring(manager.keyring_view)

    @work(group="profiles-form", exclusive=True, exit_on_error=False)
    async def add_profile(self) -> None:
        await self._open_form(None)

    @work(group="profiles-form", exclusive=True, exit_on_error=False)
    async def edit_profile(self, name: str) -> None:
        await self._open_form(name)

    async def _open_form(self, name: str | None) -> None:
        from engtui.screens.profile_form import AwsChoice, ProfileForm
        from engtui.screens.profiles import ProfilesScreen

        manager = self.profiles
        found = await in_daemon_thread(manager.aws_profiles, "engtui-aws-profiles")
        choices = [AwsChoice(p.name, str(p.kind), p.region) for p in found.profiles.values()]
        existing = manager.profile(name) if name is not None else None
        screen = self._app.screen
        entries = screen.entries if isinstance(screen, ProfilesScreen) else []
        state = next((e.secret for e in entries if e.name == name and name is not None), "")
        files = f"{found.config_file} and {found.credentials_file}"
        form = ProfileForm(
            existing, manager.names(), choices, manager.keyring_view, secret_state=state,
            is_default=name is not None and name == manager.config.default_profile,
            aws_files=files,
        )
        self._app.push_screen(form, self._save_change)

    def _save_change(self, change: ProfileChange | None) -> None:
        if change is not None:
            self._run_change(partial(self.profiles.save, change), change.profile.name)

    def delete_profile(self, name: str) -> None:
        from engtui.screens.confirm import ConfirmScreen

        if name == self.profiles.active:
            self._app.notify(
                f"Profile {name} is in use: switch to another one first (Enter on it).",
                title="Profiles", severity="warning", markup=False,
            )
            return
        profile = self.profiles.profile(name)
        secret = " and its secret in the keyring" if profile.needs_secret else ""
        question = Text(f"Delete profile {name}{secret}? This cannot be undone.")

        def answered(yes: bool | None) -> None:
            if yes:
                self._run_change(partial(self.profiles.remove, name), None)

        self._app.push_screen(ConfirmScreen("Delete profile", question, "Delete"), answered)

    def make_default(self, name: str | None) -> None:
        self._run_change(partial(self.profiles.set_default, name), None)

    @work(group="profiles-change", exit_on_error=False)
    async def _run_change(self, change: partial[str], touched: str | None) -> None:
        """Run a config/keyring change off the UI thread; report it; refresh what shows."""
        from engtui.profiles.keyring_probe import SecretStoreError
        from engtui.profiles.model import ConfigError, UnknownProfileError

        app = self._app
        try:
            message = await in_daemon_thread(change, "engtui-profiles-change")
        except (ConfigError, SecretStoreError, UnknownProfileError) as error:
            app.notify(str(error), title="Profile not changed", severity="error",
                       markup=False, timeout=15)
        else:
            app.notify(message, title="Profiles", markup=False)
            if touched is not None and touched == self.profiles.active:
                self.activate_profile(touched, quiet=True)  # use what was just saved
        self.refresh_profiles()

    # -- switching -------------------------------------------------------------------------
    def activate_profile(self, name: str | None, *, quiet: bool = False) -> None:
        """Use profile ``name`` (None: the AWS environment) from the next call on."""
        from engtui.profiles.model import UnknownProfileError
        from engtui.screens.profiles import ProfilesScreen

        app = self._app
        manager = self.profiles
        try:
            settings = manager.settings_for(name)
        except UnknownProfileError as error:
            app.notify(str(error), title="Profile", severity="error", markup=False)
            return
        manager.active = name
        manager.active_label = settings.label
        app.note = ""
        app.endpoint_label = None
        app.switch_settings(settings)
        self.show_recent()
        if not quiet:
            app.notify(f"Using {settings.describe()}.", title="Profile switched", markup=False)
        screen = app.screen
        if isinstance(screen, ProfilesScreen):
            screen.show([replace(e, active=e.name == name) for e in screen.entries],
                        screen.problem)
        self._warn_if_secret_needed()
