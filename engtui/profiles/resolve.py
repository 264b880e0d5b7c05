"""Where each setting comes from: the one place that knows the precedence of each.

Region: the profile's (or ``--region``'s) ``region`` > ``AWS_REGION`` >
``AWS_DEFAULT_REGION`` > the AWS named profile's ``region`` (``aws_profile``, else
``AWS_PROFILE``/``AWS_DEFAULT_PROFILE``, else ``default``) > ``us-east-1``. Endpoint: the
profile's (or ``--endpoint-url``'s) > ``AWS_ENDPOINT_URL_PARTNERCENTRAL_SELLING`` >
``AWS_ENDPOINT_URL`` > the service's own. AWS profile: the profile's ``aws_profile`` (or
``--profile`` naming an AWS profile) > ``AWS_PROFILE`` > ``AWS_DEFAULT_PROFILE``.

The client's settings (:func:`resolve_settings`), the profiles screen's rows and
``engtui doctor`` all resolve through here, reading ``~/.aws`` through
:mod:`engtui.profiles.aws_config` only, so they cannot disagree.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import NamedTuple

from engtui.api.errors import ApiError, ErrorKind
from engtui.api.settings import DEFAULT_REGION, ClientSettings, StaticCredentials
from engtui.profiles.aws_config import AwsProfiles, env_aws_profile, list_aws_profiles
from engtui.profiles.model import FileProblem, Profile

ENDPOINT_ENVS = ("AWS_ENDPOINT_URL_PARTNERCENTRAL_SELLING", "AWS_ENDPOINT_URL")
REGION_ENVS = ("AWS_REGION", "AWS_DEFAULT_REGION")


class Setting(NamedTuple):
    """A resolved setting and where it came from (``origin``, for display)."""

    value: str | None
    origin: str


def region_setting(
    region: str | None,
    aws_profile: str | None,
    aws_profiles: AwsProfiles | None,
    environ: Mapping[str, str] | None = None,
) -> Setting:
    """The region, given the one set explicitly (a profile's, ``--region``) and the AWS
    named profile chosen explicitly (None: the environment's, else ``default``)."""
    env = os.environ if environ is None else environ
    given = _given_or_env(region, REGION_ENVS, env)
    if given is not None:
        return given
    from_env = env_aws_profile(env)
    aws_name = aws_profile or (from_env and from_env[0]) or "default"
    aws = aws_profiles.get(aws_name) if aws_profiles is not None else None
    if aws is not None and aws.region:
        return Setting(aws.region, f"aws profile {aws_name}")
    return Setting(DEFAULT_REGION, "default")


def endpoint_setting(endpoint_url: str | None, environ: Mapping[str, str] | None = None) -> Setting:
    """The endpoint URL, given the one set explicitly; value None means the AWS endpoint of
    the region."""
    env = os.environ if environ is None else environ
    return _given_or_env(endpoint_url, ENDPOINT_ENVS, env) or Setting(None, "default")


def _given_or_env(
    value: str | None, names: tuple[str, ...], env: Mapping[str, str]
) -> Setting | None:
    """The value set explicitly, else the first of the variables ``names`` that is set."""
    if value:
        return Setting(value, "profile")
    return next((Setting(env[name], name) for name in names if env.get(name)), None)


def resolve_region(
    profile: Profile | None,
    aws_profiles: AwsProfiles | None = None,
    environ: Mapping[str, str] | None = None,
) -> Setting:
    """The region a profile (None: no profile) uses."""
    return region_setting(
        profile.region if profile else None,
        profile.aws_profile if profile else None,
        aws_profiles,
        environ,
    )


def resolve_endpoint(profile: Profile | None, environ: Mapping[str, str] | None = None) -> Setting:
    """The endpoint URL a profile (None: no profile) uses."""
    return endpoint_setting(profile.endpoint_url if profile else None, environ)


def resolve_settings(
    settings: ClientSettings,
    environ: Mapping[str, str] | None = None,
    aws_profiles: AwsProfiles | None = None,
) -> ClientSettings:
    """``settings`` with region, endpoint and AWS profile filled in where not given.

    The client built from the result first checks the AWS files (in its worker, when it is
    built): boto3 refuses to build any client while one of them cannot be parsed, so that
    is reported as a credentials error naming the file and line (see
    :func:`aws_files_error`), and checked again on the next try.
    """
    env = os.environ if environ is None else environ
    aws = list_aws_profiles(env) if aws_profiles is None else aws_profiles
    aws_profile = settings.aws_profile
    static = settings.credentials is not None or settings.credentials_loader is not None
    if aws_profile is None and not static:
        selected = env_aws_profile(env)
        aws_profile = selected[0] if selected else None
    return replace(
        settings,
        aws_profile=aws_profile,
        region=region_setting(settings.region, settings.aws_profile, aws, env).value,
        endpoint_url=endpoint_setting(settings.endpoint_url, env).value,
        credentials_loader=_checking_aws_files(settings.credentials_loader, environ),
    )


def aws_files_error(problem: FileProblem) -> ApiError:
    """The error every AWS call gets while an AWS file cannot be parsed."""
    where = f"{problem.path}, line {problem.line}" if problem.line else str(problem.path)
    return ApiError(
        ErrorKind.CREDENTIALS,
        f"The AWS file {where} cannot be used: {problem.message}.",
        "Fix that line (each [section], and each key in it, may appear only once), then "
        "retry; `engtui doctor` checks the files.",
    )


def _checking_aws_files(
    loader: Callable[[], StaticCredentials | None] | None,
    environ: Mapping[str, str] | None,
) -> Callable[[], StaticCredentials | None]:
    def load() -> StaticCredentials | None:
        problems = list_aws_profiles(environ).errors
        if problems:
            raise aws_files_error(problems[0])
        return loader() if loader is not None else None

    return load
