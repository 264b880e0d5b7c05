"""A terminal harness: run a program in a real pseudo-terminal and time what a person sees.

The program runs under `pexpect` in a pty of a fixed size; everything it writes is fed to a
`pyte` screen (a VT100/xterm emulator), and `wait_for(text)` returns when that text first
appears on the emulated screen. So "time to first frame" means the moment the frame is on
the screen, not when some function returned.

Also what every figure module shares (bench/run.py, bench/list_figures.py, ...): the `Figure`
row, the private HOME (`bench_environment`), the demo endpoint in a process of its own
(`demo_endpoint`), another commit's tree (`worktree`) and how to start engtui there.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pexpect
import pyte

from engtui.demo import DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY

HERE = Path(__file__).resolve().parent  # bench/
ROOT = HERE.parent
PYTHON = sys.executable
FIVE_CONTEXTS = "eng-a1b2c3d4e5f6g7"
CATALOG = "Sandbox"
PROMPT = "Look up an engagement"  # the lookup screen's heading (the placeholder changed)


class Timeout(Exception):
    """The text did not appear in time."""


class Terminal:
    """One program in a pty, with an emulated screen."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        size: tuple[int, int] = (100, 30),
        env: dict[str, str] | None = None,
        cwd: str | None = None,
    ) -> None:
        columns, lines = size
        self.screen = pyte.Screen(columns, lines)
        self.stream = pyte.ByteStream(self.screen)
        self.bytes_written = 0  # everything the program wrote to its pty so far
        self.recording: bytearray | None = None  # set to a bytearray to keep what comes
        environment = {**os.environ, **(env or {})}
        environment.setdefault("TERM", "xterm-256color")
        environment["COLUMNS"], environment["LINES"] = str(columns), str(lines)
        self.started = time.perf_counter()
        self.child = pexpect.spawn(
            argv[0], list(argv[1:]), env=environment, cwd=cwd, dimensions=(lines, columns)
        )

    def _pump(self, timeout: float) -> None:
        try:
            data = self.child.read_nonblocking(65536, timeout=timeout)
        except pexpect.TIMEOUT:
            return
        except pexpect.EOF:
            raise Timeout("the program exited") from None
        self._feed(data)

    def _feed(self, data: bytes) -> None:
        self.bytes_written += len(data)
        if self.recording is not None:
            self.recording += data
        self.stream.feed(data)

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_until(self, predicate: Callable[[str], bool], timeout: float = 30.0) -> float:
        """Feed output until `predicate(screen text)` holds; return the time it happened."""
        deadline = time.perf_counter() + timeout
        while True:
            if predicate(self.text()):
                return time.perf_counter()
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise Timeout(f"not on screen after {timeout} s:\n{self.text()}")
            self._pump(min(remaining, 0.05))

    def wait_for(self, text: str, timeout: float = 30.0) -> float:
        return self.wait_until(lambda screen: text in screen, timeout)

    def send(self, keys: str) -> float:
        """Type `keys`; return the time just before they were written."""
        sent = time.perf_counter()
        self.child.send(keys)
        return sent

    def drain(self, quiet: float = 0.05) -> None:
        """Feed output until the program has been quiet for `quiet` seconds."""
        while True:
            try:
                data = self.child.read_nonblocking(65536, timeout=quiet)
            except (pexpect.TIMEOUT, pexpect.EOF):
                return
            self._feed(data)

    def next_output(self, timeout: float = 5.0) -> float:
        """Wait for the program's next output; return when it arrived."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            try:
                data = self.child.read_nonblocking(65536, timeout=0.5)
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                raise Timeout("the program exited") from None
            arrived = time.perf_counter()
            self._feed(data)
            return arrived
        raise Timeout(f"no output after {timeout} s")

    def settle(self, quiet: float = 0.1, timeout: float = 10.0) -> float:
        """Feed output until the program is quiet for `quiet` seconds; return the time the
        last output arrived (the moment the screen was last redrawn)."""
        last = time.perf_counter()
        deadline = last + timeout
        while time.perf_counter() < deadline:
            try:
                data = self.child.read_nonblocking(65536, timeout=quiet)
            except pexpect.TIMEOUT:
                return last
            except pexpect.EOF:
                raise Timeout("the program exited") from None
            last = time.perf_counter()
            self._feed(data)
        return last

    def peak_rss_mib(self) -> float:
        """Peak resident memory of the program (VmHWM), in MiB (Linux)."""
        with open(f"/proc/{self.child.pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        raise RuntimeError("no VmHWM")

    def close(self) -> None:
        if self.child.isalive():
            self.child.sendcontrol("q")
            with contextlib.suppress(pexpect.TIMEOUT, pexpect.EOF):
                self.child.expect(pexpect.EOF, timeout=3)
        self.child.close(force=True)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


# -- what every figure shares: one row of the table, and where it runs -----------------
@dataclass
class Figure:
    """One row of the table."""

    name: str
    title: str
    target: str
    engtui: list[float] = field(default_factory=list)
    baseline: list[float] = field(default_factory=list)
    against: list[float] = field(default_factory=list)
    unit: str = "ms"
    limit: float | None = None  # ratio limit (engtui / baseline), or absolute when no baseline
    absolute: bool = False
    delta: bool = False  # engtui - baseline instead of a ratio (memory)
    note: str = ""
    command: str = ""  # what runs on each side (printed under the table)

    def median(self, values: list[float]) -> float | None:
        return statistics.median(values) if values else None

    @property
    def value(self) -> float | None:
        ours, base = self.median(self.engtui), self.median(self.baseline)
        if ours is None:
            return None
        if self.absolute:
            return ours
        if base is None:
            return None
        return ours - base if self.delta else ours / base

    @property
    def met(self) -> bool | None:
        if self.value is None or self.limit is None:
            return None
        return self.value <= self.limit


@contextlib.contextmanager
def bench_environment() -> Iterator[dict[str, str]]:
    """A private HOME with the demo credentials, as a user of the demo endpoint would have."""
    home = Path(tempfile.mkdtemp(prefix="engtui-bench-"))
    env = {
        key: value for key, value in os.environ.items()
        if not key.startswith(("AWS_", "ENGTUI_", "PYTHON_KEYRING"))
    }
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_STATE_HOME=str(home / ".state"),
        XDG_CACHE_HOME=str(home / ".cache"),
        AWS_CONFIG_FILE=str(home / "aws-config"),
        AWS_SHARED_CREDENTIALS_FILE=str(home / "aws-credentials"),
        AWS_ACCESS_KEY_ID=DEMO_ACCESS_KEY_ID,
        AWS_SECRET_ACCESS_KEY=DEMO_SECRET_ACCESS_KEY,
        AWS_DEFAULT_REGION="us-east-1",
        AWS_EC2_METADATA_DISABLED="true",
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        PYTHONDONTWRITEBYTECODE="1",
    )
    (home / "aws-config").write_text(
        "[default]\nregion = us-east-1\ncli_timestamp_format = iso8601\n"
    )
    try:
        yield env
    finally:
        shutil.rmtree(home, ignore_errors=True)


def compile_tree(tree: Path) -> None:
    """Byte-compile engtui in ``tree`` first, as ``pip install`` does. The runs set
    PYTHONDONTWRITEBYTECODE, so a module edited since its last compile would otherwise be
    compiled from source on every run and the figures would depend on what was edited."""
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(tree / "engtui")], check=True,
                   capture_output=True)


@contextlib.contextmanager
def demo_endpoint(generate: int | None = None, latency: float | None = None,
                  quota: bool = True) -> Iterator[str]:
    """The demo endpoint in a process of its own (so it does not share our GIL); `latency`
    adds that many seconds to every answer; ``quota=False``: ``--no-quota``."""
    argv = [PYTHON, "-m", "engtui", "demo-server", "--port", "0", "--quiet"]
    if not quota:
        argv.append("--no-quota")
    if generate:
        argv += ["--generate", str(generate)]
    if latency:
        argv += ["--latency", str(latency)]
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert process.stdout is not None
        yield process.stdout.readline().strip()
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextlib.contextmanager
def worktree(rev: str | None) -> Iterator[Path | None]:
    """The tree at `rev` in a temporary folder (None: the current tree)."""
    if rev is None:
        yield None
        return
    folder = Path(tempfile.mkdtemp(prefix="engtui-against-"))
    subprocess.run(["git", "worktree", "add", "--detach", str(folder), rev], cwd=ROOT,
                   check=True, capture_output=True)
    compile_tree(folder)
    try:
        yield folder
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(folder)], cwd=ROOT,
                       check=False, capture_output=True)


def engtui_argv(tree: Path | None) -> tuple[list[str], dict[str, str]]:
    """How to start engtui from the current tree, or from another tree (same venv)."""
    if tree is None:
        return [PYTHON, "-m", "engtui"], {}
    # -P: `python -m` would put the working folder (this tree) first on sys.path, ahead of
    # PYTHONPATH, and measure this tree twice
    return [PYTHON, "-P", "-m", "engtui"], {"PYTHONPATH": str(tree)}
