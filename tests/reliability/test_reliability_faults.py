"""Faults through the real wire, in the app (issue 6 §1).

Every fault the demo endpoint can produce, and every odd response shape, is looked up in the
TUI through a real boto3 client over HTTP. Each test checks three things: the app shows a
clear message (the error's title and what happened), it is still usable (still running, the
input has focus), and the next lookup works. ``FAULT_KINDS_SURVIVED`` is the count reported in
``docs/reliability.md``.
"""

from __future__ import annotations

from typing import Any

import pytest
from reliability_support import (
    GOOD_ID,
    context_payload,
    lead_context,
    look_up,
    make_app,
    screen_text,
    serve,
    settle,
    status_text,
    tree_nodes,
)
from support import plain, shown
from textual.widgets import Input

from engtui.demo.server import DemoServer
from engtui.screens.lookup import LookupScreen
from engtui.screens.record import RecordScreen
from engtui.textsafe import printable
from engtui.widgets.context_tree import ContextTree
from engtui.widgets.field_detail import FieldDetail
from engtui.widgets.record_header import RecordHeader

BAD_ID = "eng-b0000000000001"
ATTEMPTS = 3

# (fault, error title shown, phrase of the message, every attempt is retried)
WIRE_FAULTS: list[tuple[Any, str, str, bool | None]] = [
    ("ThrottlingException", "Throttled", "throttling requests", True),
    ("AccessDeniedException", "Access denied", "not authorized", False),
    ("InternalServerException", "Service error", "InternalServerException", True),
    ("ValidationException", "Rejected by the service", "business validation", False),
    ("ResourceNotFoundException", "Not found", "No such engagement", False),
    ("http500", "Service error", "InternalFailure", True),  # a 500 storm
    ("http503", "Service error", "ServiceUnavailable", True),  # a 503 storm
    ("malformed", "Malformed reply", "not JSON", False),
    ({"kind": "truncated"}, "Malformed reply", "not JSON", False),
    ({"kind": "truncated", "drop": True}, "Malformed reply", "could not be read", False),
    ("html", "Service error", "HTTP 502", True),
    ("wrong-content-type", "Malformed reply", "text/plain instead of JSON", False),
    # A read timeout: the endpoint logs a request only once it answers, so none is counted.
    ({"kind": "slow", "delay": 10}, "Network error", "did not answer in time", None),
]


def _fault_id(value: Any) -> str:
    if isinstance(value, dict):
        return "-".join(str(item) for item in value.values())
    return str(value)


async def assert_usable_then_next_lookup_works(app, pilot) -> None:
    """The app is running, the input has focus, and the good engagement opens."""
    assert app.is_running
    assert isinstance(app.screen, LookupScreen)
    assert isinstance(app.focused, Input)
    await look_up(app, pilot, GOOD_ID)
    assert isinstance(app.screen, RecordScreen)
    assert app.screen.record.id == GOOD_ID


@pytest.mark.parametrize(
    ("fault", "title", "phrase", "retried"), WIRE_FAULTS, ids=[_fault_id(f[0]) for f in WIRE_FAULTS]
)
async def test_wire_fault_is_shown_and_the_app_goes_on(
    make_demo_server, fault: Any, title: str, phrase: str, retried: bool | None
) -> None:
    server = serve(make_demo_server, (BAD_ID, None), faults={BAD_ID: fault})
    slow = isinstance(fault, dict) and fault.get("kind") == "slow"
    app = make_app(server.url, max_attempts=ATTEMPTS, read_timeout=0.5 if slow else 5.0)
    async with app.run_test(size=(100, 30)) as pilot:
        await look_up(app, pilot, BAD_ID)
        text = status_text(app)
        assert title in text and phrase in text, text
        assert "retry" in text.lower()
        sent = [r for r in server.requests if r.params.get("Identifier") == BAD_ID]
        if retried is not None:
            assert len(sent) == (ATTEMPTS if retried else 1)  # a storm: every attempt failed
        await assert_usable_then_next_lookup_works(app, pilot)


async def test_throttling_that_clears_shows_the_retries_as_status(make_demo_server) -> None:
    server = serve(
        make_demo_server, (BAD_ID, None),
        faults={BAD_ID: {"kind": "throttle-then-ok", "times": 2}},
    )
    app = make_app(server.url, max_attempts=4)
    async with app.run_test(size=(100, 30)) as pilot:
        shown: list[str] = []
        status = app.lookup_screen.query_one("LookupStatus")
        original = status.show_loading

        def record(text: str) -> None:  # what the status line is given, as it is drawn
            shown.append(text)
            original(text)

        status.show_loading = record
        await look_up(app, pilot, BAD_ID)
        assert any("retrying (attempt 2 of 4)" in line for line in shown), shown
        assert any("retrying (attempt 3 of 4)" in line for line in shown), shown
        assert isinstance(app.screen, RecordScreen)
        assert app.screen.record.id == BAD_ID
        await pilot.press("escape")
        await assert_usable_then_next_lookup_works(app, pilot)


