"""The customer account: ``GetCustomerAccount`` (``cust-acc-`` ids), drawn whole; reached
from a ``CustomerAccount`` context's ``AccountIdentifier``; the catalog's accounts as a list
(``SearchCustomerAccounts``, ACTION_REQUIRED first) and their statistics as bars (``g``:
``GetCustomerAccountStatistics``; `engtui.api.customer_accounts`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from engtui.api.kinds.ids import IdSyntax
from engtui.api.kinds.tags import TAGS
from engtui.api.pictures import ListPicture
from engtui.api.records import (
    ListColumn,
    ListFlag,
    ListKey,
    ListKind,
    ListSwitch,
    RecordKind,
    deferred,
    deferred_call,
    deferred_options,
)

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


STATISTICS = ListPicture(
    key="g",
    label="Stats",
    help="The customer accounts' statistics (GetCustomerAccountStatistics) as bars, field "
         "by field; Enter lists a bucket's accounts",
    title="Customer account statistics",
    request=deferred_call("engtui.api.customer_accounts", "statistics_request"),
    read=deferred_call("engtui.api.customer_accounts", "statistics_bars"),
    narrowed=deferred_call("engtui.api.customer_accounts", "narrowed_to_bucket"),
)

CUSTOMER_ACCOUNT_LIST = ListKind(
    name="customer_accounts",
    title="Customer accounts",
    noun="customer account",
    opens="customer_account",
    columns=(
        ListColumn("Id", 22, 9, filtered=True),
        ListColumn("Company", 0, 8, filtered=True),
        ListColumn("Enrichment", 15, 6),
        ListColumn("Your id", 14, 3, filtered=True),
        ListColumn("Segment", 12, 4),
        ListColumn("Modified", 10, 7, muted=True, sort_mark=True),
    ),
    make_row=deferred("engtui.api.customer_accounts", "account_row"),
    item_id=lambda summary: summary.id,
    crumb="Customer accounts",
    switches=(ListSwitch("enrichment_status", "f", "Status",
                         "Which enrichment status: action required (the default), pending, "
                         "no match found, enriched, any (reloads)"),),
    make_options=deferred_options("engtui.api.customer_accounts", "CustomerAccountOptions"),
    query=lambda options: options.query(),
    make_item=deferred("engtui.api.customer_accounts", "CustomerAccountSummary.from_api"),
    key=ListKey("f8", "Accounts",
                "The customer accounts of this catalog, those that need action first",
                "List customer accounts",
                "The catalog's customer accounts, ACTION_REQUIRED first"),
    cli_flags=(
        ListFlag("--enrichment-status", "enrichment_status",
                 "enrichment status (repeatable; default: every account)", metavar="STATUS",
                 repeat=True, enum=("SearchCustomerAccounts", "EnrichmentStatus")),
        ListFlag("--ascending", "ascending", "least recently modified first", switch=True),
    ),
    cli_name="customer-accounts",
    cli_query=deferred_call("engtui.api.customer_accounts", "accounts_query"),
    aliases=("accounts", "custs"),
    picture=STATISTICS,
)
