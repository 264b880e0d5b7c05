"""How an open reports its progress (issue 20, item 3): the `RecordOpener` posts Textual
messages (started, waiting or retrying, failed, opened) that any screen handles, and every
screen of engtui draws them in its own way: the lookup's status line, the list's status under
its rows, a record's header (its subtitle). Also: the chrome every full screen shares (item 6)."""

from __future__ import annotations

from support import engagement, look_up, make_app, settle, status_text

from engtui.api.kinds import ENGAGEMENT
from engtui.app import EngtuiApp
from engtui.screens.base import EngtuiScreen
from engtui.screens.lookup import LookupScreen
from engtui.screens.opening import OpenRequest, RecordOpener
from engtui.screens.raw_json import RawJsonScreen
from engtui.screens.record import RecordScreen
from engtui.screens.record_list import ListScreen
from engtui.widgets.breadcrumb import Breadcrumb
from engtui.widgets.connection_bar import ConnectionBar
from engtui.widgets.key_bar import KeyBar
from engtui.widgets.lookup_status import LookupStatus
from engtui.widgets.record_header import RecordHeader

SECOND_ID = "eng-t0000000000002"
MISSING_ID = "eng-t0000000000009"


class OpeningScreen(EngtuiScreen):
    """A screen of a future kind: it opens records and notes what the opener tells it."""

    def __init__(self) -> None:
        super().__init__()
        self.opener = RecordOpener(self)
        self.seen: list[tuple[object, ...]] = []

    def on_record_opener_started(self, event: RecordOpener.Started) -> None:
        self.seen.append(("started", event.request.identifier))

    def on_record_opener_waiting(self, event: RecordOpener.Waiting) -> None:
        self.seen.append(("waiting", event.attempt, event.attempts))

    def on_record_opener_failed(self, event: RecordOpener.Failed) -> None:
        self.seen.append(("failed", event.error.kind.title))

    def on_record_opener_opened(self, event: RecordOpener.Opened) -> None:
        self.seen.append(("opened", event.record.id))


def notes(app: EngtuiApp) -> list[str]:
    return [str(note.message) for note in app._notifications]


async def test_any_screen_handles_the_openers_messages(make_demo_server) -> None:
    server = make_demo_server({
        "engagements": [engagement(), engagement(SECOND_ID)],
        "faults": {SECOND_ID: {"kind": "throttle-then-ok", "times": 1}},
    })
    app = make_app(server.url, max_attempts=3)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = OpeningScreen()
        await app.push_screen(screen)
        screen.opener.open(OpenRequest(ENGAGEMENT, MISSING_ID, "Sandbox"))
        await settle(app, pilot)
        # (a "waiting" in between if the answer took longer than LOADING_DELAY)
        assert screen.seen[0] == ("started", MISSING_ID)
        assert screen.seen[-1] == ("failed", "Not found")
        assert set(screen.seen[1:-1]) <= {("waiting", 1, 1)}
        assert app.screen is screen and not screen.opener.busy
        screen.seen.clear()
        screen.opener.open(OpenRequest(ENGAGEMENT, SECOND_ID, "Sandbox"))
        await settle(app, pilot)
        assert screen.seen[0] == ("started", SECOND_ID)
        assert ("waiting", 2, 3) in screen.seen  # the retry after the throttle
        assert screen.seen[-1] == ("opened", SECOND_ID)
        assert isinstance(app.screen, RecordScreen) and app.screen.record.id == SECOND_ID


async def test_a_record_following_a_link_says_so_in_its_header_until_the_outcome(
    make_demo_server,
) -> None:
    """While a linked record takes a while, the record's header says "opening …"; once it
    is open nothing about it lingers (a notification did: "Opening O6100001…" stayed over
    the record it had opened for two seconds)."""
    server = make_demo_server({
        "engagements": [engagement(), engagement(SECOND_ID)],
        "faults": {SECOND_ID: {"kind": "slow", "delay": 120.0}},  # held until released
    })
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await look_up(app, pilot)
        record = app.screen
        assert isinstance(record, RecordScreen)
        header = record.query_one(RecordHeader)
        record.opener.open(OpenRequest(ENGAGEMENT, SECOND_ID, "Sandbox"))
        for _ in range(600):
            if "opening" in str(header.border_subtitle):
                break
            await pilot.pause(0.05)
        assert f"opening {SECOND_ID}…" in str(header.border_subtitle)
        server.faults.release()
        await settle(app, pilot)
        assert app.screen.record.id == SECOND_ID
        assert not any("Opening" in note for note in notes(app)), notes(app)
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is record and "opening" not in str(header.border_subtitle)
        record.opener.open(OpenRequest(ENGAGEMENT, MISSING_ID, "Sandbox"))
        await settle(app, pilot)
        assert app.screen is record and "opening" not in str(header.border_subtitle)
        assert any("not found" in note.lower() for note in notes(app)), notes(app)


