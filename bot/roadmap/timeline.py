"""A personal timeline: how long each part of the plan takes and the months it could end.

Every duration is a knowledge-base fact with a structured range (`facts.yml`,
`range:`), picked per person by `timeline.yml` (by program type, credential or
background). Where our sources give no figure (study time, the job search), the
estimate says so instead of inventing one; where a figure is used in a way its
source does not state (the CMA testing rules as an exam window), the part says it
is derived and how. Dates are calendar arithmetic on the person's own start date.

It follows the person's plan: titled for the plan's credential, with no program
time for someone who can sit the exam now (and a line saying why), and for
part-time study the full-time figure said as such, with no months worked out
from it, since no source gives a part-time length.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field, replace

from bot.citing import Citation, Cited, as_of, unique
from bot.kb import schema
from bot.kb.queries import KnowledgeBase
from bot.roadmap.choice import route_phrase
from bot.roadmap.plan import Plan, step_names

Dates = tuple[dt.date, dt.date]  # earliest, latest


@dataclass(frozen=True)
class PartEstimate:
    key: str
    label: str
    ranged: bool  # False: our sources give no figure for this person, and `text` says so
    text: str
    derived: bool = False
    #: When the part could end ("You could finish your program between December 2027 and March
    #: 2028"), for a dated part before the last: the closing line gives the last one's.
    ends: str | None = None


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


def months(dates: Dates) -> str:
    """ "between June 2027 and September 2027", or "in March 2026" when both fall in one month."""
    first, last = (month_name(d) for d in dates)
    return f"in {first}" if first == last else f"between {first} and {last}"


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


@dataclass
class _Walk:
    """The estimate as it is built, one part after another."""

    kb: KnowledgeBase
    facts: dict[str, schema.Fact]
    start: dt.date | None
    part_time: bool
    citations: list[Citation] = field(default_factory=list)
    used: list[str] = field(default_factory=list)
    parts: list[PartEstimate] = field(default_factory=list)
    #: Earliest and latest end of the parts so far; None once a part has no figure (or without a start).
    chain: Dates | None = None
    derived: bool = False
    finish: Dates | None = None
    finish_label: str | None = None
    total: Dates | None = None
    total_line: str | None = None
    #: A part's figure is a full-time length and they study part-time: no months past it.
    part_time_unknown: bool = False

    def use(self, key: str) -> schema.Fact:
        fact = self.facts[key]
        self.citations.append(self.kb.cite(fact.source, as_of(fact)))
        self.used.append(key)
        return fact

    def add_total(self, part: schema.TimelinePart, range_key: str | None) -> None:
        """A whole-journey figure, as dates from the start (not for part-time study: it is no part-time figure)."""
        if range_key is None:
            return
        fact = self.use(range_key)
        if self.start and not self.part_time:
            self.total = (
                shift(self.start, fact.range_min, fact.range_unit),
                shift(self.start, fact.range_max, fact.range_unit),
            )
        self.total_line = _total_line(part, fact, self.total)

    def add_part(self, part: schema.TimelinePart, range_key: str | None, early_key: str | None) -> None:
        if range_key is None:
            text = f"{part.label}: {part.no_range}"
            if self.part_time and part.part_time:
                text += f" {part.part_time}"
                self.part_time_unknown = True
            self.parts.append(PartEstimate(part.key, part.label, False, text))
            self.chain = None
            return
        fact = self.use(range_key)
        early = self.use(early_key) if early_key else None
        said = f"may begin {early.value}; {fact.value}" if early else fact.value
        text = f"{part.label}: {said}."
        if part.derivation:
            text += f" {part.derivation}"
        if self.part_time and part.part_time:
            # A full-time length says nothing certain about part-time study: no months from it.
            self.parts.append(PartEstimate(part.key, part.label, False, f"{text} {part.part_time}"))
            self.chain = None
            self.part_time_unknown = True
            return
        self.parts.append(PartEstimate(part.key, part.label, True, text, derived=bool(part.derivation)))
        if self.chain is not None:
            low, high = self.chain
            if early is not None:
                low = shift(low, early.range_max, early.range_unit, sign=-1)
            self.chain = (shift(low, fact.range_min, fact.range_unit), shift(high, fact.range_max, fact.range_unit))
            self.finish, self.finish_label = self.chain, part.milestone or f"{part.label} done"
            self.derived = self.derived or bool(part.derivation)
            self.parts[-1] = replace(self.parts[-1], ends=f"{self.finish_label} {months(self.chain)}.")

    def closing(self) -> list[str]:
        """When it could end, or why we cannot say; then the whole-journey figure, if any."""
        lines: list[str] = []
        if self.finish:
            lines.append(f"{self.finish_label} {months(self.finish)}" + (" (derived)." if self.derived else "."))
        if self.part_time_unknown:
            lines.append("Without a part-time length for your program, I can't work out the months after it.")
        elif self.finish is None and self.start is None:
            lines.append("Tell me when you plan to start and I'll work out the months.")
        elif self.finish is None:
            lines.append("Without figures for these parts, I can't work out months for you.")
        if self.total_line:
            lines.append(self.total_line)
        return lines


def estimate(kb: KnowledgeBase, plan: Plan, start: dt.date | None = None, program_type: str | None = None) -> Timeline:
    """The timeline for `plan`; with `start` (else the profile's start month), the months it could end.

    `program_type` ("certificate" or "associate") defaults to the profile's.
    Parts run one after another; a part with an `early` fact may begin that much
    before the previous part ends. Dates stop at the first part with no figure,
    because anything after it would be a guess.
    """
    program_type = program_type or plan.profile.program_type
    start = start or plan.profile.start_date
    parts = [p for p in kb.timeline_parts() if _applies(p, plan)]
    picked = [(p, _pick(p.ranges, plan, program_type), _pick(p.early, plan, program_type)) for p in parts]
    facts = kb.facts(k for _, r, e in picked for k in (r, e) if k)
    walk = _Walk(kb, facts, start, plan.profile.pace == "part_time", chain=(start, start) if start else None)
    for part, range_key, early_key in picked:
        if part.kind == "total":
            walk.add_total(part, range_key)
        else:
            walk.add_part(part, range_key, early_key)
    lines = [_heading(kb, plan, program_type, start)]
    left_out = _left_out_line(plan)
    if left_out is not None:
        lines.append(left_out.body)
        walk.citations += left_out.citations
    last_dated = max((n for n, e in enumerate(walk.parts) if e.ends), default=None)
    lines += [f"• {e.text}" + (f" {e.ends}" if e.ends and n != last_dated else "") for n, e in enumerate(walk.parts)]
    lines += walk.closing()
    return Timeline(
        start,
        tuple(walk.parts),
        walk.finish,
        walk.finish_label,
        walk.total,
        Cited("\n".join(lines), unique(walk.citations), tuple(dict.fromkeys(walk.used))),
    )


def _heading(kb: KnowledgeBase, plan: Plan, program_type: str | None, start: dt.date | None) -> str:
    """ "Your timeline to the CCMA, certificate or diploma program, part-time, starting March 2027:"."""
    bits = [f"the {plan.target.abbreviation}"]
    if "program" in plan.keys:
        if program_type:
            bits.append(kb.display_name("program_type", program_type) or program_type)
        if plan.profile.pace == "part_time":
            bits.append("part-time")
    heading = "Your timeline to " + ", ".join(bits)
    return heading + (f", starting {month_name(start)}:" if start else ":")


def _left_out_line(plan: Plan) -> Cited | None:
    """ "No time for the program and externship steps: you can sit the RMA now through …"."""
    if not plan.skipped:
        return None
    route = route_phrase(plan.target)
    text = f"No time for {step_names(plan.skipped)}: you can sit the {plan.target.abbreviation} now {route}."
    return Cited(text, plan.target.citations)


def _total_line(part: schema.TimelinePart, fact: schema.Fact, total: Dates | None) -> str:
    line = f"{part.label}: {fact.value}"
    if total:
        line += f", so {months(total)}"
    line += "."
    if part.derivation:
        line += f" {part.derivation}"
    return line
