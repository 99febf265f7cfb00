"""Which credentials a person can sit for now, and exactly what is missing for the others.

The rules are the eligibility routes in the knowledge base (`credentials.yml`:
`requires`, `within_years`, `min_years`, program hours, `also_needs`), each with its
source; this module only compares a person with them. When a certifier changes a
rule, the content changes and this code does not. What we cannot check (a diploma,
CPR, whether a certifier approves a particular program) is said as a condition,
never assumed away.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.citing import Citation, as_of, unique, with_source_line
from bot.eligibility.experience import _in_hours, _join, _years, standing, within_last
from bot.kb import schema
from bot.kb.queries import KnowledgeBase
from bot.profile import Profile

PROGRAM_REQUIREMENTS = ("accredited_program", "any_program", "approved_program")
#: How a route that takes completing students names the program a current student is in.
NEARLY_FINISHED = "finished or nearly so"
#: The accreditors a program route names ("ABHES- or CAAHEP-accredited").
ACCREDITED = re.compile(r"\S+(?: or \S+)?-accredited")
#: Routes that are not a way in for someone new (renewing, teaching) or that we do not ask
#: about (apprentices): kept in the result, left out of the text.
NOT_ASKED = ("apprenticeship", "credential_holder", "instructor")


@dataclass(frozen=True)
class RouteCheck:
    route: str
    kind: str
    label: str
    requires: str
    within_years: int | None
    met: bool
    missing: tuple[str, ...]  # what is lacking, as phrases ("a CAAHEP- or ABHES-accredited …")
    conditions: tuple[str, ...]  # what must also be true that we could not check ("that work was within …")
    also_needed: tuple[str, ...]  # the route's `also_needs`, in words
    citation: Citation
    #: Sources give two figures and the verdict depends on which: what they say and whom to ask.
    disputed: str | None = None
    #: The person has what the route asks for, but its time window has passed ("yours was 6 years ago").
    expired: bool = False
    #: What a work or military route asks for, in words: a "yes" says it, because people ask "will
    #: my 2 years count?" to learn the rule as much as the verdict.
    asks: str | None = None


@dataclass(frozen=True)
class CredentialResult:
    """The verdict for one credential. `text` is one line of the report; `citations` back that
    line and are gathered into the report's source line, so a result never shows its own."""

    credential: str
    abbreviation: str
    eligible: bool
    route: RouteCheck | None  # the route they qualify by
    gaps: tuple[RouteCheck, ...]  # every unmet route, fewest missing first
    text: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class EligibilityReport:
    profile: Profile
    results: tuple[CredentialResult, ...]
    citations: tuple[Citation, ...] = field(default_factory=tuple)

    @property
    def eligible_now(self) -> list[str]:
        """Credential keys the person can sit for now, in the knowledge base's order."""
        return [r.credential for r in self.results if r.eligible]

    def result(self, credential: str) -> CredentialResult | None:
        return next((r for r in self.results if r.credential == credential), None)

    @property
    def text(self) -> str:
        return "\n".join(f"• {r.text}" for r in self.results)

    def render(self) -> str:
        """The whole report as a person reads it, with the source line."""
        return with_source_line(self.text, self.citations)


def check(kb: KnowledgeBase, profile: Profile, credentials: Sequence[str] = ()) -> EligibilityReport:
    """Check `profile` against every credential's routes (or only `credentials`)."""
    accreditors = kb.accreditor_abbreviations()
    results = []
    for cred, routes in kb.credentials_with_routes():
        if credentials and cred.key not in credentials:
            continue
        body = kb.display_name("certifying_body", cred.body) or cred.body
        cited = kb.cite_many((r.source, as_of(r)) for r in routes)
        held = profile.held_credential == cred.key
        checks = [_check_route(c, body, r, profile, accreditors, held) for r, c in zip(routes, cited, strict=True)]
        results.append(_result(kb, cred, body, routes, checks, profile))
    return EligibilityReport(profile, tuple(results), unique(c for r in results for c in r.citations))


def recommend(report: EligibilityReport, ordered: Sequence[str]) -> str:
    """The credential to plan for when a person asks us to choose.

    One they can sit for now comes first (the knowledge base's order says which);
    otherwise the first credential, reached through a program. `ordered` is every
    credential key in that order.
    """
    now = report.eligible_now
    return now[0] if now else ordered[0]


