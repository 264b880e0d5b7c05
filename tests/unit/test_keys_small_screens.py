"""What stays readable on a small screen (issue 13, item 8)."""

from __future__ import annotations

from support import plain

from engtui.widgets.connection_bar import ConnectionBar, ConnectionInfo


def test_the_connection_bar_keeps_the_keyring_state_at_80_columns() -> None:
    bar = ConnectionBar()
    bar.set_reactive(ConnectionBar.connection, ConnectionInfo(
        profile="partner-prod", region="eu-west-1", catalog="Sandbox",
        endpoint="https://partnercentral-selling.eu-west-1.example.internal:8443/",
        keyring="unavailable",
    ))
    line = plain(bar, width=78).splitlines()[0]
    assert "keyring unavailable" in line


def test_a_label_never_dangles_without_its_value() -> None:
    parts = [("profile", "demo", "bold"), ("region", "us-east-1", "bold"),
             ("catalog", "Sandbox", "bold"), ("keyring", "unavailable", "bold"),
             ("endpoint", "built-in demo", "")]
    for width in range(40, 100):
        line = ConnectionBar._line(False, parts, width).plain.rstrip()
        assert len(line) <= width
        assert not line.endswith(("endpoint", "keyring", "catalog", "region")), (width, line)
    assert "keyring unavailable" in ConnectionBar._line(False, parts, 70).plain
