"""Helpers for the demo endpoint's tests: boto3 clients, raw signed calls, the aws CLI."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

from engtui.demo import DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY
from engtui.demo.server import DemoServer

SERVICE = "partnercentral-selling"
BENEFITS = "partnercentral-benefits"  # on the same demo endpoint
NO_RETRY = Config(retries={"mode": "standard", "total_max_attempts": 1})


def make_client(
    session: boto3.session.Session,
    url: str,
    *,
    key: str = DEMO_ACCESS_KEY_ID,
    secret: str = DEMO_SECRET_ACCESS_KEY,
    config: Config = NO_RETRY,
    region: str = "us-east-1",
    token: str | None = None,
) -> Any:
    return session.client(
        SERVICE,
        region_name=region,
        endpoint_url=url,
        aws_access_key_id=key,
        aws_secret_access_key=secret,
        aws_session_token=token,
        config=config,
    )


def endpoint_fixtures() -> tuple[Any, Any, Any]:
    """Fixtures ``session`` (one boto3 session a module), ``server`` (a fresh demo server
    on the bundled data, per test) and ``client`` (a boto3 client of it)."""

    @pytest.fixture(scope="module")
    def session() -> boto3.session.Session:
        return boto3.session.Session()  # clients are much cheaper to make from one session

    @pytest.fixture
    def server() -> Iterator[DemoServer]:
        with DemoServer(
            access_key_id=DEMO_ACCESS_KEY_ID, secret_access_key=DEMO_SECRET_ACCESS_KEY
        ) as demo:
            yield demo

    @pytest.fixture
    def client(session: boto3.session.Session, server: DemoServer) -> Any:
        return make_client(session, server.url)

    return session, server, client


def all_pages(client: Any, operation: str, key: str, page_size: int, **params: Any) -> list[Any]:
    """Every item of every page of a paginated operation, pages of ``page_size``."""
    paginator = client.get_paginator(operation)
    pages = list(paginator.paginate(**params, PaginationConfig={"PageSize": page_size}))
    assert all(len(page[key]) <= page_size for page in pages)
    return [item for page in pages for item in page[key]]


def error_of(excinfo: pytest.ExceptionInfo[ClientError]) -> tuple[str, dict[str, Any]]:
    """The error code and the whole response of a ``ClientError``."""
    response = excinfo.value.response
    return response["Error"]["Code"], response


def client_fixture() -> Any:
    """A module-scoped fixture: a boto3 client of conftest's shared ``demo_server``."""

    @pytest.fixture(scope="module")
    def client(demo_server: Any) -> Any:
        return make_client(boto3.session.Session(), demo_server.url)

    return client


def raw_call(
    url: str,
    operation: str,
    body: dict[str, Any] | bytes,
    *,
    service: str = SERVICE,
    secret: str = DEMO_SECRET_ACCESS_KEY,
    target: str | None = None,
    sign: bool = True,
    tamper: bytes | None = None,
) -> tuple[int, dict[str, str], bytes]:
    """Send one request signed by botocore's signer; return status, headers, body."""
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    request = AWSRequest(
        method="POST",
        url=url + "/",
        data=data,
        headers={
            "Content-Type": "application/x-amz-json-1.0",
            "X-Amz-Target": target or f"AWSPartnerCentralSelling.{operation}",
        },
    )
    if sign:
        SigV4Auth(Credentials(DEMO_ACCESS_KEY_ID, secret), service, "us-east-1").add_auth(request)
    prepared = request.prepare()
    sent = urllib.request.Request(
        prepared.url,
        data=tamper if tamper is not None else prepared.body,
        headers=dict(prepared.headers),
        method="POST",
    )
    try:
        with urllib.request.urlopen(sent, timeout=5) as response:
            try:
                data = response.read()
            except http.client.IncompleteRead as short:  # the connection dropped mid-body
                data = short.partial
            return response.status, dict(response.headers), data
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def aws_cli() -> str | None:
    """The real aws CLI: ``ENGTUI_TEST_AWS_CLI`` (set by scripts/test), else on PATH."""
    return os.environ.get("ENGTUI_TEST_AWS_CLI") or shutil.which("aws")


def add_service_model(home: Path) -> None:
    """Give the aws CLI in ``home`` the service model engtui's botocore has.

    The newest aws CLI on the registry (1.46.3) vendors botocore 1.43.62, which lacks
    ``SearchEngagements``, ``ListEngagementGroups`` and ``GetCustomerAccount``; like
    ``aws configure add-model``, a model under ``~/.aws/models`` takes precedence, so the
    CLI then speaks exactly the model engtui and the demo endpoint use.
    """
    from botocore.loaders import Loader

    loader = Loader()
    for service, version in ((SERVICE, "2022-07-26"), (BENEFITS, "2018-05-10")):
        folder = home / ".aws" / "models" / service / version
        folder.mkdir(parents=True, exist_ok=True)
        for name in ("service-2", "paginators-1"):
            data = loader.load_service_model(service, name, api_version=version)
            (folder / f"{name}.json").write_text(json.dumps(data), encoding="utf-8")


def aws_cli_json(url: str, home: Path, command: str, *args: str, catalog: str = "Sandbox",
                 service: str = SERVICE) -> Any:
    """Run ``aws partnercentral-selling COMMAND ARGS`` against the endpoint at ``url``.

    Signs with the demo key pair through the environment, in the test's private home
    (``home``: the ``isolated_home`` fixture), with engtui's service model
    (``add_service_model``), prints timestamps as ISO 8601 and returns the parsed JSON
    output (``None`` for an empty one). Raises ``AssertionError`` with the
    CLI's standard error when it fails.
    """
    cli = aws_cli()
    assert cli is not None, "the aws CLI is not installed"
    config = home / ".aws" / "config"
    if not config.exists():
        config.parent.mkdir(parents=True, exist_ok=True)
        config.write_text("[default]\nregion = us-east-1\ncli_timestamp_format = iso8601\n")
        add_service_model(home)
    env = {
        **os.environ,
        "AWS_ACCESS_KEY_ID": DEMO_ACCESS_KEY_ID,
        "AWS_SECRET_ACCESS_KEY": DEMO_SECRET_ACCESS_KEY,
        "AWS_CONFIG_FILE": str(config),
        "AWS_PAGER": "",
    }
    argv = [cli, service, command, "--catalog", catalog, *args, "--endpoint-url", url,
            "--output", "json"]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=120, env=env,
                          check=False)
    assert done.returncode == 0, f"{command}: {done.stderr}"
    return json.loads(done.stdout) if done.stdout.strip() else None
