"""The co-sell operations of the demo endpoint, through a real boto3 client over HTTP.

Invitations, opportunities, AWS summaries, snapshots, groups, customer accounts and
solutions: each operation answers from the bundled sample, pages through everything once,
rejects what the model rejects, says what is not found, and the records link end to end.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from botocore.exceptions import ClientError
from demo_support import client_fixture, raw_call

from engtui.demo.server import DemoServer

FIXED_NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)  # support.FIXED_NOW: the tests' clock
PENDING_FROM_AWS = "engi-p3nd1ngaws001"
PROSPECT = "eng-p4r0s5p3c7r3s1"  # the engagement that invitation leads to
OPPORTUNITY = "O6100001"
SHARED_OPPORTUNITY = "O4820113"  # linked to two engagements
TEMPLATE = "OpportunitySummary"


client = client_fixture()  # a boto3 client of conftest's shared demo_server


def call(client: Any, operation: str, **params: Any) -> dict[str, Any]:
    answer = getattr(client, _snake(operation))(Catalog="Sandbox", **params)
    answer.pop("ResponseMetadata", None)
    return answer  # type: ignore[no-any-return]


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")


def error_code(excinfo: pytest.ExceptionInfo[ClientError]) -> str:
    return str(excinfo.value.response["Error"]["Code"])


# -- every Get operation: found and not found -----------------------------------------------
GETS = [
    ("GetEngagementInvitation", {"Identifier": PENDING_FROM_AWS}, "Id", PENDING_FROM_AWS),
    ("GetOpportunity", {"Identifier": OPPORTUNITY}, "Id", OPPORTUNITY),
    ("GetAwsOpportunitySummary", {"RelatedOpportunityIdentifier": OPPORTUNITY},
     "RelatedOpportunityId", OPPORTUNITY),
    ("GetCustomerAccount", {"Identifier": "cust-acc-qrryfds000001"}, "Id",
     "cust-acc-qrryfds000001"),
    ("GetResourceSnapshot", {"EngagementIdentifier": PROSPECT, "ResourceType": "Opportunity",
                             "ResourceIdentifier": OPPORTUNITY,
                             "ResourceSnapshotTemplateIdentifier": TEMPLATE}, "Revision", 3),
]
MISSING = [
    ("GetEngagementInvitation", {"Identifier": "engi-0000000000000"}),
    ("GetOpportunity", {"Identifier": "O999"}),
    ("GetAwsOpportunitySummary", {"RelatedOpportunityIdentifier": "O6100004"}),
    ("GetCustomerAccount", {"Identifier": "cust-acc-0000000000000"}),
    ("GetResourceSnapshot", {"EngagementIdentifier": PROSPECT, "ResourceType": "Opportunity",
                             "ResourceIdentifier": OPPORTUNITY,
                             "ResourceSnapshotTemplateIdentifier": TEMPLATE, "Revision": 9}),
]


@pytest.mark.parametrize(("operation", "params", "key", "expected"), GETS,
                         ids=[g[0] for g in GETS])
def test_get_operations_return_the_record(client: Any, operation: str, params: dict[str, Any],
                                          key: str, expected: Any) -> None:
    answer = call(client, operation, **params)
    assert answer[key] == expected
    assert answer["Catalog"] == "Sandbox"


@pytest.mark.parametrize(("operation", "params"), MISSING, ids=[m[0] for m in MISSING])
def test_get_operations_say_not_found(client: Any, operation: str,
                                      params: dict[str, Any]) -> None:
    with pytest.raises(ClientError) as excinfo:
        call(client, operation, **params)
    assert error_code(excinfo) == "ResourceNotFoundException"


def test_records_are_found_by_arn_and_only_in_their_catalog(client: Any) -> None:
    invitation = call(client, "GetEngagementInvitation", Identifier=PENDING_FROM_AWS)
    again = call(client, "GetEngagementInvitation", Identifier=invitation["Arn"])
    assert again == invitation
    account = call(client, "GetCustomerAccount", Identifier="cust-acc-qrryfds000001")
    assert call(client, "GetCustomerAccount", Identifier=account["Arn"])["Id"] == account["Id"]
    with pytest.raises(ClientError) as excinfo:
        client.get_opportunity(Catalog="AWS", Identifier=OPPORTUNITY)
    assert error_code(excinfo) == "ResourceNotFoundException"
    assert client.get_opportunity(Catalog="AWS", Identifier="O1100220")["Catalog"] == "AWS"


# -- validation from the model -----------------------------------------------------------------
@pytest.mark.parametrize(("operation", "params", "field", "code"), [
    ("GetEngagementInvitation", {"Identifier": "engi-short"}, "Identifier",
     "INVALID_STRING_FORMAT"),
    ("ListEngagementInvitations", {}, "ParticipantType", "REQUIRED_FIELD_MISSING"),
    ("ListEngagementInvitations", {"ParticipantType": "RECEIVER", "Status": ["OPEN"]},
     "Status[0]", "INVALID_ENUM_VALUE"),
    ("GetOpportunity", {"Identifier": "opp-1"}, "Identifier", "INVALID_STRING_FORMAT"),
    ("ListResourceSnapshots", {}, "EngagementIdentifier", "REQUIRED_FIELD_MISSING"),
    ("GetResourceSnapshot", {"EngagementIdentifier": PROSPECT, "ResourceType": "Opportunity",
                             "ResourceIdentifier": OPPORTUNITY,
                             "ResourceSnapshotTemplateIdentifier": TEMPLATE, "Revision": 0},
     "Revision", "VALUE_OUT_OF_RANGE"),
    ("ListEngagementGroups", {"MaxResults": 101}, "MaxResults", "VALUE_OUT_OF_RANGE"),
    ("ListSolutions", {"Identifier": ["solution-1"]}, "Identifier[0]", "INVALID_STRING_FORMAT"),
])
def test_requests_are_checked_against_the_model(demo_server: DemoServer, operation: str,
                                                params: dict[str, Any], field: str,
                                                code: str) -> None:
    # Raw calls: botocore's own parameter validation would stop most of these first.
    status, _, body = raw_call(demo_server.url, operation, {"Catalog": "Sandbox", **params})
    error = json.loads(body)
    assert (status, error["__type"], error["Reason"]) == (
        400, "ValidationException", "REQUEST_VALIDATION_FAILED")
    assert [(e["FieldName"], e["Code"]) for e in error["ErrorList"]] == [(field, code)]


# -- pagination: every item exactly once --------------------------------------------------------
LISTS = [
    ("ListEngagementInvitations", "EngagementInvitationSummaries", {"ParticipantType": "RECEIVER"}),
    ("ListEngagementInvitations", "EngagementInvitationSummaries", {"ParticipantType": "SENDER"}),
    ("ListOpportunities", "OpportunitySummaries", {}),
    ("ListResourceSnapshots", "ResourceSnapshotSummaries", {"EngagementIdentifier": PROSPECT}),
    ("ListEngagementGroups", "EngagementGroupSummaries", {}),
    ("ListSolutions", "SolutionSummaries", {}),
    ("SearchEngagements", "EngagementSearchSummaries", {}),
    ("ListEngagementResourceAssociations", "EngagementResourceAssociationSummaries", {}),
]


@pytest.mark.parametrize(("operation", "key", "params"), LISTS,
                         ids=[f"{op}-{i}" for i, (op, _, _) in enumerate(LISTS)])
def test_lists_page_through_every_item_once(client: Any, operation: str, key: str,
                                            params: dict[str, Any]) -> None:
    whole = call(client, operation, **params)[key]
    assert len(whole) >= 2
    paginator = client.get_paginator(_snake(operation))
    pages = list(paginator.paginate(Catalog="Sandbox", **params,
                                    PaginationConfig={"PageSize": 2}))
    assert len(pages) == -(-len(whole) // 2)
    assert all(len(page[key]) <= 2 for page in pages)
    assert [item for page in pages for item in page[key]] == whole


def test_a_token_only_serves_its_own_query(client: Any) -> None:
    first = client.list_opportunities(Catalog="Sandbox", MaxResults=1)
    with pytest.raises(ClientError) as excinfo:
        client.list_solutions(Catalog="Sandbox", NextToken=first["NextToken"])
    assert error_code(excinfo) == "ValidationException"


# -- invitations ---------------------------------------------------------------------------------
def invitations(client: Any, **params: Any) -> list[dict[str, Any]]:
    params.setdefault("ParticipantType", "RECEIVER")
    return call(client, "ListEngagementInvitations", **params)["EngagementInvitationSummaries"]


def test_invitations_received_and_sent_in_every_status(client: Any) -> None:
    received, sent = invitations(client), invitations(client, ParticipantType="SENDER")
    assert {i["ParticipantType"] for i in received} == {"RECEIVER"}
    assert {i["ParticipantType"] for i in sent} == {"SENDER"}
    assert not {i["Id"] for i in received} & {i["Id"] for i in sent}
    statuses = {"PENDING", "ACCEPTED", "REJECTED", "EXPIRED"}
    assert {i["Status"] for i in received} == statuses
    assert {i["Status"] for i in sent} == {"PENDING", "ACCEPTED", "REJECTED"}
    senders = {i["SenderAwsAccountId"] for i in received}
    assert "aws" in senders and len(senders) >= 3  # AWS and other partners
    pending = [i for i in received if i["Status"] == "PENDING"]
    assert all(i["ExpirationDate"] > FIXED_NOW for i in pending)
    expired = [i for i in received if i["Status"] == "EXPIRED"]
    assert all(i["ExpirationDate"] < FIXED_NOW for i in expired)


def test_invitation_filters_and_sort(client: Any) -> None:
    pending = invitations(client, Status=["PENDING"])
    assert [i["Id"] for i in pending] == [PENDING_FROM_AWS, "engi-p3nd1ngprt002",
                                           "engi-p3nd1ngacp003"]  # newest first by default
    oldest = invitations(client, Sort={"SortBy": "InvitationDate", "SortOrder": "ASCENDING"})
    dates = [i["InvitationDate"] for i in oldest]
    assert dates == sorted(dates)
    assert {i["SenderAwsAccountId"] for i in invitations(client, SenderAwsAccountId=["aws"])} == {
        "aws"}
    leads = invitations(client, PayloadType=["LeadInvitation"])
    assert leads and {i["PayloadType"] for i in leads} == {"LeadInvitation"}
    assert [i["Id"] for i in invitations(client, EngagementIdentifier=[PROSPECT])] == [
        PENDING_FROM_AWS]


def test_every_invitation_leads_to_its_engagement(client: Any) -> None:
    for summary in invitations(client) + invitations(client, ParticipantType="SENDER"):
        invitation = call(client, "GetEngagementInvitation", Identifier=summary["Id"])
        engagement = call(client, "GetEngagement", Identifier=invitation["EngagementId"])
        assert engagement["Title"] == invitation["EngagementTitle"]
        assert set(invitation["Payload"]) == {invitation["PayloadType"]}


# -- opportunities, linked both ways -------------------------------------------------------------
def associations(client: Any, **params: Any) -> list[dict[str, Any]]:
    return call(client, "ListEngagementResourceAssociations", **params)[
        "EngagementResourceAssociationSummaries"]


def test_opportunities_link_to_engagements_both_ways(client: Any) -> None:
    linked = associations(client, EngagementIdentifier=PROSPECT)
    assert [a["ResourceId"] for a in linked] == [OPPORTUNITY]
    assert call(client, "GetOpportunity", Identifier=OPPORTUNITY)["Id"] == OPPORTUNITY
    owners = associations(client, ResourceIdentifier=SHARED_OPPORTUNITY, ResourceType="Opportunity")
    assert sorted(a["EngagementId"] for a in owners) == ["eng-a11c0n7e8x7s5t", "eng-a1b2c3d4e5f6g7"]
    for summary in call(client, "ListOpportunities")["OpportunitySummaries"]:
        assert associations(client, ResourceIdentifier=summary["Id"]), summary["Id"]


def test_list_opportunities_filters_and_sorts(client: Any) -> None:
    def ids(**params: Any) -> list[str]:
        answer = call(client, "ListOpportunities", **params)
        return [o["Id"] for o in answer["OpportunitySummaries"]]

    assert ids(Identifier=[OPPORTUNITY, "O6100002"]) == [OPPORTUNITY, "O6100002"]
    assert ids(LifeCycleStage=["Closed Lost"]) == ["O6100005"]
    assert ids(CustomerCompanyName=["Quarry Foods"]) == ["O6100004"]
    assert ids(CreatedDate={"AfterCreatedDate": datetime(2026, 1, 1, tzinfo=UTC)}) == ["O4820113"]
    by_id = ids(Sort={"SortBy": "Identifier", "SortOrder": "DESCENDING"})
    assert by_id == sorted(by_id, key=lambda i: -int(i[1:]))


def test_opportunity_solutions_and_aws_summary(client: Any) -> None:
    opportunity = call(client, "GetOpportunity", Identifier="O6100002")
    wanted = opportunity["RelatedEntityIdentifiers"]["Solutions"]
    solutions = call(client, "ListSolutions", Identifier=wanted)["SolutionSummaries"]
    assert [s["Id"] for s in solutions] == wanted
    summary = call(client, "GetAwsOpportunitySummary", RelatedOpportunityIdentifier="O6100002")
    assert summary["RelatedOpportunityId"] == opportunity["Id"]


# -- snapshots ------------------------------------------------------------------------------------
def test_snapshots_have_revisions_and_the_latest_is_the_default(client: Any) -> None:
    listed = call(client, "ListResourceSnapshots", EngagementIdentifier=PROSPECT)[
        "ResourceSnapshotSummaries"]
    assert [s["Revision"] for s in listed] == [1, 2, 3]
    key = {"EngagementIdentifier": PROSPECT, "ResourceType": "Opportunity",
           "ResourceIdentifier": OPPORTUNITY, "ResourceSnapshotTemplateIdentifier": TEMPLATE}
    stages = [call(client, "GetResourceSnapshot", **key, Revision=n)["Payload"][
        "OpportunitySummary"]["Lifecycle"]["Stage"] for n in (1, 2, 3)]
    assert stages == ["Prospect", "Qualified", "Technical Validation"]
    latest = call(client, "GetResourceSnapshot", **key)
    assert latest["Revision"] == 3 and latest["EngagementId"] == PROSPECT
    assert call(client, "ListResourceSnapshots", EngagementIdentifier=PROSPECT,
                CreatedBy="aws")["ResourceSnapshotSummaries"][0]["Revision"] == 1


# -- groups and customer accounts -----------------------------------------------------------------
def test_groups_count_their_engagements_and_filter_and_sort(client: Any) -> None:
    groups = call(client, "ListEngagementGroups")["EngagementGroupSummaries"]
    assert {g["ReadinessLevel"] for g in groups} == {"SalesReady", "MarketingReady",
                                                     "LowPotential"}
    for group in groups:
        found = call(client, "SearchEngagements", GroupId=group["Id"])["EngagementSearchSummaries"]
        assert len(found) == group["Count"] > 0
    ready = call(client, "ListEngagementGroups", ReadinessLevel="SalesReady")
    assert [g["Id"] for g in ready["EngagementGroupSummaries"]] == ["eng-grp-salesready0001"]
    by_count = call(client, "ListEngagementGroups", Sort={"SortBy": "Count",
                                                         "SortOrder": "ASCENDING"})
    counts = [g["Count"] for g in by_count["EngagementGroupSummaries"]]
    assert counts == sorted(counts)


def test_customer_account_contexts_point_at_customer_accounts(client: Any) -> None:
    engagement = call(client, "GetEngagement", Identifier="eng-c5t0m3r4c2t9a8")
    context = engagement["Contexts"][0]
    assert context["Type"] == "CustomerAccount"
    identifier = context["Payload"]["CustomerAccount"]["AccountIdentifier"]
    account = call(client, "GetCustomerAccount", Identifier=identifier)
    assert account["Account"]["CompanyName"] == "Quarry Foods"
    assert account["EnrichmentStatus"] == "ENRICHED"
