"""The list screen: every row of a paginated list (the catalog's engagements), streamed in
page by page. Which columns, rows and record kind come from the list's declaration
(`engtui.api.records.ListKind`); the pages come from a `PageSource` handed in, so this
screen never touches the client.

The first page is drawn as soon as it arrives; the rest load in the background (a daemon
thread that asks for the next page while this screen adds the last one, see
`engtui.threads.iterate_in_daemon_thread`), with the count and page number in the summary
line. Escape stops loading between pages and keeps what arrived; a second Escape goes back.
``/`` filters the loaded rows as you type; ``s``, ``f`` and ``o`` change what the service
sorts and filters on, which reloads. ``r`` reloads with the same options; the filter and
the row under the cursor are kept. At the row budget (`engtui.screens.list_budget`)
loading pauses; ``m`` goes on.

Enter opens the row's record (a `RecordOpener` of this screen, as on the lookup screen; the
messages it posts show its loading state and errors here); its screen is pushed over this
one, so Escape there comes back to the list as it was, cursor included.
"""

from __future__ import annotations

import contextlib

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input

from engtui.api.errors import ApiError, ErrorKind, classify
from engtui.api.identifiers import InvalidInput
from engtui.api.kinds import KINDS, LISTS
from engtui.api.list_queries import ListQuery
from engtui.api.listing import DESCENDING, SummaryPage
from engtui.api.records import ListKind, Options
from engtui.host import host
from engtui.screens.base import EngtuiScreen
from engtui.screens.list_budget import ROW_BUDGET, PausesAtBudget, RowBudget
from engtui.screens.list_keys import list_bindings
from engtui.screens.list_pages import PageSource, pages_of
from engtui.screens.list_watch import ListWatch
from engtui.screens.opening import OpenRequest, RecordOpener
from engtui.textsafe import printable
from engtui.threads import iterate_in_daemon_thread
from engtui.widgets.filter_input import FilterInput
from engtui.widgets.keyword_input import KeywordInput
from engtui.widgets.latest import Latest
from engtui.widgets.list_summary import ListSummary, Loading
from engtui.widgets.lookup_status import LookupStatus, set_spinner
from engtui.widgets.summary_table import SummaryTable

LOAD_ERROR_KEYS = "r: reload · Esc: dismiss"
OPEN_ERROR_KEYS = "Enter: retry · Esc: dismiss"


