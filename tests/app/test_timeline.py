"""``t`` on an engagement: its timeline, everything the API can date about it, oldest first
(issue 23, part 1). Against the demo endpoint over HTTP, on its richest engagement: an
accepted invitation and its accept task, tasks run on it (two failed), two snapshot
revisions, a snapshot job with a last success and a last failure, three opportunities."""

from __future__ import annotations

import pytest
from reliability_support import screen_text
from support import DEMO_KEY_ID, DEMO_SECRET, look_up, make_app, plain, settle
from textual.widgets import DataTable, Static

from engtui.api.redact import MASK
from engtui.api.timeline import KINDS, SOURCES
from engtui.demo.faults import FaultSpec
from engtui.screens.record import RecordScreen
from engtui.screens.timeline import NO_DATE, TimelineScreen

RICHEST = "eng-a1b2c3d4e5f6g7"
SIZES = [(100, 30), (80, 24)]


def rows(screen: TimelineScreen) -> list[list[str]]:
    table = screen.query_one("#events", DataTable)
    return [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]


def line(screen: TimelineScreen, name: str) -> str:
    return plain(screen.query_one(f"#{name}", Static)).strip()


async def open_timeline(app, pilot, identifier: str = RICHEST) -> TimelineScreen:
    await look_up(app, pilot, identifier)
    assert isinstance(app.screen, RecordScreen)
    await pilot.press("t")
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, TimelineScreen)
    return screen


@pytest.mark.parametrize("size", SIZES)
async def test_t_shows_every_source_in_chronological_order(demo_server, size) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=size) as pilot:
        screen = await open_timeline(app, pilot)
        shown = rows(screen)
        dated = [row[0] for row in shown if row[0] != NO_DATE]
        assert dated == sorted(dated) and len(dated) >= 10
        assert shown[len(dated):] == [row for row in shown if row[0] == NO_DATE]
        assert {row[1] for row in shown} == set(KINDS)  # every kind of event is there
        assert {event.source for event in screen.shown} == {s.name for s in SOURCES} - {
            "invitations sent"}  # the demo's partner sent none for it
        text = screen_text(app)
        assert shown[0][:2] == ["2026-02-03 14:05", "engagement"]
        assert "Engagement created by" in text
        events = [event.event for event in screen.shown]
        assert ("Opportunity made from it: FAILED (DisqualifiedLeadNotPermitted): The lead in "
                "context 3 is disqualified; an opportunity cannot be made from it. · "
                "task-t00pp04820114") in events
        assert line(screen, "timeline-failures") == ""
        assert line(screen, "timeline-title").startswith(
            f"Timeline of {RICHEST}: {len(shown)} events")


@pytest.mark.parametrize("size", SIZES)
async def test_enter_opens_the_rows_record_and_esc_comes_back(demo_server, size) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=size) as pilot:
        screen = await open_timeline(app, pilot)
        opened = []
        for wanted in ("snapshot", "snapshot job", "invitation"):
            index = next(i for i, event in enumerate(screen.shown) if event.kind == wanted)
            screen.query_one("#events", DataTable).move_cursor(row=index)
            await pilot.press("enter")
            await settle(app, pilot)
            record = app.screen
            assert isinstance(record, RecordScreen)
            opened.append((record.kind.name, record.record.crumb))
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is screen
            assert screen.query_one("#events", DataTable).cursor_row == index
        assert opened == [("snapshot", "O4820113 rev 1"),
                          ("snapshot_job", "job-nwrun4820113a"),
                          ("invitation", "engi-acc3pt3daws04")]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen) and app.screen.record.id == RICHEST


async def test_f_steps_through_the_kinds(demo_server) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_timeline(app, pilot)
        everything = len(rows(screen))
        seen = 0
        for kind in KINDS:
            await pilot.press("f")
            await pilot.pause()
            kinds = {row[1] for row in rows(screen)}
            assert kinds == {kind}
            assert f"of kind {kind}" in line(screen, "timeline-title")
            seen += len(rows(screen))
        assert seen == everything
        await pilot.press("f")  # back to every kind
        await pilot.pause()
        assert len(rows(screen)) == everything


@pytest.mark.parametrize("size", SIZES)
async def test_a_failing_source_is_named_and_the_others_are_shown(make_demo_server,
                                                                  size) -> None:
    server = make_demo_server(faults={})
    server.faults.set("ListResourceSnapshotJobs", FaultSpec("AccessDeniedException"))
    app = make_app(server.url)
    async with app.run_test(size=size) as pilot:
        screen = await open_timeline(app, pilot)
        failures = line(screen, "timeline-failures")
        assert failures.startswith("Could not read snapshot jobs: Access denied")
        assert {row[1] for row in rows(screen)} == set(KINDS) - {"snapshot job"}
        assert "snapshot job" not in {event.kind for event in screen.timeline.events}


async def test_privacy_mode_masks_the_events(demo_server) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_timeline(app, pilot)
        assert "Engagement created by 111122223333" in screen_text(app)
        app.redacted = True
        await settle(app, pilot)
        text = "\n".join(event.event for event in screen.shown)
        assert "111122223333" not in text and "777788889999" not in text
        assert f"Engagement created by {MASK}" in text
        assert "111122223333" not in screen_text(app)


async def test_hostile_api_text_is_shown_inert(make_demo_server) -> None:
    """An engagement whose every string is markup and terminal escapes: its timeline draws
    them as visible, harmless text (through `engtui.textsafe`), here and in the CLI's lines."""
    import json

    from hostile_corpus import HOSTILE, hostile_engagement
    from support import engagement
    from test_reliability_hostile import assert_inert

    from engtui.demo.data import DemoDataset
    from engtui.demo.server import DemoServer
    from engtui.textsafe import printable

    identifier, text = "eng-h0000000000001", HOSTILE["mixed"]
    dataset = DemoDataset.from_json(json.dumps({"engagements": [engagement(identifier)]}))
    dataset.engagements[("Sandbox", identifier)] = hostile_engagement(identifier, text)
    server = DemoServer(dataset, access_key_id=DEMO_KEY_ID, secret_access_key=DEMO_SECRET)
    server.start()
    try:
        app = make_app(server.url)
        async with app.run_test(size=(100, 30)) as pilot:
            screen = await open_timeline(app, pilot, identifier)
            assert [event.kind for event in screen.shown] == ["engagement", "engagement"]
            assert_inert(app)
            assert printable(f"Engagement created by {text}") in line(screen,
                                                                       "timeline-detail")
    finally:
        server.stop()
