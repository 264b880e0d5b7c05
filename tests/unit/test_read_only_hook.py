"""The read-only hook (`engtui.api.read_only.refuse_writes`) on every client engtui makes:
the partnercentral-selling one and the partnercentral-benefits one (issue 22). A write is
refused before its request is built, signed or sent."""

from __future__ import annotations

import pytest
from support import demo_settings

from engtui.api.errors import ApiError, ErrorKind
from engtui.api.kinds import BENEFIT_APPLICATION
from engtui.api.service import SellingService


@pytest.mark.parametrize(("service_name", "operation", "params"), [
    ("selling", "accept_engagement_invitation",
     {"Catalog": "Sandbox", "Identifier": "engi-p3nd1ngaws001"}),
    ("benefits", "create_benefit_application",
     {"Catalog": "Sandbox", "ClientToken": "token-0000000001",
      "BenefitIdentifier": "ben-poccredits0001", "FulfillmentTypes": ["CREDITS"],
      "BenefitApplicationDetails": {}}),
    ("benefits", "cancel_benefit_application",
     {"Catalog": "Sandbox", "ClientToken": "token-0000000001",
      "Identifier": "benappl-vqapilot000001", "Reason": "no"}),
], ids=["selling-accept", "benefits-create", "benefits-cancel"])
def test_a_write_of_either_service_is_refused_before_it_is_sent(
        make_demo_server, service_name, operation, params) -> None:
    server = make_demo_server(faults={})
    service = SellingService(demo_settings(server.url))
    try:
        with pytest.raises(ApiError) as refused:
            service._call(operation, None, service=service_name, **params)
    finally:
        service.close()
    name = "".join(part.capitalize() for part in operation.split("_"))
    assert refused.value.kind is ErrorKind.UNEXPECTED
    assert f"engtui is read-only: it refused to send {name}" in refused.value.message
    assert server.received_operations() == []  # nothing reached the endpoint


def test_the_benefits_client_shares_the_endpoint_budget_and_checks(make_demo_server) -> None:
    """A benefits record comes through the same endpoint and call budget as a selling one,
    and its reply is checked against what was asked (here: an ARN that names another id)."""
    other = ("arn:aws:partnercentral:us-east-1:111122223333:catalog/Sandbox/"
             "benefit-application/benappl-bbbbbbbbbbbbb2")
    server = make_demo_server({"benefit_applications": [
        {"Id": "benappl-vqapilot000001", "Name": "Good", "Status": "APPROVED"},
        {"Id": "benappl-aaaaaaaaaaaaa1", "Arn": other, "Name": "Wrong ARN"}]})
    service = SellingService(demo_settings(server.url))
    try:
        before = service.budget("Sandbox").describe()
        record = service.get_record(BENEFIT_APPLICATION, "Sandbox", "benappl-vqapilot000001")
        after = service.budget("Sandbox").describe()
        with pytest.raises(ApiError) as wrong:
            service.get_record(BENEFIT_APPLICATION, "Sandbox", "benappl-aaaaaaaaaaaaa1")
    finally:
        service.close()
    assert record.id == "benappl-vqapilot000001" and record.data["Status"] == "APPROVED"
    assert before != after  # the one budget counted the benefits read
    assert [r.service for r in server.requests] == ["partnercentral-benefits"] * 2
    assert wrong.value.kind is ErrorKind.MALFORMED
    assert "Not the benefit application asked for" in wrong.value.message