def _also_needed(code: str, body: str) -> str:
    return {
        "hs_diploma": "a high-school diploma or GED",
        "cpr": "current CPR",
        "document_review": f"{body}'s review of your program documents",
        "full_time": "full-time work",
        "supervised": "supervised work",
        "clinical_and_admin": "both clinical and administrative duties",
        "foreign_evaluation": "a course-by-course evaluation of your education from abroad",
    }[code]


def _from_abroad(who: Profile) -> bool:
    """Whose education we know is from abroad: an international medical graduate's."""
    return who.background == "img"


#: Health professions whose people, asking here, have often trained abroad: a verdict names the
#: evaluation of foreign education as a condition ("if you trained abroad"), never as a fact about them.
OFTEN_TRAINED_ABROAD = frozenset({"nurse", "doctor", "midwife", "pharmacist", "dentist", "dental hygienist"})


def _maybe_from_abroad(who: Profile) -> bool:
    """Whose education may be from abroad, though they have not said so: a nurse's, a doctor's."""
    return not _from_abroad(who) and who.other_healthcare_role in OFTEN_TRAINED_ABROAD


def _check_route(
    citation: Citation,
    body: str,
    route: schema.EligibilityRoute,
    who: Profile,
    accreditors: list[str],
    held: bool = False,
) -> RouteCheck:
    """How `who` stands on one route. `held`: they held this route's credential before ("my CMA
    expired"), so a route for its holders (AAMA's Category 3, renewing by exam) is theirs."""
    missing: list[str] = []
    conditions: list[str] = []
    disputed: str | None = None
    asks: str | None = None
    req = route.requires
    if req in PROGRAM_REQUIREMENTS:
        missing, conditions = _program(route, who, accreditors, body)
        if route.within_years and who.years_since_graduation is not None:
            # "3 years ago, which exam can I still take?": a yes says how recent the program must be
            asks = f"a program finished within {within_last(route.within_years)}"
    elif req == "experience":
        # "how many hours is that": the hours too, where a source gives them
        asks = f"{_years(route.min_years)}{_in_hours(route.min_hours)} of medical assisting work within {within_last(route.within_years)}"
        found = standing(
            route.min_years,
            route.within_years,
            who.ma_years,
            who.experience_span_years,
            route.reported_min_years,
            route.min_hours,
        )
        if found.missing:  # set exactly when the route is not met
            # "i do mostly back office but i cover front desk": the route says which work counts
            duties = (
                ", with both clinical and administrative duties" if "clinical_and_admin" in route.also_needs else ""
            )
            missing.append(found.missing + duties)
        elif found.proviso:
            conditions.append(found.proviso)
        if found.disputed:
            disputed = f"Sources differ on its work route ({found.disputed}): confirm with {body}."
    elif req == "military":
        missing, conditions, asks = _military(route, who)
    elif req == "current_student":
        if not who.in_program:
            missing.append("being a current student in an approved program")
    elif req == "apprenticeship":
        missing.append("an approved apprenticeship")
    elif req == "credential_holder" and held:
        asks = "having held the credential before, renewing it by exam"
    else:  # credential_holder, instructor: not a way in for someone new
        missing.append("already holding the credential" if req == "credential_holder" else "teaching experience")
    codes = route.also_needs or ()
    if "hs_diploma" in codes and who.hs_diploma is False:
        missing.append(_also_needed("hs_diploma", body))
    also = tuple(
        _also_needed(c, body)
        for c in codes
        if not (c == "hs_diploma" and who.hs_diploma) and not (c == "foreign_evaluation" and not _from_abroad(who))
    )
    since = who.military_years_ago if req == "military" else who.years_since_graduation if who.has_program else None
    expired = bool(route.within_years and since is not None and since > route.within_years and req != "experience")
    return RouteCheck(
        route.key,
        route.kind,
        route.label or route.key.replace("_", " "),
        req,
        route.within_years,
        not missing,
        tuple(missing),
        tuple(conditions),
        also,
        citation,
        disputed,
        expired,
        asks,
    )


def _military(route: schema.EligibilityRoute, who: Profile) -> tuple[list[str], list[str], str]:
    """A military route: is there military medical training, and did it end recently enough?"""
    recency = f" finished within {within_last(route.within_years)}" if route.within_years else ""
    ago = who.military_years_ago
    missing: list[str] = []
    conditions: list[str] = []
    if not who.has_military_training:
        missing.append(f"U.S. military medical training{recency}")
    elif route.within_years and ago is None:
        conditions.append(f"your military medical training ended within {within_last(route.within_years)}")
    elif route.within_years and ago is not None and ago > route.within_years:
        missing.append(f"U.S. military medical training{recency} (yours was {_years(ago)} ago)")
    return missing, conditions, f"U.S. military medical training{recency}"


