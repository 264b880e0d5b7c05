"""The snapshot-jobs, bulk-jobs and bulk-job-results lists (``engtui list snapshot-jobs``,
``bulk-jobs``, ``bulk-job-results --job bulkjob-…``). Rows and options:
`engtui.api.bulk_lists`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from engtui.api.records import (
    ListColumn,
    ListFlag,
    ListKey,
    ListKind,
    ListSwitch,
    Options,
    deferred,
    deferred_call,
    deferred_options,
)

if TYPE_CHECKING:
    from engtui.api.list_queries import ListQuery


def _one(values: list[str] | None, what: str) -> str:
    """``--status`` is repeatable for the lists whose model takes several; these take one."""
    if values and len(values) > 1:
        from engtui.api.identifiers import InvalidInput

        raise InvalidInput(f"The {what} list takes one --status at a time (the model's Status "
                           "is one value).")
    return values[0] if values else ""


# -- snapshot jobs --------------------------------------------------------------------------
def _job_row() -> Callable[[Any], tuple[str, ...]]:
    from engtui.api.bulk_lists import snapshot_job_row

    return snapshot_job_row


def _job_query(*, engagement: str = "", status: list[str] | None = None,
               ascending: bool = False) -> ListQuery:
    from engtui.api.bulk_lists import snapshot_jobs_query

    return snapshot_jobs_query(engagement=engagement, status=_one(status, "snapshot-jobs"),
                               ascending=ascending)


SNAPSHOT_JOB_LIST = ListKind(
    name="snapshot_jobs",
    title="Snapshot jobs",
    noun="snapshot job",
    opens="snapshot_job",
    columns=(
        ListColumn("Job", 18, 9, filtered=True),
        ListColumn("Engagement", 18, 7, filtered=True),
        ListColumn("Status", 9, 8),
        ListColumn("ARN", 0, 3, filtered=True, muted=True),
    ),
    make_row=_job_row,
    item_id=lambda row: row.id,
    crumb="Snapshot jobs",
    switches=(ListSwitch("status", "f", "Status", "Which status: running, stopped, any "
                         "(reloads)"),),
    make_options=deferred_options("engtui.api.bulk_lists", "SnapshotJobOptions"),
    query=lambda options: options.query(),
    make_item=deferred("engtui.api.bulk_lists", "SnapshotJobRow.from_api"),
    key=ListKey("f5", "Jobs", "The resource snapshot jobs that publish your updates to "
                "partners, newest first", "Snapshot jobs",
                "Are partners still seeing my updates: every resource snapshot job"),
    cli_name="snapshot-jobs",
    cli_flags=(
        ListFlag("--engagement", "engagement", "one engagement's jobs (eng-…)",
                 metavar="ENG"),
        ListFlag("--status", "status", "snapshot job status", metavar="STATUS", repeat=True,
                 enum=("ListResourceSnapshotJobs", "Status")),
        ListFlag("--ascending", "ascending", "oldest first", switch=True),
    ),
    cli_query=_job_query,
    aliases=("jobs",),
)


# -- bulk jobs ------------------------------------------------------------------------------
def _bulk_row() -> Callable[[Any], tuple[str, ...]]:
    from engtui.api.bulk_lists import bulk_job_row

    return bulk_job_row


def _bulk_query(*, type: str = "", status: list[str] | None = None) -> ListQuery:
    from engtui.api.bulk_lists import bulk_jobs_query

    return bulk_jobs_query(type=type, status=_one(status, "bulk-jobs"))


def _its_rows(row: Any, page_size: int) -> tuple[str, Options] | None:
    """An opportunity bulk job has no Get: Enter lists its rows. A customer-account job
    opens (its rows are a pane of it)."""
    if row.type != "opportunity":
        return None
    from engtui.api.bulk_lists import BulkResultOptions

    return "bulk_job_results", BulkResultOptions(job=row.id, type=row.type,
                                                 page_size=page_size)


BULK_JOB_LIST = ListKind(
    name="bulk_jobs",
    title="Bulk jobs",
    noun="bulk job",
    opens="customer_account_bulk_job",
    columns=(
        ListColumn("Status", 11, 9),
        ListColumn("Type", 16, 6),
        ListColumn("File", 0, 8, filtered=True),
        ListColumn("Failed", 12, 5, right=True),
        ListColumn("Created", 16, 4, muted=True),
        ListColumn("Job", 21, 7, filtered=True),
    ),
    make_row=_bulk_row,
    item_id=lambda row: row.id,
    crumb="Bulk jobs",
    switches=(
        ListSwitch("type", "t", "Type", "Which type: opportunity, customer account, both "
                   "(reloads)"),
        ListSwitch("status", "f", "Status", "Which status: failed, in progress, submitted, "
                   "completed, any (reloads)"),
    ),
    make_options=deferred_options("engtui.api.bulk_lists", "BulkJobOptions"),
    query=lambda options: options.query(),
    make_item=deferred("engtui.api.bulk_lists", "BulkJobRow.from_api"),
    opens_list=_its_rows,
    row_report=lambda row: (row.type, row.id),
    key=ListKey("f10", "Bulk", "Opportunity and customer-account uploads (bulk jobs); "
                "Enter opens one, u shows its report URL", "Bulk jobs",
                "Which rows of my upload failed: every bulk job"),
    cli_name="bulk-jobs",
    cli_flags=(
        ListFlag("--type", "type", "opportunity or customer-account (default: both)",
                 metavar="TYPE"),
        ListFlag("--status", "status", "bulk job status", metavar="STATUS", repeat=True,
                 enum=("ListOpportunityBulkJobs", "Status")),
    ),
    cli_query=_bulk_query,
    aliases=("bulk",),
    sortable=False,  # neither operation has a sort
)


# -- a bulk job's rows ----------------------------------------------------------------------
def _result_row() -> Callable[[Any], tuple[str, ...]]:
    from engtui.api.bulk_lists import bulk_result_row

    return bulk_result_row


def _result_query(*, job: str = "", type: str = "", status: list[str] | None = None
                  ) -> ListQuery:
    from engtui.api.bulk_lists import bulk_job_results_query

    return bulk_job_results_query(job=job, type=type or "opportunity",
                                  status=_one(status, "bulk-job-results"))


BULK_RESULT_LIST = ListKind(
    name="bulk_job_results",
    title="Bulk job rows",
    noun="row",
    opens="",
    columns=(
        ListColumn("Row", 10, 5, filtered=True),
        ListColumn("Status", 11, 9),
        ListColumn("Record", 20, 6, filtered=True),
        ListColumn("Error", 18, 7, filtered=True),
        ListColumn("Message", 0, 8, filtered=True),
    ),
    make_row=_result_row,
    item_id=lambda row: row.id,
    crumb="Bulk job rows",
    switches=(ListSwitch("status", "f", "Status", "Which rows: failed first, failed, "
                         "succeeded (reloads)"),),
    make_options=deferred_options("engtui.api.bulk_lists", "BulkResultOptions"),
    query=lambda options: options.query(),
    make_item=deferred("engtui.api.bulk_lists", "BulkResultRow.from_api"),
    row_targets=deferred_call("engtui.api.bulk_lists", "result_targets"),
    cli_name="bulk-job-results",
    cli_flags=(
        ListFlag("--job", "job", "the bulk job (bulkjob-…; required)", metavar="JOB"),
        ListFlag("--type", "type", "opportunity or customer-account (default: opportunity)",
                 metavar="TYPE"),
        ListFlag("--status", "status", "row status", metavar="STATUS", repeat=True,
                 enum=("ListOpportunityBulkJobResults", "Status")),
    ),
    cli_query=_result_query,
    aliases=("rows",),
    sortable=False,  # failed rows first: the parts, one after the other
)
