"""A record's tags (``ListTagsForResource`` of its ARN): a pane of the kinds whose ARNs carry
an account id (opportunities, customer accounts, snapshot jobs, customer-account bulk jobs;
a benefit application, in the benefits service's own ``ListTagsForResource``). An opportunity
bulk job has no pane: the model gives it no ARN (``OpportunityBulkJobSummary``) and no Get.
The operation has no ``Catalog``: the ARN names it."""

from __future__ import annotations

from engtui.api.records import Column, RelatedList

TAGS = RelatedList(
    name="tags", title="Tags", operation="ListTagsForResource", id_param="ResourceArn",
    result_key="Tags", item_shape="Tag",
    columns=(Column("Key", "Key", 30), Column("Value", "Value")),
    noun="tags", row_noun="tag",
    params=lambda data: {"ResourceArn": data.get("Arn") or ""},
    needs="ResourceArn", catalog_param=None,
)

BENEFIT_TAGS = RelatedList(  # partnercentral-benefits spells its members in lower case
    name="tags", title="Tags", operation="ListTagsForResource", id_param="resourceArn",
    result_key="tags", item_shape="Tag",
    columns=(Column("Key", "Key", 30), Column("Value", "Value")),
    noun="tags", row_noun="tag",
    params=lambda data: {"resourceArn": data.get("Arn") or ""},
    needs="resourceArn", catalog_param=None, service="benefits",
)
