"""Hardening, round two (issue 12): the gates every API string, copy, reply and call pass.

Real wire throughout: the demo endpoint, or a crafted server on 127.0.0.1 that answers every
request with a fixed reply (status, headers, body, and how fast it is sent), through a real
boto3 client. The terminal-level checks (paste into bash, the byte scan, signals) are in
``tests/terminal/test_reliability_terminal.py``.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
import time
import unicodedata
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reliability_support import GOOD_ID, look_up, make_app, serve, settle
from support import demo_settings

from engtui import cli, textsafe
from engtui.api import jsonout
from engtui.api.errors import ApiError, ErrorKind
from engtui.api.kinds import ENGAGEMENT
from engtui.api.service import SellingService
from engtui.export import ExportError, default_export_path, write_export
from engtui.textsafe import printable

# Looked up when used, so that each test fails on its own where a mechanism is missing.


def neutralised() -> frozenset[str]:
    return textsafe.NEUTRALISED


def paste_safe(text: str) -> tuple[str, bool]:
    return textsafe.paste_safe(text)


def dumps(value: object) -> str:
    return jsonout.dumps(value)

HOSTILE_VALUE = "arn:x\x1b[201~;touch /tmp/PWNED\n\x1b]0;PWNED\x07\x9b\u202e\U000e0041"
# The prepended concatenation marks: format characters (Cf) that are visible signs.
PREPENDED_MARKS = {*range(0x0600, 0x0606), 0x06DD, 0x070F, 0x0890, 0x0891, 0x08E2,
                   0x110BD, 0x110CD}


# -- item 11: what printable neutralises ------------------------------------------------------
def test_every_format_character_filler_and_tag_is_neutralised() -> None:
    format_chars = [chr(code) for code in range(0x110000)
                    if unicodedata.category(chr(code)) == "Cf" and code not in PREPENDED_MARKS]
    fillers = ["\u00ad", "\u034f", "\u3164", "\u115f", "\u1160", "\uffa0", "\u17b4",
               *map(chr, range(0xE0000, 0xE0080)), "\ud800", "\udfff"]
    for char in format_chars + fillers:
        assert char in neutralised(), f"U+{ord(char):04X} {unicodedata.name(char, '?')}"
        assert char not in printable(f"a{char}b")


def test_normal_text_of_every_script_is_kept() -> None:
    samples = ["Grüße, Åsa", "Ελληνικά", "русский", "עברית", "العربية ١٢٣", "हिन्दी",
               "ไทย", "한국어", "日本語かな", "中文", "ქართული", "❤️ 🇫🇷 ✓", "x\u0301",
               "Монгол ᠮᠣᠩᠭᠣᠯ\u180b", "\u0600\u0661"]
    for sample in samples:
        assert printable(sample) == sample
        assert paste_safe(sample) == (sample, False)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.text())
def test_printable_and_paste_safe_leave_nothing_that_acts(text: str) -> None:
    shown = printable(text)
    assert not set(shown) & neutralised()
    pasted, changed = paste_safe(text)
    assert not set(pasted) & (neutralised() - {"\t"})
    pasted.encode("utf-8")  # lone surrogates are gone: the clipboard write cannot fail
    assert changed == (pasted != text)
    if not set(text) & neutralised():
        assert shown == text and pasted == text


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(), children,
                                                                      max_size=4),
    max_leaves=20,
)


@settings(max_examples=200, derandomize=True, deadline=None)
@given(JSON_VALUES)
def test_json_output_is_valid_json_with_nothing_that_acts(value: object) -> None:
    text = dumps(value)
    assert json.loads(text) == value  # the exact value for any JSON reader
    assert not set(text) & (neutralised() - {"\n"})
    text.encode("utf-8")
    assert paste_safe(text) == (text, False)  # a JSON copy keeps its layout


def test_json_output_never_writes_nan() -> None:
    for number in (float("nan"), float("inf"), -float("inf")):
        with pytest.raises(jsonout.NotJson):
            dumps({"MemberCount": number})


# -- item 1: the clipboard ---------------------------------------------------------------------
def test_paste_safe_removes_the_bracketed_paste_end_and_the_newline() -> None:
    pasted, changed = paste_safe(HOSTILE_VALUE)
    assert changed
    assert "\x1b" not in pasted and "\n" not in pasted and "\r" not in pasted
    assert pasted.startswith("arn:x\\e[201~;touch /tmp/PWNED ")  # the shown placeholders
    assert paste_safe("a\tb") == ("a\tb", False)


@pytest.fixture
def hostile_arn_server(make_demo_server):
    def edit(stored: dict) -> None:
        stored["Arn"] = HOSTILE_VALUE
        stored["Title"] = "\x1b]0;PWNED\x07 title"

    return serve(make_demo_server, ("eng-c0000000000001", edit))


async def test_every_copy_is_paste_safe_and_the_user_is_told(hostile_arn_server) -> None:
    app = make_app(hostile_arn_server.url)
    written: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        app._driver.write = written.append  # what would reach the terminal
        await look_up(app, pilot, "eng-c0000000000001")
        await pilot.press("a")  # copy the ARN
        await pilot.pause()
        assert app.is_running
        assert "\x1b" not in app.clipboard and "\n" not in app.clipboard
        assert app.clipboard == paste_safe(HOSTILE_VALUE)[0]
        notes = [str(n.message) for n in app._notifications]
        assert any("placeholders" in note for note in notes), notes
        osc52 = [chunk for chunk in written if chunk.startswith("\x1b]52;c;")]
        assert osc52, "the copy went to the terminal by OSC 52"
        import base64

        sent = base64.b64decode(osc52[-1][7:-1]).decode("utf-8")
        assert sent == app.clipboard


async def test_copying_a_lone_surrogate_keeps_the_app_running(crafted) -> None:
    crafted.body = json.dumps(reply(Arn="arn:\ud800x")).encode()  # sent as "\ud800"
    app = make_app(crafted.url)
    async with app.run_test(size=(120, 40)) as pilot:
        await look_up(app, pilot, "eng-r0000000000001")
        await pilot.press("a")
        await pilot.pause()
        assert app.is_running
        assert app.clipboard == "arn:<U+D800>x"


# -- item 2: notifications ----------------------------------------------------------------------
async def test_every_notification_is_plain_printable_text(hostile_arn_server) -> None:
    app = make_app(hostile_arn_server.url)
    async with app.run_test(size=(120, 40)) as pilot:
        app.notify("[@click=app.quit]x[/] \x1b]0;PWNED\x07 \x9b \u202e", title="\x1b[2Jt")
        app.screen.notify("\x1b]52;c;UFdORUQ=\x07")
        await pilot.pause()
        for note in app._notifications:
            assert note.markup is False
            assert not set(str(note.message) + note.title) & (neutralised() - {"\n"})
        assert app.is_running


# -- item 3: a masked input never copies or cuts --------------------------------------------
async def test_the_profile_forms_secret_fields_never_copy_or_cut() -> None:
    from textual.widgets import Input, RadioButton

    from engtui.cli import build_parser, tui_app
    from engtui.screens.profile_form import ProfileForm

    secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    app = tui_app(build_parser([]).parse_args([]))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2")
        await settle(app, pilot)
        await pilot.press("a")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, ProfileForm)
        form.query_one("#src-static", RadioButton).value = True
        await pilot.pause()
        for field_id in ("#secret", "#token"):
            field = form.query_one(field_id, Input)
            field.value = secret
            field.focus()
            await pilot.pause()
            for select, copy in (("ctrl+a", "ctrl+c"), ("ctrl+shift+a", "ctrl+x"),
                                 ("shift+home", "super+c")):
                field.select_all()
                await pilot.press(select, copy)
                await pilot.pause()
                assert secret not in app.clipboard, f"{field_id}: {copy} copied the secret"
            assert field.value == secret and field.password  # a refused cut deletes nothing
        assert app.is_running


# -- item 5: export replaces only a regular file ---------------------------------------------
def test_export_refuses_a_fifo_and_leaves_it(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    with pytest.raises(ExportError, match="FIFO"):
        write_export(fifo, "{}\n", overwrite=True)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    link = tmp_path / "link.json"
    link.symlink_to(fifo)
    with pytest.raises(ExportError, match="not a regular file"):
        write_export(link, "{}\n", overwrite=True)
    assert link.is_symlink()
    with pytest.raises(ExportError, match="folder"):
        write_export(tmp_path, "{}\n", overwrite=True)


def test_export_refuses_a_device_node(tmp_path: Path) -> None:
    node = tmp_path / "null.json"
    try:
        os.mknod(node, 0o600 | stat.S_IFCHR, os.makedev(1, 3))  # like /dev/null
    except (PermissionError, OSError) as error:
        pytest.skip(f"cannot make a device node here: {error}")
    with pytest.raises(ExportError, match="character device"):
        write_export(node, "{}\n", overwrite=True)
    assert stat.S_ISCHR(os.lstat(node).st_mode)


def test_export_file_names_come_from_a_sanitised_id(tmp_path: Path) -> None:
    path = default_export_path("eng-\x1b]0;PWNED\x07/../x", tmp_path)
    assert path.parent == tmp_path
    allowed = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
    assert set(path.name) <= allowed
    assert textsafe.safe_file_name("...") == "engagement"


# -- crafted replies over real HTTP -----------------------------------------------------------
class Crafted:
    """A server on 127.0.0.1 answering every POST with ``reply`` (status, headers, body).

    ``trickle`` sends the headers and then the body (or, with ``trickle_headers``, the
    headers too) one byte per ``trickle`` seconds; a stopped server stops trickling."""

    def __init__(self) -> None:
        self.status = 200
        self.body: bytes | None = b"{}"
        self.stream: Iterator[bytes] | None = None
        self.length: int | None = None
        self.headers = {"Content-Type": "application/x-amz-json-1.0"}
        self.trickle: float = 0.0
        self.trickle_headers = False
        self.stopping = threading.Event()
        crafted = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                body = crafted.body or b""
                head = [f"HTTP/1.1 {crafted.status} X\r\n".encode()]
                length = crafted.length if crafted.length is not None else len(body)
                # Said, as the connection is closed after every answer: without it the client
                # kept the connection for its next call, which then met the closed socket
                # when the close was late to reach it (a loaded machine): "Could not reach".
                sent = {"Connection": "close", **crafted.headers, "Content-Length": str(length)}
                for name, value in sent.items():
                    head.append(f"{name}: {value}\r\n".encode())
                head.append(b"\r\n")
                try:
                    if crafted.trickle_headers:
                        crafted.drip(self.wfile, b"".join(head))
                    else:
                        self.wfile.write(b"".join(head))
                    if crafted.stream is not None:
                        for chunk in crafted.stream:
                            if crafted.stopping.is_set():
                                return
                            self.wfile.write(chunk)
                    elif crafted.trickle:
                        crafted.drip(self.wfile, body)
                    else:
                        self.wfile.write(body)
                except OSError:
                    pass
                self.close_connection = True

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        # Polled every 50 ms (not 0.5 s, the default): `stop` waits for the next poll.
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,),
                                       daemon=True)
        self.thread.start()

    def drip(self, out, data: bytes) -> None:
        for index in range(len(data)):
            if self.stopping.wait(self.trickle):
                return
            out.write(data[index:index + 1])
            out.flush()

    def stop(self) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def crafted() -> Iterator[Crafted]:
    server = Crafted()
    yield server
    server.stop()


def reply(**fields: object) -> dict:
    base = {"Id": "eng-r0000000000001", "Title": "t", "Catalog": "Sandbox",
            "CreatedAt": "2026-01-05T10:00:00Z", "Contexts": []}
    base.update(fields)
    return base


def nested(depth: int) -> bytes:
    """A reply whose ``Title`` is lists nested ``depth`` deep (botocore passes a list in a
    string member through as it is)."""
    inner = "[" * depth + "]" * depth
    return ('{"Id": "eng-r0000000000001", "Title": ' + inner + "}").encode()


MALFORMED_BODIES = {
    "contexts-object": json.dumps(reply(Contexts={"Id": "1", "Type": "Lead"})).encode(),
    "timestamp-1e400": json.dumps(reply()).replace('"2026-01-05T10:00:00Z"', "1e400").encode(),
    "member-count-nan": json.dumps(reply()).replace('"t"', '"t", "MemberCount": NaN').encode(),
    "title-object": json.dumps(reply(Title={"a": 1})).encode(),
    "nested-100000": nested(100_000),
    "nested-900": nested(900),
}


def run_get(capsys, url: str, *extra: str) -> tuple[int, str, str]:
    code = cli.main(["get", "eng-r0000000000001", "--endpoint-url", url, "--catalog", "Sandbox",
                     "--max-attempts", "1", "--read-timeout", "5", *extra])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo_env(monkeypatch: pytest.MonkeyPatch) -> None:
    from support import DEMO_KEY_ID, DEMO_SECRET

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", DEMO_KEY_ID)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", DEMO_SECRET)


@pytest.mark.parametrize("name", list(MALFORMED_BODIES))
@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_a_reply_engtui_cannot_show_is_malformed_exit_10(crafted, capsys, demo_env, name,
                                                         as_json) -> None:
    crafted.body = MALFORMED_BODIES[name]
    code, out, err = run_get(capsys, crafted.url, *(["--json"] if as_json else []))
    assert code == ErrorKind.MALFORMED.exit_code, err
    assert "Traceback" not in err and err.count("\n") == 1
    assert "could not be read" in err and out == ""


@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_lone_surrogates_are_shown_not_a_crash(crafted, capsys, demo_env, as_json) -> None:
    crafted.body = b'{"Id": "eng-r0000000000001", "Title": "a\\ud800b\\udfff", "Contexts": []}'
    code, out, err = run_get(capsys, crafted.url, *(["--json"] if as_json else []))
    assert code == 0, err
    assert ("\\ud800" if as_json else "<U+D800>") in out
    out.encode("utf-8")


def test_a_huge_reply_stops_being_read_at_the_limit(crafted, capsys, demo_env) -> None:
    from engtui.api.deadline import MAX_REPLY_BYTES

    crafted.length = 200 * 1024 * 1024  # announced: 200 MB, sent until the client leaves
    chunk = b" " * (1024 * 1024)
    crafted.stream = iter([b'{"Id": "eng-r0000000000001", "Title": "', *[chunk] * 200])
    code, _out, err = run_get(capsys, crafted.url)
    assert code == ErrorKind.MALFORMED.exit_code, err
    assert f"larger than {MAX_REPLY_BYTES // (1024 * 1024)} MB" in err


def test_an_error_code_reaches_stderr_printable(crafted, capsys, demo_env) -> None:
    crafted.status = 400
    crafted.body = json.dumps({"__type": "Evil\x1b[2J\x1b]0;PWNED\x07Exception",
                               "message": "m\x9b"}).encode()
    code, _out, err = run_get(capsys, crafted.url)
    assert code != 0
    assert "\x1b" not in err and "\x9b" not in err and "\\e]0;PWNED" in err


def test_stderr_of_every_command_is_gated(capsys) -> None:
    with cli.safe_stderr():  # what main() puts around every command
        print("x\x1b]0;PWNED\x07\u202e\nnext", file=sys.stderr)
    err = capsys.readouterr().err
    assert err == "x\\e]0;PWNED\\x07<U+202E>\nnext\n"


def test_log_lines_are_printable(tmp_path: Path) -> None:
    from engtui.api import call_log as logs

    path = logs.configure(debug=True)
    try:
        logs.log.debug("call \x1b]0;PWNED\x07 \x9b\nsecond line")
        logs._handler.flush()  # type: ignore[union-attr]
        text = path.read_text(encoding="utf-8")
    finally:
        logs.shutdown()
    assert "\x1b" not in text and "\x9b" not in text
    assert "\\e]0;PWNED" in text and "\nsecond line" in text


# -- item 6: an overall deadline ------------------------------------------------------------------
@pytest.mark.parametrize("part", ["body", "headers"])
def test_a_trickling_server_meets_the_deadline(crafted, part: str) -> None:
    crafted.body = json.dumps(reply(Title="x" * 200)).encode()
    crafted.trickle = 0.05  # one byte every 50 ms: the read timeout (5 s) never fires
    crafted.trickle_headers = part == "headers"
    service = SellingService(demo_settings(crafted.url, deadline=1.0, max_attempts=3))
    started = time.monotonic()
    with pytest.raises(ApiError) as caught:
        service.get_record(ENGAGEMENT, "Sandbox", "eng-r0000000000001")
    elapsed = time.monotonic() - started
    service.close()
    assert caught.value.kind is ErrorKind.NETWORK
    assert "deadline of 1 s" in caught.value.message and "--deadline" in caught.value.hint
    assert elapsed < 12  # bounded (without the deadline: 200+ bytes at 50 ms, then success)


def test_deadline_option_reaches_the_settings() -> None:
    args = cli.build_parser(["get", GOOD_ID]).parse_args(["get", GOOD_ID, "--deadline", "7"])
    assert cli.connection_overrides(args)["deadline"] == 7.0


async def test_the_tui_shows_a_malformed_reply_and_keeps_running(crafted) -> None:
    crafted.body = MALFORMED_BODIES["contexts-object"]
    app = make_app(crafted.url)
    async with app.run_test(size=(120, 40)) as pilot:
        await look_up(app, pilot, "eng-r0000000000001")
        await settle(app, pilot)
        from reliability_support import status_text

        assert "Malformed reply" in status_text(app) or "could not be read" in status_text(app)
        assert app.is_running


# -- item 9: no terminal --------------------------------------------------------------------------
ENGTUI = Path(sys.executable).with_name("engtui")


@pytest.mark.parametrize("stdin_tty", [False, True])
def test_no_terminal_refuses_in_one_line(stdin_tty: bool) -> None:
    import pty

    master, slave = pty.openpty()
    try:
        result = subprocess.run(
            [str(ENGTUI), "--demo"], stdin=slave if stdin_tty else subprocess.DEVNULL,
            capture_output=True, timeout=30, check=False,
        )
    finally:
        os.close(master)
        os.close(slave)
    assert result.returncode == 2
    assert result.stdout == b""
    assert result.stderr.count(b"\n") == 1 and b"engtui get" in result.stderr
