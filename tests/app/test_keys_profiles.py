"""The profiles screen and form say and do the same thing (issue 13, items 3 and 5).

Found by hand: the first profile became the default although "Make it the default" was
unticked; the cursor started on the first row, not the active one (so `d` offered to delete
the default profile at once) and did not go to a profile just added; deleting a profile
whose secret was never in a keyring said "and its secret in the keyring"; switching profile
while a record was open left it on screen under the new profile's name.
"""

from __future__ import annotations

from pathlib import Path

from support import DEMO_KEY_ID, DEMO_SECRET, ENGAGEMENT_ID, engagement, plain
from test_app_profiles import (
    app_for,
    config_file,
    fill_form,
    look_up,
    open_profiles,
    rows,
    select_row,
    settle,
    write_aws_config,
    write_config,
)
from textual.widgets import Checkbox, Static

from engtui.profiles.config_file import ConfigFile
from engtui.screens.confirm import ConfirmScreen
from engtui.screens.lookup import LookupScreen
from engtui.screens.profile_form import ProfileForm
from engtui.screens.record import RecordScreen

TWO = '[profiles.alpha]\naws_profile = "x"\n[profiles.beta]\naws_profile = "y"\n'
AWS_XY = "[profile x]\nregion = us-east-1\n[profile y]\nregion = us-east-1\n"


async def test_an_unticked_default_box_is_obeyed_for_the_first_profile(
    isolated_home: Path,
) -> None:
    write_aws_config(isolated_home)
    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        screen = await open_profiles(app, pilot)
        await pilot.press("a")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, ProfileForm)
        box = form.query_one("#make-default", Checkbox)
        assert box.value, "with no default yet the form offers this one, ticked"
        assert "there is none yet" in str(box.label)
        await fill_form(app, pilot, pick="partner-sso", default=False)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is screen
        assert not rows(screen)["partner-sso"].default
    assert ConfigFile.load(config_file(isolated_home)).default_profile is None


async def test_the_cursor_starts_on_the_active_profile(isolated_home: Path) -> None:
    write_aws_config(isolated_home, AWS_XY)
    write_config(isolated_home, 'default_profile = "beta"\n' + TWO)
    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        screen = await open_profiles(app, pilot)
        assert screen.selected is not None and screen.selected.name == "beta"
        assert screen.selected.active


async def test_a_profile_just_added_is_highlighted(isolated_home: Path) -> None:
    write_aws_config(isolated_home)
    write_config(isolated_home, 'default_profile = "alpha"\n' + TWO)
    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        screen = await open_profiles(app, pilot)
        await pilot.press("a")
        await settle(app, pilot)
        await fill_form(app, pilot, pick="partner-sso")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert screen.selected is not None and screen.selected.name == "partner-sso"
        detail = plain(screen.query_one("#profile-detail", Static))
        assert detail.startswith("partner-sso")


async def test_deleting_a_profile_with_no_stored_secret_says_nothing_of_a_keyring(
    isolated_home: Path,
) -> None:
    write_config(
        isolated_home,
        'default_profile = "alpha"\n' + TWO
        + '[profiles.sb]\naccess_key_id = "AKIAENGTUITESTKEY001"\n',
    )
    app = app_for()  # the fail keyring: no secret can be in it
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        screen = await open_profiles(app, pilot)
        await select_row(screen, pilot, "sb")
        await pilot.press("d")
        await pilot.pause()
        confirm = app.screen
        assert isinstance(confirm, ConfirmScreen)
        question = " ".join(str(w.render()) for w in confirm.query(Static))
        assert "Delete profile sb" in question
        assert "keyring" not in question


