"""Hardening, round three (issue 21): one gate with no exceptions, the right record or none,
pasted URLs, read-only at run time, and the small ones (items 1, 2, 8, 9, 11).

Real wire throughout: the demo endpoint, or round two's crafted server (a fixed reply over
HTTP on 127.0.0.1), through a real boto3 client.
"""

# ruff: noqa: F811 - the crafted server's fixtures are imported from round two's tests
from __future__ import annotations

import json
from pathlib import Path

import pytest
from reliability_support import (
    FORBIDDEN_DRAWN,
    drawn_segments,
    look_up,
    make_app,
    screen_text,
    settle,
    status_text,
)
from support import demo_settings, engagement
from test_reliability_round2 import crafted, demo_env, reply, run_get  # noqa: F401
from textual.app import App, ComposeResult

from engtui import cli
from engtui.api.errors import ApiError, ErrorKind
from engtui.api.kinds import parse_reference
from engtui.api.service import SellingService

# An Id that sets the terminal's title and writes its clipboard (issue 21 item 1).
HOSTILE_ID = "\x1b]2;PWN\x1b\\\x1b]52;c;UFdOCg==\x1b\\"
ASKED = "eng-r0000000000001"
ARN = f"arn:aws:partnercentral:us-east-1::catalog/Sandbox/engagement/{ASKED}"


def assert_nothing_acts(app: App[object]) -> None:
    """No control or invisible character is in what the compositor sends to the terminal."""
    for segment in drawn_segments(app):  # type: ignore[arg-type]
        bad = set(segment.text) & FORBIDDEN_DRAWN
        assert not bad, f"drawn control characters {sorted(map(hex, map(ord, bad)))}"


# -- item 1: a widget that shows API text gates it, whoever calls it -----------------------------
class Widgets(App[None]):
    """Every widget that takes API text, each given a raw hostile `str` (not a `SafeText`)."""

    def compose(self) -> ComposeResult:
        from textual.widgets import Static

        from engtui.widgets.breadcrumb import Breadcrumb
        from engtui.widgets.lookup_status import LookupStatus
        from engtui.widgets.plain import safe_text
        from engtui.widgets.recent_list import RecentList

        yield Breadcrumb(id="crumbs")
        yield LookupStatus(id="idle")
        yield LookupStatus(id="loading")
        yield LookupStatus(id="error")
        yield RecentList(id="recent")
        yield Static(safe_text(HOSTILE_ID), id="static")
        yield self.table()

    def table(self):  # the list screen's table, with a list kind whose rows are raw text
        from engtui.api.records import ListColumn, ListKind
        from engtui.widgets.summary_table import SummaryTable

        spec = ListKind(name="raw", title="Raw", noun="row", opens="engagement",
                        columns=(ListColumn("Id", 30, 9, filtered=True),
                                 ListColumn("Title", 0, 8)),
                        make_row=lambda: lambda item: (item, item), item_id=lambda item: item)
        return SummaryTable(spec, id="table")

    def on_mount(self) -> None:
        from engtui.widgets.breadcrumb import Breadcrumb
        from engtui.widgets.lookup_status import LookupStatus
        from engtui.widgets.recent_list import RecentItem, RecentList
        from engtui.widgets.summary_table import SummaryTable

        self.query_one(Breadcrumb).show(["List", HOSTILE_ID])
        self.query_one("#idle", LookupStatus).show_idle(f"Opened {HOSTILE_ID}.")  # type: ignore[arg-type]
        self.query_one("#loading", LookupStatus).show_loading(HOSTILE_ID)  # type: ignore[arg-type]
        self.query_one("#error", LookupStatus).show_error(HOSTILE_ID, HOSTILE_ID, HOSTILE_ID,
                                                          HOSTILE_ID)
        self.query_one(RecentList).show([RecentItem(HOSTILE_ID, HOSTILE_ID, HOSTILE_ID)])
        self.query_one(SummaryTable).add([HOSTILE_ID])
        self.title = HOSTILE_ID
        self.sub_title = HOSTILE_ID


