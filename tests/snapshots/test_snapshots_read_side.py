"""What the read side's record screens look like at 100x30 and 80x24 (issue 22): a resource
snapshot job with its LastFailure in the header, and its snapshots pane (bundled demo data,
fixed clock). Update with ``--snapshot-update`` after an intended change and look at the
SVGs first."""

from __future__ import annotations

import pytest
from test_snapshots import SIZES, demo_app
from test_snapshots_cosell import keys

CASES = {
    "snapshot_job": keys("job-nwrun4820113a"),
    "snapshot_job_snapshots": keys("job-nwrun4820113a", ("2",)),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("case", list(CASES))
def test_read_side_screen(snap_compare, demo_server, case, size) -> None:
    assert snap_compare(demo_app(demo_server), terminal_size=size, run_before=CASES[case])
