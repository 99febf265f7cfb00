"""The second reading: examples from labelled conversations, a sure disagreement only, and its build."""

from __future__ import annotations

from pathlib import Path

import joblib
import pytest
import yaml

from bot.tools import second_reading_build
from bot.understanding.second_reading import (
    AGREE,
    NLU_SURE,
    NOTHING_IN_HAND,
    SURE,
    Example,
    SecondReader,
    agreed_guess,
    better_topic,
    examples,
)

FEES = ["how much is the exam fee", "whats the fee for the test", "how much does the exam cost me", "exam fee??"]
RENEWAL = [
    "how often do i renew it",
    "when do i have to renew",
    "how do i renew my cert",
    "renewal every how many years",
]


def _reader() -> SecondReader:
    found = [Example(t, NOTHING_IN_HAND, "ask_exam_fee") for t in FEES]
    found += [Example(t, NOTHING_IN_HAND, "ask_renewal") for t in RENEWAL]
    # a bare "and the rma?" asks again the topic in hand
    found += [
        Example("and the rma?", "ask_exam_fee", "ask_exam_fee"),
        Example("and the rma?", "ask_renewal", "ask_renewal"),
    ]
    found += [Example("what about the rma", "ask_exam_fee", "ask_exam_fee")] * 3
    found += [Example("what about the rma", "ask_renewal", "ask_renewal")] * 3
    return SecondReader().fit(found * 3)


def test_each_labelled_turn_teaches_its_first_topic_with_the_last_labelled_topic_in_hand() -> None:
    conversation = [
        ("how much is the cma exam", ("ask_exam_fee", "ask_exam_format")),
        ("ok thanks", ()),  # told, not asked: the topic stays in hand
        ("and how often do i renew", ("ask_renewal",)),
    ]
    assert examples([conversation]) == [
        Example("how much is the cma exam", NOTHING_IN_HAND, "ask_exam_fee"),
        Example("and how often do i renew", "ask_exam_fee", "ask_renewal"),
    ]


def test_the_topic_in_hand_decides_a_bare_follow_up() -> None:
    reader = _reader()
    assert reader.read("and the rma?", "ask_renewal")[0] == "ask_renewal"
    assert reader.read("and the rma?", "ask_exam_fee")[0] == "ask_exam_fee"


def test_the_first_reading_stands_when_the_second_agrees_or_cannot_read() -> None:
    reader = _reader()
    assert reader.read("how often do i renew it", None)[0] == "ask_renewal"
    # agreeing, unknown to the reader (a greeting, a form's answer), or no reader: the first reading stands
    assert better_topic(reader, "ask_renewal", "how often do i renew it", None) is None
    assert better_topic(reader, "greet", "how often do i renew it", None) is None
    assert better_topic(None, "ask_exam_fee", "how often do i renew it", None) is None
    assert better_topic(reader, "ask_exam_fee", "   ", None) is None


def test_a_reading_unsure_of_itself_keeps_the_first(monkeypatch: pytest.MonkeyPatch) -> None:
    reader = _reader()
    monkeypatch.setattr(reader, "read", lambda text, in_hand: ("ask_renewal", SURE - 0.01))
    assert better_topic(reader, "ask_exam_fee", "renew?", None) is None
    monkeypatch.setattr(reader, "read", lambda text, in_hand: ("ask_renewal", SURE))
    assert better_topic(reader, "ask_exam_fee", "renew?", None) == "ask_renewal"


def test_one_topic_alone_cannot_be_learned() -> None:
    with pytest.raises(ValueError, match="two topics"):
        SecondReader().fit([Example(t, NOTHING_IN_HAND, "ask_exam_fee") for t in FEES])


def _write_set(path: Path, fee_words: list[str]) -> None:
    turns = [{"user": t, "expect": {"kind": "answer", "any": ["fee"], "topics": ["ask_exam_fee"]}} for t in fee_words]
    turns += [{"user": t, "expect": {"kind": "answer", "any": ["renew"], "topics": ["ask_renewal"]}} for t in RENEWAL]
    turns.append({"user": "can i talk to a person", "expect": {"kind": "person", "topics": ["ask_renewal"]}})
    path.write_text(yaml.safe_dump({"set": path.stem, "conversations": [{"id": "c1", "turns": turns}]}))


