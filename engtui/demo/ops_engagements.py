"""Engagements, their members and resource associations, and engagement groups.

* ``ListEngagements`` returns engagements in data order unless ``Sort`` is given (by
  ``CreatedDate``, the only key the model has); ``ContextTypes`` keeps engagements having
  any of the types, ``ExcludeContextTypes`` drops them; ``CreatedBy``/``ExcludeCreatedBy``
  filter on the creator; ``EngagementIdentifier`` keeps the listed ids or ARNs. Its
  summaries carry ``ContextTypes`` unless the engagement's ``$summary_omits`` says not to.
* ``ListEngagementResourceAssociations`` filters are exact matches, by engagement
  (``EngagementIdentifier``) or by resource (``ResourceIdentifier``: which engagements an
  opportunity belongs to); an engagement that does not exist simply has none.
* ``ListEngagementGroups`` filters by ``ReadinessLevel`` and ``EngagementGroupIdentifiers``
  and sorts by ``Count`` or ``UpdatedAt``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from engtui.demo import model
from engtui.demo.data import DemoDataset
from engtui.demo.listing import Filter, ListSpec, handler, summary_of
from engtui.demo.lookup import find, identifiers_in

__all__ = ["OPERATIONS", "context_types", "find_engagement"]

Record = dict[str, Any]
Params = dict[str, Any]


def find_engagement(dataset: DemoDataset, catalog: str, identifier: str) -> Record:
    """The engagement ``identifier`` (id or ARN) names, else ``ResourceNotFoundException``."""
    return find(
        dataset.engagements, catalog, identifier, arn_kind="engagement", label="Engagement"
    )


def context_types(engagement: Record) -> list[str]:
    """The distinct context types of an engagement, in order."""
    types = [context.get("Type") for context in engagement.get("Contexts") or ()]
    return list(dict.fromkeys(t for t in types if t))


def get_engagement(dataset: DemoDataset, params: Params) -> Record:
    """``GetEngagement``: the whole engagement record."""
    return find_engagement(dataset, params["Catalog"], params["Identifier"])


def _engagement_summary(engagement: Record) -> Record:
    members = model.shape("EngagementSummary").members
    summary = {name: engagement[name] for name in members if name in engagement}
    if "ContextTypes" in members:
        summary["ContextTypes"] = context_types(engagement)
    for name in engagement.get("$summary_omits") or ():
        summary.pop(name, None)
    return summary


def _catalog_engagements(dataset: DemoDataset, params: Params) -> Sequence[Record]:
    return dataset.index().engagements.get(params["Catalog"], [])


def _creator(record: Record) -> list[Any]:
    return [record.get("CreatedBy")]


LIST_ENGAGEMENTS = ListSpec(
    "ListEngagements",
    "EngagementSummaryList",
    _catalog_engagements,
    _engagement_summary,
    filters=(
        Filter(
            "EngagementIdentifier",
            lambda e: [e["Id"]],
            wanted=lambda given, params: identifiers_in(given, params, "engagement"),
        ),
        Filter("ContextTypes", context_types),
        Filter("ExcludeContextTypes", context_types, "none"),
        Filter("CreatedBy", _creator),
        Filter("ExcludeCreatedBy", _creator, "none"),
    ),
    sorts={"CreatedDate": lambda e: (e["CreatedAt"], e["Id"])},
)


def _members(dataset: DemoDataset, params: Params) -> Sequence[Record]:
    engagement = find_engagement(dataset, params["Catalog"], params["Identifier"])
    return dataset.members.get(engagement["Id"], [])


LIST_MEMBERS = ListSpec("ListEngagementMembers", "EngagementMemberList", _members)


def _associations(dataset: DemoDataset, params: Params) -> Sequence[Record]:
    index, catalog = dataset.index(), params["Catalog"]
    if params.get("EngagementIdentifier"):
        return index.by_engagement.get((catalog, params["EngagementIdentifier"]), [])
    if params.get("ResourceIdentifier"):
        return index.by_resource.get((catalog, params["ResourceIdentifier"]), [])
    return index.associations.get(catalog, [])


def _member(name: str) -> Any:
    return lambda record: [record.get(name)]


LIST_ASSOCIATIONS = ListSpec(
    "ListEngagementResourceAssociations",
    "EngagementResourceAssociationSummaries",
    _associations,
    filters=(
        Filter("EngagementIdentifier", _member("EngagementId"), "equals"),
        Filter("ResourceIdentifier", _member("ResourceId"), "equals"),
        Filter("ResourceType", _member("ResourceType"), "equals"),
        Filter("CreatedBy", _member("CreatedBy"), "equals"),
    ),
)


LIST_GROUPS = ListSpec(
    "ListEngagementGroups",
    "EngagementGroupSummaries",
    lambda dataset, params: dataset.index().of_kind("groups", params["Catalog"]),
    summary_of("EngagementGroupSummary"),
    filters=(
        Filter("ReadinessLevel", _member("ReadinessLevel"), "equals"),
        Filter(
            "EngagementGroupIdentifiers",
            lambda group: [group["Id"]],
            wanted=lambda given, params: identifiers_in(given, params, "engagement-group"),
        ),
    ),
    sorts={"Count": lambda g: g.get("Count"), "UpdatedAt": lambda g: g.get("UpdatedAt")},
)


OPERATIONS = {
    "GetEngagement": get_engagement,
    "ListEngagements": handler(LIST_ENGAGEMENTS),
    "ListEngagementMembers": handler(LIST_MEMBERS),
    "ListEngagementResourceAssociations": handler(LIST_ASSOCIATIONS),
    "ListEngagementGroups": handler(LIST_GROUPS),
}
