"""Secrets never leak, ``--debug`` logs, and a crash names the log (issue 6 §6).

The leak scan runs a whole flow with a static-key profile whose secret key and session token
are random for this run (so a hit cannot be a coincidence): ``engtui profiles add`` with the
secret on stdin (into the real Secret Service), ``engtui --debug get`` (a success and a
failure), the TUI with ``--debug`` logging (a lookup, a failing lookup, an export, a
screenshot, a forced crash in a worker), and then every file under the config, state, cache,
data and log folders, the export, the screenshot and all captured output are scanned for the
secret and the token.
"""

from __future__ import annotations

import io
import logging
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from reliability_support import GOOD_ID, look_up, make_app, serve, settle, status_text
from support import engagement
from textual.widgets import Input

from engtui.api import call_log
from engtui.api.kinds import ENGAGEMENT
from engtui.app import EngtuiApp
from engtui.cli import main
from engtui.demo.server import DemoServer
from engtui.screens.lookup import LookupScreen
from engtui.screens.navigator import Navigator
from engtui.screens.record import RecordScreen

BAD_ID = "eng-b0000000000001"


@pytest.fixture(autouse=True)
def fresh_log() -> Iterator[None]:
    """Each test gets its own log handler (pointed into its private home)."""
    call_log.shutdown()
    yield
    call_log.shutdown()


def run_cli(capsys, *argv: str, stdin: str | None = None, monkeypatch=None) -> tuple[int, str]:
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out + err


def test_debug_log_masks_sensitive_fields_and_holds_no_signature(
    make_demo_server, isolated_home: Path
) -> None:
    from support import demo_settings

    from engtui.api.service import SellingService

    server = serve(make_demo_server, (BAD_ID, None), faults={BAD_ID: "AccessDeniedException"})
    logging.getLogger("botocore").setLevel(logging.DEBUG)  # as a user debugging boto3 might
    path = call_log.configure(debug=True)
    service = SellingService(demo_settings(server.url))
    service.get_record(ENGAGEMENT, "Sandbox", GOOD_ID)
    with pytest.raises(Exception, match="Access denied"):
        service.get_record(ENGAGEMENT, "Sandbox", BAD_ID)
    text = path.read_text("utf-8")
    assert f'"Identifier": "{GOOD_ID}"' in text and "-> ok (1 attempt" in text
    assert "ACCESS_DENIED: Access denied" in text
    assert '"CompanyName": "<sensitive>"' in text and "Example Corp" not in text
    assert '"Industry": "Software and Internet"' in text  # not sensitive: kept
    assert '"CreatedBy": "<sensitive>"' in text and '"ModifiedBy": "<sensitive>"' in text
    for forbidden in ("Authorization", "AWS4-HMAC-SHA256", "Signature=", "X-Amz-Security-Token",
                      service.settings.credentials.secret_access_key):
        assert forbidden not in text
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert path.parent == isolated_home / ".local" / "state" / "engtui" / "log"


def test_log_rotates_and_every_file_is_private(isolated_home: Path) -> None:
    path = call_log.configure(debug=True)
    for number in range(8_000):  # 4.5 MB: more than the four files hold
        call_log.log.debug("line %d %s", number, "x" * 500)
    rotated = sorted(path.parent.glob("engtui.log*"))
    assert [p.name for p in rotated] == ["engtui.log", "engtui.log.1", "engtui.log.2",
                                         "engtui.log.3"]
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in rotated)
    assert all(p.stat().st_size <= call_log.MAX_BYTES for p in rotated)


def test_redaction_is_the_second_line_of_defence() -> None:
    secret = "wJalrXUtnFEMI/K7MDENG/" + secrets.token_hex(8)
    call_log.register_secret(secret)
    line = call_log.redact(
        f"key {secret} Authorization: AWS4-HMAC-SHA256 Credential=AKIA/x, Signature=abc123 "
        f"'X-Amz-Security-Token': 'tok' aws_secret_access_key={secret}"
    )
    assert secret not in line and "abc123" not in line and "tok'" not in line
    assert "AKIA/x" not in line


async def test_a_crash_in_the_lookup_names_the_log_and_the_app_goes_on(
    make_demo_server, monkeypatch: pytest.MonkeyPatch
) -> None:
    from engtui.api import field_tree

    server = serve(make_demo_server)
    app = make_app(server.url)
    original = field_tree.record_tree

    def broken(kind, data):
        # Only the lookup's tree crashes: on a loaded machine the lookup is slow enough for
        # the app to build the spare record screen meanwhile (an empty record's tree, outside
        # the lookup), and that crash ended the app instead of testing the lookup's.
        if not data:
            return original(kind, data)
        raise RuntimeError("forced crash while building the tree")

    async with app.run_test(size=(100, 30)) as pilot:
        monkeypatch.setattr("engtui.api.field_tree.record_tree", broken)
        await look_up(app, pilot, GOOD_ID)
        text = status_text(app)
        path = call_log.log_path()
        assert "Unexpected error" in text and "forced crash" in text
        assert str(path).replace("\n", "") in text.replace("\n", "")
        assert "Traceback" in path.read_text("utf-8") and "forced crash" in path.read_text("utf-8")
        monkeypatch.undo()
        await look_up(app, pilot, GOOD_ID)
        assert isinstance(app.screen, RecordScreen)


