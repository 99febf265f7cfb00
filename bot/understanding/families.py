"""Which questions belong together, so a follow-up is read against the topic in hand.

"whats passing", "who has to approve it", "do they pay you for it": alone, NLU cannot
tell what these ask, and its ranking scatters over topics that share a word ("pay" is
pay; "passing" is the pass rate). In a conversation they almost always ask more about
the topic just answered, or about its neighbour: after the exam's format, its fee or
its retakes; after a program's cost, its length or aid to pay for it. A follow-up's
reading is weighed against that (`bot.understanding.context.continued`): the topic in
hand counts most, its neighbours next, anything else only on NLU's own confidence.
"""

from __future__ import annotations

from types import MappingProxyType

#: Topics people move between within one thread of questions; a topic may sit in several.
FAMILIES: dict[str, frozenset[str]] = {
    "exam": frozenset(
        {
            "ask_exam_format",
            "ask_exam_fee",
            "ask_exam_retake",
            "ask_exam_study",
            "ask_pass_rate",
            "ask_accommodations",
            "ask_renewal",
        }
    ),
    "credential": frozenset(
        {
            "ask_credential_info",
            "ask_eligibility",
            "ask_which_credential",
            "ask_renewal",
            "ask_exam_format",
            "ask_exam_fee",
            "ask_state_rules",
        }
    ),
    "foreign_training": frozenset(
        {
            "ask_credential_evaluation",
            "ask_wes",
            "ask_course_transfer",
            "ask_ecfmg",
            "ask_usmle",
            "ask_residency_path",
            "ask_degree_perception",
            "ask_foreign_nurse",
        }
    ),
    "program": frozenset(
        {
            "ask_program_type",
            "ask_choose_program",
            "ask_accredited_programs",
            "ask_online_program",
            "ask_program_cost",
            "ask_duration",
            "ask_externship",
            "ask_scam_check",
            "ask_diploma_requirement",
        }
    ),
    "paying": frozenset({"ask_financial_aid", "ask_military_benefits", "ask_program_cost", "ask_learn_on_job"}),
    "work": frozenset(
        {
            "ask_salary",
            "ask_career_advancement",
            "ask_what_is_cma",
            "ask_compare_roles",
            "ask_locum_tenens",
            "ask_resume_interview",
            "ask_state_rules",
            "ask_learn_on_job",
        }
    ),
}


def _neighbours() -> MappingProxyType[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for members in FAMILIES.values():
        for intent in members:
            out.setdefault(intent, set()).update(members - {intent})
    return MappingProxyType({intent: frozenset(others) for intent, others in out.items()})


#: intent -> the topics that share a family with it.
NEIGHBOURS = _neighbours()


def neighbours(intent: str | None) -> frozenset[str]:
    """The topics a follow-up to `intent` most often moves to (not `intent` itself)."""
    return NEIGHBOURS.get(intent or "", frozenset())
