"""The command line: --help/--version, `engtui get` (text, JSON, errors, exit codes), and
`engtui get --json` agreeing with the real `aws` CLI against `engtui demo-server`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import DEMO_KEY_ID, DEMO_SECRET, ENGAGEMENT_ID, engagement

from engtui import __version__
from engtui.cli import main

BUNDLED_FIVE = "eng-a1b2c3d4e5f6g7"


@pytest.fixture
def demo_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Credentials for the demo endpoint, the way a user would export them."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", DEMO_KEY_ID)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", DEMO_SECRET)


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys) -> None:
    code, out, _ = run_cli(capsys, "--version")
    assert code == 0 and out.strip() == f"engtui {__version__}"


def test_help_lists_every_command(capsys) -> None:
    code, out, _ = run_cli(capsys, "--help")
    assert code == 0
    for command in ("get", "demo-server", "profiles", "doctor", "--demo", "exit codes"):
        assert command in out


def test_each_command_has_one_help_text(capsys) -> None:
    """`engtui --help` once listed "list, show, add, remove" in one place and "list, add,
    remove" in another: the epilog and each command's own help come from one list."""
    from engtui.cli import COMMANDS

    _, out, _ = run_cli(capsys, "--help")
    epilog = out[out.index("\ncommands:\n"):]
    for name, command in COMMANDS.items():
        assert f"  {name:<12} {command.help}\n" in epilog
        assert out.count(command.help) == 2, name  # the epilog and the sub-command list
    _, out, _ = run_cli(capsys, "profiles", "--help")
    assert COMMANDS["profiles"].help in out and "show" in COMMANDS["profiles"].help


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "engtui", "--version"], capture_output=True, text=True,
        timeout=60, check=False,
    )
    assert result.returncode == 0 and result.stdout.strip() == f"engtui {__version__}"


