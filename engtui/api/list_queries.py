"""What each scriptable list asks the service (``engtui list …``; no Textual here): the
operation, the member that holds the items, and the request, from plain options.

Engagements are listed with ``SearchEngagements`` when a keyword, a group or a search-only
filter is given (and the model has it); otherwise with ``ListEngagements``, which every
model since the engagement API has. `ListQuery.operation` says which one is in use.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from engtui.api.identifiers import InvalidInput

ASCENDING = "ASCENDING"
DESCENDING = "DESCENDING"
"""The two sort orders of every list request (``SortOrder``), and of every list's options."""


TYPE_MEMBER = "engtuiType"
"""The member engtui adds to an item of a merged list (`ListQuery.parts`): its part's label
(the ``--type`` a script would give); every other member is the service's own."""


@dataclass(frozen=True)
class ListQuery:
    """One list request: the operation, the member holding its items, the request.

    Several operations in one view (the four task lists, both bulk-job lists) are one
    query of ``parts``: (label, query) each, paged side by side and merged on ``merge_by``
    (newest first unless ``ascending``) by `engtui.api.merged_lists`; each item gets
    ``engtuiType``, its part's label. ``operation`` then only names them for people."""

    operation: str
    result_key: str
    params: dict[str, Any] = field(default_factory=dict)
    note: str = ""  # why it is not the operation asked for (an older model)
    # The service of the operation ("selling", or "benefits": partnercentral-benefits), as
    # `engtui.api.records.RecordKind.service`; the screens and ``engtui list`` send it there.
    service: str = "selling"
    parts: tuple[tuple[str, ListQuery], ...] = ()
    merge_by: str = ""
    ascending: bool = False

    def part_of(self, item: Any) -> ListQuery:
        """The query an item of this one came from (itself, when it has no parts)."""
        if not self.parts or not isinstance(item, dict):
            return self
        return next((part for label, part in self.parts
                     if label == item.get(TYPE_MEMBER)), self)

    @property
    def operations(self) -> tuple[str, ...]:
        """Every operation this query sends."""
        return tuple(part.operation for _, part in self.parts) or (self.operation,)


def has_operation(name: str) -> bool:
    """Does this botocore's model (of either service) have operation ``name``
    (``SearchEngagements`` arrived in 1.44.7)?"""
    from engtui.api.model import BENEFITS_SERVICE, service_model

    return (name in service_model().operation_names
            or name in service_model(BENEFITS_SERVICE).operation_names)


@dataclass(frozen=True)
class EngagementFilters:
    """The common filters of engagements, as plain values (empty: unused). The context
    types and creators are what ``ListEngagements`` filters on too; the rest only
    ``SearchEngagements`` can (the model's ``EngagementSearchFilterName`` keys); the dates
    are UTC days, ``created_from`` to ``created_to`` inclusive."""

    context_types: tuple[str, ...] = ()
    exclude_context_types: tuple[str, ...] = ()
    created_by: tuple[str, ...] = ()
    exclude_created_by: tuple[str, ...] = ()
    lead_status: tuple[str, ...] = ()
    readiness: tuple[str, ...] = ()
    industry: tuple[str, ...] = ()
    country: tuple[str, ...] = ()
    created_from: dt.date | None = None
    created_to: dt.date | None = None
    modified_from: dt.date | None = None
    modified_to: dt.date | None = None

    @property
    def search_only(self) -> bool:
        """Is a filter set that only ``SearchEngagements`` has?"""
        return bool(self.lead_status or self.readiness or self.industry or self.country
                    or self.created_from or self.created_to or self.modified_from
                    or self.modified_to)


def max_branches() -> int:
    """How many sub-filters one ``AndAllFilters`` / ``OrAllFilters`` list may hold: the
    model's ``EngagementSearchFilterList`` maximum (10; its documentation: "each combinator
    list can contain up to 10 entries", nesting at most 3 deep)."""
    from engtui.api.model import service_model

    return int(service_model().shape_for("EngagementSearchFilterList").metadata["max"])


def _equals(key: str, value: str) -> dict[str, Any]:
    return {"EqualsTo": {"Key": key, "Value": {"StringValue": value}}}


def _exact(keys: Sequence[str], values: Sequence[str], what: str) -> dict[str, Any]:
    """The field (any of ``keys``) equals one of ``values``, exactly.

    Why ``EqualsTo`` and not ``ContainsAny``: the model documents ``ContainsAny`` as a
    case-insensitive *substring* match ("Qualified" would also match "Unqualified" and
    "Disqualified"); ``EqualsTo`` matches when the field equals the value. Several values
    (or keys) are an ``OrAllFilters`` of ``EqualsTo``, at most `max_branches` of them."""
    leaves = [_equals(key, value) for value in values for key in keys]
    limit = max_branches()
    if len(leaves) > limit:
        raise InvalidInput(f"At most {limit // len(keys)} values of {what} can be searched "
                           f"at once (the service takes {limit} conditions per filter).")
    return leaves[0] if len(leaves) == 1 else {"OrAllFilters": leaves}