async def test_switching_profile_on_a_record_goes_back_to_the_lookup(
    isolated_home: Path, make_demo_server, monkeypatch
) -> None:
    server = make_demo_server({"engagements": [engagement()]})
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", DEMO_KEY_ID)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", DEMO_SECRET)
    monkeypatch.setenv("AWS_ENDPOINT_URL_PARTNERCENTRAL_SELLING", server.url)
    write_config(isolated_home, TWO)
    app = app_for("--catalog", "Sandbox")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await look_up(app, pilot, ENGAGEMENT_ID)
        assert isinstance(app.screen, RecordScreen)
        screen = await open_profiles(app, pilot)
        await select_row(screen, pilot, "beta")
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, LookupScreen), "the old profile's record stayed"
        assert not any(isinstance(s, RecordScreen) for s in app.screen_stack)


async def test_the_active_row_says_the_catalog_in_use(isolated_home: Path) -> None:
    write_aws_config(isolated_home, AWS_XY)
    write_config(isolated_home, 'default_profile = "beta"\n' + TWO)
    app = app_for("--catalog", "Sandbox")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        screen = await open_profiles(app, pilot)
        detail = plain(screen.query_one("#profile-detail", Static))
        assert detail.startswith("beta") and "catalog AWS (in use now: Sandbox)" in detail


async def test_under_demo_the_title_says_what_is_in_use(
    isolated_home: Path, make_demo_server
) -> None:
    from engtui.app import EngtuiApp

    server = make_demo_server({"engagements": [engagement()]})
    write_config(isolated_home, TWO)
    app = EngtuiApp.for_demo(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        screen = await open_profiles(app, pilot)
        title = plain(screen.query_one("#profiles-title"))
        assert "in use now is demo, none of these" in title


async def test_the_form_shows_selection_without_colour(isolated_home: Path) -> None:
    """NO_COLOR: an unselected radio button or checkbox draws no mark (issue 13, item 9)."""
    from textual.widgets import RadioButton

    write_aws_config(isolated_home)
    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await open_profiles(app, pilot)
        await pilot.press("a")
        await settle(app, pilot)
        form = app.screen
        chosen = form.query_one("#src-aws", RadioButton)
        other = form.query_one("#src-static", RadioButton)
        assert "●" in chosen.render().plain and "●" not in other.render().plain
        box = form.query_one("#make-default", Checkbox)
        box.value = False
        await pilot.pause()
        assert "X" not in box.render().plain.split()[0:1]
        box.value = True
        await pilot.pause()
        assert box.render().plain.lstrip().startswith(("▐X", "X"))


async def test_keys_typed_during_a_transition_go_nowhere(isolated_home: Path) -> None:
    """Issue 21, item 10: an id typed right after Enter on the profiles screen (keys that
    arrive before the dialog they open is up) crashed the app (NoMatches '#src-static' on
    ProfileForm) and stacked Edit/Delete/Add dialogs. Now one dialog at most, no crash."""
    from textual import events

    write_aws_config(isolated_home, AWS_XY)
    write_config(isolated_home, 'default_profile = "beta"\n' + TWO)
    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        screen = await open_profiles(app, pilot)
        for key in ["down", "enter", *"eng-a1b2c3d4e5f6g7"]:  # as fast as a paste
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await settle(app, pilot)
        await settle(app, pilot)
        stack = app.screen_stack
        dialogs = [s for s in stack if isinstance(s, ProfileForm | ConfirmScreen)]
        assert len(dialogs) <= 1, stack
        assert screen in stack


async def test_a_crash_in_an_event_handler_reaches_the_log(
    isolated_home: Path, monkeypatch
) -> None:
    """A bug outside a worker ended the app with a traceback on the terminal only."""
    import pytest

    from engtui.api import call_log
    from engtui.app import EngtuiApp

    def boom(self: EngtuiApp) -> None:
        raise RuntimeError("boom-in-a-handler")

    monkeypatch.setattr(EngtuiApp, "action_help", boom)
    app = app_for()
    with pytest.raises(RuntimeError, match="boom-in-a-handler"):
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(app, pilot)
            await pilot.press("f1")
            await settle(app, pilot)
    call_log.shutdown()
    text = call_log.log_path().read_text(encoding="utf-8")
    assert "unexpected error in the app (it ended): RuntimeError: boom-in-a-handler" in text
    assert "in boom" in text
