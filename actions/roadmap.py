"""Rasa actions and form validation for the guided roadmap; the logic lives in bot/.

The forms ask who the person is (roadmap_form), what they have done so far
(eligibility_form) and when they would start (timeline_form). Each answer is read
by bot.roadmap.profile_reading from buttons, entities or free text; an answer that does not
fit leaves the slot empty, so the form is rejected and the message is handled as
the question it probably is (the interruption rules), then the form asks again.
"Cancel", "start over" and "skip" work at every question (actions/form_control.py);
a cancelled form's action says so instead of taking its turn.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.exc import SQLAlchemyError

from actions import services
from actions.actions import CONTEXT_SLOT, ActionAnswer
from actions.form_control import FORM_CANCELLED, ControlledForm, cancelled
from actions.form_control import REQUESTED_SLOT as REQUESTED
from actions.services import entities
from bot.answers.reply import KnowledgeBaseUnavailable, reply_for
from bot.forms import replies
from bot.profile import Profile
from bot.profile.describe import noted
from bot.profile.reading import read as read_profile
from bot.roadmap import profile_reading as read
from bot.roadmap.commands import command_for
from bot.roadmap.questions import answered, needless_for_eligibility, superseded
from bot.roadmap.turns import RoadmapTurns, Said
from bot.understanding.context import (
    MIN_QUESTION_LEAN,
    Context,
    answered_for_them,
    is_question,
    only_switches,
    picks_a_price,
    topic_of_words,
    usmle_step_in_hand,
)
from bot.understanding.cues import best_question, cued_intent, looks_like_question

log = logging.getLogger(__name__)
PROFILE_SLOTS = (
    "background",
    "credential_goal",
    "state",
    "career_goal",
    "program_type",
    "start_date",
    "education",
    "work_years",
)


def answers(tracker: Tracker) -> dict[str, Any]:
    """What the forms collected about the person, slot by slot."""
    return {slot: tracker.get_slot(slot) for slot in PROFILE_SLOTS}


def send(dispatcher: CollectingDispatcher, said: list[Said]) -> None:
    for message in said:
        dispatcher.utter_message(text=message.text, buttons=message.buttons)


def _question_before_any_roadmap(tracker: Tracker) -> str | None:
    """ "How many attempts per step?" or "what do they do then?" read as roadmap moves, from someone
    with no roadmap: the question they asked (by its words, else NLU's next guess, else the topic in
    hand, else the best guesses as buttons), never "we haven't started". A topic's own words make a
    question without its shape: "and the CE part so this doesnt happen again"."""
    text = tracker.latest_message.get("text") or ""
    context = Context.from_slot(tracker.get_slot(CONTEXT_SLOT))
    cued = None if text.startswith("/") else topic_of_words(text, context)
    confidence = float((tracker.latest_message.get("intent") or {}).get("confidence") or 0.0)
    unsure = confidence < SURE_OF_A_MOVE and not PLAN_WORDS.search(text)  # "i need help w my cert"
    # "ok and texas overall like the whole state" after Houston's pay: the same question, for Texas
    switch = is_question(context.intent) and only_switches(text) and not PLAN_WORDS.search(text)
    switch = switch or picks_a_price(text, context)  # "and then the test after" a program's price
    # "graduated AIT back in 2019 tho" after their eligibility: what they tell changes the answer made for them
    retold = not text.startswith("/") and answered_for_them(context, text) and bool(read_profile(text).changes)
    # "About Step 2 part?" after working as an MA while preparing Step 2 CK: the USMLE's step, in that answer
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    cued = cued or (None if text.startswith("/") else usmle_step_in_hand(intent, text, context))
    if text.startswith("/") or not (cued or looks_like_question(text) or unsure or switch or retold):
        return None
    if PLAN_WORDS.search(text) and not cued:
        return None  # "can you just show me the whole plan": a move asked as a question, no topic of its own
    try:
        if services.turns().started(tracker.sender_id):
            return None
    except SQLAlchemyError:
        return None
    ranking = [
        (str(r.get("name")), float(r.get("confidence") or 0.0))
        for r in tracker.latest_message.get("intent_ranking") or []
    ]
    asked = cued or (context.intent if retold else best_question(ranking, MIN_QUESTION_LEAN))
    return asked or (context.intent if is_question(context.intent) else "nlu_fallback")


#: Below this, NLU's reading of a roadmap move is a guess: with no roadmap, the message is read as a question,
#: unless it names the plan ("where am i in the plan" gets "we haven't started").
SURE_OF_A_MOVE = 0.6
PLAN_WORDS = re.compile(r"\b(plan|roadmap|steps?)\b", re.IGNORECASE)


#: The intents that open a form: what their message says ("a plan for my RMA, I'm in Ohio") answers its questions.
OPENING_INTENTS = frozenset({"start_roadmap", "check_eligibility", "estimate_timeline"})


#: The topic whose answer says how long programs usually take, said before a typed timeline question's form.
DURATION = "ask_duration"


def _opening(tracker: Tracker) -> bool:
    return (tracker.latest_message.get("intent") or {}).get("name") in OPENING_INTENTS


#: How sure NLU must be of a question, read in an answer to a form's question, to answer it as well.
MIN_ASKS_TOO = 0.6


def _asks_too(tracker: Tracker) -> bool:
    """True when the reply to a form's question is itself a question the knowledge base answers."""
    text = tracker.latest_message.get("text") or ""
    intent = tracker.latest_message.get("intent") or {}
    name = intent.get("name")
    return (
        not text.startswith("/")
        and is_question(name)
        and float(intent.get("confidence") or 0.0) >= MIN_ASKS_TOO
        # "salary chicago" at the state question: no question's shape, but its words name the topic NLU read
        and (looks_like_question(text) or cued_intent(text, None) == name)
    )


