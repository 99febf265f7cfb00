"""Loading content: validation that names file, entry and field; atomic, idempotent loads."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from bot.db import get_engine
from bot.kb import schema
from bot.kb.content import read_content
from bot.kb.loader import load, loaded_fingerprint
from bot.kb.problems import ContentError


def edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def problems_of(content_dir: Path):
    with pytest.raises(ContentError) as info:
        read_content(content_dir)
    return info.value.problems


def count(engine, table) -> int:
    with Session(engine) as s:
        return s.scalar(select(func.count()).select_from(table))


def test_shipped_content_is_valid_and_complete(content_dir: Path):
    content = read_content(content_dir)
    assert {b.abbreviation for b in content.bodies} == {"AAMA", "AMT", "NHA", "NCCT"}
    assert {c.abbreviation for c in content.credentials} == {"CMA", "RMA", "CCMA", "NCMA"}
    assert {a.abbreviation for a in content.accreditors} == {"CAAHEP", "ABHES"}
    assert {"medical_assistant", "nursing_assistant", "lpn", "rn", "dental_assistant", "pharmacy_technician"} <= {
        r.key for r in content.roles
    }
    assert all(c.routes for c in content.credentials)


def test_load_is_idempotent(content_dir: Path, db_url: str):
    engine = get_engine(db_url)
    first = load(engine, content_dir)
    assert first.loaded and first.counts["facts"] > 0
    facts = count(engine, schema.Fact.__table__)
    second = load(engine, content_dir)
    assert not second.loaded  # unchanged content is not loaded again
    forced = load(engine, content_dir, force=True)
    assert forced.loaded and count(engine, schema.Fact.__table__) == facts  # no duplicates


def test_changed_content_is_picked_up(content_dir: Path, db_url: str):
    engine = get_engine(db_url)
    load(engine, content_dir)
    # The value and its range (used by the timeline estimate) change together.
    edit(
        content_dir / "facts.yml",
        lambda d: d["facts"][0].update(value="10–13 months", range={"min": 10, "max": 13, "unit": "months"}),
    )
    assert load(engine, content_dir).loaded
    with Session(engine) as s:
        assert s.get(schema.Fact, "certificate_length").value == "10–13 months"


def test_missing_field_names_file_entry_and_field(content_dir: Path):
    edit(content_dir / "credentials.yml", lambda d: d["credentials"][1].pop("body"))
    (problem,) = problems_of(content_dir)
    assert problem.file == "credentials.yml"
    assert "'rma'" in problem.entry
    assert problem.field == "body"


def test_unknown_source_is_reported(content_dir: Path):
    edit(content_dir / "facts.yml", lambda d: d["facts"][0].update(source="nowhere"))
    (problem,) = problems_of(content_dir)
    assert (problem.file, problem.field) == ("facts.yml", "source")
    assert "nowhere" in problem.message


def test_a_figure_outside_a_fact_is_rejected(content_dir: Path):
    def add_number(d):
        d["topics"][6]["answers"][0]["text"] += " It costs $999."

    edit(content_dir / "faq.yml", add_number)
    (problem,) = problems_of(content_dir)
    assert problem.file == "faq.yml" and problem.field.startswith("answers.0.text")
    assert "$999." in problem.message


def test_unknown_fact_placeholder_is_rejected(content_dir: Path):
    def add(d):
        d["topics"][6]["answers"][0]["text"] += " {fact:no_such_fact}"

    edit(content_dir / "faq.yml", add)
    (problem,) = problems_of(content_dir)
    assert "no_such_fact" in problem.message


def test_secondary_source_needs_somewhere_to_confirm(content_dir: Path):
    def drop(d):
        next(s for s in d["sources"] if s["tier"] == "secondary").pop("confirm_with")

    edit(content_dir / "sources.yml", drop)
    (problem,) = problems_of(content_dir)
    assert problem.field == "confirm_with"


def test_invalid_yaml_is_reported_with_its_line(content_dir: Path):
    (content_dir / "roles.yml").write_text("roles:\n  - key: rn\n    name: [unclosed\n")
    (problem,) = problems_of(content_dir)
    assert problem.file == "roles.yml" and problem.entry.startswith("at line")


def test_duplicate_alias_across_entities_is_rejected(content_dir: Path):
    edit(content_dir / "roles.yml", lambda d: d["roles"][0]["aliases"].append("RMA"))
    (problem,) = problems_of(content_dir)
    assert (problem.file, problem.field) == ("roles.yml", "aliases") and "rma" in problem.message.lower()


def test_broken_content_leaves_the_loaded_database_untouched(content_dir: Path, db_url: str):
    engine = get_engine(db_url)
    load(engine, content_dir)
    before = loaded_fingerprint(engine)
    facts = count(engine, schema.Fact.__table__)
    edit(content_dir / "facts.yml", lambda d: d["facts"][3].pop("source"))
    with pytest.raises(ContentError):
        load(engine, content_dir)
    assert loaded_fingerprint(engine) == before
    assert count(engine, schema.Fact.__table__) == facts


def test_a_database_failure_midway_rolls_everything_back(content_dir: Path, db_url: str):
    engine = get_engine(db_url)
    load(engine, content_dir)
    facts, answers = count(engine, schema.Fact.__table__), count(engine, schema.Answer.__table__)
    # The database refuses the last table the loader writes, after it has already
    # deleted and rewritten the others.
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TRIGGER refuse BEFORE INSERT ON answers BEGIN SELECT RAISE(ABORT, 'simulated disk failure'); END"
        )
    edit(content_dir / "faq.yml", lambda d: d["topics"][0]["answers"][0].update(text="Hello again!"))
    with pytest.raises(DBAPIError, match="simulated disk failure"):
        load(engine, content_dir)
    assert count(engine, schema.Fact.__table__) == facts
    assert count(engine, schema.Answer.__table__) == answers
    with Session(engine) as s:
        assert s.get(schema.Answer, ("greet", "default")).text != "Hello again!"
