"""Content rules that keep every answer reachable: variants, buttons, split files, experience routes."""

from __future__ import annotations

from pathlib import Path

from bot.kb.content import read_content
from tests.test_kb_loading import edit, problems_of


def _topic(data, key):
    return next(t for t in data["topics"] if t["key"] == key)


def test_a_button_to_an_unrouted_intent_is_reported_where_it_is(content_dir: Path):
    edit(
        content_dir / "faq.yml",
        lambda d: _topic(d, "usmle")["answers"][0]["buttons"].append(
            {"title": "Oops", "payload": "/ask_nothing_like_this"}
        ),
    )
    (problem,) = [p for p in problems_of(content_dir) if p.field.startswith("buttons")]
    assert problem.file == "faq.yml" and "'usmle'" in problem.entry
    assert "ask_nothing_like_this" in problem.message


def test_a_button_asking_for_a_missing_aspect_is_reported(content_dir: Path):
    edit(
        content_dir / "faq.yml",
        lambda d: _topic(d, "usmle")["answers"][0]["buttons"].append(
            {"title": "More", "payload": '/ask_duration{"aspect":"no_such_part"}'}
        ),
    )
    problems = problems_of(content_dir)
    assert any("no_such_part" in p.message and p.entry == "'duration'" for p in problems)


def test_a_variant_nothing_can_reach_is_reported(content_dir: Path):
    edit(
        content_dir / "faq.yml",
        lambda d: _topic(d, "usmle")["answers"].append(
            {"variant": "rmaa", "text": "A typo in the variant.", "sources": ["img_guide"]}
        ),
    )
    (problem,) = problems_of(content_dir)
    assert (problem.file, problem.field) == ("faq.yml", "variant") and "rmaa" in problem.entry


def test_entity_placeholder_only_in_type_wide_answers(content_dir: Path):
    edit(
        content_dir / "faq.yml",
        lambda d: _topic(d, "usmle")["answers"].append(
            {"variant": "rma", "text": "Nothing about {entity} here.", "sources": ["img_guide"]}
        ),
    )
    (problem,) = problems_of(content_dir)
    assert problem.field == "text" and "{entity}" in problem.message


def test_an_experience_route_needs_its_numbers(content_dir: Path):
    def drop(d):
        route = next(r for c in d["credentials"] if c["key"] == "rma" for r in c["routes"] if r["kind"] == "experience")
        del route["min_years"]

    edit(content_dir / "credentials.yml", drop)
    (problem,) = problems_of(content_dir)
    assert problem.file == "credentials.yml" and "within_years" in problem.field


def test_errors_in_a_second_file_of_a_kind_name_that_file(content_dir: Path):
    edit(
        content_dir / "facts_credentials.yml",
        lambda d: d.update(
            facts=(d["facts"] or [])
            + [
                {
                    "key": "certificate_length",
                    "subject": "general",
                    "label": "dup",
                    "value": "x",
                    "source": "img_guide",
                    "as_of": 2026,
                }
            ]
        ),
    )
    problems = problems_of(content_dir)
    dup = [p for p in problems if p.field == "key"]
    assert dup and dup[0].file == "facts_credentials.yml" and "facts.yml" in dup[0].message


def test_states_backgrounds_and_program_types_are_named_entities(content_dir: Path):
    content = read_content(content_dir)
    kinds = {kind for kind, _ in content.named()}
    assert {"us_state", "background", "program_type"} <= kinds
    assert len(content.states) == 51  # fifty states and DC
    assert {b.key for b in content.backgrounds} == {"img", "hs_graduate", "career_changer", "working_ma", "military"}


def test_answer_length_counts_the_filled_in_figures(content_dir: Path):
    long_value = " ".join(["word"] * 100)
    edit(content_dir / "facts.yml", lambda d: d["facts"][0].update(value=long_value))  # used by an answer
    problems = problems_of(content_dir)
    assert any("once figures are filled in" in p.message for p in problems)
