"""Turn knowledge-base answers into what a person reads.

Kept apart from the Rasa action so every channel (REST, widget, Slack, Telegram)
and every test sees the same wording, including the source line that every
stated figure must carry.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from sqlalchemy.exc import SQLAlchemyError

from bot.answers.compare import compare_credentials, compare_roles
from bot.citing import Cited, with_source_line
from bot.eligibility.experience import check_experience, parse_years
from bot.eligibility.personal import verdict_for
from bot.kb.queries import Entity, KnowledgeBase, ResolvedAnswer
from bot.profile import Profile
from bot.profile.describe import parts
from bot.school import sayings as school_sayings
from bot.school.profile import current_school

log = logging.getLogger(__name__)

FALLBACK_TOPIC = "fallback"
COMPARE_ROLES_TOPIC = "compare_roles"
WHICH_CREDENTIAL_TOPIC = "which_credential"
ELIGIBILITY_TOPIC = "eligibility"
#: The part of eligibility that asks when they may test (in a program, right after it, a year later):
#: the credential's routes answer it, where their own verdict ("not yet") would not.
WHEN_THEY_MAY_TEST = "timing"
SUBJECT_ROLE = "medical_assistant"


@dataclass(frozen=True)
class Reply:
    text: str
    buttons: list[dict[str, str]]
    topic: str
    #: The answer's variant: "default", or the key of the entity it is specific to ("rma", "texas").
    variant: str = "default"


class KnowledgeBaseUnavailable(RuntimeError):
    """The database is missing, locked or broken; callers answer politely instead."""


def format_answer(answer: ResolvedAnswer) -> Reply:
    """The answer as a person reads it: its text, with the school's own facts filled in, then its source line."""
    return Reply(
        text=with_source_line(school_sayings.fill(answer.text, current_school()), answer.citations),
        buttons=list(answer.buttons),
        topic=answer.topic,
        variant=answer.variant,
    )


def _choices(kb: KnowledgeBase, entities: Iterable[tuple[str, str]]) -> tuple[list[str], dict[str, str], list[Entity]]:
    """Variants to try, most specific first: a button's aspect, each named thing, then its type.

    A certifying body stands for the credentials it awards ("AMT renewal" is the RMA's),
    and a type-wide answer ("us_state") is used only when no entity has its own.
    """
    aspects: list[str] = []
    named: list[Entity] = []
    for kind, value in entities:
        if kind == "aspect":
            aspects.append(value)
        elif kind != "experience_years":
            entity = kb.resolve(value)
            if entity is not None and entity not in named:
                named.append(entity)
    # Medical assisting is what every answer is about: "MA vs LPN" is a question about the LPN.
    if any(e.kind == "role" and e.key != SUBJECT_ROLE for e in named):
        named = [e for e in named if e.key != SUBJECT_ROLE]
    # Two of a kind ("RMA or CCMA renewal?", "certificate or associate?") is a question
    # about both: the general answer, which covers every one, fits it better than either.
    kinds = [e.kind for e in named]
    specific = [e for e in named if kinds.count(e.kind) == 1]
    # "the RMA or the NHA one": a body stands for its credential, so that is two credentials too ("the RMA from
    # AMT" is one)
    credentials = {e.key for e in named if e.kind == "credential"} | {
        key for e in named if e.kind == "certifying_body" for key in kb.credentials_of_body(e.key)
    }
    if len(credentials) > 1:
        specific = [e for e in specific if e.kind not in ("credential", "certifying_body")]
    prefer = aspects + [e.key for e in specific]
    for entity in specific:
        if entity.kind == "certifying_body":
            prefer += kb.credentials_of_body(entity.key)
    names: dict[str, str] = {}
    for entity in specific:
        names.setdefault(entity.kind, entity.display)
    prefer += list(names)
    return list(dict.fromkeys(prefer)), names, named


def _comparison(kb: KnowledgeBase, topic: str, named: Sequence[Entity]) -> ResolvedAnswer | None:
    """Two roles other than medical assistant, or two credentials: build the comparison."""
    if topic == COMPARE_ROLES_TOPIC:
        roles = [e.key for e in named if e.kind == "role"]
        if len(roles) >= 2:
            return compare_roles(kb, roles[0], roles[1])
    if topic == WHICH_CREDENTIAL_TOPIC:
        creds = [e.key for e in named if e.kind == "credential"]
        if len(creds) >= 2:
            return compare_credentials(kb, creds[0], creds[1])
    return None


