"""Reading the list's and the dashboard's filters from a query string, forgivingly.

The filters are typed into a form or edited in the address bar; a date that is not
a date or an unknown flag must not break the page. Each bad value is dropped and
named in a message shown above the results, and the rest of the filters apply.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from bot.review.logs import FLAGS, Filters

MAX_TEXT = 200


@dataclass(frozen=True)
class ParsedFilters:
    filters: Filters
    params: dict[str, str]  # what the form shows again, and the paging links carry
    problems: list[str]


def _date(raw: str, label: str, problems: list[str]) -> dt.date | None:
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        problems.append(f"The {label} date {raw!r} is not a date like 2025-03-31; it was ignored.")
        return None


def parse_filters(args: Mapping[str, str]) -> ParsedFilters:
    """Filters from `args` (first values of the query string); never raises."""
    problems: list[str] = []
    raw = {name: (args.get(name) or "").strip() for name in ("from", "to", "channel", "flag", "q")}
    date_from = _date(raw["from"], "from", problems)
    date_to = _date(raw["to"], "to", problems)
    if date_from and date_to and date_from > date_to:
        problems.append(f"The dates were the wrong way round; showing {date_to} to {date_from}.")
        date_from, date_to = date_to, date_from
    flag = raw["flag"] or None
    if flag and flag not in FLAGS:
        problems.append(f"There is no flag {flag!r}; it was ignored.")
        flag = None
    text = raw["q"][:MAX_TEXT] or None
    filters = Filters(date_from=date_from, date_to=date_to, channel=raw["channel"][:64] or None, flag=flag, text=text)
    params = {
        "from": date_from.isoformat() if date_from else "",
        "to": date_to.isoformat() if date_to else "",
        "channel": filters.channel or "",
        "flag": flag or "",
        "q": text or "",
    }
    return ParsedFilters(filters, params, problems)


def positive_int(raw: str | None, default: int = 1) -> int:
    """A page number or page size from the address bar; anything unreadable is `default`."""
    try:
        return max(1, min(int(raw or default), 100_000))
    except ValueError:
        return default
