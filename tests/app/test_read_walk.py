"""The issue's walk at 80x24, from the tasks list, as the keys a user presses: a failed
accept-invitation task (F7) → its invitation → its engagement → an opportunity of it → its
funding → a benefit application → back with Esc to the task, the cursor where it was. At
each step the record on screen is the one the previous screen linked to."""

from __future__ import annotations

from reliability_support import screen_text
from support import make_app, settle

from engtui.screens.record import RecordScreen
from engtui.screens.record_list import ListScreen

# F7, then the keys of the walk (docs/browsing.md repeats them)
WALK = ("down", "down", "enter", "o", "enter", "3", "enter", "5", "enter")


def record_on_screen(app) -> RecordScreen:
    screen = app.screen
    assert isinstance(screen, RecordScreen)
    return screen


async def test_the_walk_from_a_failed_accept_task_to_a_benefit_application_and_back(
        demo_server) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("f7")
        await settle(app, pilot)
        tasks = app.screen
        assert isinstance(tasks, ListScreen) and tasks.spec.name == "tasks"
        while tasks.fetching:
            await settle(app, pilot)
        await pilot.press(*WALK[:2])  # the third row: the newest failed accept
        task = tasks.table.selected
        assert (task.type, task.status) == ("accept-invitation", "FAILED")
        assert "! FAILED    accept       RequestThrottled" in screen_text(app)
        ((kind, invitation_id),) = task.names
        assert kind == "invitation"

        await pilot.press("enter")  # its invitation
        await settle(app, pilot)
        invitation = record_on_screen(app)
        assert invitation.record.id == invitation_id == "engi-p3nd1ngaws001"
        assert "Tasks > engi-p3nd1ngaws001" in screen_text(app)

        await pilot.press("o", "enter")  # its engagement (the only link)
        await settle(app, pilot)
        engagement = record_on_screen(app)
        assert engagement.record.id == invitation.record.data["EngagementId"]

        await pilot.press("3")  # Opportunities
        await settle(app, pilot)
        (first, *_) = engagement.record.related["opportunities"]
        await pilot.press("enter")
        await settle(app, pilot)
        opportunity = record_on_screen(app)
        assert opportunity.record.id == first["ResourceId"] == "O6100001"

        await pilot.press("5")  # Funding: the applications tied to the opportunity's ARN
        await settle(app, pilot)
        (application_item, *_) = opportunity.record.related["funding"]
        text = screen_text(app)
        assert "APPROVED" in text
        # the names tell the applications apart at 80 columns
        assert "Vision QA POC cre" in text and "Vision QA POC cash" in text
        await pilot.press("enter")
        await settle(app, pilot)
        application = record_on_screen(app)
        assert application.record.id == application_item["Id"] == "benappl-vqapilot000001"
        assert opportunity.record.data["Arn"] in application.record.data["AssociatedResources"]

        for expected in (opportunity, engagement, invitation):
            await pilot.press("escape")
            await settle(app, pilot)
            assert app.screen is expected
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is tasks and tasks.table.selected == task  # where the walk began
