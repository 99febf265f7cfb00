"""Which of the roadmap's questions a person's profile already answers.

The forms ask who the person is, what they have done and when they would start;
anything they told us before, in any turn, is not asked again. The names are the
forms' questions (their slots); what counts as answered is the profile's business.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from bot.profile import Profile
from bot.profile.model import EDUCATIONS

_ANSWERED_BY: dict[str, Callable[[Profile], bool]] = {
    "background": lambda p: p.background is not None,
    "credential_goal": lambda p: p.credential is not None,
    "state": lambda p: p.state is not None,
    "career_goal": lambda p: p.goal is not None,
    "program_type": lambda p: p.program_type is not None,
    "start_date": lambda p: p.start_date is not None,
    "education": lambda p: p.education is not None or bool(p.in_program),
    "work_years": lambda p: p.experience_years is not None,
}


#: The eligibility check's questions that a person's own route makes needless: years of MA work (or
#: U.S. military training) are checked against their routes at once, and the verdict says what a
#: finished program would add, so "which exams can i take with my 2 yrs" is answered, not questioned.
def needless_for_eligibility(profile: Profile, education: str | None = None) -> frozenset[str]:
    """The eligibility form's questions not worth asking this person before the verdict; `education` is
    the form's own answer, when it has one."""
    if education in EDUCATIONS:
        profile = replace(profile, education=education)  # type: ignore[arg-type]
    if profile.has_military_training or profile.has_program:
        # a finished program is checked against the program routes: who they are changes no verdict
        return frozenset({"education", "work_years"} | ({"background"} if profile.has_program else set()))
    if profile.experience_years:
        return frozenset({"education", "background"})  # MA work says who they are
    return frozenset()


def answered(profile: Profile) -> frozenset[str]:
    """The questions `profile` answers, by their form slot names."""
    return frozenset(question for question, known in _ANSWERED_BY.items() if known(profile))


#: The profile field each question fills (the rest of its answer, e.g. "recommend", is the roadmap's).
FIELD_OF_QUESTION = {
    "background": "background",
    "credential_goal": "credential",
    "state": "state",
    "career_goal": "goal",
    "program_type": "program_type",
    "start_date": "start_date",
    "education": "education",
    "work_years": "experience_years",
}


def superseded(changed_fields: Iterable[str]) -> frozenset[str]:
    """The questions whose earlier answers a message replaced by saying something new about the person:
    their form answers must no longer override the profile."""
    changed = set(changed_fields)
    return frozenset(q for q, f in FIELD_OF_QUESTION.items() if f in changed)
