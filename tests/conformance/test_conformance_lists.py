"""Every list declared in `LISTS` is reachable the ways a user reaches one, with nothing
written for it outside its declaration: its key on the lookup screen (in the key bar and
the help), its command in the palette, ``engtui list NAME`` with the flags it declares, and
the keys of its own screen (one per switch).

A list added to `LISTS` is checked here the day it is declared; a key, command or flag
that stops being made from the declaration fails here.
"""

from __future__ import annotations

from collections import Counter

import pytest
from support import make_app, settle
from test_cli import run_cli
from test_engagement_extras import run_palette

from engtui.api.kinds import LIST_COMMANDS, LISTS
from engtui.screens.help import HelpScreen, key_name
from engtui.screens.list_keys import list_bindings
from engtui.screens.lookup import LookupScreen
from engtui.screens.record_list import ListScreen
from engtui.widgets.key_bar import KeyBar


def on_list(app, list_name: str) -> bool:
    screen = app.screen
    return isinstance(screen, ListScreen) and screen.spec is LISTS[list_name]


# A list of one record's rows (a bulk job's) has no key: it is opened from that record's
# row (`ListKind.opens_list`), and by ``engtui list NAME`` with the record's id.
OPENED_FROM_A_ROW = {"bulk_job_results": "bulk_jobs"}


@pytest.mark.parametrize("list_name", sorted(LISTS))
async def test_every_list_opens_from_its_key_and_its_palette_command(demo_server,
                                                                     list_name) -> None:
    spec = LISTS[list_name]
    if list_name in OPENED_FROM_A_ROW:
        assert spec.key is None and LISTS[OPENED_FROM_A_ROW[list_name]].opens_list is not None
        return
    assert spec.key is not None, f"the {list_name} list declares no key (ListKind.key)"
    app = make_app(demo_server.url)
    async with app.run_test(size=(160, 30)) as pilot:  # wide: every key in the key bar
        await pilot.pause()
        lookup = app.screen
        assert isinstance(lookup, LookupScreen)
        bar = lookup.query_one(KeyBar)
        assert (spec.key.key, spec.key.label) in [(k.key, k.description) for k in bar.active_keys()]
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = {row.description: row for row in app.screen.rows}
        assert rows[spec.key.label].keys == key_name(spec.key.key)
        assert rows[spec.key.label].tooltip == spec.key.help
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press(spec.key.key)
        await settle(app, pilot)
        assert on_list(app, list_name), f"{spec.key.key} did not open {list_name}"
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is lookup

        await run_palette(app, pilot, spec.key.palette)
        assert on_list(app, list_name), f"the palette's {spec.key.palette!r} did not"


@pytest.mark.parametrize("list_name", sorted(LISTS))
def test_every_list_is_a_cli_list_with_its_flags(capsys, list_name) -> None:
    spec = LISTS[list_name]
    assert LIST_COMMANDS[spec.command] is spec
    code, out, _ = run_cli(capsys, "list", spec.command, "--help")
    assert code == 0
    assert spec.command in out
    for flag in spec.cli_flags:
        assert f"{flag.flag} " in out or out.rstrip().endswith(flag.flag), flag.flag
        for choice in flag.choices():  # the model's values, in the help
            assert choice in " ".join(out.split()), (flag.flag, choice)


def test_a_flag_several_lists_declare_means_one_thing() -> None:
    """``--ascending`` is one option of ``engtui list``: every list that declares it gives
    it the same form (a switch, repeated or not, the same values)."""
    by_flag: dict[str, set[tuple]] = {}
    for spec in LISTS.values():
        for flag in spec.cli_flags:  # the values may differ: each list's own model enum
            by_flag.setdefault(flag.flag, set()).add(
                (flag.switch, flag.repeat, flag.metavar, flag.enum is None))
    assert {flag: forms for flag, forms in by_flag.items() if len(forms) > 1} == {}


def test_no_two_lists_share_a_key_or_a_name() -> None:
    from engtui.app import EngtuiApp

    lookup_keys = [b.key for b in LookupScreen.BINDINGS]  # the lists' and the screen's own
    assert [key for key, n in Counter(lookup_keys).items() if n > 1] == []
    app_keys = {key for b in EngtuiApp.BINDINGS for key in b.key.split(",")}
    assert [spec.key.key for spec in LISTS.values() if spec.key and spec.key.key in app_keys] == []
    assert len({spec.command for spec in LISTS.values()}) == len(LISTS)
    assert len({spec.key.palette for spec in LISTS.values() if spec.key}) == len(
        [spec for spec in LISTS.values() if spec.key])


@pytest.mark.parametrize("list_name", sorted(LISTS))
def test_every_key_of_a_list_screen_is_its_own(list_name) -> None:
    """A switch's key never takes a key the list screen already has (``s``, ``r``, ``/``)."""
    keys = [binding.key for binding in list_bindings(LISTS[list_name])]
    assert [key for key, n in Counter(keys).items() if n > 1] == []
