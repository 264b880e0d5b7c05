"""Friendly labels for the newer context payloads, and a payload type botocore does not
know shown with its raw members (tree and copies), through the real wire."""

from __future__ import annotations

import pytest
from support import demo_settings

from engtui.api.field_tree import record_tree, render_text
from engtui.api.kinds import ENGAGEMENT
from engtui.api.service import SellingService
from engtui.api.unknown_members import restore


@pytest.fixture
def tree_of(demo_server):
    service = SellingService(demo_settings(demo_server.url))

    def text(identifier: str) -> str:
        record = service.get_record(ENGAGEMENT, "Sandbox", identifier)
        return render_text(record_tree(ENGAGEMENT, record.data), str)

    yield text
    service.close()


def test_prospecting_result_labels(tree_of) -> None:
    text = tree_of("eng-p4r0s5p3c7r3s1")
    assert "ProspectingResult · Cinder Robotics" in text
    assert "AWS prospecting · Cinder Robotics · Q1 prospecting run" in text
    assert "Insights · engagement High · Machine Learning" in text


def test_lead_insights_labels(tree_of) -> None:
    text = tree_of("eng-l7d1n5g2h8t4s6")
    assert "Insights · readiness High · via Email" in text
    assert "TUESDAY · 15:00-17:00 UTC" in text


def test_customer_account_label(tree_of) -> None:
    assert "CustomerAccount · Quarry Foods" in tree_of("eng-c5t0m3r4c2t9a8")


def test_an_unknown_payload_type_shows_its_raw_members(tree_of) -> None:
    text = tree_of("eng-n3wp4yl0adx7k2")
    assert "unknown Payload type (Insights)" in text
    assert "EngagementScore: High" in text and "Visited pricing page 4 times" in text


def test_restore_fills_only_unknown_members() -> None:
    parsed = {"Contexts": [{"Payload": {"SDK_UNKNOWN_MEMBER": {"name": "New"}}},
                           {"Payload": {"Lead": {"A": 1}}}]}
    raw = {"Contexts": [{"Payload": {"New": {"X": 2}}}, {"Payload": {"Lead": {"A": 1, "B": 3}}}]}
    restore(parsed, raw)
    assert parsed["Contexts"][0]["Payload"]["New"] == {"X": 2}
    assert parsed["Contexts"][1]["Payload"] == {"Lead": {"A": 1}}  # botocore's parse kept
