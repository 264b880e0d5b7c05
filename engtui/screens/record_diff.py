"""What changed between two records of one kind, on screen (``d`` on any record screen).

On a resource snapshot with a revision before it, ``d`` compares that previous revision
with the one shown at once; on any other record (or with ``c`` on this screen) a small
dialog asks what to compare with: another id of the kind (typed, or picked from the other
revisions of a snapshot, or from the recent records the kind accepts). The other record is
fetched in a worker, like any open, within the call budget; the changes come from
`engtui.api.record_diff` and are drawn one a row (``~`` changed, ``+`` only in the record
shown, ``-`` only in the other), the field named by the tree's labels; the line under the
table shows the highlighted change in full. Privacy mode masks both sides (F9 redraws).
Escape goes back to the record as it was.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Input, OptionList, Static
from textual.widgets.option_list import Option

from engtui.api.errors import ApiError
from engtui.api.records import with_article
from engtui.host import host
from engtui.screens.base import EngtuiScreen
from engtui.textsafe import printable
from engtui.widgets.plain import safe_text

if TYPE_CHECKING:
    from engtui.api.record_diff import Change
    from engtui.api.records import Record, RecordRef

MARKS = {"changed": ("~", "yellow"), "added": ("+", "green"), "removed": ("-", "red")}


def previous_revision(record: Record) -> RecordRef | None:
    """The snapshot revision before ``record`` (None: not a snapshot, or revision 1)."""
    from engtui.api.records import RecordRef

    if record.kind.params_of is None:
        return None
    params = record.kind.params_of(record.data)
    revision = params.get("Revision")
    if not isinstance(revision, int) or isinstance(revision, bool) or revision <= 1:
        return None
    return RecordRef(record.kind, record.id, record.id, record.catalog,
                     {**params, "Revision": revision - 1})


def compare_choices(record: Record) -> list[tuple[str, RecordRef]]:
    """What the compare dialog offers for ``record``: a snapshot's other revisions (its
    links' choices), else the recent records of its kind."""
    from engtui.api.records import RecordRef

    found: list[tuple[str, RecordRef]] = []
    for link in record.kind.links:
        if link.kind == record.kind.name and link.choices is not None:
            for label, (identifier, params) in link.choices(record.data):
                found.append((label, RecordRef(record.kind, identifier, identifier,
                                               record.catalog, dict(params))))
    return found


