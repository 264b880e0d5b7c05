"""What each scriptable list asks the service (``engtui list …``; no Textual here): the
operation, the member that holds the items, and the request, from plain options.

Engagements are listed with ``SearchEngagements`` when a keyword, a group or a search-only
filter is given (and the model has it); otherwise with ``ListEngagements``, which every
model since the engagement API has. `ListQuery.operation` says which one is in use.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from engtui.api.identifiers import InvalidInput

LIST_NAMES = ("engagements", "invitations", "opportunities", "groups")


@dataclass(frozen=True)
class ListQuery:
    operation: str
    result_key: str
    params: dict[str, Any] = field(default_factory=dict)


def has_operation(name: str) -> bool:
    """Does this botocore's model have operation ``name`` (``SearchEngagements`` arrived in
    1.44.7)?"""
    from engtui.api.model import service_model

    return name in service_model().operation_names


def search_filter(context_types: Sequence[str] = (), lead_status: Sequence[str] = (),
                  ) -> dict[str, Any] | None:
    """The ``SearchEngagements`` filter tree for the common filters (all must hold)."""
    predicates: list[dict[str, Any]] = []
    if context_types:
        predicates.append({"ContainsAny": {"Key": "ContextType",
                                           "Value": {"StringListValue": list(context_types)}}})
    if lead_status:
        predicates.append({"ContainsAny": {"Key": "LeadQualificationStatus",
                                           "Value": {"StringListValue": list(lead_status)}}})
    if not predicates:
        return None
    return predicates[0] if len(predicates) == 1 else {"AndAllFilters": predicates}


def _checked_sort(key: str) -> str:
    """A ``SearchEngagements`` sort key from the model's enum (case-insensitive)."""
    from engtui.api.model import input_member

    keys = list(input_member("SearchEngagements", "Sort").members["SortBy"].enum)
    for known in keys:
        if known.lower() == key.lower():
            return known
    from engtui.api.kinds.ids import shown

    raise InvalidInput(f"{shown(key)} is not a sort key; use one of: {', '.join(keys)}.")


def engagements_query(*, keyword: str = "", group: str = "", context_types: Sequence[str] = (),
                      lead_status: Sequence[str] = (), sort: str = "", ascending: bool = False,
                      ) -> ListQuery:
    order = "ASCENDING" if ascending else "DESCENDING"
    searching = bool(keyword or group or lead_status or (sort and sort != "CreatedDate"))
    if searching:
        if not has_operation("SearchEngagements"):
            raise InvalidInput("This botocore has no SearchEngagements (boto3 1.44.7 or newer "
                               "has it): --search, --group, --lead-status and --sort need it.")
        params: dict[str, Any] = {}
        if keyword:
            params["Keyword"] = keyword
        if group:
            params["GroupId"] = group
        tree = search_filter(context_types, lead_status)
        if tree:
            params["Filter"] = tree
        if sort:
            params["Sort"] = {"SortBy": _checked_sort(sort), "SortOrder": order}
        return ListQuery("SearchEngagements", "EngagementSearchSummaries", params)
    params = {"Sort": {"SortBy": "CreatedDate", "SortOrder": order}}
    if context_types:
        params["ContextTypes"] = list(context_types)
    return ListQuery("ListEngagements", "EngagementSummaryList", params)


def invitations_query(*, participant: str = "RECEIVER", status: Sequence[str] = (),
                      ascending: bool = False) -> ListQuery:
    params: dict[str, Any] = {
        "ParticipantType": participant,
        "Sort": {"SortBy": "InvitationDate",
                 "SortOrder": "ASCENDING" if ascending else "DESCENDING"},
    }
    if status:
        params["Status"] = list(status)
    return ListQuery("ListEngagementInvitations", "EngagementInvitationSummaries", params)


def opportunities_query(*, stage: Sequence[str] = (), ascending: bool = False) -> ListQuery:
    params: dict[str, Any] = {"Sort": {"SortBy": "LastModifiedDate",
                                       "SortOrder": "ASCENDING" if ascending else "DESCENDING"}}
    if stage:
        params["LifeCycleStage"] = list(stage)
    return ListQuery("ListOpportunities", "OpportunitySummaries", params)


def groups_query(*, readiness: str = "") -> ListQuery:
    params: dict[str, Any] = {"ReadinessLevel": readiness} if readiness else {}
    return ListQuery("ListEngagementGroups", "EngagementGroupSummaries", params)
