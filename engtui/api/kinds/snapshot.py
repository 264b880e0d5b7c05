"""The resource snapshot: ``GetResourceSnapshot`` (one revision of what a partner shared
of a resource in an engagement), drawn whole; its engagement, its resource and every
revision a key away, and the snapshot jobs of its engagement as a pane. A snapshot has no
id of its own: it is named by its engagement, resource type and id, template and revision,
which travel as request members (`RecordKind.params_of`), so a refresh fetches the same
revision."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from engtui.api.identifiers import CATALOGS, InvalidInput
from engtui.api.kinds.ids import shown
from engtui.api.records import Column, Link, LinkTarget, RecordKind, RecordRef, RelatedList

_ARN = (r"arn:aws[a-z-]*:partnercentral(?:-selling)?:[a-z0-9-]*:[0-9]{0,12}:"
        r"(?:catalog/)?(?P<catalog>[A-Za-z]+)/engagement/(?P<engagement>eng-[0-9a-z]{14})/"
        r"resource-snapshot/(?P<resource>O[0-9]{1,19})/(?P<template>[A-Za-z0-9]{3,80})"
        r"(?:/(?P<revision>[0-9]{1,9}))?")


def _parse(text: str) -> RecordRef:
    """A snapshot ARN (the only way to type one: it has no id)."""
    value = text.strip()
    match = re.fullmatch(_ARN, value)
    if match is None:
        raise InvalidInput(f"{shown(value)} is not a resource snapshot ARN (…:catalog/CATALOG/"
                           "engagement/eng-…/resource-snapshot/O…/TEMPLATE/REVISION).")
    if match["catalog"] not in CATALOGS:
        raise InvalidInput(f"The ARN names catalog {shown(match['catalog'])}; use AWS or Sandbox.")
    params: dict[str, Any] = {
        "EngagementIdentifier": match["engagement"], "ResourceType": "Opportunity",
        "ResourceSnapshotTemplateIdentifier": match["template"],
    }
    if match["revision"]:
        params["Revision"] = int(match["revision"])
    return RecordRef(SNAPSHOT, match["resource"], match["resource"], match["catalog"], params)


def _check_target(identifier: str, params: Mapping[str, Any]) -> None:
    """A snapshot named by a row or a link: its resource (an opportunity id), engagement
    and revision must have the forms the service gives them."""
    if not re.fullmatch(r"O[0-9]{1,19}", identifier):
        raise InvalidInput(f"{shown(identifier)} is not an opportunity id (O and digits).")
    engagement = params.get("EngagementIdentifier")
    if not isinstance(engagement, str) or not re.fullmatch(r"eng-[0-9a-z]{14}", engagement):
        raise InvalidInput(f"{shown(str(engagement or ''))} is not an engagement id "
                           "(eng- and 14 letters or digits).")
    revision = params.get("Revision")
    if revision is not None and (isinstance(revision, bool) or not isinstance(revision, int)):
        raise InvalidInput(f"{shown(str(revision))} is not a revision number.")


def _names(data: Mapping[str, Any]) -> dict[str, Any]:
    """The request members that name this snapshot (and its revision), from its data."""
    params = {
        "EngagementIdentifier": data.get("EngagementId"),
        "ResourceType": data.get("ResourceType"),
        "ResourceSnapshotTemplateIdentifier": data.get("ResourceSnapshotTemplateName"),
        "Revision": data.get("Revision"),
    }
    return {key: value for key, value in params.items() if value is not None}


def _row_target(item: Mapping[str, Any], parent: Mapping[str, Any]) -> LinkTarget:
    """A snapshot row (``ResourceSnapshotSummary``) of an engagement or of a snapshot's
    revisions: the summary lacks the engagement, which the record shown names."""
    engagement = parent.get("EngagementId") or parent.get("Id")
    return str(item.get("ResourceId") or ""), {
        "EngagementIdentifier": engagement, "ResourceType": item.get("ResourceType"),
        "ResourceSnapshotTemplateIdentifier": item.get("ResourceSnapshotTemplateName"),
        "Revision": item.get("Revision"),
    }


def _older_revisions(data: Mapping[str, Any]) -> list[tuple[str, LinkTarget]]:
    revision = data.get("Revision")
    if not isinstance(revision, int):
        return []
    resource = str(data.get("ResourceId") or "")
    return [(f"Revision {number} of {resource}",
             (resource, {**_names(data), "Revision": number}))
            for number in range(revision - 1, 0, -1)]


SNAPSHOT_COLUMNS = (Column("Resource", "ResourceId", 12), Column("Rev", "Revision", 4),
                    Column("Template", "ResourceSnapshotTemplateName", 26),
                    Column("Created by", "CreatedBy"))
SNAPSHOT_JOB_COLUMNS = (Column("Job", "Id", 18), Column("Status", "Status", 9),
                        Column("ARN", "Arn"))

def _snapshot_list(name: str, title: str, member: str, noun: str, row_noun: str,
                   params: Callable[[Mapping[str, Any]], dict[str, Any]] | None = None,
                   ) -> RelatedList:
    """A ``ListResourceSnapshots`` pane whose rows open their snapshot."""
    return RelatedList(
        name=name, title=title, operation="ListResourceSnapshots",
        id_param="EngagementIdentifier", result_key="ResourceSnapshotSummaries",
        item_shape="ResourceSnapshotSummary", columns=SNAPSHOT_COLUMNS,
        row_link=Link(member, "snapshot", target=_row_target), noun=noun, row_noun=row_noun,
        params=params,
    )


REVISIONS = _snapshot_list(  # every revision of this snapshot's resource and template
    "revisions", "Revisions", "Revision", "revisions", "revision",
    params=lambda data: {
        "EngagementIdentifier": data.get("EngagementId"),
        "ResourceIdentifier": data.get("ResourceId"),
        "ResourceType": data.get("ResourceType"),
        "ResourceSnapshotTemplateIdentifier": data.get("ResourceSnapshotTemplateName"),
    },
)

SNAPSHOTS = _snapshot_list(  # an engagement's snapshots
    "snapshots", "Snapshots", "ResourceId", "resource snapshots", "snapshot")

# A snapshot's job. ``ResourceSnapshotJobSummary`` carries only Id, Arn, EngagementId and
# Status (no resource, no template), and ``ListResourceSnapshotJobs`` filters by engagement
# and status only: the job that publishes this snapshot cannot be picked out of a list. So the
# pane is every snapshot job of the snapshot's engagement (its job is among them); a row
# opens its job, whose header names the resource it publishes.
JOBS = RelatedList(
    name="jobs", title="Engagement's jobs", operation="ListResourceSnapshotJobs",
    id_param="EngagementIdentifier", result_key="ResourceSnapshotJobSummaries",
    item_shape="ResourceSnapshotJobSummary", columns=SNAPSHOT_JOB_COLUMNS,
    row_link=Link("Id", "snapshot_job"), noun="snapshot jobs of its engagement",
    row_noun="snapshot job",
    params=lambda data: {"EngagementIdentifier": data.get("EngagementId") or ""},
    needs="EngagementIdentifier",
)

SNAPSHOT = RecordKind(
    name="snapshot",
    title="Snapshot",
    get_operation="GetResourceSnapshot",
    id_param="ResourceIdentifier",
    parse=_parse,
    recognises=lambda text: text.strip().lower().startswith("arn:")
    and "/resource-snapshot/" in text,
    id_member="ResourceId",
    title_member="",
    title_of=lambda data: (f"{data.get('ResourceSnapshotTemplateName') or 'Snapshot'} of "
                           f"{data.get('ResourceId') or '?'}, revision "
                           f"{data.get('Revision') or '?'}"),
    crumb_of=lambda data: f"{data.get('ResourceId') or ''} rev {data.get('Revision') or '?'}",
    params_of=_names,
    identity_params=("EngagementIdentifier", "Revision"),
    target_check=_check_target,
    header_pairs={"EngagementId": "ResourceId", "CreatedAt": "CreatedBy",
                  "ResourceSnapshotTemplateName": "Revision"},
    header_members=("EngagementId", "ResourceId", "CreatedAt", "CreatedBy",
                    "ResourceSnapshotTemplateName", "Revision"),
    related=(REVISIONS, JOBS),
    links=(
        Link("EngagementId", "engagement", label="Its engagement"),
        Link("ResourceId", "opportunity", when=("ResourceType", "Opportunity"),
             label="Its opportunity"),
        Link("Revision", "snapshot", in_tree=False, choices=_older_revisions),
    ),
    aliases=("snap",),
)
