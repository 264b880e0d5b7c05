"""The dependency floor, read from pyproject.toml (used by scripts/test-floor).

    python scripts/floor.py              # the floor pins: one ``name==version`` a line
    python scripts/floor.py --extra test # the requirements of an extra, as written
    python scripts/floor.py --check      # the installed versions are exactly the floor
    python scripts/floor.py --lookup     # a real lookup through the installed ``engtui``

The floor of a dependency is its ``>=`` bound in ``[project] dependencies``; a dependency
without one is an error (it would have no tested floor). ``--check`` and ``--lookup`` run
with the floor venv's Python. Standard library only, so any Python 3.11+ runs it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import tomllib
from importlib import metadata
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*([^;]*)(;.*)?$")
# The bundled engagements with a context of a type no botocore knows, on purpose
# (README / docs/demo-endpoint.md): its unknown member is expected, every other one is not.
DELIBERATELY_UNKNOWN = {"eng-n3wp4yl0adx7k2": {"Insights"}, "eng-a11c0n7e8x7s5t": {"PartnerNotes"}}


def project() -> dict:
    with PYPROJECT.open("rb") as file:
        return tomllib.load(file)["project"]


def floors(requirements: list[str]) -> dict[str, str]:
    """``{name: floor version}`` from requirement strings such as ``textual>=8.2,<9``."""
    result: dict[str, str] = {}
    for requirement in requirements:
        match = REQUIREMENT.match(requirement)
        if match is None:
            raise SystemExit(f"floor.py: cannot read the requirement {requirement!r}")
        name, specifiers = match.group(1), match.group(3)
        lower = [spec.strip()[2:].strip() for spec in specifiers.split(",")
                 if spec.strip().startswith(">=")]
        if len(lower) != 1:
            raise SystemExit(f"floor.py: {requirement!r} needs exactly one '>=' lower bound")
        result[name] = lower[0]
    return result


def check_installed(expected: dict[str, str]) -> list[str]:
    """The dependencies whose installed version is not the floor (as messages)."""
    problems = []
    for name, floor in expected.items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            problems.append(f"{name}: not installed (floor {floor})")
            continue
        if _release(installed) != _release(floor):
            problems.append(f"{name}: {installed} installed, floor is {floor}")
    return problems


def _release(version: str) -> tuple[int, ...]:
    parts = [int(part) for part in re.findall(r"\d+", version.split("+")[0])[:4]]
    while parts and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def lookup() -> list[str]:
    """Look up the demo engagements against ``engtui demo-server`` with the installed
    packages and return what is wrong: a context type the installed botocore does not
    know, an operation the demo serves that its model lacks. The first lookup goes through
    ``engtui get --json``, as a user would; the others through a boto3 client (the same
    parsing, without starting a process each)."""
    import boto3
    from botocore.loaders import Loader
    from botocore.model import ServiceModel

    from engtui.demo.data import DemoDataset
    from engtui.demo.operations import OPERATIONS

    problems = []
    model = ServiceModel(Loader().load_service_model("partnercentral-selling", "service-2"))
    for operation in OPERATIONS:
        if operation not in model.operation_names:
            problems.append(f"the installed botocore has no {operation} operation")
    engtui = Path(sys.executable).with_name("engtui")
    with tempfile.TemporaryDirectory() as home:
        env = _isolated_env(Path(home))
        server = subprocess.Popen(
            [str(engtui), "demo-server", "--port", "0", "--quiet"],
            stdout=subprocess.PIPE, text=True, env=env,
        )
        try:
            assert server.stdout is not None
            url = server.stdout.readline().strip()
            if not url.startswith("http://127.0.0.1:"):
                return [f"engtui demo-server printed {url!r}, not its URL"]
            dataset = DemoDataset.bundled()
            wanted = [(catalog, identifier) for catalog in ("Sandbox", "AWS")
                      for identifier in dataset.engagement_ids(catalog)]
            client = boto3.session.Session().client(
                "partnercentral-selling", region_name="us-east-1", endpoint_url=url,
                aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
                aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"])
            for number, (catalog, identifier) in enumerate(wanted):
                if number == 0:
                    data = _get(engtui, url, catalog, identifier, env)
                    if isinstance(data, str):
                        return [*problems, data]
                else:
                    data = client.get_engagement(Catalog=catalog, Identifier=identifier)
                problems += _unknown_contexts(identifier, data)
            print(f"floor lookup: {len(wanted)} engagements at {url} (the first with "
                  f"engtui get --json)")
        finally:
            server.terminate()
            server.wait(timeout=10)
    return problems


def _get(engtui: Path, url: str, catalog: str, identifier: str, env: dict) -> dict | str:
    """``engtui get --json``: the engagement, or what went wrong."""
    result = subprocess.run(
        [str(engtui), "get", identifier, "--catalog", catalog, "--endpoint-url", url, "--json"],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )
    if result.returncode != 0:
        return f"engtui get {identifier}: exit {result.returncode}: {result.stderr.strip()}"
    return json.loads(result.stdout)


def _unknown_contexts(identifier: str, data: dict) -> list[str]:
    problems = []
    for context in data.get("Contexts") or []:
        unknown = (context.get("Payload") or {}).get("SDK_UNKNOWN_MEMBER")
        if unknown is None:
            continue
        name = unknown.get("name")
        if name not in DELIBERATELY_UNKNOWN.get(identifier, set()):
            problems.append(f"{identifier}: the installed botocore does not know the "
                            f"{name} context (it shows as 'unknown context type')")
    return problems


def _isolated_env(home: Path) -> dict[str, str]:
    """The environment of a user with only the demo credentials, in a throwaway home."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("AWS_", "ENGTUI_", "XDG_"))}
    env.update({
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "AWS_CONFIG_FILE": str(home / ".aws" / "config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(home / ".aws" / "credentials"),
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_ACCESS_KEY_ID": "AKIAENGTUIDEMO000000",
        "AWS_SECRET_ACCESS_KEY": "engtui-demo-secret-access-key-not-a-real-secret",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    })
    return env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--extra", metavar="NAME", help="print the requirements of an extra")
    mode.add_argument("--check", action="store_true",
                      help="check that the installed versions are the floor")
    mode.add_argument("--lookup", action="store_true",
                      help="look up the demo engagements with the installed engtui")
    args = parser.parse_args(argv)
    meta = project()
    if args.extra:
        print("\n".join(meta["optional-dependencies"][args.extra]))
        return 0
    expected = floors(meta["dependencies"])
    if args.check or args.lookup:
        problems = check_installed(expected) if args.check else lookup()
        for problem in problems:
            print(f"floor: {problem}", file=sys.stderr)
        if args.check and not problems:
            print("floor: installed " + ", ".join(f"{n}=={v}" for n, v in expected.items()))
        return 1 if problems else 0
    print("\n".join(f"{name}=={version}" for name, version in expected.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
