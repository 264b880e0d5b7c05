"""Privacy mode on the read side's records (issue 22): the model's ``sensitive`` flags of
both services drive the masking (a benefit application's partner contacts), the account id
in every ARN is masked, in an ARN member and in text that quotes one (a snapshot job's
``LastFailure``), and copy and export take only the masked form."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support import demo_settings

from engtui.api.kinds import BENEFIT_APPLICATION, KINDS, SNAPSHOT_JOB
from engtui.api.record_view import RecordView
from engtui.api.redact import MASK
from engtui.api.service import SellingService

ACCOUNT = "111122223333"


@pytest.fixture(scope="module")
def service(demo_server) -> Iterator[SellingService]:
    client = SellingService(demo_settings(demo_server.url))
    yield client
    client.close()


def test_a_benefit_applications_contacts_are_masked_by_the_benefits_model(service) -> None:
    record = service.get_record(BENEFIT_APPLICATION, "Sandbox", "benappl-vqapilot000001")
    shown = RecordView(record, redacted=True)
    contact = shown.data()["PartnerContacts"][0]
    assert {contact[k] for k in ("Email", "FirstName", "LastName", "Phone")} == {MASK}
    assert contact["BusinessTitle"] == "Partner development manager"  # not sensitive
    assert ACCOUNT not in shown.data()["Arn"] and MASK in shown.data()["Arn"]
    exported = shown.export_text()
    for secret in ("avery.lin@partner.test", "+15555550190", "Avery", ACCOUNT):
        assert secret not in exported
    assert "avery.lin@partner.test" in RecordView(record, redacted=False).export_text()


def test_the_account_in_an_arn_quoted_by_a_snapshot_jobs_last_failure_is_masked(
        service) -> None:
    record = service.get_record(SNAPSHOT_JOB, "Sandbox", "job-nwrun4820113a")
    assert ACCOUNT in record.data["LastFailure"]
    failure = RecordView(record, redacted=True).data()["LastFailure"]
    assert ACCOUNT not in failure
    assert f"arn:aws:iam::{MASK}:role/PartnerCentralSnapshotJobRole" in failure
    assert failure.startswith("AccessDenied: the job's role")  # the rest stays readable


@pytest.mark.parametrize("name", ["prospecting_task", "customer_account_bulk_job",
                                  "benefit_allocation", "benefit"])
def test_every_new_kind_has_no_account_id_left_in_privacy_mode(service, name) -> None:
    from engtui.demo.examples import EXAMPLES

    kind = KINDS[name]
    for text in EXAMPLES[name]:
        record = service.get_record(kind, "Sandbox", kind.parse(text).identifier)
        assert ACCOUNT not in RecordView(record, redacted=True).export_text(), text


def test_a_benefit_allocations_credit_codes_and_their_accounts_are_masked(service) -> None:
    kind = KINDS["benefit_allocation"]
    record = service.get_record(kind, "Sandbox", "benalloc-vqapilot000001")
    code = RecordView(record, redacted=True).data()["FulfillmentDetail"]["CreditDetails"][
        "Codes"][0]
    assert code["AwsAccountId"] == MASK and code["AwsCreditCode"] == MASK
    assert code["Value"] == {"Amount": "10000.00", "CurrencyCode": "USD"}
    exported = RecordView(record, redacted=True).export_text()
    assert "210987654321" not in exported and "PC-VQA-2026-ABCD" not in exported


def test_a_pane_of_the_benefits_service_is_masked_with_its_item_shape(service) -> None:
    """An opportunity's funding rows: their shape is in the benefits model (looked up there
    when the selling model has no shape of that name)."""
    opportunity = KINDS["opportunity"]
    record = service.get_record(opportunity, "Sandbox", "O6100001")
    funding = opportunity.related_list("funding")
    items = service.list_related(funding, "Sandbox", record.id, params=funding.request(record))
    shown = RecordView(record.with_related("funding", items), redacted=True)
    rows = shown.related("funding") or []
    assert len(rows) == 3 and all(ACCOUNT not in row["Arn"] for row in rows)
    assert all(ACCOUNT not in arn for row in rows for arn in row["AssociatedResources"])
