"""Say a person's profile back to them in a phrase: "As a working MA with 4 years of MA work, in Ohio".

Shown when it matters (an eligibility verdict, a plan, a correction), so the person
can see what the advice rests on and correct it ("I meant 2 years").
"""

from __future__ import annotations

from collections.abc import Callable

from bot.profile.model import Profile

_WHO = {
    "img": "an international medical graduate",
    "hs_graduate": "a high-school graduate",
    "career_changer": "someone changing careers",
    "working_ma": "a working medical assistant",
    "military": "someone trained by the U.S. military",
}


def a_role(role: str) -> str:
    """ "a CNA", "an office worker", "an EMT": the article the role's sound takes."""
    first = role.split()[0] if role.split() else role
    spelled = first.isupper() and first[:1] in "AEFHILMNORSX"  # "an LPN", "an RN": letters said one by one
    return ("an " if spelled or role[:1].lower() in "aeio" else "a ") + role


def _years(x: float) -> str:
    """ "4 years", "1.5 years", "6 months", "14 months": as people say them, never "1.16667 years"."""
    months = round(x * 12)
    if (x < 1 or (x * 2) != int(x * 2)) and abs(x * 12 - months) < 0.01:
        return f"{months} month" + ("" if months == 1 else "s")
    return f"{round(x, 1):g} year" + ("" if x == 1 else "s")


def parts(profile: Profile, state_name: Callable[[str], str] = str.title) -> list[str]:
    """The profile's facts as short phrases, most telling first; empty when nothing is known."""
    said: list[str] = []
    if profile.background in _WHO:
        said.append(_WHO[profile.background])
    if profile.experience_years is not None and (profile.experience_years or profile.background == "working_ma"):
        said.append(
            f"{_years(profile.experience_years)} of medical assisting work"
            if profile.experience_years
            else "no medical assisting work yet"
        )
    if profile.other_healthcare_years and profile.other_healthcare_role:
        said.append(f"{_years(profile.other_healthcare_years)} as {a_role(profile.other_healthcare_role)}")
    if profile.military_years_ago is not None:
        said.append(f"training that ended {_years(profile.military_years_ago)} ago")
    if profile.in_program:
        said.append("a medical assisting program under way")
    elif profile.education == "accredited_program_graduate":
        said.append("an accredited medical assisting program finished" + _ago(profile.years_since_graduation))
    elif profile.education == "other_program":
        said.append("a medical assisting program finished" + _ago(profile.years_since_graduation))
    if profile.held_credential:
        said.append(f"the {profile.held_credential.upper()} held before")
    if profile.hs_diploma is False:
        said.append("no high-school diploma or GED yet")
    if profile.state:
        said.append(f"in {state_name(profile.state)}")
    return said


def _ago(years: float | None) -> str:
    return "" if years is None else f" {_years(years)} ago"


def as_you_said(profile: Profile, state_name: Callable[[str], str] = str.title) -> str:
    """ "As a working medical assistant with 4 years of medical assisting work, in Ohio: " or ""."""
    said = parts(profile, state_name)
    if not said:
        return ""
    place = [p for p in said if p.startswith("in ") and not p.startswith("in a ")]
    said = [p for p in said if p not in place]
    if said and said[0].startswith(("a ", "an ", "someone")):
        text = f"As {said[0]}" + (f" with {_join(said[1:])}" if said[1:] else "")
    else:
        text = f"With {_join(said)}" if said else "In " + place.pop(0)[3:]
    return text + "".join(f", {p}" for p in place) + ": "


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def noted(profile: Profile, state_name: Callable[[str], str] = str.title) -> str:
    """ "Noted: a working medical assistant; 4 years of medical assisting work; in Ohio." or ""."""
    said = parts(profile, state_name)
    return "Noted: " + "; ".join(said) + "." if said else ""
