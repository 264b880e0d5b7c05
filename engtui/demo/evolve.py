"""The demo endpoint evolves (``engtui demo-server --evolve SECONDS``, ``engtui --demo
--evolve SECONDS``): every SECONDS a new pending invitation arrives (received, in the
``Sandbox`` catalog) and a task that accepts it starts (``ListEngagementByAcceptingInvitation
Tasks``; every other one has failed, with a reason). So a watching list has something to
find. `Evolution.step` takes one step at once (tests call it instead of waiting).

Thread-safe with the server's handler threads: a step never changes a dict a handler may be
walking; it replaces the dataset's dict of invitations (and of tasks) by a new one holding
the new record, then drops the dataset's indexes (`DemoDataset.changed`), so the next
request sees both. Every record is checked against its botocore shape as a data file's
(ids match the model's patterns: ``engi-3v0lv`` and 8 digits, ``task-3v0lv`` and 8 digits).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

from engtui.demo.data import DemoDataset, _Loader
from engtui.demo.records import KINDS

CATALOG = "Sandbox"
EXPIRES = dt.timedelta(days=15)
SOON = dt.timedelta(hours=20)  # every third invitation expires within a day
COMPANIES = ("Juniper Freight", "Halcyon Clinics", "Ostrava Foods", "Tidewater Grid")


class Evolution:
    """New invitations and tasks for ``dataset``, one step at a time (`step`) or every
    ``every`` seconds on a daemon thread (`start`, until `stop`)."""

    def __init__(self, dataset: DemoDataset, every: float | None = None, *,
                 now: Callable[[], dt.datetime] | None = None) -> None:
        from engtui.demo.clock import demo_now

        self.dataset = dataset
        self.every = every
        self.steps = 0
        self._now = now or demo_now
        self._last: dt.datetime | None = None
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def step(self) -> tuple[str, str]:
        """Add one pending invitation and one task; return their ids."""
        with self._lock:
            number = self.steps + 1
            moment = self._now().astimezone(dt.UTC).replace(microsecond=0)
            if self._last is not None and moment <= self._last:
                moment = self._last + dt.timedelta(seconds=1)  # newest first, always
            self._last = moment
            invitation = _invitation(number, moment)
            task = _task(number, moment, invitation["Id"])
            loader = _Loader(f"--evolve step {number}")
            for name, record in (("invitations", invitation), ("accept_tasks", task)):
                kind = KINDS[name]
                checked = loader._record(kind, record, f"{name}[new]")
                store: dict[tuple[str, str], dict[str, Any]] = getattr(self.dataset, name)
                setattr(self.dataset, name, {**store, (CATALOG, kind.key(checked)): checked})
            self.dataset.changed()
            self.steps = number
            return invitation["Id"], task["TaskId"]

    def start(self) -> None:
        """Step every ``every`` seconds on a daemon thread (nothing without ``every``)."""
        if not self.every or self._thread is not None:
            return
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="engtui-demo-evolve",
                                        daemon=True)
        self._thread.start()

    def _run(self) -> None:
        assert self.every
        while not self._stopping.wait(self.every):
            self.step()

    def stop(self) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout=5.0)
            self._thread = None


def _stamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _invitation(number: int, moment: dt.datetime) -> dict[str, Any]:
    company = COMPANIES[number % len(COMPANIES)]
    expires = moment + (SOON if number % 3 == 0 else EXPIRES)
    return {
        "Id": f"engi-3v0lv{number:08d}",
        "Catalog": CATALOG,
        "PayloadType": "OpportunityInvitation",
        "EngagementId": f"eng-3v0lv{number:09d}",
        "EngagementTitle": f"{company} co-sell {number}",
        "Status": "PENDING",
        "InvitationDate": _stamp(moment),
        "ExpirationDate": _stamp(expires),
        "SenderAwsAccountId": "aws",
        "SenderCompanyName": "Amazon Web Services",
        "InvitationMessage": f"Amazon Web Services invites you to co-sell {company}.",
        "EngagementDescription": f"Co-sell engagement: {company}.",
    }


def _task(number: int, moment: dt.datetime, invitation: str) -> dict[str, Any]:
    task_id = f"task-3v0lv{number:08d}"
    failed = number % 2 == 0
    return {
        "TaskId": task_id,
        "TaskArn": f"arn:aws:partnercentral:us-east-1::catalog/{CATALOG}/"
                   f"engagement-by-accepting-invitation-task/{task_id}",
        "StartTime": _stamp(moment),
        "TaskStatus": "FAILED" if failed else "IN_PROGRESS",
        "ReasonCode": "InvitationValidationFailed" if failed else "null",
        "Message": ("The invitation could not be accepted: its engagement has no customer "
                    "website.") if failed else None,
        "EngagementInvitationId": invitation,
    }
