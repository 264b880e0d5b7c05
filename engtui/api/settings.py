"""The client's settings: plain values, the defaults, and the names shared with the CLI.

Where each value comes from (options, profiles, the environment, ``~/.aws``) is decided in
one place, :mod:`engtui.profiles.resolve`; this module only holds the result and reads no
file and no environment variable.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

ENVIRONMENT = "environment"
"""The label of settings that come from no profile (plain AWS environment resolution); also
the reserved profile name that means "no profile"."""
DEFAULT_REGION = "us-east-1"
DEFAULT_CONNECT_TIMEOUT = 5.0
DEFAULT_READ_TIMEOUT = 20.0
DEFAULT_MAX_ATTEMPTS = 4
DEFAULT_DEADLINE = 60.0  # seconds one call may take in all (engtui.api.deadline)
RETRY_MODES = ("standard", "adaptive", "legacy")

AttemptCallback = Callable[[int, int], None]
"""Called before each attempt of a call with (attempt, max attempts)."""


@dataclass(frozen=True)
class StaticCredentials:
    """An access key pair (and optional session token). Never shown by repr."""

    access_key_id: str
    secret_access_key: str = field(repr=False)
    session_token: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class ClientSettings:
    """Everything needed to build the client, and to show where calls go."""

    label: str = ENVIRONMENT
    aws_profile: str | None = None
    region: str | None = None
    endpoint_url: str | None = None
    catalog: str = "AWS"
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT
    read_timeout: float = DEFAULT_READ_TIMEOUT
    max_attempts: int = DEFAULT_MAX_ATTEMPTS
    retry_mode: str = "standard"
    deadline: float = DEFAULT_DEADLINE
    # The call budget (engtui.api.budget): None is the documented quota (10 reads a second,
    # 100,000 per rolling 24 hours); an account with raised quotas sets its own.
    reads_per_second: float | None = None
    reads_per_day: int | None = None
    # The TUI fetches the record under a resting cursor before Enter (engtui.screens.prefetch)
    prefetch: bool = True
    credentials: StaticCredentials | None = field(default=None, repr=False)
    # Runs in the worker that first builds the client: may read a secret from the keyring
    # and checks the AWS files boto3 will read. Returns static credentials, or None to let
    # boto3 find them; raises ApiError when no client can be built.
    credentials_loader: Callable[[], StaticCredentials | None] | None = field(
        default=None, repr=False, compare=False
    )

    def resolved(self) -> ClientSettings:
        """With the last default filled in (the region); the rest was resolved already."""
        return replace(self, region=self.region or DEFAULT_REGION)

    def describe(self) -> str:
        """One line: profile, region, catalog and (when not the default) the endpoint."""
        parts = [f"profile {self.label}", f"region {self.region or DEFAULT_REGION}",
                 f"catalog {self.catalog}"]
        if self.endpoint_url:
            parts.append(f"endpoint {self.endpoint_url}")
        return " · ".join(parts)
