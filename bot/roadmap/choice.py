"""Which credential a plan aims at, and, when we chose it, why, in one sentence.

A person who names a credential gets a plan for it. One who asks us to pick gets a
credential they can sit now, if there is one: a route the sources agree on before one
they dispute, and a route we can check before one that waits on the certifier's review
of a program, then the knowledge base's order. Only when no exam is open to them yet
is it the first credential in that order, reached through a program: so the CMA, whose
exam needs an accredited program, is never picked for someone who can sit another exam
now through work or military training.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.citing import Cited, as_of
from bot.eligibility.check import CredentialResult, EligibilityReport
from bot.kb.queries import KnowledgeBase
from bot.profile import Profile


@dataclass(frozen=True)
class Choice:
    credential: str
    #: True when we picked it because the person asked us to choose.
    recommended: bool
    #: Why we picked it, one sentence with its sources; None when the person named it.
    reason: Cited | None = None


def choose(kb: KnowledgeBase, profile: Profile, report: EligibilityReport) -> Choice:
    """The credential for `profile`'s plan: the one they named, else the one we recommend."""
    order = [c.key for c, _ in kb.credentials_with_routes()]
    if profile.credential is not None and profile.credential in order:
        return Choice(profile.credential, False)
    eligible = [r for r in report.results if r.eligible and r.route is not None]
    if eligible:
        best = min(eligible, key=lambda r: _rank(r, order))
        return Choice(best.credential, True, Cited(_now_reason(best), best.citations))
    return Choice(order[0], True, _program_reason(kb, order[0]))


def _rank(result: CredentialResult, order: list[str]) -> tuple[bool, bool, int]:
    """Agreed routes first, then routes we can check ourselves, then the knowledge base's order."""
    route = result.route
    if route is None:  # not eligible: never ranked, but last if it were
        return True, True, len(order)
    return route.disputed is not None, route.requires == "approved_program", order.index(result.credential)


def _now_reason(result: CredentialResult) -> str:
    """ "I picked the CCMA because you can sit it now through its work-experience route." """
    return f"I picked the {result.abbreviation} because you can sit it now {route_phrase(result)}."


def route_phrase(result: CredentialResult) -> str:
    """How an eligible person gets in: "through its work-experience route", "(category 2: …)"."""
    if result.route is None:
        return ""
    label = result.route.label
    return f"through its {label}" if label.endswith("route") else f"({label[:1].lower()}{label[1:]})"


def _program_reason(kb: KnowledgeBase, key: str) -> Cited:
    """Nothing is open yet, so a program comes first; say what the program opens."""
    credential = kb.credential(key)
    if credential is None:  # the key came from the knowledge base's own list
        raise LookupError(f"unknown credential {key!r}")
    abbreviation = credential.abbreviation or credential.name
    text = (
        f"I picked the {abbreviation} because, from what you've told me, you can't sit an exam yet, "
        "so you'll start with a program"
    )
    if credential.requires_accredited_program:
        accreditors = kb.accreditor_abbreviations()
        text += f", and {_article(accreditors[0])} {'- or '.join(accreditors)}-accredited one opens the {abbreviation}"
    text += "."
    return Cited(text, (kb.cite(credential.source, as_of(credential)),))


def _article(initialism: str) -> str:
    """ "an ABHES-…", "a CAAHEP-…": initialisms are read letter by letter."""
    return "an" if initialism[:1].upper() in "AEFHILMNORSX" else "a"
