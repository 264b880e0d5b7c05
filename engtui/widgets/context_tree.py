"""The tree of an engagement's contexts, built from `FieldNode`s.

Labels are `rich.text.Text` built from printable plain text: a tree label given as a `str`
would be parsed as markup, so API text never goes in as one.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from engtui.api.field_tree import FieldNode
from engtui.textsafe import printable

LABEL_LIMIT = 120


def node_label(node: FieldNode) -> Text:
    """The label drawn for a node: plain text, containers bold, leaves as name: value."""
    if node.is_leaf:
        label = Text(printable(node.name), style="dim")
        label.append(": ")
        label.append(printable(node.value_text, limit=LABEL_LIMIT))
        return label
    style = "bold" if node.kind != "unknown-union" else "italic yellow"
    return Text(printable(node.label, limit=LABEL_LIMIT), style=style)


class ContextTree(Tree[FieldNode]):
    """Contexts → customers, projects, interactions → contacts. Keyboard first."""

    BINDING_GROUP_TITLE = "Contexts tree"

    DEFAULT_CSS = """
    ContextTree {
        overflow-x: hidden;
        border: round $primary 40%;
        border-title-color: $text-muted;
        padding: 0 1;
    }
    ContextTree:focus {
        border: round $primary;
    }
    """

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="tree.down"),
        Binding("k", "cursor_up", "Up", show=False, id="tree.up"),
        Binding("l", "expand_node", "Expand", show=False, id="tree.expand"),
        Binding("h", "collapse_node", "Collapse", show=False, id="tree.collapse"),
        Binding("e", "expand_everything", "Expand all", id="tree.expand_all",
                tooltip="Expand every node of the tree"),
        Binding("c", "collapse_everything", "Collapse all", show=False, id="tree.collapse_all",
                tooltip="Collapse the tree to its contexts"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Text("Contexts"), id=id)
        self.show_root = False
        self.guide_depth = 3

    def show(self, contexts: FieldNode | None) -> None:
        """Replace the tree with the given ``Contexts`` node (``None``: no contexts)."""
        self.clear()
        self.root.data = contexts
        if contexts is None or not contexts.children:
            self.root.add_leaf(Text("This engagement has no contexts.", style="italic"))
            return
        for context in contexts.children:
            branch = self.root.add(node_label(context), context, expand=True)
            self._add_children(branch, context)
        self.root.expand()

    def _add_children(self, branch: TreeNode[FieldNode], node: FieldNode) -> None:
        for child in node.children:
            if child.is_leaf or not child.children:
                branch.add_leaf(node_label(child), child)
            else:
                sub = branch.add(node_label(child), child)
                self._add_children(sub, child)

    def action_expand_node(self) -> None:
        if self.cursor_node is not None:
            self.cursor_node.expand()

    def action_collapse_node(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded and node.children:
            node.collapse()
        elif node.parent is not None and not node.parent.is_root:
            self.move_cursor(node.parent)

    def action_expand_everything(self) -> None:
        self.root.expand_all()

    def action_collapse_everything(self) -> None:
        for child in self.root.children:
            child.collapse_all()
        self.move_cursor(self.root.children[0] if self.root.children else None)
