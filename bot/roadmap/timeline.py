"""A personal timeline: how long each part of the plan takes and the months it could end.

Every duration is a knowledge-base fact with a structured range (`facts.yml`,
`range:`), picked per person by `timeline.yml` (by program type, credential or
background). Where our sources give no figure (study time, the job search), the
estimate says so instead of inventing one; where a figure is used in a way its
source does not state (the CMA testing rules as an exam window), the part says it
is derived and how. Dates are calendar arithmetic on the person's own start date.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from bot.citing import Citation, Cited, as_of, unique
from bot.kb import schema
from bot.kb.queries import KnowledgeBase
from bot.roadmap.plan import Plan

Dates = tuple[dt.date, dt.date]  # earliest, latest


@dataclass(frozen=True)
class PartEstimate:
    key: str
    label: str
    ranged: bool  # False: our sources give no figure for this person, and `text` says so
    text: str
    derived: bool = False


@dataclass(frozen=True)
class Timeline:
    """The estimate (its parts and dates) and the message that tells the person about it."""

    start: dt.date | None
    parts: tuple[PartEstimate, ...]
    #: The end of the last part we could time, and which part that is.
    finish: Dates | None
    finish_label: str | None
    #: A whole-journey figure from the guides (the IMG guide's total), as dates from the start.
    total: Dates | None
    message: Cited


def month_name(day: dt.date) -> str:
    return f"{calendar.month_name[day.month]} {day.year}"


def add_months(day: dt.date, months: float) -> dt.date:
    """Whole calendar months (clamped to the month's last day); a fraction of a month as days."""
    whole = int(months)
    index = day.month - 1 + whole
    year, month = day.year + index // 12, index % 12 + 1
    moved = dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
    return moved + dt.timedelta(days=round((months - whole) * 30))


def add_business_days(day: dt.date, count: float) -> dt.date:
    left = int(round(count))
    while left > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day


def shift(day: dt.date, amount: float, unit: str, sign: int = 1) -> dt.date:
    """`day` moved by `amount` `unit`s (backwards when sign is -1; business days only forwards)."""
    if unit == "months":
        return add_months(day, sign * amount) if sign > 0 else _sub_months(day, amount)
    if unit == "years":
        return add_months(day, amount * 12) if sign > 0 else _sub_months(day, amount * 12)
    if unit == "business_days":
        if sign < 0:
            raise ValueError("business days only count forwards")
        return add_business_days(day, amount)
    days = amount * (7 if unit == "weeks" else 1)
    return day + dt.timedelta(days=sign * round(days))


def _sub_months(day: dt.date, months: float) -> dt.date:
    whole = int(months)
    index = day.month - 1 - whole
    year, month = day.year + index // 12, index % 12 + 1
    moved = dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
    return moved - dt.timedelta(days=round((months - whole) * 30))


def _pick(mapping: dict, plan: Plan, program_type: str | None) -> str | None:
    """The fact for this person: by program type, then credential, then the default."""
    for selector in (program_type, plan.credential, "default"):
        if selector and selector in (mapping or {}):
            return mapping[selector]
    return None


def _applies(part: schema.TimelinePart, plan: Plan) -> bool:
    if part.backgrounds and plan.profile.background not in part.backgrounds:
        return False
    return part.kind == "total" or part.step in plan.keys


def estimate(kb: KnowledgeBase, plan: Plan, start: dt.date | None = None, program_type: str | None = None) -> Timeline:
    """The timeline for `plan`; with `start`, the months it could end.

    `program_type` ("certificate" or "associate") defaults to the profile's.
    Parts run one after another; a part with an `early` fact may begin that much
    before the previous part ends. Dates stop at the first part with no figure,
    because anything after it would be a guess.
    """
    program_type = program_type or plan.profile.program_type
    start = start or plan.profile.start_date
    parts_rows = [p for p in kb.timeline_parts() if _applies(p, plan)]
    keys = [
        k for p in parts_rows for k in (_pick(p.ranges, plan, program_type), _pick(p.early, plan, program_type)) if k
    ]
    facts = kb.facts(keys)
    citations: list[Citation] = []
    used: list[str] = []

    def use(key: str) -> schema.Fact:
        fact = facts[key]
        citations.append(kb.cite(fact.source, as_of(fact)))
        used.append(key)
        return fact

    estimates: list[PartEstimate] = []
    #: Earliest and latest end of the parts so far; None once a part has no figure (or without a start).
    chain: Dates | None = (start, start) if start else None
    derived = False
    finish: Dates | None = None
    finish_label: str | None = None
    total: Dates | None = None
    total_line: str | None = None
    for part in parts_rows:
        range_key = _pick(part.ranges, plan, program_type)
        early_key = _pick(part.early, plan, program_type)
        if part.kind == "total":
            if range_key:
                fact = use(range_key)
                if start:
                    total = (
                        shift(start, fact.range_min, fact.range_unit),
                        shift(start, fact.range_max, fact.range_unit),
                    )
                total_line = _total_line(part, fact, total)
            continue
        if range_key is None:
            estimates.append(PartEstimate(part.key, part.label, False, f"{part.label}: {part.no_range}"))
            chain = None
            continue
        fact = use(range_key)
        said = fact.value
        if early_key:
            early = use(early_key)
            said = f"may begin {early.value}; {said}"
        text = f"{part.label}: {said}."
        if part.derivation:
            text += f" {part.derivation}"
        estimates.append(PartEstimate(part.key, part.label, True, text, derived=bool(part.derivation)))
        if chain is not None:
            low, high = chain
            if early_key:
                low = shift(low, early.range_max, early.range_unit, sign=-1)
            chain = (shift(low, fact.range_min, fact.range_unit), shift(high, fact.range_max, fact.range_unit))
            finish, finish_label = chain, part.milestone or f"{part.label} done"
            derived = derived or bool(part.derivation)
    lines = [_heading(kb, plan, program_type, start)]
    lines += [f"• {e.text}" for e in estimates]
    if finish:
        lines.append(
            f"{finish_label} between {month_name(finish[0])} and {month_name(finish[1])}"
            + (" (derived)." if derived else ".")
        )
    elif start is None:
        lines.append("Tell me when you plan to start and I'll work out the months.")
    else:
        lines.append("Without figures for these parts, I can't work out months for you.")
    if total_line:
        lines.append(total_line)
    return Timeline(
        start,
        tuple(estimates),
        finish,
        finish_label,
        total,
        Cited("\n".join(lines), unique(citations), tuple(dict.fromkeys(used))),
    )


def _heading(kb: KnowledgeBase, plan: Plan, program_type: str | None, start: dt.date | None) -> str:
    bits = [f"the {plan.target.abbreviation}"]
    if program_type and "program" in plan.keys:
        bits.append(kb.display_name("program_type", program_type) or program_type)
    heading = "Your timeline to " + ", ".join(bits)
    return heading + (f", starting {month_name(start)}:" if start else ":")


def _total_line(part: schema.TimelinePart, fact: schema.Fact, total: Dates | None) -> str:
    line = f"{part.label}: {fact.value}"
    if total:
        line += f", so between {month_name(total[0])} and {month_name(total[1])}"
    line += "."
    if part.derivation:
        line += f" {part.derivation}"
    return line
