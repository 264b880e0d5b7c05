"""Packaging: the metadata in pyproject.toml, the floor reader (scripts/floor.py) and the
distribution checker (scripts/check_dist.py) that the packaging jobs use.

The jobs themselves (building, installing the sdist and the floor, running tests from them)
are scripts/test-sdist and scripts/test-floor, which scripts/test runs.
"""

from __future__ import annotations

import importlib.util
import io
import re
import tarfile
import tomllib
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


floor = script("floor")
check_dist = script("check_dist")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
PROJECT = PYPROJECT["project"]


# -- metadata ---------------------------------------------------------------------------------
def test_license_metadata_is_pep_639() -> None:
    assert PROJECT["license"] == "Apache-2.0"
    assert PROJECT["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text("utf-8")
    assert "Apache License" in text and "Version 2.0, January 2004" in text
    assert "END OF TERMS AND CONDITIONS" in text and "engtui contributors" in text
    assert not [c for c in PROJECT["classifiers"] if c.startswith("License ::")]  # PEP 639
    requires = PYPROJECT["build-system"]["requires"]
    assert requires == ["setuptools>=77"]  # the first setuptools with PEP 639; no wheel


def test_classifiers_are_known_and_match_requires_python() -> None:
    classifiers = PROJECT["classifiers"]
    try:
        from trove_classifiers import classifiers as known
    except ImportError:  # the dev group brings it
        pytest.skip("needs trove-classifiers")
    assert [c for c in classifiers if c not in known] == []
    versions = sorted(c.rsplit(" ", 1)[1] for c in classifiers
                      if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c))
    assert versions[0] == PROJECT["requires-python"].removeprefix(">=")
    assert "Environment :: Console" in classifiers
    assert ("Typing :: Typed" in classifiers) == (ROOT / "engtui" / "py.typed").exists()


def test_urls_keywords_and_authors() -> None:
    urls = PROJECT["urls"]
    assert set(urls) == {"Homepage", "Repository", "Issues", "Changelog", "Documentation"}
    assert all(url.startswith("https://github.com/engtui/engtui") for url in urls.values())
    assert PROJECT["keywords"] and PROJECT["authors"]


def test_dev_tools_are_a_dependency_group_not_the_test_extra() -> None:
    names = {re.split(r"[<>=\[ ]", r)[0] for r in PROJECT["optional-dependencies"]["test"]}
    assert "ruff" not in names
    dev = {re.split(r"[<>=\[ ]", r)[0] for r in PYPROJECT["dependency-groups"]["dev"]}
    assert {"ruff", "build", "twine"} <= dev


def test_every_dependency_has_a_floor_and_the_service_model_floor_is_1_44_7() -> None:
    floors = floor.floors(PROJECT["dependencies"])
    assert set(floors) == {re.split(r"[<>=\[ ]", r)[0] for r in PROJECT["dependencies"]}
    assert floors["boto3"] == floors["botocore"] == "1.44.7"


# -- scripts/floor.py -------------------------------------------------------------------------
def test_floor_reads_the_lower_bound() -> None:
    assert floor.floors(["textual>=8.2,<9", "boto3 >= 1.44.7", "keyring[extra]>=25 ; "
                         "python_version >= '3.11'"]) == {
        "textual": "8.2", "boto3": "1.44.7", "keyring": "25"}


@pytest.mark.parametrize("requirement", ["textual", "textual<9", "boto3==1.44.7",
                                         "x>=1,>=2"])
def test_floor_refuses_a_dependency_without_one_lower_bound(requirement: str) -> None:
    with pytest.raises(SystemExit, match="lower bound"):
        floor.floors([requirement])


def test_floor_check_compares_releases() -> None:
    assert floor._release("8.2") == floor._release("8.2.0") == (8, 2)
    assert floor._release("1.44.7") != floor._release("1.44.8")
    assert floor.check_installed({"pytest": "1.0"})  # installed, but not that version
    assert floor.check_installed({"no-such-distribution-here": "1.0"})


