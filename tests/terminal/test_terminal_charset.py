"""Issue 13, item 11: with a locale that cannot take UTF-8 the TUI draws ASCII only (borders,
tree guides, markers, Textual's own glyphs), in a real terminal; with UTF-8 it draws boxes."""

from __future__ import annotations

import pytest
from test_reliability_hostile import ENGTUI, Tmux, terminal_env
from test_reliability_hostile import tmux as tmux_session

from engtui.charset import to_ascii
from engtui.encodable import takes_utf8

tmux = pytest.fixture(tmux_session.__wrapped__, name="tmux")  # the same fixture, used here

ENGAGEMENT = "eng-a1b2c3d4e5f6g7"  # Northwind Analytics lakehouse rollout (bundled demo data)


def open_engagement(tmux: Tmux, tmp_path, **locale: str) -> str:
    tmux.start(f"{ENGTUI} --demo", terminal_env(tmp_path, **locale), size=(80, 24))
    tmux.wait_for(lambda pane: "Look up an engagement" in pane)
    tmux.type_line(ENGAGEMENT)
    return tmux.wait_for(lambda pane: "Contexts (" in pane and "Lead" in pane)


@pytest.mark.parametrize("locale", [{"LANG": "C", "LC_ALL": "C"}, {"LC_ALL": "POSIX"}],
                         ids=["C", "POSIX"])
def test_a_non_utf8_locale_gets_ascii_borders_and_markers(
    tmux: Tmux, tmp_path, locale: dict[str, str]
) -> None:
    pane = open_engagement(tmux, tmp_path, **locale)
    assert pane.isascii(), sorted({char for char in pane if not char.isascii()})
    assert "+- Northwind Analytics lakehouse rollout --" in pane  # a round border, in ASCII
    assert "| |- Id: 1" in pane  # the tree's guides
    assert "v CustomerProject" in pane  # the expanded marker
    tmux.send("F2")  # the profiles screen: its markers too
    pane = tmux.wait_for(lambda pane: "Credentials" in pane)
    assert pane.isascii()


def test_a_utf8_locale_keeps_the_box_characters(tmux: Tmux, tmp_path) -> None:
    pane = open_engagement(tmux, tmp_path, LANG="C.UTF-8", LC_ALL="C.UTF-8")
    assert "╭─ Northwind Analytics lakehouse rollout" in pane and "▼ CustomerProject" in pane


def test_the_locale_decides_and_engtui_ascii_overrides() -> None:
    assert not takes_utf8({"LANG": "C", "LC_ALL": "C"})
    assert not takes_utf8({"LC_ALL": "POSIX", "LANG": "en_US.UTF-8"})  # LC_ALL wins
    assert not takes_utf8({"LANG": "de_DE.ISO-8859-1"})
    assert takes_utf8({"LANG": "en_US.UTF-8"}) and takes_utf8({"LC_CTYPE": "C.utf8"})
    assert takes_utf8({})  # no locale set at all
    assert not takes_utf8({"LANG": "en_US.UTF-8", "ENGTUI_ASCII": "1"})
    assert takes_utf8({"LANG": "C", "ENGTUI_ASCII": "0"})


def test_every_character_keeps_its_width_in_ascii() -> None:
    from rich.cells import cell_len

    text = "╭─ a \u203a b ● ▶ ▼ … é 日本 ▁▂▅ ▊▔▎ \u2019x\u2019 ⏎ ★"
    ascii_text = to_ascii(text)
    assert ascii_text.isascii() and cell_len(ascii_text) == cell_len(text)
    assert ascii_text.startswith("+- a > b * > v . e ????")