def _start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def _dates(key: str, first: dt.date | None, last: dt.date | None) -> list[dict[str, Any]]:
    """``first`` to ``last`` (whole UTC days, both included) on a date key."""
    found: list[dict[str, Any]] = []
    if first:
        found.append({"GreaterThanOrEquals": {"Key": key, "Value": {"DateValue": _start(first)}}})
    if last:
        end = _start(last + dt.timedelta(days=1))
        found.append({"LessThan": {"Key": key, "Value": {"DateValue": end}}})
    return found


def search_filter(context_types: Sequence[str] = (), lead_status: Sequence[str] = (),
                  filters: EngagementFilters | None = None) -> dict[str, Any] | None:
    """The ``SearchEngagements`` filter tree for the common filters (all must hold): an
    industry or a country matches a lead's customer or a prospecting result's."""
    f = filters or EngagementFilters()
    predicates: list[dict[str, Any]] = []
    if context_types or f.context_types:
        predicates.append(_exact(["ContextType"], [*context_types, *f.context_types],
                                 "context type"))
    # Each excluded type is its own NotFilter (a Not of an Or would nest four deep).
    predicates += [{"NotFilter": _equals("ContextType", name)}
                   for name in f.exclude_context_types]
    if lead_status or f.lead_status:
        predicates.append(_exact(["LeadQualificationStatus"], [*lead_status, *f.lead_status],
                                 "lead status"))
    if f.readiness:
        predicates.append(_exact(["LeadReadinessScore"], f.readiness, "readiness"))
    for keys, values, what in (
            (("LeadCustomerIndustry", "ProspectingCustomerIndustry"), f.industry, "industry"),
            (("LeadCustomerCountryCode", "ProspectingCustomerCountry"), f.country, "country")):
        if values:
            predicates.append(_exact(keys, values, what))
    predicates += _dates("CreatedAt", f.created_from, f.created_to)
    predicates += _dates("LastModifiedAt", f.modified_from, f.modified_to)
    if not predicates:
        return None
    if len(predicates) > max_branches():
        raise InvalidInput(f"Too many filters at once: the service takes {max_branches()} "
                           f"conditions, these make {len(predicates)}.")
    return predicates[0] if len(predicates) == 1 else {"AndAllFilters": predicates}


def model_enum(operation: str, member: str) -> tuple[str, ...]:
    """The values the model allows for an input member of ``operation`` (a list's items'
    enum for a list member; ``()`` when the model names none). A ``member`` the input does
    not have at its top is the name of a shape of the model (``EnrichmentStatus``, inside
    ``SearchCustomerAccounts``' filter tree)."""
    from engtui.api.model import input_member, service_model
    from engtui.api.model import operation as operation_model

    top = operation_model(operation).input_shape
    shape = (input_member(operation, member) if top is not None and member in top.members
             else service_model().shape_for(member))
    if shape.type_name == "list":
        shape = shape.member
    return tuple(getattr(shape, "enum", None) or ())


def checked_values(values: Sequence[str], allowed: Sequence[str], what: str) -> list[str]:
    """``values`` in the model's spelling of ``allowed`` (compared without case), refused
    with one sentence (`InvalidInput`) when one is not among them: nothing is sent."""
    by_lower = {value.lower(): value for value in allowed}
    checked = []
    for value in values:
        known = by_lower.get(value.strip().lower())
        if known is None:
            from engtui.textsafe import printable

            raise InvalidInput(f"“{printable(value, limit=40)}” is not {what}; use one of: "
                               f"{', '.join(allowed)}.")
        checked.append(known)
    return list(dict.fromkeys(checked))


def _model_values(values: Sequence[str], operation: str, member: str,
                  what: str) -> list[str]:
    """`checked_values` against the enum of ``operation``'s ``member``."""
    allowed = model_enum(operation, member)
    return checked_values(values, allowed, what) if allowed else list(values)


def sort_keys() -> tuple[str, ...]:
    """The model's ``SearchEngagements`` sort keys (``EngagementSearchSortName``)."""
    from engtui.api.model import input_member

    return tuple(input_member("SearchEngagements", "Sort").members["SortBy"].enum)