def test_the_jobs_subsets_name_existing_test_files() -> None:
    for job in ("test-floor", "test-sdist"):
        text = (ROOT / "scripts" / job).read_text("utf-8")
        block = text[text.index("SUBSET=("):]
        entries = re.findall(r"tests/\S+\.py(?:::\w+)?", block[:block.index(")")])
        assert entries, job
        for entry in entries:
            path, _, name = entry.partition("::")
            assert (ROOT / path).exists(), entry
            assert not name or re.search(rf"def {name}\(", (ROOT / path).read_text()), entry
    assert "scripts/test-sdist" in (ROOT / "scripts" / "test").read_text("utf-8")
    assert "scripts/test-floor" in (ROOT / "scripts" / "test").read_text("utf-8")
    assert "scripts/test" in (ROOT / ".ci" / "run").read_text("utf-8")


# -- scripts/check_dist.py --------------------------------------------------------------------
METADATA = ("Metadata-Version: 2.4\nName: engtui\nVersion: 0.1.0\n"
            "License-Expression: Apache-2.0\nLicense-File: LICENSE\n"
            "Project-URL: Homepage, https://github.com/engtui/engtui\n")


def make_sdist(folder: Path, leave_out: str = "", metadata: str = METADATA) -> Path:
    files = (check_dist.tree_files("tests") | check_dist.tree_files("docs")
             | {"LICENSE", "CHANGELOG.md", "README.md", "PKG-INFO"}) - {leave_out}
    path = folder / "engtui-0.1.0.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        for name in sorted(files):
            data = metadata.encode() if name == "PKG-INFO" else b""
            info = tarfile.TarInfo(f"engtui-0.1.0/{name}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def make_wheel(folder: Path, leave_out: str = "") -> Path:
    path = folder / "engtui-0.1.0-py3-none-any.whl"
    files = check_dist.tree_files("engtui") | {
        "engtui-0.1.0.dist-info/METADATA", "engtui-0.1.0.dist-info/licenses/LICENSE"}
    with zipfile.ZipFile(path, "w") as archive:
        for name in sorted(files - {leave_out}):
            archive.writestr(name, METADATA if name.endswith("METADATA") else "")
    return path


def test_check_dist_passes_complete_distributions(tmp_path) -> None:
    assert check_dist.main([str(make_sdist(tmp_path)), str(make_wheel(tmp_path))]) == 0


@pytest.mark.parametrize("left_out", ["tests/conftest.py", "tests/support.py",
                                      "tests/reliability_support.py", "tests/hostile_corpus.py",
                                      "LICENSE", "CHANGELOG.md", "docs/reliability.md"])
def test_check_dist_finds_what_the_sdist_lacks(tmp_path, left_out: str) -> None:
    assert check_dist.check_sdist(make_sdist(tmp_path, left_out)) == [
        f"engtui-0.1.0.tar.gz: no {left_out}"]


def test_check_dist_finds_a_missing_snapshot_and_legacy_license_metadata(tmp_path) -> None:
    snapshot = sorted(f for f in check_dist.tree_files("tests") if f.endswith(".svg"))[0]
    assert check_dist.check_sdist(make_sdist(tmp_path, snapshot))
    legacy = METADATA.replace("License-Expression: Apache-2.0", "License: Apache-2.0")
    problems = check_dist.check_sdist(make_sdist(tmp_path, metadata=legacy))
    assert any("License-Expression" in p for p in problems)
    assert any("legacy License" in p for p in problems)


def test_check_dist_finds_what_the_wheel_lacks(tmp_path) -> None:
    assert check_dist.check_wheel(make_wheel(tmp_path, "engtui/demo/sample_data.json")) == [
        "engtui-0.1.0-py3-none-any.whl: no engtui/demo/sample_data.json"]
    problems = check_dist.check_wheel(make_wheel(tmp_path,
                                                 "engtui-0.1.0.dist-info/licenses/LICENSE"))
    assert problems == ["engtui-0.1.0-py3-none-any.whl: no "
                        "engtui-0.1.0.dist-info/licenses/LICENSE"]
