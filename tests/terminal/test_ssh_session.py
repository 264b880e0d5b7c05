"""A real SSH session (issue 6 §7): sshd on 127.0.0.1, ``ssh -tt`` inside tmux at 80x24.

The fixture starts the system's ``sshd`` on a spare loopback port with a host key and a user
key made for the test in a temporary folder (its own config file, no PAM, root login by key
only since CI runs as root). The test logs in with ``ssh -tt`` inside a tmux pane (a socket of
its own) and runs ``engtui --demo`` there with a private HOME and XDG folders and no D-Bus
session, the way a jump host looks: it looks an engagement up, opens the tree, copies a value
(the OSC 52 sequence crosses SSH and tmux turns it into a paste buffer: ``set-clipboard on``)
and quits with exit status 0. ``engtui doctor`` over the same SSH reports the keyring as
unusable and returns. Also with ``TERM=screen`` and with ``NO_COLOR=1``.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from test_reliability_hostile import Tmux

SSHD = shutil.which("sshd") or "/usr/sbin/sshd"
ENGTUI = Path(sys.executable).with_name("engtui")
BUNDLED_ID = "eng-a1b2c3d4e5f6g7"
# The 256-colour palette's greys: black, white, the grey ramp and the basic greys.
GREYS = {0, 7, 8, 15, 16, 231, *range(232, 256)}


@dataclass
class SshServer:
    port: int
    key: Path
    user: str
    home: Path

    def ssh_args(self, *, tty: bool) -> list[str]:
        return [
            "ssh", *(["-tt"] if tty else ["-T"]), "-i", str(self.key), "-p", str(self.port),
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
            "-o", "BatchMode=yes", "-o", "LogLevel=ERROR", f"{self.user}@127.0.0.1",
        ]

    def remote(self, command: str, **env: str) -> str:
        """A remote command line with a private HOME/XDG and nothing else from the session
        (no DBUS_SESSION_BUS_ADDRESS: over SSH there is no D-Bus session)."""
        values = {
            "HOME": str(self.home),
            "XDG_CONFIG_HOME": str(self.home / ".config"),
            "XDG_STATE_HOME": str(self.home / ".local" / "state"),
            "XDG_CACHE_HOME": str(self.home / ".cache"),
            "XDG_DATA_HOME": str(self.home / ".local" / "share"),
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "TERM": "xterm-256color",
            **env,
        }
        assigns = " ".join(f"{key}={shlex.quote(value)}" for key, value in values.items())
        return f"env -i {assigns} {command}"


def _spare_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def sshd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SshServer]:
    if not os.path.exists(SSHD):
        if os.geteuid() == 0:
            pytest.fail("sshd is missing: scripts/test installs openssh-server when run as root")
        pytest.skip("needs sshd (openssh-server), which scripts/test installs only as root")
    folder = tmp_path_factory.mktemp("sshd")
    for name in ("host_key", "user_key"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(folder / name)],
                       check=True, timeout=30)
    (folder / "authorized_keys").write_text((folder / "user_key.pub").read_text())
    os.chmod(folder / "user_key", 0o600)
    if os.geteuid() == 0:
        os.makedirs("/run/sshd", mode=0o755, exist_ok=True)  # privilege separation folder
    port = _spare_port()
    config = folder / "sshd_config"
    config.write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {folder / 'host_key'}\n"
        f"PidFile {folder / 'sshd.pid'}\nAuthorizedKeysFile {folder / 'authorized_keys'}\n"
        "PermitRootLogin prohibit-password\nPubkeyAuthentication yes\n"
        "PasswordAuthentication no\nKbdInteractiveAuthentication no\nUsePAM no\n"
        "StrictModes no\nX11Forwarding no\nPrintMotd no\nPrintLastLog no\n",
        encoding="utf-8",
    )
    log = open(folder / "sshd.log", "wb")  # noqa: SIM115 - closed below
    process = subprocess.Popen([SSHD, "-D", "-e", "-f", str(config)], stdout=log, stderr=log)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError((folder / "sshd.log").read_text())
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.1)
    home = folder / "home"
    home.mkdir()
    try:
        yield SshServer(port, folder / "user_key", getpass.getuser(), home)
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


@pytest.fixture
def pane(request: pytest.FixtureRequest, tmux_shell: str) -> Iterator[Tmux]:
    if shutil.which("tmux") is None:
        pytest.skip("needs tmux (scripts/test installs it)")
    session = Tmux("ssh-" + request.node.name[-16:].strip("[]").replace("[", "-"), tmux_shell)
    yield session
    session.kill()


def test_engtui_doctor_over_ssh_reports_no_keyring_and_returns(sshd: SshServer) -> None:
    started = time.monotonic()
    result = subprocess.run(
        [*sshd.ssh_args(tty=False), sshd.remote(f"{ENGTUI} doctor")],
        capture_output=True, text=True, timeout=90, check=False,
    )
    took = time.monotonic() - started
    text = result.stdout + result.stderr
    assert "keyring" in text.lower(), text
    lowered = text.lower()
    assert any(word in lowered for word in ("unusable", "not usable", "no usable")), text
    assert "D-Bus" in text or "dbus" in text.lower(), text
    print(f"engtui doctor over ssh: {took:.1f} s")


@pytest.mark.parametrize(
    ("term", "extra"),
    [("xterm-256color", {}), ("screen", {}), ("xterm-256color", {"NO_COLOR": "1"})],
    ids=["xterm-256color", "TERM=screen", "NO_COLOR=1"],
)
def test_engtui_demo_in_a_real_ssh_session(
    sshd: SshServer, pane: Tmux, term: str, extra: dict[str, str]
) -> None:
    command = shlex.join([*sshd.ssh_args(tty=True),
                          sshd.remote(f"{ENGTUI} --demo", TERM=term, **extra)])
    pane.start(f"{command}; echo ENGTUI-SSH-EXIT=$?; sleep 30", {"TERM": term}, size=(80, 24))
    pane.wait_for(lambda text: "Look up an engagement" in text, timeout=60)
    # The profiles screen (F2) reports the keyring's state: no D-Bus over SSH.
    keyring = pane.press_until("F2", lambda text: "Keyring:" in text and "D-Bus" in text)
    assert "unavailable" in keyring
    pane.send("Escape")
    pane.wait_for(lambda text: "Look up an engagement" in text)
    pane.run("send-keys", "-t", pane.target, "-l", BUNDLED_ID)
    pane.wait_for(lambda text: BUNDLED_ID in text)
    pane.send("Enter")
    pane.wait_for(lambda text: "Contexts (" in text, timeout=30)
    time.sleep(0.5)
    tree = pane.press_until("e", lambda text: "Customer" in text and "Id:" in text)
    pane.send("j")  # the first context's Id, a leaf
    time.sleep(0.3)
    pane.send("y")
    pane.wait_for(lambda text: "Copied" in text, timeout=15)
    copied = pane.run("show-buffer", check=False)
    assert copied.strip(), "the OSC 52 copy did not reach tmux through SSH"
    assert f"Id: {copied.strip()}" in tree
    colours = pane.run("capture-pane", "-p", "-e", "-t", pane.target)
    if "NO_COLOR" in extra:  # Textual draws in shades of grey: no hue at all
        indexed = {int(n) for n in re.findall(r"[34]8;5;(\d+)", colours)}
        assert indexed and indexed <= GREYS, sorted(indexed - GREYS)
        assert "38;2;" not in colours and "48;2;" not in colours
    if term == "screen":
        assert "38;2;" not in colours  # no true colour on a screen terminal
    pane.send("C-q")
    after = pane.wait_for(lambda text: "ENGTUI-SSH-EXIT=" in text, timeout=30)
    assert "ENGTUI-SSH-EXIT=0" in after  # engtui and ssh exited cleanly
    assert "Traceback" not in after and "Look up an engagement" not in after
    assert pane.display("#{alternate_on}") == "0"  # the normal screen is back


def _pids_with_mark(mark: str) -> list[int]:
    """The processes whose environment holds ``ENGTUI_TEST_MARK=mark``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                environ = (entry / "environ").read_bytes()
            except OSError:
                continue
            if f"ENGTUI_TEST_MARK={mark}".encode() in environ.split(b"\0"):
                found.append(int(entry.name))
    return found


