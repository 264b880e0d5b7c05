"""Walk a response with botocore's output shape and build a neutral tree of fields.

The tree is what every view draws: the Textual tree widget, the detail pane, and the text
output of ``engtui get``. It is built from the *shape*, not from a hand-written list of
fields, so a member added to the model later still shows up, and the model's documentation
and ``sensitive`` flags travel with each node. Values the shape does not know (a newer server)
are kept and shown as "not in this client's model". Friendly labels are given to the nodes
people look for: a context (its type and customer), a customer, a project, an address, an
interaction (date, source type and source name) and a contact.

Nothing here draws or escapes: labels and values are raw API text. Views make them
printable (`engtui.textsafe.printable`) and never parse them as markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from engtui.api.jsonout import iso8601
from engtui.api.model import is_sensitive, output_shape, plain_documentation

if TYPE_CHECKING:
    from botocore.model import Shape

    from engtui.api.records import RecordKind

UNKNOWN_UNION_KEY = "SDK_UNKNOWN_MEMBER"
NOT_IN_MODEL = "Not in this client's service model (sent by a newer server)."
LEAF_VALUE_LIMIT = 200


@dataclass
class FieldNode:
    """One member of the response: a structure, a list, or a scalar value."""

    name: str
    label: str
    path: tuple[str | int, ...]
    raw: Any
    kind: str  # "structure" | "list" | "scalar" | "unknown-union"
    type_name: str = ""
    documentation: str = ""
    sensitive: bool = False
    children: list[FieldNode] = field(default_factory=list)

    @property
    def is_leaf(self) -> bool:
        return self.kind == "scalar"

    @property
    def value_text(self) -> str:
        """The value as text (timestamps in ISO 8601); empty for containers."""
        return scalar_text(self.raw) if self.is_leaf else ""

    @property
    def scalar_children(self) -> list[FieldNode]:
        return [child for child in self.children if child.is_leaf]

    def walk(self) -> Iterator[FieldNode]:
        """This node and all below it, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()


def scalar_text(value: Any) -> str:
    """A scalar as text: ISO 8601 for timestamps, ``true``/``false`` for booleans."""
    if isinstance(value, dt.datetime):
        return iso8601(value).replace("+00:00", "Z")
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    return str(value)


