"""Rasa custom actions: translate between Rasa and the domain code in `bot/`."""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions import services
from bot.answers.each import answer_each, one_each
from bot.answers.personal import answer_person
from bot.answers.reply import FALLBACK_TOPIC, KnowledgeBaseUnavailable, Reply
from bot.forms import replies
from bot.handoff.reading import contact
from bot.kb.queries import KnowledgeBase
from bot.profile import Profile
from bot.profile.describe import noted
from bot.profile.reading import Heard
from bot.roadmap.questions import superseded
from bot.understanding import context as ctx
from bot.understanding.ambiguous import ask_which_ccma
from bot.understanding.context import CONTEXT_SLOT
from bot.understanding.cues import decisive_topic, looks_like_question
from bot.understanding.guesses import best_guesses, guess_buttons
from bot.understanding.language import OTHER, SPANISH, detect
from bot.understanding.second_reading import agreed_guess, better_topic
from bot.understanding.split import ANSWERED_TOPIC, LATER_QUESTION, UNPLACED, UNSURE

log = logging.getLogger(__name__)

#: Small talk never gets a "back to step N" button: only real questions interrupt a walk-through.
#: Parts of an answer only NHA's national CCMA has (its high-school students' early testing), never California's own.
NHA_ONLY_PARTS = frozenset({"in_high_school"})
CHAT_TOPICS = ("greet", "goodbye", "thanks", "help", "out_of_scope", "fallback", "request_human", "inform")
#: What NLU calls a message that asks nothing it knows: at a waiting form it may still tell a fact.
NOT_A_QUESTION = ("nlu_fallback", "out_of_scope", "inform")
#: Replies that place no question: one part of several questions answered this way is left out
#: ("Thank you. Does the AAMA accredit programs itself?" gets the answer, not "You're welcome! Anything
#: else?" before it).
UNPLACED_TOPICS = frozenset({"out_of_scope", "thanks", "greet", "goodbye"})
#: How sure NLU must be of the very topic the rules settled on to take a message without a question's shape
#: ("Kindly tell if I am allowed to join MA course") as asking it, not only telling about them.
SURE_IT_ASKS = 0.9
#: "ohio", "in texas pls": a reply this short that names a state at a form's question is where they are.
BARE_ANSWER_WORDS = 3


def _entities(tracker: Tracker) -> list[tuple[str, str]]:
    return [
        (str(e["entity"]), str(e["value"]))
        for e in services.whole_word_entities(tracker)
        if e.get("entity") and e.get("value")
    ]


#: National credentials that, named beside the CCMA, say it is NHA's.
NATIONAL_BESIDES_CCMA = frozenset({"cma", "rma", "ncma"})
#: An answer that names its credential or state this early already says what it is about.
NAMED_EARLY = 60
#: Where the bot stops and names who can answer (a visa or permission to work, their own health or a legal
#: problem): a reading the second reading never overrides, as the rules that found it come first.
STOPS_HERE = frozenset({"ask_work_authorization", "ask_legal_or_medical"})


def _said_for(kb: KnowledgeBase, understood: ctx.Understood, variant: str, text: str = "") -> str:
    """ "For the RMA: " when the answer is about something taken from the conversation, not this message,
    and does not already start by naming it ("For the RMA: For the RMA (AMT), …" says it twice)."""
    if variant == "default" or not (understood.follow_up or understood.from_context):
        return ""
    for kind, value in understood.entities if understood.follow_up else understood.from_context:
        entity = kb.resolve(value)
        if entity is not None and entity.key == variant:
            if entity.display.casefold() in text[:NAMED_EARLY].casefold():
                return ""
            return f"In {entity.display}: " if kind == "us_state" else f"For the {entity.display}: "
    return ""


def _context(tracker: Tracker) -> ctx.Context:
    """What the conversation is about; a later question of the same message leans on the first."""
    context = replace(ctx.Context.from_slot(tracker.get_slot(CONTEXT_SLOT)), said=services.last_answers(tracker))
    if (tracker.latest_message.get("metadata") or {}).get(LATER_QUESTION):  # "...and how many have to be AAMA approved"
        return replace(context, same_message=True)
    return context


