"""Cross-file checks of the content: each mistake is reported at the file, entry and field to fix."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.test_kb_loading import edit, problems_of


def _routed_topic(content_dir: Path, file_name: str) -> dict:
    """The first topic of `file_name` that some intent leads to (a button can ask it for an aspect)."""
    data = yaml.safe_load((content_dir / file_name).read_text(encoding="utf-8"))
    return next(t for t in data["topics"] if t.get("intents"))


def test_a_missing_aspect_is_reported_in_the_file_of_the_topic_that_lacks_it(content_dir: Path):
    # faq.yml is not the last file topics are read from, so a report that named the file
    # of whichever topic came last would point at the wrong file.
    target = _routed_topic(content_dir, "faq.yml")
    payload = f'/{target["intents"][0]}{{"aspect":"no_such_aspect"}}'

    def add_button(data: dict) -> None:
        answer = next(t for t in data["topics"] if t["key"] == target["key"])["answers"][0]
        answer.setdefault("buttons", []).append({"title": "More", "payload": payload})

    edit(content_dir / "faq.yml", add_button)
    (problem,) = problems_of(content_dir)
    assert (problem.file, problem.entry, problem.field) == ("faq.yml", repr(target["key"]), "answers")
    assert "'no_such_aspect'" in problem.message
