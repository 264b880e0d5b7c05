"""The resource snapshot job: ``GetResourceSnapshotJob`` (``job-`` ids), drawn whole, its
``LastFailure`` in the header (why partners stopped seeing updates); its engagement, its
resource and that resource's snapshots a key away; its tags as a pane; and an engagement's
jobs as a pane (``ListResourceSnapshotJobs``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from engtui.api.kinds.ids import IdSyntax
from engtui.api.kinds.snapshot import SNAPSHOT_COLUMNS, SNAPSHOT_JOB_COLUMNS
from engtui.api.kinds.tags import TAGS
from engtui.api.records import Link, LinkTarget, RecordKind, RelatedList

IDS = IdSyntax("job-", r"job-[0-9a-z]{13}", "resource-snapshot-job",
               "a resource snapshot job", "job- and 13 letters or digits", id_only=True)


def _title(data: Mapping[str, Any]) -> str:
    template = data.get("ResourceSnapshotTemplateName") or "Snapshot"
    return f"{template} job of {data.get('ResourceId') or '?'}"


def _latest_snapshot(data: Mapping[str, Any], _: Mapping[str, Any]) -> LinkTarget:
    """The newest snapshot the job published of its resource (no revision: the latest)."""
    return str(data.get("ResourceId") or ""), {
        "EngagementIdentifier": data.get("EngagementId"),
        "ResourceType": data.get("ResourceType"),
        "ResourceSnapshotTemplateIdentifier": data.get("ResourceSnapshotTemplateName"),
    }


def _snapshot_row(item: Mapping[str, Any], parent: Mapping[str, Any]) -> LinkTarget:
    return str(item.get("ResourceId") or ""), {
        "EngagementIdentifier": parent.get("EngagementId"),
        "ResourceType": item.get("ResourceType"),
        "ResourceSnapshotTemplateIdentifier": item.get("ResourceSnapshotTemplateName"),
        "Revision": item.get("Revision"),
    }


SNAPSHOTS = RelatedList(  # what the job published: its resource's snapshots of its template
    name="snapshots", title="Snapshots", operation="ListResourceSnapshots",
    id_param="EngagementIdentifier", result_key="ResourceSnapshotSummaries",
    item_shape="ResourceSnapshotSummary", columns=SNAPSHOT_COLUMNS,
    row_link=Link("Revision", "snapshot", target=_snapshot_row),
    noun="snapshots of its resource", row_noun="snapshot",
    params=lambda data: {
        "EngagementIdentifier": data.get("EngagementId"),
        "ResourceIdentifier": data.get("ResourceId"),
        "ResourceType": data.get("ResourceType"),
        "ResourceSnapshotTemplateIdentifier": data.get("ResourceSnapshotTemplateName"),
    },
)

SNAPSHOT_JOB = RecordKind(
    name="snapshot_job",
    title="Snapshot job",
    get_operation="GetResourceSnapshotJob",
    id_param="ResourceSnapshotJobIdentifier",
    parse=IDS.parser(lambda: SNAPSHOT_JOB),
    recognises=IDS.recognises,
    title_member="",
    title_of=_title,
    # LastFailure on a line of its own, kept in the compact header of a small screen too.
    header_pairs={"Id": "Status", "EngagementId": "ResourceId",
                  "LastSuccessfulExecutionDate": "CreatedAt"},
    header_members=("Id", "Status", "EngagementId", "ResourceId", "Arn",
                    "LastSuccessfulExecutionDate", "CreatedAt", "LastFailure"),
    related=(SNAPSHOTS, TAGS),
    links=(
        Link("EngagementId", "engagement", label="Its engagement"),
        Link("ResourceId", "opportunity", when=("ResourceType", "Opportunity"),
             label="Its opportunity"),
        Link("ResourceSnapshotTemplateName", "snapshot", in_tree=False,
             target=_latest_snapshot, label="Its resource's latest snapshot"),
    ),
    prefix=IDS.prefix,
)

# An engagement's snapshot jobs (the engagement's declaration lists this pane).
SNAPSHOT_JOBS = RelatedList(
    name="snapshot_jobs", title="Snapshot jobs", operation="ListResourceSnapshotJobs",
    id_param="EngagementIdentifier", result_key="ResourceSnapshotJobSummaries",
    item_shape="ResourceSnapshotJobSummary",
    columns=SNAPSHOT_JOB_COLUMNS,
    row_link=Link("Id", "snapshot_job"), noun="snapshot jobs", row_noun="snapshot job",
)
