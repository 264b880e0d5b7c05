"""What the real service sends, on purpose in the demo data: on the wire and through botocore.

Explicit ``null`` members, nine fractional digits, ``aws`` as an account, summaries without
``ContextTypes`` or ``ModifiedAt``, contexts without an ``Id``, members the model does not
know, values that break the model's patterns (served only where the data says so), and the
demo's own ``$`` keys, which never reach a client.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from demo_support import client_fixture, raw_call
from support import engagement

from engtui.demo.data import DemoDataError, DemoDataset
from engtui.demo.server import DemoServer

ODD = "eng-x9q2r7k4w1m5z3"  # nulls, an unknown member, "WebsiteUrl": "null", no summary types
PROSPECT = "eng-p4r0s5p3c7r3s1"  # nine fractional digits, a context without an Id


client = client_fixture()  # a boto3 client of conftest's shared demo_server


def wire(demo_server: DemoServer, operation: str, **params: Any) -> dict[str, Any]:
    status, _, body = raw_call(demo_server.url, operation, {"Catalog": "Sandbox", **params})
    assert status == 200, body
    return json.loads(body)  # type: ignore[no-any-return]


def test_nine_fractional_digits_go_out_as_written(demo_server: DemoServer, client: Any) -> None:
    raw = wire(demo_server, "GetEngagement", Identifier=PROSPECT)
    assert raw["CreatedAt"] == "2025-02-10T15:58:11.520786314Z"
    parsed = client.get_engagement(Catalog="Sandbox", Identifier=PROSPECT)
    assert parsed["CreatedAt"].microsecond == 520786
    invitation = wire(demo_server, "GetEngagementInvitation", Identifier="engi-p3nd1ngaws001")
    assert invitation["InvitationDate"] == "2026-11-24T09:30:00.123456789Z"


def test_contexts_without_an_id_and_aws_as_creator(demo_server: DemoServer, client: Any) -> None:
    raw = wire(demo_server, "GetEngagement", Identifier=PROSPECT)
    assert "Id" not in raw["Contexts"][0] and raw["CreatedBy"] == "aws"
    parsed = client.get_engagement(Catalog="Sandbox", Identifier=PROSPECT)
    assert parsed["Contexts"][0]["Type"] == "ProspectingResult" and "Id" not in parsed[
        "Contexts"][0]
    invitation = client.get_engagement_invitation(Catalog="Sandbox",
                                                  Identifier="engi-p3nd1ngaws001")
    assert invitation["SenderAwsAccountId"] == "aws"


def test_explicit_nulls_and_unknown_members(demo_server: DemoServer, client: Any) -> None:
    raw = wire(demo_server, "GetEngagement", Identifier=ODD)
    assert raw["Description"] is None and raw["ModifiedBy"] is None  # sent as null
    assert raw["EngagementStage"] == "Active"  # a member this model does not have
    assert raw["Contexts"][0]["Source"] == "Marketplace"
    assert raw["CreatedBy"] == "12345678901"  # eleven digits
    parsed = client.get_engagement(Catalog="Sandbox", Identifier=ODD)
    assert "Description" not in parsed and "EngagementStage" not in parsed  # botocore drops them
    summary = wire(demo_server, "GetAwsOpportunitySummary", RelatedOpportunityIdentifier="O4820113")
    assert summary["Insights"] is None and summary["AwsSellerNote"] == "not in the model"


def test_values_breaking_the_models_patterns_are_served(demo_server: DemoServer,
                                                        client: Any) -> None:
    parsed = client.get_engagement(Catalog="Sandbox", Identifier=ODD)
    assert parsed["Contexts"][0]["Payload"]["CustomerProject"]["Customer"]["WebsiteUrl"] == "null"
    account = client.get_customer_account(Catalog="Sandbox", Identifier="cust-acc-keelmrtm00002")
    assert ":11112222333:" in account["ExistingCustomerAccountArn"]  # an 11-digit account


def test_summaries_without_context_types_or_modified_at(client: Any) -> None:
    (summary,) = client.list_engagements(Catalog="Sandbox", EngagementIdentifier=[ODD])[
        "EngagementSummaryList"]
    assert "ContextTypes" not in summary and "ModifiedAt" not in summary
    (other,) = client.list_engagements(Catalog="Sandbox", EngagementIdentifier=[PROSPECT])[
        "EngagementSummaryList"]
    assert other["ContextTypes"] == ["ProspectingResult", "CustomerProject"]


def test_the_demos_own_keys_never_reach_a_client(demo_server: DemoServer) -> None:
    raw = json.dumps([
        wire(demo_server, "GetEngagement", Identifier=ODD),
        wire(demo_server, "ListEngagementGroups"),
        wire(demo_server, "ListEngagementInvitations", ParticipantType="SENDER"),
        wire(demo_server, "GetCustomerAccount", Identifier="cust-acc-keelmrtm00002"),
    ])
    assert '"$' not in raw


# -- the data file: pattern breaks only where allowed ---------------------------------------------
def odd_url(**extra: Any) -> dict[str, Any]:
    item = engagement()
    item["Contexts"][0]["Payload"]["CustomerProject"]["Customer"]["WebsiteUrl"] = "null"
    item.update(extra)
    return {"engagements": [item]}


def test_a_pattern_break_is_an_error_unless_allowed() -> None:
    with pytest.raises(DemoDataError, match=r"engagements\[0\]\.Contexts\[0\].*WebsiteUrl"):
        DemoDataset.from_json(json.dumps(odd_url()))
    path = "Contexts[0].Payload.CustomerProject.Customer.WebsiteUrl"
    data = DemoDataset.from_json(json.dumps(odd_url(**{"$allow": [path]})))
    assert len(data) == 1


def test_an_allowance_must_name_a_real_break() -> None:
    item = engagement(**{"$allow": ["Title"]})
    with pytest.raises(DemoDataError, match=r"\$allow: Title breaks no pattern"):
        DemoDataset.from_json(json.dumps({"engagements": [item]}))


def test_records_of_each_kind_are_checked() -> None:
    bad = {"invitations": [{"Id": "engi-0000000000001", "Status": "PENDING",
                            "InvitationDate": "yesterday"}]}
    with pytest.raises(DemoDataError, match=r"invitations\[0\]\.InvitationDate"):
        DemoDataset.from_json(json.dumps(bad))
    with pytest.raises(DemoDataError, match=r"opportunities\[0\]\.Id"):
        DemoDataset.from_json(json.dumps({"opportunities": [{"Id": "opp-1"}]}))
