"""Reading the members of a list's items, as the rows of every list do.

A reply's member can be missing, null or of another type than the model says (a proxy, an
older or a lying service): these read it as what the row needs or as empty, and never
raise; only an item without its id is refused, with one message for every list. Text read
here is still API text: it reaches the screen through `engtui.textsafe` as any other.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from engtui.api.errors import ApiError, ErrorKind
from engtui.timefmt import utc_iso

NONE = "—"
"""What a cell shows for a member the reply left out."""


def text_of(value: Any) -> str:
    return value if isinstance(value, str) else ""


def strs_of(value: Any) -> tuple[str, ...]:
    """The strings of a list member (anything else in it, or a non-list, left out)."""
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


def int_or_none(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def datetime_or_none(value: Any) -> dt.datetime | None:
    return value if isinstance(value, dt.datetime) else None


def dict_or_empty(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def day_of(value: dt.datetime | None) -> str:
    """``2026-12-07`` (UTC), or `NONE`."""
    return utc_iso(value)[:10] if value else NONE


def malformed_listing(what: str, member: str = "an Id") -> ApiError:
    """The error of a reply that lists ``what`` ("an invitation") without ``member``."""
    return ApiError(ErrorKind.MALFORMED, f"The reply lists {what} without {member}.",
                    "Check --endpoint-url; a proxy may be answering instead of the service.")


def listed_item(item: Any, what: str, id_member: str = "Id") -> dict[str, Any]:
    """``item`` when it is an object with a string ``id_member``; else `malformed_listing`
    is raised (a row is never built from half an item)."""
    if not isinstance(item, dict) or not isinstance(item.get(id_member), str):
        raise malformed_listing(what, f"a {id_member}" if id_member != "Id" else "an Id")
    return item
