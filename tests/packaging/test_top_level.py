"""The repository's top level holds only what the project means to have there.

A file once landed there by accident: `North`, an export of an engagement typed into the
export dialog during a test run, when exports went to the current folder (now they go to
the downloads folder, `engtui.local.paths.export_folder`), and was committed with other
work. A new entry at the top must be added here on purpose.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOP_LEVEL = {
    ".ci", ".gitignore", "CHANGELOG.md", "LICENSE", "MANIFEST.in", "README.md", "bench",
    "docs", "engtui", "pyproject.toml", "screenshots", "scripts", "tests",
}


def test_the_top_level_holds_only_the_entries_the_project_means_to_have() -> None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout (an sdist)")
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True,
                            check=True, timeout=60).stdout.decode()
    entries = {path.split("/", 1)[0] for path in listed.split("\0") if path}
    assert entries - TOP_LEVEL == set(), "not meant to be at the top of the repository"
    assert TOP_LEVEL - entries == set(), "expected at the top of the repository"