def _program(
    route: schema.EligibilityRoute, who: Profile, accreditors: list[str], body: str
) -> tuple[list[str], list[str]]:
    """A program route: is the right kind of program there, recent enough, long enough?"""
    req = route.requires
    if req == "accredited_program":
        what = f"{_article(accreditors[0])} {'- or '.join(accreditors)}-accredited medical assisting program"
        has = who.education == "accredited_program_graduate"
    elif req == "approved_program":
        what = f"a medical assisting program {body} accepts"
        has = who.has_program
    else:
        what = "a medical assisting program"
        has = who.has_program
    hours = ""
    if route.min_program_hours:
        hours = f" of at least {route.min_program_hours} hours"
        if route.min_externship_hours:
            hours += f", including at least {route.min_externship_hours} hours of externship"
    recency = f", finished within {within_last(route.within_years)}" if route.within_years else ""
    students = _students_may_apply(route)
    if not has and who.in_program and students:
        # "im in my MA program rn and i finish in june": a route that takes completing students (AAMA's
        # Category 1) says how early they may test, in its own words
        return [f"{what}{hours}, {NEARLY_FINISHED} ({students})"], []
    if not has:
        return [f"{what}{hours}{recency}"], []
    missing: list[str] = []
    conditions: list[str] = []
    if route.within_years:
        since = who.years_since_graduation
        if since is None:
            conditions.append(f"you finished it within {within_last(route.within_years)}")
        elif since > route.within_years:
            missing.append(f"{what}{recency} (yours was {_years(since)} ago)")
    if hours:
        conditions.append(
            f"your program had at least {route.min_program_hours} hours"
            + (f", including at least {route.min_externship_hours} of externship" if route.min_externship_hours else "")
        )
    if req == "approved_program" and "document_review" not in (route.also_needs or ()):
        conditions.append(f"{body} accepts your program")
    return missing, conditions


def _students_may_apply(route: schema.EligibilityRoute) -> str | None:
    """None unless the route takes completing students (its label says so); then what its summary says
    of them ("students may test up to 30 days before finishing"), or "" when it says nothing more."""
    if "student" not in (route.label or "").lower():
        return None
    clauses = (c.strip(" .") for c in re.split(r"[;.]\s+", route.summary or ""))
    return next((c for c in clauses if c.lower().startswith("students")), "")


def _article(initialism: str) -> str:
    """'an ABHES-…', 'a CAAHEP-…': initialisms are read letter by letter, so go by the letter's name."""
    return "an" if initialism[:1].upper() in "AEFHILMNORSX" else "a"


def _loosest(checks: list[RouteCheck], who: Profile) -> list[RouteCheck]:
    """Without a program, of two routes asking for the same kind of program only the looser counts.

    The CMA's Category 1 (within a year) and Category 2 (any time) both ask for an
    accredited program; someone who has none needs "an accredited program", once.
    """
    if who.has_program:
        return checks
    kept: list[RouteCheck] = []
    for c in checks:
        twin = next((k for k in kept if k.requires == c.requires and c.requires in PROGRAM_REQUIREMENTS), None)
        if twin is None:
            kept.append(c)
        elif _for_a_student(twin):
            continue  # a current student hears the route that takes completing students, and how early
        elif (
            _for_a_student(c)
            or c.within_years is None
            or (twin.within_years is not None and c.within_years > twin.within_years)
        ):
            kept[kept.index(twin)] = c
    return kept


def _if_accredited(checks: Sequence[RouteCheck], best: RouteCheck, who: Profile) -> RouteCheck | None:
    """The accredited-program route someone with a program of unsaid accreditation meets if it was
    accredited, when the route they meet for sure is another; None otherwise."""
    if (
        who.education != "other_program"
        or who.program_accredited is not None
        or who.years_since_graduation is None  # when it ended decides which accredited route; unsaid, the sure one
        or best.requires == "accredited_program"
    ):
        return None
    return next(
        (c for c in checks if c.requires == "accredited_program" and len(c.missing) == 1 and not c.expired),
        None,
    )


