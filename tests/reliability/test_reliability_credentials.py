"""Hardening, round three, item 10 (issue 21): the account in use is the one the user chose,
or engtui says why not. Credentials come from real ``~/.aws/config`` files in the test's home
(static, assume-role, ``credential_process``, SSO), through a real boto3 client, against the
demo endpoint on 127.0.0.1 (or a port nothing listens on, for STS and the SSO portal).
Item 12's re-tests are at the end (export, SecretInput, a helper's environment); its dropped
SSH link during a list load is in ``tests/terminal/test_ssh_session.py``.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from reliability_support import GOOD_ID, look_up, make_app, serve, status_text
from test_cli import run_cli

ENGTUI = [sys.executable, "-m", "engtui"]


def write_aws_config(home: Path, text: str) -> Path:
    folder = home / ".aws"
    folder.mkdir(exist_ok=True)
    path = folder / "config"
    path.write_text(text, encoding="utf-8")
    return path


def hanging_helper(home: Path) -> tuple[Path, Path]:
    """A credential_process helper that records its pid and its child's, then waits for ever
    (as one waiting for a browser or a hardware key does)."""
    pids = home / "helper.pids"
    script = home / "slow-helper"
    script.write_text(
        f"#!/bin/sh\necho $$ > {pids}\nsleep 1000 &\necho $! >> {pids}\nwait\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    return script, pids


def alive(pid: int) -> bool:
    """Is ``pid`` a running process (a zombie waiting to be reaped counts as ended)?"""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@contextlib.contextmanager
def own_group(argv: list[str], env: dict[str, str]) -> Iterator[subprocess.Popen[str]]:
    """Run ``argv`` in its own process group; whatever is left of it is ended afterwards."""
    process = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, start_new_session=True)
    try:
        yield process
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def leftover_kill(pids_file: Path) -> list[int]:
    """The helper pids still running; each is ended so that a failing test leaves none."""
    pids = [int(line) for line in pids_file.read_text().split()] if pids_file.exists() else []
    running = [pid for pid in pids if alive(pid)]
    for pid in running:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    return running


# -- a hanging credential_process: the deadline covers credential resolution -----------------
def test_get_ends_a_hanging_credential_process_at_the_deadline(isolated_home, demo_server):
    script, pids = hanging_helper(isolated_home)
    write_aws_config(isolated_home, f"[profile slow]\ncredential_process = {script}\n")
    env = dict(os.environ)
    with own_group([*ENGTUI, "get", "eng-a1b2c3d4e5f6g7", "--profile", "slow",
                    "--endpoint-url", demo_server.url, "--deadline", "2"], env) as process:
        try:
            out, err = process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            leftover_kill(pids)
            pytest.fail("engtui get hung on a credential_process helper past its deadline")
    left = leftover_kill(pids)
    assert process.returncode == 9, err
    assert "credential_process helper" in err and "“slow-helper”" in err, err
    assert "deadline of 2 s" in err and "“slow”" in err, err
    assert out == ""
    assert pids.exists() and left == [], f"helper processes left running: {left}"


async def test_tui_lookup_ends_a_hanging_credential_process(isolated_home, make_demo_server):
    script, pids = hanging_helper(isolated_home)
    write_aws_config(isolated_home, f"[profile slow]\ncredential_process = {script}\n")
    server = serve(make_demo_server)
    app = make_app(server.url, credentials=None, aws_profile="slow", deadline=1.5)
    try:
        async with app.run_test(size=(120, 30)) as pilot:
            await look_up(app, pilot, GOOD_ID)
            shown = status_text(app)
    finally:
        left = leftover_kill(pids)
    assert "credential_process helper" in shown and "deadline" in shown, shown
    assert left == []


# -- a default profile over the environment's credentials: said, per the documented order ----
def demo_profiles(isolated_home: Path, url: str, *, default: str | None = "demo") -> None:
    """An engtui profile ``demo`` on the AWS profile ``demo-aws`` (the demo key pair in
    ``~/.aws/credentials``), pointed at the demo endpoint; ``default``: the default profile."""
    from support import DEMO_KEY_ID, DEMO_SECRET

    from engtui.local.paths import config_path

    aws = isolated_home / ".aws"
    aws.mkdir(exist_ok=True)
    (aws / "credentials").write_text(
        f"[demo-aws]\naws_access_key_id = {DEMO_KEY_ID}\naws_secret_access_key = {DEMO_SECRET}\n"
    )
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    head = f'default_profile = "{default}"\n' if default else ""
    path.write_text(head + f'[profiles.demo]\naws_profile = "demo-aws"\nendpoint_url = "{url}"\n'
                    'catalog = "Sandbox"\n')


def test_get_says_when_the_default_profile_wins_over_the_environment(
    isolated_home, demo_server, capsys, monkeypatch
):
    demo_profiles(isolated_home, demo_server.url)
    code, _out, err = run_cli(capsys, "get", "eng-a1b2c3d4e5f6g7", "--json")
    assert code == 0 and err == "", err  # nothing in the environment: nothing to say
    monkeypatch.setenv("AWS_PROFILE", "corp")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAENVIRONMENTKEY01")
    code, _out, err = run_cli(capsys, "get", "eng-a1b2c3d4e5f6g7", "--json")
    assert code == 0, err
    assert err.splitlines() == [
        "engtui: note: using the default profile “demo” (default_profile in the config file), "
        "not AWS_PROFILE=corp and AWS_ACCESS_KEY_ID from the environment; `--profile "
        "environment` uses the environment's"
    ]
    assert "AKIAENVIRONMENTKEY01" not in err
    code, _out, err = run_cli(capsys, "get", "eng-a1b2c3d4e5f6g7", "--profile", "demo")
    assert code == 0 and err == "", err  # chosen on the command line: nothing to say


async def test_tui_connection_bar_says_the_default_profile_won(
    isolated_home, demo_server, monkeypatch
):
    from support import plain

    from engtui.cli import build_parser, tui_app
    from engtui.widgets.connection_bar import ConnectionBar

    demo_profiles(isolated_home, demo_server.url)
    monkeypatch.setenv("AWS_PROFILE", "corp")
    app = tui_app(build_parser([]).parse_args([]))
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.pause()
        bar = plain(app.screen.query_one(ConnectionBar), width=160)
    assert "profile demo" in bar and "default profile over AWS_PROFILE" in bar, bar


# -- a mistyped profile name: refused by `get` and the TUI alike, naming where it came from ---
MISTYPED = [
    (["--profile", "nope"], {}, "engtui: error: --profile: no profile named 'nope'"),
    ([], {"ENGTUI_PROFILE": "nope"},
     "engtui: error: ENGTUI_PROFILE (environment): no profile named 'nope'"),
    ([], {"AWS_PROFILE": "nope"},
     "engtui: error: AWS_PROFILE (environment): 'nope' is not an AWS named profile"),
]


@pytest.mark.parametrize(("options", "environ", "said"), MISTYPED)
def test_get_refuses_a_mistyped_profile_naming_its_source(
    capsys, monkeypatch, demo_server, options, environ, said
):
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    code, out, err = run_cli(capsys, "get", "eng-a1b2c3d4e5f6g7", *options,
                              "--endpoint-url", demo_server.url)
    assert (code, out) == (2, ""), err
    assert err.startswith(said), err


@pytest.mark.parametrize(("options", "environ", "said"), MISTYPED)
def test_tui_refuses_a_mistyped_profile_before_starting(
    capsys, monkeypatch, demo_server, options, environ, said
):
    """It used to start on the shell's credentials after a toast (issue 21, item 10)."""
    import engtui.launch

    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    started: list[object] = []
    monkeypatch.setattr(engtui.launch, "in_a_terminal", lambda: True)
    monkeypatch.setattr(engtui.launch, "run_app", lambda app: started.append(app) or 0)
    code, out, err = run_cli(capsys, *options, "--endpoint-url", demo_server.url)
    assert started == [] and (code, out) == (2, ""), err
    assert err.startswith(said), err


