"""``engtui doctor`` run in-process."""

from __future__ import annotations

from pathlib import Path

import pytest
import test_commands_profiles as shared
from test_commands_profiles import KEY_ID, SECRET, Cli, add_static, files_containing
from test_keyring_probe import BlockingKeyring, FakeKeyring, use_backend

from engtui.commands import EXIT_OK, EXIT_PROBLEM
from engtui.local.paths import config_path, state_dir

cli = shared.cli  # fixtures shared with the profiles command tests
memory = shared.memory


@pytest.fixture
def aws_config(isolated_home: Path) -> Path:
    folder = isolated_home / ".aws"
    folder.mkdir()
    path = folder / "config"
    path.write_text(
        "[profile corp]\nsso_session = x\nregion = eu-west-1\n"
        "[profile builder]\ncredential_process = /bin/true\n"
        "[profile keys]\naws_access_key_id = AKIAKEYSPROFILE00001\n"
        "aws_secret_access_key = not-a-real-secret\n"
    )
    return path


def fields(text: str) -> dict[str, list[str]]:
    """``key: value`` lines of the report, by key (keys repeat across sections)."""
    found: dict[str, list[str]] = {}
    for line in text.splitlines():
        key, sep, value = line.strip().partition(": ")
        if sep:
            found.setdefault(key.rstrip(":"), []).append(value.strip())
    return found


def test_fresh_install_without_credentials_says_no_call_can_succeed(cli: Cli) -> None:
    """No profile, nothing in the environment or ~/.aws (IMDS off): `engtui get` would exit
    with a credentials error, so doctor must not say healthy (issue 13, item 4)."""
    result = cli("doctor")
    assert result.code == EXIT_PROBLEM, result.out
    report = fields(result.out)
    assert report["path"] == [str(config_path())]
    assert report["status"] == ["not created yet (no profiles)"]
    assert "healthy" not in result.out
    assert any(p.startswith("no credentials:") for p in report["problem"]), result.out
    assert report["active"] == ["none (environment), from environment"]
    assert report["backend"] == ["fail Keyring (keyring.backends.fail.Keyring)"]
    assert report["class"] == ["unusable"]
    assert report["probe"][0].startswith("PYTHON_KEYRING_BACKEND selects the fail backend")
    assert report["state"] == [str(state_dir())]
    assert report["credentials"] == [
        "environment: no credentials in the environment or ~/.aws (boto3's default chain)"
    ]
    assert report["region"] == ["us-east-1 (default)"]
    assert not config_path().exists()  # doctor only reads


