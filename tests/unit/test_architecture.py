"""The layer rules of docs/architecture.md hold, and would catch a break (issue 10).

`lint-imports` runs in scripts/test too; here it also runs on a copy of the package with a
deliberate `import boto3` in a widget, which must fail, so the contract is known to bite.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter not installed")


def lint(root: Path) -> subprocess.CompletedProcess[str]:
    # (wide, so that rich does not wrap a long contract name across two lines)
    env = {**os.environ, "PYTHONPATH": str(root), "COLUMNS": "200"}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(root / "pyproject.toml")],
        cwd=root, env=env, capture_output=True, text=True, timeout=300, check=False,
    )


def copy_of_the_package(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "engtui", tmp_path / "engtui",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_contracts_hold() -> None:
    done = lint(ROOT)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "broken" not in done.stdout.split("Contracts:")[-1].split(",")[0]


@pytest.mark.parametrize(("module", "line", "broken"), [
    ("widgets/key_bar.py", "import boto3\n", "UI modules never import boto3"),
    ("screens/lookup.py", "import keyring\n", "UI modules never import boto3"),
    ("api/paging.py", "import textual\n", "never import textual or rich"),
    ("api/paging.py", "import engtui.screens.lookup\n", "never import the UI"),
    ("screens/record.py", "from engtui.api.kinds.engagement import ENGAGEMENT\n",
     "record kinds only through their registry"),
    ("palette/engagements.py", "import engtui.api.kinds.ids\n",
     "record kinds only through their registry"),
])
def test_a_deliberate_break_fails_it(tmp_path: Path, module: str, line: str,
                                     broken: str) -> None:
    root = copy_of_the_package(tmp_path)
    target = root / "engtui" / module
    text = target.read_text("utf-8")
    marker = "from __future__ import annotations\n"
    target.write_text(text.replace(marker, marker + line, 1), "utf-8")
    done = lint(root)
    assert done.returncode != 0
    assert broken in done.stdout


def test_an_import_cycle_fails_it(tmp_path: Path) -> None:
    root = copy_of_the_package(tmp_path)
    target = root / "engtui" / "timefmt.py"
    target.write_text(target.read_text("utf-8") + "\nimport engtui.app  # noqa\n", "utf-8")
    done = lint(root)
    assert done.returncode != 0 and "No import cycles" in done.stdout


def test_no_module_is_over_600_lines() -> None:
    """A guard against a module growing into two jobs, not a target: modules are split by
    job, never by line count (a 400-line cap produced mixins and half-modules that had to
    be read together)."""
    sizes = {
        str(path.relative_to(ROOT)): len(path.read_text("utf-8").splitlines())
        for path in (ROOT / "engtui").rglob("*.py")
    }
    assert {path: size for path, size in sizes.items() if size > 600} == {}