# -- ctrl+o offers what the file held at start: a profile deleted since is refused -----------
async def test_switching_to_a_profile_deleted_by_another_process_is_refused(
    isolated_home, demo_server
):
    from textual.command import CommandPalette

    from engtui.cli import build_parser, tui_app
    from engtui.local.paths import config_path

    demo_profiles(isolated_home, demo_server.url)
    path = config_path()
    path.write_text(path.read_text() + '[profiles.gone]\naws_profile = "demo-aws"\n'
                    'region = "eu-central-1"\n')
    app = tui_app(build_parser([]).parse_args([]))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"gone")
        await app.workers.wait_for_complete()
        await pilot.pause()
        # another engtui (`engtui profiles remove gone`) deletes it now
        from engtui.profiles.config_file import ConfigFile

        ConfigFile.change(path, lambda fresh: fresh.remove("gone"))
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        said = "\n".join(str(n.message) for n in app._notifications)
        label, region = app.service.settings.label, app.service.settings.region
    assert label == "demo" and region != "eu-central-1"
    assert "Profile “gone” is no longer in" in said, said


# -- credential failures are credentials problems, said with what failed ---------------------
ROLE_CONFIG = """\
[profile base]
aws_access_key_id = AKIAENGTUIBASE000000
aws_secret_access_key = base-secret-not-real
[profile role]
role_arn = arn:aws:iam::123456789012:role/Partner
source_profile = base
"""
STS_ACCESS_DENIED = (
    b'<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error>'
    b"<Type>Sender</Type><Code>AccessDenied</Code><Message>User is not authorized to perform"
    b" sts:AssumeRole</Message></Error><RequestId>r-1</RequestId></ErrorResponse>"
)


