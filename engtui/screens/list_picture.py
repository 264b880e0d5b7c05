"""The picture of a list (``g`` on a list that declares one, `ListKind.picture`): its bars
(`engtui.widgets.bar_chart`), from the rows the list has loaded (the opportunities by
stage) or from one call of the service (the customer accounts' statistics).

Enter on a bar opens the list narrowed to that bucket through the one path every list
opens by (`engtui.screens.lists.open_list`), over this screen, so Escape comes back to the
picture; when the declaration cannot narrow the list's options to the bucket, the list
under the picture is narrowed with its own filter (``/``) to the bar's label instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from engtui.api.errors import ApiError, classify
from engtui.api.pictures import BarGroup, ListPicture
from engtui.host import host
from engtui.screens.base import EngtuiScreen
from engtui.textsafe import printable
from engtui.threads import in_daemon_thread
from engtui.widgets.bar_chart import BarChart
from engtui.widgets.latest import Latest
from engtui.widgets.list_summary import plural
from engtui.widgets.lookup_status import LookupStatus

if TYPE_CHECKING:
    from engtui.screens.record_list import ListScreen


class ListPictureScreen(EngtuiScreen):
    """The bars of one list of one catalog."""

    BINDING_GROUP_TITLE = "Picture"
    AUTO_FOCUS = "#bars"

    BINDINGS = [
        Binding("escape", "back", "Back", id="picture.back",
                tooltip="Back to the list (or stop loading)"),
        # priority: before the bars' own Enter, so the key bar names it
        Binding("enter", "choose", "Open", id="picture.open", priority=True,
                tooltip="List the rows of the bar under the cursor"),
        Binding("r", "refresh", "Refresh", id="picture.refresh",
                tooltip="Count again (the service's statistics, or the rows loaded now)"),
        Binding("q", "app.quit", "Quit", show=False, id="picture.quit", tooltip="Quit engtui"),
    ]

    DEFAULT_CSS = """
    ListPictureScreen #picture-head {
        height: 1;
        padding: 0 1;
    }
    ListPictureScreen #picture-status {
        display: none;
    }
    ListPictureScreen #picture-status.-loading, ListPictureScreen #picture-status.-error {
        display: block;
    }
    """

    def __init__(self, under: ListScreen) -> None:
        super().__init__()
        if under.spec.picture is None:
            raise TypeError(f"the list {under.spec.name!r} declares no picture")
        self.under = under
        self.picture: ListPicture = under.spec.picture
        self.catalog = under.catalog
        self._loads = Latest(self)
        self.loading = False

    @property
    def crumb(self) -> str:
        return self.picture.title

    def compose_body(self) -> ComposeResult:
        yield Static(id="picture-head", markup=False)
        yield BarChart(id="bars")
        yield LookupStatus(id="picture-status")

    def on_mount(self) -> None:
        self.count()

    @property
    def chart(self) -> BarChart:
        return self.query_one(BarChart)

    def count(self) -> None:
        """Draw the bars: at once from the loaded rows, or after the service's call."""
        picture = self.picture
        if picture.from_rows is not None:
            rows = self.under.table.shown_summaries()
            self._show(picture.from_rows(rows), self._rows_note(len(rows)))
            return
        generation = self._loads.start()
        self.loading = True
        self.query_one("#picture-head", Static).update("Counting…")
        self._fetch(generation)

    def _rows_note(self, rows: int) -> str:
        table = self.under.table
        more = " (more on the server)" if (
            self.under.more_on_server or self.under.fetching) else ""
        shown = f"{rows:,} {plural(self.under.spec.noun, rows)}" + (
            f" (filter “{printable(table.filter_text, limit=20)}”)" if table.filter_text else "")
        return (f"From the {shown} loaded · {self.under.options.describe()}{more} · "
                "Enter lists a bar's")

    @work(exclusive=True, group="picture", exit_on_error=False)
    async def _fetch(self, generation: int) -> None:
        picture = self.picture
        assert picture.request is not None and picture.read is not None
        operation, params = picture.request(self.under.options)
        records = host(self).records
        redacted = host(self).redacted
        catalog = self.catalog

        def call() -> list[BarGroup]:
            reply: Any = records.read(operation, catalog, params)
            if redacted:  # privacy mode: what the model marks sensitive is masked
                from engtui.api.model import operation as operation_model
                from engtui.api.redact import redact

                reply = redact(reply, operation_model(operation).output_shape)
            return picture.read(reply)  # type: ignore[misc]

        try:
            groups = await in_daemon_thread(call, "engtui-picture")
        except Exception as exc:  # shown in place; the list under it stays as it was
            if self._loads.is_latest(generation):
                self._failed(classify(exc))
            return
        if self._loads.is_latest(generation):
            total = groups[0].total if groups else 0
            noun = plural(self.under.spec.noun, total)
            self._show(groups, f"{total:,} {noun} · {operation} · Enter lists a bar's")

    def _show(self, groups: list[BarGroup], note: str) -> None:
        self.loading = False
        self.query_one("#picture-head", Static).update(note)
        self.query_one("#picture-status", LookupStatus).show_idle()
        self.chart.show(groups)

    def _failed(self, error: ApiError) -> None:
        self.loading = False
        self.query_one("#picture-head", Static).update("")
        self.query_one("#picture-status", LookupStatus).show_error(
            error.kind.title, error.message, error.hint, "r: retry · Esc: back")

    # -- keys ---------------------------------------------------------------------------------
    def action_choose(self) -> None:
        bar = self.chart.selected_bar
        if bar is not None:
            self.open_bar(bar)

    @on(BarChart.Chosen)
    def _chosen(self, event: BarChart.Chosen) -> None:
        self.open_bar(event.bar)

    def open_bar(self, bar: Any) -> None:
        """The list narrowed to ``bar``'s bucket (see the module docstring)."""
        if not bar.value:
            self.notify("This bar is no one value: nothing to list.", severity="warning")
            return
        narrowed = (self.picture.narrowed(self.under.options, bar)
                    if self.picture.narrowed is not None else None)
        if narrowed is not None:
            from engtui.screens.lists import open_list

            open_list(self.app, self.catalog, self.under.spec.name, narrowed)
            return
        under = self.under
        self.dismiss()
        under.narrow_to(bar.label)

    def action_refresh(self) -> None:
        self.count()

    def action_back(self) -> None:
        if self.loading:
            self._loads.drop()
            self.workers.cancel_group(self, "picture")
            self.loading = False
            self.query_one("#picture-head", Static).update("Stopped.")
            return
        self.dismiss()
