"""Advisors' annotations as Rasa NLU training data, ready to merge into data/nlu/.

The output must pass `rasa data validate --fail-on-warnings` next to the project's
own training data (`make validate` runs it that way), so the export leaves out what
would break that: examples already in data/nlu (the same text under another intent
is a conflict an advisor must settle by hand, and is listed in a comment), intents
the domain no longer has, and repeated texts. Emails and phone numbers are masked,
and the characters Rasa would read as entity markup are replaced (entities an advisor
corrected are then marked up on purpose).

Two outputs: the download (every annotation in a date range, for a person to read or
merge) and the reviewed-examples file in data/nlu/ (approved annotations only, never an
example of the held-out set), which the retrain job (bot.retrain) trains on.
"""

from __future__ import annotations

import os
import re
from collections import OrderedDict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.review.annotations import OUT_OF_SCOPE, Annotation, domain_intents
from bot.review.privacy import mask
from bot.settings import PROJECT_ROOT

NLU_DIR = PROJECT_ROOT / "data" / "nlu"
HOLDOUT_DIR = PROJECT_ROOT / "tests" / "nlu_holdout"
#: Where approved annotations become training data (data/nlu/, trained on by the retrain job).
REVIEWED_FILE = "reviewed_examples.yml"
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


def training_examples(nlu_dir: Path = NLU_DIR, exclude: Collection[str] = ()) -> dict[str, str]:
    """Normalized text -> intent of every example in the NLU files of `nlu_dir` (but those named in `exclude`)."""
    found: dict[str, str] = {}
    for path in sorted(nlu_dir.glob("*.yml")):
        if path.name in exclude:
            continue
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


def with_entities(line: str, entities: Iterable[tuple[str, str]] | None) -> str:
    """`line` with each corrected entity marked up as Rasa reads it: `[Texas](us_state)`.

    The first occurrence not already marked is used; a value the line no longer holds
    (masking changed it) is left unmarked rather than guessed."""
    spans: list[tuple[int, int, str]] = []
    for kind, value in entities or ():
        for found in re.finditer(re.escape(value), line, re.IGNORECASE):
            if all(found.end() <= start or found.start() >= end for start, end, _ in spans):
                spans.append((found.start(), found.end(), kind))
                break
    out, last = [], 0
    for start, end, kind in sorted(spans):
        out += [line[last:start], f"[{line[start:end]}]({kind})"]
        last = end
    return "".join(out) + line[last:]


@dataclass
class Examples:
    """Training examples by intent, and why some annotations were left out."""

    by_intent: OrderedDict[str, list[str]] = field(default_factory=OrderedDict)
    skipped: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(lines) for lines in self.by_intent.values())


def collect(
    annotations: Iterable[Annotation],
    *,
    masked: bool = True,
    existing: Mapping[str, str] | None = None,
    intents: Iterable[str] | None = None,
    held_out: Collection[str] = (),
) -> Examples:
    """The examples `annotations` make, without what would break `rasa data validate` or the figures.

    `existing` maps normalized texts already in the training data to their intent (default:
    read from data/nlu); `intents` are the domain's (default: domain.yml); `held_out` holds
    normalized texts of the held-out set, which must stay unseen by training. When one
    message was annotated twice, the later annotation counts."""
    known = training_examples() if existing is None else existing
    allowed = set(domain_intents() if intents is None else intents) | {OUT_OF_SCOPE}
    latest: OrderedDict[str, tuple[str, str]] = OrderedDict()  # normalized -> (intent, line)
    result = Examples()
    for annotation in sorted(annotations, key=lambda a: (a.at, a.event_id)):
        label = annotation.label
        line = example_text(annotation.text, masked)
        if not label or not line:
            continue  # a note without a correction is not training data
        key = normalize(line)
        if label not in allowed:
            result.skipped.append(f"{line!r}: intent {label!r} is not in domain.yml")
            continue
        if key in held_out:
            result.skipped.append(f"{line!r}: in the held-out test set, which training must never see")
            continue
        if key in known:
            if known[key] != label:
                result.skipped.append(f"{line!r}: already an example of {known[key]!r} in data/nlu")
            continue
        latest.pop(key, None)
        latest[key] = (label, with_entities(line, annotation.entities))
    for label, line in latest.values():
        result.by_intent.setdefault(label, []).append(line)
    return result


def to_yaml(examples: Examples, header: Sequence[str]) -> str:
    """Rasa 3.1 NLU YAML with one `- intent:` block per intent, the reasons for left-out ones as comments."""
    out = [f"# {line}" for line in header]
    out += [f"# left out: {reason}".replace("\n", " ") for reason in examples.skipped]
    out += ['version: "3.1"', "nlu:" if examples.by_intent else "nlu: []"]
    for label, lines in examples.by_intent.items():
        out += [f"- intent: {label}", "  examples: |"] + [f"    - {line}" for line in lines]
    return "\n".join(out) + "\n"


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
    examples = collect(annotations, masked=masked, existing=existing, intents=intents)
    return to_yaml(examples, EXPORT_HEADER)


EXPORT_HEADER = (
    "Examples from advisors' annotations in the review console (bot/review).",
    "Merge into data/nlu/ (or copy this file there), then `make validate` and `make train`.",
)
REVIEWED_HEADER = (
    "Examples from annotations an admin approved in the advisor console (bot/review).",
    "Written again from the approved annotations before each retrain: edit them in the console, not here.",
)


def reviewed_examples(
    annotations: Iterable[Annotation],
    nlu_dir: Path = NLU_DIR,
    holdout_dir: Path = HOLDOUT_DIR,
    intents: Iterable[str] | None = None,
) -> tuple[str, Examples]:
    """The reviewed-examples file's text from the approved annotations among `annotations`.

    Compared with every other file of `nlu_dir` (never with its own previous version, which
    would leave out everything it already held) and kept apart from the held-out set."""
    approved = [a for a in annotations if a.approved]
    existing = training_examples(nlu_dir, exclude=(REVIEWED_FILE,))
    held_out = set(training_examples(holdout_dir)) if holdout_dir.is_dir() else set()
    examples = collect(approved, existing=existing, intents=intents, held_out=held_out)
    return to_yaml(examples, REVIEWED_HEADER), examples


def write_reviewed_examples(
    annotations: Iterable[Annotation],
    nlu_dir: Path = NLU_DIR,
    holdout_dir: Path = HOLDOUT_DIR,
    intents: Iterable[str] | None = None,
) -> Examples:
    """Write `nlu_dir`/reviewed_examples.yml from the approved annotations (replaced whole, atomically)."""
    text, examples = reviewed_examples(annotations, nlu_dir, holdout_dir, intents)
    target = nlu_dir / REVIEWED_FILE
    partial = target.with_suffix(".yml.partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, target)
    return examples
