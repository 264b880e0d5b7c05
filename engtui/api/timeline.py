"""An engagement's timeline: everything the API can date about it, in one chronological list
(``t`` on an engagement, ``engtui timeline ENGAGEMENT_ID``).

Its sources (`SOURCES`), each read on its own so that they load in parallel and one failing
leaves the others shown; every call goes through the reader (`SellingService`, or the
screens' `RecordSource`), so the call budget, the deadline and the read-only hook apply:

- the engagement (``GetEngagement``): created, last changed, and by whom;
- the invitations received and sent (``ListEngagementInvitations`` by the engagement's id,
  ``ParticipantType`` RECEIVER and SENDER): sent or received, expired or expiring; an
  accept is dated by its accept task (``ListEngagementByAcceptingInvitationTasks`` of the
  received invitations, ten ids a request);
- the tasks run on it (``ListOpportunityFromEngagementTasks``,
  ``ListEngagementFromOpportunityTasks`` by the engagement's id): started, status, reason
  and message (these summaries have no end time);
- its snapshot revisions (``ListResourceSnapshots``; a summary has no date, so each revision
  is dated by ``GetResourceSnapshot``, the newest `MAX_DETAILS` of them): created, by whom;
- its snapshot jobs (``ListResourceSnapshotJobs``, then ``GetResourceSnapshotJob``): created,
  last success, and the last failure (the API gives that one no date);
- the opportunities associated with it (``ListEngagementResourceAssociations``: no date).

What the API gives no date for is an event too, with ``when`` None, listed after the dated
ones. Events are built from the data read (`build`), masked in privacy mode with the
engagement's names (`engtui.api.redact`), so a view redraws them without reading again.
Nothing here draws or escapes: texts are raw API text, made printable by the views.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from engtui.api.errors import ApiError
from engtui.api.kinds.engagement import ENGAGEMENT, INVITATIONS, OPPORTUNITIES
from engtui.api.kinds.snapshot import SNAPSHOT, SNAPSHOTS
from engtui.api.kinds.snapshot_job import SNAPSHOT_JOB, SNAPSHOT_JOBS
from engtui.api.kinds.task import (
    ACCEPT_TASKS,
    ENGAGEMENT_OPPORTUNITY_TASKS,
    ENGAGEMENT_SOURCE_TASKS,
)
from engtui.api.records import Record, RecordKind, RelatedList
from engtui.api.redact import OccurrenceMasker, masker_for, redact_item, redact_response

TIMELINE_KIND = "engagement"
"""The record kind that has a timeline."""

MAX_DETAILS = 25
"""At most this many Get calls a source makes to date its items (snapshot revisions, jobs):
the newest first; the others are listed undated."""

KINDS = ("engagement", "invitation", "task", "snapshot", "snapshot job", "opportunity")
"""The kinds of event, in the order the filter steps through them."""


class Reader(Protocol):
    """What the timeline reads through (`SellingService`, or a screen's `RecordSource`)."""

    def get_record(self, kind: RecordKind, catalog: str, identifier: str, *,
                   params: Mapping[str, Any] | None = None) -> Record: ...

    def list_related(self, related: RelatedList, catalog: str, identifier: str, *,
                     params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]: ...


@dataclass(frozen=True)
class Opens:
    """The record an event opens: its kind's name, the id to send, extra request members."""

    kind: str
    identifier: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Event:
    """One dated thing (``when`` None: the API gives it no date)."""

    when: dt.datetime | None
    kind: str  # one of `KINDS`
    event: str  # what happened, in words (raw API text inside)
    id: str  # the record it is about
    source: str  # the source's name (`Source.name`)
    opens: Opens | None = None

    def as_json(self) -> dict[str, Any]:
        """``engtui timeline --json``'s form of the event."""
        from engtui.api.jsonout import iso8601

        value: dict[str, Any] = {
            "when": iso8601(self.when) if self.when is not None else None,
            "kind": self.kind, "event": self.event, "id": self.id, "source": self.source,
            "opens": self.opens.kind if self.opens is not None else None,
        }
        if self.opens is not None and self.opens.params:
            value["params"] = dict(self.opens.params)
        return value


@dataclass
class Gathered:
    """What one source read: its list's items (or the record), the Get answers that date
    them (by the item's key), and the follow-up calls that failed (the items stay, undated)."""

    items: list[dict[str, Any]] = field(default_factory=list)
    details: dict[str, dict[str, Any]] = field(default_factory=dict)
    problems: list[ApiError] = field(default_factory=list)


@dataclass(frozen=True)
class Failure:
    """A source that could not be read (or only partly): its words and the error."""

    source: str  # "snapshot jobs"
    error: ApiError

    def line(self) -> str:
        return f"{self.source}: {self.error.one_line()}"


@dataclass(frozen=True)
class Timeline:
    """The events, oldest first (undated last), and the sources that failed."""

    events: list[Event]
    failures: list[Failure]

    def of_kind(self, kind: str | None) -> list[Event]:
        return [event for event in self.events if kind is None or event.kind == kind]


@dataclass(frozen=True)
class Source:
    """One source of events: ``read`` gathers its data (blocking calls), ``events`` turns
    it into events (``mask``: privacy mode's masking of an item of a shape, or None)."""

    name: str  # "snapshot jobs": how a failure names it
    operation: str  # its main operation
    read: Callable[[Reader, str, str], Gathered]
    events: Callable[[Gathered, Masking | None], list[Event]]


class Masking:
    """Privacy mode's masking of the timeline's data: sensitive values, and the names of the
    engagement and of every item inside other text."""

    def __init__(self, masker: OccurrenceMasker) -> None:
        self.masker = masker

    def item(self, item: dict[str, Any], shape: str) -> dict[str, Any]:
        return redact_item(item, shape, self.masker)

    def response(self, data: dict[str, Any], operation: str) -> dict[str, Any]:
        return redact_response(data, operation, self.masker)


def _masked_item(masking: Masking | None, item: dict[str, Any], shape: str) -> dict[str, Any]:
    return item if masking is None else masking.item(item, shape)


def _masked_response(masking: Masking | None, data: dict[str, Any],
                     operation: str) -> dict[str, Any]:
    return data if masking is None else masking.response(data, operation)


def _when(value: Any) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    if isinstance(value, str) and value:
        from engtui.api.timestamps import parse_timestamp

        try:
            return parse_timestamp(value)
        except (ValueError, TypeError, OverflowError):
            return None
    return None


def _text(value: Any, default: str = "?") -> str:
    return default if value in (None, "", "null") else str(value)


# -- the engagement ---------------------------------------------------------------------------
def _read_engagement(reader: Reader, catalog: str, engagement_id: str) -> Gathered:
    record = reader.get_record(ENGAGEMENT, catalog, engagement_id)
    return Gathered(items=[record.data])


def _engagement_events(gathered: Gathered, masking: Masking | None) -> list[Event]:
    events: list[Event] = []
    for raw in gathered.items:
        data = _masked_response(masking, raw, ENGAGEMENT.get_operation)
        identifier = str(raw.get("Id") or "")
        opens = Opens(ENGAGEMENT.name, identifier)
        if data.get("CreatedAt") is not None:
            events.append(Event(_when(data.get("CreatedAt")), "engagement",
                                f"Engagement created by {_text(data.get('CreatedBy'))}",
                                identifier, "engagement", opens))
        if data.get("ModifiedAt") is not None:
            events.append(Event(_when(data.get("ModifiedAt")), "engagement",
                                f"Engagement last changed by {_text(data.get('ModifiedBy'))}",
                                identifier, "engagement", opens))
    return events


# -- invitations ------------------------------------------------------------------------------
def _invitations(participant: str) -> Callable[[Reader, str, str], Gathered]:
    def read(reader: Reader, catalog: str, engagement_id: str) -> Gathered:
        items = reader.list_related(INVITATIONS, catalog, engagement_id, params={
            "EngagementIdentifier": [engagement_id], "ParticipantType": participant})
        gathered = Gathered(items=items)
        if participant == "RECEIVER":
            _read_accepts(reader, catalog, gathered)
        return gathered

    return read


def _read_accepts(reader: Reader, catalog: str, gathered: Gathered) -> None:
    """The accept tasks of the received invitations that were answered (they date the
    answer), ten invitation ids a request."""
    answered = [str(item.get("Id")) for item in gathered.items
                if item.get("Id") and item.get("Status") not in ("PENDING", "EXPIRED")]
    for start in range(0, len(answered), 10):
        ids = answered[start:start + 10]
        try:
            tasks = reader.list_related(ACCEPT_TASKS, catalog, ids[0],
                                        params={"EngagementInvitationIdentifier": ids})
        except ApiError as error:
            gathered.problems.append(error)
            continue
        for task in tasks:
            gathered.details[str(task.get("TaskId") or len(gathered.details))] = task


def _invitation_events(participant: str) -> Callable[[Gathered, Masking | None], list[Event]]:
    source = "invitations received" if participant == "RECEIVER" else "invitations sent"

    def events(gathered: Gathered, masking: Masking | None) -> list[Event]:
        found: list[Event] = []
        for raw in gathered.items:
            item = _masked_item(masking, raw, INVITATIONS.item_shape)
            identifier = str(raw.get("Id") or "")
            opens = Opens("invitation", identifier)
            status = _text(item.get("Status"), "")
            what = f"Invitation {identifier}"
            if participant == "RECEIVER":
                said = f"{what} received from {_text(item.get('SenderCompanyName'))}"
            else:
                account = (item.get("Receiver") or {}).get("Account") or {}
                to = account.get("Alias") or account.get("AwsAccountId")
                said = f"{what} sent to {_text(to)}"
            if status:
                said += f"; now {status}"
            found.append(Event(_when(item.get("InvitationDate")), "invitation", said,
                               identifier, source, opens))
            expiry = _when(item.get("ExpirationDate"))
            if expiry is not None and status in ("PENDING", "EXPIRED"):
                verb = "expired" if status == "EXPIRED" else "expires (still pending)"
                found.append(Event(expiry, "invitation", f"Invitation {identifier} {verb}",
                                   identifier, source, opens))
        for raw in gathered.details.values():
            task = _masked_item(masking, raw, ACCEPT_TASKS.item_shape)
            invitation = str(raw.get("EngagementInvitationId") or "")
            found.append(Event(
                _when(task.get("StartTime")), "invitation",
                _task_outcome(task, f"Accept of {invitation}"),
                invitation, source,
                Opens("invitation", invitation) if invitation else None))
        return found

    return events


# -- tasks ------------------------------------------------------------------------------------
def _task_outcome(task: Mapping[str, Any], what: str) -> str:
    """``what: FAILED (ReasonCode): Message · task-…``; a ``"null"`` reason or message is
    left out."""
    said = f"{what}: {_text(task.get('TaskStatus'))}"
    reason = _text(task.get("ReasonCode"), "")
    message = _text(task.get("Message"), "")
    if reason:
        said += f" ({reason})"
    if message:
        said += f": {message}"
    return f"{said} · {_text(task.get('TaskId'))}"


def _tasks(related: RelatedList) -> Callable[[Reader, str, str], Gathered]:
    def read(reader: Reader, catalog: str, engagement_id: str) -> Gathered:
        return Gathered(items=reader.list_related(
            related, catalog, engagement_id, params={"EngagementIdentifier": [engagement_id]}))

    return read


def _task_events(related: RelatedList, doing: str, source: str,
                 ) -> Callable[[Gathered, Masking | None], list[Event]]:
    def events(gathered: Gathered, masking: Masking | None) -> list[Event]:
        found = []
        for raw in gathered.items:
            task = _masked_item(masking, raw, related.item_shape)
            opportunity = str(raw.get("OpportunityId") or "")
            what = doing.format(opportunity=f" {opportunity}" if opportunity else "")
            found.append(Event(
                _when(task.get("StartTime")), "task",
                _task_outcome(task, what),
                str(raw.get("TaskId") or ""), source,
                Opens("opportunity", opportunity) if opportunity else None))
        return found

    return events


# -- snapshots --------------------------------------------------------------------------------
def _snapshot_key(item: Mapping[str, Any]) -> str:
    return (f"{item.get('ResourceType')}/{item.get('ResourceId')}/"
            f"{item.get('ResourceSnapshotTemplateName')}/{item.get('Revision')}")


def _snapshot_params(item: Mapping[str, Any], engagement_id: str) -> dict[str, Any]:
    params = {"EngagementIdentifier": engagement_id, "ResourceType": item.get("ResourceType"),
              "ResourceSnapshotTemplateIdentifier": item.get("ResourceSnapshotTemplateName"),
              "Revision": item.get("Revision")}
    return {key: value for key, value in params.items() if value is not None}


def _read_snapshots(reader: Reader, catalog: str, engagement_id: str) -> Gathered:
    items = reader.list_related(SNAPSHOTS, catalog, engagement_id,
                                params={"EngagementIdentifier": engagement_id})
    gathered = Gathered(items=[{**item, "EngagementId": engagement_id} for item in items])
    newest = sorted(gathered.items, key=lambda item: -int(item.get("Revision") or 0))
    for item in newest[:MAX_DETAILS]:
        try:
            record = reader.get_record(SNAPSHOT, catalog, str(item.get("ResourceId") or ""),
                                       params=_snapshot_params(item, engagement_id))
        except ApiError as error:
            gathered.problems.append(error)
            continue
        gathered.details[_snapshot_key(item)] = record.data
    return gathered


def _snapshot_events(gathered: Gathered, masking: Masking | None) -> list[Event]:
    found = []
    for raw in gathered.items:
        item = _masked_item(masking, raw, SNAPSHOTS.item_shape)
        detail = gathered.details.get(_snapshot_key(raw))
        if detail is not None:
            detail = _masked_response(masking, detail, SNAPSHOT.get_operation)
        resource = str(raw.get("ResourceId") or "")
        by = (detail or item).get("CreatedBy")
        found.append(Event(
            _when(detail.get("CreatedAt")) if detail else None, "snapshot",
            f"Snapshot {resource} rev {_text(item.get('Revision'))} by {_text(by)} "
            f"({_text(item.get('ResourceSnapshotTemplateName'))})",
            resource, "snapshots",
            Opens(SNAPSHOT.name, resource,
                  _snapshot_params(raw, str(raw.get("EngagementId") or "")))))
    return found


# -- snapshot jobs ----------------------------------------------------------------------------
def _read_jobs(reader: Reader, catalog: str, engagement_id: str) -> Gathered:
    items = reader.list_related(SNAPSHOT_JOBS, catalog, engagement_id,
                                params={"EngagementIdentifier": engagement_id})
    gathered = Gathered(items=items)
    for item in items[:MAX_DETAILS]:
        identifier = str(item.get("Id") or "")
        try:
            gathered.details[identifier] = reader.get_record(SNAPSHOT_JOB, catalog,
                                                             identifier).data
        except ApiError as error:
            gathered.problems.append(error)
    return gathered


def _job_events(gathered: Gathered, masking: Masking | None) -> list[Event]:
    found = []
    for raw in gathered.items:
        item = _masked_item(masking, raw, SNAPSHOT_JOBS.item_shape)
        identifier = str(raw.get("Id") or "")
        opens = Opens(SNAPSHOT_JOB.name, identifier)
        detail = gathered.details.get(identifier)
        if detail is None:  # not dated: only what the list says
            found.append(Event(None, "snapshot job",
                               f"Snapshot job {identifier}: {_text(item.get('Status'))}",
                               identifier, "snapshot jobs", opens))
            continue
        job = _masked_response(masking, detail, SNAPSHOT_JOB.get_operation)
        of = f"Snapshot job {identifier}"
        found.append(Event(_when(job.get("CreatedAt")), "snapshot job",
                           f"{of} created for {_text(job.get('ResourceId'))} "
                           f"({_text(job.get('ResourceSnapshotTemplateName'))})",
                           identifier, "snapshot jobs", opens))
        success = _when(job.get("LastSuccessfulExecutionDate"))
        if success is not None:
            found.append(Event(success, "snapshot job",
                               f"{of} last success; now {_text(job.get('Status'))}",
                               identifier, "snapshot jobs", opens))
        failure = job.get("LastFailure")
        if failure not in (None, "", "null"):
            found.append(Event(None, "snapshot job", f"{of} last failure: {failure}",
                               identifier, "snapshot jobs", opens))
    return found


# -- associated opportunities -----------------------------------------------------------------
def _read_associations(reader: Reader, catalog: str, engagement_id: str) -> Gathered:
    return Gathered(items=reader.list_related(OPPORTUNITIES, catalog, engagement_id,
                                              params={"EngagementIdentifier": engagement_id}))


def _association_events(gathered: Gathered, masking: Masking | None) -> list[Event]:
    found = []
    for raw in gathered.items:
        item = _masked_item(masking, raw, OPPORTUNITIES.item_shape)
        resource = str(raw.get("ResourceId") or "")
        kind = _text(item.get("ResourceType"), "Resource")
        opens = Opens("opportunity", resource) if kind == "Opportunity" and resource else None
        found.append(Event(None, "opportunity",
                           f"{kind} {resource} associated by {_text(item.get('CreatedBy'))}",
                           resource, "opportunities", opens))
    return found


SOURCES: tuple[Source, ...] = (
    Source("engagement", ENGAGEMENT.get_operation, _read_engagement, _engagement_events),
    Source("invitations received", INVITATIONS.operation, _invitations("RECEIVER"),
           _invitation_events("RECEIVER")),
    Source("invitations sent", INVITATIONS.operation, _invitations("SENDER"),
           _invitation_events("SENDER")),
    Source("opportunity tasks", ENGAGEMENT_OPPORTUNITY_TASKS.operation,
           _tasks(ENGAGEMENT_OPPORTUNITY_TASKS),
           _task_events(ENGAGEMENT_OPPORTUNITY_TASKS,
                        "Opportunity{opportunity} made from it",
                        "opportunity tasks")),
    Source("from-opportunity tasks", ENGAGEMENT_SOURCE_TASKS.operation,
           _tasks(ENGAGEMENT_SOURCE_TASKS),
           _task_events(ENGAGEMENT_SOURCE_TASKS,
                        "Made from opportunity{opportunity}",
                        "from-opportunity tasks")),
    Source("snapshots", SNAPSHOTS.operation, _read_snapshots, _snapshot_events),
    Source("snapshot jobs", SNAPSHOT_JOBS.operation, _read_jobs, _job_events),
    Source("opportunities", OPPORTUNITIES.operation, _read_associations, _association_events),
)
"""Every source of an engagement's timeline, in the order a tie in time lists them."""


Results = Mapping[str, "Gathered | ApiError"]
"""What each source read (by `Source.name`), or the error that stopped it."""


def read_source(source: Source, reader: Reader, catalog: str, engagement_id: str,
                ) -> Gathered | ApiError:
    """Read one source (blocking): its data, or the `ApiError` that stopped it."""
    try:
        return source.read(reader, catalog, engagement_id)
    except ApiError as error:
        return error


def read_all(reader: Reader, catalog: str, engagement_id: str) -> dict[str, Gathered | ApiError]:
    """Every source, read in parallel threads (the call budget paces the calls)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=len(SOURCES),
                            thread_name_prefix="engtui-timeline") as pool:
        futures = {source.name: pool.submit(read_source, source, reader, catalog,
                                            engagement_id) for source in SOURCES}
        return {name: future.result() for name, future in futures.items()}


def build(results: Results, *, masked: bool = False) -> Timeline:
    """The timeline of what the sources read: events oldest first (a tie in the order of
    `SOURCES`, then as read; undated last), and the sources that failed (a source whose
    follow-up calls failed is named too: its items are there, some undated)."""
    masking = None
    if masked:
        everything = [gathered for gathered in results.values()
                      if isinstance(gathered, Gathered)]
        masking = Masking(masker_for([item for gathered in everything
                                      for item in (*gathered.items,
                                                   *gathered.details.values())]))
    events: list[Event] = []
    failures: list[Failure] = []
    for source in SOURCES:
        outcome = results.get(source.name)
        if outcome is None:
            continue
        if isinstance(outcome, ApiError):
            failures.append(Failure(source.name, outcome))
            continue
        events.extend(source.events(outcome, masking))
        failures.extend(Failure(source.name, problem) for problem in outcome.problems[:1])
    order = {id(event): index for index, event in enumerate(events)}
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    events.sort(key=lambda event: (event.when is None, event.when or far, order[id(event)]))
    return Timeline(events, failures)
