"""Races and resources (issue 6 §5): 50 lookups in a burst, a profile switch mid-lookup,
quitting during a slow lookup.

"Left behind" is defined as: once every superseded HTTP call has returned (the endpoint
answers each after its delay), no ``engtui-lookup-*`` thread is alive and no lookup worker
is running. While those calls are still in flight their daemon threads may run (they hold no
UI state and their results are dropped by sequence number): that is the design
(`engtui.threads`), and it is what lets quitting never wait for the network.
"""

from __future__ import annotations

import threading
import time

from reliability_support import GOOD_ID, make_app, settle, status_text
from support import demo_settings, engagement, shown
from test_reliability_hostile import ENGTUI, Tmux, terminal_env, tmux  # noqa: F401
from textual.widgets import Input

from engtui.screens.lookup import LookupScreen
from engtui.screens.record import RecordScreen
from engtui.widgets.connection_bar import ConnectionBar

BURST = 50
DELAY = 2.0
SUPERSEDED_DELAY = 600.0  # held: answered when the endpoint stops


def lookup_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("engtui-lookup-")]


async def test_fifty_lookups_fired_as_fast_as_keys_go(make_demo_server) -> None:
    ids = [f"eng-r{number:013d}" for number in range(BURST)]
    # Every lookup but the last is held until the endpoint stops: each is superseded in
    # flight, however long the burst takes on a loaded machine (no clock in the test).
    server = make_demo_server({
        "engagements": [engagement(i, Title=f"Burst {n}") for n, i in enumerate(ids)],
        "faults": {i: {"kind": "slow", "delay": SUPERSEDED_DELAY} for i in ids[:-1]},
    })
    app = make_app(server.url, read_timeout=900.0, deadline=900.0)  # the held calls wait
    async with app.run_test(size=(100, 30)) as pilot:
        field = app.screen.query_one("#identifier", Input)
        for identifier in ids:
            field.value = identifier
            await pilot.press("enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, RecordScreen) and screen.record.id == ids[-1]
        assert lookup_threads()  # superseded calls are still in flight, their results due
        # Their answers come (here: the endpoint stops, which ends every pending delay):
        # then nothing is left behind.
        server.stop()
        for thread in lookup_threads():
            thread.join(timeout=15)
        assert lookup_threads() == []
        await pilot.pause()
        assert app.screen is screen and screen.record.id == ids[-1]  # no stale result
        assert len(app.screen_stack) == 3  # default, lookup, one engagement
        assert [item.identifier for item in app.recent.shown] == [ids[-1]]
        assert not [w for w in app.workers if w.group == "lookup" and w.is_running]
        assert app.is_running
    assert len(server.requests) == BURST  # each request sent once (max_attempts=1)


async def test_switching_profile_during_a_lookup(make_demo_server) -> None:
    slow = make_demo_server({"engagements": [engagement(GOOD_ID, Title="From the old one")],
                             "faults": {GOOD_ID: {"kind": "slow", "delay": DELAY}}})
    other = make_demo_server({"engagements": [engagement(GOOD_ID, Title="From the new one")]})
    app = make_app(slow.url)
    async with app.run_test(size=(100, 30)) as pilot:
        field = app.screen.query_one("#identifier", Input)
        field.value = GOOD_ID
        await pilot.press("enter")
        assert await shown(pilot, lambda: "Fetching" in status_text(app))
        app.switch_settings(demo_settings(other.url, label="other"))
        await pilot.pause()
        await pilot.pause()
        assert "Fetching" not in status_text(app)  # the old lookup no longer looks pending
        assert "profile other" in str(app.screen.query_one(ConnectionBar).render())
        for thread in lookup_threads():  # the old call answers late; it is dropped
            thread.join(timeout=DELAY + 10)
        await pilot.pause()
        assert isinstance(app.screen, LookupScreen) and app.recent.shown == []
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, RecordScreen)
        assert app.screen.record.title == "From the new one"
        assert len(other.requests) == 1


def test_quitting_during_a_slow_lookup_exits_promptly_and_restores_the_terminal(
    tmux, tmp_path, make_demo_server  # noqa: F811
) -> None:
    slow = 60.0
    server = make_demo_server({"engagements": [engagement(GOOD_ID)],
                               "faults": {GOOD_ID: {"kind": "slow", "delay": slow}}})
    marker = "ENGTUI-SHELL-READY$ "
    rc = tmp_path / "bashrc"
    rc.write_text(f"PS1='{marker}'\n", encoding="utf-8")
    tmux.start(f"bash --noprofile --rcfile {rc} -i", terminal_env(tmp_path / "home"))
    tmux.wait_for(lambda text: marker.strip() in text)
    normal_screen = tmux.display("#{alternate_on}")
    tmux.send(f"{ENGTUI} --endpoint-url {server.url} --catalog Sandbox --read-timeout 120",
              "Enter")
    tmux.wait_for(lambda text: "Look up an engagement" in text)
    tmux.run("send-keys", "-t", tmux.target, "-l", GOOD_ID)
    tmux.wait_for(lambda text: GOOD_ID in text)
    tmux.send("Enter")
    tmux.wait_for(lambda text: "Fetching" in text)
    pressed = time.monotonic()
    tmux.send("C-q")
    pane = tmux.wait_for(lambda text: text.rstrip().endswith(marker.strip()), timeout=slow - 10)
    took = time.monotonic() - pressed
    assert took < slow  # back before the slow reply would have arrived
    print(f"quit during a slow lookup: shell prompt back after {took:.2f} s")
    assert tmux.display("#{alternate_on}") == normal_screen == "0"
    assert tmux.display("#{cursor_flag}") == "1"  # the cursor is visible again
    assert "Look up an engagement" not in pane
    tmux.send("tput cols; echo ok-$?", "Enter")
    tmux.wait_for(lambda text: "ok-0" in text)