async def test_every_widget_that_shows_api_text_gates_a_raw_string() -> None:
    app = Widgets()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert_nothing_acts(app)
        assert "\\e]2;PWN" in screen_text(app)  # drawn, as placeholders  # type: ignore[arg-type]


async def test_every_notification_title_and_message_is_gated() -> None:
    app = make_app("http://127.0.0.1:9")
    async with app.run_test(size=(120, 40)) as pilot:
        app.notify(HOSTILE_ID, title=HOSTILE_ID)
        await pilot.pause()
        assert_nothing_acts(app)


def test_only_the_gate_makes_safe_text() -> None:
    from engtui.textsafe import SafeText, printable

    with pytest.raises(TypeError):
        SafeText(HOSTILE_ID)
    safe = printable(HOSTILE_ID)
    assert isinstance(safe, SafeText) and "\x1b" not in safe
    assert printable(safe) is safe  # gated once: a second pass changes nothing
    assert not isinstance(safe + "x", SafeText)  # joined text must pass the gate again
    import copy

    assert copy.deepcopy(safe) == safe


async def test_the_lookup_status_line_after_a_hostile_id_reaches_no_terminal(crafted) -> None:
    from engtui.screens.lookup import LookupScreen

    crafted.body = json.dumps(reply(Id=HOSTILE_ID)).encode()
    app = make_app(crafted.url)
    async with app.run_test(size=(120, 40)) as pilot:
        await look_up(app, pilot, ASKED)
        for key in ("r", "i"):  # as in the issue: refresh, copy the id (when it opened)
            await pilot.press(key)
            await settle(app, pilot)
        while not isinstance(app.screen, LookupScreen):
            await pilot.press("escape")
            await settle(app, pilot)
        assert_nothing_acts(app)
        assert "PWN" in status_text(app)


# -- item 2: the right record or none -----------------------------------------------------------
@pytest.mark.parametrize(("fields", "words"), [
    ({"Id": "eng-a1b2c3d4e5f6g7"}, "eng-a1b2c3d4e5f6g7"),
    ({"Id": ASKED.upper()}, ASKED.upper()),  # ids are lower case: compared exactly
    ({"Arn": ARN.replace("Sandbox", "AWS")}, "catalog"),
    ({"Arn": ARN.replace(ASKED, "eng-a1b2c3d4e5f6g7")}, "does not name"),
    ({"Id": HOSTILE_ID}, "\\e]2;PWN"),
], ids=["other-id", "upper-case-id", "arn-catalog", "arn-id", "hostile-id"])
@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_a_reply_about_another_record_is_malformed_exit_10(crafted, capsys, demo_env, fields,
                                                           words, as_json) -> None:
    crafted.body = json.dumps(reply(**fields)).encode()
    code, out, err = run_get(capsys, crafted.url, *(["--json"] if as_json else []))
    assert code == 10, err
    assert out == ""  # never shown as the record
    assert "Not the engagement asked for" in err and words in err
    assert "\x1b" not in err


def test_an_opportunity_of_another_catalog_is_malformed(crafted, capsys, demo_env) -> None:
    crafted.body = json.dumps({"Id": "O9999999999", "Catalog": "Sandbox"}).encode()
    code = cli.main(["get", "O9999999999", "--endpoint-url", crafted.url, "--catalog", "AWS",
                     "--max-attempts", "1"])
    out, err = capsys.readouterr()
    assert code == 10 and out == ""
    assert "Not the opportunity asked for" in err and "catalog “Sandbox”" in err


