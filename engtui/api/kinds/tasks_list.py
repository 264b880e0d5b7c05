"""The tasks list: the four task lists of the service in one view (``engtui list tasks``,
F7, ``:tasks``), newest first, FAILED rows marked, the reason in words; Enter opens the
record a task names, or offers a chooser when it names several. Rows and options:
`engtui.api.task_lists`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from engtui.api.records import (
    ListColumn,
    ListFlag,
    ListKey,
    ListKind,
    ListSwitch,
    deferred,
    deferred_call,
    deferred_options,
)

if TYPE_CHECKING:
    from engtui.api.list_queries import ListQuery


def _cli_query(*, type: str = "", status: list[str] | None = None,
               ascending: bool = False) -> ListQuery:
    from engtui.api.task_lists import tasks_query

    return tasks_query(type=[type] if type else [], status=status or [], ascending=ascending)


TASK_LIST = ListKind(
    name="tasks",
    title="Tasks",
    noun="task",
    opens="prospecting_task",
    columns=(
        ListColumn("Status", 11, 9),
        ListColumn("Type", 12, 6),
        ListColumn("Started", 16, 4, muted=True, sort_mark=True),
        ListColumn("Reason", 22, 5, filtered=True),
        ListColumn("Why", 0, 8, filtered=True),
        ListColumn("Task", 19, 3, filtered=True),
    ),
    make_row=deferred("engtui.api.task_lists", "task_row"),
    item_id=lambda row: row.id,
    crumb="Tasks",
    switches=(
        ListSwitch("type", "t", "Type",
                   "Which type: accept, engagement from opportunity, opportunity from "
                   "engagement, prospecting, every type (reloads)"),
        ListSwitch("status", "f", "Status", "Which status: failed, in progress, complete, any "
                   "(reloads)"),
    ),
    make_options=deferred_options("engtui.api.task_lists", "TaskOptions"),
    query=lambda options: options.query(),
    make_item=deferred("engtui.api.task_lists", "TaskRow.from_api"),
    row_targets=deferred_call("engtui.api.task_lists", "task_targets"),
    key=ListKey("f7", "Tasks",
                "Every task (accept, conversions, prospecting), newest first, failed ones "
                "marked with !", "Tasks",
                "Why an accept or a conversion failed: every task, newest first"),
    cli_flags=(
        ListFlag("--type", "type", "accept-invitation, engagement-from-opportunity, "
                 "opportunity-from-engagement or prospecting (default: all)", metavar="TYPE"),
        ListFlag("--status", "status", "task status (repeatable)", metavar="STATUS",
                 repeat=True, enum=("ListEngagementByAcceptingInvitationTasks", "TaskStatus")),
        ListFlag("--ascending", "ascending", "oldest first", switch=True),
    ),
    cli_query=_cli_query,
    aliases=("task",),
)
