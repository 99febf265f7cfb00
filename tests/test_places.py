"""States named by postal code: a place only where the words around the code make it one."""

from __future__ import annotations

import pytest

from bot.understanding.places import might_name_a_code, states_by_code


@pytest.fixture(scope="module")
def codes(kb) -> dict[str, str]:
    return kb.state_codes()


def test_every_state_and_dc_has_its_code_in_the_knowledge_base(codes):
    assert len(codes) == 51 and all(len(code) == 2 and code.isupper() for code in codes)


@pytest.mark.parametrize(
    "text, code",
    [
        ("what about in PA specifically", "PA"),
        ("here in pa", "PA"),  # lower case, where the code is no word
        ("and here in va?", "VA"),
        ("i moved from OH last year", "OH"),
        ("can i work in OR?", "OR"),  # a word, but written in capitals
    ],
)
def test_a_code_after_a_word_of_place_is_that_state(codes, text, code):
    assert [p.name for p in states_by_code(text, codes)] == [codes[code]]


@pytest.mark.parametrize(
    "text",
    [
        "I want to be a PA",  # a physician assistant
        "is PA school worth it",
        "I am interested in PA",  # the field, not the state
        "worked 3 yrs in MA",  # medical assisting far more often than Massachusetts
        "moving to LA",  # Los Angeles, not Louisiana
        "in or out, i need to know",
        "can you help me in ok time",
        "how much for PAs in texas",
    ],
)
def test_a_code_is_no_place_where_it_is_a_role_or_a_word(codes, text):
    assert states_by_code(text, codes) == []


def test_the_found_code_keeps_its_place_in_the_message(codes):
    text = "what about in PA?"
    (found,) = states_by_code(text, codes)
    assert text[found.start : found.end] == "PA"


def test_only_a_two_letter_word_after_a_word_of_place_is_worth_a_look_up():
    assert might_name_a_code("what about in PA?") and might_name_a_code("moving to la")
    assert not might_name_a_code("do I need the USMLE?") and not might_name_a_code("I am a PA")
