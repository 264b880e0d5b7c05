"""The engagement groups of a catalog (``ListEngagementGroups``): a list, not a record kind
(there is no Get of a group). Enter on a group lists its engagements: ``SearchEngagements``
with its ``GroupId``, pushed over the groups, so Escape comes back."""

from __future__ import annotations

from typing import Any

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


def _its_engagements(group: Any, page_size: int) -> tuple[str, Options]:
    from engtui.api.listing import ListOptions

    return "engagements", ListOptions(group=group.id, group_name=group.name,
                                      page_size=page_size)


GROUP_LIST = ListKind(
    name="groups",
    title="Engagement groups",
    noun="group",
    opens="engagement",
    columns=(
        ListColumn("Id", 22, 9, filtered=True),
        ListColumn("Name", 0, 8, filtered=True),
        ListColumn("Readiness", 14, 6),
        ListColumn("Engagements", 11, 5, right=True),
        ListColumn("Updated", 10, 7, muted=True, sort_mark=True),
    ),
    make_row=deferred("engtui.api.cosell_lists", "group_row"),
    item_id=lambda summary: summary.id,
    crumb="Groups",
    switches=(ListSwitch("readiness", "f", "Readiness",
                         "Which readiness: sales-ready, marketing-ready, low potential, any"),),
    make_options=deferred_options("engtui.api.cosell_lists", "GroupOptions"),
    query=lambda options: options.query(),
    make_item=deferred("engtui.api.cosell_lists", "GroupSummary.from_api"),
    opens_list=_its_engagements,
    key=ListKey("f4", "Groups",
                "The engagement groups of this catalog; Enter lists a group's engagements",
                "Engagement groups",
                "The catalog's engagement groups; Enter lists a group's engagements"),
    cli_flags=(
        ListFlag("--readiness", "readiness", "readiness level", metavar="LEVEL",
                 enum=("ListEngagementGroups", "ReadinessLevel")),
        ListFlag("--ascending", "ascending", "least recently updated first (by UpdatedAt)",
                 switch=True),
    ),
    cli_query=deferred_call("engtui.api.list_queries", "groups_query"),
    aliases=("grp", "group"),
)
