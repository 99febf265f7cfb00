"""A name that means two things, where the fact sheets say to ask which one is meant.

"CCMA" is both NHA's national Certified Clinical Medical Assistant and California's own
"California Certified Medical Assistant" (CCBMA's credential, now the CACMA exam). For
someone in California the sheets say to ask which one they mean rather than guess: an
answer about the wrong one (its fee, its retakes, who may take it) would be confidently
wrong. Elsewhere, and once the message says which ("the NHA one", "the state exam"), the
name is NHA's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: Words that say NHA's national credential is meant.
NATIONAL = re.compile(r"\b(nha|national|clinical|healthcareer\w*)\b", re.IGNORECASE)
#: Words that say California's own credential is meant.
CALIFORNIAS_OWN = re.compile(
    r"\b(cacma|ccbma|state (one|exam|test|credential|certification)|california (one(?! (year|yr|month|week|day|hour))|exam|test|certified|certification))\b",
    re.IGNORECASE,
)


def ask_which_ccma(text: str, values: Iterable[str], names_ccma: bool, in_california: bool) -> bool:
    """True when the message names the CCMA, the person is in (or asks about) California, and
    neither the message nor what it named says which CCMA is meant."""
    said = " ".join([text, *values])
    return names_ccma and in_california and not NATIONAL.search(said) and not CALIFORNIAS_OWN.search(said)
