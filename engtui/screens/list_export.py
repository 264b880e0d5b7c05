"""Export a list screen's rows (``e``): the loaded rows that pass the filter, with the list's
columns (those its screen has for the list's operation, as the widest terminal shows them),
as CSV or JSON.

The record export's dialog (`engtui.screens.export.ExportScreen`) does the rest: its path
checks, its atomic write in a worker, "Replace it?" before an existing file is touched. The
file's extension picks the form: ``.json`` writes JSON, any other CSV (the default path is
``<list>.csv``); the box's title says which, as it is typed. The dialog's sentence names
the rows, the filter, the columns and privacy mode, and the file holds exactly that: the
rows as the screen made them (masked when privacy mode is on: the rows are made from the
masked items), taken when the dialog opens.

CSV is `engtui.script_output.csv_text` (``engtui list --output csv``'s): a header of column
titles, RFC 4180 quoting, a cell that a spreadsheet would run as a formula prefixed with
``'``, and the screen's ``—`` (no value) an empty cell. JSON is one object::

    {"Catalog": "Sandbox", "List": "invitations", "Filter": "pend" | null,
     "Redacted": false, "Columns": ["Id", ...], "Rows": [{"Id": "engi-…", ...}, ...]}

with ``null`` for the screen's ``—``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.widgets import Input

from engtui.api.jsonout import dumps
from engtui.screens.export import ExportScreen
from engtui.script_output import NO_VALUE, csv_text, declared_columns

if TYPE_CHECKING:
    from engtui.screens.record_list import ListScreen


class ListExportScreen(ExportScreen):
    """The export dialog of a list's rows (see the module)."""

    suffix = ".csv"

    def __init__(self, path: str, what: str, name: str, catalog: str, columns: Sequence[str],
                 rows: Sequence[Sequence[str]], filter_text: str, redacted: bool,
                 folder: Path | None = None, where: str = "") -> None:
        super().__init__(path, what, "", name, folder=folder, where=where)
        self.columns = list(columns)
        self.rows = [list(row) for row in rows]
        self._list = name
        self._catalog = catalog
        self._filter = filter_text
        self._redacted = redacted

    @classmethod
    def of_list(cls, screen: ListScreen) -> tuple[ListExportScreen, Callable[[Path | None], None]]:
        """The dialog for what ``screen`` shows, and the callback that says where it went
        and remembers the folder (as `ExportScreen.of_view`)."""
        from engtui.export import default_export_path
        from engtui.host import host
        from engtui.local.paths import export_folder

        spec, table = screen.spec, screen.table
        shown = declared_columns(spec, table.operation)
        columns = [spec.columns[index].title for index in shown]
        rows = [[row[index] for index in shown] for row in table.shown_rows()]
        redacted = bool(host(screen).redacted)
        last = host(screen).last_export_folder
        folder, words = ((last, "the folder of your last export") if last is not None
                         else export_folder())
        count = len(rows)
        what = [f"{count:,} {spec.noun if count == 1 else spec.title.lower()}"]
        if table.filter_text:
            what.append(f"of {table.row_count:,} loaded, those the filter “{table.filter_text}” "
                        "shows")
        elif screen.fetching or screen.more_on_server:
            what.append("loaded so far (the list has more)")
        sentence = (" ".join(what) + f"; columns {', '.join(columns)}"
                    + ("; masked (privacy mode)" if redacted else "")
                    + ". A .json path writes JSON, any other CSV.")
        dialog = cls(str(default_export_path(spec.name, folder, cls.suffix)), sentence,
                     spec.name, screen.catalog, columns, rows, table.filter_text, redacted,
                     folder=folder,
                     where=f"Saved in {words} ({folder}); a relative path is inside it.")

        def written(path: Path | None) -> None:
            if path is not None:
                host(dialog).last_export_folder = path.parent
                rows_word = "row" if count == 1 else "rows"
                dialog.app.notify(f"Exported {count:,} {rows_word} of {spec.title.lower()} "
                                  f"to {path}"
                                  + (" (masked)" if redacted else "") + ".",
                                  timeout=5, markup=False)

        return dialog, written

    @staticmethod
    def is_json(path: str | Path) -> bool:
        return Path(str(path).strip()).suffix.lower() == ".json"

    def heading(self, typed: str) -> str:
        return "Export as JSON" if self.is_json(typed) else "Export as CSV"

    @on(Input.Changed, "#export-path")
    def _form_changed(self, event: Input.Changed) -> None:
        self.query_one("#export-box").border_title = self.heading(event.value)

    def document(self, path: Path) -> str:
        if not self.is_json(path):
            return csv_text(self.columns, self.rows)
        return dumps({
            "Catalog": self._catalog,
            "List": self._list,
            "Filter": self._filter or None,
            "Redacted": self._redacted,
            "Columns": self.columns,
            "Rows": [{title: None if value == NO_VALUE else value
                      for title, value in zip(self.columns, row, strict=True)}
                     for row in self.rows],
        }) + "\n"
