"""Launching the TUI: only in a terminal, and ended cleanly by SIGTERM/SIGHUP.

With stdin or stdout not a terminal (a pipe, a file, cron) the TUI is refused with one line
that points at ``engtui get`` (it would otherwise fill the file with escape sequences).
SIGTERM and SIGHUP (an SSH link that drops) end it the way ctrl+q does: the terminal
restored, the recent engagements saved, exit status 128 + the signal's number.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from engtui.app import EngtuiApp


NO_TERMINAL = (
    "the interactive browser needs a terminal (stdin and stdout are not both one); "
    "in scripts use `engtui get ID` (add --json for JSON)"
)


def in_a_terminal() -> bool:
    """Are stdin and stdout both a terminal (the TUI's condition)?"""
    return _is_tty(sys.stdin) and _is_tty(sys.stdout)


def _is_tty(stream: TextIO | None) -> bool:
    try:
        return stream is not None and os.isatty(stream.fileno())
    except (OSError, ValueError):
        return False


SIGNAL_EXIT_GRACE = 5.0
"""Seconds engtui may take to end after SIGTERM/SIGHUP before it leaves without the UI."""


def run_app(app: EngtuiApp) -> int:
    """Run the TUI; SIGTERM and SIGHUP (an SSH link dropping) end it the way ctrl+q does:
    the terminal restored (normal screen, cursor shown, mouse off), the recent engagements
    saved; the exit status is then 128 + the signal's number."""
    import signal

    received: list[int] = []

    def on_signal(signum: int, _frame: object) -> None:
        if received:
            return  # already on the way out
        received.append(signum)
        import asyncio

        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # not started yet, or already stopped: leave now
            raise SystemExit(128 + signum) from None
        loop.call_soon_threadsafe(app.exit)
        # A safety net: should the exit itself hang (a terminal that is gone), save what
        # must be saved and leave anyway.
        import threading

        def force() -> None:
            _save_history_now(app)
            helpers = sys.modules.get("engtui.api.helpers")  # os._exit skips atexit
            if helpers is not None:
                helpers.end_all()  # a credential_process helper goes with engtui
            os._exit(128 + signum)

        timer = threading.Timer(SIGNAL_EXIT_GRACE, force)
        timer.daemon = True
        timer.start()

    wanted = [signal.SIGTERM, signal.SIGHUP]
    previous = {signum: signal.signal(signum, on_signal) for signum in wanted}
    try:
        app.run()
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if received:
            _save_history_now(app)
    return 128 + received[0] if received else 0


def _save_history_now(app: EngtuiApp) -> None:
    """Write the recent engagements once more on the way out: the app saves them after each
    lookup in a background thread, which an exit (a signal) may cut short."""
    recent = getattr(app, "recent", None)
    if recent is not None:
        recent.save_now()
