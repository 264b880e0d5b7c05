"""Shell completion: `engtui completion bash|zsh|fish` prints a script generated from the
real argument parser, and a real bash (zsh, fish when installed) completes with it.

The names checked come from the parser itself (``engtui.cli.build_parser`` and the command
modules' ``add_arguments``), never from a list kept here.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_reliability_hostile import ENGTUI, Tmux, terminal_env
from test_reliability_hostile import tmux as tmux_session

from engtui.cli import build_parser, main
from engtui.completion import SHELLS, full_parser, subcommands

tmux = pytest.fixture(tmux_session.__wrapped__, name="tmux")  # the same fixture, used here


def print_script(capsys: pytest.CaptureFixture[str], shell: str) -> str:
    assert main(["completion", shell]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def command_names(parser: argparse.ArgumentParser) -> list[str]:
    """Every sub-command and nested sub-command of ``parser``, by name."""
    names = []
    for name, command in subcommands(parser).items():
        names.append(name)
        names += command_names(command)
    return names


def option_strings(parser: argparse.ArgumentParser) -> set[str]:
    options = {option for action in parser._actions for option in action.option_strings}
    for command in subcommands(parser).values():
        options |= option_strings(command)
    return options


def test_the_real_parser_has_the_commands_the_scripts_must_name() -> None:
    """The lists below come from the parser: check they hold what a user sees in --help."""
    top = list(subcommands(build_parser([])))
    assert {"get", "demo-server", "profiles", "doctor", "completion"} <= set(top)
    assert set(top) == set(subcommands(full_parser()))
    nested = command_names(full_parser())
    assert {"list", "add", "remove"} <= set(nested)  # engtui profiles …
    assert {"--json", "--catalog", "--data", "--keyring-timeout"} <= option_strings(full_parser())


@pytest.mark.parametrize("shell", SHELLS)
def test_each_script_names_every_command_and_option(capsys, shell: str) -> None:
    script = print_script(capsys, shell)
    assert len(script.splitlines()) > 20
    parser = full_parser()
    missing = [name for name in command_names(parser) if name not in script]
    assert not missing, f"{shell}: no {missing}"
    # fish writes long options without their dashes (`-l json`)
    options = {option.lstrip("-") if shell == "fish" else option
               for option in option_strings(parser)}
    missing = sorted(option for option in options if option not in script)
    assert not missing, f"{shell}: no {missing}"
    assert "AWS" in script and "Sandbox" in script  # --catalog's values
    assert "bash" in script and "zsh" in script and "fish" in script  # completion's own


def test_an_unknown_shell_is_refused(capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["completion", "powershell"])
    assert exit_.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_help_lists_the_completion_command(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "completion" in out and "bash, zsh, fish" in out


def test_completion_loads_neither_textual_nor_boto3() -> None:
    code = (
        "import io, sys, contextlib\n"
        "from engtui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['completion', 'bash']) == 0\n"
        "print(sorted(m for m in ('textual', 'boto3', 'botocore') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


# -- in real shells ---------------------------------------------------------------------------
def write_script(shell: str, folder: Path) -> Path:
    """The script as the installed console script prints it."""
    result = subprocess.run([str(ENGTUI), "completion", shell], capture_output=True,
                            text=True, timeout=60, check=True)
    path = folder / f"engtui.{shell}"
    path.write_text(result.stdout, encoding="utf-8")
    return path


def shell_env(home: Path) -> dict[str, str]:
    return terminal_env(home, PATH=f"{ENGTUI.parent}{os.pathsep}{os.environ['PATH']}",
                        INPUTRC="/dev/null")  # (a tmux session keeps its client's PATH)


def last_line(pane: str) -> str:
    lines = [line for line in pane.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def complete_in(tmux: Tmux, typed: str) -> str:
    """Type ``typed`` and press Tab; return the line once the shell has answered."""
    tmux.run("send-keys", "-t", tmux.target, "-l", "--", typed)
    tmux.wait_for(lambda pane: last_line(pane).endswith(typed))
    tmux.send("Tab")
    try:  # the line grows when the completion is unique
        return last_line(tmux.wait_for(lambda pane: not last_line(pane).endswith(typed),
                                       timeout=5))
    except AssertionError:
        return last_line(tmux.capture())


def test_bash_completes_a_sub_command_after_sourcing_the_script(tmux: Tmux, tmp_path) -> None:
    if shutil.which("bash") is None:
        pytest.skip("needs bash")
    empty = tmp_path / "empty"
    empty.mkdir()  # nothing here starts with "g": bash's own file completion finds nothing
    tmux.start("bash --norc --noprofile", shell_env(tmp_path), size=(100, 30))
    tmux.wait_for(lambda pane: last_line(pane).endswith(("$", "#")))
    # (tmux takes PATH from its client, not from `-e`: set it in the shell)
    setup = f"PS1='READY$ '; export PATH={ENGTUI.parent}:$PATH; cd {empty}"
    tmux.run("send-keys", "-t", tmux.target, "-l", setup)
    tmux.send("Enter")
    tmux.wait_for(lambda pane: last_line(pane) == "READY$")

    # The control: without the script, Tab does not turn `engtui g` into `engtui get`.
    assert "engtui get" not in complete_in(tmux, "engtui g")
    tmux.send("C-u")
    tmux.run("send-keys", "-t", tmux.target, "-l", "source <(engtui completion bash)")
    tmux.send("Enter")
    tmux.wait_for(lambda pane: last_line(pane) == "READY$")

    # (capture-pane drops trailing blanks: the space after each word shows in the next step)
    assert complete_in(tmux, "engtui g") == "READY$ engtui get"
    assert complete_in(tmux, "--js") == "READY$ engtui get --json"
    tmux.send("C-u")
    assert complete_in(tmux, "engtui --catalog Sa") == "READY$ engtui --catalog Sandbox"


@pytest.mark.skipif(shutil.which("fish") is None, reason="needs fish (scripts/test installs it)")
def test_fish_completes_a_sub_command(tmp_path) -> None:
    script = write_script("fish", tmp_path)
    env = {**shell_env(tmp_path), "XDG_DATA_HOME": str(tmp_path / "share")}

    def fish_complete(line: str, source: bool = True) -> list[str]:
        command = (f"source {script}; " if source else "") + f"complete -C '{line}'"
        result = subprocess.run(["fish", "--no-config", "-c", command], capture_output=True,
                                text=True, timeout=60, env=env, cwd=tmp_path, check=True)
        return [line.split("\t")[0] for line in result.stdout.splitlines()]

    assert "get" not in fish_complete("engtui g", source=False)  # the control
    assert fish_complete("engtui g") == ["get"]
    assert "--json" in fish_complete("engtui get --js")
    assert set(fish_complete("engtui profiles ")) >= {"list", "show", "add", "remove"}


@pytest.mark.skipif(shutil.which("zsh") is None, reason="needs zsh (scripts/test installs it)")
def test_zsh_completes_a_sub_command(tmux: Tmux, tmp_path) -> None:
    functions = tmp_path / "zfunc"
    functions.mkdir()
    write_script("zsh", tmp_path).rename(functions / "_engtui")
    empty = tmp_path / "empty"
    empty.mkdir()
    env = {**shell_env(tmp_path), "ZDOTDIR": str(empty)}
    tmux.start("zsh -f", env, size=(100, 30))
    tmux.wait_for(lambda pane: last_line(pane).endswith(("%", "#")))
    tmux.run("send-keys", "-t", tmux.target, "-l", f"PS1='READY$ '; cd {empty}")
    tmux.send("Enter")
    tmux.wait_for(lambda pane: last_line(pane) == "READY$")
    assert "engtui get" not in complete_in(tmux, "engtui g")  # the control
    tmux.send("C-u")
    setup = f"fpath=({functions} $fpath); autoload -Uz compinit; compinit -u -D"
    tmux.run("send-keys", "-t", tmux.target, "-l", setup)
    tmux.send("Enter")
    tmux.wait_for(lambda pane: last_line(pane) == "READY$")
    assert complete_in(tmux, "engtui g") == "READY$ engtui get"
