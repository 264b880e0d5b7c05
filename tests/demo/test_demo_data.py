"""Demo data: the bundled sample, data files and their errors, generated data, SigV4."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials as BotoCredentials
from hypothesis import given, settings
from hypothesis import strategies as st

from engtui.demo import (
    DEMO_ACCESS_KEY_ID,
    DEMO_SECRET_ACCESS_KEY,
    demo_credentials_from_env,
    model,
    sigv4,
)
from engtui.demo.data import DemoDataError, DemoDataset, engagement_arn
from engtui.demo.faults import FAULT_KINDS, FaultSpec
from engtui.demo.protocol import ServiceError
from engtui.demo.validation import Mode, check

TODAY = datetime(2026, 11, 26, tzinfo=UTC)


@pytest.fixture(scope="module")
def bundled() -> DemoDataset:
    return DemoDataset.bundled()


def lead_contexts(engagement: dict[str, Any]) -> list[dict[str, Any]]:
    return [c["Payload"]["Lead"] for c in engagement["Contexts"] if c["Type"] == "Lead"]


# -- the bundled sample ---------------------------------------------------------------------
def test_bundled_sample_covers_both_catalogs(bundled: DemoDataset) -> None:
    sandbox, aws = bundled.engagement_ids("Sandbox"), bundled.engagement_ids("AWS")
    assert len(sandbox) + len(aws) == len(bundled) >= 14
    assert len(aws) >= 3
    assert len(sandbox) > len(aws)
    for eid in sandbox + aws:
        assert re.fullmatch(r"eng-[0-9a-z]{14}", eid)


def test_first_engagement_has_five_mixed_contexts(bundled: DemoDataset) -> None:
    catalog, first_id = next(iter(bundled.engagements))
    first = bundled.get(catalog, first_id)
    assert (catalog, first_id) == ("Sandbox", "eng-a1b2c3d4e5f6g7")
    assert first is not None
    assert len(first["Contexts"]) == 5
    assert {c["Type"] for c in first["Contexts"]} == {"CustomerProject", "Lead"}


def test_bundled_sample_is_realistic(bundled: DemoDataset) -> None:
    industries = set(model.shape("Industry").enum)
    seen_industries: set[str] = set()
    countries: set[str] = set()
    statuses: set[str] = set()
    for (_, eid), engagement in bundled.engagements.items():
        assert len(engagement["Title"]) <= 40
        for stamp in (engagement["CreatedAt"], engagement["ModifiedAt"]):
            assert datetime(2025, 1, 1, tzinfo=UTC) <= stamp <= TODAY
        members = bundled.members[eid]
        assert 2 <= len(members) <= 6
        assert engagement["MemberCount"] == len(members)
        for context in engagement["Contexts"]:
            payload = context["Payload"]
            if "CustomerProject" in payload:
                customer = payload["CustomerProject"]["Customer"]
                seen_industries.add(customer["Industry"])
                countries.add(customer["CountryCode"])
        for lead in lead_contexts(engagement):
            statuses.add(lead["QualificationStatus"])
            seen_industries.add(lead["Customer"]["Industry"])
            countries.add(lead["Customer"]["Address"]["CountryCode"])
            assert len(lead["Interactions"]) >= 2
            for interaction in lead["Interactions"]:
                contact = interaction["Contact"]
                assert contact["Email"].endswith((".test", "example.com"))
                assert contact["Phone"].startswith("+1555")
    assert seen_industries <= industries
    assert len(seen_industries) >= 10
    assert len(countries) >= 8
    assert len(statuses) >= 3
    for association in bundled.associations:
        assert re.fullmatch(r"O[0-9]{1,19}", association["ResourceId"])


def test_bundled_sample_has_an_unknown_payload_member(bundled: DemoDataset) -> None:
    engagement = bundled.get("Sandbox", "eng-n3wp4yl0adx7k2")
    assert engagement is not None
    payload_members = set(model.shape("EngagementContextPayload").members)
    unknown = [c for c in engagement["Contexts"] if not set(c["Payload"]) <= payload_members]
    assert [set(c["Payload"]) for c in unknown] == [{"Insights"}]
    # Passed through untouched: even its timestamp-looking text stays text.
    assert unknown[0]["Payload"]["Insights"]["GeneratedAt"] == "2026-11-25T21:15:00Z"


# -- data files ---------------------------------------------------------------------------
def write(tmp_path: Path, payload: Any, name: str = "data.json") -> Path:
    path = tmp_path / name
    path.write_text(payload if isinstance(payload, str) else json.dumps(payload))
    return path


MINIMAL = {"Id": "eng-00000000000001", "Title": "Minimal", "CreatedAt": "2026-01-02T03:04:05Z"}


def test_data_file_defaults(tmp_path: Path) -> None:
    data = DemoDataset.from_file(
        write(
            tmp_path,
            {
                "engagements": [MINIMAL, dict(MINIMAL, Id="eng-00000000000002", Catalog="AWS")],
                "members": {"eng-00000000000001": [{"CompanyName": "A"}, {"CompanyName": "B"}]},
                "associations": [{"EngagementId": "eng-00000000000002", "ResourceId": "O1"}],
                "faults": {"eng-zzzzzzzzzzzzzz": "slow", "ListEngagements": "html"},
            },
        )
    )
    first = data.get("Sandbox", "eng-00000000000001")
    assert first is not None
    assert first["Arn"] == engagement_arn("Sandbox", "eng-00000000000001")
    assert first["MemberCount"] == 2
    assert first["CreatedAt"] == datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert data.engagement_ids("AWS") == ["eng-00000000000002"]
    assert data.associations == [
        {
            "EngagementId": "eng-00000000000002",
            "ResourceId": "O1",
            "Catalog": "AWS",
            "ResourceType": "Opportunity",
        }
    ]
    assert data.faults["eng-zzzzzzzzzzzzzz"] == FaultSpec("slow", delay=30.0)
    assert data.faults["ListEngagements"].kind == "html"


def test_fault_options(tmp_path: Path) -> None:
    data = DemoDataset.from_json(
        json.dumps(
            {
                "faults": {
                    "eng-00000000000001": {"kind": "slow", "delay": 5},
                    "eng-00000000000002": "throttle-then-ok",
                    "eng-00000000000003": {"kind": "throttle-then-ok", "times": 4},
                }
            }
        )
    )
    assert data.faults["eng-00000000000001"].delay == 5.0
    assert data.faults["eng-00000000000002"].times == 2
    assert data.faults["eng-00000000000003"].times == 4
    assert len(FAULT_KINDS) == 16  # endless, many-headers and unknown-error (issue 21)


@pytest.mark.parametrize(
    ("payload", "where"),
    [
        ("{not json", "not valid JSON"),
        ([MINIMAL], "top level must be a JSON object"),
        ({"engagements": [MINIMAL], "extra": 1}, "extra: unknown top-level key"),
        ({"engagements": {"a": 1}}, "engagements: must be a list"),
        ({"engagements": [MINIMAL, {"Title": "no id"}]}, "engagements[1].Id"),
        ({"engagements": [dict(MINIMAL, Id="ENG-1")]}, "engagements[0].Id"),
        ({"engagements": [MINIMAL, MINIMAL]}, "engagements[1].Id: duplicate id"),
        (
            {"engagements": [MINIMAL, dict(MINIMAL, Id="eng-00000000000002", CreatedAt="soon")]},
            "engagements[1].CreatedAt: Member must be an ISO 8601 timestamp (got 'soon')",
        ),
        ({"engagements": [dict(MINIMAL, Catalog="Prod")]}, "engagements[0].Catalog"),
        ({"engagements": [dict(MINIMAL, Title="x" * 41)]}, "engagements[0].Title"),
        ({"engagements": [dict(MINIMAL, MemberCount="3")]}, "engagements[0].MemberCount"),
        (
            {"engagements": [dict(MINIMAL, Contexts=[{"Id": "1"}])]},
            "engagements[0].Contexts[0].Type: Member must not be null",
        ),
        ({"faults": {"eng-00000000000001": "explode"}}, "unknown fault kind 'explode'"),
        ({"faults": {"eng-00000000000001": {"kind": "slow", "times": 2}}}, "no option 'times'"),
        ({"faults": {"eng-00000000000001": {"kind": "slow", "delay": "5"}}}, "wrong type"),
        ({"faults": {"someone": "slow"}}, "faults.someone"),
        ({"members": {"eng-00000000000001": [{"AccountId": 5}]}}, "members.eng-00000000000001[0]"),
        ({"associations": [{"ResourceId": "opp-1"}]}, "associations[0].ResourceId"),
    ],
)
def test_bad_data_files_are_rejected_with_a_clear_message(
    tmp_path: Path, payload: Any, where: str
) -> None:
    path = write(tmp_path, payload)
    with pytest.raises(DemoDataError) as excinfo:
        DemoDataset.from_file(path)
    message = str(excinfo.value)
    assert message.startswith(f"{path}: ")
    assert where in message
    assert "\n" not in message


def test_missing_data_file(tmp_path: Path) -> None:
    with pytest.raises(DemoDataError, match=r"nope\.json: cannot read the file"):
        DemoDataset.from_file(tmp_path / "nope.json")


# -- generated data -------------------------------------------------------------------------
def test_generated_data_is_deterministic_and_valid() -> None:
    first, again = DemoDataset.generated(60), DemoDataset.generated(60)
    assert first.engagements == again.engagements
    assert first.members == again.members
    assert first.associations == again.associations
    assert len(first.engagement_ids("Sandbox")) == 60
    for engagement in first.engagements.values():
        _, issues = check(model.shape("GetEngagementResponse"), engagement, Mode.STORED)
        assert issues == []
        assert engagement["MemberCount"] == len(first.members[engagement["Id"]])
    for association in first.associations:
        shape = model.shape("EngagementResourceAssociationSummary")
        assert check(shape, association, Mode.STORED)[1] == []


def test_generate_ten_thousand() -> None:
    started = time.perf_counter()
    data = DemoDataset.generated(10_000)
    elapsed = time.perf_counter() - started
    assert len(data) == 10_000
    assert len(data.engagement_ids("Sandbox")) == 10_000
    assert len({eid for _, eid in data.engagements}) == 10_000
    print(f"generated 10000 engagements in {elapsed:.2f}s")  # a figure, not an assertion
    assert DemoDataset.generated(0).engagements == {}
    with pytest.raises(ValueError):
        DemoDataset.generated(-1)


# -- credentials ----------------------------------------------------------------------------
def test_demo_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    assert demo_credentials_from_env() == (DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY)
    monkeypatch.setenv("ENGTUI_DEMO_ACCESS_KEY_ID", "AKIAELSEWHERE0000000")
    monkeypatch.setenv("ENGTUI_DEMO_SECRET_ACCESS_KEY", "")
    assert demo_credentials_from_env() == ("AKIAELSEWHERE0000000", DEMO_SECRET_ACCESS_KEY)
    assert DEMO_SECRET_ACCESS_KEY not in repr(sigv4.Credentials(*demo_credentials_from_env()))


# -- SigV4: the server's verifier agrees with botocore's signer ---------------------------------
CREDENTIALS = sigv4.Credentials(DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY)
text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=20)


def signed(
    body: bytes, query: dict[str, str], header: str, path: str = "/"
) -> tuple[str, list[tuple[str, str]]]:
    request = AWSRequest(
        method="POST",
        url=f"http://127.0.0.1:8123{path}",
        data=body,
        params=query,
        headers={"X-Amz-Target": "AWSPartnerCentralSelling.GetEngagement", "X-Demo": header},
    )
    SigV4Auth(
        BotoCredentials(DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY),
        "partnercentral-selling",
        "us-west-2",
    ).add_auth(request)
    prepared = request.prepare()
    target = prepared.url.split("127.0.0.1:8123", 1)[1]
    headers = [(k, v.decode() if isinstance(v, bytes) else v) for k, v in prepared.headers.items()]
    headers.append(("Host", "127.0.0.1:8123"))
    return target, headers


@settings(max_examples=60, deadline=None)
@given(
    body=st.binary(max_size=64),
    query=st.dictionaries(text.filter(bool), text, max_size=3),
    header=text.map(lambda s: f"  {s}  with   spaces ").filter(lambda s: s.isprintable()),
    path=st.sampled_from(["/", "/a/../b", "/with space/", "/%7Euser/x"]),
)
def test_verifier_accepts_what_botocore_signs(
    body: bytes, query: dict[str, str], header: str, path: str
) -> None:
    target, headers = signed(body, query, header, path)
    auth = sigv4.verify(
        method="POST",
        target=target,
        headers=headers,
        body=body,
        credentials=CREDENTIALS,
        service="partnercentral-selling",
    )
    assert auth.region == "us-west-2"
    with pytest.raises(ServiceError) as excinfo:
        sigv4.verify(
            method="POST",
            target=target,
            headers=headers,
            body=body + b" ",
            credentials=CREDENTIALS,
            service="partnercentral-selling",
        )
    assert excinfo.value.code == "InvalidSignatureException"


@pytest.mark.parametrize(
    ("authorization", "code"),
    [
        ("AWS AKIA:abc", "IncompleteSignatureException"),
        ("AWS4-HMAC-SHA256 Credential=a/b/c/d/aws4_request", "IncompleteSignatureException"),
        (
            "AWS4-HMAC-SHA256 Credential=AKIAENGTUIDEMO000000/20260101/us-east-1/"
            "partnercentral-selling/aws4_request, SignedHeaders=x-amz-date, Signature=00",
            "IncompleteSignatureException",  # host must be signed
        ),
        (
            "AWS4-HMAC-SHA256 Credential=AKIAENGTUIDEMO000000/20250101/us-east-1/"
            "partnercentral-selling/aws4_request, SignedHeaders=host;x-amz-date, Signature=00",
            "InvalidSignatureException",  # scope date is not the request date
        ),
        (
            "AWS4-HMAC-SHA256 Credential=AKIAENGTUIDEMO000000/20260101/us-east-1/"
            "partnercentral-selling/aws5_request, SignedHeaders=host;x-amz-date, Signature=00",
            "InvalidSignatureException",
        ),
    ],
)
def test_malformed_authorization(authorization: str, code: str) -> None:
    headers = [
        ("Authorization", authorization),
        ("X-Amz-Date", "20260101T000000Z"),
        ("Host", "127.0.0.1"),
    ]
    with pytest.raises(ServiceError) as excinfo:
        sigv4.verify(
            method="POST",
            target="/",
            headers=headers,
            body=b"{}",
            credentials=CREDENTIALS,
            service="partnercentral-selling",
        )
    assert excinfo.value.code == code
    assert excinfo.value.status == 403


def test_fault_keys_name_exactly_the_served_operations() -> None:
    from engtui.demo.data import SERVED_OPERATIONS
    from engtui.demo.operations import BENEFITS_OPERATIONS, OPERATIONS

    assert set(OPERATIONS) | set(BENEFITS_OPERATIONS) == set(SERVED_OPERATIONS)


def test_the_demo_package_imports_neither_textual_nor_boto3() -> None:
    code = (
        "import sys, engtui.demo.server, engtui.demo.command\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'boto3'))\n"
        "assert not bad, bad\n"
        "assert 'botocore.model' not in sys.modules  # the model loads lazily\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


# -- the bundled data follows the clock -----------------------------------------------------
def _moment(value: str | datetime) -> datetime:
    """A timestamp as loaded (a datetime) or as served (ISO 8601 text)."""
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def test_the_bundled_data_is_moved_to_the_day_it_runs() -> None:
    """Served as written, every pending invitation had expired a week after the data was
    written: its dates move by the whole hours since then, every date the same way."""
    from datetime import timedelta

    from engtui.demo.clock import WRITTEN_FOR

    written = DemoDataset.bundled(WRITTEN_FOR)
    later = WRITTEN_FOR + timedelta(days=40, hours=5, minutes=59)
    moved = DemoDataset.bundled(later)
    pending = [key for key, item in written.invitations.items() if item["Status"] == "PENDING"]
    assert len(pending) >= 3
    for key in pending:
        before, after = written.invitations[key], moved.invitations[key]
        assert _moment(after["ExpirationDate"]) > later > _moment(after["InvitationDate"])
        assert (_moment(after["ExpirationDate"]) - _moment(before["ExpirationDate"])
                == timedelta(days=40, hours=5))
    first = next(iter(written.engagements))
    assert (_moment(moved.engagements[first]["CreatedAt"])
            - _moment(written.engagements[first]["CreatedAt"])) == timedelta(days=40, hours=5)
    assert moved.engagements[first]["Title"] == written.engagements[first]["Title"]


def test_the_tests_see_the_data_as_written() -> None:
    """conftest pins ENGTUI_DEMO_NOW to the moment the data was written for: the tests and
    snapshots are the same on any day."""
    data = json.loads((Path(__file__).parents[2] / "engtui" / "demo" / "sample_data.json")
                      .read_text(encoding="utf-8"))
    written = {item["Id"]: _moment(item["ExpirationDate"]) for item in data["invitations"]}
    served = {item["Id"]: _moment(item["ExpirationDate"])
              for item in DemoDataset.bundled().invitations.values()}
    assert served == written


def test_pending_invitations_are_pending_on_the_day_the_demo_runs(capsys, monkeypatch) -> None:
    """`engtui --demo` on the real clock: no pending invitation has expired."""
    from test_cli import run_cli

    from engtui.demo.clock import NOW_ENV

    monkeypatch.delenv(NOW_ENV)
    code, out, err = run_cli(capsys, "list", "invitations", "--status", "PENDING", "--demo")
    assert code == 0, err
    now = datetime.now(UTC)
    expirations = [_moment(item["ExpirationDate"]) for item in json.loads(out)]
    assert expirations and all(expiry > now for expiry in expirations)
