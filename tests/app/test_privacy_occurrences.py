"""Issue 19, section 3: privacy mode is safe for screen sharing. No customer company name of
the record reaches the screen while it is on (the header's title and description, the tree,
the detail pane, every related pane, the raw JSON view, the recent list), and free text
stays readable: only the name inside it is masked."""

from __future__ import annotations

import pytest
from reliability_support import look_up, screen_text
from support import make_app, settle

from engtui.screens.raw_json import RawJsonScreen
from engtui.screens.record import RecordScreen

DEMO_ID = "eng-a1b2c3d4e5f6g7"  # customer "Northwind Analytics Inc." and three Northwind leads
SECRET_WORDS = ("northwind", "priya", "raman")


def leaks(text: str) -> list[str]:
    return [word for word in SECRET_WORDS if word in text.lower()]


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
async def test_privacy_mode_masks_the_customer_names_everywhere_on_screen(
        demo_server, size: tuple[int, int]) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=size) as pilot:
        await pilot.press("f9")
        await look_up(app, pilot, DEMO_ID)
        assert isinstance(app.screen, RecordScreen)
        shots = [screen_text(app)]
        assert "lakehouse rollout" in shots[0]  # the title's other words stay readable
        await pilot.press("e")  # every branch of the tree open, then page through it
        for _ in range(12):
            shots.append(screen_text(app))
            await pilot.press("pagedown")
        for pane in "2345":
            await pilot.press(pane)
            await settle(app, pilot)
            shots.append(screen_text(app))
        await pilot.press("1", "v")
        await settle(app, pilot)
        assert isinstance(app.screen, RawJsonScreen)
        for _ in range(20):
            shots.append(screen_text(app))
            await pilot.press("pagedown")
        assert any("•••••• lakehouse rollout" in shot for shot in shots)
        await pilot.press("escape", "escape")
        await settle(app, pilot)
        shots.append(screen_text(app))  # the lookup screen's recent list
        assert DEMO_ID in shots[-1]
        for shot in shots:
            assert not leaks(shot), shot
