"""JSON for engagements: the boto3 response shape, timestamps as ISO 8601.

Only valid JSON comes out, and nothing in it can act on a terminal: every character that
`engtui.textsafe` neutralises (C0/C1 controls, DEL, bidi overrides, zero-width and other
invisible characters, lone surrogates) is written as a ``\\uXXXX`` escape, so the text is the
same value for any JSON reader, and safe to print, copy or paste. ``NaN`` and ``Infinity`` are
not JSON: a non-finite number raises `NotJson` (the replies are checked before they get here,
`engtui.api.reply_check`, so this is a second line of defence, not a path users meet).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from typing import Any

from engtui.textsafe import INVISIBLE_RANGES, LayoutText


class JsonText(LayoutText):
    """Text engtui wrote as JSON: its line breaks are the layout, never part of a value
    (a value's own line breaks are escaped), so a copy keeps them."""


class NotJson(ValueError):
    """A value that has no JSON form (a non-finite number)."""


def _class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


# What json.dumps(ensure_ascii=False) leaves raw but a terminal would act on. C0 controls are
# escaped by json itself.
_ESCAPE = re.compile(f"[\x7f-\x9f{_class(INVISIBLE_RANGES)}]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code > 0xFFFF:  # as a UTF-16 surrogate pair, the way JSON writes astral characters
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


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


def dumps(value: Any, *, indent: int | None = 2) -> JsonText:
    """Pretty JSON (2-space indent, non-ASCII kept, invisible and control characters
    escaped) of an API value; ``indent=None``: on one line (NDJSON)."""
    try:
        text = json.dumps(jsonable(value), indent=indent, ensure_ascii=False,
                          allow_nan=False)
    except ValueError as error:  # "Out of range float values are not JSON compliant"
        raise NotJson(f"a number has no JSON form ({error})") from None
    if text.isascii():  # json escaped C0 already: only DEL is left to look for
        return JsonText(text.replace("\x7f", "\\u007f"))
    return JsonText(_ESCAPE.sub(_escape, text))
