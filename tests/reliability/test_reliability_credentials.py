"""Hardening, round three, item 10 (issue 21): the account in use is the one the user chose,
or engtui says why not. Credentials come from real ``~/.aws/config`` files in the test's home
(static, assume-role, ``credential_process``, SSO), through a real boto3 client, against the
demo endpoint on 127.0.0.1 (or a port nothing listens on, for STS and the SSO portal).
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
