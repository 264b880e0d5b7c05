"""`Latest`, the one helper for stale answers (issue 20): an answer or progress report of a
request that is no longer the latest never reaches the screen, and one that comes after the
app has exited is dropped quietly (a worker's thread outlives the app)."""

from __future__ import annotations

from collections.abc import Callable

from engtui.widgets.latest import Latest


class RunningApp:
    def call_from_thread(self, callback: Callable[..., object], *args: object) -> object:
        return callback(*args)


class ExitedApp:
    def call_from_thread(self, callback: Callable[..., object], *args: object) -> object:
        raise RuntimeError("App is not running")


class Node:
    def __init__(self, app: object) -> None:
        self.app = app


def test_only_the_latest_requests_progress_is_run() -> None:
    latest = Latest(Node(RunningApp()))  # type: ignore[arg-type]
    seen: list[str] = []
    first = latest.start()
    latest.call_from_thread(first, seen.append, "first")
    second = latest.start()  # a newer request: the first one's reports are stale
    latest.call_from_thread(first, seen.append, "first, late")
    latest.call_from_thread(second, seen.append, "second")
    latest.drop()  # Escape
    latest.call_from_thread(second, seen.append, "second, after Escape")
    assert seen == ["first", "second"]
    assert not latest.is_latest(first) and not latest.is_latest(second)


def test_a_report_after_the_app_exited_is_dropped_quietly() -> None:
    latest = Latest(Node(ExitedApp()))  # type: ignore[arg-type]
    number = latest.start()
    latest.call_from_thread(number, print, "never")  # no RuntimeError
