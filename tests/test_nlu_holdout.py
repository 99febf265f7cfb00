"""Intent accuracy on a held-out set that is never used for training.

Every file in tests/nlu_holdout/ was written blind, by writers who never saw
data/nlu/ (and the training data's writers never saw them): holdout_v2.yml for the
first intents, holdout_new_topics.yml for those added with the new topics (at least
MIN_PER_NEW_INTENT each). The first test keeps the held-out and training sets apart. The figures are printed in `make test` and written to
reports/nlu_holdout.json and .md, with per-intent precision/recall/F1.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from bot.settings import PROJECT_ROOT
from bot.tools.nlu_eval import Prediction, examples, predict, report, summary, write

HOLDOUTS = sorted((PROJECT_ROOT / "tests" / "nlu_holdout").glob("*.yml"))
MIN_ACCURACY = 0.95
MIN_OUT_OF_SCOPE_RECALL = 0.90
MIN_EXAMPLES, MIN_OUT_OF_SCOPE = 300, 40
MIN_PER_NEW_INTENT = 15
NEW_TOPICS = PROJECT_ROOT / "tests" / "nlu_holdout" / "holdout_new_topics.yml"


def held_out() -> list[tuple[str, str]]:
    """(intent, text) pairs of every held-out file."""
    return [pair for path in HOLDOUTS for pair in examples(path)]


def normalised(text: str) -> str:
    return " ".join(text.lower().split())


def test_holdout_is_disjoint_from_training_data():
    training = {normalised(t) for f in (PROJECT_ROOT / "data" / "nlu").glob("*.yml") for _, t in examples(f)}
    leaked = [t for _, t in held_out() if normalised(t) in training]
    assert not leaked, f"held-out examples found in the training data: {leaked}"


def test_holdout_covers_every_intent():
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text())
    pairs = held_out()
    counts = Counter(intent for intent, _ in pairs)
    assert set(counts) == set(domain["intents"])
    assert len(pairs) >= MIN_EXAMPLES and counts["out_of_scope"] >= MIN_OUT_OF_SCOPE
    new = Counter(intent for intent, _ in examples(NEW_TOPICS))
    assert new and min(new.values()) >= MIN_PER_NEW_INTENT, new


@pytest.fixture(scope="module")
def predictions(model: Path) -> list[Prediction]:
    return predict(model, held_out())


@pytest.mark.model
def test_intent_accuracy_and_out_of_scope_recall(predictions, capsys):
    rep = report(predictions)
    write(rep, "nlu_holdout", PROJECT_ROOT / "reports")
    with capsys.disabled():
        print(
            "\n"
            + summary(rep, "held-out NLU")
            + f"\n  bars: accuracy {MIN_ACCURACY:.0%}, out-of-scope recall {MIN_OUT_OF_SCOPE_RECALL:.0%}; "
            "details in reports/nlu_holdout.md"
        )
    assert rep["intent_accuracy"] >= MIN_ACCURACY, rep["misses"]
    assert rep["out_of_scope_recall"] >= MIN_OUT_OF_SCOPE_RECALL, rep["misses"]
