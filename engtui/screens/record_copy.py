"""Copy and export on the record screen: what ``y``, ``Y``, ``i``, ``a``, ``b`` and ``s``
take, always from the `RecordView` shown (masked in privacy mode). The record screen holds one
`RecordCopier` and says what is selected; the copier puts it on the clipboard (OSC 52) and
says what it copied, or opens the export dialog."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from engtui.api.field_tree import FieldNode
from engtui.api.jsonout import dumps
from engtui.api.record_view import MASKED_NOTE, RecordView
from engtui.api.records import RelatedList


class RecordCopier:
    """The copy and export actions of one record screen (``screen``: where the notifications
    and the export dialog go)."""

    def __init__(self, screen: Screen[Any]) -> None:
        self._screen = screen

    def _copy(self, text: str, what: str) -> None:
        self._screen.app.copy_to_clipboard(text)
        self._screen.notify(f"Copied {what}: sent to the terminal's clipboard (OSC 52).",
                            timeout=3, markup=False)

    def field(self, view: RecordView, node: FieldNode | None) -> None:
        """``y`` in the tree: a value as shown, a container as JSON; a masked value never."""
        if node is None:
            return
        if node.is_leaf and node.sensitive and view.redacted:
            self._screen.notify(f"{node.name} is masked (privacy mode): nothing copied. "
                                "F9 turns privacy mode off.", severity="warning", markup=False)
        elif node.is_leaf:
            self._copy(node.value_text, node.name)
        else:
            self._copy(dumps(node.raw), f"{node.name} as JSON{view.note}")

    def row(self, view: RecordView, related: RelatedList, index: int | None) -> None:
        """``y`` in a related list's pane: the selected row."""
        copied = view.row_copy(related, index) if index is not None else None
        if copied is not None:
            self._copy(*copied)

    def json(self, view: RecordView) -> None:
        """``Y``: the whole record as JSON."""
        self._copy(dumps(view.data()), f"{view.record.crumb} as JSON{view.note}")

    def id(self, view: RecordView) -> None:
        """``i``: the record's id."""
        self._copy(view.record.id, f"the id {view.record.id}")

    def arn(self, view: RecordView) -> None:
        """``a``: the record's ARN (masked in privacy mode where it holds a masked value)."""
        arn = view.arn()
        if not arn:
            self._screen.notify(f"This {view.record.kind.title.lower()} has no ARN.",
                                severity="warning", markup=False)
            return
        self._copy(arn, "the ARN" + (MASKED_NOTE if arn != view.record.arn else ""))

    def console_link(self, view: RecordView) -> None:
        """``b``: the record's console page, copied and shown as a terminal hyperlink (OSC 8),
        or why there is none."""
        record = view.record
        url = record.kind.console_link(record.catalog, record.id)
        if url is None:
            why = (f"Only the AWS catalog's records have a console page; this one is in "
                   f"{record.catalog}." if record.catalog != "AWS"
                   else f"{record.id} is not an id the console page takes.")
            self._screen.notify(why, severity="warning", markup=False)
            return
        from engtui.screens.console_link import ConsoleLinkDialog

        self._screen.app.copy_to_clipboard(url)
        self._screen.app.push_screen(ConsoleLinkDialog(url))

    def export(self, view: RecordView) -> None:
        """``s``: ask for a path (prefilled); the export dialog writes the file in its worker."""
        from engtui.host import host
        from engtui.screens.export import ExportScreen

        self._screen.app.push_screen(
            *ExportScreen.of_view(view, host(self._screen).last_export_folder))
