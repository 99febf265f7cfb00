"""Advisors' annotations as Rasa NLU training data, ready to merge into data/nlu/.

The output must pass `rasa data validate --fail-on-warnings` next to the project's
own training data (`make validate` runs it that way), so the export leaves out what
would break that: examples already in data/nlu (the same text under another intent
is a conflict an advisor must settle by hand, and is listed in a comment), intents
the domain no longer has, and repeated texts. Emails and phone numbers are masked,
and the characters Rasa would read as entity markup are replaced.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from pathlib import Path

import yaml

from bot.review.annotations import OUT_OF_SCOPE, Annotation, domain_intents
from bot.review.privacy import mask
from bot.settings import PROJECT_ROOT

NLU_DIR = PROJECT_ROOT / "data" / "nlu"
#: Rasa reads `[text](entity)` and `[text]{"entity": ...}` inside examples as entity markup.
_MARKUP = str.maketrans({"[": "(", "]": ")", "{": "(", "}": ")"})
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def normalize(text: str) -> str:
    """How two examples are compared: case and spacing do not make a new example."""
    return " ".join(text.split()).lower()


def example_text(text: str, masked: bool = True) -> str:
    """One line of training data: masked, on one line, without entity markup or control characters."""
    line = mask(text) if masked else text
    return " ".join(_CONTROL.sub(" ", line).translate(_MARKUP).split())


def training_examples(nlu_dir: Path = NLU_DIR) -> dict[str, str]:
    """Normalized text -> intent of every example in the project's NLU files."""
    found: dict[str, str] = {}
    for path in sorted(nlu_dir.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in data.get("nlu") or []:
            if not isinstance(block, dict) or "intent" not in block:
                continue
            for line in str(block.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    # Entity markup "[CMA](credential)" reads as its plain text "CMA".
                    plain = re.sub(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})", r"\1", line[2:])
                    found.setdefault(normalize(plain), block["intent"])
    return found


def _label(annotation: Annotation) -> str | None:
    return OUT_OF_SCOPE if annotation.out_of_scope else annotation.intent


def nlu_yaml(
    annotations: Iterable[Annotation],
    *,
    masked: bool = True,
    existing: Mapping[str, str] | None = None,
    intents: Iterable[str] | None = None,
) -> str:
    """Rasa 3.1 NLU YAML with one `- intent:` block per intent, out-of-scope ones under `out_of_scope`.

    `existing` maps normalized texts already in the training data to their intent
    (default: read from data/nlu); `intents` are the domain's (default: domain.yml).
    When one message was annotated twice, the later annotation counts.
    """
    known = training_examples() if existing is None else existing
    allowed = set(domain_intents() if intents is None else intents) | {OUT_OF_SCOPE}
    latest: OrderedDict[str, tuple[str, str]] = OrderedDict()  # normalized -> (intent, line)
    skipped: list[str] = []
    for annotation in sorted(annotations, key=lambda a: (a.at, a.event_id)):
        label = _label(annotation)
        line = example_text(annotation.text, masked)
        if not label or not line:
            continue  # a note without a correction is not training data
        key = normalize(line)
        if label not in allowed:
            skipped.append(f"{line!r}: intent {label!r} is not in domain.yml")
            continue
        if key in known:
            if known[key] != label:
                skipped.append(f"{line!r}: already an example of {known[key]!r} in data/nlu")
            continue
        latest.pop(key, None)
        latest[key] = (label, line)
    by_intent: OrderedDict[str, list[str]] = OrderedDict()
    for label, line in latest.values():
        by_intent.setdefault(label, []).append(line)
    out = [
        "# Examples from advisors' annotations in the review console (bot/review).",
        "# Merge into data/nlu/ (or copy this file there), then `make validate` and `make train`.",
    ]
    out += [f"# left out: {reason}".replace("\n", " ") for reason in skipped]
    out += ['version: "3.1"', "nlu:" if by_intent else "nlu: []"]
    for label, lines in by_intent.items():
        out += [f"- intent: {label}", "  examples: |"] + [f"    - {line}" for line in lines]
    return "\n".join(out) + "\n"
