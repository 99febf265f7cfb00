"""Email addresses and phone numbers in free text: finding them, and the patterns behind that.

One definition serves everyone who must agree on what counts as a contact: the
handoff form reads one from a person's answer, the review pages mask exactly
what the bot would have taken for one, and advisor accounts are keyed by email.
"""

from __future__ import annotations

import re

EMAIL_PATTERN = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
#: Seven to fifteen digits with the usual separators (E.164 allows at most 15).
PHONE_PATTERN = re.compile(r"(?<![\w+(])\+?\(?\d[\d ().\-]{5,20}\d(?!\w)")
#: "2024-03-01", "1/2/2025": as many digits as a short phone number, but a date.
DATE_PATTERN = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")


def find_email(text: str) -> str | None:
    """The first email address in `text`, or None."""
    match = EMAIL_PATTERN.search(text or "")
    return match.group(0) if match else None


def find_phone(text: str) -> str | None:
    """A phone number in `text`, or None; counts digits so dates and years are not taken for one."""
    for match in PHONE_PATTERN.finditer(text or ""):
        digits = re.sub(r"\D", "", match.group(0))
        if 7 <= len(digits) <= 15 and not DATE_PATTERN.fullmatch(match.group(0).strip()):
            return match.group(0).strip()
    return None


def find_contact(text: str) -> str | None:
    """The email address someone typed or, if there is none, their phone number."""
    return find_email(text) or find_phone(text)
