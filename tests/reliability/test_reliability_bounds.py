"""Hardening, round three (issue 21, items 4-7): bounded lists, files that cannot block,
honest failures. Real wire: the demo endpoint's faults (``endless``, ``many-headers``,
``unknown-error``) through a real boto3 client; real FIFOs made with ``os.mkfifo``. The
``engtui list`` output contract (no result on failure, ``--max-items``) is in
``tests/unit/test_cli_list.py``."""

from __future__ import annotations

from test_cli import run_cli
from test_cli_kinds import demo_env  # noqa: F401 - a fixture, used by name

FIRST = "eng-a1b2c3d4e5f6g7"
HOSTILE_CODE = "\x1b]2;PWN\x1b\\\x1b]52;c;UFdOCg==\x1b\\Frobnicated[bold]"


def get(capsys, server, *args: str) -> tuple[int, str, str]:
    return run_cli(capsys, "get", *args, "--endpoint-url", server.url, "--catalog", "Sandbox",
                   "--max-attempts", "1")


# -- item 7: an error code engtui does not know ---------------------------------------------
def test_an_unknown_error_code_is_rejected_by_the_service_not_a_bug(
        capsys, demo_env, make_demo_server) -> None:  # noqa: F811
    server = make_demo_server(faults={FIRST: {"kind": "unknown-error", "code": HOSTILE_CODE,
                                              "message": "no \x1b[31mway"}})
    code, out, err = get(capsys, server, FIRST)
    assert (code, out) == (5, "")
    assert err.startswith("engtui: error: The service rejected the request (")
    assert "bug" not in err and "\x1b" not in err
    assert "\\e]2;PWN" in err and "Frobnicated[bold]" in err  # the code, escaped


def test_a_plain_unknown_error_code_is_said_with_its_code(capsys, demo_env,  # noqa: F811
                                                          make_demo_server) -> None:
    server = make_demo_server(faults={FIRST: {"kind": "unknown-error",
                                              "code": "QuotaExhaustedException"}})
    code, _, err = get(capsys, server, FIRST)
    assert code == 5 and "(QuotaExhaustedException)" in err


def test_five_thousand_response_headers_are_a_malformed_reply(capsys, demo_env,  # noqa: F811
                                                              make_demo_server) -> None:
    server = make_demo_server(faults={FIRST: "many-headers"})
    code, out, err = get(capsys, server, FIRST)
    assert (code, out) == (10, "")
    assert "not valid HTTP (got more than 100 headers)" in err and "Could not reach" not in err


def test_a_refused_connection_is_still_the_network(capsys, demo_env) -> None:  # noqa: F811
    import socket

    with socket.socket() as spare:
        spare.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{spare.getsockname()[1]}"
    code, _, err = run_cli(capsys, "get", FIRST, "--endpoint-url", url, "--catalog",
                           "Sandbox", "--max-attempts", "1")
    assert code == 8 and "Could not reach" in err
