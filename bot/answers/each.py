"""Two states or two credentials in one question: each one's own answer, in the order named.

"What's the pay in Pennsylvania, and in Ohio?", "how do I renew the RMA and the CCMA?" or "what would I
make in Ohio, is that more than a CNA?" asks one question about two things. The knowledge base has an answer written for each;
the general answer covers neither's figures. So each gets its own answer, said in turn,
when every one of them has an answer of its own. Choosing between credentials, comparing
roles and a person's eligibility are answered together by design (their answers weigh
the named things against each other), so they are never split.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.answers.reply import Reply
from bot.kb.queries import KnowledgeBase

Entities = list[tuple[str, str]]

#: The kinds of thing that are answered one by one; a certifying body stands for its credential, and
#: roles ("ma vs dental assistant vs pharm tech, which pays more") are the other roles named.
SPLIT_KINDS = (("us_state",), ("credential", "certifying_body"), ("role",))
#: Questions whose answer weighs the named things together.
ANSWERED_TOGETHER = frozenset({"ask_which_credential", "ask_compare_roles", "ask_eligibility"})
#: Questions where one place and other roles named are answered in turn: the place's figures, then each
#: other role's beside a medical assistant's.
PLACE_AND_ROLES = frozenset({"ask_salary"})
#: At most this many answers to one message (the rest would bury the first).
MAX_EACH = 3


def one_each(
    intent: str | None, entities: Sequence[tuple[str, str]], ours: Callable[[str], bool] = lambda role: False
) -> list[Entities]:
    """The entity lists to answer one by one: one per named state (or credential, or role other than
    `ours`, the medical assistant every answer is about), each with the message's other entities; the
    whole list alone when there is nothing to split."""
    if intent in ANSWERED_TOGETHER:
        return [list(entities)]
    for kinds in SPLIT_KINDS:
        named = list(dict.fromkeys(e for e in entities if e[0] in kinds and not (e[0] == "role" and ours(e[1]))))
        if 2 <= len(named) <= MAX_EACH:
            rest = [e for e in entities if e[0] not in kinds]
            return [[one, *rest] for one in named]
    if intent in PLACE_AND_ROLES:
        # "what would i make in ohio, is that more than a cna": Ohio's figures, then the CNA's beside an MA's
        places = list(dict.fromkeys(e for e in entities if e[0] == "us_state"))
        roles = list(dict.fromkeys(e for e in entities if e[0] == "role" and not ours(e[1])))
        if len(places) == 1 and 1 <= len(roles) < MAX_EACH:
            rest = [e for e in entities if e[0] not in ("us_state", "role")]
            return [[*places, *rest], *([role, *rest] for role in roles)]
    return [list(entities)]


def answer_each(
    kb: KnowledgeBase, groups: Sequence[Entities], answer: Callable[[Entities], Reply]
) -> list[tuple[str, Reply]] | None:
    """Each group's answer, led by the name it is about unless it already opens with it; None when
    any of them would be the general answer, or none has an answer of its own (then one general answer
    serves them all better). "Pay in California compared to Arizona": California's figures, then
    the answer written for any state without figures, which says so for Arizona."""
    if len(groups) < 2:
        return None
    out = []
    own = False
    seen: set[str] = set()
    for group in groups:
        entity = kb.resolve(group[0][1])
        if entity is not None and entity.key in seen:
            continue  # "arizona ... up in flagstaff": one state, answered once
        reply = answer(group)
        if entity is None or reply.variant not in (entity.key, entity.kind):
            return None
        seen.add(entity.key)
        own = own or reply.variant == entity.key
        named = entity.display.lower() in reply.text[:80].lower()
        lead = (
            "" if named else (f"In {entity.display}: " if entity.kind == "us_state" else f"For the {entity.display}: ")
        )
        out.append((lead, reply))
    return out if own and len(out) > 1 else None
