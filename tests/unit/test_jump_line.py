"""What a line of the ``:`` command line opens and what Tab offers (`engtui.api.jump`):
plain functions over the registries, no screen."""

from __future__ import annotations

import pytest

from engtui.api.identifiers import InvalidInput
from engtui.api.jump import common_prefix, completions, resolve

RECENT = {"engagement": ["eng-a1b2c3d4e5f6g7", "eng-p4r0s5p3c7r3s1"]}


@pytest.mark.parametrize(("line", "opens"), [
    ("inv", "the invitations list"),
    (":inv", "the invitations list"),
    ("  OPP  ", "the opportunities list"),
    ("eng", "the engagements list"),
    ("groups", "the engagement groups list"),
    ("opp O6100001", "opportunity O6100001"),
    ("opp   O6100001  ", "opportunity O6100001"),
    ("eng eng-a1b2c3d4e5f6g7", "engagement eng-a1b2c3d4e5f6g7"),
    ("invitations engi-p3nd1ngaws001", "invitation engi-p3nd1ngaws001"),
    ("aws O6100001", "AWS summary O6100001"),
    ("cust", "the customer accounts list"),  # a kind's alias alone: the list of its records
    ("accounts", "the customer accounts list"),
    ("eng-a1b2c3d4e5f6g7", "engagement eng-a1b2c3d4e5f6g7"),
    ("O6100001", "opportunity O6100001"),
])
def test_what_a_line_opens(line, opens) -> None:
    assert resolve(line).describe() == opens


@pytest.mark.parametrize(("line", "said"), [
    ("", "Type a list or a kind (inv, opp, eng …) or an id; Tab completes."),
    ("nope", "“nope” is not a list, a kind or an id engtui knows; Tab lists them."),
    ("nope O6100001", "“nope” is not a list or a kind; Tab lists them."),
    ("eng O6100001", "“O6100001” is an opportunity id, not an engagement id."),
    ("groups eng-a1b2c3d4e5f6g7", "groups takes no id: “groups” alone opens the engagement "
                                  "groups list."),
    ("aws", "aws needs an AWS summary id after it (O and digits): engtui has no list of "
            "them."),
])
def test_what_is_wrong_is_said_in_one_line(line, said) -> None:
    with pytest.raises(InvalidInput) as refused:
        resolve(line)
    assert str(refused.value) == said
    assert "\n" not in str(refused.value)


def test_a_malformed_id_is_refused_with_the_kinds_reason() -> None:
    with pytest.raises(InvalidInput, match="eng-xyz"):
        resolve("eng-xyz")
    with pytest.raises(InvalidInput, match="eng-xyz"):
        resolve("eng eng-xyz")


def test_typed_text_in_a_refusal_is_made_printable_and_cut() -> None:
    with pytest.raises(InvalidInput) as refused:
        resolve("\x1b[31mred" + "x" * 500)
    message = str(refused.value)
    assert "\x1b" not in message and len(message) < 200


def test_the_first_word_completes_from_the_registries_shortest_first() -> None:
    found = completions("en", RECENT)
    assert found.first_word and found.start == 0 and found.token == "en"
    assert found.candidates[:4] == ("eng", "engs", "engagement", "engagements")
    assert completions(":inv", {}).start == 1


def test_the_id_completes_from_the_recent_ids_of_the_kind_named() -> None:
    found = completions("eng eng-p", RECENT)
    assert not found.first_word and found.start == 4
    assert found.candidates == ("eng-p4r0s5p3c7r3s1",)
    assert completions("engagements ", RECENT).candidates == tuple(RECENT["engagement"])
    assert completions("opp ", RECENT).candidates == ()  # no recent opportunities
    assert completions("opp ", RECENT).hint == "an opportunity id (O…)"
    assert completions("eng-a", RECENT).candidates == ("eng-a1b2c3d4e5f6g7",)  # a bare id


def test_common_prefix() -> None:
    assert common_prefix(["engagement", "engagements"]) == "engagement"
    assert common_prefix(["opp", "opps", "opportunity"]) == "opp"
    assert common_prefix([]) == ""
