"""One person's verdict, as they read it: what it rests on, then a line per credential.

The eligibility question ("can I take the RMA?") and the eligibility check after the
questions give the same verdict in the same words, opened with what we know of them
("As a working medical assistant with 4 years of medical assisting work: "), so a
wrong fact is visible and can be corrected.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.citing import Cited
from bot.eligibility.check import check
from bot.kb.queries import KnowledgeBase
from bot.profile import Profile
from bot.profile.describe import a_role, as_you_said


def verdict_for(kb: KnowledgeBase, profile: Profile, credentials: Sequence[str] = ()) -> Cited:
    """Every route of `credentials` (all when empty) checked for `profile`, with what it rests on."""
    report = check(kb, profile, credentials)
    said = as_you_said(profile, lambda key: kb.display_name("us_state", key) or key)
    text = (said + "\n" if said else "") + report.text
    if profile.other_healthcare_years and not profile.ma_years and profile.other_healthcare_role:
        text += (
            f"\nYour years as {a_role(profile.other_healthcare_role)} are not medical assisting work, "
            "which is all the work routes count."
        ) + _duties_asked(kb, credentials)
    return Cited(text, report.citations)


def _duties_asked(kb: KnowledgeBase, credentials: Sequence[str]) -> str:
    """Which work routes count only medical assisting work with both sides of the job ("an ER tech, vitals and
    blood draws, never the front desk" hears that the RMA's asks for both)."""
    both = [
        cred.abbreviation or cred.name
        for cred, routes in kb.credentials_with_routes()
        if (not credentials or cred.key in credentials)
        and any("clinical_and_admin" in (r.also_needs or ()) for r in routes)
    ]
    if not both:
        return ""
    return f" The {' and '.join(both)} work route asks for both clinical and administrative duties."