def test_profiles_are_described(
    cli: Cli, memory: type[FakeKeyring], aws_config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli("profiles", "add", "prod", "--aws-profile", "corp", "--default")
    cli("profiles", "add", "build", "--aws-profile", "builder", "--region", "us-west-2")
    add_static(cli, "sb", "--endpoint-url", "http://127.0.0.1:8080", "--catalog", "Sandbox")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAENVIRONMENTKEY1")
    result = cli("doctor", profile="sb")
    assert result.code == EXIT_OK, result.out
    assert "  prod (default)\n" in result.out and "  sb (active)\n" in result.out
    report = fields(result.out)
    assert report["class"] == ["usable"]
    assert report["credentials"] == [
        "aws profile corp (sso)",
        "aws profile builder (credential_process)",
        "static key AKIA...MPLE",
        "environment: AWS_ACCESS_KEY_ID AKIA...KEY1 and AWS_SECRET_ACCESS_KEY",
    ]
    assert report["secret"] == ["stored in keyring (test keyring probe MemoryKeyring)"]
    assert report["region"] == [
        "eu-west-1 (aws profile corp)",
        "us-west-2 (profile)",
        "us-east-1 (default)",
        "us-east-1 (default)",
    ]
    assert report["endpoint"][2] == "http://127.0.0.1:8080 (profile)"
    assert report["catalog"] == ["AWS", "AWS", "Sandbox"]
    assert report["active"] == ["sb, from --profile"]
    assert KEY_ID not in result.out and "AKIAENVIRONMENTKEY1" not in result.out


def test_fresh_install_with_environment_credentials_is_healthy(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAENVIRONMENTKEY1")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "not-a-real-secret-for-tests")
    result = cli("doctor")
    assert result.code == EXIT_OK, result.out
    assert fields(result.out)["status"] == ["not created yet (no profiles)", "healthy"]


def test_static_default_profile_without_a_keyring_fails_and_says_what_works(
    cli: Cli,
) -> None:
    """The fail keyring: the default profile's secret cannot be read, no call can succeed."""
    path = config_path()
    path.parent.mkdir(parents=True)
    path.write_text(f'default_profile = "sb"\n[profiles.sb]\naccess_key_id = "{KEY_ID}"\n')
    result = cli("doctor")
    assert result.code == EXIT_PROBLEM, result.out
    report = fields(result.out)
    assert report["credentials"][0] == "static key AKIA...MPLE"  # not "in the keyring"
    assert "in the keyring" not in result.out.replace("missing from the keyring", "")
    problem = next(p for p in report["problem"] if "'sb'" in p)
    assert "cannot be read" in problem and "no call can succeed" in problem
    assert "--aws-profile NAME" in problem and "--profile environment" in problem
    assert "healthy" not in result.out


def test_corrupt_config_fails_with_its_line(cli: Cli) -> None:
    path = config_path()
    path.parent.mkdir(parents=True)
    path.write_text('default_profile = "a"\n[profiles.a\n')
    before = path.read_bytes()
    result = cli("doctor")
    assert result.code == EXIT_PROBLEM
    report = fields(result.out)
    assert report["status"][0] == "has 1 error(s); engtui will not change it"
    assert report["error"][0].startswith(f"{path}:2:")
    assert report["problem"][0].startswith(f"{path}:2:")
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("setup", "problem"),
    [
        ({"ENGTUI_PROFILE": "ghost"}, "no profile named 'ghost'; known profiles: sb"),
        ({"PYTHON_KEYRING_BACKEND": "wipe"}, "its secret is missing from the keyring"),
        ({"AWS_PROFILE": "gone"}, "aws profile 'gone' is not in"),
    ],
)
def test_problems_fail_the_check(
    cli: Cli,
    memory: type[FakeKeyring],
    monkeypatch: pytest.MonkeyPatch,
    setup: dict[str, str],
    problem: str,
) -> None:
    add_static(cli)
    for name, value in setup.items():
        if value == "wipe":
            memory.entries.clear()
        else:
            monkeypatch.setenv(name, value)
    result = cli("doctor")
    assert result.code == EXIT_PROBLEM
    assert any(problem in line for line in fields(result.out)["problem"]), result.out


def test_unusable_keyring_alone_is_not_a_failure(cli: Cli, aws_config: Path) -> None:
    cli("profiles", "add", "prod", "--aws-profile", "keys", "--default")
    result = cli("doctor")
    assert result.code == EXIT_OK
    assert fields(result.out)["class"] == ["unusable"]


def test_hanging_keyring_is_reported_within_the_timeout(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    use_backend(monkeypatch, request, BlockingKeyring)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAENVIRONMENTKEY1")  # a call could succeed
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "not-a-real-secret-for-tests")
    result = cli("doctor", "--keyring-timeout", "0.3")
    assert result.code == EXIT_OK
    report = fields(result.out)
    assert report["class"] == ["unusable"]
    assert report["probe"][0].startswith("probe timed out after 0.3 s")


def test_doctor_prints_no_secret_and_writes_nothing(
    cli: Cli, memory: type[FakeKeyring], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_static(cli)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "ENVSECRETVALUE123")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAENVIRONMENTKEY1")
    before = sorted(tmp_path.rglob("*"))
    result = cli("doctor")
    assert SECRET not in result.out + result.err
    assert "ENVSECRETVALUE123" not in result.out + result.err
    assert sorted(tmp_path.rglob("*")) == before
    assert files_containing(tmp_path, SECRET) == []


@pytest.mark.parametrize(
    ("target", "mode", "fix", "who"),
    [
        ("file", 0o666, "chmod 600", "every user"),
        ("file", 0o620, "chmod 600", "its group"),
        ("folder", 0o777, "chmod 700", "every user"),
    ],
)
def test_a_config_others_may_change_is_a_problem(
    cli: Cli, aws_config: Path, target: str, mode: int, fix: str, who: str
) -> None:
    """Another local user who can change config.toml (or replace it, through its folder)
    can point endpoint_url at their own server: doctor says so and how to fix it."""
    assert cli("profiles", "add", "prod", "--aws-profile", "keys", "--default").code == EXIT_OK
    path = config_path()
    healthy = cli("doctor")
    assert healthy.code == EXIT_OK and "can be changed by" not in healthy.out
    (path if target == "file" else path.parent).chmod(mode)
    result = cli("doctor")
    where = path if target == "file" else path.parent
    assert result.code == EXIT_PROBLEM
    assert f"the config {target} {where} can be changed by" in result.out
    assert who in result.out and f"{fix} {where}" in result.out


# -- the one read call: GetSellingSystemSettings (issue 22) -----------------------------------
@pytest.fixture
def demo_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    from support import DEMO_KEY_ID, DEMO_SECRET

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", DEMO_KEY_ID)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", DEMO_SECRET)


