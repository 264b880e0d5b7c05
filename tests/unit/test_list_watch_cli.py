"""``engtui list NAME --watch SECONDS`` (issue 23, part 3) against a demo endpoint of its own
over HTTP: the first list as without ``--watch``, then one JSON line per new or changed item;
the interval lengthened to the watch's share of the call budget and said; Ctrl+C exits 130
quietly. The wait between looks is the module's `sleep`, replaced by a step of the demo's
evolution (no test sleeps), and `LOOKS` bounds the looks."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import pytest
from support import DEMO_KEY_ID, DEMO_SECRET
from test_cli import run_cli
from test_cli_kinds import demo_env  # noqa: F401 - a fixture, used by name

import engtui.commands.list_watch as list_watch
from engtui.api.watch import Look, interval_for, next_interval
from engtui.demo.server import DemoServer


@pytest.fixture
def evolving() -> Iterator[DemoServer]:
    with DemoServer(access_key_id=DEMO_KEY_ID, secret_access_key=DEMO_SECRET) as server:
        yield server


def waits(monkeypatch, steps: list[Callable[[], object]], looks: int | None) -> list[float]:
    """Each wait runs the next of ``steps``; returns the intervals waited."""
    waited: list[float] = []

    def sleep(seconds: float) -> None:
        waited.append(seconds)
        steps[len(waited) - 1]()

    monkeypatch.setattr(list_watch, "sleep", sleep)
    monkeypatch.setattr(list_watch, "LOOKS", looks)
    return waited


def retitle(server: DemoServer, identifier: str, title: str) -> None:
    """Change one invitation as the service would (a new dict: handlers may be reading)."""
    data = server.dataset
    key = ("Sandbox", identifier)
    data.invitations = {**data.invitations, key: {**data.invitations[key],
                                                   "EngagementTitle": title}}
    data.changed()


def watched(capsys, server: DemoServer, *args: str) -> tuple[int, str, str]:
    return run_cli(capsys, "list", "invitations", "--status", "PENDING", *args,
                   "--endpoint-url", server.url, "--catalog", "Sandbox")


def test_watch_prints_the_list_then_each_new_or_changed_item(capsys, monkeypatch, evolving,
                                                            demo_env) -> None:  # noqa: F811
    added: list[str] = []
    waited = waits(monkeypatch, [lambda: added.append(evolving.evolve_step()[0]),
                                 lambda: retitle(evolving, "engi-p3nd1ngaws001", "Renamed")],
                   looks=2)
    code, out, err = watched(capsys, evolving, "--watch", "60")
    assert code == 0, err
    first, _, rest = out.partition("\n]\n")
    assert {item["Id"] for item in json.loads(first + "]")} == {
        "engi-p3nd1ngaws001", "engi-p3nd1ngprt002", "engi-p3nd1ngacp003"}
    lines = [json.loads(line) for line in rest.splitlines()]
    assert [(line["change"], line["Id"]) for line in lines] == [
        ("new", added[0]), ("changed", "engi-p3nd1ngaws001")]
    assert lines[1]["EngagementTitle"] == "Renamed"
    assert waited == [60, 60] and err == ""


def test_a_short_interval_is_lengthened_to_the_budget_share(capsys, monkeypatch, evolving,
                                                            demo_env) -> None:  # noqa: F811
    """One page a look, a tenth of 100,000 reads a day: every 9 s at most."""
    waited = waits(monkeypatch, [lambda: None], looks=1)
    code, out, err = watched(capsys, evolving, "--watch", "1", "--ndjson")
    assert code == 0
    assert waited == [9]
    assert "engtui: watching every 9 s: every 1 s would spend more than the watch's share" in err
    assert len(out.splitlines()) == 3  # the first list; nothing new after


def test_ctrl_c_ends_the_watch_quietly_with_130(capsys, monkeypatch, evolving,
                                                demo_env) -> None:  # noqa: F811
    def interrupt() -> None:
        raise KeyboardInterrupt

    waits(monkeypatch, [evolving.evolve_step, interrupt], looks=None)
    code, out, err = watched(capsys, evolving, "--watch", "60", "--ndjson")
    assert code == 130 and err == ""
    assert json.loads(out.splitlines()[-1])["change"] == "new"


def test_watch_refuses_a_query_before_any_call(capsys, evolving) -> None:
    evolving.clear_requests()
    code, out, err = watched(capsys, evolving, "--watch", "60", "--query", "[].Id")
    assert (code, out) == (2, "")
    assert "--watch" in err and "--query" in err
    assert evolving.received_operations() == []


def test_the_interval_and_the_look() -> None:
    assert interval_for(60, 1, 100_000) == 60
    assert interval_for(60, 10, 100_000) == 87  # 10 pages: 86,400 s x 10 / 10,000 reads
    assert interval_for(30, 1, 2_000) == 432
    assert [next_interval(n) for n in (30, 60, 300)] == [60, 300, 30]
    look = Look()
    assert look.compare([("a", "1"), ("b", "1")]) == {}  # the first look is the baseline
    assert look.compare([("a", "1"), ("b", "2"), ("c", "1")]) == {"b": "changed", "c": "new"}
    assert look.compare([("a", "1")]) == {}  # gone is not said
