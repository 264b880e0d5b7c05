"""Keep what a newer server sends in a union member this botocore does not know.

botocore parses such a member as ``{"SDK_UNKNOWN_MEMBER": {"name": "Insights"}}`` and drops
its value, so a context type newer than the installed model would show only its name. This
``after-call`` handler reads the reply's own JSON and puts the member's raw value back
beside botocore's marker (``{"SDK_UNKNOWN_MEMBER": {...}, "Insights": {...}}``): the tree
shows its members (as not in this client's model) and copies and exports carry them.
"""

from __future__ import annotations

import json
from typing import Any

UNKNOWN = "SDK_UNKNOWN_MEMBER"


def restore(parsed: Any, raw: Any) -> None:
    """Walk ``parsed`` and ``raw`` (the reply's JSON) side by side; fill unknown members."""
    if isinstance(parsed, dict) and isinstance(raw, dict):
        for key, value in parsed.items():
            if isinstance(value, dict) and set(value) == {UNKNOWN}:
                name = (value[UNKNOWN] or {}).get("name")
                original = raw.get(key)
                if isinstance(original, dict) and name in original:
                    value[name] = original[name]
            else:
                restore(value, raw.get(key))
    elif isinstance(parsed, list) and isinstance(raw, list):
        for item, original in zip(parsed, raw, strict=False):
            restore(item, original)


def after_call(http_response: Any = None, parsed: Any = None, **_: Any) -> None:
    """botocore's ``after-call`` event: only when botocore marked an unknown member."""
    if not isinstance(parsed, dict) or http_response is None:
        return
    if not _marked(parsed):
        return
    try:
        raw = json.loads(getattr(http_response, "content", b"") or b"")
    except ValueError:
        return
    restore(parsed, raw)


def _marked(value: Any) -> bool:
    if isinstance(value, dict):
        return UNKNOWN in value or any(_marked(v) for v in value.values())
    if isinstance(value, list):
        return any(_marked(v) for v in value)
    return False