def _children(pid: int, name: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            command, _, rest = stat.partition(") ")
            if command.endswith(f"({name}") and int(rest.split()[1]) == pid:
                found.append(int(entry.name))
    return found


def test_a_dropped_link_during_a_list_load_ends_engtui(sshd: SshServer, pane: Tmux) -> None:
    """Issue 21, item 12: the SSH link drops (the client is killed) while the engagement
    list waits for a slow page: engtui on the far side ends too, nothing is left running."""
    import uuid

    from support import DEMO_KEY_ID, DEMO_SECRET

    from engtui.demo.server import DemoServer

    server = DemoServer(access_key_id=DEMO_KEY_ID, secret_access_key=DEMO_SECRET,
                        latency={"SearchEngagements": 120.0, "ListEngagements": 120.0})
    url = server.start()
    mark = uuid.uuid4().hex
    try:
        remote = sshd.remote(f"{ENGTUI} --endpoint-url {url} --catalog Sandbox",
                             AWS_ACCESS_KEY_ID=DEMO_KEY_ID, AWS_SECRET_ACCESS_KEY=DEMO_SECRET,
                             ENGTUI_TEST_MARK=mark)
        command = shlex.join([*sshd.ssh_args(tty=True), remote])
        pane.start(f"{command}; echo ENGTUI-SSH-EXIT=$?; sleep 30", {}, size=(80, 24))
        pane.wait_for(lambda text: "Look up an engagement" in text, timeout=60)
        pane.press_until("C-l", lambda text: "Loading…" in text)
        running = _pids_with_mark(mark)
        assert running, "the remote engtui was not found"
        shell = int(pane.display("#{pane_pid}"))
        clients = _children(shell, "ssh")
        assert clients, "the ssh client was not found"
        for pid in clients:
            os.kill(pid, 9)  # the link drops: no goodbye from the client side
        deadline = time.monotonic() + 30  # a bound for a hang, not a timing assertion
        while _pids_with_mark(mark) and time.monotonic() < deadline:
            time.sleep(0.2)
        left = _pids_with_mark(mark)
    finally:
        for pid in _pids_with_mark(mark):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, 9)
        server.stop()
    assert left == [], f"engtui still running after the link dropped: {left}"
