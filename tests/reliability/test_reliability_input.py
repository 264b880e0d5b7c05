"""Bad input is refused early (issue 6 §4), in the app and in ``engtui get``.

The table of malformed identifiers lives in ``tests/unit/test_identifiers.py`` (the parser's side);
here each one is pasted into the lookup screen (inline message, no request: the demo endpoint's
request log stays empty) and given to ``engtui get`` (exit status 2, one line on stderr, no
request). Also: unknown catalogs, a corrupt config file, a corrupt history file and demo data
files of the wrong shape.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from reliability_support import GOOD_ID, look_up, make_app, serve, settle, validation_text
from test_cli import demo_env, run_cli  # noqa: F401 - a fixture and a helper
from test_identifiers import MALFORMED as NOT_ENGAGEMENT_IDS
from textual import events
from textual.widgets import Input

from engtui.profiles.history import RecentEngagements
from engtui.screens.lookup import LookupScreen
from engtui.screens.record import RecordScreen

# Malformed as engagement ids, but since the co-sell kinds an opportunity's id and ARN: the
# lookup and `get` open those (tests/unit/test_cli_kinds.py), so they are not refused here.
OPPORTUNITY_REFS = {"O1234567",
                    "arn:aws:partnercentral:us-east-1::catalog/AWS/opportunity/O1234567"}
# An upper-case engagement id is read in lower case (`engtui.api.kinds.pasted`, the status
# says so): refused as typed by `parse_identifier`, opened by the lookup and `get`.
NORMALISED = {"eng-A1B2C3D4E5F6G7", "ENG-a1b2c3d4e5f6g7"}
# Text no kind takes is refused in the words of every kind (issue 19: the lookup and `get`
# list the id forms engtui accepts), where `parse_identifier` speaks of engagements only.
ANY_KIND = {"Type an engagement id": "Type an id (eng-, engi-, O…, cust-acc-, job-, task-, "
                                     "bulkjob-, benappl-, benalloc-, ben-) or an ARN",
            "does not start": "is not an id engtui knows"}
NOT_OURS = "is not an ARN engtui opens"  # an ARN of no kind engtui opens


def _for_any_kind(typed: str, phrase: str) -> str:
    from engtui.api.kinds import KINDS

    if phrase == "not an engagement ARN" and not any(k.recognises(typed) for k in
                                                     KINDS.values()):
        return NOT_OURS
    return ANY_KIND.get(phrase, phrase)


MALFORMED = [(typed, _for_any_kind(typed, phrase)) for typed, phrase in NOT_ENGAGEMENT_IDS
             if typed not in OPPORTUNITY_REFS | NORMALISED]
BAD_CATALOGS = ["Prod", "AWS Sandbox", "aws\x1b", "[bold]AWS[/bold]", "s" * 5000]


async def test_every_malformed_identifier_is_refused_inline_without_a_request(
    make_demo_server,
) -> None:
    server = serve(make_demo_server)
    app = make_app(server.url)
    refused = 0
    async with app.run_test(size=(100, 30)) as pilot:
        field = app.screen.query_one("#identifier", Input)
        for typed, phrase in MALFORMED:
            field.value = ""
            if typed:  # what a terminal sends for a paste (the first line of it)
                field.post_message(events.Paste(typed))
            await pilot.press("enter")
            await settle(app, pilot)
            message = validation_text(app)
            assert phrase in message, (typed[:40], message)
            assert "\x1b" not in message and len(message) < 300
            assert isinstance(app.screen, LookupScreen) and app.is_running
            assert server.requests == [], typed[:40]
            refused += 1
        assert refused == len(MALFORMED)
        await look_up(app, pilot, GOOD_ID)  # and a good one still goes through
        assert isinstance(app.screen, RecordScreen)
        assert len(server.requests) == 1


@pytest.mark.usefixtures("demo_env")
@pytest.mark.parametrize(("typed", "phrase"), MALFORMED, ids=range(len(MALFORMED)))
def test_engtui_get_refuses_a_malformed_identifier(
    capsys, demo_server, typed: str, phrase: str
) -> None:
    before = len(demo_server.requests)
    code, out, err = run_cli(capsys, "get", typed, "--endpoint-url", demo_server.url)
    assert code == 2
    assert out == ""
    assert err.startswith("engtui: error: ") and phrase in err
    assert err.count("\n") == 1 and "\x1b" not in err and len(err) < 300
    assert len(demo_server.requests) == before


@pytest.mark.usefixtures("demo_env")
@pytest.mark.parametrize("catalog", BAD_CATALOGS, ids=range(len(BAD_CATALOGS)))
def test_engtui_get_refuses_an_unknown_catalog(capsys, demo_server, catalog) -> None:
    before = len(demo_server.requests)
    code, out, err = run_cli(
        capsys, "get", GOOD_ID, "--catalog", catalog, "--endpoint-url", demo_server.url
    )
    assert code == 2 and out == ""
    assert "catalog" in err and err.count("\n") == 1 and "\x1b" not in err and len(err) < 300
    assert len(demo_server.requests) == before


@pytest.mark.usefixtures("demo_env")
def test_a_corrupt_config_file_is_reported_and_get_still_works(
    capsys, make_demo_server, isolated_home: Path
) -> None:
    server = serve(make_demo_server)
    config = isolated_home / ".config" / "engtui" / "config.toml"
    config.parent.mkdir(parents=True)
    garbage = b"default_profile = \n[profiles.x\n\x00\xff\xfe not toml"
    config.write_bytes(garbage)
    code, out, err = run_cli(
        capsys, "get", GOOD_ID, "--catalog", "Sandbox", "--endpoint-url", server.url, "--json"
    )
    assert code == 0, err
    assert json.loads(out)["Id"] == GOOD_ID
    assert config.read_bytes() == garbage  # never overwritten
    code, out, err = run_cli(capsys, "doctor")
    assert str(config) in out + err
    assert config.read_bytes() == garbage


async def test_a_corrupt_history_file_is_set_aside(isolated_home: Path, make_demo_server) -> None:
    history = RecentEngagements.load().path
    history.parent.mkdir(parents=True)
    history.write_bytes(b'{"version": 1, "recent": [{"id": 3}]')  # cut short
    loaded = RecentEngagements.load()
    assert loaded.recent(None, "Sandbox") == []
    assert loaded.message and "damaged" in loaded.message
    assert not history.exists()
    assert any(path.name.startswith("history.json.corrupt-") for path in history.parent.iterdir())
    # The app starts and works with a damaged history file too.
    history.write_text("[1, 2, 3", encoding="utf-8")
    server = serve(make_demo_server)
    app = make_app(server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await look_up(app, pilot, GOOD_ID)
        assert isinstance(app.screen, RecordScreen)


GOOD_ENGAGEMENT = {"Id": "eng-t0000000000001", "CreatedAt": "2026-01-05T10:00:00Z"}
BAD_DATA_FILES = [
    ("not json", "{engagements: [", "not valid JSON"),
    ("a list", "[]", "top level must be a JSON object"),
    ("unknown top-level key", {"engagments": []}, "engagments"),
    ("engagements not a list", {"engagements": {}}, "engagements: must be a list"),
    ("engagement not an object", {"engagements": ["eng-t0000000000001"]}, "engagements[0]"),
    ("missing Id", {"engagements": [{"Title": "x"}]}, "engagements[0].Id"),
    ("bad Id", {"engagements": [{"Id": "ENG-1"}]}, "engagements[0].Id"),
    ("bad timestamp", {"engagements": [{**GOOD_ENGAGEMENT, "CreatedAt": "yesterday"}]},
     "engagements[0].CreatedAt"),
    ("bad catalog", {"engagements": [{**GOOD_ENGAGEMENT, "Catalog": "Prod"}]},
     "engagements[0].Catalog"),
    ("wrong member type", {"engagements": [{**GOOD_ENGAGEMENT, "MemberCount": "two"}]},
     "engagements[0].MemberCount"),
    ("unknown fault kind", {"faults": {"eng-t0000000000001": "explode"}}, "unknown fault kind"),
    ("fault on a bad key", {"faults": {"everything": "http500"}}, "faults.everything"),
]


@pytest.mark.parametrize(("name", "content", "phrase"), BAD_DATA_FILES,
                         ids=[case[0] for case in BAD_DATA_FILES])
def test_demo_server_refuses_a_data_file_of_the_wrong_shape(
    capsys, tmp_path: Path, name: str, content: object, phrase: str
) -> None:
    path = tmp_path / "data.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content), "utf-8")
    code, out, err = run_cli(capsys, "demo-server", "--data", str(path), "--port", "0")
    assert code == 2
    assert out == ""  # no URL: it never started
    assert err.count("\n") == 1 and str(path) in err and phrase in err, err


def test_demo_server_refuses_a_missing_data_file(capsys, tmp_path: Path) -> None:
    code, out, err = run_cli(capsys, "demo-server", "--data", str(tmp_path / "nope.json"))
    assert code == 2 and out == "" and err.count("\n") == 1 and "cannot read" in err


# Bad inputs refused (identifiers in the app and in get, catalogs, config, history, data files).
BAD_INPUTS_REFUSED = 2 * len(MALFORMED) + len(BAD_CATALOGS) + 2 + len(BAD_DATA_FILES) + 1
