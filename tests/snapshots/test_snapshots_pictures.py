"""What the pictures look like at 100x30 and 80x24 (issue 23 part 4, issue 22): the customer
accounts list, their statistics as bars, the opportunities' pipeline by stage (bundled demo
data, fixed clock). Update with ``--snapshot-update`` after an intended change and look at
the SVGs first."""

from __future__ import annotations

import pytest
from test_snapshots import SIZES, demo_app
from test_snapshots_cosell import keys

CASES = {
    "customer_accounts": keys(("f8",)),
    "statistics": keys(("f8",), ("g",)),
    "pipeline": keys(("f6",), ("g",)),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("case", list(CASES))
def test_picture_screen(snap_compare, demo_server, case, size) -> None:
    assert snap_compare(demo_app(demo_server), terminal_size=size, run_before=CASES[case])
