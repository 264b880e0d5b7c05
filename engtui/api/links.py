"""Which records a record links to, from its kind's `Link` declarations: the link of a tree
field (Enter on it opens the record it names) and every link target of the record, for the
"open linked record" dialog (``o``: an opportunity's AWS summary, a snapshot's older
revisions, and every field link too). Plain data: the screens draw them."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from engtui.api.field_tree import FieldNode
from engtui.api.kinds import KINDS
from engtui.api.records import Link, LinkTarget, Record

Choice = tuple[str, Link, LinkTarget]
"""One entry of the dialog: its label (raw API text in it), the link, what it opens."""


def _value_at(data: Any, path: tuple[str | int, ...]) -> Any:
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def tree_link(record: Record, node: FieldNode) -> tuple[Link, LinkTarget] | None:
    """The link of a tree field (Enter on it opens the record it names), if it has one."""
    if not node.is_leaf or not node.value_text:
        return None
    holder = _value_at(record.data, node.path[:-1])
    for link in record.kind.links:
        if link.in_tree and link.member == node.name and isinstance(holder, Mapping) \
                and link.applies_to(holder):
            return link, link.resolve(holder, record.data)
    return None


def _holders(data: Any, member: str) -> Iterator[Mapping[str, Any]]:
    """Every mapping in ``data`` (depth first) whose ``member`` has a value."""
    if isinstance(data, Mapping):
        if data.get(member) not in (None, ""):
            yield data
        for value in data.values():
            yield from _holders(value, member)
    elif isinstance(data, list):
        for item in data:
            yield from _holders(item, member)


def link_choices(record: Record) -> list[Choice]:
    """Every record this one links to, in declaration order, each once."""
    choices: list[Choice] = []
    seen: set[tuple[str, str, str]] = set()
    for link in record.kind.links:
        if link.kind not in KINDS:
            continue
        if link.choices is not None:
            targets = link.choices(record.data)
        else:
            noun = link.label or f"{KINDS[link.kind].title}"
            targets = [(f"{noun} {target[0]}", target) for target in (
                link.resolve(holder, record.data) for holder in _holders(record.data, link.member)
                if link.applies_to(holder))]
        for label, target in targets:
            key = (link.kind, target[0], repr(sorted(target[1].items())))
            if target[0] and key not in seen:
                seen.add(key)
                choices.append((label, link, target))
    return choices
