"""Issue 19, section 3: the new user's findings on the TUI, each as the user sees it."""

from __future__ import annotations

from pathlib import Path

from support import plain
from test_app_profiles import app_for, fill_form, open_profiles, settle
from textual.widgets import Checkbox, Static

from engtui.screens.profile_form import ProfileForm


async def test_a_static_key_without_a_keyring_is_not_offered_as_the_default(
        isolated_home: Path) -> None:
    """The tests' keyring is the `fail` backend: a static key's secret would live only in
    this run, so the first profile's "make it the default" is not ticked, and says why."""
    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await open_profiles(app, pilot)
        await pilot.press("a")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, ProfileForm)
        box = form.query_one("#make-default", Checkbox)
        assert box.value  # an AWS named profile: offered, ticked
        await fill_form(app, pilot, static=True)
        assert not box.value
        note = form.query_one("#default-note", Static)
        assert note.display
        assert "lives only in this run" in plain(note)
        assert "engtui get" in plain(note)
