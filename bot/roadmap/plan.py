"""A person's own plan: the knowledge base's roadmap steps that fit who they are.

Paths differ by background (an IMG starts with a credential evaluation, a
high-school graduate with the diploma, a working MA with an experience check).
Whether the person can already sit for their credential's exam is decided by
bot.eligibility.check from the knowledge base's routes, not here; someone who can
starts at the exam step, and the plan says why the program steps are left out. A
step that gives what the person already has (a high-school diploma, which a finished
program or a medical degree also implies) is left out too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.citing import Cited
from bot.eligibility.check import CredentialResult, EligibilityReport, check
from bot.kb import schema
from bot.kb.queries import KnowledgeBase
from bot.profile import Profile
from bot.roadmap import notes
from bot.roadmap.choice import choose, route_phrase

#: The step someone who can sit their exam now starts at (their plan's program steps left out).
EXAM_STEP = "exam"


@dataclass(frozen=True)
class PlanStep:
    number: int
    step: schema.RoadmapStep
    #: The title this person reads, when a note replaces the step's own (see bot.roadmap.notes).
    shown_title: str | None = None

    @property
    def key(self) -> str:
        return self.step.key

    @property
    def title(self) -> str:
        return self.shown_title or self.step.title


@dataclass(frozen=True)
class Plan:
    profile: Profile
    steps: tuple[PlanStep, ...]
    credential: str  # the credential the plan aims at
    recommended: bool  # True when we chose it because the person asked us to
    eligibility: EligibilityReport
    skipped: tuple[schema.RoadmapStep, ...]  # left out because they can already sit for the exam
    #: Left out because the person already has what the step gives (their diploma; knowing
    #: they can sit the exam now).
    held: tuple[schema.RoadmapStep, ...] = ()
    #: Whether the plan's credential requires a CAAHEP- or ABHES-accredited program.
    accredited_program: bool = False
    #: Why we picked the credential, in one sentence, when the person asked us to.
    reason: Cited | None = None

    def __len__(self) -> int:
        return len(self.steps)

    @property
    def keys(self) -> list[str]:
        return [s.key for s in self.steps]

    def get(self, key: str | None) -> PlanStep | None:
        return next((s for s in self.steps if s.key == key), None)

    def index(self, key: str | None) -> int | None:
        found = self.get(key)
        return None if found is None else found.number - 1

    def is_last(self, key: str | None) -> bool:
        return bool(self.steps) and key == self.steps[-1].key

    @property
    def target(self) -> CredentialResult:
        """The eligibility result for the credential the plan aims at.

        `build_plan` picks that credential from the ones the report checked, so it is always there.
        """
        result = self.eligibility.result(self.credential)
        if result is None:
            raise LookupError(f"the plan's credential {self.credential!r} was not checked")
        return result

    @property
    def eligible_now(self) -> bool:
        return self.target.eligible

    @property
    def audience(self) -> notes.Audience:
        """Who the steps' notes are chosen for."""
        p = self.profile
        return notes.Audience(self.credential, p.background, p.goal, p.state, self.accredited_program)

    def title_of(self, step: schema.RoadmapStep) -> str:
        """A step's title as this person reads it, on the plan or not."""
        return notes.title(step, self.audience)

    def left_out(self) -> Cited | None:
        """Why the program steps are missing, in one sentence, when they can sit the exam now."""
        consequence = self.skip_consequence()
        if consequence is None:
            return None
        text = f"You can sit the {self.target.abbreviation} now {route_phrase(self.target)}, {consequence}."
        return Cited(text, self.target.citations)

    def skip_consequence(self) -> str | None:
        """ "so you start at the exam step and the program and externship steps are left out"."""
        if not self.skipped:
            return None
        start = "you start at the exam step and " if self.keys[:1] == [EXAM_STEP] else ""
        verb = "is" if len(self.skipped) == 1 else "are"
        return f"so {start}{step_names(self.skipped)} {verb} left out"


def diploma_held(profile: Profile) -> bool | None:
    """Whether they have a high-school diploma or GED: what they said, else what their past implies.

    A finished medical assisting program or a medical degree needed one; None: we cannot tell.
    """
    if profile.hs_diploma is not None:
        return profile.hs_diploma
    if profile.has_program or profile.is_img:
        return True
    return None


def _applies(step: schema.RoadmapStep, profile: Profile) -> bool:
    """Whether the step is on the person's path, before eligibility and what they already have."""
    if step.gives == "hs_diploma" and diploma_held(profile) is False:
        return True  # they said they have none: whatever their background, it is a step for them
    return not step.backgrounds or profile.background in step.backgrounds


def build_plan(kb: KnowledgeBase, profile: Profile) -> Plan:
    """The steps for `profile`, numbered, aimed at their credential (or the one we recommend).

    Without a background only the steps meant for everyone are included; the
    conversation asks for the background before it builds a plan.
    """
    report = check(kb, profile)
    choice = choose(kb, profile, report)
    result = report.result(choice.credential)
    eligible = bool(result and result.eligible)
    # A current student who may test now is still in their program: its steps stay on the plan.
    skips = eligible and not (result and result.route and result.route.requires == "current_student")
    credential = kb.credential(choice.credential)
    accredited = bool(credential and credential.requires_accredited_program)
    audience = notes.Audience(choice.credential, profile.background, profile.goal, profile.state, accredited)
    chosen: list[schema.RoadmapStep] = []
    skipped: list[schema.RoadmapStep] = []
    held: list[schema.RoadmapStep] = []
    for step in kb.roadmap_steps():
        if not _applies(step, profile):
            continue
        if (step.gives == "hs_diploma" and diploma_held(profile)) or (step.gives == "eligibility" and eligible):
            held.append(step)
        elif skips and step.skip_when_eligible:
            skipped.append(step)
        else:
            chosen.append(step)
    steps = tuple(PlanStep(n, s, notes.title(s, audience)) for n, s in enumerate(chosen, 1))
    return Plan(
        profile,
        steps,
        choice.credential,
        choice.recommended,
        report,
        tuple(skipped),
        tuple(held),
        accredited,
        choice.reason,
    )


def lower_first(text: str) -> str:
    """A title inside a sentence: "Complete your clinical externship" -> "complete your …"."""
    return text[:1].lower() + text[1:]


def join(items: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def step_names(steps: Sequence[schema.RoadmapStep]) -> str:
    """ "the program and externship steps": each step by the first name people use for it."""
    names = [(s.aliases or [lower_first(s.title)])[0] for s in steps]
    return f"the {join(names)} step" + ("s" if len(names) > 1 else "")
