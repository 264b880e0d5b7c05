"""A record's tags (``ListTagsForResource`` of its ARN): a pane of the kinds whose ARNs carry
an account id (opportunities, customer accounts). The operation has no ``Catalog``: the ARN
names it."""

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
