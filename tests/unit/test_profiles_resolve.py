"""One resolver for region, endpoint and AWS profile, and one reader of ``~/.aws``.

The client's settings, the profiles screen's rows and ``engtui doctor`` all resolve through
`engtui.profiles.resolve`, so they give one answer, including for an AWS config file that
boto3 refuses (a duplicated section): then every part says so, with the file and the line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import test_commands_profiles as shared
from support import DEMO_KEY_ID, DEMO_SECRET, ENGAGEMENT_ID, engagement
from test_cli import run_cli
from test_commands_doctor import fields
from test_commands_profiles import Cli, add_static
from test_keyring_probe import FakeKeyring

from engtui.api.errors import ApiError, ErrorKind
from engtui.api.kinds import ENGAGEMENT
from engtui.api.service import SellingService
from engtui.api.settings import ClientSettings
from engtui.commands import EXIT_PROBLEM
from engtui.profiles.active import active_profile
from engtui.profiles.config_file import ConfigFile
from engtui.profiles.manager import ProfileManager
from engtui.profiles.model import Profile
from engtui.profiles.resolve import resolve_settings

cli = shared.cli
memory = shared.memory


def aws_config(home: Path, text: str) -> Path:
    path = home / ".aws" / "config"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


# -- precedence (moved from test_api_service: the client's settings resolve here) ------------
def test_region_precedence() -> None:
    env = {"AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "eu-central-1"}
    assert resolve_settings(ClientSettings(), env).region == "eu-west-1"
    assert resolve_settings(ClientSettings(region="ap-south-1"), env).region == "ap-south-1"
    assert resolve_settings(
        ClientSettings(), {"AWS_DEFAULT_REGION": "eu-central-1"}
    ).region == ("eu-central-1")
    assert resolve_settings(ClientSettings(), {}).region == "us-east-1"


def test_region_from_aws_profile(isolated_home: Path) -> None:
    config = aws_config(
        isolated_home, "[profile p]\nregion = sa-east-1\n[default]\nregion = ca-central-1\n"
    )
    env = {"AWS_CONFIG_FILE": str(config)}
    assert resolve_settings(ClientSettings(aws_profile="p"), env).region == "sa-east-1"
    assert resolve_settings(ClientSettings(), env).region == "ca-central-1"
    assert resolve_settings(ClientSettings(), {**env, "AWS_PROFILE": "p"}).aws_profile == "p"


def test_endpoint_precedence() -> None:
    env = {"AWS_ENDPOINT_URL_PARTNERCENTRAL_SELLING": "http://a", "AWS_ENDPOINT_URL": "http://b"}
    assert resolve_settings(ClientSettings(), env).endpoint_url == "http://a"
    assert resolve_settings(
        ClientSettings(), {"AWS_ENDPOINT_URL": "http://b"}
    ).endpoint_url == ("http://b")
    assert resolve_settings(
        ClientSettings(endpoint_url="http://c"), env
    ).endpoint_url == "http://c"
    assert resolve_settings(ClientSettings(), {}).endpoint_url is None


# -- one answer everywhere -----------------------------------------------------------------
def test_a_static_key_profile_gets_one_region_everywhere(
    cli: Cli, memory: type[FakeKeyring], isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """AWS_PROFILE selects the AWS profile boto3 reads its settings from even when the keys
    are static: the client once signed for [default]'s region while the profiles screen and
    doctor showed AWS_PROFILE's."""
    aws_config(isolated_home, "[default]\nregion = us-west-2\n[profile x]\nregion = eu-west-1\n")
    assert add_static(cli, "s").code == 0
    monkeypatch.setenv("AWS_PROFILE", "x")
    config = ConfigFile.load()
    client = active_profile("s", config=config).settings
    manager = ProfileManager(config, active="s")
    row = next(entry for entry in manager.entries() if entry.name == "s")
    doctor = fields(cli("doctor", profile="s").out)
    assert client.region == "eu-west-1"
    assert manager.settings_for("s").region == "eu-west-1"
    assert row.region == "eu-west-1"
    assert doctor["region"][0] == "eu-west-1 (aws profile x)"


