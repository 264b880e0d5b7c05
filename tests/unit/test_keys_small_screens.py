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
