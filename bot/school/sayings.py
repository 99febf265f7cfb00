"""What the bot says about the school, from its profile: `{school:...}` placeholders in answers.

An answer in the knowledge base writes `{school:languages}` where the school's facts
belong; each placeholder becomes a whole sentence (or a name), and what the profile
leaves empty becomes an honest "I don't know", never a guess. `{school:about_advisors}`
is for replies where silence is the honest default (the handoff): it says only what
the profile states, and nothing when it states nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from bot.school.profile import Program, School

PLACEHOLDER = re.compile(r"\{school:([a-z][a-z_]*)\}")
FORMATS = {"on_campus": "on campus", "online": "online", "hybrid": "hybrid"}


def _join(items: Sequence[str]) -> str:
    """ "English", "English and Spanish", "English, Spanish and Vietnamese"."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def name(school: School) -> str:
    """How a sentence names the school: its name, or "the school"."""
    return school.name or "the school"


def languages(school: School) -> str:
    if not school.advisors.languages:
        return "I don't know which languages the advisors speak; ask them when they contact you."
    return f"The advisors at {name(school)} speak {_join(school.advisors.languages)}."


def hours(school: School) -> str:
    if not school.advisors.office_hours:
        return "I don't have the advisors' office hours."
    return f"The advisors' office hours are {school.advisors.office_hours}."


def about_advisors(school: School) -> str:
    """Only what the profile states about the advisors; nothing at all when it states nothing."""
    said = []
    if school.advisors.office_hours:
        said.append(f"Advisors are available {school.advisors.office_hours}.")
    if school.advisors.languages:
        said.append(f"They speak {_join(school.advisors.languages)}.")
    if school.advisors.reply_time:
        said.append(f"An advisor usually replies {school.advisors.reply_time}.")
    return " ".join(said)


def privacy(school: School) -> str:
    """One line, said before the handoff asks for a name and contact: who sees them and what for."""
    return f"Privacy: your name and contact details go only to {name(school)}'s advisors, so they can reply to you."


def _program(program: Program) -> str:
    details = [FORMATS[program.format]] if program.format else []
    details += [d for d in (program.length, program.cost) if d]
    if program.as_of is not None and program.cost:
        details.append(f"as of {program.as_of}")
    return f"{program.name} ({', '.join(details)})" if details else program.name


def programs(school: School) -> str:
    """The school's own programs as it states them, or where to ask."""
    if not school.programs:
        return "For this school's own programs, their format and cost, ask its advisors."
    whose = f"{school.name}'s" if school.name else "The school's"
    return f"{whose} own programs, as the school states them: {'; '.join(_program(p) for p in school.programs)}."


SAYINGS: dict[str, Callable[[School], str]] = {
    "name": name,
    "languages": languages,
    "hours": hours,
    "about_advisors": about_advisors,
    "privacy": privacy,
    "programs": programs,
}


def fill(text: str, school: School) -> str:
    """`text` with each `{school:...}` placeholder replaced by what the profile lets the bot say."""
    if not PLACEHOLDER.search(text):
        return text
    # The knowledge-base checks refuse unknown names; one that slipped through stays visible, not a crash.
    filled = PLACEHOLDER.sub(lambda m: SAYINGS[m.group(1)](school) if m.group(1) in SAYINGS else m.group(0), text)
    # A placeholder that says nothing must not leave a gap behind.
    return "\n".join(re.sub(r"[ \t]{2,}", " ", line).strip() for line in filled.split("\n")).strip()


def unknown_placeholders(text: str) -> list[str]:
    """Names in `{school:...}` placeholders of `text` that the bot cannot fill."""
    return [n for n in PLACEHOLDER.findall(text) if n not in SAYINGS]
