"""What the co-sell screens look like at 100x30 and 80x24: the invitations inbox, an
invitation, an opportunity, its AWS summary, a resource snapshot, the links dialog and the
raw JSON view (bundled demo data, fixed clock). Update with ``--snapshot-update`` after an
intended change and look at the SVGs first."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from test_snapshots import SIZES, demo_app, settle
from textual.pilot import Pilot

SNAPSHOT_ARN = ("arn:aws:partnercentral:us-east-1:111122223333:catalog/Sandbox/engagement/"
                "eng-p4r0s5p3c7r3s1/resource-snapshot/O6100001/OpportunitySummary/3")


def keys(*steps: str | tuple[str, ...]) -> Callable[[Pilot], Awaitable[None]]:
    """Type each step (a string is typed letter by letter and then Enter; a tuple is keys)
    and wait for the workers after each."""
    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        for step in steps:
            await pilot.press(*step) if isinstance(step, tuple) else await pilot.press(
                *step, "enter")
            await settle(pilot)

    return run_before


CASES = {
    "inbox": keys(("f3",)),
    "invitation": keys("engi-p3nd1ngaws001"),
    "opportunity": keys("O6100001"),
    "aws_summary": keys("O6100001", ("o", "enter")),
    "snapshot": keys(SNAPSHOT_ARN),
    "links_dialog": keys(SNAPSHOT_ARN, ("o",)),
    "raw_json": keys("engi-p3nd1ngaws001", ("v",)),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("case", list(CASES))
def test_cosell_screen(snap_compare, demo_server, case, size) -> None:
    assert snap_compare(demo_app(demo_server), terminal_size=size, run_before=CASES[case])
