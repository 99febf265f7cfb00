"""Masking of email addresses and phone numbers in what advisors read and export.

Advisors need to see what people asked, not who they are: lists, transcripts and
exported training data show `a***@example.com` and `(***) ***-**67`. The patterns
are the ones `bot.contacts` uses to read a contact, so what the bot would take for
an email or a phone number is exactly what gets masked, extension included, and a
figure is not: "$37,190 (2021)", "12% (2024–34)" and "2019-2023" read as written.
Addresses spelled out to dodge filters ("ana(at)example(dot)com") are masked too.
Numbers that only look like phone numbers in what the bot cites stay as written: a
web address ("...?cite=246-827-0200") and a law's section ("Florida Statutes §458.3485",
"WAC 246-827-0200").
"""

from __future__ import annotations

import re

from bot.contacts import EMAIL_PATTERN, OBFUSCATED_EMAIL_PATTERN, phone_matches

#: Digits left readable at the end of a phone number: enough to tell two apart.
PHONE_DIGITS_SHOWN = 2
_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
#: What comes right before a law's section number in the sources the bot cites.
_CITATION = re.compile(r"(?:§|\b(?:sections?|sec\.|statutes?|code|wac|rcw|chapter|rule|cite=))\s*$", re.IGNORECASE)


def _mask_email(match: re.Match[str]) -> str:
    local, _, domain = match.group(0).partition("@")
    return f"{local[:1]}***@{domain}"


def _mask_obfuscated_email(match: re.Match[str]) -> str:
    return f"{match['local'][:1]}***{match['domain']}"


def _mask_phone(match: re.Match[str]) -> str:
    number, extension = match["number"], match["extension"] or ""
    digits = sum(char.isdigit() for char in number)
    keep_from = digits - PHONE_DIGITS_SHOWN
    seen = 0
    out = []
    for char in number:
        if char.isdigit():
            out.append(char if seen >= keep_from else "*")
            seen += 1
        else:
            out.append(char)
    return "".join(out) + re.sub(r"\d", "*", extension)


def mask(text: str) -> str:
    """`text` with every email address and phone number masked; separators stay, so it still reads as one."""
    if not text:
        return text or ""
    text = EMAIL_PATTERN.sub(_mask_email, text)
    text = OBFUSCATED_EMAIL_PATTERN.sub(_mask_obfuscated_email, text)
    urls = [m.span() for m in _URL.finditer(text)]
    found = [
        match
        for match in phone_matches(text)
        if not any(start <= match.start() < end for start, end in urls)
        and not _CITATION.search(text, max(0, match.start() - 12), match.start())
    ]
    for match in reversed(found):
        text = text[: match.start()] + _mask_phone(match) + text[match.end() :]
    return text
