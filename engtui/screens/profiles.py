"""The profiles screen: list, add, edit, delete, set the default, and switch profile.

The screen only draws and asks: every config write and keyring call goes through the app
(`ProfilesHost`), which runs it in a worker and hands the new rows back with `show`. A
config file that does not parse is shown with its path and line and a way to fix it, and
every change is refused until it is fixed (nothing is overwritten).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Protocol

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Label, Static

from engtui.host import host as host_of
from engtui.profiles.view import KeyringView, ProfileEntry
from engtui.screens.base import EngtuiScreen
from engtui.textsafe import printable

if TYPE_CHECKING:
    from engtui.profiles.manager import ProfileManager

COLUMNS = ("", "Name", "Credentials", "Secret", "Region", "Catalog")


class ProfilesHost(Protocol):
    """What the screen asks of the app (every call starts a worker and returns at once)."""

    def reload_profiles(self) -> None: ...
    def add_profile(self) -> None: ...
    def edit_profile(self, name: str) -> None: ...
    def delete_profile(self, name: str) -> None: ...
    def make_default(self, name: str | None) -> None: ...
    def activate_profile(self, name: str | None) -> None: ...


class ProfilesTable(DataTable[Text]):
    """The profiles, one a row; Enter uses the highlighted one."""

    BINDING_GROUP_TITLE = "Profiles list"

    BINDINGS = [
        Binding("enter", "select_cursor", "Use", id="profiles.use",
                tooltip="Switch to the highlighted profile"),
    ]


class ProfilesScreen(EngtuiScreen):
    """Every profile with where its credentials come from; the keyring's state on top."""

    BINDING_GROUP_TITLE = "Profiles"
    BREADCRUMB = False

    DEFAULT_CSS = """
    ProfilesScreen #profiles-body {
        padding: 0 1;
    }
    ProfilesScreen #profiles-title {
        text-style: bold;
        margin-top: 1;
    }
    ProfilesScreen #keyring-state {
        height: auto;
        margin-bottom: 1;
    }
    ProfilesScreen #keyring-state.-unavailable {
        color: $warning;
    }
    ProfilesScreen #config-problem {
        height: auto;
        border: round $error;
        padding: 0 1;
        margin-bottom: 1;
    }
    ProfilesScreen #profiles-table {
        height: auto;
        max-height: 1fr;
    }
    ProfilesScreen #profile-detail {
        height: auto;
        margin-top: 1;
    }
    ProfilesScreen #profiles-status {
        height: auto;
        margin-top: 1;
        color: $text-muted;
    }
    """

    BINDINGS = [
        Binding("a", "add", "Add", id="profiles.add", tooltip="Add a profile"),
        Binding("e", "edit", "Edit", id="profiles.edit", tooltip="Edit the highlighted profile"),
        Binding("d,delete", "delete", "Delete", id="profiles.delete",
                tooltip="Delete the highlighted profile (asks first)"),
        Binding("s", "default", "Default", id="profiles.default",
                tooltip="Make the highlighted profile the default one"),
        Binding("r", "reload", "Reload", id="profiles.reload",
                tooltip="Read the config file again (after fixing it in an editor)"),
        Binding("escape", "back", "Back", id="profiles.back", tooltip="Back to the lookup"),
    ]

    def __init__(self, manager: ProfileManager, host: ProfilesHost | None = None) -> None:
        """``host`` does the work (default: this screen's `ProfileActions` workers)."""
        from engtui.screens.profile_actions import ProfileActions

        super().__init__()
        self.host = host or ProfileActions(self, manager)
        self.entries: list[ProfileEntry] = []
        self.keyring = manager.keyring_view
        self.problem: Text | None = None
        self.highlight: str | None = None  # the profile the cursor goes to on the next show
        self.switched = False  # another profile (or its new settings) is in use
        self.opening = False  # a dialog is on its way (its data is being read)

    @property
    def accepting(self) -> bool:
        """Whether a key may start something now: not while a dialog is on its way or over
        this screen. Keys typed during a transition (an id typed right after Enter, a
        second `e`) go nowhere instead of stacking Edit/Delete/Add dialogs."""
        return self.is_current and not self.opening

    def compose_body(self) -> ComposeResult:
        with Vertical(id="profiles-body"):
            yield Label("Profiles", id="profiles-title")
            yield Static(Text(self.keyring.sentence), id="keyring-state")
            problem = Static(id="config-problem")
            problem.border_title = "Config file problem"
            problem.display = False
            yield problem
            yield ProfilesTable(id="profiles-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="profile-detail")
            yield Static(Text("Loading profiles…"), id="profiles-status")

    def on_resize(self) -> None:
        if self.entries:  # the Credentials column follows the width
            self.show(self.entries, self.problem)

    def on_mount(self) -> None:
        self.show_keyring(self.keyring)
        self.query_one(ProfilesTable).focus()
        self.host.reload_profiles()
        app = host_of(self)
        app.keyring_known.subscribe(self, self._keyring_known)
        app.profile_switched.subscribe(self, self._switched)

    def _keyring_known(self, keyring: KeyringView) -> None:
        self.show_keyring(keyring)
        self.host.reload_profiles()

    def _switched(self, name: str | None) -> None:
        self.switched = True
        self.show([replace(e, active=e.name == name) for e in self.entries], self.problem)

    # -- what the app hands over ------------------------------------------------------------
    def show(self, entries: list[ProfileEntry], problem: Text | None = None) -> None:
        """Replace the rows (keeping the cursor on the same profile) and the problem box."""
        table = self.query_one(ProfilesTable)
        current = self.selected
        first = not self.entries
        self.entries = list(entries)
        self.problem = problem
        table.clear(columns=True)
        rows = [_cells(entry) for entry in self.entries]
        for title, width in zip(COLUMNS, _widths(rows, table.size.width or self.app.size.width,
                                                 table.cell_padding), strict=True):
            table.add_column(title, width=width)
        for entry, cells in zip(self.entries, rows, strict=True):
            table.add_row(*cells, key=entry.label)
        names = [entry.name for entry in self.entries]
        # The cursor goes to the profile just added or renamed, else stays on the same one;
        # at first it is on the active profile (never on the first row by chance).
        active = [entry.name for entry in self.entries if entry.active]
        if self.highlight is not None and self.highlight in names:
            table.move_cursor(row=names.index(self.highlight))
        elif (first or current is None) and active:
            table.move_cursor(row=names.index(active[0]))
        elif current is not None and current.name in names:
            table.move_cursor(row=names.index(current.name))
        self.highlight = None
        self._show_in_use()
        self._show_detail()
        box = self.query_one("#config-problem", Static)
        box.display = problem is not None
        if problem is not None:
            box.update(problem)
        self.set_status(
            "Enter: use · a: add · e: edit · d: delete · s: default" if problem is None
            else "The config file has errors: engtui will not change it until it is fixed."
        )

    def _show_in_use(self) -> None:
        """The title says what is in use when it is none of the rows (``--demo``)."""
        title = "Profiles"
        if self.entries and not any(entry.active for entry in self.entries):
            in_use = printable(host_of(self).connection.profile, limit=40)
            title += f": in use now is {in_use}, none of these"
        self.query_one("#profiles-title", Label).update(Text(title))

    def show_keyring(self, keyring: KeyringView) -> None:
        self.keyring = keyring
        state = self.query_one("#keyring-state", Static)
        state.update(Text(keyring.sentence))
        state.set_class(keyring.state in ("unavailable", "insecure"), "-unavailable")

    def set_status(self, text: str) -> None:
        self.query_one("#profiles-status", Static).update(Text(text))

    @property
    def selected(self) -> ProfileEntry | None:
        table = self.query_one(ProfilesTable)
        row = table.cursor_row
        return self.entries[row] if 0 <= row < len(self.entries) else None

    # -- actions --------------------------------------------------------------------------
    def _editable(self) -> ProfileEntry | None:
        """The highlighted profile when it can be changed, else None (and say why)."""
        if self.problem is not None:
            self.set_status("Not changing the config file while it has errors (see above).")
            return None
        entry = self.selected
        if entry is None or entry.name is None:
            self.set_status("“environment” is not a profile: it cannot be edited or deleted.")
            return None
        return entry

    @on(DataTable.RowHighlighted, "#profiles-table")
    def _show_detail(self) -> None:
        """The highlighted profile in words, with its secret's whole state."""
        entry = self.selected
        text = Text()
        if entry is not None:
            text.append(entry.label, style="bold")
            text.append(f": {printable(entry.credentials, limit=120)}")
            if entry.secret:
                text.append(f"; secret: {printable(entry.secret, limit=120)}")
            text.append(f"; region {entry.region}; catalog {entry.catalog}")
            in_use = host_of(self).connection.catalog
            if entry.active and in_use != entry.catalog:  # --catalog, or the lookup's switch
                text.append(f" (in use now: {in_use})")
            marks = [m for m, on in (("active", entry.active), ("default", entry.default)) if on]
            if marks:
                text.append(f" ({', '.join(marks)})", style="italic")
        self.query_one("#profile-detail", Static).update(text)

    @on(DataTable.RowSelected, "#profiles-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        entry = self.selected
        if entry is not None and self.accepting:
            self.host.activate_profile(entry.name)

    def action_add(self) -> None:
        if not self.accepting:
            return
        if self.problem is not None:
            self.set_status("Not changing the config file while it has errors (see above).")
            return
        self.host.add_profile()

    def action_edit(self) -> None:
        entry = self._editable() if self.accepting else None
        if entry is not None and entry.name is not None:
            self.host.edit_profile(entry.name)

    def action_delete(self) -> None:
        entry = self._editable() if self.accepting else None
        if entry is not None and entry.name is not None:
            self.host.delete_profile(entry.name)

    def action_default(self) -> None:
        if not self.accepting:
            return
        if self.problem is not None:
            self.set_status("Not changing the config file while it has errors (see above).")
            return
        entry = self.selected
        if entry is not None:
            self.host.make_default(entry.name)

    def action_reload(self) -> None:
        self.set_status("Reloading…")
        self.host.reload_profiles()

    def action_back(self) -> None:
        from engtui.screens.lookup import back_to_lookup

        app = self.app
        self.dismiss()
        if self.switched and back_to_lookup(app):  # no record of the old profile stays
            app.notify("Back to the lookup: the records shown came through the previous "
                       "profile.", title="Profile switched", markup=False)


def _widths(rows: list[tuple[Text, ...]], width: int, padding: int) -> list[int]:
    """Every column as wide as its widest cell, but Credentials: it takes what is left (cut
    with …; the line under the table says it in full), so Secret, Region and Catalog keep
    their place at 80 columns."""
    widths = [max([len(title), *(cells[index].cell_len for cells in rows)])
              for index, title in enumerate(COLUMNS)]
    credentials = COLUMNS.index("Credentials")
    others = sum(widths) - widths[credentials] + 2 * padding * len(COLUMNS) + 2  # + scrollbar
    widths[credentials] = max(12, min(widths[credentials], width - others))
    return widths


def _cells(entry: ProfileEntry) -> tuple[Text, ...]:
    marks = ("▶" if entry.active else " ") + ("★" if entry.default else " ")
    secret = Text(entry.secret_short)
    if entry.secret_missing:
        secret.stylize("bold")
    name = Text(entry.label, style="bold" if entry.active else "")
    if entry.name is None:
        name.stylize("italic")
    return (
        Text(marks),
        name,
        Text(printable(entry.credentials, limit=60), no_wrap=True, overflow="ellipsis"),
        secret,
        Text(printable(entry.region, limit=20)),
        Text(entry.catalog),
    )
