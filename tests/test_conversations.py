"""Blind conversations: sets written by people who never saw the training data or the bot's replies.

`tests/conversations/blind_test.yml` is the test set: its failures are not read while
the bot is developed (once read, a set becomes a development set and a fresh test
set is written). `blind_dev.yml`, `blind_dev_a.yml` to `blind_dev_z.yml` and `blind_dev_aa.yml`
onwards (earlier test sets and sets measured blind once) are development sets, played with
`python -m bot.tools.converse`.
The end-to-end test plays the test set over the REST webhook, prints the pass rate
and writes every turn to reports/<set>.json and .md.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import yaml

from bot.retrain.loading import api_token
from bot.settings import PROJECT_ROOT
from bot.tools.converse import Expect, SetError, TurnResult, judge, normalize, play_all, read_set, write_report
from bot.understanding.context import is_question

SETS = PROJECT_ROOT / "tests" / "conversations"
TEST_SET = SETS / "blind_test.yml"
#: Every development set on disk: a glob, so a set moved here from the test set is checked without
#: anyone remembering to list it (blind_dev_ah was once left out of a hand-written list).
DEV_SETS = tuple(sorted(SETS.glob("blind_dev*.yml")))
#: Sets measured blind once and kept unread for a later test set: checked for form, never played here.
HELD_OUT = tuple(sorted(SETS.glob("holdout_*.yml")))
#: The issue's bar is 90% of turns. This test set (blind_cj, written 2026-12-08 from the same brief as blind_bx to
#: blind_ci before it: follow-ups in every conversation, several questions in one message) passed 93.7% (445/475) at
#: the commit that made it the test set, its failures unread, with the second reading
#: (`bot.understanding.second_reading`) learned from the development sets then in hand, and 93.7% (445/475) at the
#: commit before that session's fixes; blind_ci, measured blind at 97.0%, was then read and is a development set.
#: This floor sits a few turns under the rate, so the test fails on a regression; raise it as the rate rises.
MIN_PASS_RATE = 0.92
#: The issue also asks that no failing answer answer another question first. Each turn of the sets names the
#: topics a right answer is about (labelled blind), and the bot stores the topic it answered with each reply,
#: so this is counted without reading the failures: 11 of the test set's 21 checkable failures answered an
#: unlabelled topic first. The ceiling sits one above that count (a retrained model has moved it by one either
#: way) so a regression fails; lower it as it falls, to none.
MAX_WRONG_TOPIC = 12
MIN_CONVERSATIONS, MIN_TURNS = 60, 250


@pytest.mark.parametrize("name", [TEST_SET.name, *(d.name for d in (*DEV_SETS, *HELD_OUT))])
def test_each_set_is_well_formed_and_large_enough(name):
    _, conversations = read_set(SETS / name)
    assert len(conversations) >= MIN_CONVERSATIONS
    assert sum(len(c.turns) for c in conversations) >= MIN_TURNS


@pytest.mark.parametrize("dev", DEV_SETS, ids=lambda p: p.name)
def test_the_test_and_development_sets_share_no_message(dev):
    """Short follow-ups ("and ncma?", "how many times can i take it") recur by nature; longer ones must not.
    A failure names only the shared messages: the rest of the test set stays unread."""

    def messages(path: Path) -> set[str]:
        return {normalize(t.user) for c in read_set(path)[1] for t in c.turns if len(t.user.split()) > 7}

    shared = sorted(messages(TEST_SET) & messages(dev))
    assert not shared, f"{dev.name} shares {len(shared)} message(s) with the test set: {shared}"


def test_a_malformed_set_names_the_conversation_turn_and_field(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("conversations:\n  - id: x\n    turns:\n      - user: hi\n        expect: {kind: maybe}\n")
    with pytest.raises(SetError, match=r"bad.yml, conversation x, turn 1, expect.kind: 'maybe'"):
        read_set(bad)


@pytest.mark.parametrize(
    "expect, reply, ok",
    [
        (Expect("answer", any=("$125",)), "The CMA exam costs $125 for members.", True),
        (Expect("answer", any=("9-12",)), "A certificate takes 9–12 months.", True),  # en dash reads as a hyphen
        (Expect("spanish", any=("inglés",)), "Respondo solo en ingles.", True),  # accents do not matter
        (Expect("answer", all=("200", "$125")), "It has 200 questions.", False),
        (Expect("answer", none=("$250",)), "Non-members pay $250.", False),
        (Expect("answer", any=("RMA",)), "Sorry, I'm not sure I understood that. The RMA...", False),
        (Expect("declines", any=("USCIS",)), "I can't advise on visas; ask USCIS.", True),
        (Expect("answer", any=("x",)), "", False),
        (Expect("answer", any=("RMA",)), "More information on the exam format.", False),  # not inside a word
        (Expect("answer", any=("CMA",)), "The CCMA and the NCMA.", False),
        (Expect("spanish", any=("certificad",)), "Necesita estar certificada.", True),  # a stem finds its word
    ],
)
def test_a_turn_passes_only_when_its_reply_does_what_was_asked(expect, reply, ok):
    assert (judge(expect, reply) == []) is ok


def _question_intents() -> set[str]:
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    names = {i if isinstance(i, str) else next(iter(i)) for i in domain["intents"]}
    return {name for name in names if is_question(name)}


@pytest.mark.parametrize("name", [TEST_SET.name, *(d.name for d in (*DEV_SETS, *HELD_OUT))])
def test_every_labelled_topic_is_a_question_the_bot_answers(name):
    """A label naming no topic of the bot's (a typo, a renamed intent) could never match an answer, so
    every failure of that turn would count as a wrong topic."""
    known = _question_intents()
    unknown = {
        (c.id, n, topic)
        for c in read_set(SETS / name)[1]
        for n, turn in enumerate(c.turns, 1)
        for topic in turn.expect.topics
        if topic not in known
    }
    assert not unknown


@pytest.mark.parametrize(
    "problems, topics, answered, wrong",
    [
        (["none of ['$125']"], ["ask_exam_fee"], ["ask_exam_format"], True),  # another topic first
        (["none of ['$125']"], ["ask_exam_fee", "ask_exam_retake"], ["ask_exam_retake"], False),  # one of those asked
        (["none of ['$125']"], ["ask_exam_fee"], ["ask_exam_fee"], False),  # the topic, without the fact
        (["none of ['$125']"], ["ask_exam_fee"], [], False),  # a question back or a fallback answers no topic
        (["none of ['$125']"], [], ["ask_salary"], False),  # an unlabelled turn cannot be checked
        ([], ["ask_exam_fee"], ["ask_salary"], False),  # a passing turn is no failure
        (["none of ['$125']"], ["ask_exam_fee"], ["ask_salary", "ask_exam_fee"], True),  # the first answer counts
    ],
)
def test_a_wrong_topic_is_a_failure_that_answers_an_unasked_topic_first(problems, topics, answered, wrong):
    assert TurnResult("c", 1, "q", "r", "answer", problems, topics, answered).wrong_topic is wrong


@pytest.mark.e2e
def test_blind_conversations_over_rest(bot, capsys):
    name, conversations = read_set(TEST_SET)
    token = api_token(bot.project_root, bot.var_dir, create=False)
    results = asyncio.run(play_all(bot.rasa_url, conversations, token=token))
    figures = write_report(name, results, PROJECT_ROOT / "reports")
    with capsys.disabled():
        print(
            f"\nblind conversations ({name}): {figures['passed']}/{figures['turns']} turns pass "
            f"({figures['pass_rate']:.1%}); wrong topic first in {figures['wrong_topic']} of "
            f"{figures['topic_checked']} checked failures; by kind {figures['by_kind']}; details in reports/{name}.md"
        )
    assert not [r for r in results if any(p.startswith("HTTP") for p in r.problems)], "the server failed a turn"
    # the topic each reply answered is read back from the conversation store: the check is alive
    assert sum(bool(r.answered) for r in results) > len(results) / 2
    assert figures["pass_rate"] >= MIN_PASS_RATE
    assert figures["wrong_topic"] <= MAX_WRONG_TOPIC
