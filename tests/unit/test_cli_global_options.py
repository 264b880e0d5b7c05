"""The global options (``--demo``, ``--debug``, ``--redact``, ``--profile``, ``--endpoint-url``,
``--catalog``) before or after the command, as with the aws CLI; the README's command-line
examples run as written against the demo; a global option a command does not take is
refused, never ignored. ``--demo`` starts the real demo endpoint over HTTP for the command."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
from test_cli import run_cli
from test_cli_kinds import demo_env  # noqa: F401 - a fixture, used by name

ROOT = Path(__file__).resolve().parents[2]
FIVE = "eng-a1b2c3d4e5f6g7"


@pytest.mark.parametrize("argv", [
    ["--demo", "get", FIVE, "--json"],
    ["get", FIVE, "--demo", "--json"],
    ["get", "--demo", FIVE, "--json"],
], ids=["before", "after", "between"])
def test_demo_goes_before_or_after_get(capsys, argv) -> None:
    code, out, err = run_cli(capsys, *argv)
    assert code == 0, err
    assert json.loads(out)["Id"] == FIVE


@pytest.mark.parametrize("argv", [
    ["--demo", "--debug", "list", "invitations", "--ndjson"],
    ["list", "invitations", "--ndjson", "--demo", "--debug"],
], ids=["before", "after"])
def test_demo_and_debug_go_before_or_after_list(capsys, argv) -> None:
    code, out, err = run_cli(capsys, *argv)
    assert code == 0, err
    assert "engi-p3nd1ngaws001" in {json.loads(line)["Id"] for line in out.splitlines()}


@pytest.mark.parametrize("command", [["get", FIVE], ["list", "engagements"]])
@pytest.mark.parametrize("before", [True, False], ids=["before", "after"])
def test_endpoint_and_catalog_go_before_or_after(capsys, demo_env, demo_server,  # noqa: F811
                                                 command, before) -> None:
    options = ["--endpoint-url", demo_server.url, "--catalog", "Sandbox"]
    code, out, err = run_cli(capsys, *(options + command if before else command + options))
    assert code == 0, err
    assert FIVE in out


@pytest.mark.parametrize("argv", [
    ["--redact", "get", FIVE, "--json", "--demo"],
    ["get", FIVE, "--json", "--demo", "--redact"],
], ids=["before", "after"])
def test_redact_masks_the_printed_record(capsys, argv) -> None:
    code, out, err = run_cli(capsys, *argv)
    assert code == 0, err
    customers = [context["Payload"]["CustomerProject"]["Customer"]
                 for context in json.loads(out)["Contexts"]
                 if "CustomerProject" in context["Payload"]]
    assert customers and {customer["CompanyName"] for customer in customers} == {"••••••"}


def test_redact_masks_every_listed_item(capsys) -> None:
    code, out, err = run_cli(capsys, "list", "opportunities", "--ndjson", "--redact", "--demo")
    assert code == 0, err
    items = [json.loads(line) for line in out.splitlines()]
    assert items and {item["Customer"]["Account"]["CompanyName"] for item in items} == {"••••••"}


def readme_commands(path: Path) -> list[str]:
    """The ``engtui get`` / ``engtui list`` lines of a document's shell examples."""
    text = path.read_text(encoding="utf-8")
    lines = [line.split("#", 1)[0].strip()
             for block in re.findall(r"```sh\n(.*?)```", text, re.DOTALL)
             for line in block.splitlines()]
    return [line for line in lines if re.match(r"engtui (--\S+ )*(get|list) ", line)]


@pytest.mark.parametrize("command", [
    *(pytest.param(line, id=f"README:{line}") for line in readme_commands(ROOT / "README.md")),
    *(pytest.param(line, id=f"cli.md:{line}") for line in readme_commands(ROOT / "docs" / "cli.md")
      if "--demo" in line),
])
def test_the_readme_examples_run_as_written_against_the_demo(capsys, command) -> None:
    """A new user pastes them with no AWS account: each runs on the demo and prints records
    (the README's lines all carry ``--demo``; docs/cli.md's, those that do)."""
    code, out, err = run_cli(capsys, *shlex.split(command)[1:])
    assert code == 0, f"{command}: {err}"
    assert out.strip() not in ("", "[]"), command


def test_the_readme_has_get_and_list_examples() -> None:
    lines = readme_commands(ROOT / "README.md")
    assert any(" get " in line for line in lines) and any(" list " in line for line in lines)
    assert all("--demo" in line for line in lines)


@pytest.mark.parametrize("argv", [
    ["--demo", "profiles", "list"],
    ["--redact", "profiles", "list"],
    ["--endpoint-url", "http://127.0.0.1:1", "profiles", "list"],
])
def test_a_global_option_a_command_does_not_take_is_refused(capsys, argv) -> None:
    """(`doctor` takes them all: it resolves the connection exactly as `get` does.)"""
    code, out, err = run_cli(capsys, *argv)
    assert code == 2 and out == ""
    assert err == (f"engtui: error: {argv[0]} applies to the browser, get, list, diff, "
                   f"timeline and doctor, not profiles\n")


@pytest.mark.parametrize(("argv", "flag"), [
    (["--endpoint-url=http://127.0.0.1:1", "profiles", "list"], "--endpoint-url"),
    (["--region", "list", "profiles", "list"], "--region"),  # "list" is --region's value
    (["--deadline", "5", "profiles", "list"], "--deadline"),
])
def test_a_misplaced_global_option_is_named_in_any_form(capsys, argv, flag) -> None:
    """The options before the command are read from the global options' declarations: a
    value (``--region list``) is never taken for the command, ``--x=value`` is ``--x``."""
    code, out, err = run_cli(capsys, *argv)
    assert code == 2 and out == ""
    assert err == (f"engtui: error: {flag} applies to the browser, get, list, diff, "
                   f"timeline and doctor, not profiles\n")


@pytest.mark.parametrize("option", [["--endpoint-url", "http://127.0.0.1:1"],
                                    ["--profile", "mine"]])
def test_demo_with_another_endpoint_or_profile_is_refused(capsys, option) -> None:
    code, out, err = run_cli(capsys, "get", FIVE, "--demo", *option)
    assert code == 2 and out == ""
    assert err == ("engtui: error: --demo brings its own endpoint and credentials: leave out "
                   f"{option[0]}\n")
