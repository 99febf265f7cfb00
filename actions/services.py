"""What the actions share: one knowledge base per action server, and the roadmap turns over it.

Every action module imports these from here rather than from each other, so no
action module depends on another.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import joblib
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from bot.answers.personal import honest_application
from bot.db import get_engine
from bot.kb.queries import KnowledgeBase
from bot.profile import Profile
from bot.profile.memory import ProfileMemory
from bot.profile.reading import Heard
from bot.roadmap.progress import ProgressStore
from bot.roadmap.turns import RoadmapTurns
from bot.settings import load_settings
from bot.understanding.places import might_name_a_code, states_by_code, where_they_go
from bot.understanding.second_reading import SecondReader
from bot.understanding.shorthand import means_right_now
from bot.understanding.split import ANSWERED_TOPIC, LATER_QUESTION

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def knowledge_base() -> KnowledgeBase:
    """The action server's knowledge base, remembering its reads (see `fresh_knowledge_base`)."""
    return KnowledgeBase(get_engine(load_settings().database_url), remember=True)


def fresh_knowledge_base() -> KnowledgeBase:
    """The knowledge base, its remembered reads dropped if the content was reloaded since."""
    kb = knowledge_base()
    kb.refresh()
    return kb


#: Where `bot.tools.second_reading_build` (run by `make setup`) writes the second reading, under var/.
SECOND_READING_FILE = "second_reading.joblib"


@lru_cache(maxsize=1)
def second_reader() -> SecondReader | None:
    """The second reading of questions, or None (logged) when setup has not built it: the bot then answers
    on its first reading alone rather than not at all."""
    path = load_settings().var_dir / SECOND_READING_FILE
    try:
        reader = joblib.load(path)
    except (OSError, ValueError, EOFError, AttributeError, ImportError) as exc:
        log.warning("no second reading (%s: %s); run `make setup` to build it", path, exc)
        return None
    if not isinstance(reader, SecondReader):
        log.warning("no second reading: %s holds a %s", path, type(reader).__name__)
        return None
    return reader


def turns() -> RoadmapTurns:
    """The roadmap turns over the fresh knowledge base, with progress kept in its database."""
    return _turns(fresh_knowledge_base())


@lru_cache(maxsize=1)
def _turns(kb: KnowledgeBase) -> RoadmapTurns:
    return RoadmapTurns(kb, ProgressStore(kb.engine))


def memory() -> ProfileMemory:
    """Everyone's profile, kept beside their roadmap progress."""
    return _memory(fresh_knowledge_base())


@lru_cache(maxsize=1)
def _memory(kb: KnowledgeBase) -> ProfileMemory:
    return ProfileMemory(ProgressStore(kb.engine))


def whole_word_entities(tracker: Tracker) -> list[dict[str, Any]]:
    """The latest message's entities, less those found inside a longer word (spaCy splits "can't" and
    "cant" into "ca" + "n't", and "ca" is California's code, so "i cant do school" named a state) and
    texting's "rn" for "right now" ("money is tight rn" names no nurse), plus a state named by its code."""
    text = tracker.latest_message.get("text") or ""
    found = tracker.latest_message.get("entities", [])
    if text.startswith("/"):  # a button's payload: its entities sit in its JSON, right after the intent's name
        return list(found)
    kept = [
        e
        for e in found
        if _whole_word(text, e.get("start"), e.get("end"))
        and not (isinstance(e.get("start"), int) and means_right_now(text, e["start"], e.get("end") or 0))
    ]
    # "what about in PA?", "a new job in cherry hill NJ": a postal code the entity ruler leaves alone,
    # made a place by the words before it
    if might_name_a_code(text):
        try:  # codes change only with the content: the remembered read will do
            by_code = states_by_code(text, knowledge_base().state_codes())
        except SQLAlchemyError:  # the names NLU found are still the message's; a code is a nicety
            by_code = []
        taken = {e.get("start") for e in kept}
        kept += [
            {"entity": "us_state", "value": p.name, "start": p.start, "end": p.end}
            for p in by_code[:1]
            if p.start not in taken
        ]
    return _without_states_left_behind(text, kept)


def _without_states_left_behind(text: str, entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """ "moving from tx to spokane, do i need something in washington": only where they are going."""
    places = [e for e in entities if e.get("entity") == "us_state" and isinstance(e.get("start"), int)]
    if len(places) < 2:
        return entities
    try:
        named = [(e["start"], _state_key(str(e.get("value")))) for e in places]
    except SQLAlchemyError:
        return entities
    left = where_they_go(text, named)
    return [e for e in entities if not (e in places and _state_key(str(e.get("value"))) in left)]


def _state_key(value: str) -> str:
    entity = knowledge_base().resolve(value)
    return entity.key if entity is not None else value.lower()


def _whole_word(text: str, start: Any, end: Any) -> bool:
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(text):
        return True  # no position to check (a button's payload): keep it
    before = text[start - 1] if start > 0 else " "
    after = text[end : end + 2]
    joined_after = bool(after) and (
        after[0].isalnum()
        or (after[0] in "'\u2019" and after.lower()[1:2] != "s")
        or (after[0] == "-" and after[1:2].isalpha())  # "MA-R" is Washington's credential, not Massachusetts
    )
    return not before.isalnum() and not joined_after


def entities(tracker: Tracker) -> dict[str, str]:
    """Entities of the latest message by type: KB keys for names, raw text for years."""
    found: dict[str, str] = {}
    for e in whole_word_entities(tracker):
        kind, value = e.get("entity"), e.get("value")
        if not kind or value is None or kind in found:
            continue
        if kind == "experience_years":
            found[kind] = str(value)
            continue
        entity = fresh_knowledge_base().resolve(str(value))
        found[kind] = entity.key if entity and entity.kind == kind else str(value)
    return found


def hear(tracker: Tracker, dispatcher: CollectingDispatcher | None = None) -> tuple[Profile, Heard]:
    """The sender's stored profile, updated with what their latest message says about them.

    With a dispatcher, a plan to misstate experience is answered with the facts at once,
    before whatever the action says next (a form's question, a plan step).
    """
    profile, heard = memory().hear(tracker.sender_id, tracker.latest_message.get("text") or "", entities(tracker))
    if heard.misstating and dispatcher is not None:
        honest = honest_application(fresh_knowledge_base())
        dispatcher.utter_message(text=honest.text, buttons=honest.buttons)
    return profile, heard


def forget_answers(questions: Iterable[str]) -> list[dict[str, Any]]:
    """Clear form answers the person has since replaced, so they never override the profile."""
    return [SlotSet(q, None) for q in sorted(questions)]


def last_answers(tracker: Tracker) -> tuple[tuple[str, str], ...]:
    """The answers of the reply before the latest message, as (topic, text): what the person just read.

    A message split into several questions is one message: the replies to all its parts count. The latest
    message itself (the last user event) is passed over."""
    said: list[tuple[str, str]] = []
    users = 0
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind == "user":
            users += 1
            if users > 1 and not (event.get("metadata") or {}).get(LATER_QUESTION):
                break
        elif kind == "bot" and users >= 1:
            topic = (event.get("metadata") or {}).get(ANSWERED_TOPIC)
            if isinstance(topic, str) and event.get("text"):
                said.append((topic, str(event["text"])))
    return tuple(reversed(said))
