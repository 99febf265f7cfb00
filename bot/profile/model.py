"""The Profile: everything about a person that changes what the bot says to them.

One dataclass serves the eligibility check, the roadmap, the timeline and the
answers' wording, so a fact given once ("4 years as an MA") is never asked again and
never disagrees between two replies. None means "not said (yet)": the checker then
states a condition instead of assuming either way.

Work is kept by kind because the certifiers count only medical-assisting work:
`experience_years` is MA work; years as a medic, a nurse abroad, a CNA or a midwife, and
years in any other job (a trucker's, a teacher's), go to `other_healthcare_years` with
their role, and never open a work-experience route.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, fields
from typing import Any, Literal

Education = Literal["accredited_program_graduate", "other_program", "none"]
EDUCATIONS: tuple[str, ...] = ("accredited_program_graduate", "other_program", "none")
#: The backgrounds the readers produce (the knowledge base's backgrounds.yml names them).
BACKGROUNDS = ("img", "hs_graduate", "career_changer", "working_ma", "military")
GOALS = ("residency", "career")
PROGRAM_TYPES = ("certificate", "associate")
PACES = ("full_time", "part_time")
_FLOATS = (
    "experience_years",
    "years_since_graduation",
    "experience_span_years",
    "military_years_ago",
    "other_healthcare_years",
)
_BOOLS = ("hs_diploma", "military_training", "in_program", "program_accredited")


@dataclass(frozen=True)
class Profile:
    """What a person told us about themselves; None means they have not said (yet)."""

    background: str | None = None
    #: A credential key, or None: recommend one for them.
    credential: str | None = None
    state: str | None = None
    goal: str | None = None  # IMGs: "residency" (a stepping stone) or "career"
    program_type: str | None = None  # "certificate" or "associate"
    pace: str | None = None  # "full_time" or "part_time" study
    start_date: dt.date | None = None
    hs_diploma: bool | None = None  # a high-school diploma or GED
    education: Education | None = None  # a medical assisting program finished ("none": none)
    in_program: bool | None = None  # in a medical assisting program now
    #: Whether the finished program was CAAHEP- or ABHES-accredited; None: they did not say ("i just
    #: finished my ma program"), so the check names what accreditation would open.
    program_accredited: bool | None = None
    years_since_graduation: float | None = None
    experience_years: float | None = None  # medical-assisting work only (0: none)
    #: All that MA work fell within the last this-many years (None: not said).
    experience_span_years: float | None = None
    #: Other healthcare work (medic, nurse abroad, CNA…): said back, never counted as MA work.
    other_healthcare_years: float | None = None
    other_healthcare_role: str | None = None
    #: None: yes if they said when it ended or their background is "military", else no.
    military_training: bool | None = None
    military_years_ago: float | None = None
    #: A credential they held before, current or lapsed ("I was a CMA back in 2008", "my RMA expired"):
    #: its holder's own route (AAMA's Category 3, renewing by exam) is theirs, not a program.
    held_credential: str | None = None

    @property
    def has_military_training(self) -> bool:
        if self.military_training is not None:
            return self.military_training
        return self.background == "military" or self.military_years_ago is not None

    @property
    def has_program(self) -> bool:
        return self.education not in (None, "none")

    @property
    def ma_years(self) -> float:
        """Years of medical-assisting work, 0 when none or not said."""
        return self.experience_years or 0.0

    @property
    def is_img(self) -> bool:
        return self.background == "img"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["start_date"] = self.start_date.isoformat() if self.start_date else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Profile:
        """Rebuild a stored profile; raises ValueError on anything malformed."""
        if not isinstance(data, dict):
            raise ValueError("profile is not an object")
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        if values.get("start_date"):
            values["start_date"] = dt.date.fromisoformat(values["start_date"])
        for name in _FLOATS:
            if values.get(name) is not None:
                values[name] = float(values[name])
        for name in _BOOLS:
            if values.get(name) is not None and not isinstance(values[name], bool):
                raise ValueError(f"{name} is not true or false")
        profile = cls(**values)
        profile.validate()
        return profile

    def validate(self) -> None:
        """Raise ValueError when a field holds a value no reader produces."""
        checks = (
            ("education", self.education, EDUCATIONS),
            ("goal", self.goal, GOALS),
            ("program_type", self.program_type, PROGRAM_TYPES),
            ("pace", self.pace, PACES),
        )
        for name, value, allowed in checks:
            if value is not None and value not in allowed:
                raise ValueError(f"unknown {name} {value!r}")
        for name in ("background", "held_credential"):
            if getattr(self, name) is not None and not isinstance(getattr(self, name), str):
                raise ValueError(f"{name} is not a key")
        numbers = [getattr(self, n) for n in _FLOATS]
        if any(x is not None and not 0 <= x <= 80 for x in numbers):
            raise ValueError("a number of years is out of range")