class ListScreen(PausesAtBudget, EngtuiScreen):
    """One list of one catalog (the engagements), for the active profile."""

    BINDING_GROUP_TITLE = "List"

    AUTO_FOCUS = "#rows"

    DEFAULT_CSS = """
    ListScreen #list-head {
        height: 1;
        padding: 0 1;
    }
    ListScreen #list-spinner {
        width: 6;
        padding-right: 1;
        height: 1;
    }
    ListScreen #list-status {
        margin: 0;
        display: none;
    }
    ListScreen #list-status.-loading, ListScreen #list-status.-error {
        display: block;
    }
    """

    # The keys are the list's (`engtui.screens.list_keys.list_bindings`): a screen is made
    # by `list_screen`, of the list's own subclass (`list_screen_class`).

    page_size = 100
    """Rows asked for per page (the most the API allows; tests use fewer)."""

    row_budget = ROW_BUDGET  # rows loaded before loading pauses and m is offered
    def __init__(self, catalog: str, spec: ListKind, options: Options | None = None,
                 source: PageSource | None = None) -> None:
        super().__init__()
        self.spec = spec
        self.catalog = catalog
        if options is None:
            if spec.make_options is None:
                raise TypeError(f"the list {spec.name!r} declares no make_options")
            options = spec.make_options(self.page_size)
        self.options: Options = options
        self._source = source
        self._loads = Latest(self)  # a newer load (or Escape) drops an older one's pages
        self.fetching = False
        self.pages = 0
        self.more_on_server = False
        self.failure: ApiError | None = None
        self.retry_note = ""
        self.budget = RowBudget(self.row_budget)
        self.at_budget = False
        self.opener = RecordOpener(self)
        self.watcher = ListWatch(self)  # w: look again every interval, mark what is new

    @property
    def crumb(self) -> str:
        return self.options.crumb or self.spec.crumb

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="list-head"):
            yield ListSummary(self.spec.noun, id="list-summary")
        yield SummaryTable(self.spec, id="rows")
        yield LookupStatus(id="list-status")
        yield KeywordInput(id="keyword")
        yield FilterInput(
            id="filter", placeholder="/ filter by id or title (Enter keeps it, Esc clears)")

    def on_mount(self) -> None:
        self.reload()
        # Privacy mode masks the rows from the items (`engtui.screens.list_pages`): reload.
        self.watch(self.app, "redacted", lambda _: self.reload(keep_cursor=True), init=False)


    @property
    def table(self) -> SummaryTable:
        return self.query_one(SummaryTable)

    # -- loading ----------------------------------------------------------------------------
    def reload(self, keep_cursor: bool = False) -> None:
        """(Re)load every page with the current options; the filter is kept. With
        ``keep_cursor`` (a refresh), the cursor goes back to the row it was on when
        that one arrives again; new options start at the top."""
        selected = self.table.selected if keep_cursor else None
        generation = self._loads.start()
        self.table.sort_descending = self.options.sort == DESCENDING
        query = self.request()
        self.table.operation = query.operation if query else ""
        self.table.clear(keep_cursor_on=self.spec.item_id(selected) if selected else None)
        self.table.empty_text = "Loading…"
        self.pages = 0
        self.more_on_server = False
        self.failure = None
        self.retry_note = ""
        self._new_budget(self.row_budget)
        self._set_loading(True)
        self._hide_status()
        self._load(generation)

    @work(exclusive=True, group="list-pages", exit_on_error=False)
    async def _load(self, generation: int) -> None:
        def on_attempt(attempt: int, attempts: int) -> None:  # in the daemon thread
            if attempt > 1:
                self._loads.call_from_thread(generation, self._retrying, attempt, attempts)

        source = self._source or pages_of(self.app, self.spec)
        budget = self.budget
        pages = budget.pages(source(self.catalog, self.options, on_attempt))
        stream = iterate_in_daemon_thread(pages, f"engtui-list-{generation}")
        try:
            async with contextlib.aclosing(stream):  # closing it stops the thread
                async for page in stream:
                    if not self._loads.is_latest(generation):
                        return  # a newer load started: never mix its rows with these
                    self._page(page)
                    if budget.arrived(page):  # the stream waits for m or Escape
                        self._set_at_budget(True)
        except InvalidInput as refused:  # options that name nothing to ask (no bulk job)
            self._failed(generation, ApiError(ErrorKind.INVALID_INPUT, str(refused), ""))
            return
        except Exception as exc:  # every failure is shown in place; the list stays
            self._failed(generation, classify(exc))
            return
        if self._loads.is_latest(generation):
            self._finished(more=False)

    def _page(self, page: SummaryPage) -> None:
        self.pages = page.number
        self.retry_note = ""
        self.table.add(page.rows)
        self._update_summary()
        if page.number == 1:  # the cursor is on the first row now
            self._cursor_moved()

    def _retrying(self, attempt: int, attempts: int) -> None:
        if self.fetching:
            self.retry_note = f"retrying (attempt {attempt} of {attempts})"
            self._update_summary()

    def _finished(self, more: bool) -> None:
        self.more_on_server = more
        self._set_loading(False)

    def _failed(self, generation: int, error: ApiError) -> None:
        if not self._loads.is_latest(generation):
            return
        self.failure = error
        self.more_on_server = True
        self._set_loading(False)
        status = self.query_one("#list-status", LookupStatus)
        status.show_error(error.kind.title, error.message, error.hint, LOAD_ERROR_KEYS)

    def stop_loading(self) -> None:
        """Stop asking for pages (Escape); what arrived stays."""
        self._loads.drop()
        self.workers.cancel_group(self, "list-pages")
        self._new_budget(None)
        self._finished(more=True)


    def _set_loading(self, loading: bool) -> None:
        self.fetching = loading
        self.set_class(loading, "-loading")
        # The spinner exists only while loading: its 16-a-second timer runs even when hidden.
        set_spinner(self.query_one("#list-head"), loading, id="list-spinner")
        if not loading:
            self.retry_note = ""
            self.table.empty_text = (
                "Nothing loaded." if self.failure
                else f"No {self.spec.title.lower()} match these options."
            )
            self.table.refresh()
        self._update_summary()

    def request(self) -> ListQuery | None:
        """The request the options describe (``None`` when they conflict)."""
        try:
            return self.options.query()
        except InvalidInput:
            return None

    def _update_summary(self) -> None:
        table = self.table
        loading = Loading(
            pages=self.pages, fetching=self.fetching, retry_note=self.retry_note,
            paused_at=(self.budget.limit, self.budget.step) if self.at_budget else None,
            failed=self.failure is not None, more_on_server=self.more_on_server)
        self.query_one(ListSummary).show(
            table.row_count, table.shown_count if table.filter_text else None, loading,
            self.request(), self.options.describe(), self.watcher.describe())

    def update_summary(self) -> None:
        """Redraw the summary line (the watch's state changed)."""
        self._update_summary()

    def show_look(self, rows: list[object], pages: int, more: bool,
                  marks: dict[str, str]) -> None:
        """A watching list's look arrived: its rows replace the loaded ones (the cursor
        stays on its row), those in ``marks`` marked new or changed."""
        selected = self.table.selected
        self.table.clear(keep_cursor_on=self.spec.item_id(selected) if selected else None)
        self.table.add(rows)
        self.table.mark(marks)
        self.pages = pages
        self.more_on_server = more
        self.failure = None
        self._update_summary()

    # -- opening a row's record -------------------------------------------------------------
    @on(SummaryTable.Selected, "#rows")
    def _selected(self, event: SummaryTable.Selected) -> None:
        if self.spec.opens_list is not None:  # a group: its engagements, over this list
            found = self.spec.opens_list(event.summary, self.page_size)
            if found is not None:
                name, options = found
                self.app.push_screen(list_screen(self.catalog, LISTS[name], options))
                return
        targets = self.targets(event.summary)
        if not targets:
            self.notify(f"This {self.spec.noun} names no record engtui opens. e exports the "
                        "rows as JSON.", markup=False)
        elif len(targets) == 1:
            self._open(*targets[0])
        else:  # a task names its opportunity, engagement, snapshot job...: choose one
            self._choose(targets)

    def targets(self, summary: object) -> list[tuple[str, str]]:
        """The records a row names, (kind name, id): the list's own kind by default."""
        if self.spec.row_targets is not None:
            return [(kind, ident) for kind, ident in self.spec.row_targets(summary)
                    if kind in KINDS]
        return [(self.spec.opens, self.spec.item_id(summary))] if self.spec.opens else []

    def _open(self, kind: str, identifier: str) -> None:
        self.opener.open(OpenRequest(KINDS[kind], identifier, self.catalog))

    def _choose(self, targets: list[tuple[str, str]]) -> None:
        from engtui.screens.record_links import LinksDialog

        labels = [f"{KINDS[kind].title} {ident}" for kind, ident in targets]

        def chosen(index: int | None) -> None:
            if index is not None:
                self._open(*targets[index])

        self.app.push_screen(LinksDialog(f"Open a record this {self.spec.noun} names",
                                         labels), chosen)

    @property
    def opening(self) -> bool:
        """A record opened from here is being fetched (Escape cancels it)."""
        return self.opener.busy

    def on_record_opener_waiting(self, event: RecordOpener.Waiting) -> None:
        if event.stale:
            return
        text = f"Opening {event.request.identifier}…"
        if event.attempt > 1:
            text += f" retrying (attempt {event.attempt} of {event.attempts})"
        status = self.query_one("#list-status", LookupStatus)
        status.show_loading(printable(text + "  Esc to cancel"))

    def on_record_opener_failed(self, event: RecordOpener.Failed) -> None:
        """Opening failed: the error is shown under the list."""
        if event.stale:
            return
        error = event.error
        status = self.query_one("#list-status", LookupStatus)
        status.show_error(error.kind.title, error.message, error.hint, OPEN_ERROR_KEYS)

    def on_record_opener_opened(self, event: RecordOpener.Opened) -> None:
        """Opening finished (the record's screen is pushed)."""
        if not event.stale:
            self._hide_status()

    def _hide_status(self) -> None:
        self.query_one("#list-status", LookupStatus).show_idle()

    @on(SummaryTable.Highlighted, "#rows")
    def _cursor_moved(self) -> None:
        """Prefetch the row's record once the cursor rests on it (`engtui.screens.prefetch`)."""
        summary, spec = self.table.selected, self.spec
        request = None
        if summary is not None and (spec.opens_list is None
                                    or spec.opens_list(summary, self.page_size) is None):
            targets = self.targets(summary)
            if targets:
                request = OpenRequest(KINDS[targets[0][0]], targets[0][1], self.catalog)
        host(self).navigator.prefetch.want(self, "rows", request)

    # -- filter -------------------------------------------------------------------------------
    @property
    def filter_input(self) -> Input:
        return self.query_one("#filter", Input)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """In the filter field, `/` is just a character."""
        if action == "filter":
            return self.focused is not self.filter_input
        if action == "filter_done":
            return self.focused is self.filter_input
        if action == "keyword":  # bound only for a list that has it (`list_bindings`)
            return self.focused is not self.query_one(KeywordInput)
        if action == "more_rows":
            return self.at_budget
        if action == "picture":  # typed in the filter or keyword field, g is a letter
            return self.focused is self.table
        if action == "watch_pause":  # shown (and bound) only while watching
            return self.watcher.watching
        return True

    def action_filter(self) -> None:
        self.filter_input.add_class("-shown")
        self.set_focus(self.filter_input)  # now, so the next key typed already goes in

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.table.set_filter(event.value)
        self._show_filter_line()
        self._update_summary()

    def action_filter_done(self) -> None:
        self.set_focus(self.table)
        self._show_filter_line()

    def _show_filter_line(self) -> None:
        """The filter line stays visible while it is typed in or holds a filter. (Keys typed
        just before Enter may reach the field after this runs: `_filter_changed` calls it
        again.)"""
        field = self.filter_input
        field.set_class(bool(field.value) or self.focused is field, "-shown")

    def clear_filter(self) -> None:
        self.set_focus(self.table)
        self.filter_input.value = ""
        self.table.set_filter("")
        self._show_filter_line()
        self._update_summary()

    # -- the service's keyword search (ctrl+f) --------------------------------------------------
    def action_keyword(self) -> None:
        field = self.query_one(KeywordInput)
        field.add_class("-shown")
        self.set_focus(field)

    @on(KeywordInput.Search)
    @on(KeywordInput.Cleared)
    def _keyword(self, event: KeywordInput.Search | KeywordInput.Cleared) -> None:
        keyword = event.keyword if isinstance(event, KeywordInput.Search) else ""
        field = self.query_one(KeywordInput)
        field.set_class(bool(keyword), "-shown")
        self.set_focus(self.table)
        options = self.options.with_keyword(keyword)
        try:
            if keyword and options.query().note:  # an older model: no SearchEngagements
                raise InvalidInput(f"No keyword search: {options.query().note} (boto3 "
                                   "1.44.7 or newer has it); / filters the loaded rows.")
        except InvalidInput as problem:
            field.value = self.options.keyword
            field.set_class(bool(self.options.keyword), "-shown")
            self.notify(str(problem), severity="warning", markup=False)
            return
        if options != self.options:
            self.options = options
            self.reload()

    # -- actions ------------------------------------------------------------------------------
    def action_back(self) -> None:
        """One Escape undoes one thing: opening, loading, an error, the filter, the keyword;
        then back."""
        status = self.query_one("#list-status", LookupStatus)
        if self.focused is self.filter_input:
            self.clear_filter()
        elif self.opening:
            self.opener.cancel()
            self._hide_status()
        elif self.fetching or self.at_budget:
            self.stop_loading()
        elif status.has_class("-error"):
            self._hide_status()
        elif self.table.filter_text:
            self.clear_filter()
        elif self.options.keyword:
            self.query_one(KeywordInput).action_clear()
        else:
            self.dismiss()

    def action_refresh(self) -> None:
        self.reload(keep_cursor=True)

    def action_toggle_sort(self) -> None:
        if not self.spec.sortable:  # no ``s`` key here; said if the action comes anyway
            self.notify(f"The {self.spec.title.lower()} list has no sort (the service "
                        "returns it in its own order).", markup=False)
            return
        self.options = self.options.toggled_sort()
        self.reload()

    def action_switch(self, field: str) -> None:
        """The next value of one of the list's own options (the inbox's participant)."""
        self.options = self.options.toggled(field)
        self.reload()

    def action_watch(self) -> None:
        """Watch the list (look again every interval, mark what is new), or stop."""
        self.watcher.toggle()

    def action_watch_interval(self) -> None:
        self.watcher.step_interval()

    def action_watch_pause(self) -> None:
        self.watcher.toggle_pause()

    def action_export(self) -> None:
        """The loaded rows (after the filter) to a CSV or JSON file (`list_export`)."""
        from engtui.screens.list_export import ListExportScreen

        self.app.push_screen(*ListExportScreen.of_list(self))

    class PictureWanted(Message):
        """``g``: the app pushes the list's picture (`engtui.screens.list_picture`, which
        opens lists through `engtui.screens.lists`, so this module does not import it)."""

        def __init__(self, screen: ListScreen) -> None:
            super().__init__()
            self.screen = screen

    def action_picture(self) -> None:
        """The list's picture as bars."""
        self.post_message(self.PictureWanted(self))

    def narrow_to(self, text: str) -> None:
        """Filter the loaded rows by ``text`` (a bar of the picture the options cannot
        narrow to), as if typed after ``/``."""
        self.filter_input.value = text
        self.table.set_filter(text)
        self.set_focus(self.table)
        self._show_filter_line()
        self._update_summary()

    def action_report_url(self) -> None:
        """``u``: the row's report URL (a bulk job's), shown with its expiry and copied."""
        summary = self.table.selected
        found = self.spec.row_report(summary) if (
            summary is not None and self.spec.row_report is not None) else None
        if found is None:
            self.notify(f"This {self.spec.noun} has no report.", markup=False)
            return
        from engtui.screens.report_url import ask_report_url

        ask_report_url(self, *found, self.catalog)

    def action_options(self) -> None:
        from engtui.screens.list_options import ListOptionsScreen

        def apply(options: Options | None) -> None:
            if options is not None and options != self.options:
                self.options = options
                self.reload()

        self.app.push_screen(ListOptionsScreen(self.options), apply)


_SCREENS: dict[str, type[ListScreen]] = {}


def list_screen_class(spec: ListKind) -> type[ListScreen]:
    """The list screen of ``spec``: `ListScreen` with the list's keys (made once per list,
    as `engtui.screens.navigator.screen_class` makes a record kind's)."""
    made = _SCREENS.get(spec.name)
    if made is None:
        name = "".join(part.capitalize() for part in spec.name.split("_")) + "ListScreen"
        made = type(name, (ListScreen,), {"BINDINGS": list_bindings(spec)})
        _SCREENS[spec.name] = made
    return made


def list_screen(catalog: str, spec: ListKind, options: Options | None = None,
                source: PageSource | None = None) -> ListScreen:
    """A screen of list ``spec`` of ``catalog`` (``options`` None: the list's defaults)."""
    return list_screen_class(spec)(catalog, spec, options, source)