def sso_profile(home: Path) -> None:
    """An SSO profile with a valid cached token: the next step is the SSO portal."""
    import hashlib
    import json

    start = "https://example.awsapps.com/start"
    write_aws_config(home, f"[profile corp]\nsso_start_url = {start}\nsso_region = us-east-1\n"
                           "sso_account_id = 123456789012\nsso_role_name = Partner\n")
    cache = home / ".aws" / "sso" / "cache"
    cache.mkdir(parents=True)
    (cache / f"{hashlib.sha1(start.encode()).hexdigest()}.json").write_text(json.dumps({
        "startUrl": start, "region": "us-east-1", "accessToken": "token-not-real",
        "expiresAt": "2099-01-01T00:00:00Z"}))


def get_with(capsys, demo_server, *options: str) -> tuple[int, str, str]:
    return run_cli(capsys, "get", "eng-a1b2c3d4e5f6g7", "--endpoint-url", demo_server.url,
                    "--max-attempts", "1", "--deadline", "20", *options)


def test_sts_unreachable_is_a_credentials_problem(isolated_home, demo_server, capsys,
                                                  monkeypatch):
    from reliability_support import free_port

    write_aws_config(isolated_home, ROLE_CONFIG)
    monkeypatch.setenv("AWS_ENDPOINT_URL_STS", f"http://127.0.0.1:{free_port()}")
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    code, out, err = get_with(capsys, demo_server, "--profile", "role")
    assert (code, out) == (9, ""), err
    assert "Could not reach STS (http://127.0.0.1:" in err and "“role”" in err, err
    assert demo_server.url not in err


def test_sts_access_denied_on_assume_role_is_a_credentials_problem(
    isolated_home, demo_server, capsys, monkeypatch
):
    from test_reliability_round2 import Crafted

    sts = Crafted()
    sts.status, sts.body, sts.headers = 403, STS_ACCESS_DENIED, {"Content-Type": "text/xml"}
    try:
        write_aws_config(isolated_home, ROLE_CONFIG)
        monkeypatch.setenv("AWS_ENDPOINT_URL_STS", sts.url)
        code, out, err = get_with(capsys, demo_server, "--profile", "role")
    finally:
        sts.stop()
    assert (code, out) == (9, ""), err
    assert "STS refused AssumeRole" in err and "AccessDenied" in err, err
    assert "bug" not in err


def test_sso_portal_unreachable_is_a_credentials_problem(isolated_home, demo_server):
    from reliability_support import free_port

    sso_profile(isolated_home)
    env = {**os.environ, "AWS_ENDPOINT_URL_SSO": f"http://127.0.0.1:{free_port()}",
           "AWS_MAX_ATTEMPTS": "1"}
    # in a process of its own: botocore reads the SSO cache folder's place at import
    done = subprocess.run([*ENGTUI, "get", "eng-a1b2c3d4e5f6g7", "--profile", "corp",
                           "--endpoint-url", demo_server.url, "--deadline", "20"],
                          env=env, capture_output=True, text=True, timeout=60, check=False)
    code, out, err = done.returncode, done.stdout, done.stderr
    assert (code, out) == (9, ""), err
    assert "Could not reach the SSO portal" in err, err
    assert demo_server.url not in err


