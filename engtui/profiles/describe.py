"""Profiles in words: where credentials come from, whether a secret is stored.

Plain sentences for the command line (``engtui profiles``, ``engtui doctor``) and the TUI's
profiles screen alike. Never a secret; access key ids only as ``AKIA...WXYZ``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from engtui.profiles.aws_config import AwsProfiles, env_aws_profile
from engtui.profiles.keyring_probe import KeyringKind, KeyringStatus, SecretStoreError
from engtui.profiles.model import Profile
from engtui.profiles.secrets import SecretStore


def mask_key_id(access_key_id: str) -> str:
    """``AKIA...WXYZ``: the kind prefix and the last four characters only."""
    if len(access_key_id) >= 12:
        return f"{access_key_id[:4]}...{access_key_id[-4:]}"
    return f"...{access_key_id[-4:]}"


def describe_credentials(
    profile: Profile | None, aws: AwsProfiles, environ: Mapping[str, str] | None = None
) -> tuple[str, str | None]:
    """Where a profile's (None: no profile's) credentials come from, and a problem if any."""
    env = os.environ if environ is None else environ
    if profile is not None and profile.aws_profile is not None:
        return _describe_aws_profile(profile.aws_profile, aws, "")
    if profile is not None and profile.access_key_id is not None:
        # where its secret is (keyring, this run only, nowhere) is `secret_state`'s to say
        return f"static key {mask_key_id(profile.access_key_id)}", None
    if env.get("AWS_ACCESS_KEY_ID"):
        key = mask_key_id(env["AWS_ACCESS_KEY_ID"])
        return f"environment: AWS_ACCESS_KEY_ID {key} and AWS_SECRET_ACCESS_KEY", None
    selected = env_aws_profile(env)
    if selected:
        name, variable = selected
        return _describe_aws_profile(name, aws, f"environment: {variable}, ")
    if aws.get("default") is not None:
        return _describe_aws_profile("default", aws, "environment: ")
    if aws.errors:
        return "environment: the AWS files cannot be read", str(aws.errors[0])
    return "environment: no credentials in the environment or ~/.aws (boto3's default chain)", None


def _describe_aws_profile(name: str, aws: AwsProfiles, prefix: str) -> tuple[str, str | None]:
    found = aws.get(name)
    if found is not None:
        return f"{prefix}aws profile {name} ({found.kind})", None
    if aws.errors:  # boto3 cannot read the files either: say so, not "not found"
        return f"{prefix}aws profile {name} (AWS FILE UNREADABLE)", str(aws.errors[0])
    problem = (
        f"aws profile {name!r} is not in {aws.config_file} or {aws.credentials_file}"
        if aws.config_file
        else f"aws profile {name!r} not found"
    )
    return f"{prefix}aws profile {name} (NOT FOUND)", problem


def describe_keyring(status: KeyringStatus) -> str:
    """``BACKEND (KIND: REASON)`` for one-line messages."""
    return f"{status.backend_name} ({status.kind}: {status.reason})"


def secret_state(
    profile: Profile, status: KeyringStatus, allow_insecure: bool
) -> tuple[str, str | None]:
    """Whether a static-key profile's secret is in the keyring, and a problem if any.

    Reads the entry to know it is there, but never returns or prints the secret.
    """
    if not status.allows_storing(allow_insecure):
        reason = "insecure and not allowed" if status.kind is KeyringKind.INSECURE else "unusable"
        return f"not checked: keyring {status.backend_name} is {reason}", None
    try:
        found = SecretStore(status, allow_insecure=allow_insecure).load(profile.name) is not None
    except SecretStoreError as exc:
        return f"could not be read: {exc}", f"profile {profile.name!r}: {exc}"
    where = f"keyring ({status.backend_name})"
    if found:
        return f"stored in {where}", None
    return (
        f"missing from {where}",
        f"profile {profile.name!r}: its secret is missing from the {where}",
    )
