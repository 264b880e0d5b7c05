"""Hostile strings, and an engagement that carries one in every string field (issue 6 §2).

Each string tries to make the terminal or the UI do something: Rich/Textual markup (style,
links, click actions, an unbalanced closing tag that breaks a markup parser), ANSI CSI
(colours, cursor moves, screen clears), OSC (window title, OSC 8 hyperlinks, OSC 52 clipboard
writes), DCS/APC, other C0 and C1 controls, bidirectional overrides and isolates, and
zero-width characters. Shown by engtui, each must be visible, harmless text.

`hostile_engagement` fills every string member of the GetEngagement output shape (walked from
botocore's model, so a member added later is covered too), with every union member used by
one context each.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from engtui.api.model import output_shape

HOSTILE: dict[str, str] = {
    "markup-bold": "[bold red]loud[/bold red] text",
    "markup-link": "[link=https://evil.example/]click me[/link]",
    "markup-click": "[@click=app.quit]quit![/] and [@click=screen.dismiss]back[/]",
    "markup-unbalanced": "closing [/bold] tag without an opening one [/]",
    "markup-variable": "$accent [b $error]x[/] {{{}}} %s %(x)s",
    "ansi-sgr": "\x1b[31mred\x1b[0m \x1b[5mblink\x1b[m",
    "ansi-cursor": "\x1b[2J\x1b[H\x1b[10;10Hmoved \x1b[?25l hidden cursor \x1b[?1049l",
    "osc-title": "\x1b]0;pwned-title\x07 and \x1b]2;pwned-two\x1b\\",
    "osc8-link": "\x1b]8;;https://evil.example/\x1b\\link text\x1b]8;;\x1b\\",
    "osc52-clipboard": "\x1b]52;c;cm0gLXJmIH4K\x07 and \x1b]52;p;ZXZpbA==\x1b\\",
    "dcs-apc": "\x1bP+q544e\x1b\\ \x1b_apc\x1b\\ \x1b^pm\x1b\\",
    "c0-controls": "bell\x07 back\x08space nul\x00 tab\t cr\r lf\n vt\x0b ff\x0c del\x7f",
    "c1-controls": "csi\x9b31m osc\x9d0;t\x9c nel\x85 ind\x84",
    "bidi-override": "invoice_\u202egpj.exe\u202c and \u2066isolate\u2069 \u200f\u200e",
    "zero-width": "ad\u200bmin \u200c\u200d\ufeffroot\u2060 \u2028line\u2029para",
    "mixed": "[link=x]\x1b]52;c;QQ==\x07\u202e[/link]\x1b[31m",
}


def hostile_engagement(identifier: str, text: str, when: dt.datetime | None = None) -> dict:
    """A stored engagement (data-file form after loading) with ``text`` in every string."""
    when = when or dt.datetime(2026, 1, 5, 10, 0, tzinfo=dt.UTC)
    shape = output_shape("GetEngagement")
    contexts_shape = shape.members["Contexts"]
    payload_shape = contexts_shape.member.members["Payload"]
    value = {
        name: _fill(member, text, when)
        for name, member in shape.members.items()
        if name != "Contexts"
    }
    value["Contexts"] = []
    for index, (kind, member) in enumerate(payload_shape.members.items(), start=1):
        context = {
            "Id": f"{index}{text}",
            "Type": f"{kind}{text}",
            "Payload": {kind: _fill(member, text, when)},
        }
        value["Contexts"].append(context)
    value["Id"] = identifier  # the one string the endpoint needs as it is, to find it
    # and the catalog: engtui refuses a reply from another catalog than the one asked
    # (hostile identity members are the identity checks' tests, issue 21 item 2)
    value["Catalog"] = "Sandbox"
    return value


def _fill(shape: Any, text: str, when: dt.datetime) -> Any:
    kind = shape.type_name
    if kind == "structure":
        if getattr(shape, "is_tagged_union", False):
            name, member = next(iter(shape.members.items()))
            return {name: _fill(member, text, when)}
        return {name: _fill(member, text, when) for name, member in shape.members.items()}
    if kind == "list":
        return [_fill(shape.member, text, when)]
    if kind == "timestamp":
        return when
    if kind in ("integer", "long"):
        return 7
    if kind == "boolean":
        return True
    return text
