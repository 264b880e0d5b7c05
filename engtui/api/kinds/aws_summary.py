"""The AWS opportunity summary: ``GetAwsOpportunitySummary`` of an opportunity (AWS's view
of it), drawn whole; back to the opportunity a key away."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from engtui.api.identifiers import InvalidInput
from engtui.api.kinds.ids import shown
from engtui.api.records import Link, RecordKind, RecordRef

_PATTERN = r"O[0-9]{1,19}"


def _parse(text: str) -> RecordRef:
    """An opportunity id (typed ids open the opportunity itself: this kind is reached by
    its link)."""
    import re

    value = text.strip()
    if not re.fullmatch(_PATTERN, value):
        raise InvalidInput(f"{shown(value)} is not an opportunity id (O and digits).")
    return RecordRef(AWS_SUMMARY, value, value)


def _title(data: Mapping[str, Any]) -> str:
    project = data.get("Project") or {}
    return str(project.get("Title") or f"AWS view of {data.get('RelatedOpportunityId') or ''}")


AWS_SUMMARY = RecordKind(
    name="aws_summary",
    title="AWS summary",
    get_operation="GetAwsOpportunitySummary",
    id_param="RelatedOpportunityIdentifier",
    parse=_parse,
    recognises=lambda text: False,
    id_member="RelatedOpportunityId",
    title_member="",
    arn_member="",
    title_of=_title,
    header_pairs={"RelatedOpportunityId": "Origin", "InvolvementType": "Visibility"},
    header_members=("RelatedOpportunityId", "Origin", "InvolvementType", "Visibility"),
    crumb_of=lambda data: f"AWS {data.get('RelatedOpportunityId') or ''}",
    links=(Link("RelatedOpportunityId", "opportunity", label="The opportunity"),),
    aliases=("aws", "summary"),
)
