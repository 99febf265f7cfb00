"""The cue words' data file (data/understanding/cues.yml): the shipped file loads into the tables
bot.understanding.cues uses, and each kind of mistake is reported at its file, entry and field."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.kb.problems import Problem
from bot.understanding import cues
from bot.understanding.cue_data import CUES_FILE, OVERVIEW, SECTIONS, CueDataError, read_cues, shipped_cues


def shipped() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(CUES_FILE.read_text(encoding="utf-8"))
    return data


def write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "cues.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(CueDataError) as info:
        read_cues(path)
    return info.value.problems


def broken(tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> tuple[Path, list[Problem]]:
    """The shipped file with one change, written to tmp_path, and what the loader says of it."""
    data = shipped()
    change(data)
    path = write(tmp_path, data)
    return path, problems_of(path)


# --- the shipped file -----------------------------------------------------------------------------


def test_the_shipped_file_loads_into_the_tables_cues_uses():
    tables = shipped_cues()
    assert cues.CUES is tables.cues and cues.DECISIVE is tables.decisive
    assert cues.ASPECT_CUES is tables.aspect_cues and cues.TOPIC_WORDS is tables.topic_words
    assert cues.FOLLOW_UP_TOPIC_WORDS is tables.follow_up_topic_words and cues.FACETS is tables.facets
    assert list(shipped()) == list(SECTIONS)


def test_the_order_and_the_repeated_intents_are_kept():
    order = [intent for _, intent in cues.CUES]
    assert order[:7] == [
        "ask_legal_or_medical",
        "ask_pass_rate",
        "ask_accommodations",
        "ask_exam_format",
        "ask_renewal",
        "ask_renewal",
        "ask_exam_fee",
    ]
    assert order.count("ask_renewal") == 4 and order.count("ask_exam_format") == 2 and order.count("ask_exam_fee") == 3
    # "instead of doing the CE" is renewal, tried before retakes; renewal's common words after them
    assert order.index("ask_renewal") < order.index("ask_exam_retake") < len(order) - order[::-1].index("ask_renewal")
    assert order[-1] == "ask_duration"


def test_patterns_keep_their_backslashes_and_apostrophes_and_every_cue_is_case_blind():
    renewal_first = next(p for p, intent in cues.CUES if intent == "ask_renewal")
    assert renewal_first.pattern == r"\binstead of (doing )?(the |my )?(ce|ceus?|continuing ed\w*|ccp|points|credits)\b"
    assert cues.DECISIVE[0][0].pattern == r"\boet\b" and cues.DECISIVE[0][1] == "ask_ecfmg"
    assert r"\bschool'?s\b" in cues.TOPIC_WORDS["ask_advisor_info"].pattern  # '' in the file is one '
    legal = next(p for p, intent in cues.CUES if intent == "ask_legal_or_medical")
    assert legal.pattern == r"\bdos(e|es|age|is)\b|\bhow (much|many) (do|should|can) (i|we|you) give\b|" + (
        r"\b\d+ ?(mg|ml|mcg)\b|\bsymptoms?\b|"
        r"\b(take|taking) (them|him|her|it|the school) to court\b|\bsue\b|\bsuing\b|\blawsuit\b|\bsmall claims\b"
    )  # an entry's patterns joined with "|"
    every = [
        *(p for p, _ in cues.CUES),
        *(p for p, _ in cues.DECISIVE),
        *(p for pairs in cues.ASPECT_CUES.values() for p, _ in pairs),
        *cues.TOPIC_WORDS.values(),
        *cues.FOLLOW_UP_TOPIC_WORDS.values(),
        *cues.FACETS.values(),
    ]
    assert every and all(p.flags & re.IGNORECASE for p in every)
    assert cues.cued_intent("HOW LONG IS IT GOOD FOR?", None) == "ask_renewal"


def test_overview_in_the_file_is_the_empty_aspect():
    assert OVERVIEW == "" == cues.OVERVIEW
    written = [pair["aspect"] for pair in shipped()["aspect_cues"]["ask_financial_aid"]]
    loaded = [aspect for _, aspect in cues.ASPECT_CUES["ask_financial_aid"]]
    assert written == ["workforce_pell", "wioa", "overview", "noncitizen", "overview"]
    assert loaded == ["workforce_pell", "wioa", OVERVIEW, "noncitizen", OVERVIEW]


# --- each kind of mistake, at its file, entry and field --------------------------------------------


def test_an_unknown_section_is_reported(tmp_path: Path):
    path, problems = broken(tmp_path, lambda d: d.update(extra_words={"ask_renewal": r"\brenew"}))
    assert problems == [
        Problem(str(path), "'extra_words'", "(section)", f"unknown section; the sections are {', '.join(SECTIONS)}")
    ]


def test_a_missing_section_is_reported(tmp_path: Path):
    path, problems = broken(tmp_path, lambda d: d.pop("decisive"))
    assert problems == [Problem(str(path), "'decisive'", "(section)", "missing section (a list of entries)")]


def test_an_empty_section_is_reported(tmp_path: Path):
    path, problems = broken(tmp_path, lambda d: d.update(facets={}))
    assert [(p.file, p.entry, p.field) for p in problems] == [(str(path), "'facets'", "(section)")]
    assert problems[0].message.startswith("empty section")


def test_an_unknown_intent_is_reported_with_its_entry(tmp_path: Path):
    def change(data: dict[str, Any]) -> None:
        data["cues"][1]["intent"] = "ask_pas_rate"
        data["topic_words"]["ask_nonsense"] = r"\bnonsense\b"

    path, problems = broken(tmp_path, change)
    assert problems == [
        Problem(
            str(path),
            "'ask_pas_rate' (cues #2)",
            "intent",
            "'ask_pas_rate' is not an intent of domain.yml; did you mean 'ask_pass_rate'?",
        ),
        Problem(str(path), "'ask_nonsense' (topic_words)", "intent", "'ask_nonsense' is not an intent of domain.yml"),
    ]


def test_a_pattern_that_does_not_compile_is_reported_with_the_regex_error(tmp_path: Path):
    def change(data: dict[str, Any]) -> None:
        data["cues"][0]["patterns"][1] = r"\bhow (much|many"
        data["aspect_cues"]["ask_salary"][1]["pattern"] = "[top"
        data["facets"]["ask_renewal"] = "late)"

    path, problems = broken(tmp_path, change)
    assert [(p.file, p.entry, p.field) for p in problems] == [
        (str(path), "'ask_legal_or_medical' (cues #1)", "patterns.1"),
        (str(path), "'ask_salary' (aspect_cues)", "1.pattern"),
        (str(path), "'ask_renewal' (facets)", "pattern"),
    ]
    assert problems[0].message == "does not compile: missing ), unterminated subpattern at position 6"
    assert problems[1].message == "does not compile: unterminated character set at position 0"
    assert problems[2].message == "does not compile: unbalanced parenthesis at position 4"


def test_an_aspect_must_be_named_or_overview(tmp_path: Path):
    path, problems = broken(tmp_path, lambda d: d["aspect_cues"]["ask_ecfmg"][0].update(aspect=""))
    assert problems == [
        Problem(
            str(path),
            "'ask_ecfmg' (aspect_cues)",
            "0.aspect",
            "must be an aspect's name, or overview for the topic's whole answer",
        )
    ]


def test_an_intent_given_twice_in_a_mapping_is_reported(tmp_path: Path):
    text = CUES_FILE.read_text(encoding="utf-8")
    facets = text.index("\nfacets:\n") + len("\nfacets:\n")
    path = tmp_path / "cues.yml"
    path.write_text(text[:facets] + "  ask_renewal: '\\bgrace\\b'\n" + text[facets:], encoding="utf-8")
    (problem,) = problems_of(path)
    assert (problem.file, problem.entry, problem.field) == (str(path), "'ask_renewal' (facets)", "intent")
    assert problem.message.startswith("given twice, at lines ")


def test_entry_fields_are_checked(tmp_path: Path):
    def change(data: dict[str, Any]) -> None:
        data["decisive"][0] = {"patern": r"\boet\b", "intent": "ask_ecfmg"}
        data["cues"][2]["patterns"] = []

    path, problems = broken(tmp_path, change)
    assert problems == [
        Problem(str(path), "'ask_accommodations' (cues #3)", "patterns", "must be a non-empty list of patterns"),
        Problem(str(path), "'ask_ecfmg' (decisive #1)", "patern", "unknown field; an entry has pattern and intent"),
        Problem(str(path), "'ask_ecfmg' (decisive #1)", "pattern", "missing"),
    ]


def test_every_mistake_is_listed_at_once_in_the_error(tmp_path: Path):
    data = shipped()
    data.pop("facets")
    data["topic_words"]["ask_wes"] = "(wes"
    data["cues"][0]["intent"] = "ask_legal"
    path = write(tmp_path, data)
    with pytest.raises(CueDataError) as info:
        read_cues(path)
    message = str(info.value)
    assert message.startswith("cue words have errors:\n")
    assert f"{path}: entry 'facets': field (section): missing section" in message
    assert f"{path}: entry 'ask_wes' (topic_words): field pattern: does not compile: " in message
    assert f"{path}: entry 'ask_legal' (cues #1): field intent: 'ask_legal' is not an intent of domain.yml" in message
    assert len(info.value.problems) == 3


def test_a_file_that_is_not_yaml_is_reported_at_its_line(tmp_path: Path):
    path = tmp_path / "cues.yml"
    path.write_text("cues:\n  - intent: ask_renewal\n    patterns: ['\\brenew'\n", encoding="utf-8")
    (problem,) = problems_of(path)
    assert (problem.file, problem.field) == (str(path), "-")
    assert problem.entry.startswith("at line ") and problem.message.startswith("not valid YAML")


def test_the_intents_come_from_the_domain_given(tmp_path: Path):
    domain = tmp_path / "domain.yml"
    known = {"ask_renewal", "ask_ecfmg"}
    domain.write_text(yaml.safe_dump({"intents": ["ask_renewal", {"ask_ecfmg": {"use_entities": []}}]}))
    data = {
        "cues": [{"intent": "ask_renewal", "patterns": [r"\brenew"]}],
        "decisive": [{"pattern": r"\boet\b", "intent": "ask_ecfmg"}],
        "aspect_cues": {"ask_ecfmg": [{"pattern": r"\brequire", "aspect": "requirements"}]},
        "topic_words": {"ask_renewal": "renew"},
        "follow_up_topic_words": {"ask_renewal": "renew"},
        "facets": {"ask_salary": "grace"},
    }
    with pytest.raises(CueDataError) as info:
        read_cues(write(tmp_path, data), domain)
    assert [(p.entry, p.field) for p in info.value.problems] == [("'ask_salary' (facets)", "intent")]
    data["facets"] = {"ask_renewal": "grace"}
    tables = read_cues(write(tmp_path, data), domain)
    assert {intent for _, intent in tables.cues + tables.decisive} == known
    assert tables.aspect_cues["ask_ecfmg"][0][1] == "requirements"


def test_a_field_given_twice_in_an_entry_is_reported(tmp_path: Path):
    text = CUES_FILE.read_text(encoding="utf-8")
    first = "  - pattern: '\\boet\\b'\n    intent: ask_ecfmg\n"
    assert first in text
    path = tmp_path / "cues.yml"
    path.write_text(text.replace(first, first + "    intent: ask_usmle\n"), encoding="utf-8")
    (problem,) = problems_of(path)
    assert (problem.entry, problem.field) == ("decisive #1", "intent")
    assert problem.message.startswith("given twice, at lines ")
