"""Which development-set turns become NLU training data (bot/tools/harvest.py), and that no message of
the test or held-out conversation sets ever does."""

from __future__ import annotations

from typing import Any

import pytest

from bot.settings import PROJECT_ROOT
from bot.tools.converse import normalize, read_set
from bot.tools.harvest import Candidate, candidates, choose, held_out_sets, one_topic_each, render, worth_learning
from bot.tools.nlu_eval import examples


def row(number: int, user: str, answered: list[str], passed: bool = True, **extra: Any) -> dict[str, Any]:
    return {"conversation": "c1", "number": number, "user": user, "kind": "answer", "answered": answered,
            "passed": passed, "topics": [], **extra}  # fmt: skip


def test_a_first_turn_or_a_change_of_topic_teaches_and_a_same_topic_follow_up_does_not():
    rows = [
        row(1, "how much does the cma exam cost", ["ask_exam_fee"]),
        row(2, "and the rma?", ["ask_exam_fee"]),  # same topic: the context answered it
        row(3, "how long is it good for", ["ask_renewal"]),  # a new topic: the words carry it
    ]
    assert [c.text for c in candidates(rows)] == ["how much does the cma exam cost", "how long is it good for"]


def test_a_follow_up_to_a_question_answered_on_another_topic_is_still_a_follow_up():
    rows = [
        row(1, "can i get extra time on the cma", ["ask_exam_format"], passed=False, topics=["ask_accommodations"]),
        row(2, "And if they refuse?", ["ask_exam_retake"], passed=False, topics=["ask_accommodations"]),
    ]
    assert [c.text for c in candidates(rows)] == ["can i get extra time on the cma"]


def test_a_label_naming_no_question_teaches_nothing():
    rows = [row(1, "navy corpsman 4 yrs, have my hs diploma", ["ask_eligibility"], topics=["start_roadmap"])]
    assert candidates(rows) == []


def test_only_a_trusted_topic_teaches():
    rows = [
        row(1, "what does an ma make", ["ask_salary"], passed=False),  # failed and unlabelled: topic unknown
        row(1, "two questions at once", ["ask_salary", "ask_duration"]),  # several topics answered
        row(1, "labelled and failed", ["ask_salary"], passed=False, topics=["ask_duration"]),
        row(1, "labelled twice", ["ask_salary"], topics=["ask_salary", "ask_duration"]),
        row(1, "labeller and a passing reply disagree", ["ask_salary"], topics=["ask_duration"]),
        row(1, "a form answer", ["ask_salary"], kind="form"),
    ]
    rows = [{**r, "conversation": f"c{i}"} for i, r in enumerate(rows)]
    assert candidates(rows) == [Candidate("ask_duration", "labelled and failed")]


def test_words_asked_about_two_topics_teach_neither():
    found = [
        Candidate("ask_exam_fee", "how much does it cost"),
        Candidate("ask_program_cost", "How much does it  cost"),
        Candidate("ask_salary", "what do MAs make"),
    ]
    assert one_topic_each(found) == [Candidate("ask_salary", "what do MAs make")]


@pytest.mark.parametrize(
    ("text", "predicted", "confidence", "learn"),
    [
        ("how long is the program", "ask_duration", 0.95, False),  # already known
        ("how long is the program", "ask_duration", 0.6, True),  # right, but unsure
        ("whats the median pay then", "nlu_fallback", 0.4, True),  # missed
        ("fee?", "nlu_fallback", 0.4, False),  # too short to carry a topic alone
        ("im a nurse from manila", "inform", 0.7, False),  # a statement the rules answered
        ("is the program any good", "ask_scam_check", 0.95, False),  # confidently something else
        ("what comes after this one", "roadmap_next", 0.5, False),
    ],
)
def test_nlu_learns_what_it_does_not_already_know(text, predicted, confidence, learn):
    assert worth_learning(Candidate("ask_duration", text), predicted, confidence) is learn


def test_the_written_file_is_rasa_training_data(tmp_path):
    path = tmp_path / "out.yml"
    path.write_text(render({"ask_salary": ["what do MAs make: really?", "what do MAs make: really?"]}))
    assert examples(path) == [("ask_salary", "what do MAs make: really?")]


def test_no_test_or_held_out_conversation_message_is_harvested():
    harvested = {normalize(t) for _, t in examples(PROJECT_ROOT / "data" / "nlu" / "dev_conversations.yml")}
    sets = held_out_sets(PROJECT_ROOT)
    assert any(p.name == "blind_test.yml" for p in sets)
    leaked = [
        (p.name, conv.id, n)
        for p in sets
        for conv in read_set(p)[1]
        for n, turn in enumerate(conv.turns, 1)
        if normalize(turn.user) in harvested
    ]
    assert not leaked, (
        f"test or held-out messages in data/nlu/dev_conversations.yml (named by conversation and turn): {leaked}"
    )


def test_adding_a_new_set_keeps_what_was_learned_and_adds_only_what_nlu_missed(tmp_path):
    path = tmp_path / "out.yml"
    path.write_text(render({"ask_salary": ["what do MAs make around here"]}))
    found = [Candidate("ask_duration", "how long till im working"), Candidate("ask_exam_fee", "what is the cma fee")]
    parsed = [("ask_salary", 0.5), ("ask_exam_fee", 0.99)]  # the first missed, the second already known
    path.write_text(render(choose(examples(path), found, parsed)))
    assert sorted(examples(path)) == [
        ("ask_duration", "how long till im working"),
        ("ask_salary", "what do MAs make around here"),
    ]
