"""Generated GetEngagement responses (issue 6 §3): the tree, its text and the JSON never fail.

Responses are generated from botocore's output shape of ``GetEngagement`` (not from a
hand-written list of fields): every optional member may be missing, structures gain members
the model does not know (with any JSON value), unions carry a known member or botocore's
``SDK_UNKNOWN_MEMBER``, lists run past the model's maximum, and strings range from empty to
100,000 characters of any Unicode (controls, surrogate-free planes, bidi and zero-width marks).

For every response: `record_tree` (of the engagement), `render_text` and `jsonout.dumps`
must not raise, the text must show every scalar value (in its printable form) and the JSON
must round-trip.

The run is derandomized (the same examples every time, so CI is repeatable) and bounded;
``ENGTUI_HYPOTHESIS_EXAMPLES=5000`` runs more by hand.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Iterator
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engtui.api.field_tree import UNKNOWN_UNION_KEY, record_tree, render_text, scalar_text
from engtui.api.jsonout import dumps, jsonable
from engtui.api.kinds import ENGAGEMENT
from engtui.api.model import output_shape
from engtui.textsafe import printable

EXAMPLES = int(os.environ.get("ENGTUI_HYPOTHESIS_EXAMPLES", "300"))

# Characters people paste and attackers send: controls, C1, bidi and zero-width marks, wide
# CJK, emoji with joiners, combining marks, right-to-left letters, and any other code point.
ODD = "\x00\x07\x08\t\n\r\x1b\x7f\x85\x9b\u200b\u200d\u202e\u2066\u2028\ufeff\u061c"
WIDE = "数据株式会社テスト한국어👩‍👩‍👧🚀\u0301مرحباשלום[]/@=;\\"  # noqa: RUF001
text_piece = st.text(
    alphabet=st.one_of(st.sampled_from(ODD + WIDE), st.characters(codec="utf-8")), max_size=24
)
huge = st.builds(lambda char, count: char * count, st.characters(codec="utf-8"),
                 st.integers(1_000, 100_000))
strings = st.one_of(text_piece, text_piece, text_piece, huge)
json_scalars = st.one_of(
    # Finite numbers only: a reply holding NaN or Infinity (or 1e400) is refused as
    # malformed before it is parsed (engtui.api.reply_check, issue 12).
    st.none(), st.booleans(), st.integers(-(2**63), 2**63),
    st.floats(allow_nan=False, allow_infinity=False), strings,
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text_piece, inner, max_size=3),
    max_leaves=8,
)
# C0, DEL and C1: searched with a pattern (a loop over each character of texts up to 100,000
# characters long took two fifths of this file's time).
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
timestamps = st.datetimes(
    min_value=dt.datetime(1970, 1, 1), max_value=dt.datetime(2200, 1, 1), timezones=st.just(dt.UTC)
)


def from_shape(shape: Any, depth: int = 0) -> st.SearchStrategy[Any]:
    """A strategy for values of a botocore shape, as boto3 returns them."""
    kind = shape.type_name
    if kind == "structure":
        members = {name: from_shape(member, depth + 1) for name, member in shape.members.items()}
        if getattr(shape, "is_tagged_union", False):
            known = [st.fixed_dictionaries({name: value}) for name, value in members.items()]
            unknown = st.fixed_dictionaries(
                {UNKNOWN_UNION_KEY: st.fixed_dictionaries({"name": text_piece})}
            )
            return st.one_of(*known, unknown)
        extra_keys = text_piece.filter(lambda key: key not in members and key)
        return st.builds(
            lambda known, extra: {**extra, **known},
            st.fixed_dictionaries({}, optional=members),
            st.dictionaries(extra_keys, json_values, max_size=2 if depth < 3 else 0),
        )
    if kind == "list":
        limit = int(shape.metadata.get("max", 4))
        return st.lists(from_shape(shape.member, depth + 1), max_size=min(limit + 2, 12))
    if kind == "timestamp":
        return timestamps
    if kind in ("integer", "long"):
        return st.integers(-(2**63), 2**63)
    if kind in ("float", "double"):
        return st.floats(allow_nan=False, allow_infinity=False)
    if kind == "boolean":
        return st.booleans()
    return strings


responses = from_shape(output_shape("GetEngagement"))


def scalars(value: Any) -> Iterator[Any]:
    """Every scalar inside a response (an unknown union member's name included)."""
    if isinstance(value, dict):
        for item in value.values():
            yield from scalars(item)
    elif isinstance(value, list):
        for item in value:
            yield from scalars(item)
    else:
        yield value


@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(responses)
def test_generated_response_builds_renders_and_shows_every_value(data: dict[str, Any]) -> None:
    tree = record_tree(ENGAGEMENT, data)
    text = render_text(tree, printable)
    for value in scalars(data):
        shown = printable(scalar_text(value))
        assert shown in text, f"{shown[:60]!r} is missing from the text output"
    for line in text.splitlines():  # nothing that reaches a terminal is a control
        assert not CONTROL.search(line), f"a control in {line[:60]!r}"
    round_trip = json.loads(dumps(data))
    assert round_trip == json.loads(json.dumps(jsonable(data)))
    for node in tree.walk():  # every node is drawable by the UI
        assert isinstance(node.label, str) and isinstance(node.value_text, str)


def test_the_count_of_generated_examples_is_bounded() -> None:
    # The CI figure in docs/reliability.md; raise it by hand with ENGTUI_HYPOTHESIS_EXAMPLES.
    assert EXAMPLES >= 100
