"""The always-visible line: active profile, region, catalog, the keyring's state, a
non-default endpoint, and the day's count of reads (the call budget's, ``1,234 of 100,000
reads today``, or ``1.2k/100k reads`` when the line is short of room)."""

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
    reads: int | None = None  # reads of the last 24 hours (the call budget's count)
    daily: int = 0  # of how many a day


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
        # The app owns the active connection (`engtui.host.Host.connection`); every bar on
        # every screen follows it.
        self.watch(self.app, "connection", self._follow, init=True)

    def _follow(self, connection: ConnectionInfo) -> None:
        self.connection = connection

    def render(self) -> Text:
        info = self.connection
        parts: list[tuple[str, str, str]] = []  # (label, value, style), in priority order
        for name, value in (
            ("profile", info.profile),
            ("region", info.region),
            ("catalog", info.catalog),
        ):
            parts.append((name, printable(value, limit=40), "bold"))
        # the endpoint before the keyring's state: which service the calls go to is what
        # the bar is for; at 80 or 100 columns the keyring's state is what is cut (F2 says
        # it in full)
        if info.endpoint:
            parts.append(("endpoint", printable(info.endpoint, limit=60), ""))
        if info.keyring:
            parts.append(("keyring", info.keyring, "bold"))
        if info.note:
            parts.append(("", printable(info.note, limit=40), "italic"))
        width = self.content_size.width
        if info.reads is not None:  # the long form when it fits, else the short one
            long = f"{info.reads:,} of {info.daily:,} reads today"
            short = f"{_short(info.reads)}/{_short(info.daily)} reads"
            text = self._line(info.redacted, [*parts, ("", long, "")], width)
            if long in text.plain:
                return text
            # after the catalog and a non-default endpoint (which service the calls go to
            # comes first), before the keyring's state, which is what is cut
            parts.insert(4 if info.endpoint else 3, ("", short, ""))
        return self._line(info.redacted, parts, width)

    @staticmethod
    def _line(redacted: bool, parts: list[tuple[str, str, str]], width: int) -> Text:
        """Whole ``label value`` pairs while they fit (a label never dangles without its
        value); what does not fit is ``…``. ``width`` 0: not laid out yet, no limit."""
        text = Text(no_wrap=True, overflow="ellipsis")
        if redacted:  # first, so a narrow terminal still shows it
            text.append(" redacted ", style="bold reverse")
            text.append("  ")
        for label, value, style in parts:
            size = len(label) + bool(label) + len(value)
            if width and text.cell_len + size > width:
                room = width - text.cell_len
                if label and room >= len(label) + 3:  # the label and the start of the value
                    text.append(f"{label} ", style="dim")
                    text.append(value[: room - len(label) - 2] + "…", style=style)
                elif room >= 1:
                    text.append("…", style="dim")
                break
            if label:
                text.append(f"{label} ", style="dim")
            text.append(value, style=style or None)
            text.append("  ")
        return text


def _short(count: int) -> str:
    """``1234`` → ``1.2k``, ``100000`` → ``100k`` (the bar's short form at 80 columns)."""
    if count < 1000:
        return str(count)
    value = count / 1000
    return f"{value:.1f}k".replace(".0k", "k") if value < 10 else f"{value:.0f}k"
