"""References to sources, facts, bodies and backgrounds must point at entries that exist.

Also here: a fact's range must state the numbers of its value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from bot.kb.catalog import LIST_NAMES, Content
from bot.kb.checks.known import Known
from bot.kb.problems import Place, Problem
from bot.kb.records import Fact
from bot.kb.text_rules import PLACEHOLDER


def unknown_source(at: Place, field: str, key: str, known: Known) -> Iterator[Problem]:
    """A source key that sources.yml (or sources_credentials.yml) does not list."""
    if key not in known.sources:
        yield at.problem(field, f"unknown source {key!r} (see sources.yml)")


def unknown_facts(at: Place, field: str, text: str, known: Known) -> Iterator[Problem]:
    """`{fact:key}` placeholders in `text` that name no fact."""
    for key in PLACEHOLDER.findall(text):
        if key not in known.facts:
            yield at.problem(field, f"unknown fact {{fact:{key}}}")


def unknown_backgrounds(at: Place, keys: Iterable[str], known: Known) -> Iterator[Problem]:
    """Backgrounds a step or timeline part is limited to must be listed in backgrounds.yml."""
    for key in keys:
        if key not in known.backgrounds:
            yield at.problem("backgrounds", f"unknown background {key!r}")


def unknown_sources(content: Content, known: Known) -> Iterator[Problem]:
    """Every sourced entry, and every eligibility route, cites a source that exists."""
    for list_name in LIST_NAMES:
        for item in content.records(list_name):
            at = Place(content.file_of(item), repr(item.key))
            if hasattr(item, "source"):
                yield from unknown_source(at, "source", item.source, known)
            for route in getattr(item, "routes", []):
                yield from unknown_source(at, f"routes.{route.key}.source", route.source, known)


def range_mismatch(fact: Fact) -> str | None:
    """Why a fact's range disagrees with its value (a bound the value does not state), or None."""
    if fact.range is None:
        return None
    numbers = {float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", fact.value)}
    missing = [f"{b:g}" for b in (fact.range.min, fact.range.max) if b and b not in numbers]
    if missing:
        return f"the range does not match the value {fact.value!r}: {', '.join(missing)} not in it"
    return None


def fact_problems(content: Content, known: Known) -> Iterator[Problem]:
    """A fact's range states the numbers of its value, and its subject is something the content describes."""
    for fact in content.facts:
        at = Place(content.file_of(fact), repr(fact.key))
        mismatch = range_mismatch(fact)
        if mismatch:
            yield at.problem("range", mismatch)
        if fact.subject not in known.subjects:
            yield at.problem("subject", f"unknown subject {fact.subject!r}")


def unknown_bodies(content: Content, known: Known) -> Iterator[Problem]:
    """A credential is awarded by a certifying body that bodies.yml lists."""
    for cred in content.credentials:
        if cred.body not in known.bodies:
            yield Problem(content.file_of(cred), repr(cred.key), "body", f"unknown body {cred.body!r}")


#: Numbers people write in words in a period ("valid for five years").
_NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 10: "ten"}


def period_phrases(months: int) -> set[str]:
    """The ways a fact's value may state a period of `months`: "60 months", "5 years", "five years"."""
    phrases = {f"{months} months"}
    if months % 12 == 0:
        years = months // 12
        phrases |= {f"{years} years", f"{years} year"} | (
            {f"{_NUMBER_WORDS[years]} years"} if years in _NUMBER_WORDS else set()
        )
    return phrases


def validity_facts(content: Content, known: Known) -> Iterator[Problem]:
    """A credential's validity names a fact about that credential whose value states the same period."""
    for cred in content.credentials:
        if cred.validity_fact is None or cred.valid_months is None:
            continue
        fact = known.facts.get(cred.validity_fact)
        at = Place(content.file_of(cred), repr(cred.key))
        if fact is None:
            yield at.problem("validity_fact", f"unknown fact {cred.validity_fact!r}")
        elif fact.subject != cred.key:
            yield at.problem("validity_fact", f"fact {fact.key!r} is about {fact.subject!r}, not {cred.key!r}")
        elif not any(p in fact.value for p in period_phrases(cred.valid_months)):
            yield at.problem("valid_months", f"{cred.valid_months} months is not the period fact {fact.key!r} states")
