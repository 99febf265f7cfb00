"""Cancel, start over, skip, yes and questions at every question of every form, run through
the forms' validation actions with rasa-sdk's Tracker and the real domain (no servers).

Rasa's form loop reads the events a validation action returns: `requested_slot` set to
None ends the form (its done-rule runs the form's action next), a slot set to a value
answers the question, and nothing but `requested_slot` means "not an answer" (the form
is rejected and the message handled as a question).
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import ActionExecutor, CollectingDispatcher

from actions import handoff, roadmap, services
from actions.form_control import FORM_CANCELLED
from bot.answers.reply import reply_for
from bot.roadmap import profile_reading as read
from bot.roadmap.turns import Said
from bot.settings import PROJECT_ROOT

DOMAIN: dict[str, Any] = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text())
FORMS = {name: form["required_slots"] for name, form in DOMAIN["forms"].items()}
#: What each form has been told before the question at hand; the question's own slot is left empty.
KNOWN = {
    "background": "img",
    "credential_goal": "cma",
    "state": "texas",
    "career_goal": "residency",
    "education": "none",
    "work_years": 0.0,
    "program_type": "certificate",
    "start_date": "2027-03-01",
    "handoff_name": "Ana Souza",
    "handoff_contact": "ana@example.com",
}
QUESTIONS = [(form, slot) for form, slots in FORMS.items() for slot in slots]
CANCELS = ["cancel", "actually never mind, cancel that", "nevermind", "forget it", "stop", "quit", "no thanks"]
CANCELS += ["cancelar", "olvídalo"]


@pytest.fixture(scope="module")
def executor() -> ActionExecutor:
    registry = ActionExecutor()
    registry.register_package("actions")
    return registry


def waiting_at(form: str, slot: str, text: str, **slots: Any) -> Tracker:
    """The tracker a form's validation action gets when the person answers `slot`'s question with `text`."""
    values = {s: KNOWN.get(s) for s in FORMS[form] if s != slot}
    values |= {"requested_slot": slot, **slots}
    latest = {"intent": {"name": "nlu_fallback", "confidence": 0.3}, "entities": [], "text": text}
    return Tracker("someone", values, latest, [], False, None, {"name": form}, "action_listen")


def validate(executor: ActionExecutor, form: str, on: Tracker) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Run `form`'s validation action: the slots it sets (in order) and what it says."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(executor.actions[f"validate_{form}"](dispatcher, on, DOMAIN))
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}, dispatcher.messages


def responses(messages: list[dict[str, Any]]) -> list[str]:
    return [m["response"] for m in messages]


@pytest.mark.parametrize("form, slot", QUESTIONS)
@pytest.mark.parametrize("said", CANCELS)
def test_cancel_ends_every_form_at_every_question(executor, form, slot, said):
    slots, messages = validate(executor, form, waiting_at(form, slot, said))
    assert slots == {FORM_CANCELLED: True, "requested_slot": None} and messages == []


@pytest.mark.parametrize("form, slot", QUESTIONS)
def test_start_over_clears_the_form_and_asks_its_first_question(executor, form, slot):
    slots, messages = validate(executor, form, waiting_at(form, slot, "let's start over"))
    assert slots == {**dict.fromkeys(FORMS[form]), "requested_slot": FORMS[form][0]}
    assert responses(messages) == ["utter_form_restarted"]


@pytest.mark.parametrize("form, slot", QUESTIONS)
@pytest.mark.parametrize("said", ["where am i", "how many more questions?"])
def test_where_am_i_at_a_question_says_how_many_are_left_and_asks_it_again(executor, form, slot, said):
    """No plan exists yet to show a place in: the questions left (this one counted), then this one again."""
    slots, messages = validate(executor, form, waiting_at(form, slot, said, **dict.fromkeys(FORMS[form])))
    assert slots == {"requested_slot": slot}
    assert [(m["response"], m["left"]) for m in messages] == [(f"utter_{form}_where", len(FORMS[form]))]
    slots, messages = validate(executor, form, waiting_at(form, slot, said))  # the others answered (but a confirmation)
    unanswered = [s for s in FORMS[form] if s != slot and KNOWN.get(s) is None]
    assert [m["left"] for m in messages] == [1 + len(unanswered)]


@pytest.mark.parametrize("form, slot", QUESTIONS)
@pytest.mark.parametrize("said", ["back", "go back", "previous question"])
def test_back_at_a_question_asks_the_one_before_it_again(executor, form, slot, said):
    """Not a move in a plan that does not exist yet: the question answered before this one, its answer cleared."""
    slots, messages = validate(executor, form, waiting_at(form, slot, said))
    again = slots["requested_slot"]
    if slot == FORMS[form][0]:
        assert slots == {slot: None, "requested_slot": slot} and responses(messages) == ["utter_form_first"]
    else:
        assert again in FORMS[form][: FORMS[form].index(slot)] and slots[again] is None and slots[slot] is None
        assert messages == []


def test_back_at_the_contact_question_asks_the_name_again(executor):
    slots, _ = validate(executor, "handoff_form", waiting_at("handoff_form", "handoff_contact", "go back"))
    assert slots == {"handoff_contact": None, "handoff_name": None, "requested_slot": "handoff_name"}


@pytest.mark.parametrize("form, slot", QUESTIONS)
@pytest.mark.parametrize("said", ["repeat", "say that again", "what was the question?"])
def test_repeat_at_a_question_asks_it_again(executor, form, slot, said):
    slots, messages = validate(executor, form, waiting_at(form, slot, said))
    assert slots == {slot: None, "requested_slot": slot} and messages == []


@pytest.mark.parametrize("form, slot", [(f, s) for f, s in QUESTIONS if s not in read.OPTIONAL_QUESTIONS])
@pytest.mark.parametrize("said", ["next", "skip"])
def test_skipping_a_needed_question_says_so_and_asks_it_again(executor, form, slot, said):
    slots, messages = validate(executor, form, waiting_at(form, slot, said))
    assert slots == {slot: None, "requested_slot": slot}
    assert responses(messages) == ["utter_form_needed"]


@pytest.mark.parametrize("form, slot", [(f, s) for f, s in QUESTIONS if s in read.OPTIONAL_QUESTIONS])
@pytest.mark.parametrize("said", ["next", "skip", "Skip this one"])
def test_skipping_an_optional_question_answers_it_and_moves_on(executor, form, slot, said):
    slots, messages = validate(executor, form, waiting_at(form, slot, said))
    skipped = read.RECOMMEND if slot == "credential_goal" else read.SKIP  # "recommend one" is no choice
    assert slots[slot] == skipped and messages == []


def test_after_a_skipped_state_only_an_img_is_asked_about_residency(executor):
    img, _ = validate(executor, "roadmap_form", waiting_at("roadmap_form", "state", "next", career_goal=None))
    assert img == {"state": read.SKIP}  # Rasa asks the next empty slot of the domain's list: career_goal
    other = waiting_at("roadmap_form", "state", "next", background="hs_graduate", career_goal=None)
    assert validate(executor, "roadmap_form", other)[0]["requested_slot"] is None  # done: the plan comes next


@pytest.mark.parametrize("said", ["si", "sí", "yep", "yeah", "ya", "ok", "okay", "sure", "correct", "right", "claro"])
def test_yes_words_confirm_the_handoff(executor, said):
    slots, _ = validate(executor, "handoff_form", waiting_at("handoff_form", "handoff_confirm", said))
    assert slots["handoff_confirm"] == "yes"


@pytest.mark.parametrize("said", ["nope", "nah"])
def test_no_words_decline_the_handoff(executor, said):
    slots, _ = validate(executor, "handoff_form", waiting_at("handoff_form", "handoff_confirm", said))
    assert slots["handoff_confirm"] == "no" and slots["requested_slot"] is None


@pytest.mark.parametrize("name", ["Si Chen", "Stopford"])
def test_names_that_look_like_yes_or_stop_are_names(executor, name):
    slots, messages = validate(executor, "handoff_form", waiting_at("handoff_form", "handoff_name", name))
    assert slots["handoff_name"] == name and messages == []


@pytest.mark.parametrize("said", ["ok", "yes"])
def test_a_bare_ok_is_not_a_name(executor, said):
    slots, messages = validate(executor, "handoff_form", waiting_at("handoff_form", "handoff_name", said))
    assert slots["handoff_name"] is None and responses(messages) == ["utter_handoff_bad_name"]


def test_nextel_is_not_a_contact_nor_a_skip(executor):
    slots, messages = validate(executor, "handoff_form", waiting_at("handoff_form", "handoff_contact", "Nextel"))
    assert slots["handoff_contact"] is None and responses(messages) == ["utter_handoff_bad_contact"]


@pytest.mark.parametrize(
    "form, slot, question",
    [
        ("handoff_form", "handoff_name", "is the externship paid"),
        ("roadmap_form", "background", "what does a doctor need to become an MA?"),
        ("roadmap_form", "credential_goal", "is the CMA harder than the RMA?"),
        ("roadmap_form", "state", "do MAs need a license in Texas?"),
        ("roadmap_form", "career_goal", "is it a good stepping stone to residency?"),
        ("eligibility_form", "education", "is an accredited program required?"),
        ("eligibility_form", "work_years", "does 2 years count?"),
        ("timeline_form", "program_type", "how long is a certificate program?"),
        ("timeline_form", "start_date", "when do programs start, in March?"),
    ],
)
def test_a_question_answers_nothing_so_the_form_lets_it_be_answered(executor, form, slot, question):
    slots, messages = validate(executor, form, waiting_at(form, slot, question))
    assert set(slots) <= {"requested_slot"} and messages == []


def test_a_bare_yes_to_the_program_question_asks_which_program(executor):
    slots, messages = validate(executor, "eligibility_form", waiting_at("eligibility_form", "education", "si"))
    assert slots == {"education": None} and responses(messages) == ["utter_education_which_program"]
    nah, _ = validate(executor, "eligibility_form", waiting_at("eligibility_form", "education", "nah"))
    assert nah["education"] == "none"


def test_a_command_outside_the_form_s_questions_is_left_alone(executor):
    """On activation no question of this form is waiting: the form reads nothing as a command."""
    slots, _ = validate(executor, "roadmap_form", waiting_at("roadmap_form", "handoff_name", "cancel"))
    assert FORM_CANCELLED not in slots


def run(executor: ActionExecutor, name: str, on: Tracker) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    return executor.actions[name](dispatcher, on, DOMAIN), dispatcher.messages


def ended(**slots: Any) -> Tracker:
    latest = {"intent": {"name": "nlu_fallback"}, "entities": [], "text": "never mind"}
    return Tracker("someone", {**KNOWN, **slots}, latest, [], False, None, {}, "roadmap_form")


@pytest.mark.parametrize("name", sorted(roadmap.AFTER_FORM))
def test_a_cancelled_roadmap_form_takes_no_turn_and_says_so(executor, monkeypatch, name):
    def no_turns():
        raise AssertionError("a cancelled form must not take its turn")

    monkeypatch.setattr(services, "turns", no_turns)
    events, messages = run(executor, name, ended(form_cancelled=True))
    assert responses(messages) == ["utter_form_cancelled"]
    assert events == [{"event": "slot", "timestamp": None, "name": FORM_CANCELLED, "value": None}]


def test_an_answered_roadmap_form_still_takes_its_turn(executor, monkeypatch):
    monkeypatch.setattr(services, "turns", lambda: type("T", (), {"start": lambda *_: [Said("step 1")]})())
    events, messages = run(executor, "action_roadmap_start", ended())
    assert events == [] and [m["text"] for m in messages] == ["step 1"]


def test_every_action_a_form_ends_with_knows_about_cancelling():
    """The done-rules run these after a cancelled form too: each must check the flag."""
    rules = [
        rule
        for path in sorted((PROJECT_ROOT / "data" / "stories").glob("*.yml"))
        for rule in yaml.safe_load(path.read_text()).get("rules", [])
    ]
    after_forms = {
        rule["steps"][-1]["action"]
        for rule in rules
        if any(step.get("active_loop", "") is None for step in rule["steps"]) and "action" in rule["steps"][-1]
    }
    assert after_forms == {*roadmap.AFTER_FORM, "action_handoff_submit"}


def test_a_cancelled_handoff_files_nothing(executor, monkeypatch):
    def no_store():
        raise AssertionError("a cancelled handoff must not be filed")

    monkeypatch.setattr(handoff, "store", no_store)
    events, messages = run(executor, "action_handoff_submit", ended(form_cancelled=True, handoff_confirm=None))
    assert responses(messages) == ["utter_handoff_cancelled"]
    assert {e["name"]: e["value"] for e in events} == dict.fromkeys([*handoff.SLOTS, FORM_CANCELLED])


def opening(intent: str, text: str, entities: list[dict[str, str]]) -> Tracker:
    """The tracker a form's validation action gets as the message `text` opens the form."""
    latest = {"intent": {"name": intent, "confidence": 0.9}, "entities": entities, "text": text}
    return Tracker(
        "opener", {"requested_slot": None}, latest, [], False, None, {"name": "roadmap_form"}, "utter_roadmap_intro"
    )