def _for_a_student(check_: RouteCheck) -> bool:
    return any(NEARLY_FINISHED in m for m in check_.missing)


def _shown(check_: RouteCheck, who: Profile) -> bool:
    """Routes worth naming in a person's "what is missing": the ones their situation points to."""
    if check_.requires in NOT_ASKED or (check_.requires == "current_student" and not who.in_program):
        return False
    if check_.requires == "experience":
        # Someone in another job (a lab technician, a CNA) could work as an MA first: that route is theirs too.
        other_work = bool(who.other_healthcare_years) and not who.has_military_training
        return who.ma_years > 0 or who.background in ("working_ma", "career_changer") or other_work
    if check_.requires == "military":
        return who.has_military_training
    return True


def _result(
    kb: KnowledgeBase,
    cred: schema.Credential,
    body: str,
    routes: list[schema.EligibilityRoute],
    checks: list[RouteCheck],
    who: Profile,
) -> CredentialResult:
    name = f"{cred.abbreviation} ({body})"
    met = [c for c in checks if c.met and c.requires != "instructor"]
    gaps = tuple(sorted((c for c in checks if not c.met), key=lambda c: len(c.missing)))
    if met:
        # Fewest unchecked conditions first, then the content's order (Category 1 before 2).
        best = min(met, key=lambda c: len(c.conditions))
        text = f"{name}: yes, now ({best.label})"
        twin = _if_accredited(checks, best, who)
        if twin is not None:  # "i just finished my ma program": Category 1 if it was accredited, else Category 4
            accredited = ACCREDITED.search(twin.missing[0])
            text = f"{name}: yes, now ({twin.label}) if your program was {accredited.group(0) if accredited else 'accredited'}"
            text += f"; if not, {best.label}"
        if best.asks and not best.disputed:  # two figures: the dispute names both
            text += f": it asks for {best.asks}" + (", so yours counts" if best.conditions else "")
        if best.conditions:
            text += ", if " + _join(best.conditions)
        text += "."
        if best.also_needed:
            text += " Also needed: " + "; ".join(best.also_needed) + "."
        if best.disputed:
            text += " " + best.disputed
        return CredentialResult(cred.key, cred.abbreviation, True, best, gaps, text, (best.citation,))
    shown = _loosest([c for c in gaps if _shown(c, who)], who)
    options = list(dict.fromkeys(m for c in shown for m in c.missing))
    # "Not yet" promises a later; when a window has closed on what they have, it is "not now".
    verdict = "no, not now" if any(c.expired for c in shown) else "not yet"
    if len(options) == 1:
        text = f"{name}: {verdict}. You need {options[0]}."
    else:
        text = f"{name}: {verdict}. You need one of: " + "; or ".join(options) + "."
    text += "".join(f" {c.disputed}" for c in shown if c.disputed)
    abroad = _also_needed("foreign_evaluation", body)
    if any(abroad in c.also_needed for c in shown):  # a degree from abroad is weighed only once evaluated
        text += f" {body} also asks for {abroad}."
    elif _maybe_from_abroad(who) and any(
        "foreign_evaluation" in (r.also_needs or ()) for r in routes if r.key in {c.route for c in shown}
    ):  # "im a nurse, and the rma?": many nurses and doctors asking here trained abroad, but not all
        text += f" If you trained abroad, {body} also asks for a course-by-course evaluation of that education."
    citations = [c.citation for c in shown]
    # Someone with work or military training should hear that this credential has no route for it.
    kinds = {r.kind for r in routes}
    absent = [
        (kind, name_)
        for kind, name_, relevant in (
            ("experience", "work-experience", who.ma_years > 0 or who.background == "working_ma"),
            ("military", "military", who.has_military_training),
        )
        if relevant and kind not in kinds
    ]
    unconfirmed = [name_ for kind, name_ in absent if kind in (cred.unconfirmed_routes or ())]
    listed_none = [name_ for kind, name_ in absent if kind not in (cred.unconfirmed_routes or ())]
    if listed_none:
        text += f" It lists no {' or '.join(listed_none)} route."
    if unconfirmed:  # "Some sites mention a military route": neither promised nor denied
        text += f" Some sites report a {' or '.join(unconfirmed)} route, but it is not confirmed: ask {body}."
    if absent:
        citations.append(kb.cite(cred.source, as_of(cred)))
    return CredentialResult(cred.key, cred.abbreviation, False, None, gaps, text, unique(citations))
