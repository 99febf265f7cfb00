"""Email addresses and phone numbers in free text: finding them, and the patterns behind that.

One definition serves everyone who must agree on what counts as a contact: the
handoff form reads one from a person's answer, the review pages mask exactly
what the bot would have taken for one (`bot.review.privacy`), and advisor accounts
are keyed by email.

What counts, and why:

- Email addresses in any script (`anä@exämple.com`), and, for masking only, the
  spelled-out `ana(at)example(dot)com` / `ana[at]example[dot]com` that people use to
  dodge filters. "ana at example dot com" in plain words is left alone: it reads as
  a sentence too often ("I work at mayo dot edu").
- Phone numbers: 7 to 15 digits in groups with the usual separators, glued to
  letters or not (`tel5550107788`, `5550107788now`), with an extension read whole
  (`555-010-7788x12`, `555.010.7788 ext 3`). Not a phone: a sum of money or the tail
  of a larger number (`$37,190`, `3.5`), anything followed by `%`, a date, a span or
  list of years (`2019-2023`, `2019 2020 2021`), or a figure followed by a year in
  parentheses (`190 (2021)`): an area code in parentheses comes before the number,
  never after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

EMAIL_PATTERN = re.compile(r"[\w.%+\-]+@[^\W_](?:[\w\-]*[^\W_])?(?:\.[^\W_](?:[\w\-]*[^\W_])?)*\.[^\W\d_]{2,}")
#: "ana(at)example(dot)com", "ana [at] example [dot] com": an address written to dodge filters.
OBFUSCATED_EMAIL_PATTERN = re.compile(
    r"(?P<local>[\w.%+\-]+)(?P<domain>\s*[(\[{]\s*at\s*[)\]}]\s*[\w\-]+(?:\s*(?:[(\[{]\s*dot\s*[)\]}]|\.)\s*[\w\-]+)+)",
    re.IGNORECASE,
)
_GROUP = r"(?:\(\d{1,4}\)|\d{1,6})"
#: A candidate: an optional +, digit groups (one may be in parentheses) joined by a space, dot or
#: dash, and an optional extension. Refined by `_is_phone`, which counts digits and rules out figures.
PHONE_PATTERN = re.compile(
    r"(?<![\d$€£¥+])(?<!\d[,.])"  # not the tail of a number or of a sum of money
    rf"(?P<number>\+?\s?{_GROUP}(?:(?:[ .\-]|\s-\s)?{_GROUP}){{0,7}})"
    r"(?P<extension>\s*(?:ext\.?|extension|x|#)\s*\d{1,6})?"
    r"(?![\d%])",
    re.IGNORECASE,
)
#: "2024-03-01", "1/2/2025": as many digits as a short phone number, but a date.
DATE_PATTERN = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")
_YEAR = re.compile(r"\(?(?:19|20)\d\d\)?")


def _is_phone(number: str) -> bool:
    """Whether a candidate's number part is a phone number rather than a figure, a date or years."""
    digits = re.sub(r"\D", "", number)
    if not 7 <= len(digits) <= 15:
        return False
    stripped = number.strip()
    if DATE_PATTERN.fullmatch(stripped):
        return False
    groups = re.findall(r"\(?\d+\)?", stripped)
    if groups[-1].startswith("("):  # "190 (2021)": a figure and its year; an area code comes first
        return False
    return not all(_YEAR.fullmatch(group) for group in groups)  # "2019-2023", "2019 2020 2021"


def phone_matches(text: str) -> Iterator[re.Match[str]]:
    """Every phone number in `text` (with its extension, if any), in order."""
    for match in PHONE_PATTERN.finditer(text or ""):
        if _is_phone(match["number"]):
            yield match


def without_phones(text: str, replacement: str = " ") -> str:
    """`text` with every phone number (extension included) replaced."""
    found = list(phone_matches(text))
    for match in reversed(found):
        text = text[: match.start()] + replacement + text[match.end() :]
    return text


def find_email(text: str) -> str | None:
    """The first email address in `text`, or None."""
    match = EMAIL_PATTERN.search(text or "")
    return match.group(0) if match else None


def find_phone(text: str) -> str | None:
    """The first phone number in `text`, its extension included, or None (dates and years are not)."""
    for match in phone_matches(text):
        return match.group(0).strip()
    return None


def find_contact(text: str) -> str | None:
    """The email address someone typed or, if there is none, their phone number."""
    return find_email(text) or find_phone(text)
