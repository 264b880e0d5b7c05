"""The rest of the read side on the demo endpoint (issue 22), through real boto3 clients of
both services: filters, sort and paging as the model documents them, and what the real
service sends (task summaries' ``"ReasonCode": "null"``, ``Message: null``, ARNs with an
empty account, nine fractional digits)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from demo_support import make_client, raw_call

from engtui.demo import DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY
from engtui.demo.server import DemoServer

C = {"Catalog": "Sandbox"}
OPPORTUNITY_ARN = "arn:aws:partnercentral:us-east-1:111122223333:catalog/Sandbox/opportunity/"


@pytest.fixture(scope="module")
def server() -> Iterator[DemoServer]:
    with DemoServer() as demo:
        yield demo


@pytest.fixture(scope="module")
def selling(server: DemoServer) -> Any:
    return make_client(boto3.session.Session(), server.url)


@pytest.fixture(scope="module")
def benefits(server: DemoServer) -> Any:
    return boto3.session.Session().client(
        "partnercentral-benefits", region_name="us-east-1", endpoint_url=server.url,
        aws_access_key_id=DEMO_ACCESS_KEY_ID, aws_secret_access_key=DEMO_SECRET_ACCESS_KEY)


def test_task_summaries_are_sent_as_the_real_service_sends_them(server: DemoServer) -> None:
    status, _, body = raw_call(server.url, "ListEngagementByAcceptingInvitationTasks",
                               {**C, "EngagementInvitationIdentifier": ["engi-acc3pt3daws04"]})
    assert status == 200
    (task,) = json.loads(body)["TaskSummaries"]
    assert task["ReasonCode"] == "null" and task["Message"] is None
    assert task["TaskArn"].startswith("arn:aws:partnercentral:us-east-1::catalog/Sandbox/")
    assert len(task["StartTime"].rsplit(".", 1)[1]) == len("771203948Z")  # nine digits


def test_task_lists_filter_by_status_and_sort_by_start_time(selling: Any) -> None:
    failed = selling.list_engagement_by_accepting_invitation_tasks(
        **C, TaskStatus=["FAILED"])["TaskSummaries"]
    assert {t["TaskStatus"] for t in failed} == {"FAILED"}
    assert {t["ReasonCode"] for t in failed} >= {"ServiceQuotaExceeded", "RequestThrottled",
                                                 "InvitationValidationFailed"}
    oldest = selling.list_engagement_by_accepting_invitation_tasks(
        **C, Sort={"SortBy": "StartTime", "SortOrder": "ASCENDING"})["TaskSummaries"]
    starts = [t["StartTime"] for t in oldest]
    assert starts == sorted(starts) and len(starts) == 7
    by_context = selling.list_opportunity_from_engagement_tasks(
        **C, EngagementIdentifier=["eng-a1b2c3d4e5f6g7"], ContextIdentifier=["9"])
    assert [t["ReasonCode"] for t in by_context["TaskSummaries"]] == ["ContextNotFound"]


def test_task_lists_page_with_max_results_and_next_token(selling: Any) -> None:
    seen, token, pages = [], None, 0
    while True:
        page = selling.list_engagement_by_accepting_invitation_tasks(
            **C, MaxResults=2, **({"NextToken": token} if token else {}))
        seen += [t["TaskId"] for t in page["TaskSummaries"]]
        pages += 1
        token = page.get("NextToken")
        if not token:
            break
    assert pages == 4 and len(seen) == len(set(seen)) == 7


def test_prospecting_tasks_count_their_engagements(selling: Any) -> None:
    tasks = selling.list_prospecting_from_engagement_tasks(
        **C, Sort={"SortBy": "FailedEngagementCount", "SortOrder": "DESCENDING"})
    first = tasks["TaskSummaries"][0]
    assert (first["TaskId"], first["TotalEngagementCount"], first["FailedEngagementCount"]) == (
        "task-prsp0000000001", 3, 1)
    task = selling.get_prospecting_from_engagement_task(**C, TaskIdentifier=first["TaskId"])
    assert [e["Status"] for e in task["Engagements"]] == ["COMPLETED", "COMPLETED", "FAILED"]


def test_snapshot_jobs_and_settings(selling: Any) -> None:
    jobs = selling.list_resource_snapshot_jobs(**C, Status="Stopped")
    assert [j["Id"] for j in jobs["ResourceSnapshotJobSummaries"]] == ["job-cndr6100001st"]
    job = selling.get_resource_snapshot_job(**C, ResourceSnapshotJobIdentifier="job-nwrun4820113a")
    assert job["Status"] == "Running" and "AccessDenied" in job["LastFailure"]
    assert selling.get_selling_system_settings(Catalog="AWS").get(
        "ResourceSnapshotJobRoleArn") is None


def test_bulk_jobs_rows_and_report_urls(selling: Any) -> None:
    failed = selling.list_customer_account_bulk_jobs(**C, Filter={"Status": "FAILED"})["items"]
    assert [j["Id"] for j in failed] == ["bulkjob-cstacc0000003"]
    rows = selling.list_customer_account_bulk_job_results(
        **C, Identifier="bulkjob-cstacc0000001", Status="FAILED")["Results"]
    assert [(r["RequestId"], r["ErrorCode"]) for r in rows] == [
        ("row-2", "VALIDATION_ERROR"), ("row-4", "DUPLICATE_RECORD")]
    done = selling.get_customer_account_bulk_job_report_url(
        **C, Identifier="bulkjob-cstacc0000001", ReportType="FAILED_RECORDS")
    assert done["ReportStatus"] == "AVAILABLE" and done["Url"].startswith("https://")
    pending = selling.get_opportunity_bulk_job_report_url(
        **C, JobId="bulkjob-oppblk0000002", ReportFormat="CSV")
    assert pending["ReportStatus"] == "NOT_STARTED" and "Url" not in pending
    with pytest.raises(ClientError) as missing:
        selling.list_opportunity_bulk_job_results(**C, JobId="bulkjob-zzzzzzzzzzzzz")
    assert missing.value.response["Error"]["Code"] == "ResourceNotFoundException"


def test_opportunity_search_filters_as_the_model_says(selling: Any) -> None:
    def ids(**params: Any) -> list[str]:
        found = selling.search_opportunities(**C, **params)["OpportunitySearchSummaries"]
        return [item["Id"] for item in found]

    exact = ids(Filter={"EqualsTo": {"Key": "Stage", "Value": {"StringValue": "Qualified"}}})
    assert exact and all(i.startswith("O") for i in exact)
    by_keyword = ids(Keyword="vision qa")
    assert by_keyword == ["O6100001"]
    by_mrr = ids(Filter={"GreaterThan": {"Key": "EstimatedMrr", "Value": {"DoubleValue": 10000}}})
    assert "O6100001" in by_mrr
    ordered = ids(Sort={"SortBy": "OpportunityId", "SortOrder": "ASCENDING"})
    assert ordered == sorted(ordered)
    with pytest.raises(ClientError) as wrong:  # a range on a text field
        ids(Filter={"GreaterThan": {"Key": "Stage", "Value": {"StringValue": "A"}}})
    assert wrong.value.response["Error"]["Code"] == "ValidationException"


def test_customer_account_search_and_statistics(selling: Any) -> None:
    action = selling.search_customer_accounts(**C, Filter={"EqualsTo": {
        "Key": "ENRICHMENT_STATUS", "Value": {"StringValue": "ACTION_REQUIRED"}}})
    assert [a["Id"] for a in action["CustomerAccountSummaries"]] == ["cust-acc-keelmrtm00002"]
    stats = selling.get_customer_account_statistics(
        **C, Aggregations=[{"GroupBy": ["ENRICHMENT_STATUS"]}])
    assert stats["TotalCount"] == 2
    buckets = {tuple(b["Values"]): b["Count"] for b in stats["Aggregations"][0]["Buckets"]}
    assert buckets == {("ENRICHED",): 1, ("ACTION_REQUIRED",): 1}


def test_tags_of_both_services(selling: Any, benefits: Any) -> None:
    tags = selling.list_tags_for_resource(ResourceArn=OPPORTUNITY_ARN + "O6100001")["Tags"]
    assert {t["Key"] for t in tags} == {"owner", "region"}
    assert selling.list_tags_for_resource(ResourceArn=OPPORTUNITY_ARN + "O6100004")["Tags"] == []
    with pytest.raises(ClientError):
        selling.list_tags_for_resource(ResourceArn=OPPORTUNITY_ARN + "O9999999")
    application = ("arn:aws:partnercentral:us-east-1:111122223333:catalog/Sandbox/"
                   "benefit-application/benappl-vqapilot000001")
    assert benefits.list_tags_for_resource(resourceArn=application)["tags"] == [
        {"Key": "fiscal-year", "Value": "FY27"}]


def test_funding_in_every_state_tied_to_the_opportunities(benefits: Any) -> None:
    applications = benefits.list_benefit_applications(**C)["BenefitApplicationSummaries"]
    assert {a["Status"] for a in applications} == {
        "PENDING_SUBMISSION", "IN_REVIEW", "ACTION_REQUIRED", "APPROVED", "REJECTED", "CANCELED"}
    by_resource = benefits.list_benefit_applications(**C, AssociatedResources=[
        {"ResourceType": "OPPORTUNITY", "ResourceIdentifier": "O6100002"}])
    assert {a["Id"] for a in by_resource["BenefitApplicationSummaries"]} == {
        "benappl-tidewater00001", "benappl-tidewater00002"}
    allocations = benefits.list_benefit_allocations(
        **C, BenefitApplicationIdentifiers=["benappl-vqapilot000001"])
    assert {a["Status"] for a in allocations["BenefitAllocationSummaries"]} == {
        "ACTIVE", "INACTIVE", "FULFILLED"}
    active = benefits.list_benefits(**C, Status=["INACTIVE"])["BenefitSummaries"]
    assert [b["Id"] for b in active] == ["ben-cashfund000001"]
    page = benefits.list_benefit_applications(**C, MaxResults=4)
    rest = benefits.list_benefit_applications(**C, MaxResults=4, NextToken=page["NextToken"])
    assert len(page["BenefitApplicationSummaries"]) + len(
        rest["BenefitApplicationSummaries"]) == 6 and "NextToken" not in rest
