"""The records of the content files (pydantic): what each kind of entry holds, and the rules one entry must follow.

Rules that need more than one entry (a reference to another file, a key used twice)
are in `bot.kb.checks`; these models only see the entry they validate.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConstrainedFloat, ConstrainedInt, ConstrainedStr, Extra, Field, validator

from bot.kb.text_rules import MAX_ANSWER_WORDS, MAX_NOTE_WORDS, check_figures

# Constrained types as classes, so type checkers see a str, an int or a float.


class Key(ConstrainedStr):
    """A key other entries refer to: lower-case letters, digits and underscores."""

    regex = re.compile(r"^[a-z][a-z0-9_]*$")
    min_length = 1
    max_length = 64


class Text(ConstrainedStr):
    """Text people read: never empty once the surrounding whitespace is gone."""

    strip_whitespace = True
    min_length = 1


class Year(ConstrainedInt):
    ge = 1960
    le = 2100


class Order(ConstrainedInt):
    ge = 1


class RangeMin(ConstrainedFloat):
    ge = 0
    le = 1000


class RangeMax(ConstrainedFloat):
    gt = 0
    le = 1000


class WorkYears(ConstrainedFloat):
    gt = 0
    le = 50


class RecentYears(ConstrainedInt):
    gt = 0
    le = 50


class Hours(ConstrainedInt):
    gt = 0
    le = 10000


class Months(ConstrainedInt):
    gt = 0
    le = 240


class Strict(BaseModel):
    """Every record: an unknown field is a mistake (a typo), and text is trimmed."""

    class Config:
        extra = Extra.forbid
        anystr_strip_whitespace = True


class Source(Strict):
    key: Key
    label: Text  # how answers cite it, e.g. "BLS Occupational Outlook Handbook"
    publisher: Text
    url: Text | None = None
    tier: Literal["official", "secondary", "guide"]
    #: For a secondary source: the body whose own site has the final word.
    confirm_with: Text | None = None

    @validator("confirm_with", always=True)
    def _secondary_points_somewhere(cls, v: str | None, values: dict[str, Any]) -> str | None:  # noqa: N805
        if values.get("tier") == "secondary" and not v:
            raise ValueError("a secondary source needs confirm_with (where to check the figure)")
        return v


class Sourced(Strict):
    source: Key
    as_of: Year  # the year the fact describes (or was retrieved, see as_of_label)
    as_of_label: Text | None = None  # e.g. "May 2024", "retrieved 2026"


#: Units a duration fact may be measured in; bot.roadmap.timeline turns them into calendar time.
RangeUnit = Literal["days", "business_days", "weeks", "months", "years"]


class FactRange(Strict):
    """The numbers inside a duration fact's value, so the timeline can do arithmetic with them.

    The value stays the text people read ("9–12 months"); the range must agree with it,
    which catches an edit to one that forgets the other.
    """

    min: RangeMin
    max: RangeMax
    unit: RangeUnit

    @validator("max")
    def _ordered(cls, v: float, values: dict[str, Any]) -> float:  # noqa: N805
        if "min" in values and v < values["min"]:
            raise ValueError("max must not be below min")
        return v


class Fact(Sourced):
    key: Key
    subject: Key  # a credential, role, body or accreditor key, or "general"
    label: Text
    value: Text
    note: Text | None = None
    range: FactRange | None = None


class Named(Sourced):
    key: Key
    name: Text
    abbreviation: Text | None = None
    aliases: list[Text] = []
    summary: Text


class Body(Named):
    website: Text


class Accreditor(Named):
    website: Text


#: What a route asks a person to have done, in words bot.eligibility.check can check:
#: graduated from a CAAHEP/ABHES-accredited program, from any medical assisting program,
#: from a program the certifier approves, completed an apprenticeship, worked as an MA,
#: trained in the U.S. military, be a current student, already hold the credential, teach.
Requirement = Literal[
    "accredited_program",
    "any_program",
    "approved_program",
    "apprenticeship",
    "experience",
    "military",
    "current_student",
    "credential_holder",
    "instructor",
]
#: The requirements each route kind may use, so a route cannot say one thing and check another.
REQUIREMENTS_OF_KIND = {
    "education": {"accredited_program", "any_program", "approved_program", "current_student"},
    "experience": {"experience"},
    "military": {"military"},
    "apprenticeship": {"apprenticeship"},
    "instructor": {"instructor"},
    "recertification": {"credential_holder"},
}
#: Conditions a route also sets that the checker does not ask about; they are listed as "also needed".
AlsoNeeded = Literal[
    "hs_diploma", "cpr", "document_review", "full_time", "supervised", "clinical_and_admin", "foreign_evaluation"
]


RouteKind = Literal["education", "experience", "military", "apprenticeship", "instructor", "recertification"]


class EligibilityRoute(Sourced):
    key: Key
    kind: RouteKind
    #: Short name people read, e.g. "Category 2: graduate of an accredited program"; the summary has the detail.
    label: Text | None = None
    summary: Text
    requires: Requirement
    #: For an experience route: the work required, so the bot can check a person's years against it.
    min_years: WorkYears | None = None
    #: Another published figure for the same work (sources conflict); the checker names both
    #: when a person's years fall between them and says whom to confirm with.
    reported_min_years: WorkYears | None = None
    #: The same work in hours, where a source gives them ("3 years full-time at 36 hours a week = 5,616
    #: hours"): people who work part time count hours.
    min_hours: Hours | None = None
    #: How recent the program, work or training must be (years before applying).
    within_years: RecentYears | None = None
    #: For a program route: the minimum program and externship hours it names.
    min_program_hours: Hours | None = None
    min_externship_hours: Hours | None = None
    also_needs: list[AlsoNeeded] = []

    @validator("within_years", always=True)
    def _experience_numbers(cls, v: int | None, values: dict[str, Any]) -> int | None:  # noqa: N805
        if values.get("kind") == "experience" and (values.get("min_years") is None or v is None):
            raise ValueError("an experience route needs min_years and within_years")
        return v

    @validator("requires")
    def _requirement_fits_kind(cls, v: str, values: dict[str, Any]) -> str:  # noqa: N805
        kind = values.get("kind")
        if kind and v not in REQUIREMENTS_OF_KIND[kind]:
            allowed = ", ".join(sorted(REQUIREMENTS_OF_KIND[kind]))
            raise ValueError(f"a {kind} route requires one of: {allowed}")
        return v

    @validator("min_years")
    def _years_only_for_experience(cls, v: float | None, values: dict[str, Any]) -> float | None:  # noqa: N805
        if v is not None and values.get("kind") not in (None, "experience"):
            raise ValueError("min_years is for experience routes (use within_years for recency)")
        return v

    @validator("min_hours")
    def _hours_of_work_only_for_experience(cls, v: int | None, values: dict[str, Any]) -> int | None:  # noqa: N805
        if v is not None and values.get("kind") not in (None, "experience"):
            raise ValueError("min_hours is for experience routes (programs have min_program_hours)")
        return v

    @validator("reported_min_years")
    def _other_figure_needs_a_first(cls, v: float | None, values: dict[str, Any]) -> float | None:  # noqa: N805
        if v is not None and v == values.get("min_years"):
            raise ValueError("reported_min_years is a second, different figure beside min_years")
        if v is not None and values.get("kind") not in (None, "experience"):
            raise ValueError("reported_min_years is for experience routes")
        return v

    @validator("min_externship_hours", always=True)
    def _hours_only_for_programs(cls, v: int | None, values: dict[str, Any]) -> int | None:  # noqa: N805
        hours = [h for h in (values.get("min_program_hours"), v) if h is not None]
        if hours and values.get("requires") not in (None, "accredited_program", "any_program", "approved_program"):
            raise ValueError("program hours are for routes that require a program")
        return v


class Credential(Named):
    body: Key
    requires_accredited_program: bool
    #: Display order, and the order of preference when a person asks for a recommendation.
    order: Order
    routes: list[EligibilityRoute]
    #: Kinds of route some sources report that the certifier's own pages do not confirm (NHA's military
    #: route): a verdict says so, where it would otherwise say the credential lists no such route.
    unconfirmed_routes: list[RouteKind] = []
    #: How long the credential stays current from the day it is earned, where a source says so, and the
    #: fact that says it (its source is cited with the date worked out from it: "got it June 2022").
    valid_months: Months | None = None
    validity_fact: Key | None = None

    @validator("validity_fact", always=True)
    def _validity_needs_its_fact(cls, v: str | None, values: dict[str, Any]) -> str | None:  # noqa: N805
        if (v is None) != (values.get("valid_months") is None):
            raise ValueError("valid_months and validity_fact go together: the fact is the figure's source")
        return v


class Role(Named):
    # Optional because the guides describe some roles only by pay; we state nothing we have no source for.
    scope: Text | None = None
    education: Text | None = None
    licence: Text | None = None
    best_for: Text | None = None


class Term(Strict):
    """A name people use that is not a sourced fact: a US state, a background, a program type."""

    key: Key
    name: Text
    aliases: list[Text] = []
    #: e.g. a state's postal code: never an entity-ruler name (two-letter codes clash with words), but
    #: read after a word of place ("here in PA", bot/understanding/places.py).
    code: Text | None = None

    @property
    def abbreviation(self) -> str | None:
        """Terms have none; named entities do, and both are listed as names people use."""
        return None


#: Where a note goes: a line of the step's message (main) or of its details, or in place
#: of one of the step's own fields for the people it fits.
NotePart = Literal["main", "details", "title", "what", "why", "duration", "tip", "mistake"]
#: The parts that replace a field of the step instead of adding a line.
REPLACING_PARTS = ("title", "what", "why", "duration", "tip", "mistake")


class StepNote(Sourced):
    """A line of a roadmap step that applies only to some people.

    A note with `credential: cma` states the CMA's facts on that step; one with
    `background: img` adds advice for IMGs; `goal`, `state` and `accredited_program`
    (whether the plan's credential requires a CAAHEP- or ABHES-accredited program)
    narrow further. Every filter that is set must match. `part` says where it goes:
    a line of the step's main message (its facts) or of its details (advice), or in
    place of the step's title, what, why, duration, tip or common mistake for the
    people it fits (so a CCMA plan never reads "choose an accredited program").
    """

    text: Text
    part: NotePart = "details"
    credential: Key | None = None
    background: Key | None = None
    goal: Literal["residency", "career"] | None = None
    state: Key | None = None
    accredited_program: bool | None = None

    @validator("text")
    def _figures_from_facts(cls, v: str) -> str:  # noqa: N805
        return check_figures(v, MAX_NOTE_WORDS)


class RoadmapStep(Sourced):
    key: Key
    order: Order
    title: Text
    what: Text
    why: Text
    duration: Text
    tip: Text
    mistake: Text
    backgrounds: list[Key] = []  # empty: every background
    #: Loose names people use for the step ("externship", "clinicals"), for "go to the … step".
    aliases: list[Text] = []
    #: Left out of the plan of someone who can already sit for their credential's exam.
    skip_when_eligible: bool = False
    #: Steps that are part of this one: finishing it finishes them ("I finished my program").
    includes: list[Key] = []
    #: Sources of the step's own text besides `source` (tip and mistake may come from another guide).
    also_sources: list[Key] = []
    #: What finishing the step gives a person; someone who already has it skips the step:
    #: a high-school diploma (said, or implied by a finished program or a medical degree), or
    #: knowing they can sit their credential's exam now (the plan has checked it for them).
    gives: Literal["hs_diploma", "eligibility"] | None = None
    notes: list[StepNote] = []

    @validator("what", "why", "duration", "tip", "mistake")
    def _figures_from_facts(cls, v: str) -> str:  # noqa: N805
        return check_figures(v)


class TimelinePart(Strict):
    """One part of a personal timeline estimate, tied to a roadmap step.

    `ranges` picks the duration fact for a person by selector: their program type,
    their credential, or "default". `early` names a fact by which the part may start
    before the previous one ends (CMA students may test before finishing). A part
    with no range for someone says `no_range` instead of guessing. A `total` part is
    a whole-journey figure (the IMG guide's) shown next to the sum of the parts.
    """

    key: Key
    kind: Literal["part", "total"] = "part"
    step: Key | None = None
    label: Text
    #: What has happened when the part ends, for the finish line ("You could sit the exam").
    milestone: Text | None = None
    backgrounds: list[Key] = []
    ranges: dict[Key, Key] = {}
    early: dict[Key, Key] = {}
    no_range: Text | None = None
    #: Said with the part: how the figure was used (e.g. "derived: assumes you apply as you finish").
    derivation: Text | None = None
    #: Said for part-time study when the part's figure is a full-time length: the sources give
    #: no part-time figure, so the part then has no months of its own (never a guessed one).
    part_time: Text | None = None

    @validator("no_range", "derivation", "milestone", "part_time")
    def _figures_from_facts(cls, v: str | None) -> str | None:  # noqa: N805
        return v if v is None else check_figures(v)

    @validator("step", always=True)
    def _parts_have_steps(cls, v: str | None, values: dict[str, Any]) -> str | None:  # noqa: N805
        if values.get("kind") == "part" and v is None:
            raise ValueError("a timeline part needs the roadmap step it times")
        return v


class Button(Strict):
    title: Text
    payload: Text


class Answer(Strict):
    #: "default", or the key of an entity the answer is specific to (e.g. "rma").
    variant: Key = Field("default")  # Field: a plain str default, which a type checker would refuse as a Key
    text: Text
    sources: list[Key] = []
    buttons: list[Button] = []

    @validator("text")
    def _figures_from_facts(cls, v: str) -> str:  # noqa: N805
        return check_figures(v, MAX_ANSWER_WORDS)


class Topic(Strict):
    key: Key
    title: Text
    #: The title in Spanish, shown to someone writing in Spanish so they can see what was understood
    #: before the English answer: a label, never a fact (facts are not machine-translated).
    title_es: Text | None = None
    #: "info" answers state facts and must cite them; "chat" ones (greetings, help) need not.
    kind: Literal["info", "chat"] = "info"
    intents: list[Key] = []
    answers: list[Answer]

    @validator("answers")
    def _has_default(cls, v: list[Answer]) -> list[Answer]:  # noqa: N805
        variants = [a.variant for a in v]
        if "default" not in variants:
            raise ValueError("needs an answer with variant: default")
        dupes = {x for x in variants if variants.count(x) > 1}
        if dupes:
            raise ValueError(f"duplicate variants {sorted(dupes)}")
        return v


class Phrase(Strict):
    """Wording for one kind of person only (wording.yml), which answers anyone may get must not use.

    Matched as a whole phrase, case-insensitively, in the text as written (placeholders
    included); `bot.kb.checks.wording` applies it.
    """

    phrase: Text

    @property
    def key(self) -> str:
        """The phrase as it is matched, so the same phrase listed twice is reported as a duplicate."""
        return " ".join(self.phrase.casefold().split())
