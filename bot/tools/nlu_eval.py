"""How well the NLU model understands people: per-intent figures and the intents it mixes up.

Two uses share the arithmetic here:
- `make test` scores the trained model on the held-out set (tests/test_nlu_holdout.py);
- `python -m bot.tools.nlu_eval crossval` (`make nlu-report`, not in CI) runs Rasa's k-fold
  cross-validation on the training data, and `python -m bot.tools.nlu_eval score FILE`
  scores the current model on any labelled set (e.g. tests/nlu_dev/dev.yml).
Both print per-intent precision/recall/F1 and the confusion pairs, and write the
report under reports/.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.settings import PROJECT_ROOT, load_settings_or_exit

OUT_OF_SCOPE = "out_of_scope"
FALLBACK = "nlu_fallback"

#: A scoring report: JSON-ready figures, written as they are to reports/.
Report = dict[str, Any]


def examples(path: Path) -> list[tuple[str, str]]:
    """(intent, text) pairs from a Rasa NLU YAML file."""
    pairs = []
    for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
        for line in block["examples"].splitlines():
            text = line.strip().removeprefix("- ").strip()
            if text:
                pairs.append((block["intent"], text))
    return pairs


def credited(gold: str, predicted: str) -> str:
    """The prediction as scored: "I'm not sure" to an out-of-scope message is the right outcome."""
    return gold if gold == OUT_OF_SCOPE and predicted == FALLBACK else predicted


@dataclass(frozen=True)
class Prediction:
    gold: str
    predicted: str
    confidence: float
    text: str

    @property
    def correct(self) -> bool:
        return credited(self.gold, self.predicted) == self.gold


def report(predictions: Sequence[Prediction]) -> Report:
    """Accuracy, out-of-scope recall, per-intent precision/recall/F1, confusion pairs and misses."""
    gold = [p.gold for p in predictions]
    got = [credited(p.gold, p.predicted) for p in predictions]
    per_intent = {}
    for intent in sorted(set(gold) | set(got)):
        tp = sum(g == intent and p == intent for g, p in zip(gold, got, strict=True))
        n_pred, n_gold = got.count(intent), gold.count(intent)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_intent[intent] = {
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "f1": round(f1, 3),
            "support": n_gold,
        }
    pairs = Counter((g, p) for g, p in zip(gold, got, strict=True) if g != p)
    oos = [p for p in predictions if p.gold == OUT_OF_SCOPE]
    return {
        "examples": len(predictions),
        "intent_accuracy": round(sum(p.correct for p in predictions) / len(predictions), 4),
        "out_of_scope_recall": round(sum(p.correct for p in oos) / len(oos), 4) if oos else None,
        "per_intent": per_intent,
        "confusion_pairs": [{"expected": g, "predicted": p, "count": n} for (g, p), n in pairs.most_common()],
        "misses": [
            {"expected": p.gold, "predicted": p.predicted, "confidence": round(p.confidence, 2), "text": p.text}
            for p in predictions
            if not p.correct
        ],
    }


def summary(rep: Report, title: str, weakest: int = 5) -> str:
    """The figures a person reads first: totals, the weakest intents, the commonest confusions."""
    per_intent: dict[str, dict[str, float]] = rep["per_intent"]
    scored = [(v["f1"], k) for k, v in per_intent.items() if v["support"]]
    lines = [
        f"{title}: {rep['examples']} utterances, intent accuracy {rep['intent_accuracy']:.1%}"
        + (f", out-of-scope recall {rep['out_of_scope_recall']:.1%}" if rep["out_of_scope_recall"] is not None else "")
    ]
    lines.append("  weakest intents (F1): " + ", ".join(f"{k} {f:.2f}" for f, k in sorted(scored)[:weakest]))
    pairs = rep["confusion_pairs"][:weakest]
    if pairs:
        lines.append("  most confused: " + ", ".join(f"{p['expected']}→{p['predicted']} ×{p['count']}" for p in pairs))
    return "\n".join(lines)


def table(rep: Report) -> str:
    """Per-intent precision/recall/F1 as a markdown table."""
    rows = ["| intent | precision | recall | F1 | support |", "|---|---|---|---|---|"]
    for intent, v in rep["per_intent"].items():
        rows.append(f"| {intent} | {v['precision']:.2f} | {v['recall']:.2f} | {v['f1']:.2f} | {v['support']} |")
    return "\n".join(rows)


def predict(model: Path, labelled: Iterable[tuple[str, str]]) -> list[Prediction]:
    """Parse every utterance with the trained model (NLU only; no servers needed)."""
    from bot.rasa.nlu import parse_all  # heavy import: only when a model is actually used

    items = list(labelled)
    parsed = parse_all(model, [text for _, text in items])
    return [
        Prediction(gold, name, confidence, text) for (gold, text), (name, confidence) in zip(items, parsed, strict=True)
    ]


def write(rep: Report, name: str, reports_dir: Path) -> Path:
    reports_dir.mkdir(parents=True, exist_ok=True)
    (reports_dir / f"{name}.json").write_text(json.dumps(rep, indent=2))
    (reports_dir / f"{name}.md").write_text(summary(rep, name) + "\n\n" + table(rep) + "\n")
    return reports_dir / f"{name}.json"


def crossval_predictions(folds: int, nlu_dir: Path, config: Path) -> list[Prediction]:
    """Rasa's own k-fold cross-validation; its per-utterance results are read back and scored here."""
    with tempfile.TemporaryDirectory(prefix="crossval-") as out:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "rasa",
                "test",
                "nlu",
                "--nlu",
                str(nlu_dir),
                "--config",
                str(config),
                "--cross-validation",
                "--folds",
                str(folds),
                "--successes",
                "--out",
                out,
                "--no-plot",
            ],
            cwd=PROJECT_ROOT,
            check=True,
        )
        rows = []
        for name in ("intent_successes.json", "intent_errors.json"):
            path = Path(out) / name
            if path.exists():
                rows += json.loads(path.read_text())
    return [
        Prediction(
            r["intent"],
            r["intent_prediction"]["name"] or FALLBACK,
            r["intent_prediction"].get("confidence") or 0.0,
            r["text"],
        )
        for r in rows
    ]


def _print(rep: Report, name: str, reports_dir: Path) -> None:
    path = write(rep, name, reports_dir)
    print(table(rep))
    print(summary(rep, name, weakest=8))
    for miss in rep["misses"][:40]:
        print(f"  {miss['expected']} → {miss['predicted']} ({miss['confidence']}): {miss['text']}")
    print(f"report written to {path} and {path.with_suffix('.md')}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.tools.nlu_eval", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    cv = sub.add_parser("crossval", help="k-fold cross-validation on data/nlu (several minutes)")
    cv.add_argument("--folds", type=int, default=5)
    score = sub.add_parser("score", help="score the trained model on labelled NLU files, one report each")
    score.add_argument("files", type=Path, nargs="+")
    args = parser.parse_args(argv)
    reports_dir = PROJECT_ROOT / "reports"
    if args.command == "crossval":
        preds = crossval_predictions(args.folds, PROJECT_ROOT / "data" / "nlu", PROJECT_ROOT / "config.yml")
        _print(report(preds), "nlu_crossval", reports_dir)
    else:
        from bot.tools.train import train

        model = train(load_settings_or_exit().models_dir)
        for path in args.files:
            _print(report(predict(model, examples(path))), f"nlu_score_{path.stem}", reports_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
