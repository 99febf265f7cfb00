"""What the text of the content may contain: figures only through facts, short answers, buttons that lead somewhere.

The records apply these rules as each entry is read, the cross-file checks apply
them once every fact is known, and the queries fill the same placeholders in.
"""

from __future__ import annotations

import re

#: A figure may only reach the user through a `{fact:key}` placeholder, so that it
#: always carries a source and a year. These tokens contain digits but are names.
DIGITS_ALLOWED_IN = ("ICD-10", "ISO/IEC 17024:2012", "24/7")
PLACEHOLDER = re.compile(r"\{fact:([a-z][a-z0-9_]*)\}")
#: In an answer whose variant is an entity type (e.g. "us_state"), `{entity}` is
#: replaced by the name the person used, so one answer serves every state.
ENTITY_PLACEHOLDER = "{entity}"
ASPECT_PAYLOAD = re.compile(r'^/(?P<intent>[a-z][a-z0-9_]*)(?:\{"aspect":\s*"(?P<aspect>[a-z][a-z0-9_]*)"\})?$')
MAX_ANSWER_WORDS = 120
#: Intents that buttons may lead to although no topic answers them: the guided roadmap's
#: forms and actions handle them (data/stories/roadmap.yml). A test keeps this in step
#: with domain.yml.
DIALOGUE_INTENTS = (
    "start_roadmap",
    "check_eligibility",
    "estimate_timeline",
    "roadmap_next",
    "roadmap_back",
    "roadmap_repeat",
    "roadmap_jump",
    "roadmap_where",
    "roadmap_restart",
    "roadmap_overview",
    "roadmap_done",
    "roadmap_continue",
)
#: A roadmap note is one line of a step that must stay short as a whole.
MAX_NOTE_WORDS = 60


def check_figures(text: str, max_words: int | None = None) -> str:
    """Reject digits that do not come from a `{fact:key}` placeholder, and over-long text."""
    stripped = PLACEHOLDER.sub("", text)
    for token in DIGITS_ALLOWED_IN:
        stripped = stripped.replace(token, "")
    bare = re.findall(r"\S*\d\S*", stripped)
    if bare:
        raise ValueError(f"figures must come from facts as {{fact:key}} so they carry a source; found {bare}")
    words = len(PLACEHOLDER.sub("x", text).split())
    if max_words is not None and words > max_words:
        raise ValueError(f"answers are kept short: {words} words, at most {max_words}")
    return text