def _navigate(turns: RoadmapTurns, tracker: Tracker, said: dict[str, Any]) -> list[Said]:
    """The move the message's intent asks for; its text names the step for "jump" and "done"."""
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    text = tracker.latest_message.get("text") or ""
    return turns.navigate(tracker.sender_id, command_for(intent), text, said)


Turn = Callable[[RoadmapTurns, Tracker, dict[str, Any]], list[Said]]

#: Each roadmap action, by its name in domain.yml, and the roadmap turn it takes with the form's answers.
TURNS: dict[str, Turn] = {
    "action_roadmap_start": lambda turns, tracker, said: turns.start(tracker.sender_id, said),
    "action_roadmap_navigate": _navigate,
    "action_check_eligibility": lambda turns, tracker, said: turns.eligibility(tracker.sender_id, said),
    "action_estimate_timeline": lambda turns, tracker, said: turns.timeline(tracker.sender_id, said),
}
#: The question each verdict answers, kept as the conversation's topic: "and ncma?" or "why not the
#: rma" after the eligibility check asks about that credential's eligibility.
TOPIC_OF_TURN = {"action_check_eligibility": "ask_eligibility", "action_estimate_timeline": "ask_duration"}


def remembered_topic(action_name: str) -> list[dict[str, Any]]:
    topic = TOPIC_OF_TURN.get(action_name)
    return [SlotSet(CONTEXT_SLOT, Context(topic).to_slot())] if topic else []


#: The actions that run when a form ends (data/stories/roadmap.yml), cancelled or not.
AFTER_FORM = frozenset({"action_roadmap_start", "action_check_eligibility", "action_estimate_timeline"})


def _roadmap_action(action_name: str, turn: Turn) -> type[Action]:
    """The Rasa action `action_name`: take `turn`, send what it says (ActionRoadmapStart for
    "action_roadmap_start"). Made per name because rasa-sdk creates actions without arguments."""

    class RoadmapAction(Action):
        def name(self) -> str:
            return action_name

        def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
            """A database fault gets the polite system message, not a traceback."""
            if action_name in AFTER_FORM and cancelled(tracker):
                dispatcher.utter_message(response="utter_form_cancelled")
                if replies.asks_after_cancelling(tracker.latest_message.get("text") or ""):
                    # "never mind, what does the cma cost": the questions stop, and the question is answered
                    return [SlotSet(FORM_CANCELLED, None), *ActionAnswer().answer(dispatcher, tracker, domain)]
                return [SlotSet(FORM_CANCELLED, None)]
            question = _question_before_any_roadmap(tracker) if action_name == "action_roadmap_navigate" else None
            if question:
                return ActionAnswer().answer(dispatcher, tracker, domain, question)
            try:
                _, heard = services.hear(tracker, dispatcher)
                replaced = superseded(heard.changes)
                given = {q: a for q, a in answers(tracker).items() if q not in replaced}
                said = turn(services.turns(), tracker, given)
            except SQLAlchemyError as exc:
                log.error("roadmap turn failed, database unavailable: %s", exc)
                dispatcher.utter_message(response="utter_kb_unavailable")
                return []
            send(dispatcher, said)
            return services.forget_answers(replaced) + remembered_topic(action_name)

    RoadmapAction.__name__ = RoadmapAction.__qualname__ = "".join(w.title() for w in action_name.split("_"))
    return RoadmapAction