def _experience_note(
    kb: KnowledgeBase,
    topic: str,
    entities: Sequence[tuple[str, str]],
    named: Sequence[Entity],
    profile: Profile | None,
) -> Cited | None:
    """For an eligibility question from someone we know, or that gives years of work: their own verdict.

    With a profile (their background, work, program or military training, from any
    turn), every route of the credentials they named is checked for them, and the
    verdict starts with what it rests on, so they can correct it. Years given in the
    question alone are checked against the work routes.
    """
    if topic != ELIGIBILITY_TOPIC:
        return None
    years = next((y for k, v in entities if k == "experience_years" for y in [parse_years(v)] if y), None)
    creds = [e.key for e in named if e.kind == "credential"]
    for e in named:
        if e.kind == "certifying_body":
            creds += kb.credentials_of_body(e.key)
    # Years in the question are MA work unless the profile reader heard them as other work (a CNA's)
    # or as the time since training ended.
    if (
        profile is not None
        and years is not None
        and profile.experience_years is None
        and not profile.other_healthcare_years
        and years not in (profile.military_years_ago, profile.years_since_graduation)  # "got out 18 years ago"
    ):
        profile = replace(profile, experience_years=years)
    # a credential held before says something only of that credential ("could I ever get the CMA?" from
    # someone who held the CCMA is the CMA's routes for anyone)
    held = (
        profile is not None and profile.held_credential is not None and (not creds or profile.held_credential in creds)
    )
    if profile is not None and (parts(replace(profile, held_credential=None)) or held):
        return verdict_for(kb, profile, creds)
    if years is None or (profile is not None and years in (profile.military_years_ago, profile.years_since_graduation)):
        return None  # "i finished my program 2 yrs ago": years since a program, not of work
    return check_experience(kb, years, creds)


def _background_key(background: object) -> str | None:
    """A stored background as a variant key ("img"); anything that is not a key is no background."""
    if not isinstance(background, str):
        return None
    key = background.strip().lower()
    return key or None


def reply_for(
    kb: KnowledgeBase,
    intent: str | None,
    entities: Iterable[tuple[str, str]] = (),
    profile: Profile | None = None,
    *,
    background: str | None = None,
) -> Reply:
    """The reply to a message classified as `intent`, specific to the entities it named if we can.

    `entities` are (type, value) pairs as NLU extracted them, e.g. ("credential", "RMA");
    `profile` is what the person has told us about themselves, in any turn.
    `background` is theirs ("img", "working_ma"; None when unknown; the profile's when not
    given): what this message names comes first, then their background's own variant, then
    the answer written for anyone. So an IMG reads the IMG guide's lines and nobody else is
    told about a medical degree they don't have.
    """
    entities = list(entities)
    if background is None and profile is not None:
        background = profile.background
    try:
        topic = (intent and kb.topic_for_intent(intent)) or FALLBACK_TOPIC
        prefer, names, named = _choices(kb, entities)
        own = _background_key(background)
        if own is not None and own not in prefer:
            prefer.append(own)
        answer = _comparison(kb, topic, named) or kb.answer(topic, prefer, names) or kb.answer(FALLBACK_TOPIC)
        note = (
            answer
            and not _a_part_asked(kb, answer.variant, entities)
            and ("aspect", WHEN_THEY_MAY_TEST) not in entities  # "how early can I sit for it": the routes say
            and _experience_note(kb, topic, entities, named, profile)
        )
    except SQLAlchemyError as exc:
        log.error("knowledge base unavailable: %s", exc)
        raise KnowledgeBaseUnavailable(str(exc)) from exc
    if answer is None:  # an empty knowledge base: treat like an unreadable one
        raise KnowledgeBaseUnavailable("the knowledge base has no answers loaded")
    if note:  # their own years answer what they asked; the general rules are one click away
        answer = replace(
            answer,
            text=note.body,
            citations=note.citations,
            buttons=_all_routes_buttons(kb, entities, named) + answer.buttons[:2],
        )
    return format_answer(answer)


def _a_part_asked(kb: KnowledgeBase, variant: str | None, entities: Sequence[tuple[str, str]]) -> bool:
    """The words asked for one part of the topic ("what about the plain work experience route?"), not
    for a credential: that part answers them, where their own verdict would only repeat itself."""
    if variant is None or ("aspect", variant) not in entities:
        return False
    entity = kb.resolve(variant)
    return entity is None or entity.kind != "credential"


def _all_routes_buttons(
    kb: KnowledgeBase, entities: Sequence[tuple[str, str]], named: Sequence[Entity]
) -> tuple[dict[str, str], ...]:
    creds = [e for e in named if e.kind == "credential"]
    if not creds:
        return ({"title": "All the ways to qualify", "payload": "/ask_eligibility"},)
    return tuple(
        {"title": f"All {e.display} routes", "payload": f'/ask_eligibility{{"credential":"{e.key}"}}'} for e in creds
    )