def test_the_build_learns_only_answer_turns_and_is_rebuilt_only_when_a_set_changes(tmp_path: Path) -> None:
    sets = tmp_path / "blind_dev_x.yml"
    _write_set(sets, FEES)
    reader = second_reading_build.build([sets])
    assert reader.topics == {"ask_exam_fee", "ask_renewal"}
    before = second_reading_build.fingerprint([sets])
    assert second_reading_build.fingerprint([sets]) == before
    _write_set(sets, FEES[:-1])
    assert second_reading_build.fingerprint([sets]) != before


def test_the_build_writes_a_reader_and_skips_an_unchanged_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _write_set(tmp_path / "blind_dev_x.yml", FEES)
    monkeypatch.setattr(second_reading_build, "PROJECT_ROOT", tmp_path)
    monkeypatch.setattr(second_reading_build, "SETS", "blind_dev*.yml")
    out = tmp_path / "var" / "reader.joblib"
    assert second_reading_build.main(["--out", str(out)]) == 0
    assert "built from 1 development sets" in capsys.readouterr().out
    assert isinstance(joblib.load(out), SecondReader)
    assert second_reading_build.main(["--out", str(out)]) == 0
    assert "up to date" in capsys.readouterr().out


def test_a_broken_set_fails_the_build_loudly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "blind_dev_x.yml").write_text("set: x\nconversations: nope\n")
    monkeypatch.setattr(second_reading_build, "PROJECT_ROOT", tmp_path)
    monkeypatch.setattr(second_reading_build, "SETS", "blind_dev*.yml")
    assert second_reading_build.main(["--out", str(tmp_path / "r.joblib")]) == 1
    assert "cannot build the second reading" in capsys.readouterr().err


def test_only_development_sets_are_learned_never_the_test_set_or_the_held_out_ones() -> None:
    names = {p.name for p in second_reading_build.development_sets()}
    assert names and all(n.startswith("blind_dev") for n in names)
    on_disk = {p.name for p in (second_reading_build.PROJECT_ROOT / "tests" / "conversations").glob("*.yml")}
    assert {"blind_test.yml"} | {n for n in on_disk if n.startswith("holdout_")} <= on_disk - names
    assert "blind_dev_bx.yml" not in {p.name for p in second_reading_build.development_sets(["blind_dev_bx.yml"])}


def test_nlu_sure_of_the_first_reading_s_own_topic_keeps_it(monkeypatch: pytest.MonkeyPatch) -> None:
    reader = _reader()
    monkeypatch.setattr(reader, "read", lambda text, in_hand: ("ask_renewal", 0.99))
    assert better_topic(reader, "ask_exam_fee", "renew?", None, ("ask_exam_fee", NLU_SURE)) is None
    # NLU unsure, or sure of another topic than the first reading: the sure second reading is answered
    assert better_topic(reader, "ask_exam_fee", "renew?", None, ("ask_exam_fee", NLU_SURE - 0.01)) == "ask_renewal"
    assert better_topic(reader, "ask_exam_fee", "renew?", None, ("ask_salary", 0.99)) == "ask_renewal"


def test_nlu_s_best_guess_is_answered_only_when_the_second_reading_names_it_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where the first reading found no topic, a question back is replaced by an answer only when both agree."""
    reader = _reader()
    monkeypatch.setattr(reader, "read", lambda text, in_hand: ("ask_renewal", AGREE))
    assert agreed_guess(reader, "ask_renewal", "renew?", None) == "ask_renewal"
    assert agreed_guess(reader, "ask_exam_fee", "renew?", None) is None  # they disagree: ask back
    assert agreed_guess(reader, None, "renew?", None) is None  # NLU leaned nowhere
    assert agreed_guess(None, "ask_renewal", "renew?", None) is None
    monkeypatch.setattr(reader, "read", lambda text, in_hand: ("ask_renewal", AGREE - 0.01))
    assert agreed_guess(reader, "ask_renewal", "renew?", None) is None  # agreeing, but unsure