def test_what_the_opening_message_says_answers_the_form_s_questions(executor):
    """ "a step by step plan for my RMA, in Ohio": neither question is asked again."""
    said = [{"entity": "credential", "value": "RMA"}, {"entity": "us_state", "value": "Ohio"}]
    slots, messages = validate(
        executor,
        "roadmap_form",
        opening("start_roadmap", "can u make me a step by step plan for my RMA? im in ohio", said),
    )
    assert slots["credential_goal"] == "rma" and slots["state"] == "ohio"
    assert responses(messages) == ["utter_roadmap_intro"]  # it says it is building a plan, once, as it opens
    # a message that opens no form fills nothing while no question waits, and says nothing
    slots, messages = validate(
        executor, "roadmap_form", opening("ask_exam_fee", "how much is the RMA exam in Ohio?", said)
    )
    assert "credential_goal" not in slots and "state" not in slots and messages == []


def test_a_typed_timeline_question_hears_how_long_programs_take_before_the_questions(executor, kb):
    """ "when would i finish if i start ma school in january" opens the timeline's questions: how long programs
    usually take (the duration answer, with its sources) comes first; a button opens the questions alone."""
    usual = reply_for(kb, "ask_duration", []).text
    typed = opening("estimate_timeline", "im 19. when would i finish if i start ma school in january", [])
    typed.sender_id = "typed-timeline"
    _, messages = validate(executor, "timeline_form", typed)
    assert messages[0].get("text") == usual and messages[1].get("response") == "utter_timeline_intro"
    tapped = opening("estimate_timeline", "/estimate_timeline", [])
    tapped.sender_id = "tapped-timeline"
    _, messages = validate(executor, "timeline_form", tapped)
    assert [m.get("response") for m in messages][:1] == ["utter_timeline_intro"]