DUPLICATED = """\
[profile x]
region = eu-west-1

[profile x]
region = eu-central-1
"""


def test_a_duplicated_section_is_reported_by_every_part(
    capsys: pytest.CaptureFixture[str], cli: Cli, make_demo_server, isolated_home: Path
) -> None:
    """boto3 refuses an AWS config file with a section twice, for every client. engtui used
    to read it leniently for the profiles screen and doctor (which found nothing wrong) and
    strictly for the client (which died as "a bug in engtui")."""
    path = aws_config(isolated_home, DUPLICATED)
    server = make_demo_server({"engagements": [engagement()]})
    where = f"{path}, line 4"

    # the client: `engtui --profile x get` (x is only an AWS profile) and an engtui profile
    code, _, err = run_cli(
        capsys, "--profile", "x", "get", ENGAGEMENT_ID, "--endpoint-url", server.url,
        "--catalog", "Sandbox",
    )
    assert code == ErrorKind.CREDENTIALS.exit_code, err
    assert where in err and "[profile x] appears twice" in err
    assert "bug" not in err and "Traceback" not in err
    config = ConfigFile.load()
    config.add(Profile("p", aws_profile="x", endpoint_url=server.url, catalog="Sandbox"))
    config.save()
    manager = ProfileManager(ConfigFile.load(), active="p")
    with pytest.raises(ApiError) as caught:
        SellingService(manager.settings_for("p")).get_record(ENGAGEMENT, "Sandbox", ENGAGEMENT_ID)
    assert caught.value.kind is ErrorKind.CREDENTIALS and where in caught.value.message

    # the profiles screen's data
    row = next(entry for entry in manager.entries() if entry.name == "p")
    assert "UNREADABLE" in row.credentials
    problems = manager.aws_profiles().errors  # path, line, message: plain data
    assert [(p.path, p.line) for p in problems] == [(path, 4)]
    assert "appears twice" in problems[0].message

    # engtui doctor
    result = cli("doctor", profile="x")
    assert result.code == EXIT_PROBLEM
    assert f"{path}:4: section [profile x] appears twice" in result.out
    assert "bug" not in result.out


def test_the_client_works_again_once_the_file_is_fixed(
    make_demo_server, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = aws_config(isolated_home, "[default]\nregion = us-east-1\n[default]\n")
    server = make_demo_server({"engagements": [engagement()]})
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", DEMO_KEY_ID)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", DEMO_SECRET)
    settings = active_profile(
        None, {"endpoint_url": server.url, "catalog": "Sandbox"}
    ).settings
    service = SellingService(settings)
    with pytest.raises(ApiError, match="line 3"):
        service.get_record(ENGAGEMENT, "Sandbox", ENGAGEMENT_ID)
    path.write_text("[default]\nregion = us-east-1\n")
    assert service.get_record(ENGAGEMENT, "Sandbox", ENGAGEMENT_ID).id == ENGAGEMENT_ID


def test_doctor_accepts_an_aws_profile_as_the_cli_does(cli: Cli, isolated_home: Path) -> None:
    """`engtui --profile x get` uses the AWS named profile x directly; doctor agrees."""
    aws_config(isolated_home, "[profile x]\nregion = eu-west-1\ncredential_process = echo "
               "'{\"Version\": 1, \"AccessKeyId\": \"AKIAEXAMPLEEXAMPLE01\", "
               "\"SecretAccessKey\": \"not-a-secret\"}'\n")  # as get needs: JSON
    result = cli("doctor", profile="x")
    assert result.code == 0, result.out
    assert fields(result.out)["active"] == [
        "x (an AWS named profile, used directly), from --profile"
    ]
