"""Intent accuracy on a held-out set that is never used for training.

tests/nlu_holdout/holdout.yml was written blind (by someone who never saw
data/nlu/); utterances that happened to match a training example ("hello",
"bye") were then dropped from it, and the first test keeps the two apart.
The figures are printed and written to reports/nlu_holdout.json.
"""
from __future__ import annotations

import asyncio
import json
from collections import Counter
from pathlib import Path
from typing import Dict, List, Tuple

import pytest
import yaml

from bot.settings import PROJECT_ROOT

HOLDOUT = PROJECT_ROOT / "tests" / "nlu_holdout" / "holdout.yml"
# Regression guards for the foundation's nine intents, set below what the model
# scores (95.7% and 89.1% on 2026-11-23) so noise does not fail CI. The issue that
# covers every topic raises them to 95% / 90% together with a larger set.
MIN_ACCURACY = 0.93
MIN_OUT_OF_SCOPE_RECALL = 0.85


def examples(path: Path) -> List[Tuple[str, str]]:
    pairs = []
    for block in yaml.safe_load(path.read_text())["nlu"]:
        for line in block["examples"].splitlines():
            text = line.strip().removeprefix("- ").strip()
            if text:
                pairs.append((block["intent"], text))
    return pairs


def normalised(text: str) -> str:
    return " ".join(text.lower().split())


def test_holdout_is_disjoint_from_training_data():
    training = {normalised(t) for f in (PROJECT_ROOT / "data" / "nlu").glob("*.yml") for _, t in examples(f)}
    leaked = [t for _, t in examples(HOLDOUT) if normalised(t) in training]
    assert not leaked, f"held-out examples found in the training data: {leaked}"


def test_holdout_covers_every_intent():
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text())
    counts = Counter(intent for intent, _ in examples(HOLDOUT))
    assert set(counts) == set(domain["intents"])
    assert counts["out_of_scope"] >= 40


@pytest.fixture(scope="module")
def predictions(model: Path) -> List[Tuple[str, str, float, str]]:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))

    async def parse_all():
        out = []
        for intent, text in examples(HOLDOUT):
            parsed = await agent.parse_message(text)
            out.append((intent, parsed["intent"]["name"], parsed["intent"]["confidence"], text))
        return out

    return asyncio.run(parse_all())


def test_intent_accuracy_and_out_of_scope_recall(predictions, capsys):
    def correct(gold: str, predicted: str) -> bool:
        # Saying "I'm not sure" to an out-of-scope message is the right outcome.
        return predicted == gold or (gold == "out_of_scope" and predicted == "nlu_fallback")

    per_intent: Dict[str, List[bool]] = {}
    for gold, predicted, _, _ in predictions:
        per_intent.setdefault(gold, []).append(correct(gold, predicted))
    accuracy = sum(correct(g, p) for g, p, _, _ in predictions) / len(predictions)
    oos_recall = sum(per_intent["out_of_scope"]) / len(per_intent["out_of_scope"])
    misses = [{"expected": g, "predicted": p, "confidence": round(c, 2), "text": t}
              for g, p, c, t in predictions if not correct(g, p)]
    report = {
        "examples": len(predictions),
        "intent_accuracy": round(accuracy, 4),
        "out_of_scope_recall": round(oos_recall, 4),
        "per_intent_recall": {i: round(sum(v) / len(v), 3) for i, v in sorted(per_intent.items())},
        "misses": misses,
    }
    reports = PROJECT_ROOT / "reports"
    reports.mkdir(exist_ok=True)
    (reports / "nlu_holdout.json").write_text(json.dumps(report, indent=2))
    with capsys.disabled():
        print(f"\nheld-out NLU: {len(predictions)} utterances, intent accuracy {accuracy:.1%}, "
              f"out-of-scope recall {oos_recall:.1%} (bars {MIN_ACCURACY:.0%} / {MIN_OUT_OF_SCOPE_RECALL:.0%}); "
              f"details in reports/nlu_holdout.json")
    assert accuracy >= MIN_ACCURACY, misses
    assert oos_recall >= MIN_OUT_OF_SCOPE_RECALL, misses