#: The roadmap actions by name. rasa-sdk registers every Action subclass it can find, and
#: finds them through weak references: holding them here keeps them registered.
ROADMAP_ACTIONS = {action_name: _roadmap_action(action_name, turn) for action_name, turn in TURNS.items()}


class _ProfileAnswers:
    """Shared readers: each fills its slot only when the form asked for it.

    A mixin, not an Action: rasa-sdk registers every Action subclass it finds, and a
    base class without a name would stop the action server from starting.
    """

    #: "skip" or "next" passes over these questions (read as SKIP or RECOMMEND); the others are needed.
    optional_slots = read.OPTIONAL_QUESTIONS
    #: What the form says as it opens, so its first question reads as part of a plan.
    intro = "utter_roadmap_intro"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        """Hear what the message says about the person first, so a question they answered in passing
        ("I'm an MA, 4 years, in Ohio") is not asked."""
        try:
            services.hear(tracker, dispatcher)
        except SQLAlchemyError as exc:
            log.error("profile not updated, database unavailable: %s", exc)
        asked = tracker.get_slot(REQUESTED)
        if asked is None and _opening(tracker):  # after any facts a plan to misstate needs, before the questions
            self._before_questions(dispatcher, tracker)
            dispatcher.utter_message(response=self.intro)
        events: list[dict[str, Any]] = await super().run(dispatcher, tracker, domain)  # type: ignore[misc]
        if _asks_too(tracker) and any(e.get("name") == asked and e.get("value") is not None for e in events):
            # "how much is the CMA exam when u just finished?" at "which credential?": the question is
            # answered, and its CMA answers the form's question too (Rasa would otherwise only take the CMA).
            events += ActionAnswer().answer(dispatcher, tracker, domain)
        return events

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        """The form's questions less those the person's profile already answers. The one just asked stays
        (its own reader reads the answer: "just a hs diploma, never did any ma program" is no program),
        except who they are: "4 years as an MA, never went to school for it" at the background question
        answers it through the profile even when the form's reader finds no background word."""
        try:
            known = answered(services.memory().profile(tracker.sender_id))
        except SQLAlchemyError:
            known = frozenset()
        asked = tracker.get_slot(REQUESTED)
        return [s for s in domain_slots if s not in known or (asked == s and s != "background")]

    def _before_questions(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
        """What to say before the form's first question; nothing, unless a form says otherwise."""

    def _asked(self, tracker: Tracker, slot: str) -> bool:
        return tracker.get_slot("requested_slot") == slot

    def _named_on_opening(self, tracker: Tracker, slot: str, kind: str) -> dict[str, Any]:
        """ "make me a plan to become a CMA, I'm in Ohio": the message that opens the form names the answers
        to two of its questions (its other words are left to the profile, which reads them more carefully)."""
        named = entities(tracker).get(kind)
        if named and tracker.get_slot("requested_slot") is None and _opening(tracker):
            return {slot: named}
        return {}

    def _text(self, tracker: Tracker) -> str:
        return tracker.latest_message.get("text") or ""

    def _fill(self, tracker: Tracker, slot: str, value: Any | None) -> dict[str, Any]:
        return {slot: value} if value is not None and self._asked(tracker, slot) else {}

    async def extract_background(self, dispatcher, tracker, domain) -> dict[str, Any]:
        return self._fill(tracker, "background", read.background(self._text(tracker), entities(tracker)))

    async def extract_credential_goal(self, dispatcher, tracker, domain) -> dict[str, Any]:
        chosen = read.credential_choice(self._text(tracker), entities(tracker))
        return (
            self._fill(tracker, "credential_goal", chosen)
            or self._named_on_opening(tracker, "credential_goal", "credential")
            or self._told_along(
                tracker, "credential_goal", read.credential_told(self._text(tracker), entities(tracker))
            )
        )

    async def extract_state(self, dispatcher, tracker, domain) -> dict[str, Any]:
        chosen = read.state(self._text(tracker), entities(tracker))
        filled = self._fill(tracker, "state", chosen) or self._named_on_opening(tracker, "state", "us_state")
        if filled:
            return filled
        along = self._told_along(tracker, "state", read.state_told(self._text(tracker), entities(tracker)))
        if along:  # "ohio" at the background question: said back, so they know it was heard
            try:
                kb = services.fresh_knowledge_base()
                said = noted(Profile(state=along["state"]), lambda key: kb.display_name("us_state", key) or key)
            except (KnowledgeBaseUnavailable, SQLAlchemyError):
                said = noted(Profile(state=along["state"]))
            dispatcher.utter_message(text=said)
        return along

    def _told_along(self, tracker: Tracker, slot: str, value: Any | None) -> dict[str, Any]:
        """An answer to another of the form's questions that also tells this one fills it, once."""
        asked = tracker.get_slot("requested_slot")
        if value is not None and asked not in (None, slot) and tracker.get_slot(slot) is None:
            return {slot: value}
        return {}

    async def extract_career_goal(self, dispatcher, tracker, domain) -> dict[str, Any]:
        return self._fill(tracker, "career_goal", read.goal(self._text(tracker)))

    async def extract_education(self, dispatcher, tracker, domain) -> dict[str, Any]:
        """A bare "yes" does not say which program: ask which, and the question again."""
        found = read.education(self._text(tracker))
        if found is None and self._asked(tracker, "education") and replies.yes_no(self._text(tracker)) == "yes":
            dispatcher.utter_message(response="utter_education_which_program")
            return {"education": None}
        return self._fill(tracker, "education", found) or self._told_along(
            tracker, "education", read.program_told(self._text(tracker))
        )

    async def extract_work_years(self, dispatcher, tracker, domain) -> dict[str, Any]:
        return self._fill(tracker, "work_years", read.work_years(self._text(tracker), entities(tracker)))

    async def extract_program_type(self, dispatcher, tracker, domain) -> dict[str, Any]:
        text, named = self._text(tracker), entities(tracker)
        return self._fill(tracker, "program_type", read.program_type(text, named)) or self._said_on_opening(
            tracker, "program_type", read.program_type(text, named, opening=True)
        )

    async def extract_start_date(self, dispatcher, tracker, domain) -> dict[str, Any]:
        text = self._text(tracker)
        return self._fill(tracker, "start_date", read.start_date(text)) or self._said_on_opening(
            tracker, "start_date", read.start_date(text, opening=True)
        )

    def _said_on_opening(self, tracker: Tracker, slot: str, value: Any | None) -> dict[str, Any]:
        """ "the certificate, if I start in January when would I be done?": the opening message answers it."""
        if value is not None and tracker.get_slot("requested_slot") is None and _opening(tracker):
            return {slot: value}
        return {}


class ValidateRoadmapForm(_ProfileAnswers, ControlledForm):
    where_response = "utter_roadmap_form_where"

    def name(self) -> str:
        return "validate_roadmap_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        """Only international medical graduates are asked whether this is a stepping stone to residency."""
        asked = await super().required_slots(domain_slots, dispatcher, tracker, domain)
        background = tracker.get_slot("background") or services.memory().profile(tracker.sender_id).background
        return [s for s in asked if s != "career_goal" or background in (None, "img")]


class ValidateEligibilityForm(_ProfileAnswers, ControlledForm):
    where_response = "utter_eligibility_form_where"
    intro = "utter_eligibility_intro"

    def name(self) -> str:
        return "validate_eligibility_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        """Someone with MA years or military training gets the verdict of their routes at once."""
        asked = await super().required_slots(domain_slots, dispatcher, tracker, domain)
        try:
            profile = services.memory().profile(tracker.sender_id)
        except SQLAlchemyError:
            return asked
        # the program answered at this form is not in the stored profile yet
        needless = needless_for_eligibility(profile, tracker.get_slot("education"))
        return [s for s in asked if s not in needless or tracker.get_slot(REQUESTED) == s]


class ValidateTimelineForm(_ProfileAnswers, ControlledForm):
    where_response = "utter_timeline_form_where"
    intro = "utter_timeline_intro"

    def _before_questions(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
        """ "when would i finish if i start ma school in january", typed: how long programs usually take,
        with its sources, before the questions that fit the estimate to them (a button asks for no answer)."""
        text = self._text(tracker)
        if text.startswith("/") or not looks_like_question(text):
            return
        try:
            reply = reply_for(services.fresh_knowledge_base(), DURATION, [])
        except (KnowledgeBaseUnavailable, SQLAlchemyError):
            return  # the questions still work out their timeline
        dispatcher.utter_message(text=reply.text)

    def name(self) -> str:
        return "validate_timeline_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        """Someone who can sit their exam now has no program to choose: the type is not asked. Someone
        who named their program and start ("the certificate, if I start in January") gets the path's
        timeline without being asked who they are first."""
        asked = await super().required_slots(domain_slots, dispatcher, tracker, domain)
        if tracker.get_slot("requested_slot") != "background" and all(
            s == "background" or tracker.get_slot(s) is not None for s in asked
        ):
            return [s for s in asked if s != "background"]
        if "program_type" not in asked or tracker.get_slot("requested_slot") == "program_type":
            return asked
        try:
            no_program = services.turns().skips_program(tracker.sender_id)
        except SQLAlchemyError:
            no_program = False
        return [s for s in asked if s != "program_type" or not no_program]
