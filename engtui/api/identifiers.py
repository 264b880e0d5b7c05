"""Check engagement identifiers and catalogs before any request is sent.

The service accepts ``eng-`` plus 14 lowercase letters or digits, or an engagement ARN. The
model's pattern for the ARN side is only ``arn:.*``, which would let an S3 ARN through and
cost a round trip to learn it is wrong; engtui checks the ARN's service and resource too and
reads the catalog from it. Surrounding whitespace is trimmed (a pasted value often carries
some); anything inside is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CATALOGS = ("AWS", "Sandbox")
ID_PREFIX = "eng-"
ID_LENGTH = len(ID_PREFIX) + 14
# Patterns as strings: `re` compiles each on its first use (start-up time).
_ID = r"eng-[0-9a-z]{14}"
_ARN = (
    r"arn:(?P<partition>aws[a-z-]*):partnercentral(?:-selling)?:(?P<region>[a-z0-9-]*):"
    r"(?P<account>[0-9]{12})?:(?:catalog/)?(?P<catalog>[A-Za-z]+)/engagement/"
    r"(?P<id>eng-[0-9a-z]{14})"
)
_MAX_SHOWN = 40


class InvalidInput(ValueError):
    """A user-typed identifier or catalog that cannot be sent; the message says why."""


@dataclass(frozen=True)
class EngagementRef:
    """A checked identifier: what to send, and the catalog an ARN names (if any)."""

    identifier: str
    engagement_id: str
    catalog_from_arn: str | None = None


def _shown(text: str) -> str:
    from engtui.textsafe import printable

    shown = printable(text, limit=_MAX_SHOWN)
    return f"“{shown}”"


def parse_identifier(text: str) -> EngagementRef:
    """Check what a user typed; return what to send or raise `InvalidInput`."""
    value = text.strip()
    if not value:
        raise InvalidInput("Type an engagement id (eng- and 14 letters or digits) or an ARN.")
    if re.fullmatch(_ID, value):
        return EngagementRef(value, value)
    if value.lower().startswith("arn:"):
        match = re.fullmatch(_ARN, value)
        if match is None:
            raise InvalidInput(
                f"{_shown(value)} is not an engagement ARN "
                "(arn:aws:partnercentral:REGION:ACCOUNT:catalog/CATALOG/engagement/eng-…)."
            )
        catalog = match["catalog"]
        if catalog not in CATALOGS:
            raise InvalidInput(f"The ARN names catalog {_shown(catalog)}; use AWS or Sandbox.")
        return EngagementRef(value, match["id"], catalog)
    if any(ch.isspace() for ch in value):
        raise InvalidInput(f"{_shown(value)} contains spaces; an engagement id has none.")
    if any(not ch.isprintable() for ch in value):
        raise InvalidInput(f"{_shown(value)} contains control characters.")
    if not value.lower().startswith(ID_PREFIX):
        raise InvalidInput(f"{_shown(value)} does not start with “eng-” (or “arn:” for an ARN).")
    rest = value[len(ID_PREFIX) :]
    if value != value.lower():
        raise InvalidInput(f"{_shown(value)} has upper-case letters; ids are lower case.")
    if len(value) != ID_LENGTH:
        raise InvalidInput(
            f"{_shown(value)} has {len(rest)} characters after “eng-”; an id has 14."
        )
    raise InvalidInput(f"{_shown(value)} may only hold a-z and 0-9 after “eng-”.")


def parse_catalog(text: str) -> str:
    """Return the catalog name for what a user typed (case-insensitive) or raise."""
    for catalog in CATALOGS:
        if text.strip().lower() == catalog.lower():
            return catalog
    raise InvalidInput(f"Unknown catalog {_shown(text)}; use AWS or Sandbox.")
