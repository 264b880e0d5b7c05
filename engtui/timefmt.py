"""Timestamps for people: UTC ISO 8601 plus a relative phrase ("3 days ago")."""

from __future__ import annotations

import datetime as dt

_UNITS = (
    (365 * 86400, "year"),
    (30 * 86400, "month"),
    (7 * 86400, "week"),
    (86400, "day"),
    (3600, "hour"),
    (60, "minute"),
)


def relative(when: dt.datetime, now: dt.datetime) -> str:
    """``3 days ago`` / ``in 2 hours`` / ``just now``."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    seconds = (now - when).total_seconds()
    future = seconds < 0
    seconds = abs(seconds)
    for size, unit in _UNITS:
        if seconds >= size:
            count = int(seconds // size)
            phrase = f"{count} {unit}{'s' if count != 1 else ''}"
            return f"in {phrase}" if future else f"{phrase} ago"
    return "just now"


def utc_iso(when: dt.datetime) -> str:
    """``2026-03-01T20:37:46Z`` (seconds precision, UTC)."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def human(when: dt.datetime, now: dt.datetime) -> str:
    """``2026-03-01T20:37:46Z (3 days ago)``."""
    return f"{utc_iso(when)} ({relative(when, now)})"
