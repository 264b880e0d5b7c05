"""A bulk job's report URL (``u`` on a bulk job row, or on a bulk job's record screen):
fetched by a worker of the screen that asked (`ask_report_url`), shown here with its expiry
(15 minutes), copied (OSC 52) when it is ready, never downloaded. The URL is API text: shown
plain (no link style, no markup), copied through `engtui.textsafe.printable` so no control
character reaches the clipboard."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from engtui.api.errors import classify
from engtui.api.report_urls import ReportUrl
from engtui.host import host
from engtui.textsafe import printable


def ask_report_url(screen: Screen[object], job_type: str, job: str, catalog: str) -> None:
    """Ask for ``job``'s report URL in a worker of ``screen`` and push the dialog with the
    answer; an error is said in a notification and the screen stays as it was."""
    screen.notify(f"Asking for the report URL of {printable(job)}…", timeout=2, markup=False)

    async def fetch() -> None:
        from engtui.threads import in_daemon_thread

        records = host(screen).records
        try:
            reply = await in_daemon_thread(
                lambda: records.report_url(job_type, catalog, job), "engtui-report-url")
        except Exception as exc:  # said in place; the screen stays
            error = classify(exc)
            screen.notify(error.one_line(), title=error.kind.title, severity="error",
                          markup=False)
            return
        screen.app.push_screen(ReportUrlDialog(ReportUrl.from_reply(job, reply),
                                               host(screen).now()))

    screen.run_worker(fetch(), group="report-url", exclusive=True, exit_on_error=False)


class ReportUrlDialog(ModalScreen[None]):
    """The report URL of one bulk job; ``y`` copies it again; Escape or Enter closes."""

    DEFAULT_CSS = """
    ReportUrlDialog { align: center middle; }
    ReportUrlDialog > Vertical {
        width: 84; max-width: 100%; height: auto;
        border: round $primary; background: $surface; padding: 0 1;
    }
    """

    BINDINGS = [
        Binding("escape", "close", "Close", id="report_url.close", tooltip="Close"),
        Binding("enter", "close", "Close", show=False, id="report_url.enter", tooltip="Close"),
        Binding("y", "copy", "Copy", id="report_url.copy", tooltip="Copy the URL again"),
    ]

    def __init__(self, report: ReportUrl, now: dt.datetime) -> None:
        super().__init__()
        self.report = report
        self.url = printable(report.url)
        self.expiry = report.expiry(now)

    def compose(self) -> ComposeResult:
        report = self.report
        kind = printable(report.report_type or "report").replace("_", " ").lower()
        with Vertical():
            yield Static(Text(f"Report URL of {printable(report.job)} ({kind})", style="bold"))
            if self.url:
                yield Static(Text(self.url), id="report-url")
                yield Static(Text(f"Copied (OSC 52); {self.expiry or 'expiry not given'}. "
                                  "engtui never downloads it.", style="dim"), id="report-expiry")
            else:
                why = printable(report.failure) or "no URL in the reply"
                yield Static(Text(f"Not ready: {printable(report.status) or 'no status'}"
                                  f" · {why}"), id="report-url")
            yield Static(Text("y copies again · Esc closes", style="dim"))

    def on_mount(self) -> None:
        if self.url:
            self.app.copy_to_clipboard(self.url)

    def action_copy(self) -> None:
        if self.url:
            self.app.copy_to_clipboard(self.url)
            self.notify("Copied the report URL.", timeout=2, markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
