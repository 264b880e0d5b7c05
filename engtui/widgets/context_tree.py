"""The tree of an engagement's contexts, built from `FieldNode`s.

Labels are `rich.text.Text` built from printable plain text: a tree label given as a `str`
would be parsed as markup, so API text never goes in as one.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from engtui.api.field_tree import FieldNode
from engtui.textsafe import printable

LABEL_LIMIT = 2000
"""How much of a value a label holds (a megabyte value is not laid out whole); what does not
fit the tree's width is cut there with `…` (`ContextTree.render_label`), and the detail pane
and the raw JSON view (`v`) show every value in full."""


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

    def render_label(self, node: TreeNode[FieldNode], base_style: Style, style: Style) -> Text:
        """The label, cut with `…` where the tree's width ends (not cropped mid-word)."""
        text = super().render_label(node, base_style, style)
        depth, parent = 0, node.parent
        while parent is not None:
            depth, parent = depth + 1, parent.parent
        guides = max(0, depth - (0 if self.show_root else 1)) * self.guide_depth
        room = self.scrollable_content_region.width - guides
        if room > 1 and text.cell_len > room:
            text.truncate(room, overflow="ellipsis")
        return text

    def notify_style_update(self) -> None:
        """Textual's `Tree` throws its drawn lines away and asks for a new layout on every
        restyle, and Textual restyles a whole screen each time it is pushed: the tree of a
        record screen filled ahead of Enter would be drawn again in the push's frame. Here
        the lines are kept when nothing the tree is drawn with changed (its rules, focus and
        hover, classes, the theme); anything else redraws it as `Tree` does."""
        key = (self.styles.css, self.get_pseudo_class_state(), tuple(sorted(self.classes)),
               self.app.theme, self.app.ansi_color)
        if key == self._styled_with:
            Widget.notify_style_update(self)  # the widget's own style caches, not the lines
            return
        self._styled_with = key
        super().notify_style_update()

    def __init__(self, *, id: str | None = None) -> None:
        self._styled_with: object = None  # what the tree was last drawn with
        super().__init__(Text("Contexts"), id=id)
        self.show_root = False
        self.guide_depth = 3
        self._node_of: dict[int, TreeNode[FieldNode]] = {}  # id(FieldNode) -> its tree node
        self._marked: list[TreeNode[FieldNode]] = []
        self._matches: list[FieldNode] = []
        self._opened_by_search: list[TreeNode[FieldNode]] = []  # closed when they stop matching
        self._match_index = 0

    def show(self, part: FieldNode | None, empty: str = "Nothing to show.") -> None:
        """Replace the tree with the children of ``part`` (an engagement's ``Contexts``
        node; ``None``: there is none, and ``empty`` says so)."""
        self.clear()
        self._node_of.clear()
        self._marked.clear()
        self._matches = []
        self._opened_by_search = []
        self.root.data = part
        if part is None or not part.children:
            self.root.add_leaf(Text(empty, style="italic"))
            return
        for child in part.children:
            if child.is_leaf or not child.children:
                self._node_of[id(child)] = self.root.add_leaf(node_label(child), child)
                continue
            branch = self.root.add(node_label(child), child, expand=True)
            self._node_of[id(child)] = branch
            self._add_branch(branch, child)
        self.root.expand()

    def _add_branch(self, branch: TreeNode[FieldNode], node: FieldNode) -> None:
        for child in node.children:
            if child.is_leaf or not child.children:
                self._node_of[id(child)] = branch.add_leaf(node_label(child), child)
            else:
                sub = branch.add(node_label(child), child)
                self._node_of[id(child)] = sub
                self._add_branch(sub, child)

    # -- search and state ---------------------------------------------------------------
    @property
    def match_count(self) -> int:
        return len(self._matches)

    def search(self, part: FieldNode | None, query: str, *, jump: bool = True) -> int:
        """Mark the nodes below ``part`` that match ``query`` (also in collapsed branches);
        with ``jump``, reveal the first, and close the branches an earlier query of this
        search opened that do not lead to it. Returns how many match (an empty query clears
        the marks, and leaves the branches as they are: the cursor may be in one)."""
        from engtui.api.field_search import find_matches

        self._matches = find_matches(part, query)
        self._match_index = 0
        self.mark(self._matches, query)
        if part is None or not query.strip():
            self._opened_by_search = []
        elif jump:
            self._close_opened(self._matches[0] if self._matches else None)
            if self._matches:
                self.reveal(self._matches[0])
        return len(self._matches)

    def _close_opened(self, keep: FieldNode | None) -> None:
        """Collapse the branches the search opened, but those on the way to ``keep``."""
        target = self._node_of.get(id(keep)) if keep is not None else None
        ancestors = set()
        while target is not None:
            ancestors.add(id(target))
            target = target.parent
        kept = []
        for node in self._opened_by_search:
            if id(node) in ancestors:
                kept.append(node)
            else:
                node.collapse()
        self._opened_by_search = kept

    def search_step(self, step: int) -> tuple[int, int] | None:
        """Reveal the next (``step`` 1) or previous (-1) match: (its number, the total)."""
        if not self._matches:
            return None
        self._match_index = (self._match_index + step) % len(self._matches)
        self.reveal(self._matches[self._match_index])
        return self._match_index + 1, len(self._matches)

    def reveal(self, field: FieldNode) -> None:
        """Expand every ancestor of ``field``'s node, move the cursor to it, scroll to it."""
        node = self._node_of.get(id(field))
        if node is None:
            return
        parent = node.parent
        while parent is not None and not parent.is_root:
            if not parent.is_expanded:
                parent.expand()
                self._opened_by_search.append(parent)
            parent = parent.parent
        self._move_to(node)

    def _move_to(self, node: TreeNode[FieldNode]) -> None:
        # Expanding drops the tree's line table; a node's line number is only right once it
        # is rebuilt, which Textual does lazily when the lines are read (`last_line` reads
        # them). No animation: while typing a search, each key's match is in view at once,
        # not after a glide.
        self.last_line  # noqa: B018
        self.move_cursor(node)
        self.call_after_refresh(self.scroll_to_node, node, animate=False)

    def mark(self, fields: list[FieldNode], query: str) -> None:
        """Highlight ``query`` in the labels of ``fields`` (and clear older marks)."""
        for node in self._marked:
            if node.data is not None:
                node.set_label(node_label(node.data))
        self._marked = [self._node_of[id(f)] for f in fields if id(f) in self._node_of]
        needle = query.strip()
        for node in self._marked:
            label = node_label(node.data)  # type: ignore[arg-type]
            label.highlight_words([needle], style="reverse", case_sensitive=False)
            node.set_label(label)

    def view_state(self) -> tuple[set[tuple[str | int, ...]], tuple[str | int, ...] | None]:
        """The paths of the expanded nodes and of the cursor's node (to redraw the same
        view from another tree of the same engagement, e.g. in privacy mode)."""
        expanded = {
            node.data.path for node in self._node_of.values()
            if node.data is not None and node.is_expanded
        }
        cursor = self.cursor_node
        return expanded, cursor.data.path if cursor is not None and cursor.data else None

    def restore_view_state(
        self, state: tuple[set[tuple[str | int, ...]], tuple[str | int, ...] | None]
    ) -> None:
        expanded, cursor = state
        target = None
        for node in self._node_of.values():
            path = node.data.path if node.data is not None else None
            if path in expanded:
                node.expand()
            elif node.allow_expand:
                node.collapse()
            if path == cursor:
                target = node
        if target is not None:
            self._move_to(target)

    def on_resize(self) -> None:
        """A smaller window keeps the cursor line in view (not only after the next key)."""
        line = self.cursor_line
        if line >= 0:
            self.call_after_refresh(self.scroll_to_line, line, animate=False)

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
