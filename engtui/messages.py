"""Messages that flow between screens and the app (UI layer only)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class LookupRequested(Message):
    """A screen asks the app to fetch an engagement (already validated)."""

    identifier: str
    catalog: str
    refresh: bool = False


@dataclass
class LookupCancelRequested(Message):
    """A screen asks the app to cancel the lookup in flight."""


@dataclass
class CatalogChanged(Message):
    """The user picked another catalog."""

    catalog: str
