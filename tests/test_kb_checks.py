"""Cross-file checks of the content: each mistake is reported at the file, entry and field to fix."""

from __future__ import annotations

from pathlib import Path

import pytest
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
        answer["buttons"] = [*answer.get("buttons", []), {"title": "More", "payload": payload}]

    edit(content_dir / "faq.yml", add_button)
    (problem,) = problems_of(content_dir)
    assert (problem.file, problem.entry, problem.field) == ("faq.yml", repr(target["key"]), "answers")
    assert "'no_such_aspect'" in problem.message


# Each case breaks one cross-file rule in a copy of the content and returns where the
# problem must be reported: (file, entry, field, a fragment of the message).
Expected = tuple[str, str, str, str]
BAD = "no_such_key"


def _first(data: dict, list_name: str, where=lambda entry: True) -> dict:
    return next(entry for entry in data[list_name] if where(entry))


def _change(content_dir: Path, file_name: str, change) -> dict:
    """Apply `change` to `file_name`'s data and return the data as changed (for the expectations)."""
    changed: dict = {}

    def apply(data: dict) -> None:
        change(data)
        changed.update(data)

    edit(content_dir / file_name, apply)
    return changed


def route_source(content_dir: Path) -> Expected:
    data = _change(content_dir, "credentials.yml", lambda d: d["credentials"][0]["routes"][0].update(source=BAD))
    cred = data["credentials"][0]
    return "credentials.yml", repr(cred["key"]), f"routes.{cred['routes'][0]['key']}.source", BAD


def fact_subject(content_dir: Path) -> Expected:
    data = _change(content_dir, "facts.yml", lambda d: d["facts"][0].update(subject=BAD))
    return "facts.yml", repr(data["facts"][0]["key"]), "subject", BAD


def credential_body(content_dir: Path) -> Expected:
    data = _change(content_dir, "credentials.yml", lambda d: d["credentials"][0].update(body=BAD))
    return "credentials.yml", repr(data["credentials"][0]["key"]), "body", BAD


def _dated(d: dict) -> dict:
    return next(c for c in d["credentials"] if c.get("valid_months"))


def validity_fact(content_dir: Path) -> Expected:
    data = _change(content_dir, "credentials.yml", lambda d: _dated(d).update(validity_fact=BAD))
    return "credentials.yml", repr(_dated(data)["key"]), "validity_fact", BAD


def validity_period(content_dir: Path) -> Expected:
    """A period the validity fact does not state: the figure would be unsourced."""
    data = _change(
        content_dir, "credentials.yml", lambda d: _dated(d).update(valid_months=_dated(d)["valid_months"] + 1)
    )
    return "credentials.yml", repr(_dated(data)["key"]), "valid_months", str(_dated(data)["valid_months"])


def _answer_entry(topic: dict, answer: dict) -> str:
    return f"{topic['key']!r} answer {answer.get('variant', 'default')!r}"


def malformed_payload(content_dir: Path) -> Expected:
    def add(d: dict) -> None:
        answer = d["topics"][0]["answers"][0]
        # A new list: answers may share one list of buttons through a YAML anchor.
        answer["buttons"] = [*answer.get("buttons", []), {"title": "Oops", "payload": "ask salary"}]

    topic = _change(content_dir, "faq.yml", add)["topics"][0]
    number = len(topic["answers"][0]["buttons"])
    return "faq.yml", _answer_entry(topic, topic["answers"][0]), f"buttons.{number}.payload", "/intent"


def answer_source(content_dir: Path) -> Expected:
    data = _change(content_dir, "faq.yml", lambda d: d["topics"][0]["answers"][0].setdefault("sources", []).append(BAD))
    topic = data["topics"][0]
    return "faq.yml", _answer_entry(topic, topic["answers"][0]), "sources", BAD


def uncited_answer(content_dir: Path) -> Expected:
    def cited_without_facts(topic: dict) -> bool:
        answer = topic["answers"][0]
        return topic.get("kind", "info") == "info" and answer.get("sources") and "{fact:" not in answer["text"]

    data = _change(
        content_dir, "faq.yml", lambda d: _first(d, "topics", cited_without_facts)["answers"][0].pop("sources")
    )
    topic = _first(data, "topics", lambda t: "sources" not in t["answers"][0] and t.get("kind", "info") == "info")
    return "faq.yml", _answer_entry(topic, topic["answers"][0]), "sources", "at least one source"


def step_fact(content_dir: Path) -> Expected:
    data = _change(content_dir, "roadmap.yml", lambda d: d["roadmap_steps"][0].update(tip=f"See {{fact:{BAD}}}."))
    return "roadmap.yml", repr(data["roadmap_steps"][0]["key"]), "tip", BAD


