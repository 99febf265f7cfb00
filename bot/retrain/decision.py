"""Whether a new model may replace the one answering: only when no held-out figure falls.

The held-out set (tests/nlu_holdout/) was written blind and is never trained on, so it is
the honest measure of what advisors' examples did. Two figures decide, the two that
`make test` holds the model to: intent accuracy and out-of-scope recall. Equal is
enough (a few new examples often change nothing measurable); lower by any amount is not.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

#: The figures compared, with the words an advisor reads.
FIGURES = {"intent_accuracy": "intent accuracy", "out_of_scope_recall": "out-of-scope recall"}


@dataclass(frozen=True)
class Verdict:
    load: bool
    reason: str


def figures(report: Mapping[str, Any]) -> dict[str, Any]:
    """What a run keeps of a held-out report (bot.tools.nlu_eval.report)."""
    return {"examples": report["examples"], **{key: report.get(key) for key in FIGURES}}


def percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def decide(before: Mapping[str, Any] | None, after: Mapping[str, Any]) -> Verdict:
    """Load `after`'s model only if none of FIGURES is below `before`'s (no current model: load)."""
    if before is None:
        return Verdict(True, "There was no model to compare with.")
    fell = []
    for key, words in FIGURES.items():
        old, new = before.get(key), after.get(key)
        if old is not None and (new is None or new < old):
            fell.append(f"{words} would fall from {percent(old)} to {percent(new)}")
    if fell:
        return Verdict(False, "Not loaded: " + " and ".join(fell) + ". The previous model keeps answering.")
    changes = ", ".join(f"{words} {percent(before.get(k))} → {percent(after.get(k))}" for k, words in FIGURES.items())
    return Verdict(True, f"No held-out figure fell ({changes}).")