async def test_a_crash_in_a_worker_is_a_notification_naming_the_log(
    make_demo_server, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = serve(make_demo_server)
    app = make_app(server.url)
    original = Navigator.show
    calls = []

    def deliver_once_broken(self, *args, **kwargs):
        calls.append(args)
        if len(calls) == 1:
            raise KeyError("forced crash in a worker")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Navigator, "show", deliver_once_broken)
    async with app.run_test(size=(100, 30)) as pilot:
        await look_up(app, pilot, GOOD_ID)
        assert app.is_running
        messages = [str(n.message) for n in app._notifications]
        assert any("forced crash in a worker" in m and str(call_log.log_path()) in m
                   for m in messages), messages
        await look_up(app, pilot, GOOD_ID)
        assert isinstance(app.screen, RecordScreen)


# -- the leak scan ----------------------------------------------------------------------------
def scan(paths: list[Path], texts: list[str], needles: list[str]) -> tuple[int, list[str]]:
    """Every file under ``paths`` and every text: (files scanned, hits)."""
    hits, scanned = [], 0
    for root in paths:
        files = [root] if root.is_file() else [p for p in root.rglob("*") if p.is_file()]
        for file in files:
            scanned += 1
            data = file.read_bytes()
            hits += [f"{file}: {n[:6]}…" for n in needles if n.encode() in data]
    for index, text in enumerate(texts):
        hits += [f"output {index}: {n[:6]}…" for n in needles if n in text]
    return scanned, hits


async def test_no_secret_or_token_anywhere_after_a_full_flow(
    secret_service, capsys, monkeypatch: pytest.MonkeyPatch, isolated_home: Path, tmp_path: Path
) -> None:
    key_id = "AKIALEAKSCAN" + secrets.token_hex(4).upper()
    secret = "leak-scan-secret-" + secrets.token_urlsafe(24)
    token = "leak-scan-token-" + secrets.token_urlsafe(32)
    import json

    from engtui.demo.data import DemoDataset

    data = {"engagements": [engagement(GOOD_ID), engagement(BAD_ID)],
            "faults": {BAD_ID: "AccessDeniedException"}}
    server = DemoServer(DemoDataset.from_json(json.dumps(data)), access_key_id=key_id,
                        secret_access_key=secret)
    server.start()
    outputs: list[str] = []
    try:
        code, out = run_cli(capsys, "profiles", "add", "leaky", "--access-key-id", key_id,
                            "--endpoint-url", server.url, "--catalog", "Sandbox", "--default",
                            stdin=f"{secret}\n{token}\n", monkeypatch=monkeypatch)
        outputs.append(out)
        assert code == 0, out
        code, out = run_cli(capsys, "--debug", "get", GOOD_ID, "--profile", "leaky", "--json")
        outputs.append(out)
        assert code == 0, out
        code, out = run_cli(capsys, "get", BAD_ID, "--profile", "leaky", "--debug")
        outputs.append(out)
        assert code == 4, out
        code, out = run_cli(capsys, "profiles", "show", "leaky")
        outputs.append(out)
        code, out = run_cli(capsys, "doctor")
        outputs.append(out)

        from engtui.profiles.active import active_profile

        settings = active_profile("leaky", {}).settings
        call_log.configure(debug=True)
        app = EngtuiApp(settings)
        exports, shots = tmp_path / "exports", tmp_path / "shots"
        exports.mkdir()
        shots.mkdir()
        async with app.run_test(size=(100, 30)) as pilot:
            await look_up(app, pilot, BAD_ID)  # a failing call
            assert "Access denied" in status_text(app)
            await look_up(app, pilot, GOOD_ID)
            assert isinstance(app.screen, RecordScreen)
            if hasattr(app.screen, "action_export"):  # the export of issue 4
                await pilot.press("s")
                await pilot.pause()
                field = app.screen.query_one(Input)
                field.value = str(exports / "engagement.json")
                await pilot.press("enter")
                await settle(app, pilot)
                await pilot.pause()
            app.save_screenshot(filename="engagement.svg", path=str(shots))
            await pilot.press("escape")
            await pilot.pause()
            monkeypatch.setattr("engtui.api.field_tree.record_tree",
                                lambda kind, data: (_ for _ in ()).throw(RuntimeError("crash")))
            app.navigator.forget_all()  # fetched again, not redrawn from memory
            await look_up(app, pilot, GOOD_ID)  # a forced crash in the worker
            assert isinstance(app.screen, LookupScreen) and "Unexpected" in status_text(app)
            app.save_screenshot(filename="crash.svg", path=str(shots))
        out, err = capsys.readouterr()
        outputs.append(out + err)
    finally:
        server.stop()
    assert list(exports.iterdir()), "the export wrote nothing"
    log_text = call_log.log_path().read_text("utf-8")
    assert "call get_engagement" in log_text and "Traceback" in log_text
    import keyring

    assert secret in (keyring.get_password("engtui", "leaky") or "")  # it is in the keyring
    home_folders = [isolated_home / ".config", isolated_home / ".local", isolated_home / ".cache"]
    scanned, hits = scan([*home_folders, exports, shots], outputs, [secret, token])
    print(f"leak scan: {scanned} files and {len(outputs)} captured outputs, {len(hits)} hits")
    assert hits == []
    assert scanned >= 5  # config, log, export, two screenshots at least
