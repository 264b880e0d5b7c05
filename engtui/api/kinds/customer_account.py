"""The customer account: ``GetCustomerAccount`` (``cust-acc-`` ids), drawn whole; reached
from a ``CustomerAccount`` context's ``AccountIdentifier``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from engtui.api.kinds.ids import IdSyntax
from engtui.api.kinds.tags import TAGS
from engtui.api.records import RecordKind

IDS = IdSyntax("cust-acc-", r"cust-acc-[0-9a-z]{13}", "customer-account",
               "a customer account", "cust-acc- and 13 letters or digits")


def _title(data: Mapping[str, Any]) -> str:
    account = data.get("Account") or {}
    return str(account.get("CompanyName") or data.get("Id") or "")


CUSTOMER_ACCOUNT = RecordKind(
    name="customer_account",
    title="Customer account",
    get_operation="GetCustomerAccount",
    id_param="Identifier",
    parse=IDS.parser(lambda: CUSTOMER_ACCOUNT),
    recognises=IDS.recognises,
    title_member="",
    title_of=_title,
    header_pairs={"Id": "EnrichmentStatus", "CreatedDate": "LastModifiedDate"},
    header_members=("Id", "EnrichmentStatus", "CreatedDate", "LastModifiedDate"),
    related=(TAGS,),
    prefix=IDS.prefix,
    aliases=("cust", "account"),
)
