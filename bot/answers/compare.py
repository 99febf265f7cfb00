"""Side-by-side answers for "CNA vs LPN" or "CMA vs RMA", built from the knowledge base.

Hand-written answers compare medical assisting with one other role. When a person
names two others, writing every pair by hand would not scale, so the comparison is
assembled from the structured fields of each entry, with each entry's source.
"""

from __future__ import annotations

from bot.kb.queries import KnowledgeBase, ResolvedAnswer


def _when(row) -> str | None:
    return row.as_of_label or str(row.as_of)


def compare_roles(kb: KnowledgeBase, first: str, second: str) -> ResolvedAnswer | None:
    roles = [kb.role(first), kb.role(second)]
    if not all(roles):
        return None
    lines: list[str] = []
    for role in roles:
        name = role.abbreviation or role.name
        parts = [p for p in (role.scope, role.education, role.licence) if p]
        lines.append(f"• {name}: " + " ".join(parts))
        if role.best_for:
            lines[-1] += f" Best for: {role.best_for[0].lower()}{role.best_for[1:]}"
    text = f"{roles[0].abbreviation or roles[0].name} vs {roles[1].abbreviation or roles[1].name}:\n" + "\n".join(lines)
    citations = tuple(dict.fromkeys(kb.cite(r.source, _when(r)) for r in roles))
    buttons = (
        {"title": "Compare pay", "payload": "/ask_salary"},
        {"title": "What does a medical assistant do?", "payload": "/ask_what_is_cma"},
    )
    return ResolvedAnswer("compare_roles", f"{first}+{second}", text, citations, buttons)


def compare_credentials(kb: KnowledgeBase, first: str, second: str) -> ResolvedAnswer | None:
    creds = [kb.credential(first), kb.credential(second)]
    if not all(creds):
        return None
    lines = [f"• {c.abbreviation} ({c.name}): {c.summary}" for c in creds]
    text = (
        f"{creds[0].abbreviation} vs {creds[1].abbreviation}: both are national medical assistant credentials.\n"
        + "\n".join(lines)
    )
    citations = tuple(dict.fromkeys(kb.cite(c.source, _when(c)) for c in creds))
    buttons = tuple(
        {"title": f"Can I take the {c.abbreviation}?", "payload": f'/ask_eligibility{{"credential":"{c.key}"}}'}
        for c in creds
    )
    return ResolvedAnswer("which_credential", f"{first}+{second}", text, citations, buttons)
