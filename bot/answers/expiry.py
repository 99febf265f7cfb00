"""The month a credential runs to, worked out from when the person says they earned it.

"when does my cma run out, i got it june 2022" asks for a date, and the renewal answer gives
only a period. Where a source states how long a credential stays current (credentials.yml
`valid_months`, checked against its `validity_fact`), the date is that period added to the
month they name. The line goes before the credential's renewal answer, which states the same
fact and cites its source, so the figure is never left unsourced. Only a year named gives only
a year back, and "unless you have renewed since" stays: we know one date, not their history.
"""

from __future__ import annotations

import calendar
import datetime as dt

from bot.kb.queries import KnowledgeBase

#: Letters whose names start with a vowel sound, for "an" before an abbreviation.
VOWEL_SOUNDING = frozenset("AEFHILMNORSX")


def _when(year: int, month: int | None) -> str:
    return f"{calendar.month_name[month]} {year}" if month else str(year)


def _period(months: int) -> str:
    return f"{months // 12} years" if months % 12 == 0 else f"{months} months"


def runs_to(kb: KnowledgeBase, credential: str, earned: tuple[int, int | None], today: dt.date) -> str | None:
    """One sentence: the month (or year) the credential earned at `earned` comes up for renewal, or None
    when no source gives the credential a validity period (the RMA's renewal is a yearly fee)."""
    cred = kb.credential(credential)
    if cred is None or not cred.valid_months:
        return None
    year, month = earned
    ends_year, ends_month = divmod(year * 12 + (month or 1) - 1 + cred.valid_months, 12)
    ends_month += 1
    name = f"{kb.display_name('credential', credential) or credential.upper()} ({cred.body.upper()})"
    ends = _when(ends_year, ends_month if month else None)
    article = "an" if name[0] in VOWEL_SOUNDING else "a"  # "an NCMA", "a CMA"
    lasts = f"{article} {name} stays current for {_period(cred.valid_months)}"
    if (ends_year, ends_month if month else 12) < (today.year, today.month):
        return (
            f"Earned in {_when(year, month)}: {lasts}, so it came up for renewal in {ends}. If you renewed "
            f"then, count from that date; if not, check its status with {cred.body.upper()} now."
        )
    return f"Earned in {_when(year, month)}: {lasts}, so it runs to {ends}, unless you have renewed since."
