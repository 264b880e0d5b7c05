"""The recent engagements of this profile and catalog: loaded, remembered and saved.

The app holds one `RecentHistory` (composed, not mixed in). Everything that touches the
history file runs in a daemon thread (`engtui.threads.in_daemon_thread`) inside an app
worker, so a slow disk never freezes the screen. A record opened before the file has been
read is kept aside and added once it is loaded: the file is never saved over unread.
Whoever shows the list (the lookup screen) subscribes to `changed`, a Textual `Signal`, and
reads `shown` (at most `RECENT_LIMIT` items, newest first).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.signal import Signal

from engtui.threads import in_daemon_thread
from engtui.widgets.recent_list import RecentItem

if TYPE_CHECKING:
    import datetime as dt

    from textual.app import App

    from engtui.api.records import Record
    from engtui.profiles.history import RecentEngagements

RECENT_LIMIT = 20
"""How many recent engagements the lookup screen lists."""


class RecentHistory:
    """Recent engagements for the app; ``scope()`` says whose list is shown."""

    def __init__(
        self, app: App[object], scope: Callable[[], tuple[str, str]],
        now: Callable[[], dt.datetime],
    ) -> None:
        self._app = app
        self._scope = scope  # () -> (profile label, catalog)
        self._now = now
        self._history: RecentEngagements | None = None
        self._pending: list[tuple[str, str, str, str]] = []
        self._saves = 0
        self._written = 0
        self._lock = threading.Lock()
        self.shown: list[RecentItem] = []
        self.changed: Signal[list[RecentItem]] = Signal(app, "recent-changed")

    @property
    def loaded(self) -> bool:
        return self._history is not None

    async def load(self) -> None:
        """Read the history file (in a daemon thread); say so if it had to be set aside."""
        from engtui.profiles.history import RecentEngagements

        history = await in_daemon_thread(RecentEngagements.load, "engtui-history")
        if history.message:
            self._app.notify(history.message, title="Recent engagements", severity="warning",
                             markup=False, timeout=10)
        with self._lock:
            for profile, catalog, identifier, title in reversed(self._pending):
                history.add(profile, catalog, identifier, title)
            self._history = history
        if self._pending:
            self._pending.clear()
            self._save()
        self.update()

    def remember(self, record: Record) -> None:
        """Record an opened engagement for the active profile and its catalog."""
        if record.kind.name != "engagement":
            return  # the history lists engagements (the lookup screen's numbers reopen them)
        profile, _ = self._scope()
        entry = (profile, record.catalog, record.id, record.title)
        with self._lock:
            if self._history is None:  # not loaded yet: never save over the file unread
                self._pending.insert(0, entry)
            else:
                self._history.add(*entry, at=self._now())
        if self._history is not None:
            self._save()
        self.update()

    def update(self) -> None:
        """Work out the list for the current profile and catalog, and publish it."""
        profile, catalog = self._scope()
        if self._history is not None:
            with self._lock:
                entries = self._history.recent(profile, catalog)
            items = [RecentItem(e.id, e.catalog, e.title) for e in entries]
        else:
            items = [RecentItem(i, c, t) for p, c, i, t in self._pending
                     if p == profile and c == catalog]
        self.shown = items[:RECENT_LIMIT]
        self.changed.publish(self.shown)

    def save_now(self) -> None:
        """Write the history in the calling thread (on the way out after a signal, when the
        background save of the last lookup may have been cut short); never raises for a
        disk that refuses."""
        if self._history is None:
            return
        with self._lock:
            snapshot = self._history.snapshot()
        with contextlib.suppress(OSError):
            snapshot.save()

    def _save(self) -> None:
        self._app.run_worker(self._write(), group="history-save", exit_on_error=False)

    async def _write(self) -> None:
        if self._history is None:
            return
        with self._lock:
            self._saves += 1
            number = self._saves
            snapshot = self._history.snapshot()

        def write() -> str | None:
            with self._lock:
                if number < self._written:
                    return None  # a newer save already went out
                self._written = number
            return snapshot.save()  # a refusing disk is said in words, never raised

        problem = await in_daemon_thread(write, "engtui-history-save")
        if problem:
            self._app.notify(problem.capitalize() + ". The history file was left as it was.",
                             title="Recent engagements", severity="warning", markup=False)
