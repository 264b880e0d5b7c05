"""The lookup screen: type an engagement id (or ARN), pick a catalog, press Enter.

The screen owns the fetch: a `RecordOpener` runs it in this screen's worker, and the
messages it posts draw its loading state and any error here; then the record's screen is
pushed. The recent list follows the app's `RecentHistory` through its ``changed`` signal.

Editing the field while a lookup is in flight cancels that lookup (the status says so): the
field never shows one id while another is fetched, and a late answer never opens a record
over what is being typed. Back from a record, the field is empty again when it still held
the id just opened, so `1`-`9` reopen a recent engagement at once (its placeholder says so).
"""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Input, Static

from engtui.api.identifiers import CATALOGS
from engtui.api.kinds import ENGAGEMENT, LISTS, InvalidInput, id_placeholder, parse_reference
from engtui.api.records import RecordRef
from engtui.host import host
from engtui.screens.base import EngtuiScreen
from engtui.screens.list_keys import open_list_bindings
from engtui.screens.opening import OpenRequest, RecordOpener
from engtui.textsafe import EMPTY, SafeText, printable
from engtui.widgets.catalog_switch import CatalogSwitch
from engtui.widgets.identifier_input import IdentifierInput
from engtui.widgets.lookup_status import LookupStatus
from engtui.widgets.recent_list import RecentItem, RecentList

RETRY_KEYS = "Enter or ctrl+r: retry · Esc: dismiss"
REOPEN_HINT = "an id or ARN; 1-9 reopen a recent engagement"


def back_to_lookup(app: App[object]) -> bool:
    """Pop every screen above the lookup screen (records fetched under a profile that is no
    longer in use must not stay on screen under the new one's name). True if any went."""
    popped = False
    while len(app.screen_stack) > 1 and not isinstance(app.screen, LookupScreen):
        app.pop_screen()
        popped = True
    return popped


