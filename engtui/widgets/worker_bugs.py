"""Every worker's bug is shown: a notification that names the log, never a silent loss.

Textual posts a worker's ``StateChanged`` to the node that runs it, without bubbling, so the
app sees only its own workers. Every screen and widget that runs workers mixes in
`ReportsWorkerBugs` (one event handler, nothing else), which hands an errored worker to
`report_worker_bug`: the error is classified like any other, a bug's traceback goes to the
log file, and the notification says where. The app never exits because of it.
"""

from __future__ import annotations

from textual.dom import DOMNode
from textual.worker import Worker, WorkerState

from engtui.api import call_log
from engtui.api.errors import ErrorKind, classify


def report_worker_bug(node: DOMNode, event: Worker.StateChanged) -> None:
    """Notify about ``event``'s worker if it ended in an error."""
    if event.state is not WorkerState.ERROR or event.worker.error is None:
        return
    error = classify(event.worker.error)
    if error.kind is ErrorKind.UNEXPECTED:  # name the log that has the traceback
        error.hint = call_log.bug_hint(event.worker.error, event.worker.name)
    node.app.notify(error.one_line(), title=error.kind.title, severity="error", timeout=10,
                    markup=False)


def log_crash(error: BaseException) -> None:
    """Write a crash the app could not catch (it is ending) to the log file, with its
    traceback; a read-only home leaves it on the terminal only."""
    import contextlib

    with contextlib.suppress(OSError):
        call_log.log_exception(error, "the app (it ended)")


class ReportsWorkerBugs:
    """For a screen or widget that runs workers: their bugs are reported, not lost."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        report_worker_bug(self, event)  # type: ignore[arg-type]  # mixed into DOMNodes
