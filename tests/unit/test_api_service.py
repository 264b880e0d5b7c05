"""The service object against the demo endpoint over real HTTP, with a real boto3 client."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from support import DEMO_KEY_ID, DEMO_SECRET, ENGAGEMENT_ID, demo_settings, engagement

from engtui.api.errors import ApiError, ErrorKind
from engtui.api.kinds import ENGAGEMENT
from engtui.api.records import Record
from engtui.api.service import SellingService
from engtui.api.settings import ClientSettings, StaticCredentials


def fetch(url: str, identifier: str = ENGAGEMENT_ID, **settings: object) -> Record:
    service = SellingService(demo_settings(url, **settings))
    try:
        return service.get_record(ENGAGEMENT, "Sandbox", identifier)
    finally:
        service.close()


def failure(url: str, identifier: str = ENGAGEMENT_ID, **settings: object) -> ApiError:
    with pytest.raises(ApiError) as caught:
        fetch(url, identifier, **settings)
    error = caught.value
    assert error.message and "Traceback" not in error.message
    return error


def test_get_engagement_returns_typed_result(make_demo_server) -> None:
    server = make_demo_server({"engagements": [engagement()]})
    result = fetch(server.url)
    assert result.id == ENGAGEMENT_ID
    assert result.title == "Test engagement"
    assert result.catalog == "Sandbox"
    assert "ResponseMetadata" not in result.data
    assert isinstance(result.data["CreatedAt"], dt.datetime)
    assert result.data["CreatedAt"] == dt.datetime(2026, 1, 5, 10, tzinfo=dt.UTC)
    customer = result.data["Contexts"][0]["Payload"]["CustomerProject"]["Customer"]
    assert customer["CompanyName"] == "Example Corp"


def test_arn_identifier_is_accepted(make_demo_server) -> None:
    server = make_demo_server({"engagements": [engagement()]})
    arn = engagement()["Arn"]
    assert fetch(server.url, arn).id == ENGAGEMENT_ID


def test_not_found(make_demo_server) -> None:
    server = make_demo_server({"engagements": [engagement()]})
    error = failure(server.url, "eng-t0000000000999")
    assert error.kind is ErrorKind.NOT_FOUND
    assert "catalog" in error.hint


@pytest.mark.parametrize(
    ("fault", "kind", "phrase"),
    [
        ("AccessDeniedException", ErrorKind.ACCESS_DENIED, "Access denied"),
        ("ValidationException", ErrorKind.VALIDATION, "rejected"),
        ("ResourceNotFoundException", ErrorKind.NOT_FOUND, "No such engagement"),
        ("InternalServerException", ErrorKind.SERVICE, "failed"),
        ("ThrottlingException", ErrorKind.THROTTLED, "throttling"),
        ("http500", ErrorKind.SERVICE, "failed"),
        ("http503", ErrorKind.SERVICE, "failed"),
        ("malformed", ErrorKind.MALFORMED, "could not be read"),
        ("truncated", ErrorKind.MALFORMED, "could not be read"),
    ],
)
def test_each_fault_becomes_one_error_kind(make_demo_server, fault, kind, phrase) -> None:
    server = make_demo_server({"engagements": [engagement()], "faults": {ENGAGEMENT_ID: fault}})
    error = failure(server.url)
    assert error.kind is kind, error
    assert phrase in error.message
    assert error.hint


def test_access_denied_carries_the_reason(make_demo_server) -> None:
    fault = {"kind": "AccessDeniedException", "reason": "INCOMPATIBLE_BENEFIT_AWS_PARTNER_STATE"}
    server = make_demo_server({"engagements": [engagement()], "faults": {ENGAGEMENT_ID: fault}})
    assert "(reason: INCOMPATIBLE_BENEFIT_AWS_PARTNER_STATE)" in failure(server.url).message


def test_validation_carries_the_error_list(make_demo_server) -> None:
    server = make_demo_server(
        {"engagements": [engagement()], "faults": {ENGAGEMENT_ID: "ValidationException"}}
    )
    error = failure(server.url)
    assert error.details, "the ErrorList should be kept"
    # The demo's item has no FieldName and repeats the reply's message: said once, no `?:`.
    assert error.message == (
        "The service rejected the request: The request failed business validation "
        "(demo fault). (INVALID_RESOURCE_STATE)"
    )


def test_validation_names_the_fields_it_has() -> None:
    from botocore.exceptions import ClientError

    from engtui.api.errors import classify

    reply = {
        "Error": {"Code": "ValidationException", "Message": "Bad request."},
        "ErrorList": [
            {"FieldName": "Catalog", "Message": "Must be AWS or Sandbox.", "Code": "INVALID_ENUM"},
            {"Message": "Something else is off.", "Code": "OTHER"},
        ],
    }
    error = classify(ClientError(reply, "GetEngagement"))
    assert error.message == (
        "The service rejected the request: Bad request. — Catalog: Must be AWS or Sandbox. "
        "(INVALID_ENUM); Something else is off. (OTHER)"
    )


def test_throttling_retries_then_succeeds_and_reports_attempts(make_demo_server) -> None:
    server = make_demo_server(
        {"engagements": [engagement()],
         "faults": {ENGAGEMENT_ID: {"kind": "throttle-then-ok", "times": 2}}}
    )
    attempts: list[tuple[int, int]] = []
    service = SellingService(demo_settings(server.url, max_attempts=4))
    result = service.get_record(
        ENGAGEMENT, "Sandbox", ENGAGEMENT_ID,
        on_attempt=lambda n, total: attempts.append((n, total)),
    )
    assert result.id == ENGAGEMENT_ID
    assert attempts == [(1, 4), (2, 4), (3, 4)]


def test_throttled_after_bounded_retries(make_demo_server) -> None:
    server = make_demo_server(
        {"engagements": [engagement()],
         "faults": {ENGAGEMENT_ID: {"kind": "throttle-then-ok", "times": 50}}}
    )
    attempts: list[int] = []
    service = SellingService(demo_settings(server.url, max_attempts=2))
    with pytest.raises(ApiError) as caught:
        service.get_record(ENGAGEMENT, "Sandbox", ENGAGEMENT_ID,
                           on_attempt=lambda n, _: attempts.append(n))
    assert caught.value.kind is ErrorKind.THROTTLED
    assert attempts == [1, 2]


def test_read_timeout_is_a_network_error(make_demo_server) -> None:
    server = make_demo_server(
        {"engagements": [engagement()], "faults": {ENGAGEMENT_ID: {"kind": "slow", "delay": 3}}}
    )
    error = failure(server.url, read_timeout=0.3)
    assert error.kind is ErrorKind.NETWORK
    assert "in time" in error.message


def test_connection_refused_is_a_network_error(make_demo_server) -> None:
    server = make_demo_server({"engagements": [engagement()]})
    url = server.url
    server.stop()
    error = failure(url, connect_timeout=1.0)
    assert error.kind is ErrorKind.NETWORK
    assert url in error.message


def test_wrong_secret_is_a_credentials_error_without_the_secret(make_demo_server) -> None:
    server = make_demo_server({"engagements": [engagement()]})
    wrong = "wrong-secret-value-0123456789"
    error = failure(server.url, credentials=StaticCredentials(DEMO_KEY_ID, wrong))
    assert error.kind is ErrorKind.CREDENTIALS
    assert "signature" in error.message
    assert wrong not in repr(error) and wrong not in error.one_line()


def test_unknown_access_key_is_a_credentials_error(make_demo_server) -> None:
    server = make_demo_server({"engagements": [engagement()]})
    error = failure(server.url, credentials=StaticCredentials("AKIAUNKNOWN000000000", "x"))
    assert error.kind is ErrorKind.CREDENTIALS


def test_no_credentials_at_all_says_how_to_configure(make_demo_server) -> None:
    server = make_demo_server({"engagements": [engagement()]})
    error = failure(server.url, credentials=None)
    assert error.kind is ErrorKind.CREDENTIALS
    assert "engtui --demo" in error.hint
    assert "aws configure" in error.hint


def test_expired_sso_names_the_login_command(make_demo_server, isolated_home: Path) -> None:
    server = make_demo_server({"engagements": [engagement()]})
    config = isolated_home / ".aws" / "config"
    config.parent.mkdir(parents=True)
    config.write_text(
        "[profile work-sso]\n"
        "sso_session = corp\n"
        "sso_account_id = 123456789012\n"
        "sso_role_name = PartnerRead\n"
        "region = eu-west-1\n"
        "[sso-session corp]\n"
        "sso_start_url = https://corp.awsapps.com/start\n"
        "sso_region = eu-west-1\n"
    )
    error = failure(server.url, credentials=None, aws_profile="work-sso")
    assert error.kind is ErrorKind.CREDENTIALS
    assert "aws sso login --profile work-sso" in error.hint


def test_unknown_union_member_is_kept(make_demo_server) -> None:
    odd = engagement(Contexts=[{"Id": "1", "Type": "Insights",
                                "Payload": {"Insights": {"Score": 7}}}])
    server = make_demo_server({"engagements": [odd]})
    payload = fetch(server.url).data["Contexts"][0]["Payload"]
    # botocore keeps only the name; engtui puts the raw value back (engtui.api.unknown_members)
    assert payload == {"SDK_UNKNOWN_MEMBER": {"name": "Insights"}, "Insights": {"Score": 7}}


def test_one_client_is_built_and_reused(make_demo_server) -> None:
    server = make_demo_server({"engagements": [engagement()]})
    service = SellingService(demo_settings(server.url))
    service.warm()
    client = service._clients["selling"]
    service.get_record(ENGAGEMENT, "Sandbox", ENGAGEMENT_ID)
    service.get_record(ENGAGEMENT, "Sandbox", ENGAGEMENT_ID)
    assert service._clients["selling"] is client


def test_static_credentials_never_show_in_repr() -> None:
    settings = ClientSettings(credentials=StaticCredentials("AKIAX", "s3cr3t", "t0k3n"))
    assert "s3cr3t" not in repr(settings) and "t0k3n" not in repr(settings)
    assert "s3cr3t" not in repr(settings.credentials)


def test_the_client_is_built_as_boto3_builds_it(make_demo_server) -> None:
    """The client is built through botocore's session without importing boto3; what reaches
    the wire must be what a ``boto3.session.Session`` client with the same settings sends:
    the same User-Agent (``Boto3/<version> ... Botocore/<version> ... app/engtui``), the
    same signing and the same request."""
    import boto3
    from botocore.config import Config

    from engtui import __version__

    server = make_demo_server({"engagements": [engagement()]})
    service = SellingService(demo_settings(server.url))
    try:
        service.get_record(ENGAGEMENT, "Sandbox", ENGAGEMENT_ID)
    finally:
        service.close()
    ours = server.requests[-1]
    settings = service.settings
    session = boto3.session.Session(
        aws_access_key_id=DEMO_KEY_ID, aws_secret_access_key=DEMO_SECRET,
        region_name=settings.region,
    )
    config = Config(
        connect_timeout=settings.connect_timeout, read_timeout=settings.read_timeout,
        retries={"mode": settings.retry_mode, "total_max_attempts": settings.max_attempts},
        user_agent_appid="engtui", user_agent_extra=f"engtui/{__version__}",
    )
    client = session.client("partnercentral-selling", region_name=settings.region,
                            endpoint_url=server.url, config=config)
    client.get_engagement(Catalog="Sandbox", Identifier=ENGAGEMENT_ID)
    client.close()
    theirs = server.requests[-1]
    assert ours.headers["user-agent"].startswith(f"Boto3/{boto3.__version__} ")
    assert ours.headers["user-agent"] == theirs.headers["user-agent"]
    assert ours.access_key_id == theirs.access_key_id == DEMO_KEY_ID
    assert (ours.operation, ours.params, ours.region) == (
        theirs.operation, theirs.params, theirs.region)
