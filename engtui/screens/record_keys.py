"""The keys of a record screen, made from the record kind's declaration.

Each kind's record screen gets its bindings (and so its footer and help) worded for that
kind: "Fetch this engagement again (and its members and opportunities)", one number key per
pane ("1 Contexts", "2 Members", "3 Opportunities"). `engtui.screens.navigator.screen_class`
makes, once per kind, a subclass of `RecordScreen` that carries them: the code is the same
for every kind, only the words and the panes differ.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content

from engtui.api.records import RecordKind, with_article
from engtui.api.timeline import TIMELINE_KIND


def tree_pane(kind: RecordKind) -> str:
    """The name of the first pane: the record's tree with the detail pane ("contexts")."""
    return kind.tree_title.lower()


def pane_names(kind: RecordKind) -> list[str]:
    return [tree_pane(kind), *(related.name for related in kind.related)]


def pane_title(kind: RecordKind, name: str) -> str:
    return kind.tree_title if name == tree_pane(kind) else kind.related_list(name).title


def tab_label(kind: RecordKind, name: str, count: int | None = None) -> Content:
    """``1 Contexts (5)``: the key that shows the pane, dim, then its name and count."""
    key = str(pane_names(kind).index(name) + 1)
    title = pane_title(kind, name) + (f" ({count})" if count is not None else "")
    return Content.assemble((f"{key} ", "dim"), title)


def _joined(words: list[str]) -> str:
    return " and ".join(words)


def record_bindings(kind: RecordKind) -> list[Binding]:
    """Every key of ``kind``'s record screen, in the order help lists them."""
    noun = kind.title.lower()
    lists = _joined([related.title.lower() for related in kind.related])
    rows = "; ".join(
        f"{with_article(related.row_noun)} row " + ("its id" if related.row_link else "as JSON")
        for related in kind.related
    )
    panes = [
        Binding(str(index), f"show_pane('{name}')", pane_title(kind, name), show=False,
                id=f"record.pane_{index}",
                tooltip=(f"Show the tree of {name}" if name == tree_pane(kind) else
                         f"Show the {kind.related_list(name).what} (loaded the first time)"))
        for index, name in enumerate(pane_names(kind), start=1)
    ] if kind.related else []
    links = [
        Binding("o", "links", "Links", id="record.links",
                tooltip=f"Open a record this {noun} links to (a list; Enter opens, Esc closes)"),
    ] if kind.links else []
    return [
        Binding("escape", "back", "Back", id="record.back",
                tooltip="Back to where you were (or cancel a refresh, or close the search)"),
        Binding("r", "refresh", "Refresh", id="record.refresh",
                tooltip=f"Fetch this {noun} again" + (f" (and its {lists})" if lists else "")),
        Binding("slash", "search", "Search", id="record.search",
                tooltip="Search the tree's labels and values, also in collapsed branches"),
        Binding("n", "search_step(1)", "Next match", show=False, id="record.next_match",
                tooltip="Jump to the next search match"),
        Binding("N", "search_step(-1)", "Previous match", show=False,
                id="record.previous_match", tooltip="Jump to the previous search match"),
        Binding("y", "copy_value", "Copy value", id="record.copy_value",
                tooltip="Copy the selected value (a container copies as JSON"
                        + (f"; {rows})" if rows else ")")),
        # before Export and JSON: a narrow key bar keeps it (a bulk job's report is why
        # one opens it)
        *([Binding("u", "report_url", "Report URL", id="record.report_url",
                    tooltip=f"The {noun}'s report URL (failed rows), copied, with its expiry "
                            "(15 minutes); engtui never downloads it")]
          if kind.report else []),
        Binding("Y", "copy_json", "Copy JSON", show=False, id="record.copy_json",
                tooltip=f"Copy the whole {noun} as JSON"),
        Binding("i", "copy_id", "Copy id", show=False, id="record.copy_id",
                tooltip=f"Copy the {noun} id"),
        Binding("a", "copy_arn", "Copy ARN", show=False, id="record.copy_arn",
                tooltip=f"Copy the {noun} ARN"),
        *([Binding("b", "console_link", "Console", show=False, id="record.console_link",
                   tooltip=f"Copy the {noun}'s Partner Central console URL and show it as a "
                           "link (AWS catalog)")] if kind.console_url else []),
        Binding("s", "export", "Export", id="record.export",
                tooltip=f"Save the {noun} as JSON"
                        + (f" (with {lists} when loaded)" if lists else "")),
        *links,
        Binding("v", "raw_json", "JSON", id="record.raw_json",
                tooltip=f"The whole {noun} as JSON, every value in full; / searches it"),
        Binding("d", "changes", "Changes", id="record.changes",
                tooltip=("What changed since the previous revision (c picks two)"
                         if "Revision" in kind.identity_params else
                         f"What differs from another {noun}, field by field")),
        *([Binding("t", "timeline", "Timeline", id="record.timeline",
                    tooltip=f"Everything the API can date about this {noun}, oldest first "
                            "(Enter opens a row's record; f: one kind)")]
          if kind.name == TIMELINE_KIND else []),
        *panes,
        Binding("ctrl+r", "retry", "Retry", show=False, id="record.retry",
                tooltip=f"Load the {lists or 'list'} again after an error"),
        Binding("q", "app.quit", "Quit", show=False, id="record.quit", tooltip="Quit engtui"),
        Binding("tab", "app.focus_next", "Next pane", show=False, id="record.next_pane",
                tooltip="Move between the tree and the detail pane"),
    ]