def step_background(content_dir: Path) -> Expected:
    data = _change(content_dir, "roadmap.yml", lambda d: d["roadmap_steps"][0].update(backgrounds=[BAD]))
    return "roadmap.yml", repr(data["roadmap_steps"][0]["key"]), "backgrounds", BAD


def step_includes_itself(content_dir: Path) -> Expected:
    data = _change(
        content_dir, "roadmap.yml", lambda d: d["roadmap_steps"][0].update(includes=[d["roadmap_steps"][0]["key"]])
    )
    key = data["roadmap_steps"][0]["key"]
    return "roadmap.yml", repr(key), "includes", key


def step_also_source(content_dir: Path) -> Expected:
    data = _change(content_dir, "roadmap.yml", lambda d: d["roadmap_steps"][0].update(also_sources=[BAD]))
    return "roadmap.yml", repr(data["roadmap_steps"][0]["key"]), "also_sources", BAD


def step_alias_taken(content_dir: Path) -> Expected:
    def borrow(d: dict) -> None:
        first, second = d["roadmap_steps"][:2]
        second["aliases"] = [*second.get("aliases", []), first["title"].upper()]

    first, second = _change(content_dir, "roadmap.yml", borrow)["roadmap_steps"][:2]
    return "roadmap.yml", repr(second["key"]), "aliases", repr(first["key"])


def _note_case(field: str, value: str):
    def case(content_dir: Path) -> Expected:
        data = _change(
            content_dir,
            "roadmap.yml",
            lambda d: _first(d, "roadmap_steps", lambda s: s.get("notes"))["notes"][0].update({field: value}),
        )
        return (
            "roadmap.yml",
            repr(_first(data, "roadmap_steps", lambda s: s.get("notes"))["key"]),
            f"notes.1.{field}",
            BAD,
        )

    case.__name__ = f"note_{field}"
    return case


def timeline_step(content_dir: Path) -> Expected:
    data = _change(content_dir, "timeline.yml", lambda d: d["timeline"][0].update(step=BAD))
    return "timeline.yml", repr(data["timeline"][0]["key"]), "step", BAD


def timeline_background(content_dir: Path) -> Expected:
    data = _change(content_dir, "timeline.yml", lambda d: d["timeline"][0].update(backgrounds=[BAD]))
    return "timeline.yml", repr(data["timeline"][0]["key"]), "backgrounds", BAD


def timeline_selector(content_dir: Path) -> Expected:
    def add(d: dict) -> None:
        part = _first(d, "timeline", lambda p: p.get("ranges"))
        part["ranges"][BAD] = next(iter(part["ranges"].values()))

    part = _first(_change(content_dir, "timeline.yml", add), "timeline", lambda p: p.get("ranges"))
    return "timeline.yml", repr(part["key"]), f"ranges.{BAD}", "program type or a credential"


def intent_routed_twice(content_dir: Path) -> Expected:
    def share(d: dict) -> None:
        routed = [t for t in d["topics"] if t.get("intents")]
        routed[1]["intents"].append(routed[0]["intents"][0])

    first, second = [t for t in _change(content_dir, "faq.yml", share)["topics"] if t.get("intents")][:2]
    return "faq.yml", repr(second["key"]), "intents", repr(first["key"])


def duplicate_key_in_one_file(content_dir: Path) -> Expected:
    data = _change(
        content_dir, "roles.yml", lambda d: d["roles"].append({**d["roles"][0], "aliases": [], "name": "Another"})
    )
    return "roles.yml", repr(data["roles"][0]["key"]), "key", "roles.yml"


CASES = [
    route_source,
    fact_subject,
    credential_body,
    validity_fact,
    validity_period,
    malformed_payload,
    answer_source,
    uncited_answer,
    step_fact,
    step_background,
    step_includes_itself,
    step_also_source,
    step_alias_taken,
    *(_note_case(field, BAD) for field in ("source", "credential", "background", "state")),
    _note_case("text", f"See {{fact:{BAD}}}."),
    timeline_step,
    timeline_background,
    timeline_selector,
    intent_routed_twice,
    duplicate_key_in_one_file,
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.__name__)
def test_each_broken_reference_is_reported_at_its_file_entry_and_field(content_dir: Path, case):
    file, entry, field, fragment = case(content_dir)
    (problem,) = problems_of(content_dir)
    assert (problem.file, problem.entry, problem.field) == (file, entry, field)
    assert fragment in problem.message
