"""Save a record as JSON: ask for a path (prefilled with a sensible default), write it.

The dialog owns the whole export: Enter writes the file in a worker of this dialog (never on
the UI thread); an existing file is replaced only after a yes to "Replace it?" (a no leaves
it and closes); a failed write (a missing folder, no permission) keeps the box open with
the same path and says why, so the path can be fixed in place. Esc cancels. It dismisses
with the path written, or ``None``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from engtui.export import ExportError, resolve_export_path, write_export

if TYPE_CHECKING:
    from engtui.api.record_view import RecordView
from engtui.textsafe import printable
from engtui.threads import in_daemon_thread
from engtui.widgets.plain import safe_text
from engtui.widgets.worker_bugs import ReportsWorkerBugs


class ExportScreen(ReportsWorkerBugs, ModalScreen[Path | None]):
    """Dismisses with the path written (``None`` when cancelled or declined)."""

    BINDING_GROUP_TITLE = "Export"

    DEFAULT_CSS = """
    ExportScreen {
        align: center middle;
    }
    ExportScreen #export-box {
        width: 76;
        max-width: 100%;
        height: auto;
        border: round $accent;
        border-title-style: bold;
        background: $surface;
        padding: 1 2;
    }
    ExportScreen #export-what {
        color: $text-muted;
        margin-bottom: 1;
    }
    ExportScreen #export-where {
        color: $text-muted;
    }
    ExportScreen #export-error {
        color: $error;
        margin-top: 1;
        display: none;
    }
    ExportScreen #export-error.-shown {
        display: block;
    }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="export.cancel",
                tooltip="Close without saving"),
    ]

    suffix = ".json"
    """The default file name's extension (a folder typed gets that name inside it)."""

    def __init__(self, path: str, what: str, text: str, identifier: str,
                 folder: Path | None = None, where: str = "") -> None:
        super().__init__()
        self.path = path
        self.what = what
        self._text = text  # the document: exact values (JSON escapes what must be)
        self._identifier = identifier
        self.folder = folder  # a relative path typed is inside it (None: the export folder)
        self.where = where  # the folder offered, in words

    @classmethod
    def of_view(
        cls, view: RecordView, last_folder: Path | None = None
    ) -> tuple[ExportScreen, Callable[[Path | None], None]]:
        """The dialog that exports what a record screen shows, into ``last_folder`` (this
        run's last export) or else the export folder (`engtui.local.paths.export_folder`:
        downloads, never the current folder), and the callback that says where it went and
        remembers that folder: ``app.push_screen(*ExportScreen.of_view(view, last))``."""
        from engtui.export import default_export_path
        from engtui.host import host
        from engtui.local.paths import export_folder

        record = view.record
        folder, words = ((last_folder, "the folder of your last export")
                         if last_folder is not None else export_folder())
        dialog = cls(str(default_export_path(record.id, folder)), view.export_summary(),
                     view.export_text(), record.id, folder=folder,
                     where=f"Saved in {words} ({folder}); a relative path is inside it.")

        def written(path: Path | None) -> None:
            if path is not None:
                host(dialog).last_export_folder = path.parent
                dialog.app.notify(f"Exported {record.id} to {path}{view.note}.", timeout=5,
                                  markup=False)

        return dialog, written

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box") as box:
            box.border_title = self.heading(self.path)
            box.border_subtitle = "Enter save · Esc cancel"
            yield Static(safe_text(self.what), id="export-what")
            if self.where:
                yield Static(safe_text(self.where), id="export-where")
            yield Input(self.path, id="export-path", placeholder="file path")
            yield Static(id="export-error")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def heading(self, typed: str) -> str:
        """The box's title for the path typed (the form the file will take)."""
        return "Export as JSON"

    def document(self, path: Path) -> str:
        """What is written to ``path``: the record's JSON (a list's export: by its name)."""
        return self._text

    @on(Input.Submitted, "#export-path")
    def _submit(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.run_worker(self._write(event.value.strip()), group="export",
                            exclusive=True, exit_on_error=False)

    def show_error(self, message: str) -> None:
        error = self.query_one("#export-error", Static)
        error.update(Text(printable(message)))
        error.add_class("-shown")
        self.query_one(Input).focus()

    async def _write(self, typed: str, overwrite: bool = False) -> None:
        identifier, folder, suffix = self._identifier, self.folder, self.suffix

        def write() -> Path:
            path = resolve_export_path(typed, identifier, folder, suffix)
            return write_export(path, self.document(path), overwrite=overwrite)

        try:
            path = await in_daemon_thread(write, "engtui-export")
        except FileExistsError:
            self._ask_to_replace(typed)
        except (ExportError, OSError) as exc:
            message = str(exc) if isinstance(exc, ExportError) else f"Cannot export: {exc}"
            self.notify(message, title="Export failed", severity="error", markup=False)
            self.show_error(message)
        else:
            self.dismiss(path)

    def _ask_to_replace(self, typed: str) -> None:
        from engtui.screens.confirm import ConfirmScreen

        target = resolve_export_path(typed, self._identifier, self.folder, self.suffix)
        question = Text(f"{printable(str(target))} already exists. Replace it?")

        def answered(yes: bool | None) -> None:
            if yes:
                self.run_worker(self._write(typed, overwrite=True), group="export",
                                exit_on_error=False)
            else:
                self.notify("Not exported: the file was left as it was.", timeout=3)
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("File exists", question, "Replace"), answered)

    def action_cancel(self) -> None:
        self.dismiss(None)
