"""Side-by-side answers for "CNA vs LPN" or "CMA vs RMA", built from the knowledge base.

Hand-written answers compare medical assisting with one other role. When a person
names two others, writing every pair by hand would not scale, so the comparison is
assembled from the structured fields of each entry, with each entry's source.
"""

from __future__ import annotations

from bot.citing import as_of, unique
from bot.kb.queries import KnowledgeBase, ResolvedAnswer


def compare_roles(kb: KnowledgeBase, first: str, second: str) -> ResolvedAnswer | None:
    """Two roles side by side (scope, education, licence, who each suits); None if either is unknown."""
    one, other = kb.role(first), kb.role(second)
    if one is None or other is None:
        return None
    lines: list[str] = []
    for role in (one, other):
        name = role.abbreviation or role.name
        parts = [p for p in (role.scope, role.education, role.licence) if p]
        lines.append(f"• {name}: " + " ".join(parts))
        if role.best_for:
            lines[-1] += f" Best for: {role.best_for[0].lower()}{role.best_for[1:]}"
    text = f"{one.abbreviation or one.name} vs {other.abbreviation or other.name}:\n" + "\n".join(lines)
    citations = unique(kb.cite(r.source, as_of(r)) for r in (one, other))
    buttons = (
        {"title": "Compare pay", "payload": "/ask_salary"},
        {"title": "What does a medical assistant do?", "payload": "/ask_what_is_cma"},
    )
    return ResolvedAnswer("compare_roles", f"{first}+{second}", text, citations, buttons)


def compare_credentials(kb: KnowledgeBase, first: str, second: str) -> ResolvedAnswer | None:
    """Two credentials side by side, each with a button to check eligibility; None if either is unknown."""
    one, other = kb.credential(first), kb.credential(second)
    if one is None or other is None:
        return None
    lines = [f"• {c.abbreviation} ({c.name}): {c.summary}" for c in (one, other)]
    text = (
        f"{one.abbreviation} vs {other.abbreviation}: both are national medical assistant credentials.\n"
        + "\n".join(lines)
    )
    citations = unique(kb.cite(c.source, as_of(c)) for c in (one, other))
    buttons = tuple(
        {"title": f"Can I take the {c.abbreviation}?", "payload": f'/ask_eligibility{{"credential":"{c.key}"}}'}
        for c in (one, other)
    )
    return ResolvedAnswer("which_credential", f"{first}+{second}", text, citations, buttons)