def test_a_helper_printing_garbage_is_a_credentials_problem(isolated_home, demo_server,
                                                            capsys):
    write_aws_config(isolated_home, "[profile junk]\ncredential_process = echo not json\n")
    code, out, err = get_with(capsys, demo_server, "--profile", "junk")
    assert (code, out) == (9, ""), err
    assert "credential_process helper" in err and "“echo”" in err and "not the JSON" in err
    assert "reply could not be read" not in err


def test_a_region_with_spaces_is_invalid_input(demo_server, capsys, monkeypatch):
    from support import DEMO_KEY_ID, DEMO_SECRET

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", DEMO_KEY_ID)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", DEMO_SECRET)
    code, out, err = get_with(capsys, demo_server, "--region", "us east 1")
    assert (code, out) == (2, ""), err
    assert "“us east 1” is not a valid AWS region name; nothing was sent" in err, err


# -- doctor resolves credentials exactly as get does -----------------------------------------
def test_doctor_fails_where_get_fails_sso_without_a_token(isolated_home, demo_server, capsys):
    write_aws_config(isolated_home, "[profile corp]\nsso_start_url = https://example.awsapps"
                     ".com/start\nsso_region = us-east-1\nsso_account_id = 123456789012\n"
                     "sso_role_name = Partner\nregion = eu-west-1\n")
    code, _out, get_err = get_with(capsys, demo_server, "--profile", "corp")
    assert code == 9, get_err
    code, out, _err = run_cli(capsys, "doctor", "--profile", "corp", "--keyring-timeout", "1")
    assert code == 1 and "healthy" not in out, out
    assert "calls go to:       profile aws:corp · region eu-west-1 · catalog AWS" in out, out
    assert "credentials check: FAILED (exit 9 in get)" in out
    assert "problem:           credentials: The SSO session of this profile has expired" in out


def test_doctor_ends_a_hanging_helper_at_the_deadline(isolated_home):
    script, pids = hanging_helper(isolated_home)
    write_aws_config(isolated_home, f"[profile slow]\ncredential_process = {script}\n")
    with own_group([*ENGTUI, "doctor", "--profile", "slow", "--deadline", "2",
                    "--keyring-timeout", "1"], dict(os.environ)) as process:
        try:
            out, err = process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            leftover_kill(pids)
            pytest.fail("engtui doctor hung on a credential_process helper")
    left = leftover_kill(pids)
    assert process.returncode == 1, out + err
    assert "credential_process helper" in out and "deadline of 2 s" in out, out
    assert left == []


# -- smaller: a stale D-Bus address, a locked keyring, names, exit codes ---------------------
def test_a_stale_dbus_address_is_named_as_such(monkeypatch, tmp_path):
    from engtui.profiles.keyring_probe import probe_keyring

    gone = tmp_path / "run" / "bus"  # as after a tmux reattach from another login
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={gone},guid=0123")
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.SecretService.Keyring")
    status = probe_keyring(5)
    assert not status.usable
    assert f"DBUS_SESSION_BUS_ADDRESS names a D-Bus socket that does not exist ({gone})" \
        in status.reason, status.reason
    assert "stale" in status.reason


def test_a_locked_keyring_is_not_told_its_secret_cannot_be_kept(
    isolated_home, demo_server, capsys, monkeypatch, request
):
    from support import DEMO_KEY_ID
    from test_keyring_probe import LockedKeyring, use_backend

    from engtui.local.paths import config_path

    use_backend(monkeypatch, request, LockedKeyring)
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'[profiles.sb]\naccess_key_id = "{DEMO_KEY_ID}"\ncatalog = "Sandbox"\n')
    code, _out, err = get_with(capsys, demo_server, "--profile", "sb")
    assert code == 9, err
    assert "The keyring is locked: unlock it" in err and "is still there" in err, err
    assert "cannot be kept between runs" not in err


