"""Reading one content file into records, with each problem at its file, entry and field.

An entry is named by its key and position ("'rma' (#2)") so an advisor finds it even
when the key itself is what is wrong; a field by its path inside the entry
("routes.0.requires").
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from bot.kb.problems import Problem
from bot.kb.records import Strict


def read_records(path: Path, list_name: str, model: type[Strict]) -> tuple[list[Strict], list[Problem]]:
    """The valid records of the file at `path` (a YAML list under `list_name`), and what is wrong with the rest."""
    problems: list[Problem] = []
    entries = _entries(path, list_name, problems)
    records = []
    for index, raw in enumerate(entries):
        entry = _entry_label(raw, index)
        if not isinstance(raw, dict):
            problems.append(Problem(path.name, entry, "(entry)", "must be a mapping of fields"))
            continue
        try:
            records.append(model.parse_obj(raw))
        except ValidationError as exc:
            problems += [Problem(path.name, entry, _field_label(err["loc"]), err["msg"]) for err in exc.errors()]
    return records, problems


def _entries(path: Path, list_name: str, problems: list[Problem]) -> list[Any]:
    """The raw entries of the file, or none when it is not a YAML list under `list_name`."""
    name = path.name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        problems.append(Problem(name, "-", "-", f"not UTF-8 text: {exc}"))
        return []
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"at line {mark.line + 1}" if mark else "-"
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        problems.append(Problem(name, where, "-", f"not valid YAML: {reason}"))
        return []
    if not isinstance(data, dict) or not isinstance(data.get(list_name), list):
        problems.append(Problem(name, "-", list_name, f"the file must hold a list under '{list_name}:'"))
        return []
    entries: list[Any] = data[list_name]
    return entries


def _entry_label(raw: object, index: int) -> str:
    if isinstance(raw, dict) and isinstance(raw.get("key"), str):
        return f"{raw['key']!r} (#{index + 1})"
    return f"#{index + 1}"


def _field_label(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(p) for p in loc) or "(entry)"