class CompareDialog(ModalScreen["RecordRef | None"]):
    """Asks for the record to compare with: typed, or one of the choices."""

    DEFAULT_CSS = """
    CompareDialog { align: center middle; }
    CompareDialog > Vertical {
        width: 70; max-width: 100%; height: auto; max-height: 80%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    CompareDialog OptionList { height: auto; max-height: 10; border: none; }
    CompareDialog #compare-error { color: $error; height: auto; }
    """

    BINDINGS = [
        Binding("escape", "dismiss_none", "Close", id="compare.close",
                tooltip="Close without comparing"),
    ]

    def __init__(self, record: Record, choices: list[tuple[str, RecordRef]],
                 recent: list[tuple[str, str]]) -> None:
        super().__init__()
        self.record = record
        self.choices = list(choices)
        for identifier, title in recent:  # the recent records the kind accepts
            ref = self._parsed(identifier)
            if ref is not None and ref.record_id != record.id:
                self.choices.append((f"{identifier} {title}".strip(), ref))

    def _parsed(self, text: str) -> RecordRef | None:
        from engtui.api.kinds import InvalidInput

        try:
            return self.record.kind.parse(text)
        except InvalidInput:
            return None

    def compose(self) -> ComposeResult:
        noun = self.record.kind.title.lower()
        with Vertical():
            yield Static(Text(printable(f"Compare {self.record.crumb} with another {noun}",
                                        limit=66), style="bold"))
            prefix = self.record.kind.prefix
            yield Input(placeholder=f"{with_article(noun)} id ({prefix}…) or ARN" if prefix
                        else f"{with_article(noun)} ARN", id="compare-input")
            yield Static("", id="compare-error")
            if self.choices:
                yield OptionList(*(Option(Text(printable(label, limit=64)))
                                   for label, _ in self.choices), id="compare-choices")
            yield Static(Text("Enter compares · ↓ picks from the list · Esc closes",
                              style="dim"))

    def on_key(self, event: Any) -> None:
        if event.key == "down" and self.focused is self.query_one("#compare-input", Input) \
                and self.choices:
            self.query_one("#compare-choices", OptionList).focus()
            event.stop()

    @on(Input.Submitted, "#compare-input")
    def _typed(self, event: Input.Submitted) -> None:
        from engtui.api.kinds import InvalidInput

        try:
            ref = self.record.kind.parse(event.value)
        except InvalidInput as error:
            noun = self.record.kind.title.lower()
            self.query_one("#compare-error", Static).update(Text(printable(
                f"Not {with_article(noun)}: {error}")))
            return
        self.dismiss(ref)

    @on(OptionList.OptionSelected, "#compare-choices")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[event.option_index][1])

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class DiffScreen(EngtuiScreen):
    """The changes from another record of one kind (``other``) to ``record``."""

    BINDING_GROUP_TITLE = "Changes"
    AUTO_FOCUS = "#changes"

    DEFAULT_CSS = """
    DiffScreen #diff-title { height: 1; padding: 0 1; text-style: bold; }
    DiffScreen #changes { height: 1fr; border: round $primary 40%; }
    DiffScreen #changes:focus { border: round $primary; }
    DiffScreen #diff-detail { height: auto; max-height: 6; padding: 0 1; }
    """

    BINDINGS = [
        Binding("escape", "back", "Back", id="diff.back", tooltip="Back to the record"),
        Binding("c", "compare", "Compare with", id="diff.compare",
                tooltip="Pick the other record (another id, or another revision)"),
        Binding("q", "app.quit", "Quit", show=False, id="diff.quit", tooltip="Quit engtui"),
    ]

    def __init__(self, record: Record, other: RecordRef) -> None:
        super().__init__()
        self.record = record
        self.other_ref = other
        self.other: Record | None = None
        self.changes: list[Change] = []

    @property
    def crumb(self) -> str:
        return "Changes"

    def compose_body(self) -> ComposeResult:
        yield Static("", id="diff-title")
        table: DataTable[Text] = DataTable(id="changes", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static("", id="diff-detail")

    def on_mount(self) -> None:
        self.watch(self.app, "redacted", lambda _: self._draw_changes(), init=False)
        self._start_fetch()

    def _described(self, record_id: str, params: dict[str, Any]) -> str:
        revision = params.get("Revision")
        return f"{record_id} rev {revision}" if revision is not None else record_id

    def _start_fetch(self) -> None:
        ref = self.other_ref
        self.other = None
        self.query_one("#diff-title", Static).update(Text(printable(
            f"Fetching {self._described(ref.record_id, ref.params)} to compare…")))
        self.query_one("#changes", DataTable).clear(columns=True)
        self.query_one("#diff-detail", Static).update("")
        self._fetch_other(ref)

    @work(group="diff", exclusive=True, exit_on_error=False)
    async def _fetch_other(self, ref: RecordRef) -> None:
        from engtui.screens.opening import fetch_record

        load = partial(host(self).records.get_record, ref.kind,
                       ref.catalog_from_arn or self.record.catalog, ref.identifier,
                       params=ref.params)
        outcome = await fetch_record(load, "engtui-diff")
        if ref is not self.other_ref:
            return  # another record was picked meanwhile
        if isinstance(outcome, ApiError):
            self.query_one("#diff-title", Static).update(Text(printable(
                f"Could not fetch {self._described(ref.record_id, ref.params)}: "
                f"{outcome.one_line()}"), style="red"))
            return
        self.other = outcome[0]
        self._draw_changes()

    def _draw_changes(self) -> None:
        from engtui.api.record_diff import diff_records

        if self.other is None:
            return
        old, new = self.other, self.record
        self.changes = diff_records(old, new, masked=host(self).redacted)
        count = len(self.changes)
        before = self._described(old.id, old.request_params)
        after = self._described(new.id, new.request_params)
        said = f"{count} change{'s' if count != 1 else ''}" if count else "no differences"
        self.query_one("#diff-title", Static).update(Text(printable(
            f"From {before} to {after}: {said}")))
        table: DataTable[Text] = self.query_one("#changes", DataTable)
        table.clear(columns=True)
        width = max(self.size.width - 4, 40)
        value_width = max((width - 3) // 4, 10)
        table.add_column("", key="mark", width=1)
        field_width = width - 3 - 2 * value_width - 6
        table.add_column("Field", key="field", width=field_width)
        table.add_column(printable(before, limit=value_width), key="old", width=value_width)
        table.add_column(printable(after, limit=value_width), key="new", width=value_width)
        for change in self.changes:
            mark, style = MARKS[change.change]
            table.add_row(Text(mark, style=style),
                          safe_text(tail(change.label_text, field_width), limit=field_width),
                          safe_text(_cell(change.old), limit=value_width),
                          safe_text(_cell(change.new), limit=value_width))
        if self.changes:
            self._show_detail(0)

    @on(DataTable.RowHighlighted, "#changes")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail(event.cursor_row)

    def _show_detail(self, index: int) -> None:
        if not 0 <= index < len(self.changes):
            return
        change = self.changes[index]
        self.query_one("#diff-detail", Static).update(safe_text(
            f"{change.label_text} ({change.path_text})\n"
            f"before: {_cell(change.old) or '(none)'}\nafter:  {_cell(change.new) or '(none)'}"))

    def action_compare(self) -> None:
        open_compare(self, self.record, self._compare_with)

    def _compare_with(self, ref: RecordRef | None) -> None:
        if ref is not None:
            self.other_ref = ref
            self._start_fetch()

    def action_back(self) -> None:
        self.workers.cancel_group(self, "diff")
        self.dismiss()


def tail(text: str, width: int) -> str:
    """``text`` cut from the left to ``width`` (a field's own name, at the end of its
    labels, is what must stay readable): ``…Lifecycle > Stage``."""
    return text if len(text) <= width else "…" + text[-(width - 1):]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        from engtui.api.jsonout import dumps

        return dumps(value, indent=None)
    from engtui.api.field_tree import scalar_text

    return scalar_text(value)


def open_compare(screen: Screen[Any], record: Record, then: Any) -> None:
    """Push the compare dialog for ``record``; ``then`` gets the chosen `RecordRef` (or
    None)."""
    recent = [(item.identifier, item.title) for item in host(screen).recent.shown]
    screen.app.push_screen(CompareDialog(record, compare_choices(record), recent), then)


def show_changes(screen: Screen[Any], record: Record) -> None:
    """``d`` on a record screen: a snapshot against its previous revision at once, any
    other record against one the user picks."""
    previous = previous_revision(record)
    if previous is not None:
        screen.app.push_screen(DiffScreen(record, previous))
        return

    def chosen(ref: RecordRef | None) -> None:
        if ref is not None:
            screen.app.push_screen(DiffScreen(record, ref))

    open_compare(screen, record, chosen)
