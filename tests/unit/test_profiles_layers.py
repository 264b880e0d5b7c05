"""The profiles package stays below the UI: no Textual, no rich, and nothing heavy at import
(boto3, botocore, keyring and tomlkit load where they are used, in workers)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import engtui.local
import engtui.profiles


def test_profiles_and_local_import_no_ui_and_nothing_heavy() -> None:
    modules = [
        info.name
        for package in (engtui.profiles, engtui.local)
        for info in pkgutil.iter_modules(package.__path__, f"{package.__name__}.")
    ]
    assert "engtui.profiles.manager" in modules and "engtui.profiles.history" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "heavy = ('textual', 'rich', 'boto3', 'botocore', 'keyring', 'tomlkit')\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & set(heavy)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]"
