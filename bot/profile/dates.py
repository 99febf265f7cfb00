"""When someone says they will start: "March 2027", "next March", "in 2 months", "asap", "2027-09".

Shared by the roadmap's start-date question and the profile reader, which hears
"I want to start in March" in any message.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)
}
_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def month_said(text: str, today: dt.date) -> dt.date | None:
    """The first day of the month `text` names, or None. A month without a year that has
    already begun this year means next year's ("March" said in November)."""
    low = " ".join(text.lower().split())
    iso = re.search(r"\b(20\d\d)-(\d\d)\b", low)
    if iso and 1 <= int(iso[2]) <= 12:
        return dt.date(int(iso[1]), int(iso[2]), 1)
    month = re.search(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b(?:\s+(20\d\d))?", low)
    if month:
        number, year = _MONTHS[month[1]], int(month[2]) if month[2] else today.year
        if not month[2] and (number, 1) <= (today.month, today.day):
            year += 1
        return dt.date(year, number, 1)
    later = re.search(r"\bin (\d+|a|one|two|three|four|five|six) (month|year)s?\b", low)
    if later:
        n = _COUNTS.get(later[1]) or int(later[1])
        months = n * (12 if later[2] == "year" else 1)
        total = today.year * 12 + today.month - 1 + months
        return dt.date(total // 12, total % 12 + 1, 1)
    if re.search(r"\b(now|asap|right away|immediately|this month|today)\b", low):
        return dt.date(today.year, today.month, 1)
    return None