# -- item 12: re-tested ------------------------------------------------------------------------
def test_export_through_a_symlink_keeps_the_link(tmp_path):
    """It replaced the link itself with a new file and left the file it pointed to as it
    was (so an export to `/dev/stdout`, were fd 1 a file, would replace /dev/stdout)."""
    from engtui.export import write_export

    real = tmp_path / "exports" / "latest.json"
    real.parent.mkdir()
    real.write_text("old\n")
    link = tmp_path / "latest.json"
    link.symlink_to(real)
    write_export(link, "new\n", overwrite=True)
    assert link.is_symlink() and link.resolve() == real
    assert real.read_text() == "new\n"
    assert sorted(p.name for p in real.parent.iterdir()) == ["latest.json"]  # no temp left


def test_export_to_dev_stdout_on_a_pipe_is_refused():
    """In a process of its own whose stdout is a pipe (as a terminal, it is a device)."""
    code = ("from pathlib import Path\nfrom engtui.export import ExportError, write_export\n"
            "try:\n    write_export(Path('/dev/stdout'), '{}', overwrite=True)\n"
            "except ExportError as error:\n    import sys; print(error, file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=False)
    assert "is a FIFO (named pipe), not a regular file" in done.stderr, done.stderr
    assert done.stdout == ""
    assert os.path.islink("/dev/stdout")


async def test_secret_input_never_gives_its_value_to_a_screen_selection(isolated_home):
    """Round two proved ctrl+c, ctrl+x and super+c; a mouse selection of the screen
    (Textual's ctrl+c on selected text) copies the bullets, not the secret."""
    from textual.selection import SELECT_ALL

    from engtui.cli import build_parser, tui_app
    from engtui.screens.profile_form import ProfileForm
    from engtui.widgets.secret_input import SecretInput

    secret = "wJalrXUtnFEMI-selection-secret"
    app = tui_app(build_parser([]).parse_args([]))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("a")
        await app.workers.wait_for_complete()
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ProfileForm)
        field = form.query_one("#secret", SecretInput)
        field.value = secret
        await pilot.pause()
        form.selections = {field: SELECT_ALL}
        selected = form.get_selected_text() or ""
    assert secret not in selected


def test_a_helper_sees_no_credentials_in_its_environment_or_engtui_s_arguments(
    isolated_home, demo_server, monkeypatch, request
):
    """The only child process engtui starts is a credential_process helper. With a static
    profile's secret read into engtui (from the keyring) before, the helper's environment
    and the command lines it can see (`ps`) hold no secret and no AWS key variable."""
    from support import DEMO_KEY_ID, DEMO_SECRET
    from test_keyring_probe import MemoryKeyring, use_backend

    from engtui.api.kinds import ENGAGEMENT
    from engtui.api.service import SellingService
    from engtui.local.paths import config_path
    from engtui.profiles.active import active_profile
    from engtui.profiles.secrets import Secret, SecretStore

    use_backend(monkeypatch, request, MemoryKeyring)
    SecretStore.open().store("sb", Secret(DEMO_SECRET), None)
    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text(f'[profiles.sb]\naccess_key_id = "{DEMO_KEY_ID}"\n'
                             f'endpoint_url = "{demo_server.url}"\ncatalog = "Sandbox"\n')
    # the static profile: its secret is now in engtui
    record = SellingService(active_profile("sb").settings).get_record(
        ENGAGEMENT, "Sandbox", "eng-a1b2c3d4e5f6g7")
    assert record.data["Id"] == "eng-a1b2c3d4e5f6g7"

    seen = isolated_home / "seen"
    helper = isolated_home / "dump-helper"
    helper.write_text(
        "#!/bin/sh\n"
        f"tr '\\0' '\\n' < /proc/self/environ > {seen}.environ\n"
        f"ps -eo args > {seen}.ps\n"
        f"printf '%s' '{{\"Version\": 1, \"AccessKeyId\": \"{DEMO_KEY_ID}\", "
        f"\"SecretAccessKey\": \"{DEMO_SECRET}\"}}'\n"
    )
    helper.chmod(0o755)
    write_aws_config(isolated_home, f"[profile helper]\ncredential_process = {helper}\n")
    SellingService(active_profile("helper").settings).check_credentials()
    environ = (isolated_home / "seen.environ").read_text()
    listing = (isolated_home / "seen.ps").read_text()
    assert DEMO_SECRET not in environ and DEMO_SECRET not in listing
    assert "AWS_SECRET_ACCESS_KEY" not in environ and "AWS_SESSION_TOKEN" not in environ
