"""Tasks: the only place the service says why an accept or a conversion failed.

The prospecting task is a record (``GetProspectingFromEngagementTask``, ``task-`` and 14),
drawn whole: each engagement it prospected with its status, reason code and message, and
Enter on one opens that engagement. The other tasks (accepting an invitation, an engagement
from an opportunity, an opportunity from an engagement; ``task-`` and 13) have no Get
operation: they are rows of the panes declared here (`accept_tasks`, ...), on the records
they touched, each row opening the record its task made or used.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from engtui.api.identifiers import InvalidInput
from engtui.api.kinds.ids import IdSyntax, shown
from engtui.api.records import Column, Link, RecordKind, RecordRef, RelatedList

IDS = IdSyntax("task-", r"task-[0-9a-z]{14}", "prospecting-from-engagement-task",
               "a prospecting task", "task- and 14 letters or digits", id_only=True)
_parse_prospecting = IDS.parser(lambda: PROSPECTING_TASK)


def _parse(text: str) -> RecordRef:
    """A prospecting task's id or ARN; an accept or conversion task's id (13) is refused
    with where those are shown."""
    import re

    value = text.strip()
    if re.fullmatch(r"task-[0-9a-z]{13}", value):
        raise InvalidInput(
            f"{shown(value)} is an accept or conversion task (task- and 13): the service has "
            "no Get for those; they are in the tasks pane of the invitation, engagement or "
            "opportunity they touched. engtui opens prospecting tasks (task- and 14).")
    return _parse_prospecting(text)


def _counts(data: Mapping[str, Any]) -> str:
    engagements = data.get("Engagements")
    if not isinstance(engagements, list):
        return ""
    failed = sum(isinstance(e, dict) and e.get("Status") == "FAILED" for e in engagements)
    return f"{len(engagements)} engagements, {failed} failed"


PROSPECTING_TASK = RecordKind(
    name="prospecting_task",
    title="Prospecting task",
    get_operation="GetProspectingFromEngagementTask",
    id_param="TaskIdentifier",
    parse=_parse,
    recognises=IDS.recognises,
    id_member="TaskId",
    title_member="TaskName",
    arn_member="TaskArn",
    catalog_param="Catalog",
    header_pairs={"TaskId": "StartTime", "TaskArn": "EndTime"},
    header_members=("TaskId", "TaskArn", "StartTime", "EndTime"),
    tree_member="Engagements",
    tree_title="Engagements",
    links=(Link("EngagementIdentifier", "engagement", label="Engagement"),),
    prefix=IDS.prefix,
)

# -- the task panes of other records -----------------------------------------------------------
# What failed and why first, in the 76 columns of an 80x24 pane: the task id and start time
# are in exports; the service lists the newest first.
_COLUMNS = (Column("Status", "TaskStatus", 11), Column("Reason", "ReasonCode", 22),
            Column("Message", "Message"))


_JOB = Link("ResourceSnapshotJobId", "snapshot_job")
_INVITATION = Link("EngagementInvitationId", "invitation")


def _tasks(name: str, title: str, operation: str, item_shape: str, noun: str,
           params: Callable[[Mapping[str, Any]], dict[str, Any]], link: Link,
           export_as: str, *more: Link) -> RelatedList:
    """A task pane: Enter on a row opens the record its task made (``link``), or offers a
    chooser when it names others too (``more``: its snapshot job, its invitation)."""
    return RelatedList(
        name=name, title=title, operation=operation, id_param="TaskIdentifier",
        result_key="TaskSummaries", item_shape=item_shape,
        columns=(*_COLUMNS[:2], Column("Opens", link.member, 18), *_COLUMNS[2:]),
        row_link=link, noun=noun, row_noun="task", params=params, export_as=export_as,
        more_links=more,
    )


ACCEPT_TASKS = _tasks(  # an invitation's: accepting it (why it failed)
    "accept_tasks", "Accept tasks", "ListEngagementByAcceptingInvitationTasks",
    "ListEngagementByAcceptingInvitationTaskSummary", "accept tasks",
    lambda data: {"EngagementInvitationIdentifier": [data.get("Id")]},
    Link("OpportunityId", "opportunity"), "EngagementByAcceptingInvitationTaskSummaries",
    _JOB,
)
ENGAGEMENT_FROM_OPPORTUNITY = "ListEngagementFromOpportunityTasks"
OPPORTUNITY_FROM_ENGAGEMENT = "ListOpportunityFromEngagementTasks"

ENGAGEMENT_OPPORTUNITY_TASKS = _tasks(  # an engagement's: opportunities made from it
    "opportunity_tasks", "Opportunity tasks", OPPORTUNITY_FROM_ENGAGEMENT,
    "ListOpportunityFromEngagementTaskSummary", "opportunity-from-engagement tasks",
    lambda data: {"EngagementIdentifier": [data.get("Id")]},
    Link("OpportunityId", "opportunity"), "OpportunityFromEngagementTaskSummaries",
)
ENGAGEMENT_SOURCE_TASKS = _tasks(  # an engagement's: made from an opportunity
    "source_tasks", "From-opportunity tasks", ENGAGEMENT_FROM_OPPORTUNITY,
    "ListEngagementFromOpportunityTaskSummary", "engagement-from-opportunity tasks",
    lambda data: {"EngagementIdentifier": [data.get("Id")]},
    Link("OpportunityId", "opportunity"), "EngagementFromOpportunityTaskSummaries",
    _JOB, _INVITATION,
)
OPPORTUNITY_TASKS = _tasks(  # an opportunity's: engagements made from it
    "tasks", "Tasks", ENGAGEMENT_FROM_OPPORTUNITY,
    "ListEngagementFromOpportunityTaskSummary", "engagement-from-opportunity tasks",
    lambda data: {"OpportunityIdentifier": [data.get("Id")]},
    Link("EngagementId", "engagement"), "EngagementFromOpportunityTaskSummaries",
    _JOB, _INVITATION,
)
