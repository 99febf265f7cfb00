"""Bounds on what one message may cost, applied by every channel before NLU sees it.

Plain Python (no Rasa import), so the rules can be read and tested on their own.

Why each bound exists:

- spaCy's tokenizer strips prefix and suffix characters from a token one at a time
  and searches again after each, so a run of punctuation or symbols with no letter in
  it costs time roughly quadratic in its length (2,000 braces: 0.7 s; 8,000: 14 s),
  and Rasa's event loop, which runs NLU, waits for it. No question needs more than a
  few symbols in a row, so a longer run is cut to MAX_SYMBOL_RUN.
- A button payload (`/intent` or `/intent{"entity": "value"}`) was exempt from the
  message length cut. A real payload is short and flat; one that is not is reduced
  to its intent, which is what Rasa itself does with entities it cannot read.
- JSON that nests thousands of levels deep makes Python's recursive code (json,
  copy, the tracker store's serialiser) raise RecursionError; nothing we accept
  needs more than MAX_JSON_DEPTH levels.
"""

from __future__ import annotations

import json
import re
from typing import Any

#: The longest run of symbols (anything but letters, digits, "_" and white space) kept in a message.
MAX_SYMBOL_RUN = 5
#: The longest button payload taken as one; ours are under 100 characters.
MAX_PAYLOAD_CHARS = 300
#: How deep the JSON a client sends (metadata, a payload's entities) may nest.
MAX_JSON_DEPTH = 8
#: The largest request body or Socket.IO message accepted, in bytes.
MAX_BODY_BYTES = 64 * 1024

_SYMBOL_RUN = re.compile(rf"[^\w\s]{{{MAX_SYMBOL_RUN + 1},}}")
_PAYLOAD = re.compile(r"/(?P<intent>[A-Za-z0-9_\-]{1,100})(?P<confidence>@[0-9.]{1,10})?(?P<rest>.*)\Z", re.DOTALL)


def collapse_symbol_runs(text: str) -> str:
    """`text` with every run of more than MAX_SYMBOL_RUN symbols cut to its first MAX_SYMBOL_RUN."""
    return _SYMBOL_RUN.sub(lambda run: run.group(0)[:MAX_SYMBOL_RUN], text)


def json_depth(value: Any) -> int:
    """How many levels of objects and arrays `value` nests (a scalar: 0), without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, (list, tuple)):
            children = item
        else:
            deepest = max(deepest, depth)
            continue
        deepest = max(deepest, depth + 1)
        stack.extend((child, depth + 1) for child in children)
    return deepest


def too_deep(value: Any, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether `value` nests deeper than `limit` levels."""
    return json_depth(value) > limit


def bounded_payload(text: str) -> str | None:
    """A button payload fit for NLU, or None when `text` is not a payload at all.

    A well-formed, short payload comes back unchanged. One whose entities are not a
    flat-enough JSON object, or that is too long, comes back as `/intent` alone.
    """
    match = _PAYLOAD.match(text.strip())
    if match is None:
        return None
    intent = f"/{match['intent']}{match['confidence'] or ''}"
    rest = match["rest"]
    if not rest:
        return intent
    if len(text) > MAX_PAYLOAD_CHARS or not rest.startswith("{"):
        return intent
    try:
        entities = json.loads(rest)
    except (ValueError, RecursionError):
        return intent
    if not isinstance(entities, dict) or too_deep(entities):
        return intent
    return intent + rest
