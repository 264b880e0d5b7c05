"""The registry of record kinds: every `RecordKind` engtui can open, by name.

Adding a kind: write its declaration in a module here (see `engagement.py` and
`docs/architecture.md`) and list it in `KINDS`. The lookup screen, the palette and
``engtui get`` find the kind from the typed text with `parse_reference`.
"""

from __future__ import annotations

from engtui.api.identifiers import InvalidInput
from engtui.api.kinds.engagement import ENGAGEMENT, ENGAGEMENT_LIST
from engtui.api.records import ListKind, RecordKind, RecordRef

KINDS: dict[str, RecordKind] = {kind.name: kind for kind in (ENGAGEMENT,)}
LISTS: dict[str, ListKind] = {spec.name: spec for spec in (ENGAGEMENT_LIST,)}


def kind_named(name: str) -> RecordKind:
    """The declaration of kind ``name`` (``KeyError`` for a kind engtui does not know)."""
    return KINDS[name]


def parse_reference(text: str) -> RecordRef:
    """Check typed text against every kind; the first that recognises it parses it. Text no
    kind recognises gets the engagement's message (the common case: a mistyped ``eng-`` id).
    Raises `InvalidInput` with the reason."""
    for kind in KINDS.values():
        if kind.recognises(text):
            return kind.parse(text)
    return ENGAGEMENT.parse(text)


__all__ = [
    "ENGAGEMENT", "ENGAGEMENT_LIST", "KINDS", "LISTS", "InvalidInput", "kind_named",
    "parse_reference",
]
