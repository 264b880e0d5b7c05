"""What stays readable on a small screen (issue 13, item 8)."""

from __future__ import annotations

from engtui.widgets.connection_bar import ConnectionBar


def test_the_connection_bar_keeps_the_endpoint_before_the_keyring_state_at_80_columns() -> None:
    """Issue 19: which service the calls go to comes first; the keyring's state follows
    when there is room (F2 says it in full). It reversed issue 13's order."""
    long = [("profile", "partner-prod", "bold"), ("region", "eu-west-1", "bold"),
            ("catalog", "Sandbox", "bold"),
            ("endpoint", "https://partnercentral-selling.eu-west-1.example.internal:8443/", ""),
            ("keyring", "unavailable", "bold")]
    assert "endpoint https://par" in ConnectionBar._line(False, long, 78).plain
    demo = [("profile", "demo", "bold"), ("region", "us-east-1", "bold"),
            ("catalog", "Sandbox", "bold"), ("endpoint", "built-in demo", ""),
            ("keyring", "unavailable", "bold")]
    assert "endpoint built-in demo" in ConnectionBar._line(False, demo, 78).plain
    line = ConnectionBar._line(False, demo, 98).plain  # 100 columns: both
    assert "endpoint built-in demo  keyring unavailable" in line


def test_a_label_never_dangles_without_its_value() -> None:
    parts = [("profile", "demo", "bold"), ("region", "us-east-1", "bold"),
             ("catalog", "Sandbox", "bold"), ("keyring", "unavailable", "bold"),
             ("endpoint", "built-in demo", "")]
    for width in range(40, 100):
        line = ConnectionBar._line(False, parts, width).plain.rstrip()
        assert len(line) <= width
        assert not line.endswith(("endpoint", "keyring", "catalog", "region")), (width, line)
    assert "keyring unavailable" in ConnectionBar._line(False, parts, 70).plain


def test_the_key_bar_draws_whole_keys_and_keeps_help() -> None:
    from engtui.widgets.key_bar import KeyBar, _Key

    keys = [_Key("e", "e", "Expand all", True), _Key("escape", "esc", "Back", True),
            _Key("r", "r", "Refresh", True), _Key("slash", "/", "Search", True),
            _Key("y", "y", "Copy value", True), _Key("s", "s", "Export", True),
            _Key("ctrl+q", "^q", "Quit", True), _Key("question_mark", "?", "Help", True)]
    shown = KeyBar.fitting(keys, 60)
    assert shown[-1].description == "Help" and len(shown) < len(keys)
    assert sum(len(k.display) + len(k.description) + 2 for k in shown) - 1 <= 60
    assert KeyBar.fitting(keys, 200) == keys


def test_the_recent_list_keeps_its_numbers_at_60_columns() -> None:
    import io

    from rich.console import Console

    from engtui.widgets.recent_list import RecentItem, RecentList

    recent = RecentList()
    recent.show([RecentItem("eng-a1b2c3d4e5f6g7", "Sandbox", "Northwind Analytics lakehouse")])
    prompt = recent.get_option_at_index(0).prompt
    console = Console(width=52, file=io.StringIO(), record=True, color_system=None)
    console.print(prompt)
    line = console.export_text().splitlines()[0]
    assert line.startswith("1") and "eng-a1b2c3d4e5f6g7" in line and "Sandbox" in line