async def test_connection_refused_then_the_endpoint_comes_back(make_demo_server) -> None:
    server = serve(make_demo_server)
    port = int(server.url.rsplit(":", 1)[1])
    server.stop()  # nothing listens on the port now
    app = make_app(server.url, max_attempts=2)
    async with app.run_test(size=(100, 30)) as pilot:
        await look_up(app, pilot, GOOD_ID)
        text = status_text(app)
        assert "Network error" in text and f"Could not reach {server.url}" in text
        revived = DemoServer(server.dataset, port=port,
                             access_key_id=server.credentials.access_key_id,
                             secret_access_key=server.credentials.secret_access_key)
        revived.start()
        try:
            await assert_usable_then_next_lookup_works(app, pilot)
        finally:
            revived.stop()


async def test_slow_reply_cancelled_with_escape(make_demo_server) -> None:
    server = serve(make_demo_server, (BAD_ID, None),
                   faults={BAD_ID: {"kind": "slow", "delay": 30}})
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*BAD_ID, "enter")
        assert await shown(pilot, lambda: "Fetching" in status_text(app))
        await pilot.press("escape")
        await settle(app, pilot)
        assert "cancelled" in status_text(app)
        await assert_usable_then_next_lookup_works(app, pilot)


# -- odd response shapes ------------------------------------------------------------------
def _unknown_union(stored: dict) -> None:
    stored["Contexts"][0]["Payload"] = {"Insights": {"Score": 3}}


def _no_contexts(stored: dict) -> None:
    del stored["Contexts"]


def _no_payload(stored: dict) -> None:
    del stored["Contexts"][0]["Payload"]


def _empty_payload(stored: dict) -> None:
    stored["Contexts"][0]["Payload"] = {}


def _unknown_extras(stored: dict) -> None:
    stored["FutureField"] = {"Nested": ["a", "b"]}
    stored["Contexts"][0]["FutureContextField"] = "later"
    context_payload(stored)["CustomerProject"]["Customer"]["FutureCustomerField"] = 7


BIG = 100_000


def _huge_strings(stored: dict) -> None:
    stored["Title"] = "T" * BIG
    stored["Description"] = "D" * BIG
    context_payload(stored)["CustomerProject"]["Project"]["BusinessProblem"] = "B" * BIG


def _thousand_interactions(stored: dict) -> None:
    stored["Contexts"].append(lead_context(1000, stored))


WIDE_TITLE = "数据迁移项目 👩‍👩‍👧‍👦 🚀"
WIDE_COMPANY = "株式会社テスト 🎉"
RTL = "مرحبا بالعالم — שלום עולם"


def _wide_and_rtl(stored: dict) -> None:
    stored["Title"] = WIDE_TITLE
    stored["Description"] = RTL
    customer = context_payload(stored)["CustomerProject"]["Customer"]
    customer["CompanyName"] = WIDE_COMPANY
    context_payload(stored)["CustomerProject"]["Project"]["Title"] = RTL


async def test_unknown_union_member_is_a_node(make_demo_server) -> None:
    server = serve(make_demo_server, (BAD_ID, _unknown_union))
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await look_up(app, pilot, BAD_ID)
        tree = app.screen.query_one(ContextTree)
        assert str(tree.root.children[0].label) == "unknown context type (Insights)"
        await pilot.press("escape")
        await assert_usable_then_next_lookup_works(app, pilot)


async def test_no_contexts_at_all(make_demo_server) -> None:
    server = serve(make_demo_server, (BAD_ID, _no_contexts))
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await look_up(app, pilot, BAD_ID)
        tree = app.screen.query_one(ContextTree)
        assert tree.border_title == "Contexts (0)"
        assert str(tree.root.children[0].label) == "This engagement has no contexts."
        await pilot.press("j", "k", "e", "y", "c")  # nothing to act on: nothing breaks
        await pilot.press("escape")
        await assert_usable_then_next_lookup_works(app, pilot)