class ActionAnswer(Action):
    """Answer the latest message from the knowledge base, with its source line and buttons."""

    def name(self) -> str:
        return "action_answer"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        return self.answer(dispatcher, tracker, domain)

    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any], intent: str | None = None
    ) -> list[dict[str, Any]]:
        """Answer the latest message, as `intent` when another action has already read it better."""
        parsed = tracker.latest_message
        intent = intent or (parsed.get("intent") or {}).get("name")
        confidence = float((parsed.get("intent") or {}).get("confidence") or 0.0)
        text = parsed.get("text") or ""
        context = _context(tracker)
        ranking = [(str(r.get("name")), float(r.get("confidence") or 0.0)) for r in parsed.get("intent_ranking") or []]
        understood = ctx.understand(intent, confidence, _entities(tracker), text, context, ranking)
        form_waits = bool(tracker.active_loop.get("name"))
        understood = ctx.told_at_a_form(understood, intent, text, form_waits)
        nlu = ((parsed.get("intent") or {}).get("name"), confidence)
        understood = self._read_again(understood, text, context, form_waits, nlu)
        command = None if ctx.is_question(understood.intent) else replies.control(text)
        # "actually cancel, ill do this later", "Rosa Hernández, rosa@example.com" or "Sam Flood" that NLU
        # hears as a greeting: the waiting form reads it next
        small_talk_without_its_words = understood.intent in ctx.COURTESIES and not replies.courtesy(text)
        if form_waits and (
            command or (not ctx.is_question(understood.intent) and (contact(text) or small_talk_without_its_words))
        ):
            return []
        if command == "cancel":
            dispatcher.utter_message(response="utter_nothing_to_cancel")  # no form is waiting here
            return []
        fact_only = understood.intent == "nlu_fallback" or (form_waits and understood.intent in NOT_A_QUESTION)
        if fact_only and self._noted(dispatcher, tracker, text, form_waits):
            return []
        told = understood.intent == "inform" or replies.control(text) == "skip"  # "skip", however it was read
        if told and self._told_without_offer(dispatcher, tracker, form_waits):
            return []  # "certificate" at the background question: the form asks its question again, no plan offer
        if understood.intent == ctx.UNHELPFUL:  # "that didn't help" (not "does that help?", a question)
            dispatcher.utter_message(response="utter_feedback_unhelpful")
            return []
        language = detect(text)
        if not self._language_noticed(dispatcher, language, understood):
            return []
        try:
            kb = services.fresh_knowledge_base()
            self._understood_in_spanish(dispatcher, kb, understood, language)
            profile, heard = self._heard(tracker, text)
            sure_it_asks = nlu[0] == understood.intent and confidence >= SURE_IT_ASKS
            # "ugh wait, it was jan 2023 not 2021... does that change anything": the question again, no guesses
            # "Went through 68W AIT in 2016. Problem?" after their verdict: the verdict again, with the year
            # "been doing MA type work at an urgent care since 2020..." after it, read as a question: told all the same
            told_for_them = (understood.intent in NOT_A_QUESTION or heard.statement) and ctx.answered_for_them(
                context, text
            )
            again = (
                ctx.asked_again(understood, context, told=heard.statement)
                if heard.changes and (heard.correction or told_for_them)
                else None
            )
            # a plan to misstate experience gets the facts (answer_person), never guesses
            understood, asked_back = self._when_unsure(
                dispatcher, kb, domain, parsed, understood, context, again is None and not heard.misstating
            )
            if asked_back:
                return [SlotSet(CONTEXT_SLOT, ctx.with_names(understood, context).to_slot())]
            # "wait sorry i meant new jersey" after NY pay: the question again for New Jersey, not only noted
            # "I've worked as an MA the whole 6 years since though" after their verdict: the verdict again
            told = heard.correction or (heard.statement and not form_waits and ctx.answered_for_them(context, text))
            corrected = again is not None or (told and (understood.follow_up or understood.intent == context.intent))
            heard = self._asking(heard, sure_it_asks and again is None)
            understood = again or understood
            # "what about the CMA" after "can I sit for the RMA..., and will the GI Bill cover the fee?"; "and
            # dallas?" after Houston's pay and how a degree is seen: the earlier question, before a state's rules
            by_credential = lambda intent: kb.varies_by_credential(kb.topic_for_intent(intent))  # noqa: E731
            by_place = lambda intent: kb.varies_by_state(kb.topic_for_intent(intent))  # noqa: E731
            understood = ctx.to_earlier_question(
                understood, services.entities(tracker).keys(), context, by_credential, by_place
            )
            # "what about texas" after a topic that is the same in every state: that state's rules
            by_state = by_place(understood.intent or "")
            understood = ctx.to_state_rules(understood, services.entities(tracker).keys(), by_state, text)
            understood = ctx.with_their_role(understood, text, profile.other_healthcare_role)  # "vs what i make now"
            # "and the rma?" after "can i take the nha test w/o school and how much is it": both, the earlier first
            # "and texas?" after "whats the pay in fl and can i give shots there": both, for Texas
            earlier = ctx.earlier_too(understood, services.entities(tracker).keys(), context, by_credential, by_place)
            if earlier is not None:
                self._answer_earlier(dispatcher, kb, earlier, profile, heard)
            if self._which_ccma(dispatcher, kb, domain, understood, context, profile.state, text):
                return [SlotSet(CONTEXT_SLOT, ctx.remember(understood, context).to_slot())]

            def answer(entities: list[tuple[str, str]]) -> Reply:
                return answer_person(
                    kb, understood.intent, entities, profile, heard, asked_again=corrected, in_form=form_waits
                )

            groups = one_each(understood.intent, understood.entities, ctx.is_medical_assistant)
            each = answer_each(kb, groups, answer)
            answered = {ANSWERED_TOPIC: understood.intent} if ctx.is_question(understood.intent) else {}
            if each:  # "pay in Pennsylvania and in Ohio?": each one's own answer, in turn
                for lead, one in each[:-1]:
                    dispatcher.utter_message(text=lead + one.text, **answered)
                prefix, reply = each[-1]
            else:
                reply = answer(understood.entities)
                prefix = _said_for(kb, understood, reply.variant, reply.text)
        except (KnowledgeBaseUnavailable, SQLAlchemyError) as exc:
            if isinstance(exc, SQLAlchemyError):  # reply_for logs its own; the other look-ups do not
                log.error("knowledge base unavailable: %s", exc)
            dispatcher.utter_message(response="utter_kb_unavailable")
            return []
        buttons = reply.buttons + self._resume(tracker, reply.topic)
        unplaced = {UNPLACED: True} if reply.topic in UNPLACED_TOPICS else {}
        unsure = {UNSURE: True} if reply.topic == FALLBACK_TOPIC else {}
        dispatcher.utter_message(text=prefix + reply.text, buttons=buttons, **unplaced, **unsure, **answered)
        replaced = services.forget_answers(superseded(heard.changes))
        remembered = ctx.remember(understood, context, earlier.intent if earlier is not None else None)
        return [SlotSet(CONTEXT_SLOT, remembered.to_slot()), *replaced]

    @staticmethod
    def _heard(tracker: Tracker, text: str) -> tuple[Profile, Heard]:
        """What we know of the writer, with their latest message; a question asked again for someone else ("same
        for my husband po?") is answered without it, so the writer's own verdict is not given as the other's."""
        profile, heard = services.hear(tracker)
        return (Profile(), heard) if ctx.for_someone_else(text) else (profile, heard)

    @staticmethod
    def _asking(heard: Heard, sure_it_asks: bool) -> Heard:
        """What the message told, as a question when NLU is sure of the very topic settled on and nothing earlier is
        asked again: "for my MBBS papers which WES report I should order" has no question's shape, but asks."""
        return replace(heard, statement=False) if sure_it_asks and heard.statement else heard

    @staticmethod
    def _read_again(
        understood: ctx.Understood, text: str, context: ctx.Context, form_waits: bool, nlu: tuple[str | None, float]
    ) -> ctx.Understood:
        """A question the rules read as one topic, read again by what people wrote in earlier conversations
        (`bot.understanding.second_reading`): its topic when it is sure of another."""
        if ActionAnswer._settled(understood, text, context, form_waits):
            return understood
        better = better_topic(services.second_reader(), understood.intent, text, context.intent, nlu)
        return understood if better is None else replace(understood, intent=better)

    @staticmethod
    def _settled(understood: ctx.Understood, text: str, context: ctx.Context, form_waits: bool) -> bool:
        """Readings the second reading does not question. Only whole messages are read again: a message's later
        question is read by the rules, after its first. Words that decide a topic whatever else the message says
        (`decisive_topic`) are not read again: on the development sets the second reading overrode them wrongly more
        often than rightly ("how long do i have to book it once approved" is the exam's window, not its format);
        nor is a reading back to the earlier of two topics, which the second reading does not see, nor the same
        question asked for another kind of program ("and associate degree" after a program's price), nor a question
        of a state's own credential in hand ("retake rules on that one" after California's CACMA), a part of a topic
        the second reading does not see."""
        # The rules read back to the earlier of the last reply's two topics ("even if i fail it?" after the GI Bill
        # and the RMA's fee): the second reading knows only the last one
        back_to_earlier = understood.intent == context.earlier != context.intent
        # "im DACA tho, can i even do the MA program and work after?": where the bot stops, whatever else is asked
        stops_here = understood.intent in STOPS_HERE
        # "and associate degree" after a program's price: the same question for another kind of program
        switched = understood.intent == context.intent and ctx.same_of_another_kind(text, context)
        return (
            form_waits
            or context.same_message
            or back_to_earlier
            or stops_here
            or switched
            or ctx.state_credential_asked_again(understood, context)
            or decisive_topic(text) == understood.intent
        )

    @staticmethod
    def _language_noticed(dispatcher: CollectingDispatcher, language: str | None, understood: ctx.Understood) -> bool:
        """Say a message in another language is answered in English; False when nothing more is to be said:
        what NLU understood of Spanish, or of English words among another language's, is answered too."""
        if not language:
            return True
        dispatcher.utter_message(response="utter_language_es" if language == SPANISH else "utter_language_other")
        return language != OTHER and understood.intent not in ("nlu_fallback", "out_of_scope")

    @staticmethod
    def _answer_earlier(
        dispatcher: CollectingDispatcher, kb: KnowledgeBase, earlier: ctx.Understood, profile: Profile, heard: Heard
    ) -> None:
        """The earlier question of the message before, asked again for what the follow-up names."""
        reply = answer_person(kb, earlier.intent, earlier.entities, profile, heard)
        prefix = _said_for(kb, earlier, reply.variant, reply.text)
        dispatcher.utter_message(text=prefix + reply.text, buttons=reply.buttons, **{ANSWERED_TOPIC: earlier.intent})

    @staticmethod
    def _noted(dispatcher: CollectingDispatcher, tracker: Tracker, text: str, form_waits: bool) -> bool:
        """ "ohio" typed while a form asks for a credential, or a fact told on its own: say it was noted (a
        waiting form asks its question again and later skips the one this answers) instead of "not sure I
        understood"."""
        if looks_like_question(text):  # "im a 68W tho, do i even need a civilian program?" asks
            return False
        try:
            profile, heard = services.hear(tracker)
            state = services.entities(tracker).get("us_state")
            bare_state = form_waits and state and len(text.split()) <= BARE_ANSWER_WORDS
            if bare_state and profile.state != state:
                profile = services.memory().tell(tracker.sender_id, state=state)
            if not (bare_state or heard.changes):
                return False
            kb = services.fresh_knowledge_base()
        except (KnowledgeBaseUnavailable, SQLAlchemyError):
            return False
        said = noted(profile, lambda key: kb.display_name("us_state", key) or key)
        if said:
            dispatcher.utter_message(text=said)
        return bool(said)

    @staticmethod
    def _told_without_offer(dispatcher: CollectingDispatcher, tracker: Tracker, form_waits: bool) -> bool:
        """Something told where the offer of a plan would be wrong: at a form's question (the form asks it again),
        or in the middle of a walk-through ("No, I have not done any program here yet" after step 1), where it is
        noted and the step they are on is shown again, fitted to what they said. "skip" there has no question to pass
        over (people say it meaning a form's question the story already answered), so it shows the step too."""
        if form_waits:
            return True
        try:
            turns = services.turns()
            if not turns.started(tracker.sender_id):
                return False
            services.hear(tracker, dispatcher)
            said = turns.navigate(tracker.sender_id, "repeat")
        except SQLAlchemyError as exc:
            log.error("roadmap not read, database unavailable: %s", exc)
            return False
        for message in said:
            dispatcher.utter_message(text=message.text, buttons=message.buttons)
        return True

    @staticmethod
    def _understood_in_spanish(
        dispatcher: CollectingDispatcher, kb: KnowledgeBase, understood: ctx.Understood, language: str | None
    ) -> None:
        """To someone writing in Spanish, before the English answer: "Entendí su pregunta así: «¿Cuánto
        cuesta el examen?»", the topic's Spanish title, where it has one."""
        asked = language == SPANISH and ctx.is_question(understood.intent)
        title = kb.spanish_title_for_intent(understood.intent) if asked and understood.intent else None
        if title:
            dispatcher.utter_message(response="utter_language_es_understood", title=title)

    @classmethod
    def _when_unsure(
        cls,
        dispatcher: CollectingDispatcher,
        kb: KnowledgeBase,
        domain: dict[str, Any],
        parsed: dict[str, Any],
        understood: ctx.Understood,
        context: ctx.Context,
        may_guess: bool,
    ) -> tuple[ctx.Understood, bool]:
        """No topic found: NLU's best guess when the second reading names it too, else NLU's guesses offered as a
        question back (True: asked back). Anything else, or no guess at all, is answered as it was understood."""
        if understood.intent != "nlu_fallback" or not may_guess:
            return understood, False
        guesses = best_guesses(parsed.get("intent_ranking") or [], ctx.is_question)
        text = parsed.get("text") or ""
        agreed = agreed_guess(services.second_reader(), guesses[0] if guesses else None, text, context.intent)
        if agreed is not None:
            return replace(understood, intent=agreed), False
        return understood, cls._offer_guesses(dispatcher, kb, domain, guesses, understood)

    @staticmethod
    def _offer_guesses(
        dispatcher: CollectingDispatcher,
        kb: KnowledgeBase,
        domain: dict[str, Any],
        guesses: list[str],
        understood: ctx.Understood,
    ) -> bool:
        """Unsure: offer the two or three topics NLU leaned toward; False when it leaned nowhere."""
        buttons = guess_buttons(guesses, kb.title_for_intent, understood.entities)
        if not buttons:
            return False
        question = domain["responses"]["utter_best_guesses"][0]["text"]
        dispatcher.utter_message(text=question, buttons=buttons, **{UNSURE: True})
        return True

    @staticmethod
    def _which_ccma(
        dispatcher: CollectingDispatcher,
        kb: KnowledgeBase,
        domain: dict[str, Any],
        understood: ctx.Understood,
        context: ctx.Context,
        state: str | None,
        text: str,
    ) -> bool:
        """ "CCMA" from someone in California: ask whether NHA's or California's own is meant, unless
        another national credential is in the message or the conversation ("and the CCMA?" after the
        RMA is NHA's), or the conversation already said which (no asking twice)."""
        if not ctx.is_question(understood.intent):
            return False

        def key(value: str) -> str | None:
            entity = kb.resolve(value)
            return entity.key if entity is not None else None

        own = [v for k, v in understood.entities if (k, v) not in understood.from_context]
        names_ccma = any(key(v) == "ccma" for v in own)
        national = {key(v) for _, v in [*understood.entities, *context.entities]} & NATIONAL_BESIDES_CCMA
        in_california = state == "california" or any(
            k == "us_state" and key(v) == "california" for k, v in understood.entities
        )
        # the conversation's own CCMA already chosen ("CCMA (NHA)" from the button) is the one meant again
        named = [v for _, v in (*understood.entities, *context.entities)]
        # "can she take the ccma while shes still in high school": a rule only NHA's CCMA has
        nha_only = any(k == "aspect" and v in NHA_ONLY_PARTS for k, v in understood.entities)
        if national or nha_only or not ask_which_ccma(text, named, names_ccma, in_california):
            return False
        nha = json.dumps({"credential": "CCMA (NHA)"})
        buttons = [
            {"title": "NHA's CCMA (national)", "payload": f"/{understood.intent}{nha}"},
            {"title": "California's own (now the CACMA)", "payload": '/ask_state_rules{"us_state":"California"}'},
        ]
        dispatcher.utter_message(text=domain["responses"]["utter_which_ccma"][0]["text"], buttons=buttons)
        return True

    @staticmethod
    def _resume(tracker: Tracker, topic: str) -> list[dict[str, str]]:
        """In the middle of a walk-through, offer to go back to the step they were on."""
        if topic in CHAT_TOPICS or tracker.active_loop.get("name"):
            return []
        try:
            button = services.turns().resume_button(tracker.sender_id)
        except SQLAlchemyError:
            return []
        return [button] if button else []