class LookupScreen(EngtuiScreen):
    """Where every session starts. The identifier input has focus, so typing goes in."""

    BINDING_GROUP_TITLE = "Lookup"

    AUTO_FOCUS = "#identifier"
    BREADCRUMB = False

    DEFAULT_CSS = """
    LookupScreen {
        align: center top;
    }
    LookupScreen #lookup-form {
        width: 100%;
        max-width: 90;
        height: auto;
        padding: 1 2 0 2;
    }
    LookupScreen #lookup-title {
        text-style: bold;
        margin-bottom: 1;
    }
    LookupScreen #identifier-row {
        height: auto;
    }
    LookupScreen #validation {
        height: auto;
        color: $error;
        padding: 0 1;
    }
    LookupScreen #recent {
        margin-top: 1;
    }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="lookup.cancel",
                tooltip="Cancel the lookup in flight, or clear the error"),
        Binding("ctrl+r", "retry", "Retry", id="lookup.retry",
                tooltip="Send the last lookup again"),
        Binding("ctrl+t", "toggle_catalog", "Catalog", id="lookup.catalog",
                tooltip="Switch between the AWS and Sandbox catalogs"),
        # The key of each list (`ListKind.key`, from `LISTS`): `open_list(name)`.
        *open_list_bindings(LISTS.values(), first=True),
        Binding("ctrl+o", "app.switch_profile", "Profile", id="lookup.profile",
                tooltip="Switch to another profile (F2: manage profiles)"),
        # After the profile key: on an 80-column key bar these are the ones that go.
        *open_list_bindings(LISTS.values(), first=False),
        Binding("down", "focus_recent", "Recent", show=False, id="lookup.recent"),
        *(
            Binding(str(number), f"reopen({number})", f"Reopen recent {number}", show=False,
                    id=f"lookup.reopen_{number}",
                    tooltip="With the input empty, or in the recent list")
            for number in range(1, 10)
        ),
    ]

    def __init__(self, catalog: str = "AWS") -> None:
        super().__init__()
        self.catalog = catalog
        self.last_request: OpenRequest | None = None
        self.normalised = ""  # what the last submit changed in the typed text (for the status)
        self.opened = ""  # the field's text when its record opened (emptied on coming back)
        self.opener = RecordOpener(self)

    def compose_body(self) -> ComposeResult:
        with Vertical(id="lookup-form"):
            yield Static("Look up an engagement", id="lookup-title", markup=False)
            with Horizontal(id="identifier-row"):
                yield IdentifierInput(
                    placeholder=id_placeholder(),
                    id="identifier",
                    max_length=4096,
                )
                yield CatalogSwitch(CATALOGS, self.catalog, id="catalog")
            yield Static(id="validation", markup=False)
            yield LookupStatus(id="lookup-status")
            yield RecentList(id="recent")

    def on_screen_resume(self) -> None:
        """Back from a record: focus is in the input again, emptied when it still holds the
        id just opened (so typing starts a new id and `1`-`9` reopen a recent engagement);
        anything else typed there is kept, selected (back from the help, say)."""
        identifier = self.query_one("#identifier", Input)
        self.set_focus(identifier)  # now: keys typed ahead of the screen go to it (on_key)
        if self.opened and identifier.value == self.opened and not self.busy:
            identifier.value = ""
            identifier.placeholder = REOPEN_HINT  # the empty field says what digits do
            self.opened = ""
        else:
            identifier.select_all()

    def on_key(self, event: events.Key) -> None:
        """A printable key that no focused widget binds is typing: it goes to the input.

        The input stops every printable key it gets, so one that reaches the screen was
        pressed elsewhere (the recent list, the catalog switch). It is handed to the input
        as a key, so the input's own rules apply (a digit in an empty input reopens). The
        key may have been sent before an earlier one moved focus (a burst): the input's
        bindings are none of a printable key, so it is typing too.
        """
        if not event.is_printable or event.character is None:
            return
        focused = self.focused
        identifier = self.query_one("#identifier", IdentifierInput)
        if focused is not None and focused is not identifier and (
            self._binds(focused, event.key)
            or (event.key.isdigit() and isinstance(focused, RecentList))
        ):
            return  # the focused widget's own key (space on the catalog, 1-9 in the list)
        event.stop()
        event.prevent_default()
        if focused is not identifier:
            self.set_focus(identifier)  # now, not after this key (as `focus()` would)
            identifier.select_all()  # as on coming back: typing replaces the shown id
        identifier.post_message(events.Key(event.key, event.character))

    def _binds(self, widget: Widget, key: str) -> bool:
        """Whether ``key`` runs a binding of ``widget`` itself (the focused one) now."""
        active = self.active_bindings.get(key)
        return active is not None and active.node is widget

    @on(RecentList.LeftTop)
    def _up_from_recent(self) -> None:
        self.query_one("#identifier", Input).focus()

    def on_mount(self) -> None:
        recent = host(self).recent
        recent.changed.subscribe(self, self.show_recent)
        self.show_recent(recent.shown)
        self.watch(self.app, "redacted", lambda _: self.show_recent(host(self).recent.shown),
                   init=False)
        self.query_one(LookupStatus).show_idle(printable(
            "Type an id like eng-a1b2c3d4e5f6g7 or paste an ARN. "
            "Number keys reopen a recent engagement."
        ))

    # -- input ----------------------------------------------------------------------------
    @on(Input.Changed, "#identifier")
    def _clear_validation(self, event: Input.Changed) -> None:
        request = self.last_request
        if self.opener.busy and request is not None and event.value != request.identifier:
            self.opener.cancel()  # the id being fetched is not the one in the field any more
            self.show_idle(printable(
                f"Lookup of {request.identifier} cancelled: the id was edited."))
        validation = self.query_one("#validation", Static)
        if str(validation.content):
            validation.update("")  # only when shown: an update re-lays-out the screen

    @on(Input.Submitted, "#identifier")
    def _submit(self, event: Input.Submitted) -> None:
        self.submit(event.value)

    def prefill(self, text: str) -> None:
        """Put ``text`` in the identifier input (the palette's "Open ..." command)."""
        self.query_one("#identifier", Input).value = text

    def submit(self, text: str) -> None:
        """Validate what was typed and, if it is good, ask the app to fetch it."""
        try:
            ref = parse_reference(text)
        except InvalidInput as error:
            self.query_one("#validation", Static).update(Text(printable(f"✗ {error}")))
            if not self.busy:  # the last lookup's "Opened …" is not about this text
                self.show_idle()
            return
        self.open_reference(ref)

    def open_reference(self, ref: RecordRef) -> None:
        """Open a checked reference from here (what Enter does once the text is checked;
        the ``:`` command line's records): said in the field and the status line."""
        if self.query_one("#identifier", Input).value.strip() != ref.identifier:
            self.prefill(ref.identifier)
        self.normalised = ref.normalised
        if ref.normalised:  # say what was sent instead of what was typed
            self.query_one("#identifier", Input).value = ref.identifier
            self.notify(f"Opening {ref.record_id}: {ref.normalised}.", markup=False)
        if ref.catalog_from_arn and ref.catalog_from_arn != self.catalog:
            self.set_catalog(ref.catalog_from_arn)
            self.notify(f"The ARN names catalog {ref.catalog_from_arn}; switched to it.",
                        markup=False)
        self.request(OpenRequest(ref.kind, ref.identifier, self.catalog, ref.params))

    def request(self, request: OpenRequest) -> None:
        self.last_request = request
        self.opener.open(request)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Number keys reopen a recent engagement that exists. (In the identifier input,
        `IdentifierInput` handles digits itself, in order with the other keys.)"""
        if action == "reopen":
            number = int(str(parameters[0])) if parameters else 0
            return self.query_one(RecentList).item_at(number - 1) is not None
        return True

    def action_reopen(self, number: int) -> None:
        item = self.query_one(RecentList).item_at(number - 1)
        if item is not None:
            self.open_recent(item)

    @on(IdentifierInput.ReopenRecent)
    def _digit_in_empty_input(self, event: IdentifierInput.ReopenRecent) -> None:
        item = self.query_one(RecentList).item_at(event.number - 1)
        if item is not None:
            self.open_recent(item)
        else:  # no such recent engagement: the digit is just text (then refused on Enter)
            event.input.insert_text_at_cursor(str(event.number))

    @on(RecentList.OptionSelected, "#recent")
    def _recent_selected(self, event: RecentList.OptionSelected) -> None:
        item = self.query_one(RecentList).item_at(event.option_index)
        if item is not None:
            self.open_recent(item)

    def open_recent(self, item: RecentItem) -> None:
        self.set_catalog(item.catalog)
        self.query_one("#identifier", Input).value = item.identifier
        self.request(OpenRequest(ENGAGEMENT, item.identifier, item.catalog))

    # -- catalog --------------------------------------------------------------------------
    @on(CatalogSwitch.Changed, "#catalog")
    def _catalog_changed(self, event: CatalogSwitch.Changed) -> None:
        self.catalog = event.value
        host(self).use_catalog(self.catalog)

    def set_catalog(self, catalog: str) -> None:
        if catalog in CATALOGS:
            self.query_one(CatalogSwitch).value = catalog
            self.catalog = catalog

    def action_toggle_catalog(self) -> None:
        self.set_catalog(CATALOGS[(CATALOGS.index(self.catalog) + 1) % len(CATALOGS)])

    # -- how an open from here shows its progress (the opener's messages) -------------------
    @property
    def busy(self) -> bool:
        """A lookup is in flight (Escape cancels it); its loading state comes later, if the
        answer takes a while (`engtui.screens.opening.LOADING_DELAY`)."""
        return self.opener.busy

    def on_record_opener_waiting(self, event: RecordOpener.Waiting) -> None:
        if not event.stale:
            self.show_opening(event.request, event.attempt, event.attempts)

    def show_opening(self, request: OpenRequest, attempt: int, attempts: int) -> None:
        text = f"Fetching {request.identifier} from the {request.catalog} catalog…"
        if attempt > 1:
            text += f" retrying (attempt {attempt} of {attempts})"
        self.query_one(LookupStatus).show_loading(printable(text + "  Esc to cancel"))

    def on_record_opener_failed(self, event: RecordOpener.Failed) -> None:
        if event.stale:
            return
        error = event.error
        self.query_one(LookupStatus).show_error(
            error.kind.title, error.message, error.hint, RETRY_KEYS)
        self.query_one("#identifier", Input).focus()

    def on_record_opener_opened(self, event: RecordOpener.Opened) -> None:
        if event.stale:
            return
        note = f" ({self.normalised})" if self.normalised else ""
        self.show_idle(printable(f"Opened {event.record.id}{note}."))  # the id is API text
        self.normalised = ""
        self.opened = self.query_one("#identifier", Input).value

    def show_idle(self, text: SafeText = EMPTY) -> None:
        self.query_one(LookupStatus).show_idle(text)

    def show_recent(self, items: list[RecentItem]) -> None:
        self.query_one(RecentList).show(items, redacted=host(self).redacted)

    # -- actions ----------------------------------------------------------------------------
    def action_cancel(self) -> None:
        if self.busy:
            self.opener.cancel()
            self.show_idle(printable("Lookup cancelled."))
        else:
            self.show_idle()
            self.query_one("#identifier", Input).focus()

    def action_retry(self) -> None:
        if self.last_request is not None:
            self.request(self.last_request)

    def action_open_list(self, name: str) -> None:
        """Show list ``name`` (`LISTS`) of this catalog: its key here, its palette command."""
        from engtui.screens.lists import open_list

        open_list(self.app, self.catalog, name)

    def action_focus_recent(self) -> None:
        """Move to the recent list now, not after the keys already queued (as `focus()`
        would): `↓ Enter` arriving in one read then opens recent engagement 1, where the
        Enter used to reach the input and say "Type an id"."""
        recent = self.query_one(RecentList)
        if recent.display and recent.option_count:
            self.set_focus(recent)
            if recent.highlighted is None:
                recent.highlighted = 0