def test_get_json_is_the_boto3_shape(capsys, demo_env, demo_server) -> None:
    code, out, err = run_cli(
        capsys, "get", BUNDLED_FIVE, "--catalog", "Sandbox", "--endpoint-url", demo_server.url,
        "--json",
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["Id"] == BUNDLED_FIVE
    assert "ResponseMetadata" not in data
    assert data["CreatedAt"].endswith("+00:00")
    assert len(data["Contexts"]) == 5


def test_get_loads_only_what_one_call_needs(demo_env, demo_server, tmp_path) -> None:
    """`engtui get` is run many times a day: it must not import the TUI, the TOML editor
    (reading uses tomllib), the log file's rotating handler (nothing is logged), the
    listing modules, or boto3 itself (its import pulls in s3transfer and the resource layer;
    the client is built through botocore's session, as boto3 builds it).
    A config file with a profile is read on the way."""
    config = tmp_path / "config.toml"
    config.write_text('# mine\ndefault_profile = "demo"\n[profiles.demo]\nregion = "us-east-1"\n')
    code = (
        "import sys\n"
        "from engtui.cli import main\n"
        f"assert main(['get', {BUNDLED_FIVE!r}, '--catalog', 'Sandbox', '--endpoint-url', "
        f"{demo_server.url!r}, '--json']) == 0\n"
        "heavy = ('textual', 'tomlkit', 'logging.handlers', 'engtui.api.listing', "
        "'engtui.api.paging', 'engtui.api.field_tree', 'keyring', 'boto3', 's3transfer')\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(heavy))\n"
        "print('LOADED', loaded, file=sys.stderr)\n"
        "sys.exit(1 if loaded else 0)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
        env={**os.environ, "ENGTUI_CONFIG": str(config)}, check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert '"Id": "eng-a1b2c3d4e5f6g7"' in done.stdout


def test_get_text_prints_the_tree(capsys, demo_env, demo_server) -> None:
    code, out, _ = run_cli(
        capsys, "get", BUNDLED_FIVE, "--catalog", "sandbox", "--endpoint-url", demo_server.url
    )
    assert code == 0
    assert "Contexts (5)" in out
    assert "├── " in out and "Lead · " in out and "CustomerProject · " in out


def test_get_takes_the_catalog_from_an_arn(capsys, demo_env, demo_server) -> None:
    arn = f"arn:aws:partnercentral:us-east-1::catalog/Sandbox/engagement/{BUNDLED_FIVE}"
    code, out, err = run_cli(capsys, "get", arn, "--endpoint-url", demo_server.url, "--json")
    assert code == 0, err
    assert json.loads(out)["Id"] == BUNDLED_FIVE


@pytest.mark.parametrize(
    ("typed", "phrase"),
    [("eng-short", "14"), ("ENG-A1B2C3D4E5F6G!", "upper-case"), ("arn:aws:s3:::b", "ARN"),
     ("", "Type an id (eng-, engi-, O…, cust-acc-, job-, task-, bulkjob-, benappl-, "
          "benalloc-, ben-) or an ARN"),
     ("eng-a1b2c3d4e5f6g\x1b", "control")],
)
def test_get_refuses_bad_identifiers_without_a_request(capsys, demo_server, typed, phrase):
    before = len(demo_server.requests)
    code, out, err = run_cli(capsys, "get", typed, "--endpoint-url", demo_server.url)
    assert code == 2
    assert out == ""
    assert err.startswith("engtui: error: ") and phrase in err
    assert err.count("\n") == 1
    assert len(demo_server.requests) == before


def test_get_normalises_an_upper_case_id_and_says_so(capsys, demo_env, demo_server) -> None:
    typed = BUNDLED_FIVE.upper()
    code, out, err = run_cli(capsys, "get", typed, "--catalog", "sandbox",
                             "--endpoint-url", demo_server.url, "--json")
    assert code == 0, err
    assert json.loads(out)["Id"] == BUNDLED_FIVE
    assert err == f"engtui: note: {typed} read as {BUNDLED_FIVE}\n"


@pytest.mark.parametrize("catalog", ["Prod", "", " "])
def test_get_refuses_an_unknown_catalog(capsys, demo_server, catalog) -> None:
    code, _, err = run_cli(
        capsys, "get", BUNDLED_FIVE, "--catalog", catalog, "--endpoint-url", demo_server.url
    )
    assert code == 2 and "catalog" in err


@pytest.mark.parametrize(
    ("fault", "exit_code"),
    [
        ("ResourceNotFoundException", 3),
        ("AccessDeniedException", 4),
        ("ValidationException", 5),
        ("ThrottlingException", 6),
        ("InternalServerException", 7),
        ("http500", 7),
        ("malformed", 10),
    ],
)
def test_get_exit_code_per_error_kind(capsys, demo_env, make_demo_server, fault, exit_code):
    server = make_demo_server({"engagements": [engagement()], "faults": {ENGAGEMENT_ID: fault}})
    code, out, err = run_cli(
        capsys, "get", ENGAGEMENT_ID, "--catalog", "Sandbox", "--endpoint-url", server.url,
        "--max-attempts", "1",
    )
    assert code == exit_code, err
    assert out == ""
    assert err.startswith("engtui: error: ") and err.count("\n") == 1
    assert "Traceback" not in err


def test_get_network_and_credentials_exit_codes(capsys, make_demo_server) -> None:
    server = make_demo_server({"engagements": [engagement()]})
    code, _, err = run_cli(capsys, "get", ENGAGEMENT_ID, "--endpoint-url", server.url)
    assert code == 9 and "engtui --demo" in err  # no credentials at all
    url = server.url
    server.stop()
    os.environ["AWS_ACCESS_KEY_ID"] = DEMO_KEY_ID  # isolated_home restores the env
    os.environ["AWS_SECRET_ACCESS_KEY"] = DEMO_SECRET
    code, _, err = run_cli(
        capsys, "get", ENGAGEMENT_ID, "--endpoint-url", url, "--max-attempts", "1",
        "--connect-timeout", "1",
    )
    assert code == 8 and "Could not reach" in err


# -- the demo server as a process, and the real aws CLI ----------------------------------
@pytest.fixture
def demo_process() -> Iterator[str]:
    """`engtui demo-server --port 0` as a real process; yields its URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "engtui", "demo-server", "--port", "0", "--quiet"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:"), url
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def aws_cli() -> str | None:
    return os.environ.get("ENGTUI_TEST_AWS_CLI") or shutil.which("aws")


@pytest.mark.skipif(aws_cli() is None, reason="the aws CLI is not installed")
def test_aws_cli_and_engtui_get_agree_field_for_field(
    demo_process: str, isolated_home: Path, demo_env
) -> None:
    config = isolated_home / ".aws" / "config"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("[default]\nregion = us-east-1\ncli_timestamp_format = iso8601\n")
    common = ["--catalog", "Sandbox", "--endpoint-url", demo_process]
    aws = subprocess.run(
        [aws_cli(), "partnercentral-selling", "get-engagement", "--identifier", BUNDLED_FIVE,
         *common, "--output", "json"],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert aws.returncode == 0, aws.stderr
    ours = subprocess.run(
        [sys.executable, "-m", "engtui", "get", BUNDLED_FIVE, *common, "--json"],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert ours.returncode == 0, ours.stderr
    assert json.loads(ours.stdout) == json.loads(aws.stdout)
