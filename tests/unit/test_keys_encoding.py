"""`engtui get` on a stream that cannot take UTF-8 (issue 13, item 11): no traceback.

Found by hand: `PYTHONIOENCODING=ascii engtui get eng-…` ended in a UnicodeEncodeError.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from support import DEMO_KEY_ID, DEMO_SECRET

FJORD = "eng-e7r9t1y3u5i7o9"  # bundled: "Fjord Media AS", tree labels with "·"


def get(demo_server, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "AWS_ACCESS_KEY_ID": DEMO_KEY_ID,
           "AWS_SECRET_ACCESS_KEY": DEMO_SECRET}
    return subprocess.run(
        [sys.executable, "-m", "engtui", "get", FJORD, "--catalog", "Sandbox",
         "--endpoint-url", demo_server.url, *extra],
        capture_output=True, text=True, encoding="ascii", timeout=60, env=env, check=False,
    )


def test_the_tree_prints_in_ascii(demo_server) -> None:
    done = get(demo_server)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert "|-- Id: " + FJORD in done.stdout and "`-- " in done.stdout


@pytest.mark.parametrize("extra", [(), ("--json",)], ids=["text", "json"])
def test_nothing_is_lost_and_json_stays_json(demo_server, extra) -> None:
    done = get(demo_server, *extra)
    assert done.returncode == 0, done.stderr[-2000:]
    done.stdout.encode("ascii")
    if extra:
        assert json.loads(done.stdout)["Id"] == FJORD


def test_errors_print_in_ascii_too(make_demo_server) -> None:
    from support import engagement

    server = make_demo_server({"engagements": [engagement()]})
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "AWS_ACCESS_KEY_ID": DEMO_KEY_ID,
           "AWS_SECRET_ACCESS_KEY": DEMO_SECRET}
    done = subprocess.run(
        [sys.executable, "-m", "engtui", "get", "eng-zzzzzzzzzzzzzz", "--catalog", "Sandbox",
         "--endpoint-url", server.url],
        capture_output=True, text=True, encoding="ascii", timeout=60, env=env, check=False,
    )
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "engtui: error:" in done.stderr