async def test_a_record_says_a_retry_of_the_record_it_opens(make_demo_server,
                                                            monkeypatch) -> None:
    server = make_demo_server({
        "engagements": [engagement(), engagement(SECOND_ID)],
        "faults": {SECOND_ID: {"kind": "throttle-then-ok", "times": 1}},
    })
    shown: list[str] = []
    said = RecordHeader.opening

    def say(header: RecordHeader, text: str) -> None:  # what the header is given
        shown.append(text)
        assert said.fset is not None
        said.fset(header, text)

    monkeypatch.setattr(RecordHeader, "opening", property(said.fget, say))
    app = make_app(server.url, max_attempts=3)
    async with app.run_test(size=(100, 30)) as pilot:
        await look_up(app, pilot)
        record = app.screen
        assert isinstance(record, RecordScreen)
        record.opener.open(OpenRequest(ENGAGEMENT, SECOND_ID, "Sandbox"))
        await settle(app, pilot)
        assert f"{SECOND_ID}… (attempt 2 of 3)" in shown, shown
        assert shown[-1] == "" and app.screen.record.id == SECOND_ID


async def test_the_list_shows_a_retry_of_the_record_it_opens(make_demo_server) -> None:
    server = make_demo_server({
        "engagements": [engagement(), engagement(SECOND_ID)],
        "faults": {SECOND_ID: {"kind": "throttle-then-ok", "times": 1}},
    })
    app = make_app(server.url, max_attempts=3)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ListScreen)
        status = screen.query_one("#list-status", LookupStatus)
        shown: list[str] = []
        original = status.show_loading

        def record(text: str) -> None:  # what the status line is given, as it is drawn
            shown.append(str(text))
            original(text)

        status.show_loading = record
        screen.opener.open(OpenRequest(ENGAGEMENT, SECOND_ID, "Sandbox"))
        await settle(app, pilot)
        assert (f"Opening {SECOND_ID}… retrying (attempt 2 of 3)  Esc to cancel"
                in shown), shown
        assert isinstance(app.screen, RecordScreen)
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is screen and not status.display  # hidden once it opened


async def test_escape_before_an_outcome_is_drawn_drops_it(make_demo_server) -> None:
    """The outcome of an open is a message to its screen; an Escape that comes before the
    screen has drawn it cancels the open, and the outcome is not drawn after the Escape."""
    server = make_demo_server({"engagements": [engagement()]})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, LookupScreen)
        # an id from the history file that is not an engagement id: refused, not sent
        screen.request(OpenRequest(ENGAGEMENT, "eng-NOT-AN-ID", "Sandbox"))
        screen.action_cancel()  # before the refusal is drawn
        await settle(app, pilot)
        assert "cancelled" in status_text(app)
        assert "Not sent" not in status_text(app)
        assert server.requests == []


async def test_every_full_screen_has_the_chrome_once(make_demo_server) -> None:
    """The connection bar, the key bar and (on the screens that show a record or a list)
    the breadcrumb come from one base screen."""
    server = make_demo_server({"engagements": [engagement(), engagement(SECOND_ID)]})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        seen: dict[str, str | None] = {}

        def chrome(screen: EngtuiScreen) -> None:
            assert isinstance(screen, EngtuiScreen)
            assert len(screen.query(ConnectionBar)) == len(screen.query(KeyBar)) == 1
            assert "profile demo" in str(screen.query_one(ConnectionBar).render())
            crumbs = screen.query(Breadcrumb)
            seen[type(screen).__name__] = (
                str(crumbs.first().render()) if crumbs else None)

        chrome(app.screen)
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        chrome(app.screen)
        await pilot.press("enter")
        await settle(app, pilot)
        chrome(app.screen)
        await pilot.press("v")
        await settle(app, pilot)
        assert isinstance(app.screen, RawJsonScreen)
        chrome(app.screen)
        for _ in range(3):
            await pilot.press("escape")
            await settle(app, pilot)
        await pilot.press("f2")
        await settle(app, pilot)
        chrome(app.screen)
        assert seen == {
            "LookupScreen": None,
            "EngagementsListScreen": "List",  # the engagement list's ListScreen
            "EngagementScreen": f"List > {SECOND_ID}",  # newest first
            "RawJsonScreen": f"List > {SECOND_ID} > JSON",
            "ProfilesScreen": None,
        }


async def test_a_late_loading_state_never_replaces_the_error_shown(make_demo_server) -> None:
    """On a loaded machine the loading timer (or a retry's report) can fire after the answer
    came: its "Fetching …" must not replace the error drawn (seen in CI as a lookup that
    failed with a 500 but said "Fetching … Esc to cancel")."""
    server = make_demo_server({"engagements": [engagement()]})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*MISSING_ID, "enter")
        await settle(app, pilot)
        assert "Not found" in status_text(app)
        opener = app.lookup_screen.opener
        number = next(n for n in range(1000) if opener.is_latest(n))
        request = OpenRequest(ENGAGEMENT, MISSING_ID, "Sandbox")
        app.lookup_screen.post_message(RecordOpener.Waiting(opener, number, request, 1, 1))
        await settle(app, pilot)
        assert "Not found" in status_text(app), status_text(app)
