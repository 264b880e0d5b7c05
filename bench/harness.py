"""A terminal harness: run a program in a real pseudo-terminal and time what a person sees.

The program runs under `pexpect` in a pty of a fixed size; everything it writes is fed to a
`pyte` screen (a VT100/xterm emulator), and `wait_for(text)` returns when that text first
appears on the emulated screen. So "time to first frame" means the moment the frame is on
the screen, not when some function returned.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Sequence

import pexpect
import pyte


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
