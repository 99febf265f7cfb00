"""Training examples from the development conversation sets, so NLU learns how real people word things.

The development sets (tests/conversations/blind_dev*.yml) were written blind and have been read, so
their wording is fair to learn from. A turn teaches its topic only when the topic is trusted and the
message carries it by itself:
- trusted: the topic a blind labeller named (one topic only), or else the topic of a reply that passed
  the writer's own check;
- by itself: the conversation's first turn, or a turn that changes the topic (from what the turn before
  asked, by its label where it has one, not by what the bot answered), in words no other turn asked
  about another topic. A follow-up on the same topic ("and for the RMA?") leans on the turn before;
  the conversation's context answers those.
Of those, NLU learns from what it does not already know: messages it read as another question (four
words or more, not read confidently as something else, and not as a statement, greeting or request for
a person, which the bot's rules turn into answers) and messages it got right without confidence.

`python -m bot.tools.harvest REPORT.json… --model MODEL --out data/nlu/dev_conversations.yml` reads the
converse tool's reports of the development sets (played with the API token, so each reply's topic is
known) and parses the candidates with MODEL, which must be trained without the file being written:
trained on it, NLU would already know its examples and the filter would drop them.

With `--add`, the file's examples are kept and only the reports' new turns are weighed: when a new
development set arrives, the current model (trained on the file, never on the new set) reads its
turns as it would read a stranger's, so no second model has to be trained without the file.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.settings import PROJECT_ROOT
from bot.tools.converse import read_set
from bot.tools.nlu_eval import examples
from bot.understanding.context import is_question

#: NLU intents that are not questions: the bot's rules turn such a message into an answer from context
#: (a background into a verdict), so the message must not teach NLU a question.
NOT_QUESTIONS = frozenset(
    {
        "inform",
        "out_of_scope",
        "request_human",
        "greet",
        "goodbye",
        "thank",
        "help",
        "feedback_unhelpful",
        "check_eligibility",
        "estimate_timeline",
        "start_roadmap",
    }
)
MIN_WORDS = 4
#: Read as another question at least this confidently: the context, not the words, chose the topic.
CONFIDENT_ELSEWHERE = 0.9
#: Read right but below this: still worth learning.
UNSURE = 0.8
MAX_CHARS = 400

HEADER = """\
# Messages from the development conversation sets (tests/conversations/blind_dev*.yml), each labelled
# with the question it asked. Written by `python -m bot.tools.harvest` (its docstring says which turns
# qualify and why); regenerate it with that command rather than editing by hand. The test set and the
# held-out sets are never copied here.
version: "3.1"
nlu:
"""


@dataclass(frozen=True)
class Candidate:
    topic: str
    text: str


def _topic(row: Mapping[str, Any]) -> str | None:
    """The turn's trusted topic, or None."""
    raw = row.get("topics") or []
    labels, answered = [t for t in raw if is_question(t)], row.get("answered") or []
    if raw and not labels:
        return None  # labelled as the plan or a personal check: a form's answer, whatever reply it got
    if labels:
        if len(labels) != 1 or (row.get("passed") and answered and answered[0] != labels[0]):
            return None  # several topics, or labeller and a passing reply disagree
        return str(labels[0])
    if row.get("passed") and answered and len(set(answered)) == 1:
        return str(answered[0])
    return None


def candidates(rows: Iterable[Mapping[str, Any]]) -> list[Candidate]:
    """Turns (in conversation order) whose topic is trusted and carried by the message itself."""
    found: list[Candidate] = []
    previous: dict[str, str] = {}
    for row in rows:
        conversation = str(row["conversation"])
        before = previous.get(conversation, "")
        trusted = _topic(row)
        topic = trusted if row.get("kind") == "answer" else None
        # what the turn before asked: its labeller's topic where trusted, so a follow-up to a question the bot
        # answered on the wrong topic ("And if they refuse?" after accommodations) is still a follow-up
        asked_before = trusted or (row["answered"][-1] if row.get("answered") else None)
        if asked_before:
            previous[conversation] = asked_before
        text = " ".join(str(row["user"]).split())
        if topic and (row.get("number") == 1 or topic != before) and len(text) <= MAX_CHARS:
            found.append(Candidate(topic, text))
    return found


