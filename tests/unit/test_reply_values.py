"""Every list refuses an item the reply gives without its id, with the one message
(`engtui.api.reply_values.listed_item`), instead of drawing a row that opens nothing or
failing deep in the UI; the readers never raise on a member of the wrong type."""

from __future__ import annotations

import datetime as dt

import pytest

from engtui.api.errors import ApiError, ErrorKind
from engtui.api.kinds import LISTS
from engtui.api.reply_values import (
    NONE,
    datetime_or_none,
    day_of,
    dict_or_empty,
    int_or_none,
    strs_of,
    text_of,
)

NOW = dt.datetime(2026, 12, 7, tzinfo=dt.UTC)


@pytest.mark.parametrize("name", sorted(LISTS))
@pytest.mark.parametrize("item", [{}, {"Id": 7, "TaskId": None, "RequestId": ["x"]}, "eng-1", None],
                         ids=["empty", "wrong-types", "a-string", "null"])
def test_every_list_refuses_an_item_without_its_id(name: str, item: object) -> None:
    build = LISTS[name].make_item()
    with pytest.raises(ApiError) as refused:
        build(item, NOW)
    assert refused.value.kind is ErrorKind.MALFORMED
    assert "The reply lists" in str(refused.value) and " without " in str(refused.value)


def test_the_readers_take_any_type() -> None:
    odd = [None, 3, True, "x", [1, "a"], {"a": 1}, 2.5, NOW]
    assert [text_of(v) for v in odd] == ["", "", "", "x", "", "", "", ""]
    assert [int_or_none(v) for v in odd] == [None, 3, None, None, None, None, None, None]
    assert strs_of([1, "a", None, "b"]) == ("a", "b") and strs_of("ab") == ()
    assert datetime_or_none(NOW) is NOW and datetime_or_none("2026-12-07") is None
    assert dict_or_empty([("a", 1)]) == {} and dict_or_empty({"a": 1}) == {"a": 1}
    assert day_of(NOW) == "2026-12-07" and day_of(None) == NONE
