"""The engagement invitation: ``GetEngagementInvitation``, drawn whole; its engagement a
key away; and the invitations inbox (``ListEngagementInvitations``)."""

from __future__ import annotations

from engtui.api.kinds.ids import IdSyntax
from engtui.api.kinds.task import ACCEPT_TASKS
from engtui.api.records import (
    Link,
    ListColumn,
    ListFlag,
    ListKey,
    ListKind,
    ListSwitch,
    RecordKind,
    deferred,
    deferred_call,
    deferred_options,
)

IDS = IdSyntax("engi-", r"engi-[0-9a-z]{13}", "engagement-invitation",
               "an engagement invitation", "engi- and 13 letters or digits")


INVITATION = RecordKind(
    name="invitation",
    title="Invitation",
    get_operation="GetEngagementInvitation",
    id_param="Identifier",
    parse=IDS.parser(lambda: INVITATION),
    recognises=IDS.recognises,
    title_member="EngagementTitle",
    header_pairs={"Id": "Status", "InvitationDate": "ExpirationDate",
                  "SenderCompanyName": "EngagementId"},
    header_members=("Id", "Status", "InvitationDate", "ExpirationDate", "SenderCompanyName",
                    "EngagementId"),
    related=(ACCEPT_TASKS,),
    links=(Link("EngagementId", "engagement", label="Its engagement"),),
    prefix=IDS.prefix,
    aliases=("inv",),
)

INVITATION_LIST = ListKind(
    name="invitations",
    title="Invitations",
    noun="invitation",
    opens="invitation",
    columns=(
        ListColumn("Id", 18, 9, filtered=True),
        ListColumn("Engagement", 0, 8, filtered=True),
        ListColumn("Status", 8, 6),
        ListColumn("Type", 11, 3),
        ListColumn("From", 14, 4, filtered=True),
        ListColumn("Invited", 10, 5, muted=True, sort_mark=True),
        ListColumn("Expiry", 20, 7),  # "! expires in 6 hours": within a day
    ),
    make_row=deferred("engtui.api.invitations", "invitation_row"),
    item_id=lambda summary: summary.id,
    crumb="Invitations",
    switches=(
        ListSwitch("participant", "p", "Recv/sent", "Invitations received or sent (reloads)"),
        ListSwitch("status", "f", "Status",
                   "Which status: pending, accepted, rejected, expired, any (reloads)"),
    ),
    make_options=deferred_options("engtui.api.invitations", "InvitationOptions"),
    query=lambda options: options.query(),
    # expiry is relative to when the page arrives (the item factory takes the time)
    make_item=deferred("engtui.api.invitations", "InvitationSummary.from_api"),
    key=ListKey("f3", "Inbox",
                "The invitations inbox: invitations received (or sent), pending first",
                "Invitations inbox", "Invitations received or sent, pending first", first=True),
    cli_flags=(
        ListFlag("--participant", "participant", "received (RECEIVER, the default) or sent",
                 enum=("ListEngagementInvitations", "ParticipantType")),
        ListFlag("--status", "status", "invitation status (repeatable)", metavar="STATUS",
                 repeat=True, enum=("ListEngagementInvitations", "Status")),
        ListFlag("--ascending", "ascending", "oldest first", switch=True),
    ),
    cli_query=deferred_call("engtui.api.list_queries", "invitations_query"),
    aliases=("inbox", "invs"),
)
