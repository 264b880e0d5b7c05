"""Typing in a real terminal (tmux): keys that arrive in one burst, as fast typing over SSH
delivers them, all go into the identifier in order.

Found by hand: with a recent engagement listed, `tmux send-keys eng-7k2m9p4q1r8s3t` reopened
recent engagement 2, because the digit shortcut was a screen binding that looked at the
input's value before the input had applied the earlier keys of the burst.
"""

from __future__ import annotations

import pytest
from test_reliability_hostile import ENGTUI, Tmux, terminal_env
from test_reliability_hostile import tmux as tmux_session

tmux = pytest.fixture(tmux_session.__wrapped__, name="tmux")  # the same fixture, used here

FIRST = "eng-a1b2c3d4e5f6g7"  # Northwind Analytics lakehouse rollout (bundled demo data)
SECOND = "eng-7k2m9p4q1r8s3t"  # Bluefin Logistics route optimizer: digits after "eng-"


def test_a_burst_of_keys_is_typed_not_taken_as_shortcuts(tmux: Tmux, tmp_path) -> None:
    tmux.start(f"{ENGTUI} --demo", terminal_env(tmp_path), size=(100, 30))
    tmux.wait_for(lambda pane: "Look up an engagement" in pane)
    tmux.type_line(FIRST)
    tmux.wait_for(lambda pane: "Northwind Analytics lakehouse rollout" in pane)
    tmux.press_until("Escape", lambda pane: "Recent" in pane and "1  eng-a1b2" in pane)
    tmux.send("C-u")
    # the input is empty: its placeholder shows (back from a record it says what 1-9 do)
    tmux.wait_for(lambda pane: "an id (eng-, engi-" in pane or "1-9 reopen" in pane)
    tmux.run("send-keys", "-t", tmux.target, "-l", SECOND)  # one write: one burst
    pane = tmux.wait_for(lambda pane: SECOND in pane or "Contexts (" in pane)
    assert "Contexts (" not in pane, "a digit of the burst reopened a recent engagement"
    tmux.send("Enter")
    tmux.wait_for(lambda pane: "Bluefin Logistics route optimizer" in pane)




def test_typing_after_reopening_a_recent_one_types_in_the_input(tmux: Tmux, tmp_path) -> None:
    """Issue 13: after `↓ Enter Esc` focus stayed on the recent list, and the `3` of a
    typed `eng-n3` reopened recent engagement 3 (here only two are listed: the `3` is
    then typing either way, so the test looks for the letters, which were lost)."""
    tmux.start(f"{ENGTUI} --demo", terminal_env(tmp_path), size=(80, 24))
    tmux.wait_for(lambda pane: "Look up an engagement" in pane)
    for identifier in (FIRST, SECOND):
        tmux.send("C-u")
        tmux.type_line(identifier)
        tmux.wait_for(lambda pane: "Contexts (" in pane)
        tmux.press_until("Escape", lambda pane: "Look up an engagement" in pane)
    tmux.send("Down")
    tmux.send("Enter")
    tmux.wait_for(lambda pane: "Contexts (" in pane)
    tmux.press_until("Escape", lambda pane: "Look up an engagement" in pane)
    tmux.run("send-keys", "-t", tmux.target, "-l", "eng-n3")  # one write: one burst
    pane = tmux.wait_for(lambda pane: "eng-n3" in pane or "Contexts (" in pane)
    assert "Contexts (" not in pane, "a digit reopened a recent engagement"
    assert "eng-n3" in pane
