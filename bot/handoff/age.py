"""How long a request has been waiting, as an advisor reads it at a glance ("3 h", "2 days").

The queue, the notification mail and the daily digest all say it the same way, so an
advisor who sees "waiting 3 h" in a mail finds the same words on the card.
"""

from __future__ import annotations

import datetime as dt

from bot.db import as_utc


def waiting(since: dt.datetime, now: dt.datetime) -> str:
    """The time from `since` to `now`, rounded down to its largest sensible unit."""
    seconds = max(0, int((as_utc(now) - as_utc(since)).total_seconds()))
    minutes, hours, days = seconds // 60, seconds // 3600, seconds // 86400
    if minutes < 1:
        return "under a minute"
    if hours < 1:
        return f"{minutes} min"
    if hours < 48:
        return f"{hours} h"
    return f"{days} days"