def test_a_question_that_also_answers_the_form_s_question_is_answered_and_taken(executor, kb):
    """At "which credential?", "how much is the CMA exam when u just finished?" asks about the fee and names the
    CMA: the fee is answered and the CMA taken, where Rasa alone would only take the CMA."""
    tracker = waiting_at(
        "roadmap_form", "credential_goal", "one thing tho, how much is the CMA exam when u just finished the program"
    )
    tracker.latest_message.update(
        intent={"name": "ask_exam_fee", "confidence": 0.9}, entities=[{"entity": "credential", "value": "CMA"}]
    )
    slots, messages = validate(executor, "roadmap_form", tracker)
    fee = kb.facts(["cma_exam_fee"])["cma_exam_fee"].value.split()[0]
    assert slots["credential_goal"] == "cma"
    assert any(fee in (m.get("text") or "") for m in messages)


@pytest.mark.parametrize(
    "said", ["actually cancel, ill do this later", "never mind, maybe tomorrow", "forget it lol not now"]
)
def test_cancel_said_with_more_words_still_cancels(executor, said):
    slots, _ = validate(executor, "roadmap_form", waiting_at("roadmap_form", "credential_goal", said))
    assert slots[FORM_CANCELLED] is True and slots["requested_slot"] is None


def test_the_eligibility_verdict_becomes_the_topic_a_follow_up_continues(executor, monkeypatch):
    """ "and ncma?" after the checker's verdict asks about the NCMA's eligibility."""
    monkeypatch.setattr(services, "turns", lambda: type("T", (), {"eligibility": lambda *_: [Said("verdict")]})())
    events, _ = run(executor, "action_check_eligibility", ended())
    context = [e["value"] for e in events if e.get("name") == "conversation_context"]
    assert context == [{"intent": "ask_eligibility", "entities": []}]


