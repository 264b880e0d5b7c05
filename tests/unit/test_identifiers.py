"""Identifiers and catalogs are checked before any request is sent."""

from __future__ import annotations

import pytest

from engtui.api.identifiers import InvalidInput, parse_catalog, parse_identifier

GOOD_ID = "eng-a1b2c3d4e5f6g7"
GOOD_ARN = f"arn:aws:partnercentral:us-east-1:123456789012:catalog/Sandbox/engagement/{GOOD_ID}"

# (what was typed, a phrase the message must contain)
MALFORMED = [
    ("", "Type an engagement id"),
    ("   ", "Type an engagement id"),
    ("\t\n", "Type an engagement id"),
    ("eng-", "14"),
    ("eng-abc", "14"),
    ("eng-a1b2c3d4e5f6g", "14"),
    ("eng-a1b2c3d4e5f6g7h", "14"),
    ("eng-A1B2C3D4E5F6G7", "upper-case"),
    ("ENG-a1b2c3d4e5f6g7", "upper-case"),
    ("eng_a1b2c3d4e5f6g7", "does not start"),
    ("en-a1b2c3d4e5f6g7", "does not start"),
    ("engagement-a1b2c3d4e5f6g7", "does not start"),
    ("O1234567", "does not start"),
    ("1234", "does not start"),
    ("eng-a1b2c3 d4e5f6g7", "spaces"),
    ("eng-a1b2c3d4e5f6g7 x", "spaces"),
    ("eng-a1b2c3\u00a0d4e5f6", "spaces"),
    ("eng-a1b2c3d4e5f6g\x1b", "control"),
    ("eng-a1b2c3d4e5\x00f6g", "control"),
    ("eng-a1b2c3d4e5f6g\x07", "control"),
    ("eng-a1b2c3d4-5f6g7", "a-z and 0-9"),
    ("eng-a1b2c3d4e5f6g!", "a-z and 0-9"),
    ("eng-a1b2c3d4e5f6gé", "a-z and 0-9"),
    ("eng-\uff411b2c3d4e5f6g7", "a-z and 0-9"),  # full-width a
    ("eng-a1b2c3d4e5f6g7\u202e", "control"),
    ("arn:aws:s3:::my-bucket", "not an engagement ARN"),
    ("arn:aws:partnercentral:us-east-1::catalog/AWS/opportunity/O1234567",
     "not an engagement ARN"),
    ("arn:aws:partnercentral:us-east-1:123456789012:catalog/Prod/engagement/" + GOOD_ID,
     "catalog"),
    ("arn:aws:partnercentral:us-east-1:1234:catalog/AWS/engagement/" + GOOD_ID,
     "not an engagement ARN"),
    ("arn:", "not an engagement ARN"),
    ("arn:aws:partnercentral:us-east-1:123456789012:catalog/AWS/engagement/eng-short",
     "not an engagement ARN"),
    ("x" * 10_240, "does not start"),
    ("eng-" + "a" * 10_236, "14"),
    ("[bold]eng-a1b2c3d4e5f6g7[/bold]", "does not start"),
]


@pytest.mark.parametrize(("typed", "phrase"), MALFORMED, ids=range(len(MALFORMED)))
def test_malformed_identifier_is_refused_with_a_clear_message(typed: str, phrase: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_identifier(typed)
    message = str(caught.value)
    assert phrase in message
    assert len(message) < 200  # a 10 KB paste is not echoed back whole
    assert "\x1b" not in message and "\x00" not in message


def test_there_are_at_least_thirty_malformed_cases() -> None:
    assert len(MALFORMED) >= 30


@pytest.mark.parametrize("typed", [GOOD_ID, f"  {GOOD_ID}\n", f"\t{GOOD_ID} "])
def test_good_id_is_trimmed(typed: str) -> None:
    ref = parse_identifier(typed)
    assert ref.identifier == GOOD_ID
    assert ref.catalog_from_arn is None


def test_pasted_arn_gives_id_and_catalog() -> None:
    ref = parse_identifier(f" {GOOD_ARN} ")
    assert ref.identifier == GOOD_ARN
    assert ref.engagement_id == GOOD_ID
    assert ref.catalog_from_arn == "Sandbox"


@pytest.mark.parametrize(("typed", "expected"), [("aws", "AWS"), (" Sandbox ", "Sandbox"),
                                                 ("SANDBOX", "Sandbox")])
def test_catalog_is_case_insensitive(typed: str, expected: str) -> None:
    assert parse_catalog(typed) == expected


@pytest.mark.parametrize("typed", ["", "Prod", "AWS Sandbox", "aws\x1b"])
def test_unknown_catalog_is_refused(typed: str) -> None:
    with pytest.raises(InvalidInput, match="catalog"):
        parse_catalog(typed)
