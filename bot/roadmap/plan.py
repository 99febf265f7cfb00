"""A person's own plan: the knowledge base's roadmap steps that fit who they are.

Paths differ by background (an IMG starts with a credential evaluation, a
high-school graduate with the diploma, a working MA with an experience check), and
someone who can already sit for their credential's exam skips the program steps.
Whether they can is decided by bot.eligibility.check from the knowledge base's routes,
not here.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.eligibility.check import CredentialResult, EligibilityReport, check, recommend
from bot.kb import schema
from bot.kb.queries import KnowledgeBase
from bot.profile import Profile


@dataclass(frozen=True)
class PlanStep:
    number: int
    step: schema.RoadmapStep

    @property
    def key(self) -> str:
        return self.step.key

    @property
    def title(self) -> str:
        return self.step.title


@dataclass(frozen=True)
class Plan:
    profile: Profile
    steps: tuple[PlanStep, ...]
    credential: str  # the credential the plan aims at
    recommended: bool  # True when we chose it because the person asked us to
    eligibility: EligibilityReport
    skipped: tuple[schema.RoadmapStep, ...]  # left out because they can already sit for the exam

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


def build_plan(kb: KnowledgeBase, profile: Profile) -> Plan:
    """The steps for `profile`, numbered, aimed at their credential (or the one we recommend).

    Without a background only the steps meant for everyone are included; the
    conversation asks for the background before it builds a plan.
    """
    report = check(kb, profile)
    order = [c.key for c, _ in kb.credentials_with_routes()]
    wanted = profile.credential
    credential = wanted if wanted is not None and wanted in order else recommend(report, order)
    result = report.result(credential)
    eligible = bool(result and result.eligible)
    chosen: list[schema.RoadmapStep] = []
    skipped: list[schema.RoadmapStep] = []
    for step in kb.roadmap_steps():
        if step.backgrounds and profile.background not in step.backgrounds:
            continue
        (skipped if eligible and step.skip_when_eligible else chosen).append(step)
    steps = tuple(PlanStep(n, s) for n, s in enumerate(chosen, 1))
    return Plan(profile, steps, credential, profile.credential != credential, report, tuple(skipped))
