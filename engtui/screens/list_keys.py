"""The keys of a list screen and of the lookup screen's lists, made from the lists'
declarations (`engtui.api.records.ListKind`).

Each list's screen gets only the keys its declaration names: ``ctrl+f`` when it has the
service's keyword search (its help names the operation), ``o`` when it has the options
dialog, one key per switch (the inbox's ``p`` and ``f``, the groups' ``f``), worded for that
list, ``s`` only when the service sorts it (`ListKind.sortable`), ``g`` for its picture
when it declares one (`ListKind.picture`); and every list's watch keys (``w``, ``W``,
``P``).
`engtui.screens.record_list.list_screen_class` makes, once per list, a subclass of
`ListScreen` that carries them, as `engtui.screens.record_keys` does for record kinds.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding

from engtui.api.records import ListKind


def list_bindings(spec: ListKind) -> list[Binding]:
    """Every key of ``spec``'s list screen, in the order the key bar and help list them."""
    keyword = [
        Binding("ctrl+f", "keyword", "Search", id="list.keyword",
                tooltip=f"Search the service for a keyword ({spec.keyword}; reloads)"),
    ] if spec.keyword else []
    options = [
        Binding("o", "options", "Options", id="list.options",
                tooltip="Server-side options: sort, context types, created by (reloads)"),
    ] if spec.has_options else []
    picture = [
        # priority: before the table's own g (first row; Home still goes there)
        Binding(spec.picture.key, "picture", spec.picture.label, id="list.picture",
                tooltip=spec.picture.help, priority=True),
    ] if spec.picture else []
    report = [
        Binding("u", "report_url", "Report URL", id="list.report_url",
                tooltip="The row's report URL (failed rows), copied, with its expiry "
                        "(15 minutes); engtui never downloads it"),
    ] if spec.row_report else []
    sort = [
        Binding("s", "toggle_sort", "Sort", id="list.sort",
                tooltip="Newest or oldest first (sorted by the service; reloads)"),
    ] if spec.sortable else []
    switches = [
        Binding(switch.key, f"switch('{switch.field}')", switch.label,
                id=f"list.{switch.field}", tooltip=switch.help)
        for switch in spec.switches
    ]
    return [
        Binding("escape", "back", "Back", id="list.back",
                tooltip="Stop loading (or cancel opening, or clear the filter); "
                        "then back to the lookup screen"),
        # priority: handled before the keys typed after it are routed, so none is lost
        Binding("slash", "filter", "Filter", id="list.filter", priority=True,
                tooltip="Filter the loaded rows by id or title as you type"),
        # priority, like `/`: the keys typed after Enter already go to the rows
        Binding("enter", "filter_done", "Keep filter", show=False, priority=True,
                id="list.filter_done",
                tooltip="In the filter field: keep the filter and go back to the rows"),
        *keyword,
        Binding("r", "refresh", "Refresh", id="list.refresh",
                tooltip="Load the list again; the filter, sort and options are kept"),
        *sort,
        *options,
        *switches,
        *picture,
        *report,
        # Every list can watch (`engtui.screens.list_watch`). The pause key is P, not the
        # issue's p: p is the inbox's participant switch (docs/keys.md).
        Binding("w", "watch", "Watch", id="list.watch",
                tooltip="Watch: look again every interval and mark the new or changed rows "
                        "(w again stops)"),
        Binding("W", "watch_interval", "Interval", show=False, id="list.watch_interval",
                tooltip="Watch every 30, 60 or 300 s (the next one; starts watching)"),
        Binding("P", "watch_pause", "Pause", id="list.watch_pause",
                tooltip="Pause watching, or resume"),
        Binding("e", "export", "Export", id="list.export",
                tooltip="Save the loaded rows (after the filter) as CSV or JSON, with the "
                        "list's columns"),
        Binding("m", "more_rows", "More rows", id="list.more", tooltip="Load past the row budget"),
        Binding("q", "app.quit", "Quit", show=False, id="list.quit", tooltip="Quit engtui"),
    ]


def open_list_bindings(lists: Iterable[ListKind], first: bool) -> list[Binding]:
    """The lookup screen's key of each list (``open_list('invitations')`` on ``f3``): those
    shown before the profile key (``first``) or after it."""
    return [
        Binding(spec.key.key, f"open_list('{spec.name}')", spec.key.label,
                id=f"lookup.{spec.name}", tooltip=spec.key.help)
        for spec in lists if spec.key is not None and spec.key.first == first
    ]
