"""``engtui profiles ...`` run in-process, with captured output and a given stdin.

Also home of ``Cli`` (run a command, capture its output) and ``files_containing`` (the leak
scan), which test_commands_doctor uses too.
"""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from test_keyring_probe import (
    BlockingKeyring,
    FakeKeyring,
    MemoryKeyring,
    PlaintextKeyring,
    use_backend,
)

from engtui.commands import EXIT_KEYRING, EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, run_command
from engtui.local.paths import config_path
from engtui.profiles.config_file import ConfigFile
from engtui.profiles.keyring_probe import SERVICE
from engtui.profiles.model import ConfigError, Profile
from engtui.profiles.secrets import SecretStore

KEY_ID = "AKIAIOSFODNN7EXAMPLE"
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
TOKEN = "IQoJb3JpZ2luX2VjEXAMPLETOKENxyz"


class TtyInput(io.StringIO):
    """A stdin that claims to be a terminal."""

    def isatty(self) -> bool:
        return True


@dataclass
class Result:
    code: int
    out: str
    err: str


@dataclass
class Cli:
    """Runs ``engtui COMMAND ...`` in-process; keeps every output for the leak scan."""

    capsys: pytest.CaptureFixture[str]
    monkeypatch: pytest.MonkeyPatch
    outputs: list[str] = field(default_factory=list)

    def __call__(
        self, *argv: str, stdin: str | io.StringIO | None = None, profile: str | None = None,
        offline: bool = True,
    ) -> Result:
        """``offline``: ``doctor`` makes no Partner Central call (its profiles name no test
        endpoint; tests never reach the internet)."""
        if argv[0] == "doctor" and offline:
            argv = (*argv, "--offline")
        if stdin is not None:
            stream = io.StringIO(stdin) if isinstance(stdin, str) else stdin
            self.monkeypatch.setattr("sys.stdin", stream)
        code = run_command(argv[0], argv[1:], profile=profile)
        out, err = self.capsys.readouterr()
        self.outputs += [out, err]
        return Result(code, out, err)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    return Cli(capsys, monkeypatch)


