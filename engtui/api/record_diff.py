"""What changed between two records of one kind, field by field (``engtui diff``, ``d``).

Two revisions of a resource snapshot, or any two records of one kind ("why are these two
engagements different?"), are compared on their field trees (`engtui.api.field_tree`), so a
change is named by the labels the record screen shows ("Contexts > Lead · Acme > Customer >
CompanyName") and by its API path (``Contexts[0].Payload.Lead.Customer.CompanyName``), the
form a script reads.

- A scalar that differs is ``changed`` (old → new); one present on one side only is
  ``added`` or ``removed``. A structure or list present on one side only is reported leaf by
  leaf, so every value that appeared or went is named (an empty one is one change).
- Items of a list are paired by their ``Id`` member when every item has one (a context
  moved to another place in the list is the same context), else by position.
- A value that changed type (a string that became a structure) is one ``changed``.

Privacy mode (``masked``): the values and labels shown come from both records redacted
with one masker (`engtui.api.redact`: the naming values of either side are masked in the
other too), while the comparison is made on the data as sent: a sensitive value that
changed is still reported (``•••••• → ••••••``), never its contents.

Nothing here draws or escapes: labels and values are raw API text; views pass them through
`engtui.textsafe.printable`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from engtui.api.field_tree import FieldNode, record_tree, scalar_text

if TYPE_CHECKING:
    from engtui.api.records import Record, RecordKind

ChangeType = Literal["added", "removed", "changed"]
LABEL_SEPARATOR = " > "


@dataclass(frozen=True)
class Change:
    """One difference: where (API path and tree labels), what, and the two values (None on
    the side that lacks it)."""

    path: tuple[str | int, ...]
    labels: tuple[str, ...]
    change: ChangeType
    old: Any
    new: Any

    @property
    def path_text(self) -> str:
        """``Contexts[0].Payload.Lead.Customer.CompanyName``."""
        text = ""
        for part in self.path:
            text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
        return text

    @property
    def label_text(self) -> str:
        return LABEL_SEPARATOR.join(self.labels)

    def as_json(self) -> dict[str, Any]:
        """The form ``engtui diff --json`` prints: ``{"path", "change", "old", "new"}``."""
        return {"path": self.path_text, "change": self.change, "old": self.old,
                "new": self.new}

    def line(self) -> str:
        """One line of text: ``~ labels: old → new``, ``+ labels: new``, ``- labels: old``
        (raw API text: the caller makes it printable)."""
        if self.change == "changed":
            return f"~ {self.label_text}: {_text(self.old)} → {_text(self.new)}"
        mark, value = ("+", self.new) if self.change == "added" else ("-", self.old)
        return f"{mark} {self.label_text}: {_text(value)}"


def _text(value: Any) -> str:
    if isinstance(value, dict | list):
        return "{}" if value == {} else "[]" if value == [] else type(value).__name__
    return scalar_text(value) if value is not None else "(none)"


class KindMismatch(ValueError):
    """The two records are not of one kind: there is nothing to compare field by field."""


def diff_records(old: Record, new: Record, *, masked: bool = False) -> list[Change]:
    """Every difference from ``old`` to ``new`` (two records of one kind), in the order of
    the record's tree (the model's member order). ``masked``: privacy mode (see the
    module)."""
    if old.kind.name != new.kind.name:
        raise KindMismatch(f"a {old.kind.title.lower()} and a {new.kind.title.lower()} "
                           "cannot be compared; give two records of one kind")
    return diff_data(old.kind, old.data, new.data, masked=masked)


def diff_data(kind: RecordKind, old: dict[str, Any], new: dict[str, Any], *,
              masked: bool = False) -> list[Change]:
    """`diff_records` on two responses of ``kind``'s Get operation."""
    shown_old, shown_new = old, new
    if masked:
        from engtui.api.redact import masker_for, redact_response

        masker = masker_for(old, new)
        shown_old = redact_response(old, kind.get_operation, masker)
        shown_new = redact_response(new, kind.get_operation, masker)
    pair = _Pair(record_tree(kind, old), record_tree(kind, new),
                 record_tree(kind, shown_old), record_tree(kind, shown_new))
    return list(_walk(pair, ()))


@dataclass(frozen=True)
class _Pair:
    """The two sides of one place in the tree: as sent (compared) and as shown."""

    old: FieldNode | None
    new: FieldNode | None
    shown_old: FieldNode | None
    shown_new: FieldNode | None

    @property
    def label(self) -> str:
        node = self.shown_new or self.shown_old
        assert node is not None
        # A scalar by its member name; a list by its name (its label holds a count, which
        # differs between the sides); a structure by its friendly label ("Lead · Acme").
        return node.label if node.kind == "structure" else node.name


def _walk(pair: _Pair, labels: tuple[str, ...]) -> Iterator[Change]:
    old, new = pair.old, pair.new
    if old is None or new is None:
        yield from _one_side(pair, labels)
        return
    if old.kind != new.kind or old.kind == "scalar":
        if old.raw != new.raw:
            yield Change(new.path, labels, "changed", _value(pair.shown_old),
                         _value(pair.shown_new))
        return
    for child in _children(pair):
        yield from _walk(child, (*labels, child.label))


def _one_side(pair: _Pair, labels: tuple[str, ...]) -> Iterator[Change]:
    """A place present on one side only: each of its leaves (an empty container: itself)."""
    added = pair.old is None
    node, shown = (pair.new, pair.shown_new) if added else (pair.old, pair.shown_old)
    assert node is not None and shown is not None
    if node.kind == "scalar" or not node.children:
        change: ChangeType = "added" if added else "removed"
        value = _value(shown)
        yield Change(node.path, labels, change, None if added else value,
                     value if added else None)
        return
    for child, shown_child in zip(node.children, shown.children, strict=True):
        sides = (None, child, None, shown_child) if added else (child, None, shown_child, None)
        inner = _Pair(*sides)
        yield from _one_side(inner, (*labels, inner.label))


def _value(node: FieldNode | None) -> Any:
    if node is None:
        return None
    from engtui.api.jsonout import jsonable

    return jsonable(node.raw)


def _children(pair: _Pair) -> Iterator[_Pair]:
    """The children of two containers of one kind, paired (see the module)."""
    old, new, shown_old, shown_new = pair.old, pair.new, pair.shown_old, pair.shown_new
    assert old and new and shown_old and shown_new
    if old.kind == "list":
        keys_old, keys_new = _item_keys(old), _item_keys(new)
    else:
        keys_old = [child.name for child in old.children]
        keys_new = [child.name for child in new.children]
    by_old = {key: index for index, key in enumerate(keys_old)}
    seen: set[object] = set()
    for index, key in enumerate(keys_new):
        seen.add(key)
        at = by_old.get(key)
        if at is None:
            yield _Pair(None, new.children[index], None, shown_new.children[index])
        else:
            yield _Pair(old.children[at], new.children[index], shown_old.children[at],
                        shown_new.children[index])
    for index, key in enumerate(keys_old):
        if key not in seen:
            yield _Pair(old.children[index], None, shown_old.children[index], None)


def _item_keys(node: FieldNode) -> list[object]:
    """A list's items by their ``Id`` when every item has a distinct one, else by position."""
    ids = [child.raw.get("Id") if isinstance(child.raw, dict) else None
           for child in node.children]
    if all(isinstance(value, str) and value for value in ids) and len(set(ids)) == len(ids):
        return [("Id", value) for value in ids]
    return list(range(len(node.children)))
