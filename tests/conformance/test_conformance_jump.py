"""Every kind of `KINDS` and every list of `LISTS` is reachable from the ``:`` command line
by its name and by each alias declared beside it (`RecordKind.aliases`,
`ListKind.aliases`), and no two of them share a word: a kind or list added to the
registries is checked here the day it is declared, with nothing written for it in the UI.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from support import make_app, settle

from engtui.api.identifiers import InvalidInput
from engtui.api.jump import declared_words, kind_of, list_of, resolve, target_of, words
from engtui.api.kinds import KINDS, LISTS
from engtui.demo.examples import EXAMPLES
from engtui.screens.jump import JumpPrompt
from engtui.screens.record import RecordScreen
from engtui.screens.record_list import ListScreen

KIND_WORDS = [(kind.name, word) for kind in KINDS.values() for word in (kind.name, *kind.aliases)]
LIST_WORDS = [(spec.name, word) for spec in LISTS.values() for word in (spec.name, *spec.aliases)]


def test_no_two_kinds_or_lists_share_a_word() -> None:
    counts = Counter(word.lower() for word, _ in declared_words())
    assert [word for word, n in counts.items() if n > 1] == []


@pytest.mark.parametrize("word", sorted(words()))
def test_every_word_is_one_lowercase_word(word) -> None:
    """A word is typed after ``:`` and followed by a space and an id: no space in it, and no
    form an id takes (``eng-…``, ``O…``), or a bare id would never reach the lookup."""
    assert re.fullmatch(r"[a-z][a-z_]*", word), word
    assert not any(kind.recognises(word) for kind in KINDS.values()), word


@pytest.mark.parametrize(("list_name", "word"), LIST_WORDS)
def test_every_list_opens_by_its_name_and_each_alias(list_name, word) -> None:
    assert target_of(word) is LISTS[list_name]
    assert resolve(word).list_name == list_name
    assert resolve(f":{word.upper()}").list_name == list_name  # any case, the colon typed too


@pytest.mark.parametrize(("kind_name", "word"), KIND_WORDS)
def test_every_kind_opens_by_its_name_and_each_alias_with_an_id(kind_name, word) -> None:
    kind = KINDS[kind_name]
    assert target_of(word) is kind
    for example in EXAMPLES[kind_name]:
        ref = resolve(f"{word} {example}").ref
        assert ref is not None and ref.kind is kind
        assert ref.record_id == kind.parse(example).record_id
    spec = list_of(kind)
    if spec is not None:  # alone: the list of its records
        assert resolve(word).list_name == spec.name
    else:  # alone, with no list to open: says what to add
        with pytest.raises(InvalidInput, match=r"needs an? .* id after it"):
            resolve(word)


@pytest.mark.parametrize("list_name", sorted(name for name, spec in LISTS.items()
                                             if kind_of(spec) is not None))
def test_a_list_word_with_an_id_opens_a_record_of_the_kind_it_lists(list_name) -> None:
    spec = LISTS[list_name]
    example = EXAMPLES[spec.opens][0]
    ref = resolve(f"{spec.name} {example}").ref
    assert ref is not None and ref.kind is KINDS[spec.opens]


@pytest.mark.parametrize("list_name", sorted(LISTS))
async def test_every_list_opens_from_the_command_line(demo_server, list_name) -> None:
    app = make_app(demo_server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("colon", *list_name, "enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ListScreen) and screen.spec is LISTS[list_name]
        assert not screen.options.crumb  # the list itself, as its key opens it


@pytest.mark.parametrize("kind_name", sorted(KINDS))
async def test_every_kind_opens_from_the_command_line(demo_server, kind_name) -> None:
    kind = KINDS[kind_name]
    example = EXAMPLES[kind_name][0]
    app = make_app(demo_server.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("colon")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, JumpPrompt)
        prompt.input.value = f"{kind_name} {example}"  # a snapshot's ARN is long to type
        await pilot.pause()
        await pilot.press("enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, RecordScreen), getattr(screen, "said", screen)
        assert screen.kind is kind and screen.record.id == kind.parse(example).record_id
