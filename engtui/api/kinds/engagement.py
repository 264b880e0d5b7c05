"""The engagement: ``GetEngagement``, its contexts as the tree, members and linked
opportunities beside it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from engtui.api.identifiers import ID_PREFIX, parse_identifier
from engtui.api.kinds.snapshot import SNAPSHOTS
from engtui.api.kinds.snapshot_job import SNAPSHOT_JOBS
from engtui.api.kinds.task import ENGAGEMENT_OPPORTUNITY_TASKS, ENGAGEMENT_SOURCE_TASKS
from engtui.api.records import (
    Column,
    Link,
    ListColumn,
    ListFlag,
    ListKey,
    ListKind,
    RecordKind,
    RecordRef,
    RelatedList,
    deferred,
    deferred_call,
    deferred_options,
)

MEMBERS = RelatedList(
    name="members",
    title="Members",
    operation="ListEngagementMembers",
    id_param="Identifier",
    result_key="EngagementMemberList",
    item_shape="EngagementMember",
    # The website is the longest and least needed column: it comes last and takes the rest.
    columns=(Column("Company", "CompanyName", 26), Column("Account id", "AccountId", 12),
             Column("Website", "WebsiteUrl")),
    row_noun="member",
)

OPPORTUNITIES = RelatedList(
    name="opportunities",
    title="Opportunities",
    operation="ListEngagementResourceAssociations",
    id_param="EngagementIdentifier",
    result_key="EngagementResourceAssociationSummaries",
    item_shape="EngagementResourceAssociationSummary",
    columns=(Column("Opportunity", "ResourceId", 20), Column("Type", "ResourceType", 12),
             Column("Created by", "CreatedBy")),
    row_link=Link("ResourceId", "opportunity", when=("ResourceType", "Opportunity")),
    noun="linked opportunities",
    row_noun="opportunity",
)


INVITATIONS = RelatedList(
    name="invitations",
    title="Invitations",
    operation="ListEngagementInvitations",
    id_param="EngagementIdentifier",
    result_key="EngagementInvitationSummaries",
    item_shape="EngagementInvitationSummary",
    columns=(Column("Invitation", "Id", 19), Column("Status", "Status", 9),
             Column("Type", "PayloadType", 26), Column("From", "SenderCompanyName")),
    row_link=Link("Id", "invitation"),
    noun="invitations received",
    row_noun="invitation",
    # The invitations this partner received for the engagement: how it came to be in it
    # (its own sent ones are in the inbox's "sent" view). One request, not two, per pane.
    # The model's EngagementIdentifier is a list (1 to 10 ids): this engagement's alone.
    params=lambda data: {"EngagementIdentifier": [data.get("Id")],
                         "ParticipantType": "RECEIVER"},
)


def _summary_item() -> Callable[[Any, Any], Any]:
    from engtui.api.listing import EngagementSummary

    return lambda item, now: EngagementSummary.from_api(item)


def _parse(text: str) -> RecordRef:
    ref = parse_identifier(text)
    return RecordRef(ENGAGEMENT, ref.identifier, ref.engagement_id, ref.catalog_from_arn)


def _recognises(text: str) -> bool:
    value = text.strip().lower()
    return value.startswith(ID_PREFIX) or (value.startswith("arn:") and "/engagement/" in value)


ENGAGEMENT = RecordKind(
    name="engagement",
    title="Engagement",
    get_operation="GetEngagement",
    id_param="Identifier",
    parse=_parse,
    recognises=_recognises,
    tree_member="Contexts",
    tree_title="Contexts",
    header_pairs={"Id": "MemberCount", "CreatedAt": "CreatedBy", "ModifiedAt": "ModifiedBy"},
    related=(MEMBERS, OPPORTUNITIES, SNAPSHOTS, INVITATIONS, ENGAGEMENT_OPPORTUNITY_TASKS,
             ENGAGEMENT_SOURCE_TASKS, SNAPSHOT_JOBS),
    links=(Link("AccountIdentifier", "customer_account", label="Its customer account"),),
    prefix=ID_PREFIX,
    aliases=("eng",),
)

ENGAGEMENT_LIST = ListKind(
    name="engagements",
    title="Engagements",
    noun="engagement",
    opens="engagement",
    # Order on screen; the index is the field's index in `summary_row`'s tuple. The
    # company and lead status come with search results' contexts (no extra call): shown
    # only when the list is a SearchEngagements.
    columns=(
        ListColumn("Id", 18, 90, filtered=True),
        ListColumn("Title", 0, 80, filtered=True),
        ListColumn("Company", 14, 65, filtered=True, operation="SearchEngagements"),
        ListColumn("Context types", 21, 60),
        ListColumn("Lead", 11, 62, operation="SearchEngagements"),
        ListColumn("Members", 7, 50, right=True),
        ListColumn("Created", 10, 70, muted=True, sort_mark=True),
        ListColumn("Modified", 10, 40, muted=True),
    ),
    make_row=deferred("engtui.api.listing", "summary_row"),
    item_id=lambda summary: summary.id,
    has_options=True,
    make_options=deferred_options("engtui.api.listing", "ListOptions"),
    query=lambda options: options.query(),
    make_item=_summary_item,
    keyword="SearchEngagements",
    key=ListKey("ctrl+l", "List", "List the engagements of this catalog",
                "List engagements", "The engagements of the active catalog", first=True),
    cli_flags=(
        ListFlag("--search", "keyword", "the service's keyword search (SearchEngagements)",
                 metavar="KEYWORD"),
        ListFlag("--group", "group", "those of an engagement group (SearchEngagements)",
                 metavar="ID"),
        ListFlag("--context-type", "context_types", "with a context of this type (repeatable)",
                 metavar="TYPE", repeat=True, enum=("ListEngagements", "ContextTypes")),
        ListFlag("--lead-status", "lead_status",
                 "lead qualification status (repeatable; search)", metavar="STATUS",
                 repeat=True),
        ListFlag("--sort", "sort", "a SearchEngagements sort key (CreatedAt, Title, "
                 "MemberCount, ...); CreatedDate with ListEngagements", metavar="KEY"),
        ListFlag("--ascending", "ascending", "oldest or smallest first", switch=True),
    ),
    cli_query=deferred_call("engtui.api.list_queries", "engagements_query"),
    aliases=("engs",),
)
