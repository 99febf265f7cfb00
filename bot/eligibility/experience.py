"""Check a person's years of medical-assisting work against the credentials' experience routes.

"Can I take the RMA with 3 years of experience?" deserves a yes or no, not the
general rules. The numbers come from each route in the knowledge base (with its
source), so when a certifier changes its rule only the content changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from bot.citing import Citation, Cited, as_of, unique
from bot.kb.queries import KnowledgeBase
from bot.number_words import CARDINALS

_WORDS: dict[str, float] = {**CARDINALS, "a": 1, "an": 1, "half": 0.5}
_AMOUNT = re.compile(r"(?P<n>\d+(?:\.\d+)?|[a-z]+)\s*(?:\+\s*)?(?P<unit>year|yr|month|mo)", re.I)


def parse_years(text: str) -> float | None:
    """'3 years' -> 3, 'two yrs' -> 2, '18 months' -> 1.5; None when it is not an amount of time."""
    match = _AMOUNT.search(text.lower())
    if not match:
        return None
    raw = match["n"]
    amount = float(raw) if raw[0].isdigit() else _WORDS.get(raw)
    if amount is None:
        return None
    return amount / 12 if match["unit"].startswith("mo") else amount


def _years(x: float) -> str:
    return f"{x:g} year" + ("" if x == 1 else "s")


def within_last(years: float) -> str:
    """'the last 7 years', 'the last 12 months': how a route's recency reads in a sentence (sources give a year as 12 months)."""
    return "the last 12 months" if years == 1 else f"the last {years:g} years"


@dataclass(frozen=True)
class Standing:
    """How a person's work compares with one experience route.

    `met` is True only when the route is certainly met by what we know; `proviso` is
    what would still have to be true (the work's recency, when not given); `missing`
    says exactly what is lacking when it is not met.
    """

    met: bool
    missing: str | None = None
    proviso: str | None = None
    #: Set when a second published figure would give the other verdict: both figures, in words.
    disputed: str | None = None


def standing(
    min_years: float,
    within_years: float,
    years: float,
    span_years: float | None = None,
    reported_min_years: float | None = None,
    min_hours: int | None = None,
) -> Standing:
    """Compare `years` of MA work, all of it within the last `span_years` (None: not said), with a route.

    When the work is spread over more years than the route's window, only the part
    that certainly falls inside the window counts: years - (span - window). When
    sources give two figures for the route and the verdict depends on which is right,
    the standing says so (`disputed`), so the person hears both and whom to ask.
    """
    found = _standing(min_years, within_years, years, span_years, min_hours)
    if reported_min_years is None or _standing(reported_min_years, within_years, years, span_years).met == found.met:
        return found
    both = f"{_years(min_years)}{_in_hours(min_hours)} by one source, {_years(reported_min_years)} by another"
    return replace(found, disputed=f"{both}, within {within_last(within_years)}")


def _in_hours(hours: int | None) -> str:
    """ ", or 5,616 hours,": the same work in hours, for people who work part time."""
    return f", or {hours:,} hours," if hours else ""


def _standing(
    min_years: float, within_years: float, years: float, span_years: float | None, min_hours: int | None = None
) -> Standing:
    rule = f"{_years(min_years)}{_in_hours(min_hours)} of medical assisting work within {within_last(within_years)}"
    if years < min_years:
        return Standing(False, missing=f"{rule} (you have {_years(years)})" if years else rule)
    if span_years is None:
        return Standing(True, proviso=f"that work was within {within_last(within_years)}")
    if years - max(0.0, span_years - within_years) >= min_years:
        return Standing(True)
    return Standing(False, missing=f"{rule} (yours is spread over {within_last(span_years)})")


def check_experience(kb: KnowledgeBase, years: float, credentials: Sequence[str] = ()) -> Cited | None:
    """Which experience routes `years` of recent work meets, limited to `credentials` if any are named.

    None when there is nothing to say: no experience route and no credential named.
    """
    routes = [(c, r) for c, r in kb.experience_routes() if not credentials or c.key in credentials]
    named_without_route = [k for k in credentials if k not in {c.key for c, _ in routes}]
    met: list[str] = []
    short: list[str] = []
    citations: list[Citation] = []
    disputes: list[str] = []
    for cred, route in routes:
        rule = f"the {cred.abbreviation} ({_years(route.min_years)} within the last {route.within_years})"
        found = standing(route.min_years, route.within_years, years, reported_min_years=route.reported_min_years)
        (met if found.met else short).append(rule)
        if found.disputed:
            body = kb.display_name("certifying_body", cred.body) or cred.body
            disputes.append(f"Sources differ for the {cred.abbreviation} ({found.disputed}): confirm with {body}.")
        citations.append(kb.cite(route.source, as_of(route)))
    sentences: list[str] = []
    if met or short:
        sentences.append(f"With {_years(years)} of recent medical assisting work,")
        if met:
            sentences.append("you meet the work-experience route of " + _join(met) + ".")
        if short:
            sentences.append(("You are short of " if met else "you are short of ") + _join(short) + ".")
    sentences += disputes
    for key in named_without_route:
        named = kb.credential(key)
        if named is not None:
            sentences.append(f"The {named.abbreviation} has no work-experience route: it needs an accredited program.")
            citations.append(kb.cite(named.source, as_of(named)))
    if not sentences:
        return None
    return Cited(" ".join(sentences), unique(citations))


def _join(items: Iterable[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
