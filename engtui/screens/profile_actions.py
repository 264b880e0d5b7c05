"""What the profiles screen does with profiles: its workers, kept beside it.

`ProfileActions` is the `ProfilesHost` of a `ProfilesScreen`: every method starts a worker
*of that screen* (so the screen owns what it shows, and leaving it cancels its work) that
awaits the `ProfileManager`'s blocking calls (the config file, the keyring) in a daemon
thread, then hands the rows back to the screen. Switching profile is the app's
(`Host.activate_profile`: it replaces the client); everything else is here.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text

from engtui.host import host
from engtui.threads import in_daemon_thread

if TYPE_CHECKING:
    from engtui.profiles.manager import ProfileManager
    from engtui.profiles.view import ProfileChange, ProfileEntry
    from engtui.screens.profiles import ProfilesScreen


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


class ProfileActions:
    """The profiles screen's workers over one `ProfileManager`."""

    def __init__(self, screen: ProfilesScreen, manager: ProfileManager) -> None:
        self._screen = screen
        self.manager = manager

    def _run(self, work: object, group: str) -> None:
        self._screen.run_worker(work, group=group, exclusive=True, exit_on_error=False)

    # -- rows -----------------------------------------------------------------------------
    def reload_profiles(self) -> None:
        self.refresh_profiles(reload=True)

    def refresh_profiles(self, reload: bool = False) -> None:
        self._run(self._rows(reload), "profiles-rows")

    async def _rows(self, reload: bool) -> None:
        """Read the rows (and the file, when ``reload``) off the UI thread; show them."""
        manager = self.manager

        def rows() -> list[ProfileEntry]:
            if reload:
                manager.reload()
            return manager.entries()

        entries = await in_daemon_thread(rows, "engtui-profiles")
        self._screen.show(entries, config_problem(manager))
        self._screen.show_keyring(manager.keyring_view)

    # -- the form ---------------------------------------------------------------------------
    def add_profile(self) -> None:
        self._run(self._open_form(None), "profiles-form")

    def edit_profile(self, name: str) -> None:
        self._run(self._open_form(name), "profiles-form")

    async def _open_form(self, name: str | None) -> None:
        """Read what the form offers (off the UI thread), then open it: only if the profiles
        screen is still the one in front (keys typed meanwhile went nowhere: `accepting`)."""
        screen = self._screen
        screen.opening = True
        try:
            await self._push_form(name)
        finally:
            screen.opening = False

    async def _push_form(self, name: str | None) -> None:
        from engtui.screens.profile_form import AwsChoice, ProfileForm

        manager = self.manager
        found = await in_daemon_thread(manager.aws_profiles, "engtui-aws-profiles")
        if not self._screen.is_current:
            return  # the screen was left (or covered) while the data was read
        choices = [AwsChoice(p.name, str(p.kind), p.region) for p in found.profiles.values()]
        existing = manager.profile(name) if name is not None else None
        entries = self._screen.entries
        state = next((e.secret for e in entries if e.name == name and name is not None), "")
        files = f"{found.config_file} and {found.credentials_file}"
        form = ProfileForm(
            existing, manager.names(), choices, manager.keyring_view, secret_state=state,
            is_default=name is not None and name == manager.config.default_profile,
            has_default=manager.config.default_profile is not None,
            aws_files=files,
        )
        self._screen.app.push_screen(form, self._save_change)

    def _save_change(self, change: ProfileChange | None) -> None:
        if change is not None:
            self._change(partial(self.manager.save, change), change.profile.name)

    # -- delete, default ----------------------------------------------------------------------
    def delete_profile(self, name: str) -> None:
        from engtui.screens.confirm import ConfirmScreen

        if name == self.manager.active:
            self._screen.notify(
                f"Profile {name} is in use: switch to another one first (Enter on it).",
                title="Profiles", severity="warning", markup=False,
            )
            return
        profile = self.manager.profile(name)
        entry = next((e for e in self._screen.entries if e.name == name), None)
        in_keyring = profile.needs_secret and entry is not None and entry.secret.startswith(
            "stored in")  # not a secret kept for this run only, nor one never stored
        secret = " and its secret in the keyring" if in_keyring else ""
        question = Text(f"Delete profile {name}{secret}? This cannot be undone.")

        def answered(yes: bool | None) -> None:
            if yes:
                self._change(partial(self.manager.remove, name), None)

        self._screen.app.push_screen(ConfirmScreen("Delete profile", question, "Delete"),
                                     answered)

    def make_default(self, name: str | None) -> None:
        self._change(partial(self.manager.set_default, name), None)

    def activate_profile(self, name: str | None) -> None:
        host(self._screen).activate_profile(name)

    def _change(self, change: partial[str], touched: str | None) -> None:
        self._screen.run_worker(self._apply(change, touched), group="profiles-change",
                                exit_on_error=False)

    async def _apply(self, change: partial[str], touched: str | None) -> None:
        """Run a config/keyring change off the UI thread; report it; refresh what shows."""
        from engtui.profiles.manager import change_errors

        screen = self._screen
        try:
            message = await in_daemon_thread(change, "engtui-profiles-change")
        except change_errors() as error:
            screen.notify(str(error), title="Profile not changed", severity="error",
                          markup=False, timeout=15)
        else:
            screen.notify(message, title="Profiles", markup=False)
            screen.highlight = touched  # the profile just saved gets the cursor
            if touched is not None and touched == self.manager.active:
                host(screen).activate_profile(touched, quiet=True)  # use what was just saved
        self.refresh_profiles()
