"""What the person hears before the first step of a plan: why this credential, why steps are
missing, and, when their plan was rebuilt, what changed.

When someone says "I'd rather aim for the RMA", "actually I'm in Ohio" or that they
have worked as an MA for four years, their plan is built again; the first reply then
says what is different ("Your plan now aims at the RMA instead of the CMA; the program
and externship steps are left out, because you can sit the RMA now through its
work-experience route.") instead of starting over as if nothing had been said.
"""

from __future__ import annotations

from bot.citing import Citation, Cited, unique
from bot.kb import schema
from bot.kb.queries import KnowledgeBase
from bot.roadmap.choice import route_phrase
from bot.roadmap.plan import Plan, step_names


def opening(kb: KnowledgeBase, plan: Plan, before: Plan | None = None) -> Cited | None:
    """The sentences to say before the plan's first step, or None when there is nothing to add.

    `before` is the plan the person had until now, if any: a changed plan says what
    changed. A credential we picked for them comes with its reason, once, when it is new.
    """
    sentences: list[Cited] = []
    picked_anew = plan.reason is not None and (before is None or before.credential != plan.credential)
    # The reason for a credential picked anew says why steps went, so the change need not say it too.
    changed = what_changed(kb, before, plan, say_why=not picked_anew) if before is not None else None
    if before is not None and changed is None and not picked_anew:
        return None  # the same plan: they heard all this when it was made
    if changed is not None:
        sentences.append(changed)
    skips_explained = changed is not None and before is not None and bool(_removed(before, plan))
    if plan.reason is not None and picked_anew:
        consequence = None if skips_explained else plan.skip_consequence()
        if consequence is None:
            sentences.append(plan.reason)
        else:  # one sentence: why this credential, and so why steps are missing
            body = plan.reason.body.rstrip(".") + f", {consequence}."
            sentences.append(Cited(body, plan.reason.citations))
        skips_explained = skips_explained or consequence is not None
    left_out = None if skips_explained else plan.left_out()
    if left_out is not None:
        sentences.append(left_out)
    if not sentences:
        return None
    return Cited(" ".join(s.body for s in sentences), unique(c for s in sentences for c in s.citations))


def what_changed(kb: KnowledgeBase, before: Plan, after: Plan, say_why: bool = True) -> Cited | None:
    """One sentence on how `after` differs from `before` (credential, background, state, steps).

    With `say_why`, steps left out because they can sit the exam now say so.
    """
    parts: list[str] = []
    citations: list[Citation] = []
    if before.credential != after.credential:
        parts.append(
            f"your plan now aims at the {after.target.abbreviation} instead of the {before.target.abbreviation}"
        )
    old_who, new_who = _who(kb, before), _who(kb, after)
    if new_who and old_who != new_who:
        parts.append(f"it now fits {new_who}" + (f" instead of {old_who}" if old_who else ""))
    if before.profile.state != after.profile.state:
        if after.profile.state:
            state = kb.display_name("us_state", after.profile.state) or after.profile.state
            parts.append(f"your state is now {state}")
        else:
            parts.append("your state is no longer set")
    removed = _removed(before, after)
    eligible = {s.key for s in after.skipped} | {s.key for s in after.held if s.gives == "eligibility"}
    diploma = {s.key for s in after.held if s.gives == "hs_diploma"}
    groups: dict[str, list[schema.RoadmapStep]] = {}  # why -> the steps left out for that reason
    for step in removed:
        if step.key in eligible:
            because = _eligible_because(after) if say_why else ""
        else:
            because = ", because you have your high-school diploma or GED" if step.key in diploma else ""
        groups.setdefault(because, []).append(step)
    for because, group in groups.items():
        parts.append(f"{step_names(group)} {'is' if len(group) == 1 else 'are'} left out{because}")
    if say_why and any(s.key in eligible for s in removed):
        citations += after.target.citations
    added = [s.step for s in after.steps if s.key not in before.keys]
    if added:
        parts.append(f"it now includes {step_names(added)}")
    if not parts:
        return None
    text = "; ".join(parts)
    return Cited(text[:1].upper() + text[1:] + ".", unique(citations))


def _eligible_because(plan: Plan) -> str:
    return f", because you can sit the {plan.target.abbreviation} now {route_phrase(plan.target)}"


def _removed(before: Plan, after: Plan) -> list[schema.RoadmapStep]:
    return [s.step for s in before.steps if s.key not in after.keys]


def _who(kb: KnowledgeBase, plan: Plan) -> str | None:
    """ "an international medical graduate": the person's background as a noun phrase."""
    key = plan.profile.background
    if key is None:
        return None
    name = kb.display_name("background", key) or key.replace("_", " ")
    return ("an " if name[:1].lower() in "aeiou" else "a ") + name
