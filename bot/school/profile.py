"""Reading and validating the school profile, with each mistake at its file, entry and field.

The profile is a small YAML file (`data/school.yml`, or another given by SCHOOL_FILE);
SCHOOL_NAME, SCHOOL_OFFICE_HOURS and SCHOOL_ADVISOR_LANGUAGES in `.env` or the
environment override single values of it, so a school can set up the bot without
editing the repository. Everything is optional: an empty profile is valid and means
"unknown", which is what the bot then says.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import ConstrainedStr, ValidationError, validator

from bot.kb.problems import Problem
from bot.kb.records import Strict, Year
from bot.settings import load_settings

log = logging.getLogger(__name__)

#: Where a value given in the environment goes in the profile, so its errors name the variable.
ENV_FIELDS: dict[str, tuple[str, ...]] = {
    "SCHOOL_NAME": ("name",),
    "SCHOOL_OFFICE_HOURS": ("advisors", "office_hours"),
    "SCHOOL_ADVISOR_LANGUAGES": ("advisors", "languages"),
    "SCHOOL_REPLY_TIME": ("advisors", "reply_time"),
}
ENVIRONMENT = ".env or environment"


class Name(ConstrainedStr):
    strip_whitespace = True
    min_length = 1
    max_length = 100


class Hours(ConstrainedStr):
    """Office hours as the school writes them ("Monday to Friday, 9 am to 5 pm Central")."""

    strip_whitespace = True
    min_length = 1
    max_length = 120


class Language(ConstrainedStr):
    strip_whitespace = True
    min_length = 2
    max_length = 40


class Short(ConstrainedStr):
    strip_whitespace = True
    min_length = 1
    max_length = 80


class Advisors(Strict):
    office_hours: Hours | None = None
    #: How soon an advisor answers a request, as the school promises it ("within one business day").
    reply_time: Hours | None = None
    #: Only languages the school states; none means the bot says it does not know.
    languages: list[Language] = []

    @validator("languages")
    def _plain_names(cls, v: list[str]) -> list[str]:  # noqa: N805
        if len(v) > 12:
            raise ValueError("at most 12 languages")
        for name in v:
            if not all(ch.isalpha() or ch in " -'()" for ch in name):
                raise ValueError(f"{name!r} is not a language name (letters, spaces and hyphens only)")
        lowered = [n.lower() for n in v]
        if len(set(lowered)) != len(lowered):
            raise ValueError("a language is listed twice")
        return v


class Program(Strict):
    """One of the school's own programs, quoted only as the school states it."""

    name: Short
    format: Literal["on_campus", "online", "hybrid"] | None = None
    length: Short | None = None
    cost: Short | None = None
    #: The year the school's cost figure is for; a cost without it would be an undated figure.
    as_of: Year | None = None

    @validator("as_of", always=True)
    def _cost_has_a_year(cls, v: int | None, values: dict[str, Any]) -> int | None:  # noqa: N805
        if values.get("cost") and v is None:
            raise ValueError("a program with a cost needs as_of: the year the cost is for")
        return v


class School(Strict):
    name: Name | None = None
    advisors: Advisors = Advisors()
    programs: list[Program] = []

    @validator("programs")
    def _few_programs(cls, v: list[Program]) -> list[Program]:  # noqa: N805
        if len(v) > 5:
            raise ValueError("at most 5 programs, so answers stay short")
        return v


class SchoolProfileError(Exception):
    """The profile cannot be used; `problems` lists each mistake with its location."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("school profile has errors:\n" + "\n".join(f"  - {p}" for p in problems))


@dataclass(frozen=True)
class _Raw:
    data: dict[str, Any]
    #: profile field path -> the environment variable that set it
    from_env: dict[tuple[str, ...], str]


def read_profile(path: Path, env: Mapping[str, str] | None = None) -> School:
    """The school profile in `path`, with SCHOOL_* values from `env` on top (raises SchoolProfileError)."""
    problems: list[Problem] = []
    raw = _with_env(_raw_profile(path, problems), env or {}, problems)
    try:
        school = School.parse_obj(raw.data)
    except ValidationError as exc:
        problems += [_problem(path.name, err, raw) for err in exc.errors()]
    if problems:
        raise SchoolProfileError(problems)
    return school


def _raw_profile(path: Path, problems: list[Problem]) -> dict[str, Any]:
    name = path.name
    if not path.exists():
        problems.append(Problem(name, "-", "-", f"missing file {path}"))
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        problems.append(Problem(name, "-", "-", f"not UTF-8 text: {exc}"))
        return {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"at line {mark.line + 1}" if mark else "-"
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        problems.append(Problem(name, where, "-", f"not valid YAML: {reason}"))
        return {}
    if not isinstance(data, dict) or not isinstance(data.get("school", {}) or {}, dict):
        problems.append(Problem(name, "-", "school", "the file must hold a mapping under 'school:'"))
        return {}
    unknown = sorted(set(data) - {"school"})
    if unknown:
        problems.append(Problem(name, "-", ", ".join(map(str, unknown)), "unknown top-level key; only 'school:'"))
    school: dict[str, Any] = data.get("school") or {}
    return school


def _with_env(data: dict[str, Any], env: Mapping[str, str], problems: list[Problem]) -> _Raw:
    """`data` with the SCHOOL_* values of `env` put in; an unknown SCHOOL_* name is a mistake, not ignored."""
    from_env: dict[tuple[str, ...], str] = {}
    for variable, value in sorted(env.items()):
        if not variable.startswith("SCHOOL_") or variable == "SCHOOL_FILE":
            continue
        if variable not in ENV_FIELDS:
            known = ", ".join(["SCHOOL_FILE", *ENV_FIELDS])
            problems.append(Problem(ENVIRONMENT, variable, "-", f"unknown setting; the school settings are {known}"))
            continue
        if not value.strip():  # an empty line in .env leaves the file's value
            continue
        where = ENV_FIELDS[variable]
        parsed: Any = [part.strip() for part in value.split(",") if part.strip()] if where[-1] == "languages" else value
        target = data
        for key in where[:-1]:
            if not isinstance(target.get(key), dict):
                target[key] = {}
            target = target[key]
        target[where[-1]] = parsed
        from_env[where] = variable
    return _Raw(data, from_env)


def _problem(file_name: str, err: Mapping[str, Any], raw: _Raw) -> Problem:
    """A validation error at the entry and field it concerns, or at the variable that set the value."""
    loc = tuple(str(p) for p in err["loc"])
    for path, variable in raw.from_env.items():
        if loc[: len(path)] == path:
            return Problem(ENVIRONMENT, variable, ".".join(loc), err["msg"])
    if loc and loc[0] == "programs" and len(loc) > 1 and loc[1].isdigit():
        return Problem(file_name, f"programs #{int(loc[1]) + 1}", ".".join(loc[2:]) or "(entry)", err["msg"])
    if loc and loc[0] == "advisors" and len(loc) > 1:
        return Problem(file_name, "advisors", ".".join(loc[1:]), err["msg"])
    return Problem(file_name, "school", ".".join(loc) or "(entry)", err["msg"])


@lru_cache(maxsize=1)
def current_school() -> School:
    """The running bot's school profile, read once per process; an unusable one is logged and
    treated as empty, so people get honest "I don't know" answers instead of an error."""
    settings = load_settings()
    try:
        return read_profile(settings.school_file, dict(settings.school_env))
    except SchoolProfileError as exc:
        log.error("%s\nAnswering as if the school had stated nothing.", exc)
        return School()
