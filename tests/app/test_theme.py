"""Issue 13, item 12: the theme picked in the palette is kept in the config file and used at
the next start; an unknown theme in the file is said, and the default used."""

from __future__ import annotations

from support import engagement, make_app, settle

from engtui.local.paths import config_path


async def wait_for_config(app, pilot) -> None:
    """Let the start-up worker read the config file (and apply its theme)."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def pick_theme(app, pilot, name: str) -> None:
    """ctrl+p, "theme", Enter, then the theme's name, Enter: as a user picks one."""
    for text in ("theme", name):
        if text == "theme":
            await pilot.press("ctrl+p")
            await pilot.pause()
        await pilot.press(*text)
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        await pilot.press("enter")
        await pilot.pause()
    await settle(app, pilot)


async def test_a_picked_theme_is_kept_and_used_at_the_next_start(make_demo_server) -> None:
    server = make_demo_server({"engagements": [engagement()]})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_config(app, pilot)
        default = app.theme
        assert default != "nord"
        await pick_theme(app, pilot, "nord")
        assert app.theme == "nord"
        await app.workers.wait_for_complete()
    assert 'theme = "nord"' in config_path().read_text("utf-8")
    again = make_app(server.url)
    async with again.run_test(size=(100, 30)) as pilot:
        await wait_for_config(again, pilot)
        assert again.theme == "nord"


async def test_an_unknown_theme_in_the_file_is_said_and_the_default_used(
    make_demo_server,
) -> None:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('theme = "no-such-theme"\n', encoding="utf-8")
    server = make_demo_server({"engagements": [engagement()]})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        default = app.theme
        await wait_for_config(app, pilot)
        assert app.theme == default
        messages = [n.message for n in app._notifications]
        assert any("theme “no-such-theme”" in m and "using the default" in m
                   for m in messages), messages
    assert path.read_text("utf-8") == 'theme = "no-such-theme"\n'  # not rewritten
