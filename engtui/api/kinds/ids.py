"""Id parsers for the record kinds whose ids are a prefix and a pattern, or an ARN.

`IdSyntax` checks typed text the way `engtui.api.identifiers` checks an engagement id: the
exact pattern, or a Partner Central ARN of the kind's resource type (whose catalog is
read from it); anything else is refused with the reason, before any request is sent.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from engtui.api.identifiers import CATALOGS, InvalidInput

if TYPE_CHECKING:
    from engtui.api.records import RecordKind, RecordRef

_ARN = (
    r"arn:aws[a-z-]*:partnercentral(?:-selling|-benefits)?:[a-z0-9-]*:[0-9]{{0,12}}:"
    r"(?:catalog/)?(?P<catalog>[A-Za-z]+)/{resource}/(?P<id>{pattern})"
)


def shown(text: str) -> str:
    from engtui.textsafe import printable

    return f"“{printable(text, limit=40)}”"


@dataclass(frozen=True)
class IdSyntax:
    """``prefix`` and ``pattern`` of the kind's ids; ``resource``: its ARN's resource type
    (``engagement-invitation``); ``noun`` and ``example`` for the messages. ``id_only``: the
    Get operation takes no ARN (the model's pattern is the id's alone:
    ``GetResourceSnapshotJob``, ``GetProspectingFromEngagementTask``), so a typed ARN sends
    the id it names (its catalog is still the ARN's)."""

    prefix: str
    pattern: str
    resource: str
    noun: str
    example: str
    id_only: bool = False

    def recognises(self, text: str) -> bool:
        value = text.strip()
        if value.lower().startswith("arn:"):
            return f"/{self.resource}/" in value
        return value.startswith(self.prefix)

    def parser(self, kind: Callable[[], RecordKind]) -> Callable[[str], RecordRef]:
        """The kind's ``parse`` (``kind`` returns the declaration, made after this)."""

        def parse(text: str) -> RecordRef:
            from engtui.api.records import RecordRef

            value = text.strip()
            if not value:
                raise InvalidInput(f"Type {self.noun} id ({self.example}) or an ARN.")
            if re.fullmatch(self.pattern, value):
                return RecordRef(kind(), value, value)
            if value.lower().startswith("arn:"):
                match = re.fullmatch(_ARN.format(resource=self.resource, pattern=self.pattern),
                                     value)
                if match is None:
                    raise InvalidInput(f"{shown(value)} is not {self.noun} ARN "
                                       f"(…:catalog/CATALOG/{self.resource}/{self.example}).")
                if match["catalog"] not in CATALOGS:
                    raise InvalidInput(
                        f"The ARN names catalog {shown(match['catalog'])}; use AWS or Sandbox.")
                sent = match["id"] if self.id_only else value
                return RecordRef(kind(), sent, match["id"], match["catalog"])
            if any(ch.isspace() for ch in value):
                raise InvalidInput(f"{shown(value)} contains spaces; {self.noun} id has none.")
            raise InvalidInput(f"{shown(value)} is not {self.noun} id ({self.example}).")

        return parse
