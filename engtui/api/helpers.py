"""The ``credential_process`` helpers botocore starts for engtui: bounded and ended with it.

botocore runs a profile's ``credential_process`` with ``subprocess.Popen(...).communicate()``
and no timeout: a helper that hangs (waiting for a browser, a hardware key, a network) hangs
the call for ever, and a helper still running when engtui quits is left behind, owned by
init. `HelperProcess` is the ``popen`` botocore's `ProcessProvider` accepts as a constructor
argument (`guard` puts it in the client's credential chain, the assume-role source chain
included). It

- starts the helper in its own session (its own process group, no controlling terminal) with
  stdin from ``/dev/null``, so it cannot read the keys the TUI is waiting for or draw on the
  terminal, and so it and every process it starts can be ended together;
- waits for it only as long as the call's deadline (`engtui.api.deadline`) allows, then ends
  the whole group and raises `HelperFailed` (a credentials problem naming the helper);
- refuses output that is not JSON as a credentials problem, not a malformed service reply
  (the output itself, which holds secrets, is never quoted);
- ends every helper still running when engtui leaves (`end_all`: at exit, on SIGTERM/SIGHUP).

The helper's environment is engtui's own: engtui never puts a secret into its environment
(keyring secrets go to botocore as values), so a helper sees no more than the shell gave.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import signal
import subprocess
import threading
from collections.abc import Iterator
from typing import Any

from engtui.api import deadline
from engtui.api.helper_errors import HelperFailed
from engtui.api.settings import DEFAULT_DEADLINE

_live: set[HelperProcess] = set()
_live_lock = threading.Lock()
_atexit_registered = False


class HelperProcess(subprocess.Popen):  # type: ignore[type-arg]
    """A ``credential_process`` helper, run the way botocore asks but bounded (see above)."""

    def __init__(self, args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("stdin", subprocess.DEVNULL)
        kwargs["start_new_session"] = True
        argv = list(args) if isinstance(args, list | tuple) else [str(args)]
        self.program = os.path.basename(str(argv[0])) if argv else "?"
        super().__init__(args, **kwargs)
        _remember(self)

    def communicate(self, input: Any = None, timeout: float | None = None) -> tuple[Any, Any]:
        budget = deadline.current()
        seconds = budget.seconds if budget else DEFAULT_DEADLINE
        left = budget.remaining() if budget else DEFAULT_DEADLINE
        try:
            out, err = super().communicate(input, timeout=max(left, 0.001))
        except subprocess.TimeoutExpired:
            self.end()
            raise HelperFailed(
                program=_quoted(self.program),
                reason=f"did not finish within the deadline of {seconds:g} s; engtui ended it.",
            ) from None
        except BaseException:  # an interrupt or a signal: the helper goes with the call
            self.end()
            raise
        finally:
            _forget(self)
        if self.returncode != 0:
            detail = _first_line(err)
            raise HelperFailed(
                program=_quoted(self.program),
                reason=f"failed (exit status {self.returncode})"
                + (f": {detail}" if detail else "."),
            )
        try:
            json.loads(out.decode("utf-8") if isinstance(out, bytes) else out)
        except (ValueError, UnicodeDecodeError):
            raise HelperFailed(
                program=_quoted(self.program),
                reason="printed something that is not the JSON credentials botocore expects.",
            ) from None
        return out, err

    def end(self) -> None:
        """End the helper and everything it started (its process group), then reap it."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, signal.SIGKILL)
        with contextlib.suppress(Exception):
            self.kill()
        with contextlib.suppress(Exception):
            self.wait(timeout=5)
        _forget(self)


def _quoted(text: str) -> str:
    from engtui.textsafe import printable

    return f"“{printable(text, limit=80)}”"


def _first_line(raw: Any) -> str:
    from engtui.textsafe import printable

    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", "replace")
    lines = [line.strip() for line in str(raw or "").splitlines() if line.strip()]
    return printable(lines[0], limit=200) if lines else ""


def _remember(process: HelperProcess) -> None:
    global _atexit_registered
    with _live_lock:
        _live.add(process)
        if not _atexit_registered:
            atexit.register(end_all)
            _atexit_registered = True


def _forget(process: HelperProcess) -> None:
    with _live_lock:
        _live.discard(process)


def end_all() -> None:
    """End every helper still running (engtui is leaving)."""
    with _live_lock:
        running = list(_live)
    for process in running:
        process.end()


def running() -> list[int]:
    """The process ids of the helpers running now (for tests and doctor)."""
    with _live_lock:
        return sorted(process.pid for process in _live)


@contextlib.contextmanager
def ended_on_signals() -> Iterator[None]:
    """Inside the block, SIGTERM and SIGHUP end the command the way an interrupt does
    (``SystemExit(128 + signal)``), so a helper running then is ended with it (from the main
    thread only; elsewhere a no-op)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def leave(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = {signum: signal.signal(signum, leave) for signum in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def guard(session: Any) -> None:
    """Put `HelperProcess` in ``session``'s credential chain: the profile's own
    ``credential_process`` and that of an assume-role ``source_profile``."""
    from botocore.credentials import ProcessProvider

    resolver = session.get_component("credential_provider")
    if "custom-process" in [provider.METHOD for provider in resolver.providers]:
        profile = session.get_config_variable("profile") or "default"
        replacement = ProcessProvider(
            profile_name=profile, load_config=lambda: session.full_config, popen=HelperProcess
        )
        resolver.insert_after("custom-process", replacement)
        resolver.remove("custom-process")  # the first of the two: botocore's own
    assume_role = resolver.get_provider("assume-role") if "assume-role" in [
        provider.METHOD for provider in resolver.providers] else None
    builder = getattr(assume_role, "_profile_provider_builder", None)
    if builder is not None and hasattr(builder, "_create_process_provider"):
        # botocore builds the source profile's chain when the role is assumed, through this
        # builder; the one private touch (like the MFA prompter in engtui.api.service).
        def create(profile_name: str) -> Any:
            return ProcessProvider(
                profile_name=profile_name, load_config=lambda: session.full_config,
                popen=HelperProcess,
            )

        builder._create_process_provider = create