def one_topic_each(found: Sequence[Candidate]) -> list[Candidate]:
    """The candidates whose words were asked with one topic only: "how much does it cost" asked both
    an exam's fee and a program's price, so the conversation, not the words, told which."""
    topics: dict[str, set[str]] = defaultdict(set)
    for cand in found:
        topics[_normal(cand.text)].add(cand.topic)
    return [c for c in found if len(topics[_normal(c.text)]) == 1]


def worth_learning(candidate: Candidate, predicted: str, confidence: float) -> bool:
    """Whether NLU, reading the message as `predicted`, has something to learn from it."""
    if predicted == candidate.topic:
        return confidence < UNSURE
    return (
        len(candidate.text.split()) >= MIN_WORDS
        and predicted not in NOT_QUESTIONS
        and not predicted.startswith("roadmap_")
        and confidence < CONFIDENT_ELSEWHERE
    )


def _normal(text: str) -> str:
    return " ".join(text.lower().split())


def known_texts(root: Path, exclude: Path) -> set[str]:
    """Every training and held-out NLU example, and every message of the conversation test sets."""
    files = [f for f in (root / "data" / "nlu").glob("*.yml") if f.resolve() != exclude.resolve()]
    files += list((root / "tests" / "nlu_holdout").glob("*.yml"))
    texts = {_normal(t) for f in files for _, t in examples(f)}
    for path in held_out_sets(root):
        texts |= {_normal(turn.user) for conv in read_set(path)[1] for turn in conv.turns}
    return texts


def held_out_sets(root: Path) -> list[Path]:
    """The conversation sets no training data may come from: all but the development sets."""
    return [p for p in (root / "tests" / "conversations").glob("*.yml") if not p.name.startswith("blind_dev")]


def development_names(root: Path) -> set[str]:
    return {read_set(p)[0] for p in (root / "tests" / "conversations").glob("blind_dev*.yml")}


def render(chosen: Mapping[str, Sequence[str]]) -> str:
    parts = [HEADER]
    for topic in sorted(chosen):
        parts.append(f"- intent: {topic}\n  examples: |\n")
        parts.extend(f"    - {text}\n" for text in sorted(set(chosen[topic])))
    return "".join(parts)


def choose(
    kept: Sequence[tuple[str, str]], found: Sequence[Candidate], parsed: Sequence[tuple[str, float]]
) -> dict[str, list[str]]:
    """The examples to write, by topic: those kept from before, then each candidate NLU has something to
    learn from, given how it read it (`parsed`, in the candidates' order)."""
    chosen: dict[str, list[str]] = defaultdict(list)
    for topic, text in kept:
        chosen[topic].append(text)
    for cand, (predicted, confidence) in zip(found, parsed, strict=True):
        if worth_learning(cand, predicted, confidence):
            chosen[cand.topic].append(cand.text)
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.tools.harvest", description=__doc__.splitlines()[0])
    parser.add_argument("reports", type=Path, nargs="+", help="converse reports (JSON) of development sets")
    parser.add_argument("--model", type=Path, required=True, help="a model trained without the --out file")
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "data" / "nlu" / "dev_conversations.yml")
    parser.add_argument(
        "--add", action="store_true", help="keep --out's examples; MODEL must only be trained without the reports' sets"
    )
    args = parser.parse_args(argv)
    allowed, rows = development_names(PROJECT_ROOT), []
    for path in args.reports:
        report = json.loads(path.read_text(encoding="utf-8"))
        if report.get("set") not in allowed:
            print(f"{path}: set {report.get('set')!r} is not a development set; refusing to learn from it")
            return 2
        rows += report["results"]
    kept = examples(args.out) if args.add and args.out.exists() else []
    known = known_texts(PROJECT_ROOT, args.out) | {_normal(text) for _, text in kept}
    found = [c for c in one_topic_each(candidates(rows)) if _normal(c.text) not in known]
    from bot.rasa.nlu import parse_all  # heavy import: only when parsing

    parsed = parse_all(args.model, [c.text for c in found])
    chosen = choose(kept, found, parsed)
    args.out.write_text(render(chosen), encoding="utf-8")
    added = sum(len(set(v)) for v in chosen.values()) - len({(t, x) for t, x in kept})
    print(
        f"{added} new examples from {len(found)} candidates; {args.out} holds {sum(len(set(v)) for v in chosen.values())}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
