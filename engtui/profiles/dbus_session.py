"""Whether the D-Bus session bus (the Secret Service's way in) can be reached, when that is
plain without connecting: `engtui.profiles.keyring_probe` names the cause in its verdict."""

from __future__ import annotations

import os
import sys

NO_DBUS = "no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)"


def dbus_problem() -> str | None:
    """Why the D-Bus session bus cannot be reached, when that is plain without trying: the
    variable is not set, or every socket path it names is gone (a stale value, as left in
    a tmux or screen session reattached from another login)."""
    if not sys.platform.startswith("linux"):
        return None
    address = os.environ.get("DBUS_SESSION_BUS_ADDRESS", "")
    if not address:
        return NO_DBUS
    paths = []
    for entry in address.split(";"):
        transport, _, options = entry.partition(":")
        values = dict(option.partition("=")[::2] for option in options.split(",") if option)
        if transport != "unix" or "path" not in values:
            return None  # an abstract socket, tcp, ...: only a connection can tell
        paths.append(values["path"])
    if paths and not any(os.path.exists(path) for path in paths):
        return (
            f"DBUS_SESSION_BUS_ADDRESS names a D-Bus socket that does not exist ({paths[0]}): "
            "a stale value, as after a tmux or screen reattach from another login; set it "
            "again (for example `export DBUS_SESSION_BUS_ADDRESS=unix:path=$XDG_RUNTIME_DIR/bus`)"
        )
    return None