async def test_context_without_payload(make_demo_server) -> None:
    server = serve(make_demo_server, (BAD_ID, _no_payload))
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await look_up(app, pilot, BAD_ID)
        tree = app.screen.query_one(ContextTree)
        context = tree.root.children[0]
        assert str(context.label) == "CustomerProject"
        assert [child.data.name for child in context.children] == ["Id", "Type"]
        await pilot.press("escape")
        await assert_usable_then_next_lookup_works(app, pilot)


async def test_context_with_an_empty_payload_is_a_clear_error(make_demo_server) -> None:
    # botocore refuses a union with no member for the whole reply; engtui says exactly that.
    server = serve(make_demo_server, (BAD_ID, _empty_payload))
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await look_up(app, pilot, BAD_ID)
        text = status_text(app)
        assert "Malformed reply" in text
        assert "EngagementContextPayload must have one and only one member set" in text
        await assert_usable_then_next_lookup_works(app, pilot)


async def test_unknown_extra_members_do_not_break_the_view(make_demo_server) -> None:
    server = serve(make_demo_server, (BAD_ID, _unknown_extras))
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await look_up(app, pilot, BAD_ID)
        assert isinstance(app.screen, RecordScreen)
        # botocore's parser keeps only modelled members; the tree builder's handling of
        # unknown ones is covered by the generated responses (test_reliability_generated).
        assert "FutureField" not in app.screen.record.data
        tree = app.screen.query_one(ContextTree)
        assert str(tree.root.children[0].label) == "CustomerProject · Example Corp"
        await pilot.press("escape")
        await assert_usable_then_next_lookup_works(app, pilot)


async def test_hundred_kilobyte_strings_are_cut_on_screen_and_copied_whole(
    make_demo_server,
) -> None:
    server = serve(make_demo_server, (BAD_ID, _huge_strings))
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await look_up(app, pilot, BAD_ID)
        screen = app.screen
        header = screen.query_one(RecordHeader)
        assert "DDDD" in plain(header) and len(plain(header)) < 5_000
        tree = screen.query_one(ContextTree)
        await pilot.press("e")
        node = next(n for n in tree_nodes(tree) if n.data and n.data.name == "BusinessProblem")
        assert "(+" in str(node.label) and len(str(node.label)) < 2_100  # cut at LABEL_LIMIT
        tree.move_cursor(node)
        await pilot.pause()
        detail = plain(screen.query_one(FieldDetail).query_one("#detail-fields"), width=100)
        assert "characters)" in detail  # the detail pane says how much is left out
        await pilot.press("y")
        assert app.clipboard == "B" * BIG
        await pilot.press("escape")
        await assert_usable_then_next_lookup_works(app, pilot)


async def test_a_lead_with_a_thousand_interactions(make_demo_server) -> None:
    server = serve(make_demo_server, (BAD_ID, _thousand_interactions))
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await look_up(app, pilot, BAD_ID)
        tree = app.screen.query_one(ContextTree)
        lead = tree.root.children[1]
        assert str(lead.label) == "Lead · Many Talks Ltd"
        interactions = next(c for c in lead.children if c.data.name == "Interactions")
        assert str(interactions.label) == "Interactions (1000)"
        assert len(interactions.children) == 1000
        await pilot.press("e")
        await pilot.press("end")
        await pilot.pause()
        assert tree.cursor_node is not None  # the very last leaf, the 1,000th contact
        assert str(tree.cursor_node.label) == "Email: person999@example.com"
        await pilot.press("escape")
        await assert_usable_then_next_lookup_works(app, pilot)


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
async def test_wide_characters_and_right_to_left_text(make_demo_server, size) -> None:
    server = serve(make_demo_server, (BAD_ID, _wide_and_rtl))
    app = make_app(server.url)
    async with app.run_test(size=size) as pilot:
        await look_up(app, pilot, BAD_ID)
        tree = app.screen.query_one(ContextTree)
        assert str(tree.root.children[0].label) == f"CustomerProject · {WIDE_COMPANY}"
        await pilot.press("e")
        await pilot.pause()
        text = screen_text(app)
        assert WIDE_COMPANY in text
        assert printable(RTL) == RTL  # right-to-left letters are text, not controls
        assert "مرحبا" in text
        width = size[0]
        for line in text.splitlines():  # wide characters never push a row past the edge
            from rich.cells import cell_len

            assert cell_len(line) <= width
        await pilot.press("escape")
        await assert_usable_then_next_lookup_works(app, pilot)


# Fault kinds (wire faults, retries that clear, refused, cancelled, and odd shapes).
FAULT_KINDS_SURVIVED = len(WIRE_FAULTS) + 3 + 8