@pytest.mark.parametrize("typed", [ASKED, ARN], ids=["id", "arn"])
def test_a_legitimate_reply_of_the_real_service_is_accepted(crafted, capsys, demo_env,
                                                            typed) -> None:
    """What the real service sends: an ARN with an empty account, CreatedBy "aws",
    contexts without an Id; the user may type the ARN."""
    crafted.body = json.dumps(reply(Arn=ARN, CreatedBy="aws", Contexts=[
        {"Type": "CustomerProject", "Payload": {"CustomerProject": {"Title": "t"}}}])).encode()
    code = cli.main(["get", typed, "--endpoint-url", crafted.url, "--catalog", "Sandbox",
                     "--max-attempts", "1", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert json.loads(out)["Id"] == ASKED


def test_a_snapshot_of_another_revision_is_malformed(crafted) -> None:
    from engtui.api.kinds import SNAPSHOT

    crafted.body = json.dumps({
        "Catalog": "Sandbox", "EngagementId": ASKED, "ResourceType": "Opportunity",
        "ResourceId": "O1234567", "ResourceSnapshotTemplateName": "Template", "Revision": 3,
    }).encode()
    params = {"EngagementIdentifier": ASKED, "ResourceType": "Opportunity",
              "ResourceSnapshotTemplateIdentifier": "Template"}
    service = SellingService(demo_settings(crafted.url))
    assert service.get_record(SNAPSHOT, "Sandbox", "O1234567", params=params).id == "O1234567"
    with pytest.raises(ApiError) as raised:
        service.get_record(SNAPSHOT, "Sandbox", "O1234567", params={**params, "Revision": 2})
    assert raised.value.kind is ErrorKind.MALFORMED and "Revision" in raised.value.message


async def test_the_tui_says_it_and_keeps_the_wrong_record_out_of_recent(crafted) -> None:
    from engtui.screens.record import RecordScreen

    crafted.body = json.dumps(reply(Id="eng-a1b2c3d4e5f6g7")).encode()
    app = make_app(crafted.url)
    async with app.run_test(size=(120, 40)) as pilot:
        await look_up(app, pilot, ASKED)
        assert not isinstance(app.screen, RecordScreen)
        assert "Not the engagement asked for" in status_text(app)
        assert app.recent.shown == []


async def test_an_id_from_the_data_is_checked_before_it_is_sent(make_demo_server) -> None:
    """A history entry (a list row, a link: the same gate, `RecordOpener.open`) whose id is
    not one of its kind's is refused in words, and nothing is sent."""
    from engtui.widgets.recent_list import RecentItem

    server = make_demo_server({"engagements": [engagement()]})
    app = make_app(server.url)
    async with app.run_test(size=(120, 40)) as pilot:
        app.lookup_screen.open_recent(RecentItem("eng-x' OR 1=1", "Sandbox"))
        await settle(app, pilot)
        assert "Not sent" in status_text(app)
        assert server.requests == []


async def test_an_id_from_a_list_row_is_checked_before_it_is_sent(make_demo_server) -> None:
    from engtui.screens.record_list import ListScreen

    server = make_demo_server({"engagements": [engagement()]})
    server.dataset.engagements[("Sandbox", engagement()["Id"])]["Id"] = "eng-BAD'--"
    server.dataset.changed()
    app = make_app(server.url)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        assert isinstance(app.screen, ListScreen)
        await pilot.press("enter")
        await settle(app, pilot)
        assert "Not sent" in screen_text(app)  # type: ignore[arg-type]
        assert "GetEngagement" not in [r.operation for r in server.requests]


# -- item 8: pasted URLs ------------------------------------------------------------------------
CONSOLE = "https://partnercentral.awspartner.com/partnercentral2/s/engagements"


@pytest.mark.parametrize("url", [
    f"{CONSOLE}/eng-aaaaaaaaaaaaaa?returnTo=eng-bbbbbbbbbbbbbb",
    f"{CONSOLE}/eng-aaaaaaaaaaaaaa#eng-bbbbbbbbbbbbbb",
    "https://us-east-1.console.aws.amazon.com/partnercentral/home?next=eng-bbbbbbbbbbbbbb"
    "#/engagements/eng-aaaaaaaaaaaaaa",
], ids=["query", "fragment", "console-route"])
def test_a_pasted_urls_id_comes_from_its_path(url: str) -> None:
    assert parse_reference(url).record_id == "eng-aaaaaaaaaaaaaa"


def test_an_id_only_in_the_query_is_not_read() -> None:
    from engtui.api.kinds import InvalidInput

    with pytest.raises(InvalidInput, match="no id engtui can open"):
        parse_reference(f"{CONSOLE}?returnTo=eng-bbbbbbbbbbbbbb")


def test_a_url_of_another_host_is_refused_in_one_sentence() -> None:
    from engtui.api.kinds import InvalidInput

    with pytest.raises(InvalidInput) as raised:
        parse_reference("https://evil.example/engagements/eng-aaaaaaaaaaaaaa")
    message = str(raised.value)
    assert "not a Partner Central console URL" in message
    assert message.count(". ") == 0 and message.endswith(".")


@pytest.mark.parametrize("arn", [
    "arn:aws:partnercentral:us-east-1::catalog/AWS/engagement/",
    "arn%3Aaws%3Apartnercentral%3Aus-east-1%3A%3Acatalog%2FAWS%2Fengagement%2F",
], ids=["as-is", "encoded"])
def test_an_arn_inside_a_url_keeps_its_catalog(arn: str) -> None:
    ref = parse_reference(f"https://console.aws.amazon.com/pc/{arn}eng-aaaaaaaaaaaaaa/details")
    assert (ref.record_id, ref.catalog_from_arn) == ("eng-aaaaaaaaaaaaaa", "AWS")


# -- item 9: read-only at run time ---------------------------------------------------------------
@pytest.mark.parametrize(("operation", "params"), [
    ("accept_engagement_invitation", {"Catalog": "Sandbox", "Identifier": "engi-0000000000001"}),
    ("start_engagement_by_accepting_invitation_task",
     {"Catalog": "Sandbox", "Identifier": "engi-0000000000001", "ClientToken": "t-1"}),
])
def test_a_write_on_the_real_client_is_refused_and_nothing_is_sent(make_demo_server, operation,
                                                                   params) -> None:
    server = make_demo_server({"engagements": [engagement()]})
    client = SellingService(demo_settings(server.url))._get_client()
    with pytest.raises(ApiError) as raised:
        getattr(client, operation)(**params)
    assert "read-only" in raised.value.message
    assert server.requests == []
    client.get_engagement(Catalog="Sandbox", Identifier=engagement()["Id"])  # reads still go
    assert [r.operation for r in server.requests] == ["GetEngagement"]


# -- item 11: the small ones ---------------------------------------------------------------------
def test_get_writes_ascii_under_the_c_locale(crafted, capsys, demo_env, monkeypatch) -> None:
    monkeypatch.setenv("LC_ALL", "C")
    crafted.body = json.dumps(reply(Title="Café … ✓")).encode()
    code, out, err = run_get(capsys, crafted.url)
    assert code == 0, err
    assert out.isascii() and "Caf" in out
    code, out, err = run_get(capsys, crafted.url, "--json")
    assert code == 0, err
    assert out.isascii() and json.loads(out)["Title"] == "Café … ✓"  # \u escapes: exact JSON


async def test_a_long_group_name_has_one_truncation_marker_in_the_breadcrumb() -> None:
    from engtui.api.listing import ListOptions
    from engtui.widgets.breadcrumb import Breadcrumb

    class Crumbs(App[None]):
        def compose(self) -> ComposeResult:
            yield Breadcrumb()

    crumb = ListOptions(group="eg-1", group_name="A very long engagement group name " * 2).crumb
    app = Crumbs()
    async with app.run_test(size=(120, 5)) as pilot:
        app.query_one(Breadcrumb).show(["Groups", crumb])
        await pilot.pause()
        text = screen_text(app)  # type: ignore[arg-type]
        assert text.count("characters)") == 1, text
        assert "(+…" not in text


def test_the_demos_stderr_is_gated(tmp_path: Path, capsys) -> None:
    from engtui.demo import command

    path = tmp_path / f"data{HOSTILE_ID.replace('/', '_')}.json"
    path.write_text('{"engagements": [{"Id": "x"}]}', encoding="utf-8")
    assert command.main(["--data", str(path)]) != 0
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\\e]2;PWN" in err


def test_the_demos_request_log_is_gated() -> None:
    from demo_support import raw_call

    from engtui.demo.server import DemoServer

    lines: list[str] = []
    server = DemoServer()  # the demo key pair raw_call signs with
    server.start()
    try:
        server.log = lines.append
        raw_call(server.url, "GetEngagement", {}, target=f"AWSPartnerCentralSelling.{HOSTILE_ID}")
    finally:
        server.stop()
    assert lines and not any("\x1b" in line for line in lines), lines

