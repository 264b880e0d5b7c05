"""Profiles in the TUI: the keyring probe, the profiles screen, switching, persisted recent
engagements, and a leak scan. Lookups go through the real wire (the demo endpoint started
with the profile's own key pair), so a secret that signs wrongly is really refused.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import ENGAGEMENT_ID, engagement, look_up, plain, settle
from test_commands_profiles import files_containing
from test_keyring_probe import BlockingKeyring, MemoryKeyring, use_backend
from textual.command import CommandPalette
from textual.widgets import Checkbox, Input, RadioButton, Select, Static

from engtui.app import EngtuiApp
from engtui.cli import UsageError, build_parser, settings_from_args, tui_app
from engtui.profiles.config_file import ConfigFile
from engtui.profiles.manager import ProfileManager
from engtui.profiles.secrets import SessionSecrets
from engtui.screens.confirm import ConfirmScreen
from engtui.screens.lookup import LookupScreen
from engtui.screens.profile_form import ProfileForm
from engtui.screens.profiles import ProfilesScreen
from engtui.screens.record import RecordScreen
from engtui.widgets.connection_bar import ConnectionBar
from engtui.widgets.lookup_status import LookupStatus
from engtui.widgets.recent_list import RecentList

KEY_ID = "AKIAENGTUITESTKEY001"
SECRET = "engtui-test-secret-access-key-0123456789"
WRONG_SECRET = "engtui-test-wrong-secret-key-9876543210"
TOKEN = "engtui-test-session-token-abcdefghijkl"

AWS_CONFIG = """\
[profile partner-sso]
sso_start_url = https://example.awsapps.com/start
sso_region = us-east-1
sso_account_id = 123456789012
sso_role_name = Partner
region = eu-west-1
"""


def config_file(home: Path) -> Path:
    return home / ".config" / "engtui" / "config.toml"


def write_config(home: Path, text: str) -> Path:
    path = config_file(home)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def write_aws_config(home: Path, text: str = AWS_CONFIG) -> None:
    path = home / ".aws" / "config"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def app_for(*argv: str) -> EngtuiApp:
    """The TUI exactly as ``engtui ARGV`` builds it."""
    return tui_app(build_parser(list(argv)).parse_args(list(argv)))


def bar(app: EngtuiApp) -> str:
    return plain(app.screen.query_one(ConnectionBar))


def notes(app: EngtuiApp) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


async def open_profiles(app: EngtuiApp, pilot) -> ProfilesScreen:
    await pilot.press("f2")
    await settle(app, pilot)
    assert isinstance(app.screen, ProfilesScreen)
    return app.screen


def rows(screen: ProfilesScreen) -> dict[str, object]:
    return {entry.label: entry for entry in screen.entries}


async def select_row(screen: ProfilesScreen, pilot, name: str) -> None:
    names = [entry.label for entry in screen.entries]
    screen.query_one("#profiles-table").move_cursor(row=names.index(name))
    await pilot.pause()


async def fill_form(app: EngtuiApp, pilot, **values: str | bool) -> ProfileForm:
    form = app.screen
    assert isinstance(form, ProfileForm)
    if values.pop("static", False):
        form.query_one("#src-static", RadioButton).value = True
    for key, value in values.items():
        if key == "pick":
            form.query_one("#aws-pick", Select).value = value
        elif key == "catalog":
            form.query_one(f"#form-cat-{value}", RadioButton).value = True
        elif key == "default":
            form.query_one("#make-default", Checkbox).value = bool(value)
        else:
            form.query_one(f"#{key.replace('_', '-')}", Input).value = str(value)
    await pilot.pause()
    return form


def status(app: EngtuiApp) -> str:
    return plain(app.lookup_screen.query_one(LookupStatus).query_one("#status-line", Static))


# --- start-up: the keyring probe and config problems ------------------------------------


async def test_fail_backend_is_reported_in_the_bar_the_screen_and_a_notification(
    isolated_home: Path,
) -> None:
    write_config(isolated_home, f'[profiles.sb]\naccess_key_id = "{KEY_ID}"\n')
    app = app_for("--profile", "sb")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert "profile sb" in bar(app) and "keyring unavailable" in bar(app)
        assert "profile sb keeps its secret there" in notes(app)
        screen = await open_profiles(app, pilot)
        sentence = plain(screen.query_one("#keyring-state", Static))
        assert "fail Keyring (keyring.backends.fail.Keyring) is unavailable" in sentence
        assert "probed in" in sentence
        assert rows(screen)["sb"].secret_short == "none (no keyring)"
        assert "keyring unavailable" in bar(app)  # the bar follows on every screen


async def test_a_keyring_that_blocks_forever_never_stops_the_app(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    use_backend(monkeypatch, request, BlockingKeyring)
    manager = ProfileManager(ConfigFile.load(), probe_timeout=0.5)
    app = EngtuiApp(settings_from_args(build_parser([]).parse_args([]))[0], profiles=manager)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LookupScreen)  # the first frame did not wait
        assert isinstance(app.focused, Input) and app.focused.id == "identifier"
        await settle(app, pilot)
        assert "keyring unavailable" in bar(app)
        screen = await open_profiles(app, pilot)
        assert "probe timed out after 0.5 s" in plain(screen.query_one("#keyring-state", Static))


async def test_corrupt_config_is_shown_refused_and_never_overwritten(isolated_home: Path) -> None:
    text = '# mine\ndefault_profile = "prod"\n[profiles.prod\naws_profile = "x"\n'
    path = write_config(isolated_home, text)
    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert f"{path}:3" in notes(app)
        screen = await open_profiles(app, pilot)
        problem = plain(screen.query_one("#config-problem", Static))
        assert f"{path}, line 3" in problem and "will not change this file" in problem
        for key in ("a", "e", "d", "s"):
            await pilot.press(key)
            await settle(app, pilot)
            assert isinstance(app.screen, ProfilesScreen)  # no form, no question
        assert "will not change" in plain(screen.query_one("#profiles-status", Static)) or (
            "while it has errors" in plain(screen.query_one("#profiles-status", Static))
        )
    assert path.read_text(encoding="utf-8") == text


async def test_unknown_profile_stops_the_tui_and_the_cli(isolated_home: Path) -> None:
    """A name typed for this run is refused by both (issue 21, item 10: the TUI used to run
    on the shell's credentials after a toast); a default_profile that is gone does not lock
    the user out of the profiles screen."""
    with pytest.raises(UsageError):
        settings_from_args(build_parser(["--profile", "nope"]).parse_args(["--profile", "nope"]))
    with pytest.raises(UsageError, match="--profile: no profile named 'nope'"):
        app_for("--profile", "nope")
    write_config(isolated_home, 'default_profile = "gone"\n')
    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert "profile environment" in bar(app)
        assert "'gone'" in notes(app) and "F2" in notes(app)


UNUSABLE_DEFAULT = ('default_profile = "local"\n[profiles.local]\n'
                    'endpoint_url = "localhost:4566"\ncatalog = "Sandbox"\n')


async def test_an_unusable_default_profile_is_said_in_the_tui(isolated_home: Path) -> None:
    """Issue 21, item 3: the same words as `engtui get` (which refuses, exit 2); the app
    still starts and the profiles screen, where it can be fixed, opens."""
    write_config(isolated_home, UNUSABLE_DEFAULT)
    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        said = notes(app)
        assert "profile 'local' cannot be used" in said and "'localhost:4566'" in said
        assert "no profiles are configured" not in said
        screen = await open_profiles(app, pilot)
        assert isinstance(screen, ProfilesScreen)


# --- the profiles screen --------------------------------------------------------------------


async def test_add_a_profile_from_an_aws_named_profile(isolated_home: Path) -> None:
    write_aws_config(isolated_home)
    write_config(isolated_home, "# my settings\n")
    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        screen = await open_profiles(app, pilot)
        await pilot.press("a")
        await settle(app, pilot)
        form = await fill_form(app, pilot, pick="partner-sso", catalog="Sandbox")
        assert form.query_one("#name", Input).value == "partner-sso"  # filled from the pick
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is screen
        entry = rows(screen)["partner-sso"]
        assert entry.credentials == "AWS profile partner-sso (sso)"
        assert entry.region == "eu-west-1" and entry.catalog == "Sandbox" and entry.default
    text = config_file(isolated_home).read_text(encoding="utf-8")
    assert text.startswith("# my settings\n")
    assert 'aws_profile = "partner-sso"' in text and 'default_profile = "partner-sso"' in text


async def test_form_refuses_bad_values_and_names_the_field(isolated_home: Path) -> None:
    write_config(isolated_home, '[profiles.prod]\naws_profile = "x"\n')
    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await open_profiles(app, pilot)
        await pilot.press("a")
        await settle(app, pilot)
        form = await fill_form(app, pilot, name="prod", aws_profile="y")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "already exists" in plain(form.query_one("#form-error", Static))
        await fill_form(app, pilot, name="other", region="Mars 1")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "region: must be an AWS region" in plain(form.query_one("#form-error", Static))
        assert app.focused is form.query_one("#region", Input)
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, ProfilesScreen)
    assert "other" not in config_file(isolated_home).read_text(encoding="utf-8")


async def test_edit_set_default_and_delete_with_confirmation(isolated_home: Path) -> None:
    path = write_config(
        isolated_home,
        '# top comment\n[profiles.a]\naws_profile = "x"  # keep me\n\n'
        '[profiles.b]\naws_profile = "y"\n',
    )
    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        screen = await open_profiles(app, pilot)
        await select_row(screen, pilot, "b")
        await pilot.press("e")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, ProfileForm) and form.query_one("#name", Input).value == "b"
        await fill_form(app, pilot, region="eu-central-1")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert rows(screen)["b"].region == "eu-central-1"

        await select_row(screen, pilot, "b")
        await pilot.press("s")
        await settle(app, pilot)
        assert rows(screen)["b"].default and not rows(screen)["a"].default

        await select_row(screen, pilot, "a")
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(app, pilot)
        assert "a" in rows(screen)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await settle(app, pilot)
        assert "a" not in rows(screen)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# top comment\n")
    assert 'region = "eu-central-1"' in text and 'default_profile = "b"' in text
    assert "[profiles.a]" not in text


async def test_switch_from_the_screen_the_lookup_key_and_the_palette(isolated_home: Path) -> None:
    write_config(
        isolated_home,
        '[profiles.prod]\naws_profile = "x"\nregion = "us-west-2"\ncatalog = "AWS"\n'
        '[profiles.test]\naws_profile = "y"\nregion = "eu-west-1"\ncatalog = "Sandbox"\n',
    )
    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert "profile environment" in bar(app)

        screen = await open_profiles(app, pilot)
        await select_row(screen, pilot, "test")
        await pilot.press("enter")
        await settle(app, pilot)
        assert "profile test" in bar(app) and "region eu-west-1" in bar(app)
        assert "catalog Sandbox" in bar(app)
        assert rows(screen)["test"].active and not rows(screen)["prod"].active
        assert app.service.settings.label == "test" and app.lookup_screen.catalog == "Sandbox"

        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LookupScreen) and "profile test" in bar(app)
        await pilot.press("ctrl+o")  # the identifier input has focus: ctrl+o is not its key
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"prod")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, LookupScreen)
        assert "profile prod" in bar(app) and "region us-west-2" in bar(app)
        assert "catalog AWS" in bar(app) and app.service.settings.aws_profile == "x"

        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"use profile test")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert "profile test" in bar(app) and app.service.settings.aws_profile == "y"


# --- static keys: session-only secrets, the real Secret Service, the wire -------------------


def static_server(make_demo_server, secret: str = SECRET):
    return make_demo_server(
        {"engagements": [engagement()]}, access_key_id=KEY_ID, secret_access_key=secret
    )


async def add_static_profile(app: EngtuiApp, pilot, url: str, secret: str, **extra) -> None:
    await pilot.press("a")
    await settle(app, pilot)
    await fill_form(
        app, pilot, static=True, name="sb", access_key_id=KEY_ID, secret=secret,
        endpoint=url, catalog="Sandbox", **extra,
    )
    form = app.screen
    assert isinstance(form, ProfileForm)
    assert form.query_one("#secret", Input).password and form.query_one("#token", Input).password
    await pilot.press("ctrl+s")
    await settle(app, pilot)


async def test_no_keyring_keeps_a_static_secret_for_this_run_only(
    isolated_home: Path, make_demo_server
) -> None:
    server = static_server(make_demo_server)
    write_config(isolated_home, "")
    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        screen = await open_profiles(app, pilot)
        await add_static_profile(app, pilot, server.url, SECRET, token=TOKEN)
        assert "kept for this run only" in notes(app)
        assert rows(screen)["sb"].secret_short == "this run only"
        await select_row(screen, pilot, "sb")
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("escape")
        await look_up(app, pilot)
        assert isinstance(app.screen, RecordScreen)
        screen_text = app.export_screenshot()
    text = config_file(isolated_home).read_text(encoding="utf-8")
    assert f'access_key_id = "{KEY_ID}"' in text
    assert files_containing(isolated_home, SECRET, TOKEN) == []
    assert SECRET not in screen_text and TOKEN not in screen_text
    # a new run has no secret: it says so instead of sending a request it cannot sign
    app = app_for("--profile", "sb")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await look_up(app, pilot)
        assert "uses a static access key, but the keyring is not usable" in status(app)


async def test_a_secret_kept_for_this_run_only_is_deleted_without_a_keyring_warning(
    isolated_home: Path, make_demo_server
) -> None:
    """With no keyring, a static profile's secret lives in this run only: deleting the
    profile said its "keyring entry could not be deleted" about an entry never written."""
    server = static_server(make_demo_server)
    write_config(isolated_home, "")
    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        screen = await open_profiles(app, pilot)
        await add_static_profile(app, pilot, server.url, SECRET)
        assert "kept for this run only" in notes(app)
        await select_row(screen, pilot, "sb")
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await settle(app, pilot)
        assert "sb" not in rows(screen)
        assert "Removed profile sb." in notes(app) and "keyring" not in notes(app).split(
            "Removed profile sb.")[-1]


async def test_secret_service_end_to_end_and_a_wrong_secret(
    secret_service: None, isolated_home: Path, make_demo_server, capsys
) -> None:
    from engtui.profiles.secrets import SecretStore

    server = static_server(make_demo_server)
    write_config(isolated_home, "")
    app = app_for()
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(app, pilot)
            assert "keyring ok" in bar(app)
            screen = await open_profiles(app, pilot)
            await add_static_profile(app, pilot, server.url, SECRET)
            assert "Secret stored in keyring (SecretService Keyring)" in notes(app)
            await select_row(screen, pilot, "sb")
            detail = plain(screen.query_one("#profile-detail", Static))
            assert "secret: stored in keyring (SecretService Keyring)" in detail
            await pilot.press("enter")
            await settle(app, pilot)
            await pilot.press("escape")
            await look_up(app, pilot)
            assert isinstance(app.screen, RecordScreen)  # signed with the keyring's secret
            shots = [app.export_screenshot()]

            # a wrong secret in the keyring: the endpoint refuses, engtui says why
            await pilot.press("escape")
            screen = await open_profiles(app, pilot)
            await select_row(screen, pilot, "sb")
            await pilot.press("e")
            await settle(app, pilot)
            await fill_form(app, pilot, secret=WRONG_SECRET)
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            await pilot.press("escape")
            await look_up(app, pilot)
            assert isinstance(app.screen, LookupScreen)
            assert "Credentials problem" in status(app)
            shots.append(app.export_screenshot())

            # the right one again: retry works at once, no restart (the client is rebuilt)
            await in_thread(lambda: SecretStore.open().store("sb", SECRET))
            await pilot.press("ctrl+r")
            await settle(app, pilot)
            assert isinstance(app.screen, RecordScreen)
    finally:
        SecretStore.open().delete("sb")
    captured = capsys.readouterr()
    for secret in (SECRET, WRONG_SECRET):
        assert secret not in captured.out + captured.err
        assert all(secret not in shot for shot in shots)
    assert files_containing(isolated_home, SECRET, WRONG_SECRET) == []


async def in_thread(function) -> None:
    from engtui.threads import in_daemon_thread

    await in_daemon_thread(function)


# --- recent engagements ---------------------------------------------------------------------


async def test_recent_engagements_survive_a_restart_per_profile(
    isolated_home: Path, make_demo_server
) -> None:
    server = make_demo_server({"engagements": [engagement()]})
    write_config(isolated_home, "")
    argv = ("--endpoint-url", server.url, "--catalog", "Sandbox")
    env = {"AWS_ACCESS_KEY_ID": "AKIAENGTUIDEMO000000",
           "AWS_SECRET_ACCESS_KEY": "engtui-demo-secret-access-key-not-a-real-secret"}
    with pytest.MonkeyPatch.context() as patch:
        for key, value in env.items():
            patch.setenv(key, value)
        app = app_for(*argv)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(app, pilot)
            await look_up(app, pilot)
            assert isinstance(app.screen, RecordScreen)
        history = isolated_home / ".local" / "state" / "engtui" / "history.json"
        saved = json.loads(history.read_text(encoding="utf-8"))
        assert saved["recent"][0]["profile"] == "environment"
        assert saved["recent"][0]["id"] == ENGAGEMENT_ID

        app = app_for(*argv)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(app, pilot)
            recent = app.lookup_screen.query_one(RecentList)
            assert [item.identifier for item in recent.items] == [ENGAGEMENT_ID]
            await pilot.press("ctrl+t")  # the other catalog has its own list
            await pilot.pause()
            assert recent.items == []


async def test_a_corrupt_history_file_is_set_aside_not_fatal(isolated_home: Path) -> None:
    folder = isolated_home / ".local" / "state" / "engtui"
    folder.mkdir(parents=True)
    (folder / "history.json").write_text("{not json", encoding="utf-8")
    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert "damaged; moved it to" in notes(app)
        assert isinstance(app.screen, LookupScreen)
    assert [p.name.startswith("history.json.corrupt-") for p in folder.iterdir()] == [True]


# --- the secret entered for this run is shared with the credentials loader ----------------


def test_session_secrets_are_shared_with_the_loader(isolated_home: Path) -> None:
    write_config(isolated_home, f'[profiles.sb]\naccess_key_id = "{KEY_ID}"\n')
    session = SessionSecrets()
    manager = ProfileManager(ConfigFile.load(), session)
    session.store("sb", SECRET)
    loader = manager.settings_for("sb").credentials_loader
    assert loader is not None and loader().secret_access_key == SECRET


async def test_keyring_secret_is_reread_on_retry_and_deleted_with_the_profile(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest,
    make_demo_server,
) -> None:
    use_backend(monkeypatch, request, MemoryKeyring)
    server = static_server(make_demo_server)
    write_config(isolated_home, "")
    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        screen = await open_profiles(app, pilot)
        await add_static_profile(app, pilot, server.url, WRONG_SECRET)
        assert rows(screen)["sb"].secret_short == "in keyring"
        stored = json.loads(MemoryKeyring.entries[("engtui", "sb")])
        assert stored["secret_access_key"] == WRONG_SECRET
        await select_row(screen, pilot, "sb")
        await pilot.press("enter", "escape")
        await look_up(app, pilot)
        assert "Credentials problem" in status(app)  # the endpoint refused the signature
        # the right secret lands in the keyring (say, from `engtui profiles add` elsewhere):
        # retry rebuilds the client, reads the keyring again, and works without a restart
        MemoryKeyring.entries[("engtui", "sb")] = json.dumps(
            {"secret_access_key": SECRET, "session_token": None}
        )
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        assert isinstance(app.screen, RecordScreen)
        await pilot.press("escape", "f2")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ProfilesScreen)
        await select_row(screen, pilot, "environment")
        await pilot.press("enter")  # a profile in use cannot be deleted: switch away first
        await settle(app, pilot)
        await select_row(screen, pilot, "sb")
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await settle(app, pilot)
        assert ("engtui", "sb") not in MemoryKeyring.entries


# --- SSO: log in from another terminal, then retry, without restarting ----------------------


class FakeSsoPortal:
    """``GET /federation/credentials`` of the AWS SSO portal on 127.0.0.1: role credentials
    for a bearer token from the SSO token cache (the demo key pair, so the demo endpoint
    accepts what they sign)."""

    def __init__(self, key_id: str, secret: str) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        portal = self
        self.tokens: list[str] = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                portal.tokens.append(self.headers.get("x-amz-sso_bearer_token", ""))
                body = json.dumps({"roleCredentials": {
                    "accessKeyId": key_id, "secretAccessKey": secret,
                    "sessionToken": "engtui-test-sso-session-token",
                    "expiration": 4102444800000,
                }}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        # Polled every 50 ms (not 0.5 s, the default): `stop` waits for the next poll.
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,),
                                       daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


async def test_retry_after_sso_login_works_without_restart(
    isolated_home: Path, make_demo_server, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hashlib

    from support import DEMO_KEY_ID, DEMO_SECRET

    start_url = "https://example.awsapps.com/start"
    server = make_demo_server({"engagements": [engagement()]})
    portal = FakeSsoPortal(DEMO_KEY_ID, DEMO_SECRET)
    monkeypatch.setenv("AWS_ENDPOINT_URL_SSO", portal.url)
    # botocore fixes the token cache folder from HOME when first imported (an earlier test's
    # HOME, in a suite): point it at this test's home, where `aws sso login` would write.
    import botocore.credentials

    cache = isolated_home / ".aws" / "sso" / "cache"
    monkeypatch.setattr(botocore.credentials.SSOProvider, "_SSO_TOKEN_CACHE_DIR", str(cache))
    write_aws_config(isolated_home)
    write_config(
        isolated_home,
        f'[profiles.prod]\naws_profile = "partner-sso"\nendpoint_url = "{server.url}"\n'
        'catalog = "Sandbox"\n',
    )
    try:
        app = app_for("--profile", "prod")
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(app, pilot)
            await look_up(app, pilot)
            assert isinstance(app.screen, LookupScreen)
            assert "aws sso login --profile partner-sso" in status(app)
            assert portal.tokens == []  # no token yet: nothing was asked of the portal

            # `aws sso login` in another terminal writes the token cache
            cache.mkdir(parents=True)
            name = hashlib.sha1(start_url.encode()).hexdigest() + ".json"
            (cache / name).write_text(json.dumps({
                "startUrl": start_url, "region": "us-east-1",
                "accessToken": "engtui-test-sso-access-token",
                "expiresAt": "2099-01-01T00:00:00Z",
            }), encoding="utf-8")

            await pilot.press("ctrl+r")
            await settle(app, pilot)
            assert isinstance(app.screen, RecordScreen)
            assert portal.tokens == ["engtui-test-sso-access-token"]
    finally:
        portal.stop()
