"""Build the spaCy pipeline that Rasa's SpacyNLP loads: blank English + an entity ruler.

No pretrained English pipeline can be downloaded here, and we do not need one:
the entities that matter (credentials, bodies, accreditors, roles, states,
backgrounds, program types) are
exactly the names and aliases in the knowledge base. Generating the ruler from the
KB means adding an alias to the content adds it to NLU at the next setup.

The pipeline is rewritten only when its patterns change, so editing an answer's
wording does not make `bot.tools.train` retrain the model.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from bot.db import get_engine
from bot.kb.queries import KnowledgeBase
from bot.settings import load_settings_or_exit

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import EntityRuler

PIPELINE_NAME = "en_cma_advisor"
FINGERPRINT_FILE = "patterns.sha256"

#: The token attribute names are matched on. Not LOWER: spaCy cuts "can't" and "cant" into "ca" + "n't",
#: and on LOWER that "ca" was California; its NORM is "can", while a typed "ca" or "CA" still has "ca".
MATCH_ON = "NORM"

#: One entity-ruler pattern, as spaCy's EntityRuler.add_patterns types it: a phrase or a token pattern.
Pattern = dict[str, str | list[dict[str, Any]]]


#: "3 years", "two yrs", "18 months", "5+ years": how long someone has worked. Not a KB
#: name, so a token pattern; bot.eligibility.experience turns the matched text into a number.
EXPERIENCE_PATTERN: Pattern = {
    "label": "experience_years",
    "pattern": [
        {"LIKE_NUM": True},
        {"ORTH": "+", "OP": "?"},
        {"LOWER": {"IN": ["year", "years", "yr", "yrs", "month", "months"]}},
    ],
}


#: Kinds of name that are never plural.
SINGULAR_KINDS = frozenset({"us_state"})


def patterns_from(aliases: Sequence[tuple[str, str, str]]) -> list[Pattern]:
    """Entity-ruler patterns; matching is case-insensitive (phrase matcher on `MATCH_ON`).

    A blank pipeline has no lemmatizer, so plurals ("LPNs", "CMAs") get patterns of their own;
    places have no plural, and a state code's would be a word ("WA" + "s" is "was").
    """
    patterns: list[Pattern] = [EXPERIENCE_PATTERN]
    taken = {alias for _, alias, _ in aliases}
    for kind, alias, key in sorted(aliases):
        patterns.append({"label": kind, "pattern": alias, "id": key})
        plural = alias + "s"
        if kind not in SINGULAR_KINDS and alias[-1:].isalpha() and not alias.endswith("s") and plural not in taken:
            patterns.append({"label": kind, "pattern": plural, "id": key})
    return patterns


def patterns_fingerprint(patterns: list[Pattern]) -> str:
    return hashlib.sha256(json.dumps([MATCH_ON, patterns], sort_keys=True).encode()).hexdigest()


def build(patterns: list[Pattern]) -> Language:
    """A blank English pipeline whose only component is the entity ruler."""
    import spacy  # imported here: it pulls in TensorFlow, which the launcher does not need

    nlp = spacy.blank("en")
    nlp.meta.update(
        {
            "name": PIPELINE_NAME.removeprefix("en_"),
            "version": "1.0.0",
            "description": "Blank English + entity ruler generated from the cma-advisor knowledge base",
        }
    )
    ruler = cast("EntityRuler", nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": MATCH_ON}))
    ruler.add_patterns(patterns)
    return nlp


def write_if_changed(patterns: list[Pattern], out: Path) -> bool:
    """Write the pipeline to `out` unless it already holds these patterns. Returns True if written."""
    fingerprint = patterns_fingerprint(patterns)
    marker = out / FINGERPRINT_FILE
    if marker.exists() and marker.read_text().strip() == fingerprint and (out / "meta.json").exists():
        return False
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".spacy-", dir=out.parent))
    try:
        build(patterns).to_disk(staging)
        (staging / FINGERPRINT_FILE).write_text(fingerprint + "\n")
        if out.exists():
            shutil.rmtree(out)
        staging.rename(out)  # readers never see a half-written pipeline
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.tools.nlp_build", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help="target folder (default: var/spacy/en_cma_advisor)")
    args = parser.parse_args(argv)
    settings = load_settings_or_exit()
    out = args.out or settings.spacy_model_dir
    patterns = patterns_from(KnowledgeBase(get_engine(settings.database_url)).aliases())
    if len(patterns) <= 1:
        print("no names in the knowledge base: run `python -m bot.kb load` first", file=sys.stderr)
        return 1
    written = write_if_changed(patterns, out)
    print(f"spaCy pipeline {'written to' if written else 'up to date at'} {out} ({len(patterns)} patterns)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
