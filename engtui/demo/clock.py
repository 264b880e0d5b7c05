"""The bundled demo data follows the clock.

``sample_data.json`` was written for one moment, `WRITTEN_FOR` (2026-11-26 12:00 UTC): its
PENDING invitations expire in the hours and days after it, its records were modified in the
weeks before. Served unchanged, a later day would show every pending invitation expired.
So every date and timestamp in it is moved by the whole hours between `WRITTEN_FOR` and now
(`shift_dates`): on any day the demo runs, the data is as fresh as on the day it was written.

``ENGTUI_DEMO_NOW`` (an ISO 8601 timestamp, or a date: its noon UTC) stands in for now: the
tests set it to `WRITTEN_FOR`, so they see the data as written, whatever the day. A data
file given with ``--data`` and the generated data (``--generate``) are never moved.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from typing import Any

NOW_ENV = "ENGTUI_DEMO_NOW"
WRITTEN_FOR = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)

# A date, or a timestamp whose text after the hour is kept as it is (minutes, fractional
# digits, zone: the data's own forms, as the real service sends them).
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")
_TIMESTAMP = re.compile(
    r"(\d{4}-\d{2}-\d{2})T(\d{2})(:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)"
)


def demo_now() -> dt.datetime:
    """Now, or the moment ``ENGTUI_DEMO_NOW`` names (``ValueError`` when it names none)."""
    text = os.environ.get(NOW_ENV, "").strip()
    if not text:
        return dt.datetime.now(dt.UTC)
    try:
        if len(text) == 10:
            return dt.datetime.combine(dt.date.fromisoformat(text), dt.time(12), dt.UTC)
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"{NOW_ENV}={text!r} is not an ISO 8601 date or timestamp") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def hours_since_written(now: dt.datetime) -> int:
    """The whole hours from `WRITTEN_FOR` to ``now`` (negative before it)."""
    return int((now - WRITTEN_FOR) // dt.timedelta(hours=1))


def shift_dates(value: Any, hours: int) -> Any:
    """A copy of the parsed JSON ``value`` with every string that is a date or a timestamp
    moved by ``hours`` (a date by the whole days in them); other values as they are."""
    if hours == 0:
        return value
    if isinstance(value, dict):
        return {key: shift_dates(item, hours) for key, item in value.items()}
    if isinstance(value, list):
        return [shift_dates(item, hours) for item in value]
    if isinstance(value, str):
        return _shifted(value, hours)
    return value


def _shifted(text: str, hours: int) -> str:
    if match := _TIMESTAMP.fullmatch(text):
        day, hour, rest = match.groups()
        moment = dt.datetime.fromisoformat(f"{day}T{hour}:00") + dt.timedelta(hours=hours)
        return f"{moment:%Y-%m-%dT%H}{rest}"
    if _DATE.fullmatch(text):
        return (dt.date.fromisoformat(text) + dt.timedelta(days=hours // 24)).isoformat()
    return text
