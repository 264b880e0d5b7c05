"""AWS named profiles from ~/.aws/config and ~/.aws/credentials."""

from __future__ import annotations

from pathlib import Path

import pytest

from engtui.profiles.aws_config import AwsProfileKind, list_aws_profiles

CONFIG = """\
[default]
region = us-west-2

[profile sso-user]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = PartnerRead
region = eu-west-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1

[services local]
partnercentral_selling =
  endpoint_url = http://127.0.0.1:9

[profile "with space"]
credential_process = /usr/bin/get-creds --id %(notinterpolated)s

[profile role]
role_arn = arn:aws:iam::111122223333:role/Partner
source_profile = default

[profile keys-in-config]
aws_access_key_id = AKIACONFIGEXAMPLE1
aws_secret_access_key = CONFIGSECRETVALUE

[not-a-profile]
region = us-east-2

[profile region-only]
region = ca-central-1
"""

CREDENTIALS = """\
[default]
aws_access_key_id = AKIADEFAULTEXAMPLE
aws_secret_access_key = DEFAULTSECRETVALUE

[creds-only]
aws_access_key_id = AKIACREDSONLYEXAMP
aws_secret_access_key = CREDSONLYSECRETVALUE
"""


@pytest.fixture
def aws_files(isolated_home: Path) -> tuple[Path, Path]:
    folder = isolated_home / ".aws"
    folder.mkdir()
    (folder / "config").write_text(CONFIG)
    (folder / "credentials").write_text(CREDENTIALS)
    return folder / "config", folder / "credentials"


def test_lists_profiles_with_kinds(aws_files: tuple[Path, Path]) -> None:
    found = list_aws_profiles()
    kinds = {name: profile.kind for name, profile in found.profiles.items()}
    assert kinds == {
        "default": AwsProfileKind.STATIC,
        "sso-user": AwsProfileKind.SSO,
        "with space": AwsProfileKind.CREDENTIAL_PROCESS,
        "role": AwsProfileKind.ASSUME_ROLE,
        "keys-in-config": AwsProfileKind.STATIC,
        "region-only": AwsProfileKind.OTHER,
        "creds-only": AwsProfileKind.STATIC,
    }
    assert found.errors == ()
    assert found.get("sso-user").region == "eu-west-1"
    assert found.get("default").files == aws_files
    assert found.get("creds-only").files == (aws_files[1],)
    assert found.get("corp") is None and found.get("local") is None


def test_no_secret_values_are_kept(aws_files: tuple[Path, Path]) -> None:
    text = repr(list_aws_profiles())
    for secret in ("CONFIGSECRETVALUE", "DEFAULTSECRETVALUE", "CREDSONLYSECRETVALUE"):
        assert secret not in text


def test_honours_env_file_locations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "cfg"
    config.write_text("[profile elsewhere]\nrole_arn = arn:aws:iam::1:role/x\n")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "missing"))
    found = list_aws_profiles()
    assert found.names() == ["elsewhere"]
    assert found.config_file == config


def test_missing_files_are_empty_and_broken_ones_reported(isolated_home: Path) -> None:
    assert list_aws_profiles().names() == []
    folder = isolated_home / ".aws"
    folder.mkdir()
    (folder / "config").write_text("region = us-east-1\naws_secret_access_key = LEAKME\n")
    found = list_aws_profiles()
    assert found.names() == []
    assert len(found.errors) == 1 and "config" in str(found.errors[0])
    assert "LEAKME" not in str(found.errors[0])
