"""Two states or credentials in one question get each one's own answer (bot/answers/each.py)."""

from __future__ import annotations

from bot.answers.each import answer_each, one_each
from bot.answers.reply import reply_for


def test_two_states_are_answered_one_by_one_in_the_order_named(kb):
    groups = one_each("ask_salary", [("us_state", "Pennsylvania"), ("us_state", "Ohio"), ("credential", "CMA")])
    assert groups == [
        [("us_state", "Pennsylvania"), ("credential", "CMA")],
        [("us_state", "Ohio"), ("credential", "CMA")],
    ]
    each = answer_each(kb, groups, lambda entities: reply_for(kb, "ask_salary", entities))
    assert each is not None
    assert [reply.text for _, reply in each] == [
        reply_for(kb, "ask_salary", [("us_state", state)]).text for state in ("Pennsylvania", "Ohio")
    ]


def test_answers_that_weigh_the_named_things_together_are_not_split():
    both = [("credential", "CCMA"), ("credential", "NCMA")]
    assert one_each("ask_which_credential", both) == [both]
    assert one_each("ask_eligibility", both) == [both]
    assert one_each("ask_salary", [("us_state", "Ohio")]) == [[("us_state", "Ohio")]]


def test_a_state_without_figures_gets_the_answer_that_says_so_beside_the_other_s_figures(kb):
    groups = one_each("ask_salary", [("us_state", "Ohio"), ("us_state", "Idaho")])  # no figures for Idaho
    each = answer_each(kb, groups, lambda entities: reply_for(kb, "ask_salary", entities))
    assert each is not None
    ohio, idaho = (reply for _, reply in each)
    assert ohio.variant == kb.resolve("Ohio").key
    assert idaho.variant == "us_state" and "Idaho" in idaho.text


def test_without_an_answer_of_its_own_for_any_the_general_answer_serves_them_all(kb):
    groups = one_each("ask_salary", [("us_state", "Idaho"), ("us_state", "Utah")])
    assert all(reply_for(kb, "ask_salary", g).variant == "us_state" for g in groups)
    assert answer_each(kb, groups, lambda entities: reply_for(kb, "ask_salary", entities)) is None


def test_a_credential_answer_that_does_not_open_with_its_name_is_led_by_it(kb):
    groups = one_each("ask_renewal", [("credential", "RMA"), ("credential", "CCMA")])
    each = answer_each(kb, groups, lambda entities: reply_for(kb, "ask_renewal", entities))
    assert each is not None
    for (lead, reply), name in zip(each, ("RMA", "CCMA"), strict=True):
        display = kb.resolve(name).display
        assert display in (lead + reply.text)[:80]


def test_other_roles_named_for_pay_are_answered_one_by_one_without_the_medical_assistant(kb):
    named = [("role", "MA"), ("role", "dental assistant"), ("role", "pharm tech")]
    groups = one_each("ask_salary", named, lambda role: role == "MA")
    assert groups == [[("role", "dental assistant")], [("role", "pharm tech")]]
    each = answer_each(kb, groups, lambda entities: reply_for(kb, "ask_salary", entities))
    assert each is not None
    assert [reply.variant for _, reply in each] == [kb.resolve("dental assistant").key, kb.resolve("pharm tech").key]


def test_pay_in_a_place_beside_another_role_is_the_place_s_figures_then_the_role_s(kb):
    named = [("us_state", "Ohio"), ("role", "MA"), ("role", "CNA")]
    groups = one_each("ask_salary", named, lambda role: role == "MA")
    assert groups == [[("us_state", "Ohio")], [("role", "CNA")]]
    each = answer_each(kb, groups, lambda entities: reply_for(kb, "ask_salary", entities))
    assert each is not None
    assert [reply.variant for _, reply in each] == [kb.resolve("Ohio").key, kb.resolve("CNA").key]
    assert one_each("ask_state_rules", named, lambda role: role == "MA") == [named]


def test_a_state_and_one_of_its_cities_are_one_place_answered_once(kb):
    """ "is arizona one of them states... i graduated up in flagstaff": Arizona's rules once, not twice."""
    groups = one_each("ask_state_rules", [("us_state", "arizona"), ("us_state", "flagstaff")])
    assert len(groups) == 2 and kb.resolve("flagstaff").key == kb.resolve("arizona").key
    assert answer_each(kb, groups, lambda entities: reply_for(kb, "ask_state_rules", entities)) is None
    one = reply_for(kb, "ask_state_rules", [("us_state", "arizona"), ("us_state", "flagstaff")])
    assert one.variant == kb.resolve("arizona").key
