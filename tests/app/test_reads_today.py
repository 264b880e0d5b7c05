"""The day's count of reads on the connection bar (issue 24, part 1): the call budget's
count, updated as calls are made, without a call of its own; a short form when the line is
short of room."""

from __future__ import annotations

import pytest
from support import look_up, make_app, plain, settle

from engtui.widgets.connection_bar import ConnectionBar


def bar(app) -> str:
    return plain(app.screen.query_one(ConnectionBar), width=app.size.width)


@pytest.mark.parametrize(("size", "first", "second"), [
    ((200, 30), "1 of 100,000 reads today", "2 of 100,000 reads today"),
    # short of room (the test's endpoint, shown first, takes a third of the line; at 80
    # columns the endpoint wins: tests/app/test_new_user_findings.py)
    ((100, 30), "1/100k reads", "2/100k reads"),
])
async def test_the_bar_counts_the_reads_of_the_day(demo_server, size, first, second) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        before = len(demo_server.requests)
        assert "0 of 100,000 reads today" in bar(app) or "0/100k reads" in bar(app)
        await look_up(app, pilot, "eng-a1b2c3d4e5f6g7")
        assert first in bar(app)
        await pilot.press("r")  # a refresh: one more read
        await settle(app, pilot)
        assert second in bar(app)
        assert len(demo_server.requests) == before + 2  # the bar asked for nothing itself


def test_the_short_form() -> None:
    from engtui.widgets.connection_bar import _short

    assert [_short(n) for n in (0, 999, 1234, 12_345, 100_000)] == [
        "0", "999", "1.2k", "12k", "100k"]
