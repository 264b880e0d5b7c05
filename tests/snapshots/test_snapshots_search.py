"""What the engagement search, the groups and the opportunities lists look like at 100x30
and 80x24 (bundled demo data, fixed clock): search results with their company and lead
columns and the operation in the summary line, the groups, a group's engagements, the
opportunities (a keyword, another sort key), an opportunity's solutions, the benefit
applications. Update with ``--snapshot-update`` after an
intended change and look at the SVGs first."""

from __future__ import annotations

import pytest
from test_snapshots import SIZES, demo_app
from test_snapshots_cosell import keys

CASES = {
    "search": keys(("ctrl+l",), ("ctrl+f", *"lead", "enter")),
    "groups": keys(("f4",)),
    "group_engagements": keys(("f4",), ("enter",)),
    "opportunities": keys(("f6",)),  # SearchOpportunities: score, MRR and close columns
    "opportunities_keyword": keys(("f6",), ("ctrl+f", *"robotics", "enter")),
    "opportunities_by_close_date": keys(("f6",), ("b", "s")),
    "funding": keys(("f11",)),
    "solutions": keys(("f6",), ("down", "down", "down", "enter"), ("3",)),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("case", list(CASES))
def test_search_list_screen(snap_compare, demo_server, case, size) -> None:
    assert snap_compare(demo_app(demo_server), terminal_size=size, run_before=CASES[case])
