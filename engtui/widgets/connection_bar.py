"""The always-visible line: active profile, region, catalog, the keyring's state, and a
non-default endpoint."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from engtui.textsafe import printable


@dataclass(frozen=True)
class ConnectionInfo:
    """What the bar shows. ``endpoint`` is empty for the service's default endpoint."""

    profile: str = "environment"
    region: str = "us-east-1"
    catalog: str = "AWS"
    endpoint: str = ""
    note: str = ""
    keyring: str = ""  # "ok", "unavailable", "insecure", "…" (empty: not shown)
    redacted: bool = False  # privacy mode: shown as "redacted"


class ConnectionBar(Static):
    """Shows where calls go. `describe` is set by the app; it is plain text, never markup."""

    DEFAULT_CSS = """
    ConnectionBar {
        dock: top;
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $text-muted;
    }
    """

    connection: reactive[ConnectionInfo] = reactive(ConnectionInfo, always_update=True)

    def on_mount(self) -> None:
        # The app owns the active connection; every bar on every screen follows it.
        if hasattr(self.app, "connection"):
            self.watch(self.app, "connection", self._follow, init=True)

    def _follow(self, connection: ConnectionInfo) -> None:
        self.connection = connection

    def render(self) -> Text:
        info = self.connection
        text = Text(no_wrap=True, overflow="ellipsis")
        if info.redacted:  # first, so a narrow terminal still shows it
            text.append(" redacted ", style="bold reverse")
            text.append("  ")
        for name, value in (
            ("profile", info.profile),
            ("region", info.region),
            ("catalog", info.catalog),
        ):
            text.append(f"{name} ", style="dim")
            text.append(printable(value, limit=40), style="bold")
            text.append("  ")
        # the keyring's state before the endpoint: a narrow terminal cuts the end of the
        # line, and a long URL is the part that can be read elsewhere (doctor, profiles)
        if info.keyring:
            text.append("keyring ", style="dim")
            text.append(info.keyring, style="bold")
            text.append("  ")
        if info.endpoint:
            text.append("endpoint ", style="dim")
            text.append(printable(info.endpoint, limit=60))
            text.append("  ")
        if info.note:
            text.append(printable(info.note, limit=40), style="italic")
        return text
