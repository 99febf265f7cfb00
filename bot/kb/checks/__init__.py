"""Rules that need more than one entry: keys used once, references that point at something real.

They run only on content whose every file read without problems, each as a small
function of the whole content. `CHECKS` is the order problems are reported in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from bot.kb.catalog import Content
from bot.kb.checks import answers, buttons, keys, openings, references, roadmap, school, timeline, wording
from bot.kb.checks.known import Known
from bot.kb.problems import Problem

Check = Callable[[Content, Known], Iterable[Problem]]

CHECKS: tuple[Check, ...] = (
    keys.duplicate_keys,
    references.unknown_sources,
    references.fact_problems,
    references.unknown_bodies,
    references.validity_facts,
    keys.shared_names,
    buttons.button_payloads,
    answers.unreachable_variants,
    buttons.missing_aspects,
    answers.answer_problems,
    school.school_placeholders,
    wording.img_wording,
    openings.bare_openings,
    roadmap.step_problems,
    timeline.part_problems,
    keys.shared_orders,
    keys.shared_intents,
)


def find_problems(content: Content) -> list[Problem]:
    """Every cross-file problem of `content`, in the order of CHECKS."""
    known = Known(content)
    return [problem for check in CHECKS for problem in check(content, known)]
