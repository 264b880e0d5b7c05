"""What the read side's lists look like at 100x30 and 80x24 (issue 22): every task in one
view (the FAILED marker, the reason in words), and an opportunity bulk job's rows, failed
first (bundled demo data, fixed clock). Update with ``--snapshot-update`` after an intended
change and look at the SVGs first."""

from __future__ import annotations

import pytest
from test_snapshots import SIZES, demo_app
from test_snapshots_cosell import keys

CASES = {
    "tasks": keys(("f7",)),
    # the bulk jobs, newest first: the third is bulkjob-oppblk0000001 (no Get: its rows)
    "bulk_job_rows": keys(("f10",), ("down", "down", "enter")),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("case", list(CASES))
def test_read_side_list(snap_compare, demo_server, case, size) -> None:
    assert snap_compare(demo_app(demo_server), terminal_size=size, run_before=CASES[case])
