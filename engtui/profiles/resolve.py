"""Where a setting comes from: the one place that knows the precedence of each.

Region: the profile's ``region`` > ``AWS_REGION`` > ``AWS_DEFAULT_REGION`` > the AWS named
profile's ``region`` > ``us-east-1``. Endpoint: the profile's ``endpoint_url`` >
``AWS_ENDPOINT_URL_PARTNERCENTRAL_SELLING`` > ``AWS_ENDPOINT_URL`` > the service's own.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import NamedTuple

from engtui.api.settings import DEFAULT_REGION
from engtui.profiles.aws_config import AwsProfiles, env_aws_profile
from engtui.profiles.model import Profile

ENDPOINT_ENVS = ("AWS_ENDPOINT_URL_PARTNERCENTRAL_SELLING", "AWS_ENDPOINT_URL")
REGION_ENVS = ("AWS_REGION", "AWS_DEFAULT_REGION")


class Setting(NamedTuple):
    """A resolved setting and where it came from (``origin``, for display)."""

    value: str | None
    origin: str


def resolve_region(
    profile: Profile | None,
    aws_profiles: AwsProfiles | None = None,
    environ: Mapping[str, str] | None = None,
) -> Setting:
    """The region a profile (None: no profile) uses, in this order: the profile's
    ``region``, ``AWS_REGION``, ``AWS_DEFAULT_REGION``, the AWS named profile's region
    (``aws_profile``, else ``AWS_PROFILE``/``AWS_DEFAULT_PROFILE``, else ``default``),
    ``us-east-1``."""
    env = os.environ if environ is None else environ
    if profile is not None and profile.region:
        return Setting(profile.region, "profile")
    for name in REGION_ENVS:
        if env.get(name):
            return Setting(env[name], name)
    from_env = env_aws_profile(env)
    aws_name = (profile.aws_profile if profile else None) or (from_env and from_env[0])
    aws_name = aws_name or "default"
    aws = aws_profiles.get(aws_name) if aws_profiles is not None else None
    if aws is not None and aws.region:
        return Setting(aws.region, f"aws profile {aws_name}")
    return Setting(DEFAULT_REGION, "default")


def resolve_endpoint(profile: Profile | None, environ: Mapping[str, str] | None = None) -> Setting:
    """The endpoint URL: the profile's ``endpoint_url``, then
    ``AWS_ENDPOINT_URL_PARTNERCENTRAL_SELLING``, then ``AWS_ENDPOINT_URL``; value None
    means the AWS endpoint of the region."""
    env = os.environ if environ is None else environ
    if profile is not None and profile.endpoint_url:
        return Setting(profile.endpoint_url, "profile")
    for name in ENDPOINT_ENVS:
        if env.get(name):
            return Setting(env[name], name)
    return Setting(None, "default")
