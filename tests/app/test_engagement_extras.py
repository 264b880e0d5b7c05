"""The engagement screen beyond the tree, end to end through the real wire: members and
linked opportunities (lazy, every page, errors with retry), search, copy, export, the
command palette and privacy mode."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from support import (
    ENGAGEMENT_ID,
    FIXED_NOW,
    demo_settings,
    engagement,
    look_up,
    plain,
    settle,
)
from textual.widgets import Input

from engtui.api.redact import MASK
from engtui.app import EngtuiApp
from engtui.cli import build_parser
from engtui.screens.confirm import ConfirmScreen
from engtui.screens.export import ExportScreen
from engtui.screens.help import HelpScreen
from engtui.screens.lookup import LookupScreen
from engtui.screens.record import RecordScreen
from engtui.widgets.connection_bar import ConnectionBar
from engtui.widgets.context_tree import ContextTree
from engtui.widgets.field_detail import FieldDetail
from engtui.widgets.record_header import RecordHeader
from engtui.widgets.related_pane import LoadState, RelatedPane
from engtui.widgets.search_bar import SearchBar

OTHER_ID = "eng-t0000000000002"


def member(number: int) -> dict:
    return {"CompanyName": f"Member Company {number:02d}",
            "WebsiteUrl": f"https://member{number:02d}.example.com",
            "AccountId": f"{number:012d}"}


def association(number: int, engagement_id: str = ENGAGEMENT_ID) -> dict:
    return {"EngagementId": engagement_id, "ResourceType": "Opportunity",
            "ResourceId": f"O{1000 + number}", "CreatedBy": "111122223333",
            "Catalog": "Sandbox"}


def lead_engagement() -> dict:
    """An engagement with a lead whose contact sits under collapsed branches."""
    contact = {"FirstName": "Priya", "LastName": "Raman", "Email": "priya@example.com",
               "Phone": "+15555550101", "BusinessTitle": "VP Data"}
    lead = {"Id": "2", "Type": "Lead", "Payload": {"Lead": {
        "QualificationStatus": "Qualified",
        "Customer": {"Industry": "Retail", "CompanyName": "Acme Retail",
                     "WebsiteUrl": "https://acme.example.com",
                     "Address": {"City": "Seattle", "CountryCode": "US"}},
        "Interactions": [
            {"SourceType": "Event", "SourceId": "e1", "SourceName": "Summit",
             "InteractionDate": "2026-01-02T10:00:00Z", "Usecase": "Analytics",
             "Contact": contact},
            {"SourceType": "Event", "SourceId": "e2", "SourceName": "Acme day",
             "InteractionDate": "2026-02-02T10:00:00Z", "Usecase": "Analytics",
             "Contact": {**contact, "FirstName": "Marcus", "Email": "marcus@example.com"}},
        ],
    }}}
    value = engagement()
    value["Contexts"] = [*value["Contexts"], lead]
    return value


def data(members: int = 23, associations: int = 5, **extra: object) -> dict:
    return {
        "engagements": [lead_engagement(), engagement(OTHER_ID, Title="Other")],
        "members": {ENGAGEMENT_ID: [member(n) for n in range(1, members + 1)]},
        "associations": [association(n) for n in range(1, associations + 1)]
        + [association(99, OTHER_ID)],
        **extra,
    }


def make_app(url: str, **kwargs: object) -> EngtuiApp:
    return EngtuiApp(demo_settings(url), now=lambda: FIXED_NOW, **kwargs)  # type: ignore[arg-type]


async def open_engagement(
    app: EngtuiApp, pilot, identifier: str = ENGAGEMENT_ID
) -> RecordScreen:
    await pilot.pause()
    await look_up(app, pilot, identifier)
    screen = app.screen
    assert isinstance(screen, RecordScreen)
    return screen


async def export_to(app: EngtuiApp, pilot, path: str) -> None:
    """``s``, type the path over the default, Enter; wait for the write."""
    await pilot.press("s")
    await pilot.pause()
    app.screen.query_one(Input).value = path
    await pilot.press("enter")
    await settle(app, pilot)


def operations(server) -> list[str]:
    return [request.operation for request in server.requests]


def rows(pane: RelatedPane) -> list[list[str]]:
    table = pane.table
    return [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]


# -- members and opportunities -----------------------------------------------------------------
async def test_members_load_lazily_and_follow_every_page(make_demo_server) -> None:
    server = make_demo_server(data(members=23))
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_engagement(app, pilot)
        assert operations(server) == ["GetEngagement"]  # nothing before the pane is shown
        assert screen.pane("members") is None  # made when first shown
        await pilot.press("2")
        await settle(app, pilot)
        member_calls = [r for r in server.requests if r.operation == "ListEngagementMembers"]
        assert len(member_calls) == 3  # 10 + 10 + 3 (the model's largest page is 10)
        assert "NextToken" not in member_calls[0].params
        assert all("NextToken" in call.params for call in member_calls[1:])
        pane = screen.query_one("#members", RelatedPane)
        shown = rows(pane)
        assert len(shown) == 23
        assert shown[0] == ["Member Company 01", "000000000001", "https://member01.example.com"]
        assert "ListEngagementResourceAssociations" not in operations(server)
        assert app.focused is pane.table
        # shown again: no second load
        await pilot.press("1", "2")
        await settle(app, pilot)
        assert operations(server).count("ListEngagementMembers") == 3


async def test_opportunities_are_filtered_to_the_engagement_and_paged(make_demo_server) -> None:
    server = make_demo_server(data(associations=5))
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_engagement(app, pilot)
        app.service.page_size = 2
        await pilot.press("3")
        await settle(app, pilot)
        calls = [r for r in server.requests
                 if r.operation == "ListEngagementResourceAssociations"]
        assert len(calls) == 3  # 2 + 2 + 1
        assert all(call.params["EngagementIdentifier"] == ENGAGEMENT_ID for call in calls)
        assert all(call.params["MaxResults"] == 2 for call in calls)
        shown = rows(screen.query_one("#opportunities", RelatedPane))
        assert [row[0] for row in shown] == [f"O{1000 + n}" for n in range(1, 6)]
        assert shown[0][1:] == ["Opportunity", "111122223333"]
        assert "ListEngagementMembers" not in operations(server)
        tabs = plain_tabs(screen)
        assert "3 Opportunities (5)" in tabs


def plain_tabs(screen: RecordScreen) -> str:
    from engtui.widgets.pane_tabs import PaneTabs

    tabs = screen.query_one(PaneTabs)
    return " | ".join(tabs.label(name).plain for name in tabs.names)


async def test_member_error_is_shown_in_place_and_ctrl_r_retries(make_demo_server) -> None:
    faults = {"ListEngagementMembers": {"kind": "throttle-then-ok", "times": 1}}
    server = make_demo_server(data(members=3, faults=faults))
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_engagement(app, pilot)
        await pilot.press("2")
        await settle(app, pilot)
        pane = screen.query_one("#members", RelatedPane)
        assert pane.state is LoadState.FAILED
        status = plain(pane.query_one("#status-line"))
        assert "Throttled" in status and "ctrl+r: retry" in status
        assert screen.check_action("retry", ()) is True
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        assert pane.state is LoadState.LOADED
        assert len(rows(pane)) == 3


async def test_refresh_reloads_the_shown_pane(make_demo_server) -> None:
    server = make_demo_server(data(members=3))
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_engagement(app, pilot)
        await pilot.press("2")
        await settle(app, pilot)
        server.clear_requests()
        await pilot.press("r")
        await settle(app, pilot)
        assert operations(server) == ["GetEngagement", "ListEngagementMembers"]


# -- search -------------------------------------------------------------------------------------
async def test_search_finds_nodes_under_collapsed_branches_and_steps(make_demo_server) -> None:
    server = make_demo_server(data())
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_engagement(app, pilot)
        tree = screen.query_one(ContextTree)
        await pilot.press("c")  # everything collapsed to the contexts
        await pilot.press("slash", *"EXAMPLE.COM")  # case-insensitive, values too
        await pilot.pause()
        bar = screen.query_one(SearchBar)
        assert bar.is_open
        # Example Corp's website, Acme's website, two contact emails
        assert "match 1 of 4" in plain(bar.query_one("#search-count"))
        assert screen.selected().name == "WebsiteUrl"
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is tree
        await pilot.press("n", "n")
        await pilot.pause()
        node = screen.selected()
        assert node.name == "Email" and node.raw == "priya@example.com"
        assert tree.cursor_node.parent.is_expanded  # the path was expanded
        assert "match 3 of 4" in plain(bar.query_one("#search-count"))
        await pilot.press("N", "N", "N")
        await pilot.pause()
        assert "match 4 of 4" in plain(bar.query_one("#search-count"))
        assert screen.selected().raw == "marcus@example.com"
        assert plain(screen.query_one(FieldDetail).query_one("#detail-fields")).count(
            "marcus@example.com") == 1
        await pilot.press("escape")  # closes the search, stays on the screen
        await pilot.pause()
        assert not bar.is_open and app.screen is screen
        assert not screen.check_action("search_step", ())  # off (None: still in the help)


async def test_search_matches_labels_and_says_no_match(make_demo_server) -> None:
    server = make_demo_server(data())
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_engagement(app, pilot)
        await pilot.press("slash", *"acme day")
        await pilot.pause()
        # the interaction (its label) and its SourceName (its value)
        assert "match 1 of 2" in plain(screen.query_one("#search-count"))
        assert screen.selected().label.startswith("2026-02-02 · Event · Acme day")
        await pilot.press("x", "y", "z")
        await pilot.pause()
        assert "no match" in plain(screen.query_one("#search-count"))
        await pilot.press("escape")
        await pilot.pause()
        assert not screen.query_one(SearchBar).is_open


# -- copy ---------------------------------------------------------------------------------------
async def test_copy_id_arn_json_and_value(make_demo_server) -> None:
    server = make_demo_server(data())
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_engagement(app, pilot)
        await pilot.press("i")
        assert app.clipboard == ENGAGEMENT_ID
        await pilot.press("a")
        assert app.clipboard == screen.record.arn
        assert app.clipboard.endswith(f"engagement/{ENGAGEMENT_ID}")
        await pilot.press("Y")
        copied = json.loads(app.clipboard)
        assert copied["Id"] == ENGAGEMENT_ID and copied["CreatedBy"] == "123456789012"
        messages = [n.message for n in app._notifications]
        assert any("Copied the ARN" in m for m in messages)
        await pilot.press("3")
        await settle(app, pilot)
        await pilot.press("y")
        assert app.clipboard == "O1001"


# -- export -------------------------------------------------------------------------------------
@pytest.fixture
def downloads(isolated_home: Path, tmp_path: Path, monkeypatch) -> Path:
    """The user's downloads folder (in the test's home), and a current folder elsewhere (a
    checkout an export must not land in)."""
    folder = isolated_home / "Downloads"
    folder.mkdir()
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    monkeypatch.chdir(checkout)
    return folder


async def test_export_default_path_and_content(make_demo_server, downloads, tmp_path) -> None:
    """The default was ./<id>.json: typed into the dialog during a test run, a name landed
    in the repository (`North`). It is the downloads folder, and the dialog says so."""
    server = make_demo_server(data(members=3))
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_engagement(app, pilot)
        await pilot.press("2")
        await settle(app, pilot)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        field = app.screen.query_one(Input)
        assert field.value == str(downloads / f"{ENGAGEMENT_ID}.json")
        assert plain(app.screen.query_one("#export-where")).strip() == (
            f"Saved in your downloads folder ({downloads}); a relative path is inside it.")
        await pilot.press("enter")
        await settle(app, pilot)
        assert list((tmp_path / "checkout").iterdir()) == []
        written = json.loads((downloads / f"{ENGAGEMENT_ID}.json").read_text("utf-8"))
        assert written["Catalog"] == "Sandbox" and written["Redacted"] is False
        assert written["Engagement"]["Id"] == ENGAGEMENT_ID
        assert [m["AccountId"] for m in written["EngagementMemberList"]] == [
            "000000000001", "000000000002", "000000000003"]
        assert "EngagementResourceAssociationSummaries" not in written  # never loaded
        assert os.stat(downloads / f"{ENGAGEMENT_ID}.json").st_mode & 0o777 == 0o600
        assert not [p for p in downloads.iterdir() if p.name.endswith(".tmp")]


async def test_export_offers_the_last_folder_and_a_relative_path_is_inside_it(
    make_demo_server, downloads, tmp_path
) -> None:
    server = make_demo_server(data())
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_engagement(app, pilot)
        await export_to(app, pilot, "North")  # a bare name: in the folder shown, not here
        assert (downloads / "North").is_file()
        assert list((tmp_path / "checkout").iterdir()) == []
        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir()
        await export_to(app, pilot, str(elsewhere / "first.json"))
        await pilot.press("s")
        await pilot.pause()
        assert app.screen.query_one(Input).value == str(elsewhere / f"{ENGAGEMENT_ID}.json")
        assert plain(app.screen.query_one("#export-where")).strip() == (
            f"Saved in the folder of your last export ({elsewhere}); a relative path is "
            "inside it.")
        await pilot.press("enter")
        await settle(app, pilot)
        assert (elsewhere / f"{ENGAGEMENT_ID}.json").is_file()


@pytest.mark.parametrize("replace", [True, False], ids=["replace", "keep"])
async def test_export_asks_before_overwriting(make_demo_server, downloads, replace) -> None:
    target = downloads / "out.json"
    target.write_text("old", encoding="utf-8")
    server = make_demo_server(data())
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_engagement(app, pilot)
        await export_to(app, pilot, "out.json")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y" if replace else "n")
        await settle(app, pilot)
        assert isinstance(app.screen, RecordScreen)
        if replace:
            assert json.loads(target.read_text("utf-8"))["Engagement"]["Id"] == ENGAGEMENT_ID
        else:
            assert target.read_text("utf-8") == "old"


async def test_export_into_a_missing_folder_says_so_and_asks_again(
    make_demo_server, tmp_path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    server = make_demo_server(data())
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_engagement(app, pilot)
        await export_to(app, pilot, "nowhere/out.json")
        assert isinstance(app.screen, ExportScreen)  # open again, to fix the path
        error = plain(app.screen.query_one("#export-error"))
        assert "does not exist" in error and "nowhere" in error
        assert app.screen.query_one(Input).value == "nowhere/out.json"
        assert not (tmp_path / "nowhere").exists()


async def test_export_into_a_folder_that_takes_no_files_names_the_file(
    make_demo_server, tmp_path, monkeypatch
) -> None:
    if not Path("/proc").is_dir():
        pytest.skip("no /proc on this system")
    server = make_demo_server(data())
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_engagement(app, pilot)
        await export_to(app, pilot, "/proc/x.json")
        error = plain(app.screen.query_one("#export-error"))
        assert error.strip() == ("Cannot write /proc/x.json: the folder /proc does not accept "
                                 "new files. Choose another folder.")


def test_export_refuses_a_folder_without_permission(tmp_path: Path) -> None:
    from engtui.export import ExportError, write_export

    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    if os.access(locked, os.W_OK):
        pytest.skip("running as root: permissions are not enforced")
    with pytest.raises(ExportError, match="Permission denied"):
        write_export(locked / "x.json", "{}")


# -- privacy mode -------------------------------------------------------------------------------
async def test_privacy_mode_masks_everywhere_and_blocks_copy(make_demo_server,
                                                             downloads) -> None:
    server = make_demo_server(data(members=2))
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_engagement(app, pilot)
        await pilot.press("2")
        await settle(app, pilot)
        await pilot.press("1", "f9")
        await pilot.pause()
        assert app.redacted
        assert " redacted " in plain(screen.query_one(ConnectionBar))
        header = plain(screen.query_one(RecordHeader))
        assert "123456789012" not in header and MASK in header
        tree = screen.query_one(ContextTree)
        tree.root.expand_all()
        labels = [str(node.label) for node in _walk(tree.root)]
        text = "\n".join(labels)
        for secret in ("Example Corp", "Acme Retail", "Priya", "priya@example.com",
                       "+15555550101", "https://acme.example.com"):
            assert secret not in text, secret
        assert "Lead · " + MASK in labels and "CustomerProject · " + MASK in labels
        members = rows(screen.query_one("#members", RelatedPane))
        assert members == [[MASK, MASK, MASK], [MASK, MASK, MASK]]
        # the detail pane
        screen.query_one(ContextTree).move_cursor(tree.root.children[0].children[2])
        await pilot.pause()
        assert "Example Corp" not in plain(screen.query_one("#detail-fields"))
        # copy: a masked value is refused, JSON comes masked
        app.copy_to_clipboard("before")
        company = next(n for n in _walk(tree.root) if n.data and n.data.name == "CompanyName")
        tree.move_cursor(company)
        await pilot.press("y")
        assert app.clipboard == "before"
        await pilot.press("Y")
        assert "Example Corp" not in app.clipboard and MASK in app.clipboard
        assert json.loads(app.clipboard)["CreatedBy"] == MASK
        await pilot.press("a")  # the account id inside the ARN is masked too
        assert app.clipboard == (
            f"arn:aws:partnercentral:us-east-1:{MASK}:catalog/Sandbox/engagement/{ENGAGEMENT_ID}")
        # search does not find a masked value
        await pilot.press("slash", *"priya")
        await pilot.pause()
        assert "no match" in plain(screen.query_one("#search-count"))
        await pilot.press("escape")
        # export writes the masked form
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("enter")
        await settle(app, pilot)
        exported = (downloads / f"{ENGAGEMENT_ID}.json").read_text("utf-8")
        for secret in ("Example Corp", "Priya", "123456789012", "Member Company"):
            assert secret not in exported
        assert json.loads(exported)["Redacted"] is True
        # off again: the real values are back
        await pilot.press("f9")
        await pilot.pause()
        assert "123456789012" in plain(screen.query_one(RecordHeader))
        assert rows(screen.query_one("#members", RelatedPane))[0][0] == "Member Company 01"


def _walk(node):
    for child in node.children:
        yield child
        yield from _walk(child)


async def test_redact_option_starts_in_privacy_mode(make_demo_server) -> None:
    args = build_parser(["--redact"]).parse_args(["--redact"])
    assert args.redact is True
    assert build_parser([]).parse_args([]).redact is False
    server = make_demo_server(data())
    app = make_app(server.url, redact=args.redact)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_engagement(app, pilot)
        labels = [str(node.label) for node in screen.query_one(ContextTree).root.children]
        assert labels[0] == f"CustomerProject · {MASK}"


# -- palette and help ---------------------------------------------------------------------------
async def run_palette(app: EngtuiApp, pilot, text: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*text)
    await app.workers.wait_for_complete()
    await pilot.pause(0.2)
    await pilot.press("enter")
    await settle(app, pilot)


async def test_palette_opens_by_id_and_copies(make_demo_server) -> None:
    server = make_demo_server(data())
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await run_palette(app, pilot, ENGAGEMENT_ID)
        assert isinstance(app.screen, RecordScreen)
        assert app.screen.record.id == ENGAGEMENT_ID
        await run_palette(app, pilot, "copy engagement arn")
        assert app.clipboard == app.screen.record.arn
        # open another from the engagement screen: goes through the lookup screen
        await run_palette(app, pilot, OTHER_ID)
        assert app.screen.record.id == OTHER_ID
        assert [type(s).__name__ for s in app.screen_stack][-2:] == [
            "LookupScreen", "EngagementScreen"]
        await run_palette(app, pilot, "privacy mode on")
        assert app.redacted


async def test_palette_says_why_an_id_opens_nothing(make_demo_server) -> None:
    """Text that is neither a command nor an id engtui opens showed an empty palette: it
    says what engtui accepts, from the record kinds."""
    server = make_demo_server(data())
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        from engtui.palette.engagements import EngagementCommands

        provider = EngagementCommands(app.screen)
        hits = [(hit.text, hit.help) async for hit in provider.search("xq-123")]
        forms = "eng-, engi-, O…, cust-acc-, job-, task-, bulkjob-, benappl-, benalloc-, ben-"
        assert hits == [(f"“xq-123” is not an id engtui knows; type an id ({forms}) or an ARN.",
                         f"engtui opens an id ({forms}) or an ARN")]


async def test_palette_lists_recent_and_catalog(make_demo_server) -> None:
    server = make_demo_server(data())
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_engagement(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        from engtui.palette.engagements import EngagementCommands

        provider = EngagementCommands(app.screen)
        texts = [hit.text async for hit in provider.discover()]
        assert f"Open recent {ENGAGEMENT_ID} · Test engagement" in texts
        assert "Switch catalog to AWS" in texts and "Copy engagement ARN" not in texts
        assert "List engagements" in texts
        await run_palette(app, pilot, "switch catalog to aws")
        assert isinstance(app.screen, LookupScreen) and app.screen.catalog == "AWS"


async def test_help_lists_every_engagement_key(make_demo_server) -> None:
    server = make_demo_server(data())
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_engagement(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        descriptions = {row.description: row for row in app.screen.rows}
        for wanted in ("Search", "Copy id", "Copy ARN", "Copy JSON", "Export", "Members",
                       "Opportunities", "Contexts", "Privacy"):
            assert wanted in descriptions, wanted
        for binding in screen.BINDINGS:
            assert binding.description and binding.tooltip and binding.id, binding
        assert descriptions["Privacy"].keys == "f9"
