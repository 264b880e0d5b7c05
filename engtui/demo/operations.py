"""The four read operations the demo endpoint serves, with the service's semantics.

``prepare`` checks a request body against the operation's input shape (see
``validation``) and returns a ``Call``; ``Call.execute`` answers it from a
``DemoDataset``. Behaviour worth knowing:

* ``Catalog`` must be ``AWS`` or ``Sandbox``. The model only asks for ``[a-zA-Z]+``, but
  the documentation lists exactly these two values, and the service rejects others before
  looking anything up, so any other catalog gets a ``ValidationException``
  (``INVALID_ENUM_VALUE`` on ``Catalog``) rather than a ``ResourceNotFoundException``.
* An engagement lives in one catalog. ``Identifier`` may be its id or its ARN
  (``arn:aws:partnercentral:us-east-1::catalog/Sandbox/engagement/eng-...``); an id from
  the other catalog, an ARN naming the other catalog or an ARN of another form is
  ``ResourceNotFoundException``.
* Pages: ``MaxResults`` defaults to the largest value the model allows for the
  operation (100 engagements, 10 members, 1000 associations). ``NextToken`` is opaque
  and bound to the operation and its filters; a token that was not issued for the same
  query is a ``ValidationException`` on ``NextToken``.
* ``ListEngagements`` returns engagements in data order unless ``Sort`` is given;
  ``ContextTypes`` keeps engagements having any of the types, ``ExcludeContextTypes``
  drops them; ``CreatedBy``/``ExcludeCreatedBy`` filter on the creator;
  ``EngagementIdentifier`` keeps the listed ids or ARNs.
* ``ListEngagementResourceAssociations`` filters are exact matches; an engagement that
  does not exist simply has no associations.
* Any other operation, even one the real service has (``ListOpportunities``), is
  answered with ``UnknownOperationException``: the demo only serves what engtui reads.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from engtui.demo import model
from engtui.demo.data import CATALOGS, DemoDataset, parse_engagement_arn
from engtui.demo.protocol import (
    Response,
    ServiceError,
    invalid_value,
    not_found,
    success,
    validation_error,
)
from engtui.demo.validation import INVALID_ENUM_VALUE, Mode, check

__all__ = ["OPERATIONS", "Call", "prepare"]

Handler = Callable[[DemoDataset, dict[str, Any]], dict[str, Any]]


@dataclass(frozen=True)
class Call:
    """A checked request, ready to run."""

    operation: str
    params: dict[str, Any]
    fault_keys: tuple[str, ...]

    def execute(self, dataset: DemoDataset) -> Response:
        """Answer the call from ``dataset`` (raises ``ServiceError``)."""
        payload = OPERATIONS[self.operation](dataset, self.params)
        return success(model.operation_model(self.operation).output_shape, payload)


def prepare(operation: str, body: Any) -> Call:
    """Check ``body`` for ``operation``; raise ``ServiceError`` if it is not acceptable."""
    if operation not in OPERATIONS:
        raise ServiceError("UnknownOperationException", f"Unknown operation {operation}")
    if not isinstance(body, dict):
        raise ServiceError("SerializationException", "The request body must be a JSON object")
    shape = model.operation_model(operation).input_shape
    params, issues = check(shape, body, Mode.INPUT)
    if issues:
        raise validation_error(issues)
    if params["Catalog"] not in CATALOGS:
        raise invalid_value(
            "Catalog",
            f"Member must satisfy enum value set: [{', '.join(CATALOGS)}]",
            INVALID_ENUM_VALUE,
            repr(params["Catalog"]),
        )
    return Call(operation, params, (*_identifier_keys(params), operation))


def _identifier_keys(params: dict[str, Any]) -> Iterable[str]:
    for name in ("Identifier", "EngagementIdentifier"):
        value = params.get(name)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                parsed = parse_engagement_arn(item)
                yield parsed[1] if parsed else item


# -- shared helpers ---------------------------------------------------------------------
def _find(dataset: DemoDataset, catalog: str, identifier: str) -> dict[str, Any]:
    engagement_id = identifier
    if identifier.startswith("arn:"):
        parsed = parse_engagement_arn(identifier)
        if parsed is None or parsed[0] != catalog:
            raise not_found(f"Engagement {identifier} was not found in catalog {catalog}.")
        engagement_id = parsed[1]
    engagement = dataset.get(catalog, engagement_id)
    if engagement is None:
        raise not_found(f"Engagement {engagement_id} was not found in catalog {catalog}.")
    return engagement


def _page(
    operation: str,
    params: dict[str, Any],
    items: list[Any],
    result_key: str,
    convert: Callable[[Any], Any] | None = None,
) -> dict[str, Any]:
    """Cut ``items`` into the page ``MaxResults``/``NextToken`` ask for (then ``convert``)."""
    limit = params.get("MaxResults") or _max_page_size(operation)
    fingerprint = _fingerprint(operation, params)
    start = 0
    token = params.get("NextToken")
    if token:
        start = _decode_token(token, fingerprint)
    end = start + limit
    page = items[start:end]
    result: dict[str, Any] = {result_key: [convert(i) for i in page] if convert else page}
    if end < len(items):
        result["NextToken"] = _encode_token(fingerprint, end)
    return result


def _max_page_size(operation: str) -> int:
    shape = model.operation_model(operation).input_shape.members["MaxResults"]
    return int(shape.metadata["max"])


def _fingerprint(operation: str, params: dict[str, Any]) -> str:
    query = {k: v for k, v in params.items() if k not in ("NextToken", "MaxResults")}
    text = json.dumps([operation, query], sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _encode_token(fingerprint: str, offset: int) -> str:
    raw = json.dumps({"q": fingerprint, "o": offset}, separators=(",", ":")).encode("ascii")
    return base64.urlsafe_b64encode(raw).decode("ascii")


def _decode_token(token: str, fingerprint: str) -> int:
    try:
        decoded = json.loads(base64.urlsafe_b64decode(token.encode("ascii")))
        offset = decoded["o"]
        valid = decoded["q"] == fingerprint and isinstance(offset, int) and offset >= 0
    except (ValueError, TypeError, KeyError, binascii.Error, UnicodeError):
        valid = False
    if not valid:
        raise invalid_value(
            "NextToken", "Member must be a token returned by a previous call with the same query"
        )
    return int(offset)


# -- the operations -----------------------------------------------------------------------
def get_engagement(dataset: DemoDataset, params: dict[str, Any]) -> dict[str, Any]:
    """``GetEngagement``: the whole engagement record."""
    return _find(dataset, params["Catalog"], params["Identifier"])


def list_engagements(dataset: DemoDataset, params: dict[str, Any]) -> dict[str, Any]:
    """``ListEngagements``: filtered, optionally sorted, paginated summaries."""
    catalog = params["Catalog"]
    wanted_ids = None
    if params.get("EngagementIdentifier"):
        wanted_ids = set()
        for identifier in params["EngagementIdentifier"]:
            parsed = parse_engagement_arn(identifier) if identifier.startswith("arn:") else None
            if parsed is None:
                wanted_ids.add(identifier)
            elif parsed[0] == catalog:
                wanted_ids.add(parsed[1])
    include_types = set(params.get("ContextTypes") or ())
    exclude_types = set(params.get("ExcludeContextTypes") or ())
    creators = set(params.get("CreatedBy") or ())
    excluded_creators = set(params.get("ExcludeCreatedBy") or ())

    selected = []
    for (cat, engagement_id), engagement in dataset.engagements.items():
        if cat != catalog or (wanted_ids is not None and engagement_id not in wanted_ids):
            continue
        types = {context.get("Type") for context in engagement.get("Contexts") or ()}
        if include_types and not types & include_types:
            continue
        if types & exclude_types:
            continue
        creator = engagement.get("CreatedBy")
        if (creators and creator not in creators) or creator in excluded_creators:
            continue
        selected.append(engagement)

    sort = params.get("Sort")
    if sort:
        selected.sort(
            key=lambda e: (e["CreatedAt"], e["Id"]), reverse=sort["SortOrder"] == "DESCENDING"
        )
    return _page("ListEngagements", params, selected, "EngagementSummaryList", _summary)


def _summary(engagement: dict[str, Any]) -> dict[str, Any]:
    members = model.shape("EngagementSummary").members
    summary = {name: engagement[name] for name in members if name in engagement}
    if "ContextTypes" in members:
        types = [context.get("Type") for context in engagement.get("Contexts") or ()]
        summary["ContextTypes"] = list(dict.fromkeys(t for t in types if t))
    return summary


def list_engagement_members(dataset: DemoDataset, params: dict[str, Any]) -> dict[str, Any]:
    """``ListEngagementMembers``: the members of one engagement, paginated."""
    engagement = _find(dataset, params["Catalog"], params["Identifier"])
    members = dataset.members.get(engagement["Id"], [])
    return _page("ListEngagementMembers", params, members, "EngagementMemberList")


def list_engagement_resource_associations(
    dataset: DemoDataset, params: dict[str, Any]
) -> dict[str, Any]:
    """``ListEngagementResourceAssociations``: exact-match filters, paginated."""
    filters = {
        name: params[name]
        for name in ("EngagementIdentifier", "ResourceType", "ResourceIdentifier", "CreatedBy")
        if params.get(name) is not None
    }
    fields = {
        "EngagementIdentifier": "EngagementId",
        "ResourceIdentifier": "ResourceId",
        "ResourceType": "ResourceType",
        "CreatedBy": "CreatedBy",
    }
    catalog = params["Catalog"]
    selected = [
        association
        for association in dataset.associations
        if association["Catalog"] == catalog
        and all(association.get(fields[name]) == value for name, value in filters.items())
    ]
    return _page(
        "ListEngagementResourceAssociations",
        params,
        selected,
        "EngagementResourceAssociationSummaries",
    )


OPERATIONS: dict[str, Handler] = {
    "GetEngagement": get_engagement,
    "ListEngagements": list_engagements,
    "ListEngagementMembers": list_engagement_members,
    "ListEngagementResourceAssociations": list_engagement_resource_associations,
}