def _checked_sort(key: str) -> str:
    """A ``SearchEngagements`` sort key from the model's enum (case-insensitive)."""
    return checked_values([key], sort_keys(), "a sort key")[0]


NO_SEARCH = "this botocore has no SearchEngagements"


def engagements_query(*, keyword: str = "", group: str = "", context_types: Sequence[str] = (),
                      lead_status: Sequence[str] = (), sort: str = "", ascending: bool = False,
                      filters: EngagementFilters | None = None, page_size: int | None = None,
                      fallback: bool = False) -> ListQuery:
    """``SearchEngagements`` when a keyword, a group, a search-only filter or a sort other
    than the created date is asked for, else ``ListEngagements``. Without
    ``SearchEngagements`` in the model, such a query raises `InvalidInput`; with
    ``fallback`` (the list screen) it is ``ListEngagements`` of what that can filter, and
    `ListQuery.note` says why."""
    f = _checked_filters(filters or EngagementFilters())
    context_types = _model_values(context_types, "ListEngagements", "ContextTypes",
                                  "a context type")
    order = ASCENDING if ascending else DESCENDING
    sort = "" if sort == "CreatedDate" else sort
    searching = bool(keyword or group or lead_status or f.search_only or sort)
    note = ""
    if (searching or fallback) and not has_operation("SearchEngagements"):
        if not fallback:
            raise InvalidInput("This botocore has no SearchEngagements (boto3 1.44.7 or newer "
                               "has it): --search, --group, --lead-status and --sort need it.")
        searching, note = False, NO_SEARCH  # the list screen says so, searching or not
    limit = {"MaxResults": page_size} if page_size else {}
    if searching:
        if f.created_by or f.exclude_created_by:
            raise InvalidInput("Created by filters ListEngagements only: clear it to search.")
        params: dict[str, Any] = {}
        if keyword:
            params["Keyword"] = keyword
        if group:
            params["GroupId"] = group
        tree = search_filter(context_types, lead_status, f)
        if tree:
            params["Filter"] = tree
        if sort or ascending:  # without a Sort, the service lists newest first
            params["Sort"] = {"SortBy": _checked_sort(sort or "CreatedAt"), "SortOrder": order}
        return ListQuery("SearchEngagements", "EngagementSearchSummaries", {**params, **limit})
    params = {"Sort": {"SortBy": "CreatedDate", "SortOrder": order}, **limit}
    for name, values in (("ContextTypes", [*context_types, *f.context_types]),
                         ("ExcludeContextTypes", f.exclude_context_types),
                         ("CreatedBy", f.created_by),
                         ("ExcludeCreatedBy", f.exclude_created_by)):
        if values:
            params[name] = list(values)
    return ListQuery("ListEngagements", "EngagementSummaryList", params, note)


def _checked_filters(f: EngagementFilters) -> EngagementFilters:
    """The filters with context types in the model's spelling (refused when unknown)."""
    from dataclasses import replace

    def types(values: Sequence[str]) -> tuple[str, ...]:
        return tuple(_model_values(values, "ListEngagements", "ContextTypes",
                                   "a context type"))

    return replace(f, context_types=types(f.context_types),
                   exclude_context_types=types(f.exclude_context_types))


def invitations_query(*, participant: str = "RECEIVER", status: Sequence[str] = (),
                      ascending: bool = False, page_size: int | None = None) -> ListQuery:
    operation = "ListEngagementInvitations"
    participant = _model_values([participant], operation, "ParticipantType",
                                "a participant type")[0]
    status = _model_values(status, operation, "Status", "an invitation status")
    params: dict[str, Any] = {
        "ParticipantType": participant,
        "Sort": {"SortBy": "InvitationDate",
                 "SortOrder": ASCENDING if ascending else DESCENDING},
    }
    if page_size:
        params["MaxResults"] = page_size
    if status:
        params["Status"] = list(status)
    return ListQuery("ListEngagementInvitations", "EngagementInvitationSummaries", params)


def groups_query(*, readiness: str = "", page_size: int | None = None,
                 ascending: bool | None = None) -> ListQuery:
    """``ListEngagementGroups``; with ``ascending`` set, sorted by ``UpdatedAt``."""
    if readiness:
        readiness = _model_values([readiness], "ListEngagementGroups", "ReadinessLevel",
                                  "a readiness level")[0]
    params: dict[str, Any] = {"ReadinessLevel": readiness} if readiness else {}
    if ascending is not None:
        params["Sort"] = {"SortBy": "UpdatedAt",
                          "SortOrder": ASCENDING if ascending else DESCENDING}
    if page_size:
        params["MaxResults"] = page_size
    return ListQuery("ListEngagementGroups", "EngagementGroupSummaries", params)