@pytest.mark.parametrize(
    "text, start, end, kept",
    [
        ("i cant do school. so rma then?", 2, 4, False),  # spaCy's "ca" of "cant" is no California
        ("i can't do school", 2, 4, False),
        ("we're moving to CA next year", 16, 18, True),
        ("CA's rules", 0, 2, True),
        ("can i get the MA-R thru them", 14, 16, False),  # Washington's credential, not Massachusetts
        ("I live in Ohio", 10, 14, True),
        ('/ask_what_is_cma{"aspect":"conditions"}', 16, 39, True),  # a button's payload names its entities
    ],
)
def test_only_whole_words_are_entities(text, start, end, kept):
    latest = {
        "intent": {"name": "inform"},
        "text": text,
        "entities": [{"entity": "us_state", "value": "x", "start": start, "end": end}],
    }
    tracker = Tracker("someone", {}, latest, [], False, None, {}, "action_listen")
    assert bool(services.whole_word_entities(tracker)) is kept


def test_a_state_code_after_a_word_of_place_is_an_entity_of_the_message(kb):
    """ "what about in PA?": the entity ruler leaves codes alone; the word "in" makes this one a state."""
    latest = {"intent": {"name": "out_of_scope"}, "text": "what about in PA?", "entities": []}
    tracker = Tracker("someone", {}, latest, [], False, None, {}, "action_listen")
    assert services.entities(tracker) == {"us_state": "pennsylvania"}
    named = [{"entity": "us_state", "value": "ohio", "start": 0, "end": 4}]
    tracker = Tracker("someone", {}, {**latest, "text": "Ohio, or in PA?", "entities": named}, [], False, None, {}, "")
    assert [e["value"] for e in services.whole_word_entities(tracker)] == ["ohio", "Pennsylvania"]  # both asked


