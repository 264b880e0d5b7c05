"""The real aws CLI against the demo endpoint, for every operation engtui browses.

``demo_support.aws_cli_json`` runs ``aws partnercentral-selling ...`` against a demo server
and returns the parsed JSON: the lead's ``engtui get --json`` comparisons can reuse it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from demo_support import aws_cli, aws_cli_json

from engtui.demo.server import DemoServer

pytestmark = pytest.mark.skipif(aws_cli() is None, reason="the aws CLI is not installed")

PROSPECT = "eng-p4r0s5p3c7r3s1"
SNAPSHOT = ["--engagement-identifier", PROSPECT, "--resource-type", "Opportunity",
            "--resource-identifier", "O6100001",
            "--resource-snapshot-template-identifier", "OpportunitySummary"]


@pytest.fixture(scope="module")
def server() -> Iterator[DemoServer]:
    with DemoServer() as demo:
        yield demo


Check = Callable[[Any], bool]


def _titles(answer: Any) -> list[str]:
    return [s["Title"] for s in answer["EngagementSearchSummaries"]]

CALLS: list[tuple[str, list[str], Check]] = [
    ("get-engagement", ["--identifier", PROSPECT],
     lambda r: r["Id"] == PROSPECT and r["CreatedAt"].startswith("2025-02-10T15:58:11")),
    ("list-engagements", ["--page-size", "7"],
     lambda r: len(r["EngagementSummaryList"]) == 20),
    ("search-engagements", ["--keyword", "keel"],
     lambda r: r["EngagementSearchSummaries"][0]["Id"] == "eng-a11c0n7e8x7s5t"),
    ("search-engagements",
     ["--filter", '{"EqualsTo": {"Key": "ContextType", "Value": {"StringValue": "Lead"}}}',
      "--sort", "SortBy=Title,SortOrder=ASCENDING"],
     lambda r: len(r["EngagementSearchSummaries"]) == 10),
    ("list-engagement-groups", [], lambda r: len(r["EngagementGroupSummaries"]) == 3),
    ("list-engagement-members", ["--identifier", PROSPECT],
     lambda r: [m["AccountId"] for m in r["EngagementMemberList"]] == ["aws", "111122223333"]),
    ("list-engagement-resource-associations", ["--resource-identifier", "O4820113"],
     lambda r: len(r["EngagementResourceAssociationSummaries"]) == 2),
    ("list-engagement-invitations", ["--participant-type", "RECEIVER", "--status", "PENDING"],
     lambda r: len(r["EngagementInvitationSummaries"]) == 3),
    ("list-engagement-invitations", ["--participant-type", "SENDER", "--page-size", "1"],
     lambda r: len(r["EngagementInvitationSummaries"]) == 3),
    ("get-engagement-invitation", ["--identifier", "engi-p3nd1ngaws001"],
     lambda r: r["EngagementId"] == PROSPECT and r["SenderAwsAccountId"] == "aws"),
    ("get-opportunity", ["--identifier", "O6100001"],
     lambda r: r["LifeCycle"]["Stage"] == "Qualified"),
    ("list-opportunities", ["--page-size", "3"], lambda r: len(r["OpportunitySummaries"]) == 7),
    ("get-aws-opportunity-summary", ["--related-opportunity-identifier", "O6100001"],
     lambda r: r["RelatedOpportunityId"] == "O6100001"),
    ("list-resource-snapshots", ["--engagement-identifier", PROSPECT],
     lambda r: [s["Revision"] for s in r["ResourceSnapshotSummaries"]] == [1, 2, 3]),
    ("get-resource-snapshot", SNAPSHOT, lambda r: r["Revision"] == 3),
    ("get-resource-snapshot", [*SNAPSHOT, "--revision", "1"], lambda r: r["Revision"] == 1),
    ("get-customer-account", ["--identifier", "cust-acc-qrryfds000001"],
     lambda r: r["EnrichmentStatus"] == "ENRICHED"),
    ("list-solutions", ["--identifier", "S-0000001", "S-0000002"],
     lambda r: len(r["SolutionSummaries"]) == 2),
    # what the list screens send: a search with a date range and a sort key, a group's
    # engagements oldest first, the groups by update
    ("search-engagements", ["--filter", json.dumps({"AndAllFilters": [
        {"ContainsAny": {"Key": "LeadQualificationStatus",
                         "Value": {"StringListValue": ["Qualified"]}}},
        {"GreaterThanOrEquals": {"Key": "CreatedAt",
                                 "Value": {"DateValue": "2025-06-01T00:00:00Z"}}}]}),
        "--sort", "SortBy=Title,SortOrder=DESCENDING"],
     lambda r: _titles(r) == sorted(_titles(r), reverse=True) and min(
         s["CreatedAt"] for s in r["EngagementSearchSummaries"]) >= "2025-06-01"
     and "eng-0c4f8h2j6l1n5p" in str(r) and "eng-l7d1n5g2h8t4s6" not in str(r)),
    ("search-engagements", ["--group-id", "eng-grp-salesready0001",
                            "--sort", "SortBy=CreatedAt,SortOrder=ASCENDING"],
     lambda r: r["EngagementSearchSummaries"][0]["Id"] == "eng-a11c0n7e8x7s5t"),
    ("list-engagement-groups", ["--sort", "SortBy=UpdatedAt,SortOrder=ASCENDING"],
     lambda r: r["EngagementGroupSummaries"][0]["Id"] == "eng-grp-lowpotential01"),
]


@pytest.mark.parametrize(("command", "args", "check"), CALLS,
                         ids=[f"{c}-{i}" for i, (c, _, _) in enumerate(CALLS)])
def test_aws_cli_calls_each_operation(server: DemoServer, isolated_home: Path, command: str,
                                      args: list[str], check: Check) -> None:
    answer = aws_cli_json(server.url, isolated_home, command, *args)
    assert check(answer), answer


def test_aws_cli_pages_and_sends_what_it_was_asked(server: DemoServer,
                                                   isolated_home: Path) -> None:
    server.clear_requests()
    listed = aws_cli_json(server.url, isolated_home, "list-engagements", "--page-size", "6")
    ids = [s["Id"] for s in listed["EngagementSummaryList"]]
    assert ids == server.dataset.engagement_ids("Sandbox")
    calls = [r for r in server.requests if r.operation == "ListEngagements"]
    assert len(calls) == -(-len(ids) // 6)
    assert all(r.params.get("MaxResults") == 6 for r in calls)


def test_aws_cli_gets_the_services_errors(server: DemoServer, isolated_home: Path) -> None:
    with pytest.raises(AssertionError, match="ResourceNotFoundException"):
        aws_cli_json(server.url, isolated_home, "get-opportunity", "--identifier", "O42")
    with pytest.raises(AssertionError, match=r"AccessDeniedException.*read-only"):
        aws_cli_json(server.url, isolated_home, "reject-engagement-invitation",
                     "--identifier", "engi-p3nd1ngaws001")
