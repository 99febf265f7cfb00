"""Read and validate the knowledge-base content files in `data/kb/`.

Content is data that advisors edit, so every mistake must be reported in terms
they can act on: the file, the entry (by its key or position) and the field.
Validation finishes before anything touches the database, which is what keeps
a broken file from leaving a half-loaded knowledge base.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Extra, ValidationError, confloat, conint, constr, validator

Key = constr(regex=r"^[a-z][a-z0-9_]*$", min_length=1, max_length=64)
Text = constr(strip_whitespace=True, min_length=1)

#: A figure may only reach the user through a `{fact:key}` placeholder, so that it
#: always carries a source and a year. These tokens contain digits but are names.
DIGITS_ALLOWED_IN = ("ICD-10", "ISO/IEC 17024:2012", "24/7")
PLACEHOLDER = re.compile(r"\{fact:([a-z][a-z0-9_]*)\}")
#: In an answer whose variant is an entity type (e.g. "us_state"), `{entity}` is
#: replaced by the name the person used, so one answer serves every state.
ENTITY_PLACEHOLDER = "{entity}"
ASPECT_PAYLOAD = re.compile(r'^/(?P<intent>[a-z][a-z0-9_]*)(?:\{"aspect":\s*"(?P<aspect>[a-z][a-z0-9_]*)"\})?$')
MAX_ANSWER_WORDS = 120
#: Intents that buttons may lead to although no topic answers them: the guided roadmap's
#: forms and actions handle them (data/stories/roadmap.yml). A test keeps this in step
#: with domain.yml.
DIALOGUE_INTENTS = (
    "start_roadmap",
    "check_eligibility",
    "estimate_timeline",
    "roadmap_next",
    "roadmap_back",
    "roadmap_repeat",
    "roadmap_jump",
    "roadmap_where",
    "roadmap_restart",
    "roadmap_overview",
    "roadmap_done",
    "roadmap_continue",
)
#: A roadmap note is one line of a step that must stay short as a whole.
MAX_NOTE_WORDS = 60


class _Strict(BaseModel):
    class Config:
        extra = Extra.forbid
        anystr_strip_whitespace = True


class Source(_Strict):
    key: Key
    label: Text  # how answers cite it, e.g. "BLS Occupational Outlook Handbook"
    publisher: Text
    url: Text | None = None
    tier: Literal["official", "secondary", "guide"]
    #: For a secondary source: the body whose own site has the final word.
    confirm_with: Text | None = None

    @validator("confirm_with", always=True)
    def _secondary_points_somewhere(cls, v, values):  # noqa: N805
        if values.get("tier") == "secondary" and not v:
            raise ValueError("a secondary source needs confirm_with (where to check the figure)")
        return v


class Sourced(_Strict):
    source: Key
    as_of: conint(ge=1960, le=2100)  # the year the fact describes (or was retrieved, see as_of_label)
    as_of_label: Text | None = None  # e.g. "May 2024", "retrieved 2026"


#: Units a duration fact may be measured in; bot.roadmap.timeline turns them into calendar time.
RangeUnit = Literal["days", "business_days", "weeks", "months", "years"]


class FactRange(_Strict):
    """The numbers inside a duration fact's value, so the timeline can do arithmetic with them.

    The value stays the text people read ("9–12 months"); the range must agree with it,
    which catches an edit to one that forgets the other.
    """

    min: confloat(ge=0, le=1000)
    max: confloat(gt=0, le=1000)
    unit: RangeUnit

    @validator("max")
    def _ordered(cls, v, values):  # noqa: N805
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


def range_mismatch(fact: Fact) -> str | None:
    """Why a fact's range disagrees with its value (a bound the value does not state), or None."""
    if fact.range is None:
        return None
    numbers = {float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", fact.value)}
    missing = [f"{b:g}" for b in (fact.range.min, fact.range.max) if b and b not in numbers]
    if missing:
        return f"the range does not match the value {fact.value!r}: {', '.join(missing)} not in it"
    return None


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
AlsoNeeded = Literal["hs_diploma", "cpr", "document_review", "full_time", "supervised", "clinical_and_admin"]


class EligibilityRoute(Sourced):
    key: Key
    kind: Literal["education", "experience", "military", "apprenticeship", "instructor", "recertification"]
    #: Short name people read, e.g. "Category 2: graduate of an accredited program"; the summary has the detail.
    label: Text | None = None
    summary: Text
    requires: Requirement
    #: For an experience route: the work required, so the bot can check a person's years against it.
    min_years: confloat(gt=0, le=50) | None = None
    #: How recent the program, work or training must be (years before applying).
    within_years: conint(gt=0, le=50) | None = None
    #: For a program route: the minimum program and externship hours it names.
    min_program_hours: conint(gt=0, le=10000) | None = None
    min_externship_hours: conint(gt=0, le=10000) | None = None
    also_needs: list[AlsoNeeded] = []

    @validator("within_years", always=True)
    def _experience_numbers(cls, v, values):  # noqa: N805
        if values.get("kind") == "experience" and (values.get("min_years") is None or v is None):
            raise ValueError("an experience route needs min_years and within_years")
        return v

    @validator("requires")
    def _requirement_fits_kind(cls, v, values):  # noqa: N805
        kind = values.get("kind")
        if kind and v not in REQUIREMENTS_OF_KIND[kind]:
            allowed = ", ".join(sorted(REQUIREMENTS_OF_KIND[kind]))
            raise ValueError(f"a {kind} route requires one of: {allowed}")
        return v

    @validator("min_years")
    def _years_only_for_experience(cls, v, values):  # noqa: N805
        if v is not None and values.get("kind") not in (None, "experience"):
            raise ValueError("min_years is for experience routes (use within_years for recency)")
        return v

    @validator("min_externship_hours", always=True)
    def _hours_only_for_programs(cls, v, values):  # noqa: N805
        hours = [h for h in (values.get("min_program_hours"), v) if h is not None]
        if hours and values.get("requires") not in (None, "accredited_program", "any_program", "approved_program"):
            raise ValueError("program hours are for routes that require a program")
        return v


class Credential(Named):
    body: Key
    requires_accredited_program: bool
    #: Display order, and the order of preference when a person asks for a recommendation.
    order: conint(ge=1)
    routes: list[EligibilityRoute]


class Role(Named):
    # Optional because the guides describe some roles only by pay; we state nothing we have no source for.
    scope: Text | None = None
    education: Text | None = None
    licence: Text | None = None
    best_for: Text | None = None


class Term(_Strict):
    """A name people use that is not a sourced fact: a US state, a background, a program type."""

    key: Key
    name: Text
    aliases: list[Text] = []
    #: e.g. a state's postal code; kept for display, never matched (two-letter codes clash with words).
    code: Text | None = None

    @property
    def abbreviation(self) -> str | None:
        return None


def check_figures(text: str, max_words: int | None = None) -> str:
    """Reject digits that do not come from a `{fact:key}` placeholder, and over-long text."""
    stripped = PLACEHOLDER.sub("", text)
    for token in DIGITS_ALLOWED_IN:
        stripped = stripped.replace(token, "")
    bare = re.findall(r"\S*\d\S*", stripped)
    if bare:
        raise ValueError(f"figures must come from facts as {{fact:key}} so they carry a source; found {bare}")
    words = len(PLACEHOLDER.sub("x", text).split())
    if max_words is not None and words > max_words:
        raise ValueError(f"answers are kept short: {words} words, at most {max_words}")
    return text


class StepNote(Sourced):
    """A line of a roadmap step that applies only to some people.

    A note with `credential: cma` states the CMA's facts on that step; one with
    `background: img` adds advice for IMGs; `goal` and `state` narrow further. Every
    filter that is set must match. `part` says where it goes: a line of the step's
    main message (its facts) or of its details (advice), or the step's one tip or one
    common mistake, replaced for the people it fits.
    """

    text: Text
    part: Literal["main", "details", "tip", "mistake"] = "details"
    credential: Key | None = None
    background: Key | None = None
    goal: Literal["residency", "career"] | None = None
    state: Key | None = None

    @validator("text")
    def _figures_from_facts(cls, v):  # noqa: N805
        return check_figures(v, MAX_NOTE_WORDS)


class RoadmapStep(Sourced):
    key: Key
    order: conint(ge=1)
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
    notes: list[StepNote] = []

    @validator("what", "why", "duration", "tip", "mistake")
    def _figures_from_facts(cls, v):  # noqa: N805
        return check_figures(v)


class TimelinePart(_Strict):
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

    @validator("no_range", "derivation", "milestone")
    def _figures_from_facts(cls, v):  # noqa: N805
        return v if v is None else check_figures(v)

    @validator("step", always=True)
    def _parts_have_steps(cls, v, values):  # noqa: N805
        if values.get("kind") == "part" and v is None:
            raise ValueError("a timeline part needs the roadmap step it times")
        return v


class Button(_Strict):
    title: Text
    payload: Text


class Answer(_Strict):
    #: "default", or the key of an entity the answer is specific to (e.g. "rma").
    variant: Key = "default"
    text: Text
    sources: list[Key] = []
    buttons: list[Button] = []

    @validator("text")
    def _figures_from_facts(cls, v):  # noqa: N805
        return check_figures(v, MAX_ANSWER_WORDS)


class Topic(_Strict):
    key: Key
    title: Text
    #: "info" answers state facts and must cite them; "chat" ones (greetings, help) need not.
    kind: Literal["info", "chat"] = "info"
    intents: list[Key] = []
    answers: list[Answer]

    @validator("answers")
    def _has_default(cls, v):  # noqa: N805
        variants = [a.variant for a in v]
        if "default" not in variants:
            raise ValueError("needs an answer with variant: default")
        dupes = {x for x in variants if variants.count(x) > 1}
        if dupes:
            raise ValueError(f"duplicate variants {sorted(dupes)}")
        return v


#: file name -> (top-level list name, record model). One file per kind keeps diffs readable;
#: a kind may span several files, and errors name the file an entry came from.
FILES: dict[str, tuple[str, type[_Strict]]] = {
    "sources.yml": ("sources", Source),
    "facts.yml": ("facts", Fact),
    "bodies.yml": ("bodies", Body),
    "accreditors.yml": ("accreditors", Accreditor),
    "credentials.yml": ("credentials", Credential),
    "roles.yml": ("roles", Role),
    "roadmap.yml": ("roadmap_steps", RoadmapStep),
    "faq.yml": ("topics", Topic),
    # Credential-specific content has files of its own, so the two halves stay readable.
    "sources_credentials.yml": ("sources", Source),
    "facts_credentials.yml": ("facts", Fact),
    "faq_credentials.yml": ("topics", Topic),
    "states.yml": ("states", Term),
    "backgrounds.yml": ("backgrounds", Term),
    "program_types.yml": ("program_types", Term),
    "timeline.yml": ("timeline", TimelinePart),
}


#: NLU entity type -> the file its entries live in (for error messages).
NAMED_FILES = {
    "credential": "credentials.yml",
    "certifying_body": "bodies.yml",
    "accreditor": "accreditors.yml",
    "role": "roles.yml",
    "us_state": "states.yml",
    "background": "backgrounds.yml",
    "program_type": "program_types.yml",
}


@dataclass(frozen=True)
class Problem:
    file: str
    entry: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: entry {self.entry}: field {self.field}: {self.message}"


class ContentError(Exception):
    """The content is not loadable; `problems` lists each mistake with its location."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("knowledge-base content has errors:\n" + "\n".join(f"  - {p}" for p in problems))


@dataclass
class Content:
    sources: list[Source] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    bodies: list[Body] = field(default_factory=list)
    accreditors: list[Accreditor] = field(default_factory=list)
    credentials: list[Credential] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    roadmap_steps: list[RoadmapStep] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    states: list[Term] = field(default_factory=list)
    backgrounds: list[Term] = field(default_factory=list)
    program_types: list[Term] = field(default_factory=list)
    timeline: list[TimelinePart] = field(default_factory=list)
    fingerprint: str = ""
    #: id(record) -> the file it was read from, for error messages.
    origin: dict[int, str] = field(default_factory=dict)

    def file_of(self, record: object) -> str:
        return self.origin.get(id(record), "?")

    def named(self) -> Iterable[tuple[str, Named | Term]]:
        """Every entity users can name, with the entity type NLU tags it as."""
        for kind, items in (
            ("credential", self.credentials),
            ("certifying_body", self.bodies),
            ("accreditor", self.accreditors),
            ("role", self.roles),
            ("us_state", self.states),
            ("background", self.backgrounds),
            ("program_type", self.program_types),
        ):
            for item in items:
                yield kind, item


def _entry_label(raw: object, index: int) -> str:
    if isinstance(raw, dict) and isinstance(raw.get("key"), str):
        return f"{raw['key']!r} (#{index + 1})"
    return f"#{index + 1}"


def _field_label(loc: tuple) -> str:
    return ".".join(str(p) for p in loc) or "(entry)"


def _read_file(path: Path, list_name: str, model: type[_Strict], problems: list[Problem]) -> list:
    name = path.name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        problems.append(Problem(name, "-", "-", f"not UTF-8 text: {exc}"))
        return []
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"at line {mark.line + 1}" if mark else "-"
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        problems.append(Problem(name, where, "-", f"not valid YAML: {reason}"))
        return []
    if not isinstance(data, dict) or not isinstance(data.get(list_name), list):
        problems.append(Problem(name, "-", list_name, f"the file must hold a list under '{list_name}:'"))
        return []
    records = []
    for index, raw in enumerate(data[list_name]):
        entry = _entry_label(raw, index)
        if not isinstance(raw, dict):
            problems.append(Problem(name, entry, "(entry)", "must be a mapping of fields"))
            continue
        try:
            records.append(model.parse_obj(raw))
        except ValidationError as exc:
            for err in exc.errors():
                problems.append(Problem(name, entry, _field_label(err["loc"]), err["msg"]))
    return records


def _check_references(content: Content, problems: list[Problem]) -> None:
    """Cross-file rules: unique keys, and every reference points at something real."""
    source_keys = {s.key for s in content.sources}
    facts_by_key = {f.key: f for f in content.facts}
    fact_keys = set(facts_by_key)
    body_keys = {b.key for b in content.bodies}
    subjects = (
        {"general"}
        | body_keys
        | {c.key for c in content.credentials}
        | {a.key for a in content.accreditors}
        | {r.key for r in content.roles}
    )

    for list_name in dict.fromkeys(name for name, _ in FILES.values()):
        seen: dict[str, object] = {}
        for item in getattr(content, list_name):
            if item.key in seen:
                first = seen[item.key]
                problems.append(
                    Problem(
                        content.file_of(item),
                        repr(item.key),
                        "key",
                        f"duplicate key, first used in {content.file_of(first)}",
                    )
                )
            seen.setdefault(item.key, item)

    def need_source(file_name: str, entry: str, fld: str, key: str) -> None:
        if key not in source_keys:
            problems.append(Problem(file_name, entry, fld, f"unknown source {key!r} (see sources.yml)"))

    for list_name in dict.fromkeys(name for name, _ in FILES.values()):
        for item in getattr(content, list_name):
            entry, file_name = repr(item.key), content.file_of(item)
            if hasattr(item, "source"):
                need_source(file_name, entry, "source", item.source)
            for route in getattr(item, "routes", []):
                need_source(file_name, entry, f"routes.{route.key}.source", route.source)
    for fact in content.facts:
        mismatch = range_mismatch(fact)
        if mismatch:
            problems.append(Problem(content.file_of(fact), repr(fact.key), "range", mismatch))
        if fact.subject not in subjects:
            problems.append(
                Problem(content.file_of(fact), repr(fact.key), "subject", f"unknown subject {fact.subject!r}")
            )
    for cred in content.credentials:
        if cred.body not in body_keys:
            problems.append(Problem(content.file_of(cred), repr(cred.key), "body", f"unknown body {cred.body!r}"))
    aliases: dict[str, str] = {}
    for _kind, item in content.named():
        for alias in [item.name, item.abbreviation, *item.aliases]:
            if not alias:
                continue
            owner = aliases.setdefault(alias.lower(), item.key)
            if owner != item.key:
                problems.append(
                    Problem(content.file_of(item), repr(item.key), "aliases", f"{alias!r} already names {owner!r}")
                )
    _check_variants(content, problems)
    for topic in content.topics:
        for answer in topic.answers:
            where = f"{topic.key!r} answer {answer.variant!r}"
            file_name = content.file_of(topic)
            for key in PLACEHOLDER.findall(answer.text):
                if key not in fact_keys:
                    problems.append(Problem(file_name, where, "text", f"unknown fact {{fact:{key}}}"))
            for key in answer.sources:
                need_source(file_name, where, "sources", key)
            rendered = PLACEHOLDER.sub(
                lambda m: facts_by_key[m.group(1)].value if m.group(1) in facts_by_key else "x", answer.text
            )
            if len(rendered.split()) > MAX_ANSWER_WORDS:
                problems.append(
                    Problem(
                        file_name,
                        where,
                        "text",
                        f"answers are kept short: {len(rendered.split())} "
                        f"words once figures are filled in, at most {MAX_ANSWER_WORDS}",
                    )
                )
            if topic.kind == "info" and not answer.sources and not PLACEHOLDER.search(answer.text):
                problems.append(Problem(file_name, where, "sources", "an answer needs at least one source"))
    _check_roadmap(content, problems, source_keys, fact_keys)
    _check_timeline(content, problems)
    orders: dict[int, str] = {}
    for cred in content.credentials:
        first = orders.setdefault(cred.order, cred.key)
        if first != cred.key:
            problems.append(
                Problem(
                    content.file_of(cred), repr(cred.key), "order", f"order {cred.order} is already used by {first!r}"
                )
            )
    routed: dict[str, Topic] = {}
    for topic in content.topics:
        for intent in topic.intents:
            first = routed.setdefault(intent, topic)
            if first is not topic:
                problems.append(
                    Problem(
                        content.file_of(topic),
                        repr(topic.key),
                        "intents",
                        f"intent {intent!r} is already routed to {first.key!r}",
                    )
                )


def _check_roadmap(content: Content, problems: list[Problem], source_keys: set, fact_keys: set) -> None:
    """Steps and their notes may only name facts, sources and people's kinds that exist."""
    backgrounds = {b.key for b in content.backgrounds}
    credentials = {c.key for c in content.credentials}
    states = {s.key for s in content.states}
    aliases: dict[str, str] = {}
    for step in content.roadmap_steps:
        file_name, entry = content.file_of(step), repr(step.key)
        for fld in ("what", "why", "duration", "tip", "mistake"):
            for key in PLACEHOLDER.findall(getattr(step, fld)):
                if key not in fact_keys:
                    problems.append(Problem(file_name, entry, fld, f"unknown fact {{fact:{key}}}"))
        for key in step.backgrounds:
            if key not in backgrounds:
                problems.append(Problem(file_name, entry, "backgrounds", f"unknown background {key!r}"))
        for key in step.includes:
            if key not in {s.key for s in content.roadmap_steps} or key == step.key:
                problems.append(Problem(file_name, entry, "includes", f"not another roadmap step: {key!r}"))
        for key in step.also_sources:
            if key not in source_keys:
                problems.append(Problem(file_name, entry, "also_sources", f"unknown source {key!r} (see sources.yml)"))
        for alias in [step.title, *step.aliases]:
            owner = aliases.setdefault(alias.lower(), step.key)
            if owner != step.key:
                problems.append(Problem(file_name, entry, "aliases", f"{alias!r} already names step {owner!r}"))
        for number, note in enumerate(step.notes, 1):
            where = f"notes.{number}"
            if note.source not in source_keys:
                problems.append(Problem(file_name, entry, f"{where}.source", f"unknown source {note.source!r}"))
            for fld, value, known in (
                ("credential", note.credential, credentials),
                ("background", note.background, backgrounds),
                ("state", note.state, states),
            ):
                if value is not None and value not in known:
                    problems.append(Problem(file_name, entry, f"{where}.{fld}", f"unknown {fld} {value!r}"))
            for key in PLACEHOLDER.findall(note.text):
                if key not in fact_keys:
                    problems.append(Problem(file_name, entry, f"{where}.text", f"unknown fact {{fact:{key}}}"))


def _check_timeline(content: Content, problems: list[Problem]) -> None:
    """Timeline parts must point at real steps and at facts whose numbers the arithmetic can use."""
    facts = {f.key: f for f in content.facts}
    steps = {s.key for s in content.roadmap_steps}
    backgrounds = {b.key for b in content.backgrounds}
    selectors = {"default"} | {p.key for p in content.program_types} | {c.key for c in content.credentials}
    for part in content.timeline:
        file_name, entry = content.file_of(part), repr(part.key)
        if part.step is not None and part.step not in steps:
            problems.append(Problem(file_name, entry, "step", f"unknown roadmap step {part.step!r}"))
        for key in part.backgrounds:
            if key not in backgrounds:
                problems.append(Problem(file_name, entry, "backgrounds", f"unknown background {key!r}"))
        for fld in ("ranges", "early"):
            for selector, fact_key in getattr(part, fld).items():
                if selector not in selectors:
                    problems.append(
                        Problem(file_name, entry, f"{fld}.{selector}", "not default, a program type or a credential")
                    )
                fact = facts.get(fact_key)
                if fact is None:
                    problems.append(Problem(file_name, entry, f"{fld}.{selector}", f"unknown fact {fact_key!r}"))
                elif fact.range is None:
                    problems.append(
                        Problem(
                            file_name, entry, f"{fld}.{selector}", f"fact {fact_key!r} has no range to calculate with"
                        )
                    )
        if "default" not in part.ranges and not part.no_range:
            problems.append(
                Problem(
                    file_name,
                    entry,
                    "no_range",
                    "needed unless ranges has a default: say what to tell people it has no figure for",
                )
            )


def _check_variants(content: Content, problems: list[Problem]) -> None:
    """A variant must be reachable: an entity key, an entity type, or an aspect some button asks for.

    Buttons must lead somewhere too: their intent must be routed to a topic, and an
    aspect they ask for must exist in that topic. Typos here would otherwise show up
    only as a silently generic answer.
    """
    entity_keys = {item.key for _, item in content.named()}
    entity_kinds = set(NAMED_FILES)
    topic_of = {i: t for t in content.topics for i in t.intents}
    asked: dict[str, set] = {}
    asked_topic: dict[str, Topic] = {}  # the topic a button asks, to name its file
    for topic in content.topics:
        for answer in topic.answers:
            for number, button in enumerate(answer.buttons, 1):
                where = f"{topic.key!r} answer {answer.variant!r}"
                match = ASPECT_PAYLOAD.match(button.payload)
                if not match:
                    problems.append(
                        Problem(
                            content.file_of(topic),
                            where,
                            f"buttons.{number}.payload",
                            'must look like /intent or /intent{"aspect":"key"}',
                        )
                    )
                    continue
                target = topic_of.get(match["intent"])
                if target is None and match["intent"] in DIALOGUE_INTENTS and not match["aspect"]:
                    continue
                if target is None:
                    problems.append(
                        Problem(
                            content.file_of(topic),
                            where,
                            f"buttons.{number}.payload",
                            f"intent {match['intent']!r} is not routed to any topic",
                        )
                    )
                elif match["aspect"]:
                    asked.setdefault(target.key, set()).add(match["aspect"])
                    asked_topic.setdefault(target.key, target)
    for topic in content.topics:
        for answer in topic.answers:
            v = answer.variant
            where = f"{topic.key!r} answer {v!r}"
            if v == "default" or v in entity_keys or v in entity_kinds or v in asked.get(topic.key, ()):
                pass
            else:
                problems.append(
                    Problem(
                        content.file_of(topic),
                        where,
                        "variant",
                        "not an entity key, an entity type, or an aspect any button asks for",
                    )
                )
            if ENTITY_PLACEHOLDER in answer.text and v not in entity_kinds:
                problems.append(
                    Problem(
                        content.file_of(topic),
                        where,
                        "text",
                        "{entity} is only filled in answers whose variant is an entity type",
                    )
                )
    for topic_key, aspects in asked.items():
        have = {a.variant for t in content.topics if t.key == topic_key for a in t.answers}
        for aspect in sorted(aspects - have):
            problems.append(
                Problem(
                    content.file_of(asked_topic[topic_key]),
                    repr(topic_key),
                    "answers",
                    f"a button asks for aspect {aspect!r} but the topic has no such variant",
                )
            )


def fingerprint(content_dir: Path) -> str:
    digest = hashlib.sha256()
    for name in sorted(FILES):
        path = content_dir / name
        digest.update(name.encode())
        digest.update(path.read_bytes() if path.exists() else b"<missing>")
    return digest.hexdigest()


def read_content(content_dir: Path) -> Content:
    """Parse and validate every content file; raise ContentError listing all problems."""
    problems: list[Problem] = []
    content = Content()
    for file_name, (list_name, model) in FILES.items():
        path = content_dir / file_name
        if not path.exists():
            problems.append(Problem(file_name, "-", "-", f"missing file in {content_dir}"))
            continue
        records = _read_file(path, list_name, model, problems)
        getattr(content, list_name).extend(records)
        content.origin.update((id(r), file_name) for r in records)
    if not problems:
        _check_references(content, problems)
    if problems:
        raise ContentError(problems)
    content.fingerprint = fingerprint(content_dir)
    return content
