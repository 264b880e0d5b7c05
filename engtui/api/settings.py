"""Where the client comes from: explicit options first, then the AWS environment.

Precedence, highest first (the same as the AWS CLI, plus ``AWS_REGION`` which boto3 itself
ignores but users expect):

- region: ``--region`` > ``AWS_REGION`` > ``AWS_DEFAULT_REGION`` > the AWS profile's
  ``region`` in ``~/.aws/config`` > ``us-east-1``;
- endpoint: ``--endpoint-url`` > ``AWS_ENDPOINT_URL_PARTNERCENTRAL_SELLING`` >
  ``AWS_ENDPOINT_URL`` > the service's default;
- AWS profile: ``--aws-profile`` (or an engtui profile's ``aws_profile``) > ``AWS_PROFILE``.

This module reads only environment variables and the AWS config file (with configparser),
so it is cheap enough to run on the UI thread at start-up; boto3 is imported by the service.
"""

from __future__ import annotations

import configparser
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

DEFAULT_REGION = "us-east-1"
DEFAULT_CONNECT_TIMEOUT = 5.0
DEFAULT_READ_TIMEOUT = 20.0
DEFAULT_MAX_ATTEMPTS = 4
DEFAULT_DEADLINE = 60.0  # seconds one call may take in all (engtui.api.deadline)
RETRY_MODES = ("standard", "adaptive", "legacy")
ENDPOINT_ENV = "AWS_ENDPOINT_URL_PARTNERCENTRAL_SELLING"


@dataclass(frozen=True)
class StaticCredentials:
    """An access key pair (and optional session token). Never shown by repr."""

    access_key_id: str
    secret_access_key: str = field(repr=False)
    session_token: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class ConnectionSettings:
    """Everything needed to build the client, and to show where calls go."""

    label: str = "environment"
    aws_profile: str | None = None
    region: str | None = None
    endpoint_url: str | None = None
    catalog: str = "AWS"
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT
    read_timeout: float = DEFAULT_READ_TIMEOUT
    max_attempts: int = DEFAULT_MAX_ATTEMPTS
    retry_mode: str = "standard"
    deadline: float = DEFAULT_DEADLINE
    credentials: StaticCredentials | None = field(default=None, repr=False)
    # Reads a secret (e.g. from the keyring) when the client is first built, in a worker.
    credentials_loader: Callable[[], StaticCredentials] | None = field(
        default=None, repr=False, compare=False
    )

    def resolved(self, environ: Mapping[str, str] | None = None) -> ConnectionSettings:
        """Fill region, endpoint and AWS profile from the environment where not given."""
        env = os.environ if environ is None else environ
        aws_profile = self.aws_profile
        if aws_profile is None and self.credentials is None and self.credentials_loader is None:
            aws_profile = env.get("AWS_PROFILE") or env.get("AWS_DEFAULT_PROFILE") or None
        region = (
            self.region
            or env.get("AWS_REGION")
            or env.get("AWS_DEFAULT_REGION")
            or _profile_region(aws_profile, env)
            or DEFAULT_REGION
        )
        endpoint = self.endpoint_url or env.get(ENDPOINT_ENV) or env.get("AWS_ENDPOINT_URL")
        return replace(self, aws_profile=aws_profile, region=region, endpoint_url=endpoint or None)

    @property
    def is_default_endpoint(self) -> bool:
        return not self.endpoint_url

    def describe(self) -> str:
        """One line: profile, region, catalog and (when not the default) the endpoint."""
        parts = [f"profile {self.label}", f"region {self.region or DEFAULT_REGION}",
                 f"catalog {self.catalog}"]
        if self.endpoint_url:
            parts.append(f"endpoint {self.endpoint_url}")
        return " · ".join(parts)


def _profile_region(aws_profile: str | None, env: Mapping[str, str]) -> str | None:
    """The ``region`` of an AWS named profile in the AWS config file, if any."""
    path = Path(env.get("AWS_CONFIG_FILE") or Path.home() / ".aws" / "config").expanduser()
    name = aws_profile or "default"
    parser = configparser.RawConfigParser()
    try:
        parser.read(path, encoding="utf-8")
    except (OSError, configparser.Error, UnicodeDecodeError):
        return None
    section = "default" if name == "default" else f"profile {name}"
    if parser.has_section(section):
        return parser.get(section, "region", fallback=None) or None
    return None
