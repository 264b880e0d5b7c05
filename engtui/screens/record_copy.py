"""Copy and export on the record screen (a mixin of `RecordScreen`): what ``y``, ``Y``,
``i``, ``a`` and ``s`` take, always from the `RecordView` shown (masked in privacy mode)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from engtui.api.jsonout import dumps
from engtui.api.record_view import MASKED_NOTE
from engtui.widgets.related_pane import RelatedPane

if TYPE_CHECKING:
    from engtui.screens.record import RecordScreen

    _Base = RecordScreen
else:
    _Base = object


class RecordCopying(_Base):
    """The copy and export actions."""

    def _copy(self, text: str, what: str) -> None:
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied {what}: sent to the terminal's clipboard (OSC 52).", timeout=3,
                    markup=False)

    def action_copy_value(self) -> None:
        view, pane = self.view, self.active_pane
        if pane != self.tree_pane:
            related = self.kind.related_list(pane)
            index = self.query_one(f"#{pane}", RelatedPane).selected_index
            copied = view.row_copy(related, index) if index is not None else None
            if copied is not None:
                self._copy(*copied)
            return
        node = self.selected()
        if node is None:
            return
        if node.is_leaf and node.sensitive and self.redacted:
            self.notify(f"{node.name} is masked (privacy mode): nothing copied. "
                        "F9 turns privacy mode off.", severity="warning", markup=False)
        elif node.is_leaf:
            self._copy(node.value_text, node.name)
        else:
            self._copy(dumps(node.raw), f"{node.name} as JSON{view.note}")

    def action_copy_json(self) -> None:
        view = self.view
        self._copy(dumps(view.data()), f"{self.record.crumb} as JSON{view.note}")

    def action_copy_id(self) -> None:
        self._copy(self.record.id, f"the id {self.record.id}")

    def action_copy_arn(self) -> None:
        arn = self.view.arn()
        if not arn:
            self.notify(f"This {self.kind.title.lower()} has no ARN.", severity="warning",
                        markup=False)
            return
        self._copy(arn, "the ARN" + (MASKED_NOTE if arn != self.record.arn else ""))

    def action_export(self) -> None:
        """Ask for a path (prefilled); the export dialog writes the file in its worker."""
        from engtui.host import host
        from engtui.screens.export import ExportScreen

        self.app.push_screen(*ExportScreen.of_view(self.view, host(self).last_export_folder))
