"""States named by postal code: a place only where the words around the code make it one."""

from __future__ import annotations

import pytest

from bot.understanding.places import might_name_a_code, states_by_code, where_they_go


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
        ("starting a new job in cherry hill NJ in the fall", "NJ"),  # a city between, in capitals
        ("we live in Austin, TX now", "TX"),
        ("moving to mt next year", "MT"),  # lower case, no city's name after it
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
        "in or out, i need to know",
        "can you help me in ok time",
        "how much for PAs in texas",
        "i work in a clinic as an ma",  # a city's place, but the code in lower case
        "i was in school MA program",
        "works at a family doctor in Mt. Lebanon, no school",  # Mount, in a city's name
        "we live in St Louis now",
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


@pytest.mark.parametrize(
    "text, named, left",
    [
        ("moving from tx to spokane. do i need something to work in washington??", ("tx", "spokane"), {"texas"}),
        ("my job in philly, then a new job in cherry hill NJ. a problem?", ("philly", "NJ"), {"pennsylvania"}),
        ("we are moving to florida from ohio", ("florida", "ohio"), {"ohio"}),
        # the question asks about one state, whatever the move: New York, not Arizona
        ("moving from buffalo to phoenix next yr. first, can MAs give shots in NY?", ("phoenix", "NY"), {"arizona"}),
    ],
)
def test_a_move_leaves_the_state_it_comes_from_behind(text, named, left):
    states = {
        "tx": "texas",
        "spokane": "washington",
        "philly": "pennsylvania",
        "NJ": "new_jersey",
        "phoenix": "arizona",
        "NY": "new_york",
    }
    places = [(text.index(name), states.get(name, name)) for name in named]
    assert where_they_go(text, places) == left


@pytest.mark.parametrize(
    "text, named",
    [
        ("whats the pay like in ca compared to az", ("ca", "az")),  # no move: both asked
        ("we might move, is it different in ohio and in texas", ("ohio", "texas")),
        ("i moved to texas", ("texas",)),
    ],
)
def test_without_a_move_between_two_states_both_stay(text, named):
    assert where_they_go(text, [(text.index(name), name) for name in named]) == set()


@pytest.mark.parametrize(
    "text, city",
    [
        ("moving to LA", "Los Angeles"),  # Los Angeles, not Louisiana
        ("n in la", "Los Angeles"),  # after California's pay: the city, asked on its own
        ("sf??", "San Francisco"),
        ("and SF?", "San Francisco"),
        ("sf pay?", "San Francisco"),  # after MA pay: the city's pay
        ("LA only?", "Los Angeles"),  # after California's pay: the city's alone
        ("just sf?", "San Francisco"),
    ],
)
def test_a_city_s_two_letters_name_the_city(codes, text, city):
    assert [p.name for p in states_by_code(text, codes)] == [city]


@pytest.mark.parametrize(
    "text", ["i live in la casa de mi tia", "la escuela es cara", "what about sf programs", "la only casa"]
)
def test_la_and_sf_inside_a_sentence_are_no_city(codes, text):
    assert states_by_code(text, codes) == []
