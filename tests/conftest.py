"""Shared fixtures: every test runs with its own home, config, state, cache and keyring.

No test reads or writes the real home folder or the real keyring of the person running
the suite: the XDG folders, ``HOME`` and the AWS config files point into ``tmp_path``, the
AWS environment is emptied, and the keyring backend defaults to keyring's ``fail`` backend.
Tests that need the real Secret Service opt in with the ``secret_service`` fixture, which is
only available inside the throwaway D-Bus session that ``scripts/test`` starts.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from engtui.demo.clock import NOW_ENV, WRITTEN_FOR

AWS_VARS = (
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_PARTNERCENTRAL_SELLING",
    "AWS_RETRY_MODE",
    "AWS_MAX_ATTEMPTS",
    "AWS_CA_BUNDLE",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "ENGTUI_CONFIG",
    "ENGTUI_PROFILE",
    "ENGTUI_DEMO_ACCESS_KEY_ID",
    "ENGTUI_DEMO_SECRET_ACCESS_KEY",
    "PYTHON_KEYRING_BACKEND",
    "NO_COLOR",
)


# The bundled demo data moves its dates to the day it runs (`engtui.demo.clock`); the tests
# see it as written, at the moment it was written for (their FIXED_NOW), on any day. Set for
# the whole run, before any (session-scoped) demo endpoint starts, and inherited by the
# `engtui demo-server` and `engtui --demo` processes the tests start.
os.environ[NOW_ENV] = WRITTEN_FOR.isoformat()


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Give each test a private home, XDG folders and AWS files; empty the AWS env."""
    home = tmp_path / "home"
    home.mkdir()
    for var in AWS_VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(home / ".aws" / "config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(home / ".aws" / "credentials"))
    # IMDS would be tried when no credentials exist; make it fail fast, never reach out.
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    # keyring: a backend that stores nothing, unless a test asks for the real one.
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    yield home


# -- running on several cores (pytest-xdist, scripts/test-in-session) ------------------------
# Each worker is a process of its own: tmp_path, the demo_server fixture, tmux sockets (named
# with the worker's pid) and spare ports are its own. What the workers do share is the one
# throwaway Secret Service of the D-Bus session: a test that needs it runs on one worker, in
# the group below, so that a probe's short-lived entry or a listing never meets another's.
SECRET_SERVICE_GROUP = "secret-service"


def pytest_configure(config: pytest.Config) -> None:
    # Registered here too, for a run without pytest-xdist (the sdist and floor venvs).
    config.addinivalue_line("markers", "xdist_group(name): tests run on one xdist worker")


@pytest.hookimpl(tryfirst=True)  # before xdist reads the marker into the node id
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "secret_service" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group(SECRET_SERVICE_GROUP))


@pytest.fixture
def secret_service(monkeypatch: pytest.MonkeyPatch) -> None:
    """Use the real Secret Service, only inside the private D-Bus session of scripts/test."""
    if os.environ.get("ENGTUI_TEST_SECRET_SERVICE") != "1":
        pytest.skip("needs the throwaway Secret Service started by scripts/test")
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.SecretService.Keyring")


# -- botocore's data files, parsed once a process ---------------------------------------------
# Every app and command under test builds its own botocore session, as engtui does once a
# run, and each session's loader parsed the service models, the endpoint rules and
# endpoints.json again and listed its data folders (about a fifth of a second a test, paid
# by some thousand tests). Those files do not change during a run, so a loader now takes
# what a loader with the same search path already loaded: what one loader already shares
# between the clients of its session. Sessions, credentials, handlers and clients stay each
# test's own.
def _share_botocore_data() -> None:
    from botocore import loaders

    loaded: dict[tuple, object] = {}
    for name in ("list_available_services", "determine_latest_version", "list_api_versions",
                 "load_service_model", "load_data_with_path"):
        method = getattr(loaders.Loader, name)

        def shared(self: loaders.Loader, *args: object, _method=method, _name=name,
                   **kwargs: object) -> object:
            key = (_name, tuple(self.search_paths), args, tuple(sorted(kwargs.items())))
            if key not in loaded:
                loaded[key] = _method(self, *args, **kwargs)
            return loaded[key]

        setattr(loaders.Loader, name, shared)


_share_botocore_data()


# -- the shells a terminal test's tmux runs its programs with ------------------------------
# tmux starts every program through its default shell: bash runs a ``-c`` command in its own
# place, sh (dash) as a child, and a user's bash and a CI's sh both matter. Every test that
# uses tmux (the ``tmux`` fixture of test_reliability_hostile, the ssh ``pane``) runs under
# each, in the same run (formerly a second pass of tests/terminal under the other SHELL).
TMUX_SHELLS = {"sh": "/bin/sh", "bash": shutil.which("bash") or "/bin/bash"}


@pytest.fixture(params=sorted(TMUX_SHELLS))
def tmux_shell(request: pytest.FixtureRequest) -> str:
    """The shell tmux starts the test's programs with (its ``default-shell``)."""
    return TMUX_SHELLS[request.param]


# -- the demo endpoint, over real HTTP on 127.0.0.1 ------------------------------------------
from support import DEMO_KEY_ID, DEMO_SECRET  # noqa: E402


@pytest.fixture(scope="session")
def demo_server() -> Iterator[object]:
    """One demo endpoint with the bundled sample data, shared by the whole session."""
    from engtui.demo.server import DemoServer

    server = DemoServer(access_key_id=DEMO_KEY_ID, secret_access_key=DEMO_SECRET)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def make_demo_server(tmp_path: Path) -> Iterator[object]:
    """Start a demo endpoint on a data file written from a dict (or on the bundled data
    with ``faults``, a data file's ``"faults"`` object); stopped after the test."""
    import json

    from engtui.demo.data import DemoDataset
    from engtui.demo.server import DemoServer

    servers: list[DemoServer] = []

    def start(data: dict | None = None, faults: dict | None = None,
              **kwargs: object) -> DemoServer:
        dataset = None
        if data is None and faults is not None:
            dataset = DemoDataset.bundled()
            dataset.faults = DemoDataset.from_json(json.dumps({"faults": faults})).faults
        if data is not None:
            path = tmp_path / f"data-{len(servers)}.json"
            path.write_text(json.dumps(data), encoding="utf-8")
            dataset = DemoDataset.from_file(path)
        kwargs.setdefault("access_key_id", DEMO_KEY_ID)
        kwargs.setdefault("secret_access_key", DEMO_SECRET)
        server = DemoServer(dataset, **kwargs)  # type: ignore[arg-type]
        server.start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(autouse=True)
def call_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test its own call budgets (their day's count lives in the test's state folder),
    at a rate far above the quota so the suite is not paced at 10 reads a second; the tests
    of the budget itself (tests/unit/test_budget.py) set the documented rate."""
    from engtui.api import budget

    monkeypatch.setattr(budget, "_budgets", {})
    monkeypatch.setattr(budget, "DEFAULT_RATE", 10_000.0)
