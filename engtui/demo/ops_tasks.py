"""Tasks, resource snapshot jobs and the selling system settings.

* The three task lists (``ListEngagementByAcceptingInvitationTasks``,
  ``ListEngagementFromOpportunityTasks``, ``ListOpportunityFromEngagementTasks``) filter by
  ``TaskStatus`` and by the ids (or ARNs) of the task, invitation, opportunity, engagement
  and context each names, and sort by ``StartTime`` (newest first by default). Their
  summaries are stored as the service sends them: ``"ReasonCode": "null"`` (a string, not in
  the enum), ``Message: null``, ARNs with an empty account.
* ``ListProspectingFromEngagementTasks`` filters by ``TaskIdentifier``, ``TaskName`` and the
  ``StartAfter`` / ``StartBefore`` bounds, sorts by ``StartTime``, ``TaskName`` and
  ``FailedEngagementCount``; its counts are made from each task's engagements.
  ``GetProspectingFromEngagementTask`` takes a ``task-`` id (14) or the task's ARN.
* ``ListResourceSnapshotJobs`` filters by ``EngagementIdentifier`` and ``Status``, sorts by
  ``CreatedDate``; ``GetResourceSnapshotJob`` takes a ``job-`` id or its ARN.
* ``GetSellingSystemSettings`` answers the catalog's settings (only ``Catalog`` when none).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from engtui.demo.data import DemoDataset
from engtui.demo.listing import Filter, ListSpec, handler, summary_of
from engtui.demo.lookup import find

__all__ = ["OPERATIONS"]

Record = dict[str, Any]
Params = dict[str, Any]


def _of_kind(name: str) -> Callable[[DemoDataset, Params], Sequence[Record]]:
    return lambda dataset, params: dataset.index().of_kind(name, params["Catalog"])


def _member(name: str) -> Callable[[Record], list[Any]]:
    return lambda record: [record.get(name)]


def ids_of(given: list[Any], params: Params) -> Iterable[Any]:
    """The ids a list of ids or ARNs names (an ARN's last segment)."""
    return [str(value).rsplit("/", 1)[-1] for value in given]


def _ids(param: str, member: str) -> Filter:
    return Filter(param, _member(member), wanted=ids_of)


_START = {"StartTime": lambda r: r.get("StartTime")}
_NEWEST = ("StartTime", "DESCENDING")


def _task_list(operation: str, store: str, summary: str, *filters: Filter) -> ListSpec:
    return ListSpec(operation, "TaskSummaries", _of_kind(store), summary_of(summary),
                    filters=(Filter("TaskStatus", _member("TaskStatus")),
                             _ids("TaskIdentifier", "TaskId"), *filters),
                    sorts=_START, default_sort=_NEWEST)


LIST_ACCEPT_TASKS = _task_list(
    "ListEngagementByAcceptingInvitationTasks", "accept_tasks",
    "ListEngagementByAcceptingInvitationTaskSummary",
    _ids("OpportunityIdentifier", "OpportunityId"),
    _ids("EngagementInvitationIdentifier", "EngagementInvitationId"),
)
LIST_ENGAGEMENT_TASKS = _task_list(
    "ListEngagementFromOpportunityTasks", "engagement_from_opportunity_tasks",
    "ListEngagementFromOpportunityTaskSummary",
    _ids("OpportunityIdentifier", "OpportunityId"),
    _ids("EngagementIdentifier", "EngagementId"),
)
LIST_OPPORTUNITY_TASKS = _task_list(
    "ListOpportunityFromEngagementTasks", "opportunity_from_engagement_tasks",
    "ListOpportunityFromEngagementTaskSummary",
    _ids("OpportunityIdentifier", "OpportunityId"),
    _ids("EngagementIdentifier", "EngagementId"),
    Filter("ContextIdentifier", _member("ContextId")),
)


# -- prospecting tasks ------------------------------------------------------------------------
def _counts(record: Record) -> dict[str, int]:
    engagements = record.get("Engagements") or []
    return {
        "TotalEngagementCount": len(engagements),
        "CompletedEngagementCount": sum(e.get("Status") == "COMPLETED" for e in engagements),
        "FailedEngagementCount": sum(e.get("Status") == "FAILED" for e in engagements),
    }


def _prospecting_summary(record: Record) -> Record:
    return {**summary_of("ProspectingTaskSummary")(record), **_counts(record)}


def _started_between(dataset: DemoDataset, params: Params) -> Callable[[Record], bool] | None:
    after, before = params.get("StartAfter"), params.get("StartBefore")
    if after is None and before is None:
        return None
    return lambda record: ((after is None or record["StartTime"] > after)
                           and (before is None or record["StartTime"] < before))


LIST_PROSPECTING_TASKS = ListSpec(
    "ListProspectingFromEngagementTasks",
    "TaskSummaries",
    _of_kind("prospecting_tasks"),
    _prospecting_summary,
    filters=(_ids("TaskIdentifier", "TaskId"), Filter("TaskName", _member("TaskName"))),
    sorts={**_START, "TaskName": lambda r: r.get("TaskName"),
           "FailedEngagementCount": lambda r: _counts(r)["FailedEngagementCount"]},
    default_sort=_NEWEST,
    predicate=_started_between,
)


def get_prospecting_task(dataset: DemoDataset, params: Params) -> Record:
    return find(dataset.prospecting_tasks, params["Catalog"], params["TaskIdentifier"],
                arn_kind="prospecting-from-engagement-task", label="Prospecting task")


# -- resource snapshot jobs -------------------------------------------------------------------
LIST_SNAPSHOT_JOBS = ListSpec(
    "ListResourceSnapshotJobs",
    "ResourceSnapshotJobSummaries",
    _of_kind("snapshot_jobs"),
    summary_of("ResourceSnapshotJobSummary"),
    filters=(Filter("EngagementIdentifier", _member("EngagementId"), "equals"),
             Filter("Status", _member("Status"), "equals")),
    sorts={"CreatedDate": lambda r: r.get("CreatedAt")},
)


def get_snapshot_job(dataset: DemoDataset, params: Params) -> Record:
    return find(dataset.snapshot_jobs, params["Catalog"], params["ResourceSnapshotJobIdentifier"],
                arn_kind="resource-snapshot-job", label="Resource snapshot job")


def get_selling_system_settings(dataset: DemoDataset, params: Params) -> Record:
    catalog = params["Catalog"]
    return dataset.selling_settings.get((catalog, catalog)) or {"Catalog": catalog}


OPERATIONS = {
    "ListEngagementByAcceptingInvitationTasks": handler(LIST_ACCEPT_TASKS),
    "ListEngagementFromOpportunityTasks": handler(LIST_ENGAGEMENT_TASKS),
    "ListOpportunityFromEngagementTasks": handler(LIST_OPPORTUNITY_TASKS),
    "ListProspectingFromEngagementTasks": handler(LIST_PROSPECTING_TASKS),
    "GetProspectingFromEngagementTask": get_prospecting_task,
    "ListResourceSnapshotJobs": handler(LIST_SNAPSHOT_JOBS),
    "GetResourceSnapshotJob": get_snapshot_job,
    "GetSellingSystemSettings": get_selling_system_settings,
}
