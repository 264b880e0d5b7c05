"""Console links (issue 23, part 7): ``b`` on a record copies its Partner Central console URL
and shows it as a terminal hyperlink; ``engtui get REF --url`` prints it. Only kinds with a
citable pattern (opportunities) and only records of the AWS catalog have one. Against the
demo endpoint over HTTP (an opportunity served in the AWS catalog)."""

from __future__ import annotations

from support import DEMO_KEY_ID, DEMO_SECRET, make_app, settle
from test_cli import run_cli
from test_read_only import look_up
from textual.widgets import Static

from engtui.api.kinds import KINDS
from engtui.screens.console_link import ConsoleLinkDialog
from engtui.screens.record import RecordScreen

URL = "https://us-east-1.console.aws.amazon.com/partnercentral/opportunities/O7000001"


def aws_opportunity() -> dict:
    """A demo opportunity served in the AWS catalog (the bundled ones are Sandbox's)."""
    import json
    from pathlib import Path

    import engtui.demo

    bundled = json.loads((Path(engtui.demo.__file__).parent / "sample_data.json").read_text())
    opportunity = dict(bundled["opportunities"][0])
    opportunity.pop("Arn", None)
    return {**opportunity, "Catalog": "AWS", "Id": "O7000001"}


async def test_b_copies_the_console_url_and_shows_it_as_a_link(make_demo_server) -> None:
    server = make_demo_server({"engagements": [], "opportunities": [aws_opportunity()]})
    app = make_app(server.url, catalog="AWS")
    copied: list[str] = []
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await look_up(app, pilot, "O7000001")
        assert isinstance(app.screen, RecordScreen)
        await pilot.press("b")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConsoleLinkDialog)
        assert copied == [URL]
        shown = dialog.query_one("#console-url", Static).render()
        assert str(shown) == URL
        assert any(span.style.link == URL for span in shown.spans)  # OSC 8 when drawn
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen)


async def test_b_on_a_sandbox_record_says_why_there_is_none(demo_server) -> None:
    app = make_app(demo_server.url)
    copied: list[str] = []
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        await look_up(app, pilot, "O6100001")
        await pilot.press("b")
        await settle(app, pilot)
        assert isinstance(app.screen, RecordScreen) and copied == []
        said = [n.message for n in app._notifications]
        assert any("Only the AWS catalog's records have a console page" in m for m in said)


def test_only_kinds_with_a_cited_pattern_have_the_key() -> None:
    from engtui.screens.record_keys import record_bindings

    for kind in KINDS.values():
        keys = {binding.key for binding in record_bindings(kind)}
        assert ("b" in keys) == bool(kind.console_url), kind.name


def test_get_url_prints_it_without_a_call(capsys, monkeypatch, make_demo_server) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", DEMO_KEY_ID)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", DEMO_SECRET)
    server = make_demo_server({"engagements": [], "opportunities": [aws_opportunity()]})
    code, out, err = run_cli(capsys, "get", "O7000001", "eng-a1b2c3d4e5f6g7", "--url",
                             "--endpoint-url", server.url, "--catalog", "AWS")
    assert out == URL + "\n"
    assert code == 2
    assert err == ("engtui: error: eng-a1b2c3d4e5f6g7: engtui knows no console page of an "
                   "engagement.\n")
    assert server.received_operations() == []
    code, out, err = run_cli(capsys, "get", "O6100001", "--url", "--demo")
    assert (code, out) == (2, "")
    assert "Only the AWS catalog's records have a console page, not Sandbox's" in err