def doctor_at(capsys: pytest.CaptureFixture[str], url: str, *argv: str) -> tuple[int, str]:
    from test_cli import run_cli

    code, out, _ = run_cli(capsys, "doctor", "--endpoint-url", url, *argv)
    return code, out


@pytest.mark.usefixtures("demo_keys")
def test_doctor_makes_one_read_call_and_reports_the_snapshot_job_role(
    capsys: pytest.CaptureFixture[str], make_demo_server
) -> None:
    server = make_demo_server(faults={})
    code, out = doctor_at(capsys, server.url, "--catalog", "Sandbox")
    assert code == EXIT_OK, out
    report = fields(out)
    assert report["read call"] == ["GetSellingSystemSettings ok"]
    assert report["snapshot job role"] == [
        "arn:aws:iam::111122223333:role/PartnerCentralSnapshotJobRole"]
    assert server.received_operations() == ["GetSellingSystemSettings"]
    assert server.requests[0].params == {"Catalog": "Sandbox"}


@pytest.mark.usefixtures("demo_keys")
def test_doctor_says_when_no_snapshot_job_role_is_set(
    capsys: pytest.CaptureFixture[str], make_demo_server
) -> None:
    server = make_demo_server(faults={})
    code, out = doctor_at(capsys, server.url, "--catalog", "AWS")
    assert code == EXIT_OK, out
    assert fields(out)["snapshot job role"][0].startswith("none set (resource snapshot jobs "
                                                          "cannot run")


@pytest.mark.usefixtures("demo_keys")
def test_doctor_names_the_iam_action_when_the_read_is_denied(
    capsys: pytest.CaptureFixture[str], make_demo_server
) -> None:
    server = make_demo_server(faults={"GetSellingSystemSettings": "AccessDeniedException"})
    code, out = doctor_at(capsys, server.url, "--catalog", "Sandbox")
    assert code == EXIT_PROBLEM, out
    report = fields(out)
    assert report["read call"] == ["GetSellingSystemSettings FAILED (exit 4 in get)"]
    problem = next(p for p in report["problem"] if "GetSellingSystemSettings" in p)
    assert "may not read Partner Central in catalog Sandbox" in problem
    assert "IAM action partnercentral:GetSellingSystemSettings" in problem
    assert "healthy" not in out


@pytest.mark.usefixtures("demo_keys")
def test_doctor_says_plainly_when_the_endpoint_does_not_answer(
    capsys: pytest.CaptureFixture[str], make_demo_server
) -> None:
    server = make_demo_server(faults={"GetSellingSystemSettings": "InternalServerException"})
    code, out = doctor_at(capsys, server.url, "--catalog", "Sandbox", "--max-attempts", "1")
    assert code == EXIT_PROBLEM, out
    problem = next(p for p in fields(out)["problem"] if "GetSellingSystemSettings" in p)
    assert problem.startswith("the read call GetSellingSystemSettings failed: ")


@pytest.mark.usefixtures("demo_keys")
def test_doctor_offline_makes_no_call(capsys: pytest.CaptureFixture[str], make_demo_server) -> None:
    server = make_demo_server(faults={})
    code, out = doctor_at(capsys, server.url, "--catalog", "Sandbox", "--offline")
    assert code == EXIT_OK, out
    assert fields(out)["read call"] == ["not made (--offline)"]
    assert server.received_operations() == []
