"""A record as a screen shows it: masked in privacy mode, and what copy and export take.

Privacy mode masks every value the model marks sensitive, and every occurrence of the
record's customer and contact names in its other text (`engtui.api.redact`), on the
*data*, before anything is drawn; copy and export take their text from here too, so the real
value of a masked field can never leave the screen. No Textual here: a `RecordView` is
plain data and is tested as such.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from engtui.api.jsonout import dumps
from engtui.api.records import Record, RelatedList
from engtui.api.redact import OccurrenceMasker, masker_for, redact_item, redact_response

MASKED_NOTE = " (masked: privacy mode)"


@dataclass(frozen=True)
class RecordView:
    """``record`` as shown: ``redacted`` is privacy mode."""

    record: Record
    redacted: bool

    @property
    def note(self) -> str:
        """Said after what was copied or exported when privacy mode is on."""
        return MASKED_NOTE if self.redacted else ""

    @cached_property
    def masker(self) -> OccurrenceMasker:
        """Masks the record's customer and contact names inside other text."""
        return masker_for(self.record.data)

    def data(self) -> dict[str, Any]:
        """The record's response, masked in privacy mode."""
        data = self.record.data
        if not self.redacted:
            return data
        return redact_response(data, self.record.kind.get_operation, self.masker)

    @property
    def title(self) -> str:
        """The record's title (its id when it has none), masked in privacy mode."""
        record = replace(self.record, data=self.data()) if self.redacted else self.record
        return record.title or record.id

    def related(self, name: str) -> list[dict[str, Any]] | None:
        """A loaded related list as the API's items, masked in privacy mode (``None``: not
        loaded)."""
        items = self.record.related.get(name)
        if items is None:
            return None
        if self.redacted:
            shape = self.record.kind.related_list(name).item_shape
            return [redact_item(item, shape, self.masker) for item in items]
        return list(items)

    def rows(self, related: RelatedList) -> list[tuple[str, ...]]:
        """The cells of a related list's table, one tuple per item (raw API text)."""
        return [
            tuple("" if item.get(c.member) is None else str(item.get(c.member))
                  for c in related.columns)
            for item in self.related(related.name) or []
        ]

    def row_copy(self, related: RelatedList, index: int) -> tuple[str, str] | None:
        """(text, what) that ``y`` copies for row ``index``: a linked row its id, any other
        row as JSON."""
        items = self.related(related.name)
        if items is None or not 0 <= index < len(items):
            return None
        item = items[index]
        if related.row_link is not None:
            value = str(item.get(related.row_link.member) or "")
            return value, f"{related.row_noun} {value}"
        return dumps(item), f"{related.row_noun} {index + 1} as JSON{self.note}"

    def arn(self) -> str:
        return str(self.data().get(self.record.kind.arn_member) or "")

    def exported_lists(self) -> list[RelatedList]:
        """The related lists an export holds: those loaded, in the kind's order. The export
        dialog names exactly these, and the file holds exactly these."""
        return [r for r in self.record.kind.related if r.name in self.record.related]

    def export_text(self) -> str:
        """The export file's text (its layout: `engtui.export`): the record under its kind's
        name, the loaded related lists under their result members, masked in privacy mode."""
        document: dict[str, Any] = {"Catalog": self.record.catalog,
                                    self.record.kind.export_key: self.data()}
        for related in self.exported_lists():
            document[related.export_key] = self.related(related.name) or []
        document["Redacted"] = self.redacted
        return dumps(document) + "\n"

    def export_summary(self) -> str:
        """What the export dialog says it saves."""
        loaded = [r.title.lower() for r in self.exported_lists()]
        what = self.record.id + (f" with its {_and(loaded)}" if loaded else "")
        if self.redacted:
            what += "; privacy mode is on: sensitive values are saved masked"
        return what


def _and(words: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