def test_a_move_keeps_only_the_state_someone_is_going_to(kb):
    """ "moving from tx to spokane. do i need something to work in washington??" asks about Washington."""
    text = "moving from tx to spokane. do i need something to work in washington??"
    named = [
        {"entity": "us_state", "value": name, "start": text.index(name), "end": text.index(name) + len(name)}
        for name in ("tx", "spokane", "washington")
    ]
    latest = {"intent": {"name": "ask_state_rules"}, "text": text, "entities": named}
    tracker = Tracker("someone", {}, latest, [], False, None, {}, "action_listen")
    assert [e["value"] for e in services.whole_word_entities(tracker)] == ["spokane", "washington"]


def _told_at(form: str, slot: str, text: str, sender: str) -> Tracker:
    """`waiting_at` for a sender of its own: what they tell is heard into their stored profile."""
    tracker = waiting_at(form, slot, text)
    tracker.sender_id = sender
    return tracker


def test_who_they_are_told_in_their_words_at_the_background_question_is_not_asked_again(executor, kb):
    """ "4 years as an MA ..., never went to school for it" has no background word the form's reader knows, but
    the profile hears a working MA: the form goes on to its next question instead of asking again."""
    text = "4 years as an MA in family practice, front and back office, never went to school for it"
    slots, _ = validate(executor, "roadmap_form", _told_at("roadmap_form", "background", text, "told-background"))
    assert slots.get("requested_slot") != "background"
    assert services.memory().profile("told-background").background == "working_ma"


def test_the_question_just_asked_is_read_by_its_own_reader(executor, kb):
    """ "just a hs diploma, never did any ma program" at the program question is no program."""
    text = "just a hs diploma, never did any ma program"
    slots, _ = validate(executor, "eligibility_form", _told_at("eligibility_form", "education", text, "told-none"))
    assert slots["education"] == "none"
    assert services.memory().profile("told-none").education == "none"


def test_a_state_said_alone_at_another_question_is_kept_and_said_back(executor, kb):
    """ "ohio" typed at the background question (after a question on state rules): the plan keeps the state
    and says so, instead of asking for it again after the credential."""
    ohio = kb.resolve("ohio")
    named = [{"entity": "us_state", "value": "ohio", "start": 0, "end": 4}]
    latest = {"intent": {"name": "ask_state_rules", "confidence": 0.9}, "entities": named, "text": "ohio"}
    slots = {"requested_slot": "background", "background": None, "state": None}
    waiting = Tracker("said-ohio", slots, latest, [], False, None, {"name": "roadmap_form"}, "action_listen")
    filled, messages = validate(executor, "roadmap_form", waiting)
    assert filled.get("state") == "ohio"
    assert [m.get("text") for m in messages] == [f"Noted: in {ohio.display}."]
    asked = {"intent": {"name": "ask_state_rules", "confidence": 0.9}, "entities": named, "text": "what about ohio"}
    asking = Tracker("asks-ohio", slots, asked, [], False, None, {"name": "roadmap_form"}, "action_listen")
    assert "state" not in validate(executor, "roadmap_form", asking)[0]  # a question about Ohio is no answer


def test_a_form_cancelled_with_a_question_stops_and_answers_it(executor, monkeypatch, request, loaded_db_url, kb):
    """ "never mind, what does the cma cost": the questions stop, then the fee is answered, not dropped."""
    monkeypatch.setenv("DATABASE_URL", loaded_db_url)
    services.knowledge_base.cache_clear()
    request.addfinalizer(services.knowledge_base.cache_clear)
    latest = {
        "intent": {"name": "ask_exam_fee", "confidence": 0.83},
        "entities": [{"entity": "credential", "value": "cma"}],
        "text": "never mind, what does the cma cost",
    }
    on = Tracker("someone", {**KNOWN, FORM_CANCELLED: True}, latest, [], False, None, {}, "roadmap_form")
    events, messages = run(executor, "action_roadmap_start", on)
    assert responses(messages)[0] == "utter_form_cancelled"
    fee = reply_for(kb, "ask_exam_fee", [("credential", "cma")])
    assert len(messages) == 2 and messages[1]["text"].startswith(fee.text[:40])
    assert not services.turns().started("someone")  # no plan was started
    assert {"event": "slot", "timestamp": None, "name": FORM_CANCELLED, "value": None} in events
