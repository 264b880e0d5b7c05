"""Recently opened engagements, per profile and catalog, surviving restarts.

Kept in ``state_dir()/history.json`` (written atomically, mode 0600)::

    {"version": 1,
     "recent": [{"profile": "prod", "catalog": "AWS", "id": "eng-...", "title": "...",
                 "opened_at": "2025-01-31T12:00:00+00:00"}, ...]}

Newest first, at most :data:`MAX_PER_LIST` entries per (profile, catalog), one per id. The
profile is ``"environment"`` when none is active. A file that cannot be read as such is moved
aside to ``history.json.corrupt-<timestamp>`` and an empty history is used; ``message`` says
so. Two engtui processes saving at once: the last one wins.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from engtui.api.settings import ENVIRONMENT
from engtui.local.paths import atomic_write, describe_os_error, read_if_present, state_dir

MAX_PER_LIST = 50
FILE_NAME = "history.json"
_VERSION = 1


@dataclass(frozen=True)
class RecentEntry:
    """One opened engagement."""

    id: str
    title: str
    catalog: str
    opened_at: datetime


@dataclass
class RecentEngagements:
    """The recent engagements of every (profile, catalog) pair."""

    path: Path
    message: str | None = None
    _lists: dict[tuple[str, str], list[RecentEntry]] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, path: Path | None = None) -> RecentEngagements:
        """Read the history (``state_dir()/history.json`` by default); never raises for a
        bad file, which is moved aside (see :attr:`message`)."""
        path = state_dir() / FILE_NAME if path is None else Path(path)
        history = cls(path=path)
        raw, why = read_if_present(path)
        if raw is None:
            if why:
                history.message = f"could not read the recent engagements in {path}: {why}"
            return history
        try:
            history._lists = _parse(json.loads(raw.decode("utf-8")))
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
            history.message = _set_aside(path)
        return history

    def recent(self, profile: str | None, catalog: str) -> list[RecentEntry]:
        """The entries for a profile (None: no profile) and catalog, newest first."""
        return list(self._lists.get(_key(profile, catalog), []))

    def add(
        self, profile: str | None, catalog: str, id: str, title: str, *, at: datetime | None = None
    ) -> RecentEntry:
        """Record that an engagement was opened now (or ``at``); moves it to the front."""
        entry = RecentEntry(id, title, catalog, at or datetime.now(UTC))
        key = _key(profile, catalog)
        entries = [old for old in self._lists.get(key, []) if old.id != id]
        self._lists[key] = [entry, *entries][:MAX_PER_LIST]
        return entry

    def snapshot(self) -> RecentEngagements:
        """A copy to save from another thread while this one keeps changing."""
        lists = {key: list(entries) for key, entries in self._lists.items()}
        return RecentEngagements(self.path, self.message, lists)

    def save(self) -> str | None:
        """Write the history atomically (0600, folder 0700). Never raises for a disk that
        is full or read-only: returns what went wrong, in words (None: saved), and the old
        file stays as it was."""
        recent = [
            {
                "profile": profile,
                "catalog": catalog,
                "id": entry.id,
                "title": entry.title,
                "opened_at": entry.opened_at.isoformat(),
            }
            for (profile, catalog), entries in self._lists.items()
            for entry in entries
        ]
        data = json.dumps({"version": _VERSION, "recent": recent}, ensure_ascii=False, indent=1)
        try:
            atomic_write(self.path, data.encode("utf-8"))
        except OSError as exc:
            message = f"could not save the recent engagements: {describe_os_error(exc)}"
            logging.getLogger(__name__).warning("%s", message)
            return message
        return None


def _key(profile: str | None, catalog: str) -> tuple[str, str]:
    return (profile or ENVIRONMENT, catalog)


def _parse(data: Any) -> dict[tuple[str, str], list[RecentEntry]]:
    """The lists from a decoded file; raises ValueError/TypeError/KeyError when malformed."""
    if not isinstance(data, dict) or data.get("version") != _VERSION:
        raise ValueError("not an engtui history file")
    lists: dict[tuple[str, str], list[RecentEntry]] = {}
    for item in data["recent"]:
        values = [item[name] for name in ("profile", "catalog", "id", "title", "opened_at")]
        if not all(isinstance(value, str) for value in values):
            raise TypeError("history entries hold strings")
        profile, catalog, id, title, opened_at = values
        entries = lists.setdefault((profile, catalog), [])
        if len(entries) < MAX_PER_LIST and all(old.id != id for old in entries):
            entries.append(RecentEntry(id, title, catalog, datetime.fromisoformat(opened_at)))
    return lists


def _set_aside(path: Path) -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    try:
        os.replace(path, aside)
    except OSError as exc:
        return f"the recent engagements file {path} is damaged and could not be moved: {exc}"
    return f"the recent engagements file was damaged; moved it to {aside} and started afresh"