@pytest.fixture
def memory(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> type[FakeKeyring]:
    use_backend(monkeypatch, request, MemoryKeyring)
    return MemoryKeyring


def files_containing(root: Path, *needles: str) -> list[Path]:
    """Every file under ``root`` whose bytes contain one of ``needles``."""
    return [
        path
        for path in root.rglob("*")
        if path.is_file() and any(needle.encode() in path.read_bytes() for needle in needles)
    ]


def add_static(cli: Cli, name: str = "sb", *extra: str) -> Result:
    return cli("profiles", "add", name, "--access-key-id", KEY_ID, *extra, stdin=f"{SECRET}\n")


# --- add --------------------------------------------------------------------------------


def test_add_aws_profile_list_and_default(cli: Cli, isolated_home: Path) -> None:
    (isolated_home / ".aws").mkdir()
    (isolated_home / ".aws" / "config").write_text("[profile corp]\nsso_session = x\n")
    result = cli("profiles", "add", "prod", "--aws-profile", "corp", "--region", "eu-west-1",
                 "--default")
    assert result.code == EXIT_OK, result.err
    assert result.out == "added profile prod (default)\n" and result.err == ""
    result = cli("profiles", "add", "other", "--aws-profile", "nowhere", "--catalog", "Sandbox")
    assert result.code == EXIT_OK
    assert "warning: aws profile 'nowhere' is not in" in result.err
    config = ConfigFile.load()
    assert config.names() == ["prod", "other"] and config.default_profile == "prod"
    assert config.get("other").catalog == "Sandbox"

    listing = cli("profiles", "list")
    assert listing.code == EXIT_OK
    lines = listing.out.splitlines()
    assert lines[0].split() == ["NAME", "CREDENTIALS", "REGION", "CATALOG"]
    assert lines[1].split() == ["*", "prod", "aws", "profile", "corp", "(sso)", "eu-west-1", "AWS"]
    assert lines[2].split()[:2] == ["other", "aws"]
    assert "active: prod (from default_profile)" in listing.out
    assert "active: other (from --profile)" in cli("profiles", "list", profile="other").out


def test_add_static_key_from_stdin(cli: Cli, memory: type[FakeKeyring]) -> None:
    result = cli(
        "profiles",
        "add",
        "sb",
        "--access-key-id",
        KEY_ID,
        "--default",
        stdin=f"{SECRET}\n{TOKEN}\n",
    )
    assert result.code == EXIT_OK, result.err
    assert result.out.splitlines() == [
        "added profile sb (default)",
        "secret stored in keyring (test keyring probe MemoryKeyring)",
    ]
    assert json.loads(memory.entries[(SERVICE, "sb")]) == {
        "secret_access_key": SECRET,
        "session_token": TOKEN,
    }
    assert ConfigFile.load().get("sb").access_key_id == KEY_ID
    assert SECRET not in config_path().read_text()


def test_add_static_key_from_masked_prompts(
    cli: Cli, memory: type[FakeKeyring], monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter([SECRET, ""])
    prompts: list[str] = []

    def fake_getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr("getpass.getpass", fake_getpass)
    result = cli("profiles", "add", "sb", "--access-key-id", KEY_ID, stdin=TtyInput(""))
    assert result.code == EXIT_OK, result.err
    assert prompts == ["Secret access key: ", "Session token (Enter for none): "]
    assert json.loads(memory.entries[(SERVICE, "sb")])["session_token"] is None


def test_add_refuses_unusable_keyring_and_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    result = add_static(cli)
    assert result.code == EXIT_KEYRING
    assert "fail Keyring is unusable" in result.err
    assert "PYTHON_KEYRING_BACKEND selects the fail backend" in result.err
    assert "nothing was written" in result.err
    assert not config_path().exists()
    assert files_containing(tmp_path, SECRET, KEY_ID) == []


def test_add_gives_up_on_a_hanging_keyring(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    use_backend(monkeypatch, request, BlockingKeyring)
    result = add_static(cli, "sb", "--keyring-timeout", "0.3")
    assert result.code == EXIT_KEYRING
    assert "probe timed out after 0.3 s" in result.err
    assert not config_path().exists()


def test_insecure_keyring_needs_the_opt_in(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    use_backend(monkeypatch, request, PlaintextKeyring)
    result = add_static(cli)
    assert result.code == EXIT_KEYRING and "allow_insecure_keyring = true" in result.err
    assert PlaintextKeyring.entries == {} and not config_path().exists()

    config_path().parent.mkdir(parents=True)
    config_path().write_text("allow_insecure_keyring = true  # I know\n")
    assert add_static(cli).code == EXIT_OK
    assert (SERVICE, "sb") in PlaintextKeyring.entries
    assert "allow_insecure_keyring = true  # I know" in config_path().read_text()


@pytest.mark.parametrize(
    ("argv", "stdin", "message"),
    [
        (["bad name", "--aws-profile", "x"], None, "a profile name is"),
        (["é", "--aws-profile", "x"], None, "ASCII letters (A-Z, a-z)"),
        (["environment", "--aws-profile", "x"], None, "reserved"),
        (["sb", "--access-key-id", "short"], f"{SECRET}\n", "access_key_id: must be"),
        (["sb", "--access-key-id", KEY_ID], "\n", "no secret access key given"),
        (["sb", "--access-key-id", KEY_ID, "--endpoint-url", "nope"], f"{SECRET}\n", "endpoint"),
    ],
)
def test_add_rejects_bad_input_and_writes_nothing(
    cli: Cli, memory: type[FakeKeyring], argv: list[str], stdin: str | None, message: str
) -> None:
    result = cli("profiles", "add", *argv, stdin=stdin)
    assert result.code == EXIT_USAGE  # invalid input exits 2 everywhere (issue 21, item 10)
    assert message in result.err
    assert SECRET not in result.err
    assert not config_path().exists() and memory.entries == {}


def test_add_existing_name_is_refused(cli: Cli, memory: type[FakeKeyring]) -> None:
    assert add_static(cli).code == EXIT_OK
    before = config_path().read_bytes()
    result = cli("profiles", "add", "sb", "--aws-profile", "x")
    assert result.code == EXIT_USAGE and "already exists" in result.err
    assert config_path().read_bytes() == before


def test_secret_options_do_not_exist(cli: Cli) -> None:
    with pytest.raises(SystemExit) as caught:
        cli("profiles", "add", "sb", "--access-key-id", KEY_ID, "--secret-access-key", SECRET)
    assert caught.value.code == 2


# --- show, remove, set-default ----------------------------------------------------------


def test_show_says_stored_or_missing_never_the_secret(
    cli: Cli, memory: type[FakeKeyring], monkeypatch: pytest.MonkeyPatch
) -> None:
    add_static(cli, "sb", "--region", "eu-west-1", "--read-timeout", "30", "--default")
    result = cli("profiles", "show", "sb")
    assert result.code == EXIT_OK
    assert result.out.splitlines() == [
        "profile:      sb",
        "default:      yes",
        "credentials:  static key AKIA...MPLE",
        "secret:       stored in keyring (test keyring probe MemoryKeyring)",
        "region:       eu-west-1 (profile)",
        "catalog:      AWS",
        "read_timeout: 30.0",
    ]
    memory.entries.clear()
    result = cli("profiles", "show")  # the active profile
    assert "secret:       missing from keyring (test keyring probe MemoryKeyring)" in result.out
    assert "its secret is missing" in result.err
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    result = cli("profiles", "show", "sb")
    assert "secret:       not checked: keyring null Keyring is unusable" in result.out


def test_show_unknown_and_nothing_active(cli: Cli) -> None:
    result = cli("profiles", "show")
    assert result.code == EXIT_PROBLEM and "none is active" in result.err
    cli("profiles", "add", "a", "--aws-profile", "x")
    result = cli("profiles", "show", "b")
    assert result.code == EXIT_USAGE
    assert result.err == "engtui: error: no profile named 'b'; known profiles: a\n"


def test_remove_an_unknown_profile_is_bad_usage(capsys) -> None:
    """`engtui profiles remove nosuch` said `error: ...` and exited 1: a name that names no
    profile is bad usage, worded as argparse words it."""
    from test_cli import run_cli

    code, out, err = run_cli(capsys, "profiles", "remove", "nosuch")
    assert (code, out) == (EXIT_USAGE, "")
    assert err == "engtui: error: no profile named 'nosuch': no profiles are configured\n"


def test_remove_deletes_the_keyring_entry(cli: Cli, memory: type[FakeKeyring]) -> None:
    add_static(cli)
    result = cli("profiles", "remove", "sb")
    assert result.code == EXIT_OK
    assert result.out.splitlines() == [
        "removed profile sb",
        "deleted its secret from the keyring (test keyring probe MemoryKeyring)",
    ]
    assert memory.entries == {}
    assert ConfigFile.load().names() == [] and ConfigFile.load().default_profile is None


def test_remove_with_unusable_keyring_changes_nothing_unless_told(
    cli: Cli, memory: type[FakeKeyring], monkeypatch: pytest.MonkeyPatch
) -> None:
    add_static(cli)
    before = config_path().read_bytes()
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    result = cli("profiles", "remove", "sb")
    assert result.code == EXIT_KEYRING and "--keep-secret" in result.err
    assert config_path().read_bytes() == before
    result = cli("profiles", "remove", "sb", "--keep-secret")
    assert result.code == EXIT_OK and "kept its keyring entry" in result.out
    assert ConfigFile.load().names() == [] and (SERVICE, "sb") in memory.entries


def test_a_profile_becomes_the_default_only_when_the_user_agrees(cli: Cli) -> None:
    """Issue 21, item 10: `profiles add X` without --default made X the default whenever
    none was set, even after `set-default environment`; every later run then moved quietly
    to X's account. Only the very first profile, at a prompt or with --default, becomes it."""
    result = cli("profiles", "add", "a", "--aws-profile", "x", stdin="")  # a script
    assert result.out == "added profile a\n"
    assert "note: 'a' is not the default profile" in result.err
    assert ConfigFile.load().default_profile is None
    cli("profiles", "set-default", "a")
    assert cli("profiles", "set-default", "environment").code == EXIT_OK
    for name in ("b", "c"):
        result = cli("profiles", "add", name, "--aws-profile", "y", stdin=TtyInput("y\n"))
        assert result.code == EXIT_OK and result.out == f"added profile {name}\n", result
    assert ConfigFile.load().default_profile is None  # `set-default environment` sticks


@pytest.mark.parametrize(("answer", "default"), [("y\n", "first"), ("\n", None)])
def test_the_first_profile_asks_at_a_terminal(cli: Cli, answer: str, default: str | None) -> None:
    result = cli("profiles", "add", "first", "--aws-profile", "x", stdin=TtyInput(answer))
    assert "Make 'first' the default profile" in result.err
    assert ConfigFile.load().default_profile == default
    result = cli("profiles", "add", "second", "--aws-profile", "x", stdin=TtyInput("y\n"))
    assert "default profile" not in result.err and ConfigFile.load().default_profile == default


def test_set_default(cli: Cli) -> None:
    cli("profiles", "add", "a", "--aws-profile", "x")
    cli("profiles", "add", "b", "--aws-profile", "y")
    assert cli("profiles", "set-default", "b").out == "default profile: b\n"
    assert ConfigFile.load().default_profile == "b"
    result = cli("profiles", "set-default", "zzz")
    assert result.code == EXIT_USAGE and "known profiles: a, b" in result.err
    assert cli("profiles", "set-default", "environment").code == EXIT_OK
    assert ConfigFile.load().default_profile is None


def test_broken_config_is_reported_and_never_overwritten(
    cli: Cli, memory: type[FakeKeyring]
) -> None:
    path = config_path()
    path.parent.mkdir(parents=True)
    path.write_text('[profiles.a]\naws_profile = "x"\nregion = \n')
    before = path.read_bytes()
    result = cli("profiles", "list")
    assert result.code == EXIT_PROBLEM and f"error: {path}:3:" in result.err
    for argv in (
        ["add", "b", "--aws-profile", "y"],
        ["remove", "a"],
        ["set-default", "a"],
    ):
        result = cli("profiles", *argv)
        assert result.code == EXIT_PROBLEM, argv
        assert f"{path}:3:" in result.err
    assert add_static(cli).code == EXIT_PROBLEM
    assert path.read_bytes() == before and memory.entries == {}


def test_empty_list(cli: Cli) -> None:
    result = cli("profiles", "list")
    assert result.code == EXIT_OK and result.out.startswith("no profiles in ")


# --- the leak scan ----------------------------------------------------------------------


@pytest.fixture(params=["memory", "secret_service"])
def any_keyring(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A usable keyring: the in-memory fake, or the real Secret Service. Yields a profile
    name (unique, so the shared Secret Service never sees the same one twice)."""
    name = f"leak-{uuid.uuid4().hex[:8]}"
    if request.param == "memory":
        use_backend(monkeypatch, request, MemoryKeyring)
    else:
        request.getfixturevalue("secret_service")
    yield name
    if request.param == "secret_service":
        SecretStore.open().delete(name)


def test_no_secret_in_any_file_or_output(cli: Cli, tmp_path: Path, any_keyring: str) -> None:
    name = any_keyring
    result = cli("profiles", "add", name, "--access-key-id", KEY_ID, "--default",
                 stdin=f"{SECRET}\n{TOKEN}\n")
    assert result.code == EXIT_OK, result.err
    assert cli("profiles", "list").code == EXIT_OK
    shown = cli("profiles", "show", name)
    assert any(
        line.startswith("secret:") and "stored in keyring" in line
        for line in shown.out.splitlines()
    )
    assert cli("doctor").code == EXIT_OK
    assert cli("doctor", profile=name).code == EXIT_OK

    stored = SecretStore.open().load(name)  # the secret did reach the keyring...
    assert stored is not None and stored.secret_access_key.reveal() == SECRET
    # ...and nowhere else: not in any file under home/config/state/cache, not in any output
    assert files_containing(tmp_path, SECRET, TOKEN) == []
    assert all(SECRET not in text and TOKEN not in text for text in cli.outputs)
    assert all(KEY_ID not in text for text in cli.outputs)  # shown as AKIA...MPLE only

    assert cli("profiles", "remove", name).code == EXIT_OK
    assert SecretStore.open().load(name) is None


# --- concurrent changes (issue 12, item 4) ----------------------------------------------


def test_parallel_adds_keep_every_profile(isolated_home: Path) -> None:
    """Eight `engtui profiles add` at once used to lose some profiles (or refuse them as
    "changed on disk"): each change now reads the file afresh under the file's lock."""
    names = [f"p{number}" for number in range(8)]
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "engtui", "profiles", "add", name, "--aws-profile", "x"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
        )
        for name in names
    ]
    outcomes = [(process.wait(timeout=120), process.communicate()) for process in processes]
    assert [code for code, _ in outcomes] == [0] * 8, outcomes
    config = ConfigFile.load()
    assert config.ok and sorted(config.names()) == names
    assert config.default_profile is None  # nobody said --default (issue 21, item 10)


# --- files that cannot be read or written (issue 12, item 10) ----------------------------


def test_a_config_nested_20000_deep_is_an_error_naming_the_file(cli: Cli) -> None:
    """It crashed every command with a 3,000-line RecursionError, and the TUI did not start."""
    path = config_path()
    path.parent.mkdir(parents=True)
    path.write_text("a = " + "[" * 20000 + "]" * 20000 + "\n")
    config = ConfigFile.load()
    assert not config.ok and str(config.errors[0]).startswith(f"{path}: nested too deeply")
    result = cli("profiles", "list")
    assert result.code == EXIT_PROBLEM
    assert "nested too deeply" in result.err and "Traceback" not in result.err
    from engtui.profiles.active import active_profile_for_tui
    from engtui.profiles.secrets import SessionSecrets

    active, _ = active_profile_for_tui(None, None, session=SessionSecrets())
    assert active.settings.label == "environment" and not active.config.ok  # the TUI starts


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs (needs root, as CI runs): to fill up, and to make read-only."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", str(disk)],
        capture_output=True, check=False,
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True, check=False)


def fill(disk: Path) -> None:
    with contextlib.suppress(OSError), (disk / "filler").open("wb", buffering=0) as handle:
        while True:
            handle.write(b"x" * 4096)
            handle.flush()


def test_a_full_or_read_only_disk_is_said_in_words_and_keeps_the_old_file(
    cli: Cli, small_disk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from engtui.profiles.history import RecentEngagements

    path = small_disk / "config.toml"
    monkeypatch.setenv("ENGTUI_CONFIG", str(path))
    assert cli("profiles", "add", "first", "--aws-profile", "x").code == EXIT_OK
    history = RecentEngagements.load(small_disk / "history.json")
    history.add("first", "AWS", "eng-aaaaaaaaaaaaaa", "Kept")
    assert history.save() is None
    before = path.read_bytes(), (small_disk / "history.json").read_bytes()
    fill(small_disk)
    history.add("first", "AWS", "eng-bbbbbbbbbbbbbb", "x" * 8000)

    result = cli("profiles", "add", "second", "--aws-profile", "x")
    assert result.code == EXIT_PROBLEM and "Traceback" not in result.err
    assert "the disk is full" in result.err and str(path) in result.err
    saved = history.save()
    assert saved is not None and "the disk is full" in saved

    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    result = cli("profiles", "add", "third", "--aws-profile", "x")
    assert result.code == EXIT_PROBLEM and "read-only" in result.err and str(path) in result.err
    saved = history.save()
    assert saved is not None and "read-only" in saved
    assert (path.read_bytes(), (small_disk / "history.json").read_bytes()) == before
    assert ConfigFile.load().names() == ["first"]
    assert cli("profiles", "list").code == EXIT_OK  # and engtui keeps working


def test_a_write_error_is_a_config_error_in_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same without a tmpfs: ENOSPC injected at the write call."""
    import errno
    import os as real_os

    config = ConfigFile.load()
    config.add(Profile("a", aws_profile="x"))

    def replace(*_: object) -> None:
        raise OSError(errno.ENOSPC, real_os.strerror(errno.ENOSPC))

    monkeypatch.setattr("engtui.local.paths.os.replace", replace)
    with pytest.raises(ConfigError, match="the disk is full; the old file is kept"):
        config.save()
    assert not config_path().exists()
