"""Check what a built wheel and sdist carry (used by scripts/test-sdist).

    python scripts/check_dist.py dist/engtui-X.tar.gz dist/engtui-X-py3-none-any.whl

- both: PEP 639 metadata (``License-Expression: Apache-2.0``, ``License-File: LICENSE``)
  and the LICENSE file itself;
- the sdist: every file of this tree's ``tests/`` (conftest, helpers, snapshot SVGs),
  CHANGELOG.md, README.md and ``docs/*.md``;
- the wheel: every file of this tree's ``engtui/`` (modules and data), and no tests.

Prints one line per problem and exits 1 if there is any. Standard library only.
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile
from email.parser import HeaderParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def tree_files(folder: str) -> set[str]:
    """The files of ``folder`` that git tracks (or, outside git, that are there)."""
    try:
        listed = subprocess.run(["git", "ls-files", "--", folder], cwd=ROOT, check=True,
                                capture_output=True, text=True).stdout.split("\n")
        files = {line for line in listed if line}
    except (OSError, subprocess.CalledProcessError):
        files = set()
    if not files:
        files = {str(p.relative_to(ROOT)) for p in (ROOT / folder).rglob("*") if p.is_file()}
    return {f for f in files if "__pycache__" not in f and not f.endswith(".pyc")}


def check_metadata(text: str, where: str) -> list[str]:
    headers = HeaderParser().parsestr(text)
    problems = []
    if headers.get("License-Expression") != "Apache-2.0":
        problems.append(f"{where}: License-Expression is {headers.get('License-Expression')!r}")
    if "LICENSE" not in (headers.get_all("License-File") or []):
        problems.append(f"{where}: no License-File: LICENSE")
    if headers.get("License"):
        problems.append(f"{where}: a legacy License field next to License-Expression")
    if not headers.get_all("Project-URL"):
        problems.append(f"{where}: no Project-URL")
    return problems


def check_sdist(path: Path) -> list[str]:
    with tarfile.open(path) as archive:
        names = archive.getnames()
        top = names[0].split("/")[0]
        files = {name[len(top) + 1:] for name in names if name.startswith(top + "/")}
        member = archive.extractfile(f"{top}/PKG-INFO")
        problems = check_metadata(member.read().decode() if member else "", path.name)
    wanted = tree_files("tests") | tree_files("docs") | {"LICENSE", "CHANGELOG.md", "README.md"}
    problems += [f"{path.name}: no {name}" for name in sorted(wanted - files)]
    return problems


def check_wheel(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        info = next(n for n in names if n.endswith(".dist-info/METADATA"))
        problems = check_metadata(archive.read(info).decode(), path.name)
    dist_info = info.rsplit("/", 1)[0]
    if f"{dist_info}/licenses/LICENSE" not in names:
        problems.append(f"{path.name}: no {dist_info}/licenses/LICENSE")
    package = tree_files("engtui")  # every module and data file (json, tcss) of the package
    problems += [f"{path.name}: no {name}" for name in sorted(package - set(names))]
    problems += [f"{path.name}: carries {n}" for n in names if n.startswith("tests/")]
    return problems


def main(argv: list[str]) -> int:
    problems = []
    kinds = set()
    for arg in argv:
        path = Path(arg)
        if path.name.endswith(".tar.gz"):
            problems += check_sdist(path)
            kinds.add("sdist")
        elif path.suffix == ".whl":
            problems += check_wheel(path)
            kinds.add("wheel")
        else:
            problems.append(f"{path.name}: neither an sdist nor a wheel")
    problems += [f"no {kind} given" for kind in ("sdist", "wheel") if kind not in kinds]
    for problem in problems:
        print(f"check_dist: {problem}", file=sys.stderr)
    if not problems:
        print(f"check_dist: {', '.join(Path(a).name for a in argv)}: ok")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
