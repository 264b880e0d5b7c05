"""The opportunity: ``GetOpportunity``, drawn whole; the engagements it belongs to beside
it; its AWS opportunity summary a key away (``o``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from engtui.api.kinds.ids import IdSyntax
from engtui.api.records import Column, Link, RecordKind, RelatedList

IDS = IdSyntax("O", r"O[0-9]{1,19}", "opportunity", "an opportunity", "O and digits")


def _title(data: Mapping[str, Any]) -> str:
    """Its project's title, else its customer's company."""
    project = data.get("Project") or {}
    account = (data.get("Customer") or {}).get("Account") or {}
    return str(project.get("Title") or account.get("CompanyName") or "")


ENGAGEMENTS = RelatedList(
    name="engagements",
    title="Engagements",
    operation="ListEngagementResourceAssociations",
    id_param="ResourceIdentifier",
    result_key="EngagementResourceAssociationSummaries",
    item_shape="EngagementResourceAssociationSummary",
    columns=(Column("Engagement", "EngagementId", 20), Column("Type", "ResourceType", 12),
             Column("Created by", "CreatedBy")),
    row_link=Link("EngagementId", "engagement"),
    noun="engagements of this opportunity",
    row_noun="engagement",
    params=lambda data: {"ResourceIdentifier": data.get("Id"), "ResourceType": "Opportunity"},
)

OPPORTUNITY = RecordKind(
    name="opportunity",
    title="Opportunity",
    get_operation="GetOpportunity",
    id_param="Identifier",
    parse=IDS.parser(lambda: OPPORTUNITY),
    recognises=lambda text: IDS.recognises(text) and not text.strip()[1:2].isalpha(),
    title_member="",
    title_of=_title,
    header_pairs={"Id": "OpportunityType", "CreatedDate": "LastModifiedDate"},
    header_members=("Id", "OpportunityType", "CreatedDate", "LastModifiedDate"),
    related=(ENGAGEMENTS,),
    links=(Link("Id", "aws_summary", label="Its AWS opportunity summary", in_tree=False),),
    placeholder="O… opportunity id",
)
