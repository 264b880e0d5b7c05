"""JSON for engagements: the boto3 response shape, timestamps as ISO 8601."""

from __future__ import annotations

import base64
import datetime as dt
import json
from typing import Any


def iso8601(value: dt.datetime) -> str:
    """A timestamp in UTC ISO 8601, as the AWS CLI prints it (``…+00:00``)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).isoformat()


def jsonable(value: Any) -> Any:
    """Return `value` with datetimes as ISO strings and bytes as base64, recursively."""
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    if isinstance(value, dt.datetime):
        return iso8601(value)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value


def dumps(value: Any) -> str:
    """Pretty JSON (2-space indent, non-ASCII kept) of an API value."""
    return json.dumps(jsonable(value), indent=2, ensure_ascii=False)