def _short(value: Any, limit: int = LEAF_VALUE_LIMIT) -> str:
    text = " ".join(scalar_text(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- friendly labels ------------------------------------------------------------------------
def _get(mapping: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(mapping, dict):
            return None
        mapping = mapping.get(key)
    return mapping


def _joined(*parts: Any) -> str:
    # Each part whole up to 120 characters: the tree cuts the label at its width with `…`.
    return " · ".join(_short(part, 120) for part in parts if part not in (None, ""))


def _context_label(value: Any) -> str:
    payload = _get(value, "Payload")
    member = next(iter(payload), None) if isinstance(payload, dict) and payload else None
    kind = _get(value, "Type") or member or "Context"
    if member == UNKNOWN_UNION_KEY:
        return _joined(f"unknown context type ({_get(payload, member, 'name') or '?'})")
    company = (_get(payload, member, "Customer", "CompanyName")
               or _get(payload, member, "Aws", "Customer", "AccountName")) if member else None
    return _joined(kind, company)


def _interaction_label(value: Any) -> str:
    when = _get(value, "InteractionDate")
    day = when.date().isoformat() if isinstance(when, dt.datetime) else when
    return _joined(day, _get(value, "SourceType"), _get(value, "SourceName")) or "Interaction"


def _insights_label(value: Any) -> str:
    """A lead's insights (readiness, channel) or a prospecting result's (scores)."""
    channel = _get(value, "ChannelRecommendation", "RecommendedChannel")
    readiness = _get(value, "LeadReadinessScore")
    return _joined("Insights", readiness and f"readiness {readiness}",
                   channel and f"via {channel}",
                   _get(value, "MarketplaceEngagementScore")
                   and f"engagement {_get(value, 'MarketplaceEngagementScore')}",
                   _get(value, "SolutionCategory"))


def _aws_label(value: Any) -> str:
    """A prospecting result's AWS part: the customer AWS found, and the task that found it."""
    return _joined("AWS prospecting", _get(value, "Customer", "AccountName"),
                   _get(value, "TaskName"))


def _contact_label(value: Any) -> str:
    name = " ".join(
        str(part) for part in (_get(value, "FirstName"), _get(value, "LastName")) if part
    )
    return _joined("Contact", name or _get(value, "Email"))


# Keyed by member name ("Contexts[]" for an item of the Contexts list): shape names change
# between botocore releases (AddressSummary became LeadAddress), member names do not.
LABELLERS: dict[str, Callable[[Any], str]] = {
    "Contexts[]": _context_label,
    "Interactions[]": _interaction_label,
    "Contact": _contact_label,
    "Customer": lambda v: _joined("Customer", _get(v, "CompanyName") or _get(v, "AccountName")),
    "Insights": _insights_label,
    "Aws": _aws_label,
    "ChannelRecommendation": lambda v: _joined("Channel", _get(v, "RecommendedChannel")),
    "BestOutreachWindows[]": lambda v: _joined(_get(v, "Day"), _get(v, "StartTimeUtc") and
                                               f"{_get(v, 'StartTimeUtc')}-"
                                               f"{_get(v, 'EndTimeUtc') or ''} UTC"),
    "Project": lambda v: _joined("Project", _get(v, "Title")),
    "Address": lambda v: _joined("Address", _get(v, "City"), _get(v, "CountryCode")),
}


# -- the walk -------------------------------------------------------------------------------
def build_node(
    name: str,
    value: Any,
    shape: Shape | None,
    path: tuple[str | int, ...],
    label: str = "",
    role: str = "",
) -> FieldNode:
    """Build the node for one value and its shape (``None`` when the model lacks it)."""
    doc = plain_documentation(shape) if shape is not None else NOT_IN_MODEL
    sensitive = shape is not None and is_sensitive(shape)
    type_name = shape.type_name if shape is not None else type(value).__name__

    if isinstance(value, dict):
        if UNKNOWN_UNION_KEY in value:
            member = _get(value, UNKNOWN_UNION_KEY, "name") or "?"
            node = FieldNode(
                name, f"unknown {name} type ({member})", path, value, "unknown-union",
                type_name, "This server sent a member this version of botocore does not know; "
                "its fields are shown as sent (upgrade boto3 for their documentation).",
                sensitive,
            )
            for key, raw in value.items():  # the raw member (engtui.api.unknown_members)
                if key != UNKNOWN_UNION_KEY:
                    node.children.append(build_node(str(key), raw, None, (*path, key)))
            return node
        labeller = LABELLERS.get(role or name)
        node = FieldNode(
            name, label or (labeller(value) if labeller else name), path, value, "structure",
            type_name, doc, sensitive,
        )
        members = getattr(shape, "members", {}) if shape is not None else {}
        ordered = [key for key in members if key in value]
        ordered += [key for key in value if key not in members]
        for key in ordered:
            node.children.append(build_node(str(key), value[key], members.get(key), (*path, key)))
        if role == "Contexts[]":
            _hoist_payload(node)
        return node

    if isinstance(value, list):
        item_shape = getattr(shape, "member", None) if shape is not None else None
        node = FieldNode(
            name, f"{name} ({len(value)})", path, value, "list", type_name, doc, sensitive
        )
        for index, item in enumerate(value):
            child = build_node(
                f"{name}[{index}]", item, item_shape, (*path, index), role=f"{name}[]"
            )
            if child.label == child.name:  # no friendly label: number it
                child.label = f"{name} {index + 1}"
            node.children.append(child)
        return node

    return FieldNode(
        name, f"{name}: {_short(value)}", path, value, "scalar", type_name, doc, sensitive
    )


def _hoist_payload(context: FieldNode) -> None:
    """Show a context's payload fields directly under the context.

    ``Contexts[i] → Payload → Lead → Customer`` reads better as ``Lead · Acme → Customer``:
    the payload union has exactly one member, whose name the context label already shows.
    An unknown union member stays as its own "unknown Payload type" node.
    """
    for index, child in enumerate(context.children):
        if child.name != "Payload" or child.kind != "structure" or len(child.children) != 1:
            continue
        member = child.children[0]
        if member.kind != "structure":
            continue
        context.children[index : index + 1] = member.children
        if member.documentation and member.documentation != NOT_IN_MODEL:
            context.documentation = f"{context.documentation} {member.documentation}".strip()
        return


def record_tree(kind: RecordKind, data: dict[str, Any]) -> FieldNode:
    """The whole response of ``kind``'s Get operation as a tree whose root is the record."""
    shape = output_shape(kind.get_operation)
    label = str(data.get(kind.title_member) or data.get(kind.id_member) or kind.title)
    root = build_node(kind.title, data, shape, (), label=label)
    root.documentation = plain_documentation(shape.documentation) or root.documentation
    return root


def tree_part(root: FieldNode, kind: RecordKind) -> FieldNode | None:
    """The node the record screen draws as its tree: the kind's ``tree_member`` (an
    engagement's ``Contexts``) or, for a kind without one, the whole record."""
    if kind.tree_member is None:
        return root
    return next((child for child in root.children if child.name == kind.tree_member), None)


def header_fields(root: FieldNode, kind: RecordKind) -> list[FieldNode]:
    """The top-level members the header shows: all but the tree (an engagement's
    contexts), in model order (unknown ones last). A kind drawn whole shows the scalars it
    names in ``header_members`` (or all its scalars)."""
    if kind.tree_member is None:
        wanted = set(kind.header_members or ())
        return [child for child in root.scalar_children if not wanted or child.name in wanted]
    return [child for child in root.children if child.name != kind.tree_member]


def render_text(root: FieldNode, printable: Callable[[str], str]) -> str:
    """The tree as indented text with box-drawing guides (the text output of ``get``)."""
    lines = [printable(root.label)]

    def walk(node: FieldNode, prefix: str) -> None:
        for index, child in enumerate(node.children):
            last = index == len(node.children) - 1
            branch, extend = ("└── ", "    ") if last else ("├── ", "│   ")
            text = (
                f"{child.name}: {child.value_text}" if child.is_leaf else child.label
            )
            lines.append(prefix + branch + printable(text))
            walk(child, prefix + extend)

    walk(root, "")
    return "\n".join(lines)
