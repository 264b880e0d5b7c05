"""The list's incremental filter (`engtui.widgets.row_filter`) gives exactly the rows a full
filter gives, for any sequence of typed characters, backspaces, pastes, edits in the middle
and rows arriving while a filter is in force; and its cache stays within its budget."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from engtui.widgets import row_filter
from engtui.widgets.row_filter import RowFilter

ALPHABET = "abcz\0 "  # few letters, so that needles match some rows and not others
haystacks = st.lists(st.text(ALPHABET, max_size=8), max_size=12)
typed = st.sampled_from("abcz ")
operations = st.lists(
    st.one_of(
        st.tuples(st.just("type"), typed),
        st.tuples(st.just("backspace"), st.just("")),
        st.tuples(st.just("paste"), st.text(ALPHABET, min_size=1, max_size=4),
                  st.integers(0, 8)),
        st.tuples(st.just("cut"), st.integers(0, 8), st.integers(1, 3)),
        st.tuples(st.just("set"), st.text(ALPHABET, max_size=4)),
        st.tuples(st.just("rows"), haystacks),
        st.tuples(st.just("clear"), st.just("")),
    ),
    max_size=40,
)


def full(keys: list[str], needle: str) -> list[int]:
    return [index for index, key in enumerate(keys) if needle in key]


@settings(max_examples=400, deadline=None)
@given(first=haystacks, steps=operations)
def test_incremental_equals_full(first: list[str], steps: list[tuple]) -> None:
    rows = RowFilter()
    rows.add(first)
    keys = list(first)
    text = ""
    assert rows.view == full(keys, "")
    for step in steps:
        match step:
            case ("type", char):
                text += char
            case ("backspace", _):
                text = text[:-1]
            case ("paste", pasted, at):
                at = min(at, len(text))
                text = text[:at] + pasted + text[at:]
            case ("cut", at, length):
                text = text[:at] + text[at + length:]
            case ("set", value):
                text = value
            case ("rows", more):
                rows.add(more)
                keys += more
            case ("clear", _):
                rows.clear()
                keys = []
        view = rows.set(text) if step[0] not in ("rows", "clear") else rows.view
        assert rows.needle == text or step[0] in ("rows", "clear")
        assert view == full(keys, rows.needle), (step, rows.needle)
        assert rows.full(rows.needle) == view
        for needle, cached in rows._cache.items():  # every cached view is exact, too
            assert cached == full(keys, needle), needle


def test_typing_narrows_the_rows_still_shown() -> None:
    rows = RowFilter()
    rows.add(["zephyr", "zebra", "alpha", "zed"] * 3)
    assert rows.set("z") == [0, 1, 3, 4, 5, 7, 8, 9, 11]
    first = rows.view
    narrowed = rows.set("ze")
    assert narrowed == [0, 1, 3, 4, 5, 7, 8, 9, 11]
    assert rows.set("zep") == [0, 4, 8]
    assert rows.set("ze") is narrowed  # a backspace goes back to the cached result
    assert rows.set("z") is first
    assert rows.set("") == list(range(12))


def test_the_cache_keeps_within_its_budget() -> None:
    rows = RowFilter()
    rows.add(["abc"] * 100)
    for length in range(1, 200):  # every needle matches every row: the worst case
        rows.set("a" if length % 2 else "ab")
        rows.set("abc"[: length % 4])
        assert sum(len(v) for v in rows._cache.values()) <= (
            row_filter.BUDGET * 100 + len(rows.view))
        assert len(rows._cache) <= row_filter.MAX_VIEWS
        assert rows.needle in rows._cache
