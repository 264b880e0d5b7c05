"""Helpers for the reliability tests (issue 6): drive the app, serve odd data, read the screen.

Import as ``from reliability_support import ...``. The app helpers mirror the Pilot pattern of
``tests/app/test_app_lookup.py``; the data helpers let a test serve a response that the demo
endpoint's data-file checks would refuse (a context with an empty ``Payload``, a lead with
1,000 interactions): a valid engagement is loaded, then its stored form is edited in place,
and the server sends it as is, over real HTTP.
"""

from __future__ import annotations

import copy
import datetime as dt
import socket
from collections.abc import Callable, Iterator
from typing import Any

import support
from support import (  # noqa: F401 - re-exported
    FIXED_NOW,
    engagement,
    make_app,
    plain,
    settle,
    status_text,
)
from textual.widgets import Static

from engtui.app import EngtuiApp

GOOD_ID = "eng-g0000000000001"

# Every C0 and C1 control, DEL, and the bidi/zero-width characters textsafe replaces: none of
# these may be drawn (they would reach the terminal as bytes).
FORBIDDEN_DRAWN = {
    *map(chr, range(0x00, 0x20)), "\x7f", *map(chr, range(0x80, 0xA0)),
    *map(chr, range(0x200B, 0x2010)), *map(chr, range(0x2028, 0x202F)),
    *map(chr, range(0x2060, 0x2070)), "\ufeff", "\u061c",
}


def validation_text(app: EngtuiApp) -> str:
    """The inline validation message under the identifier input."""
    return plain(app.lookup_screen.query_one("#validation", Static)).strip()


# Identifiers here are pasted (support.look_up's default), the way a terminal sends a paste:
# one event, however hostile the text (typing is covered by test_app_lookup).
look_up = support.look_up


def engagements_with(*edits: tuple[str, Callable[[dict[str, Any]], None] | None]) -> dict:
    """A data file with one valid engagement per id (edits are applied after loading)."""
    return {"engagements": [engagement(identifier) for identifier, _ in edits]}


def apply_edits(server: Any, *edits: tuple[str, Callable[[dict[str, Any]], None] | None]) -> None:
    """Edit the stored engagements of a started server in place: ``(id, edit)`` pairs."""
    for identifier, edit in edits:
        if edit is not None:
            edit(server.dataset.engagements[("Sandbox", identifier)])


def serve(make_demo_server: Callable[..., Any], *edits: Any, faults: dict | None = None) -> Any:
    """A demo endpoint serving ``GOOD_ID`` plus one engagement per ``(id, edit)`` pair."""
    pairs = [(GOOD_ID, None), *edits]
    data = engagements_with(*pairs)
    if faults:
        data["faults"] = faults
    server = make_demo_server(data)
    apply_edits(server, *pairs)
    return server


def context_payload(stored: dict[str, Any], index: int = 0) -> dict[str, Any]:
    return stored["Contexts"][index]["Payload"]


def lead_context(interactions: int, stored: dict[str, Any]) -> dict[str, Any]:
    """A Lead context with ``interactions`` interactions (the model allows at most 10)."""
    when = stored["CreatedAt"]
    return {
        "Id": "2",
        "Type": "Lead",
        "Payload": {
            "Lead": {
                "QualificationStatus": "Qualified",
                "Customer": {"CompanyName": "Many Talks Ltd", "AwsMaturity": "Low"},
                "Interactions": [
                    {
                        "SourceType": "Event",
                        "SourceId": f"src-{number}",
                        "SourceName": f"Meetup {number}",
                        "InteractionDate": when + dt.timedelta(minutes=number),
                        "Contact": {"Email": f"person{number}@example.com"},
                    }
                    for number in range(interactions)
                ],
            }
        },
    }


def string_paths(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every string inside a stored engagement, with its path."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from string_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from string_paths(item, (*path, index))
    elif isinstance(value, str):
        yield path, value


def set_path(value: Any, path: tuple, new: Any) -> None:
    for key in path[:-1]:
        value = value[key]
    value[path[-1]] = new


def drawn_segments(app: EngtuiApp) -> Iterator[Any]:
    """Every segment of the whole screen as the compositor sends it to the terminal."""
    update = app.screen._compositor.render_full_update()
    for line in update.strips:
        for strip in line:
            yield from strip


def screen_text(app: EngtuiApp) -> str:
    """The whole screen as text, one line per row."""
    update = app.screen._compositor.render_full_update()
    return "\n".join(
        "".join(segment.text for strip in line for segment in strip) for line in update.strips
    )


def tree_nodes(tree: Any) -> list[Any]:
    """Every node of a Textual tree below its root, depth first (expanded or not)."""
    nodes, stack = [], list(tree.root.children)
    while stack:
        node = stack.pop(0)
        nodes.append(node)
        stack[:0] = list(node.children)
    return nodes


def free_port() -> int:
    """A TCP port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def deep_copy(value: Any) -> Any:
    return copy.deepcopy(value)
