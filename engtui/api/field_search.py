"""Search a field tree: which nodes match a query, in the order the tree shows them.

The search runs on the `FieldNode` data, not on the drawn tree widget, so it also finds
nodes under collapsed branches; the view then expands the path to a match. A node matches
when the query (case-insensitive) is in its label (friendly or ``name: value``) or in its
full value (a long value is cut in the label).
"""

from __future__ import annotations

from engtui.api.field_tree import FieldNode


def find_matches(root: FieldNode | None, query: str) -> list[FieldNode]:
    """Every node below ``root`` (not ``root`` itself) matching ``query``, depth first."""
    needle = query.strip().casefold()
    if root is None or not needle:
        return []
    return [
        node for node in root.walk()
        if node is not root
        and (needle in node.label.casefold() or needle in node.value_text.casefold())
    ]
