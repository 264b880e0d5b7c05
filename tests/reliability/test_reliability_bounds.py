"""Hardening, round three (issue 21, items 3-7): a profile that cannot be used is refused,
bounded lists, files that cannot block, honest failures. Real wire: the demo endpoint's
faults (``endless``, ``many-headers``, ``unknown-error``) through a real boto3 client; real
FIFOs made with ``os.mkfifo``. The ``engtui list`` output contract (no result on failure,
``--max-items``) is in ``tests/unit/test_cli_list.py``; the TUI's row budget in
``tests/app/test_engagement_list.py``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_cli import run_cli
from test_cli_kinds import demo_env  # noqa: F401 - a fixture, used by name

FIRST = "eng-a1b2c3d4e5f6g7"
HOSTILE_CODE = "\x1b]2;PWN\x1b\\\x1b]52;c;UFdOCg==\x1b\\Frobnicated[bold]"


def get(capsys, server, *args: str) -> tuple[int, str, str]:
    return run_cli(capsys, "get", *args, "--endpoint-url", server.url, "--catalog", "Sandbox",
                   "--max-attempts", "1")


# -- item 7: an error code engtui does not know ---------------------------------------------
def test_an_unknown_error_code_is_rejected_by_the_service_not_a_bug(
        capsys, demo_env, make_demo_server) -> None:  # noqa: F811
    server = make_demo_server(faults={FIRST: {"kind": "unknown-error", "code": HOSTILE_CODE,
                                              "message": "no \x1b[31mway"}})
    code, out, err = get(capsys, server, FIRST)
    assert (code, out) == (5, "")
    assert err.startswith("engtui: error: The service rejected the request (")
    assert "bug" not in err and "\x1b" not in err
    assert "\\e]2;PWN" in err and "Frobnicated[bold]" in err  # the code, escaped


def test_a_plain_unknown_error_code_is_said_with_its_code(capsys, demo_env,  # noqa: F811
                                                          make_demo_server) -> None:
    server = make_demo_server(faults={FIRST: {"kind": "unknown-error",
                                              "code": "QuotaExhaustedException"}})
    code, _, err = get(capsys, server, FIRST)
    assert code == 5 and "(QuotaExhaustedException)" in err


def test_five_thousand_response_headers_are_a_malformed_reply(capsys, demo_env,  # noqa: F811
                                                              make_demo_server) -> None:
    server = make_demo_server(faults={FIRST: "many-headers"})
    code, out, err = get(capsys, server, FIRST)
    assert (code, out) == (10, "")
    assert "not valid HTTP (got more than 100 headers)" in err and "Could not reach" not in err


def test_a_refused_connection_is_still_the_network(capsys, demo_env) -> None:  # noqa: F811
    import socket

    with socket.socket() as spare:
        spare.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{spare.getsockname()[1]}"
    code, _, err = run_cli(capsys, "get", FIRST, "--endpoint-url", url, "--catalog",
                           "Sandbox", "--max-attempts", "1")
    assert code == 8 and "Could not reach" in err


# -- item 3: a profile that cannot be used is refused, never replaced -----------------------
UNUSABLE = ('default_profile = "local"\n[profiles.local]\nendpoint_url = "localhost:4566"\n'
            'catalog = "Sandbox"\n[profiles.ok]\ncatalog = "Sandbox"\n')


def write_config(home: Path, text: str) -> Path:
    path = home / ".config" / "engtui" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [["get", FIRST], ["list", "groups"]])
def test_an_unusable_default_profile_is_refused_not_replaced(
        capsys, demo_env, demo_server, isolated_home: Path, command: list[str]) -> None:  # noqa: F811
    path = write_config(isolated_home, UNUSABLE)
    demo_server.clear_requests()
    code, out, err = run_cli(capsys, *command)
    assert (code, out) == (2, "")
    assert err.startswith("engtui: error: profile 'local' cannot be used: endpoint_url must be")
    assert "(it is 'localhost:4566')" in err and f"{path}, line 3" in err
    assert demo_server.received_operations() == []


def test_profile_option_naming_an_unusable_profile_says_so(
        capsys, demo_env, isolated_home: Path) -> None:  # noqa: F811
    write_config(isolated_home, UNUSABLE.replace('default_profile = "local"\n', ""))
    code, _, err = run_cli(capsys, "get", FIRST, "--profile", "local")
    assert code == 2 and "profile 'local' cannot be used" in err
    assert "no profiles are configured" not in err
    code, _, err = run_cli(capsys, "get", FIRST, "--profile", "nope")
    assert code == 2 and "known profiles: local (cannot be used), ok" in err


def test_an_explicit_good_profile_still_works_beside_an_unusable_one(
        capsys, demo_env, demo_server, isolated_home: Path) -> None:  # noqa: F811
    write_config(isolated_home, UNUSABLE)
    code, out, err = run_cli(capsys, "get", FIRST, "--profile", "ok", "--endpoint-url",
                             demo_server.url, "--json")
    assert code == 0 and json.loads(out)["Id"] == FIRST, err


# -- item 4: a FIFO (or any file that is not a regular one) never blocks a command ----------
def engtui(*args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    """The real `engtui` in a subprocess (the environment is the test's private home); the
    timeout only guards the run: a command blocked in open() would never end."""
    return subprocess.run([sys.executable, "-m", "engtui", *args], capture_output=True,
                          text=True, timeout=timeout, stdin=subprocess.DEVNULL)


def fifo(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return path


@pytest.mark.usefixtures("demo_env")
def test_a_fifo_config_file_blocks_no_command(isolated_home: Path, demo_server) -> None:
    config = fifo(isolated_home / ".config" / "engtui" / "config.toml")
    words = f"{config}: cannot read: it is a FIFO (named pipe), not a regular file"
    got = engtui("get", FIRST, "--endpoint-url", demo_server.url, "--catalog", "Sandbox")
    assert got.returncode == 0 and FIRST in got.stdout
    assert f"engtui: warning: {words}" in got.stderr and "running on the AWS environment" in (
        got.stderr)
    doctor = engtui("doctor")
    assert doctor.returncode == 1 and words in doctor.stdout + doctor.stderr
    listed = engtui("profiles", "list")
    assert listed.returncode == 1 and words in listed.stdout + listed.stderr


@pytest.mark.usefixtures("demo_env")
def test_a_fifo_aws_config_is_refused_with_its_path(isolated_home: Path, demo_server) -> None:
    aws = fifo(isolated_home / ".aws" / "config")
    got = engtui("get", FIRST, "--endpoint-url", demo_server.url, "--catalog", "Sandbox")
    assert got.returncode == 9 and got.stdout == ""
    assert f"{aws} cannot be used: cannot be read: a FIFO (named pipe)" in got.stderr
    doctor = engtui("doctor", "--offline")  # no endpoint of the test's: no call to AWS
    assert f"{aws}: cannot be read: a FIFO (named pipe)" in doctor.stdout


def test_a_fifo_history_file_is_refused_and_the_app_starts(isolated_home: Path) -> None:
    from engtui.profiles.history import RecentEngagements

    history = fifo(isolated_home / ".local" / "state" / "engtui" / "history.json")
    loaded = RecentEngagements.load()  # would block in open() for ever
    assert loaded.message == (f"could not read the recent engagements in {history}: it is a "
                              "FIFO (named pipe), not a regular file (engtui does not wait "
                              "on it)")


def test_one_reader_refuses_every_kind_of_special_file(tmp_path: Path) -> None:
    from engtui.local.reading import NotRegularFile, read_regular_file

    with pytest.raises(NotRegularFile, match="is a FIFO"):
        read_regular_file(fifo(tmp_path / "pipe"))
    with pytest.raises(NotRegularFile, match="is a folder"):
        read_regular_file(tmp_path)
    with pytest.raises(NotRegularFile, match="is a character device"):
        read_regular_file("/dev/null")
    (tmp_path / "file").write_bytes(b"ok")
    os.symlink(tmp_path / "file", tmp_path / "link")
    assert read_regular_file(tmp_path / "link") == b"ok"


# -- item 5: the repeated-token guard keeps digests, not tokens --------------------------------
def test_the_repeated_token_guard_does_not_keep_the_tokens() -> None:
    """3,000 pages, each with a new token of the model's maximum length: kept whole, the
    tokens alone would hold 6 MB; as digests, well under 1 MB. (The paging loop itself;
    over the wire 3,000 pages take too long for the suite: the CLI figure is in
    docs/reliability.md.)"""
    import tracemalloc

    from engtui.api.paging import iter_pages, next_token_limit

    size = next_token_limit("ListEngagementGroups")
    count = 0

    def fetch(token: str | None) -> dict:
        nonlocal count
        count += 1
        more = {"NextToken": f"{count:08d}".ljust(size, "x")} if count < 3000 else {}
        return {"Items": [], **more}

    tracemalloc.start()
    try:
        pages = sum(1 for _ in iter_pages(fetch, "Items", operation="ListEngagementGroups"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert pages == 3000 and peak < 1_000_000
