"""Read-only at run time, not only by construction.

The record and list declarations name only Get, List and Search operations; `refuse_writes`
holds if one ever named a write. It is a botocore ``before-parameter-build`` hook, registered
on every client engtui makes (`engtui.api.service.SellingService`: the `partnercentral-selling`
client and the `partnercentral-benefits` one; the TUI, ``engtui get``, ``engtui list`` and
``engtui doctor`` all use them): it runs before the request is built, signed or sent.
"""

from __future__ import annotations

from typing import Any

from engtui.api.errors import ApiError, ErrorKind

READ_ONLY_PREFIXES = ("Get", "List", "Search")
"""The operations engtui may send: it never changes anything in Partner Central."""


def refuse_writes(model: Any = None, **_: Any) -> None:
    """A ``before-parameter-build`` hook on every client engtui makes: an operation whose
    name does not start with Get, List or Search is refused before its request is built,
    signed or sent (the declarations name only reads; this holds if one ever named a write)."""
    name = str(getattr(model, "name", "") or "")
    if not name.startswith(READ_ONLY_PREFIXES):
        raise ApiError(
            ErrorKind.UNEXPECTED,
            f"engtui is read-only: it refused to send {name or 'an unnamed operation'} "
            "(only Get, List and Search operations are sent).",
            "Nothing was sent. This is a bug in engtui; please report it.",
        )
