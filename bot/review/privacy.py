"""Masking of email addresses and phone numbers in what advisors read and export.

Advisors need to see what people asked, not who they are: lists, transcripts and
exported training data show `a***@example.com` and `(***) ***-**67`. The patterns
are the ones `bot.contacts` uses to read a contact, so what the bot would take for
an email or a phone number is exactly what gets masked (dates and years are not).
"""

from __future__ import annotations

import re

from bot.contacts import DATE_PATTERN, EMAIL_PATTERN, PHONE_PATTERN

#: Digits left readable at the end of a phone number: enough to tell two apart.
PHONE_DIGITS_SHOWN = 2
#: "2019-2023" has as many digits as a phone number but is a span of years.
YEAR_RANGE = re.compile(r"(?:19|20)\d\d\s*[-/]\s*(?:19|20)\d\d")


def _mask_email(match: re.Match[str]) -> str:
    local, _, domain = match.group(0).partition("@")
    return f"{local[:1]}***@{domain}"


def _mask_phone(match: re.Match[str]) -> str:
    found = match.group(0)
    digits = re.sub(r"\D", "", found)
    stripped = found.strip()
    if not 7 <= len(digits) <= 15 or DATE_PATTERN.fullmatch(stripped) or YEAR_RANGE.fullmatch(stripped):
        return found  # a date, a span of years, a short number: not a phone
    keep_from = len(digits) - PHONE_DIGITS_SHOWN
    seen = 0
    out = []
    for char in found:
        if char.isdigit():
            out.append(char if seen >= keep_from else "*")
            seen += 1
        else:
            out.append(char)
    return "".join(out)


def mask(text: str) -> str:
    """`text` with every email address and phone number masked; separators stay, so it still reads as one."""
    if not text:
        return text or ""
    return PHONE_PATTERN.sub(_mask_phone, EMAIL_PATTERN.sub(_mask_email, text))
