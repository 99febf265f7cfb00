"""The weekly picture for advisors: volume, fallback rate, what people ask, what went unanswered.

Figures are computed from the same conversations the list shows (the same filters),
and each is drawn as a PNG with matplotlib's object API on the Agg canvas: no
pyplot state shared between requests, no display needed. A period without
conversations draws a chart that says so instead of failing.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter

from bot.review.logs import ConversationLog, Filters, UserMessage
from bot.review.privacy import mask

CHART_SIZE = (8, 3.6)  # inches, at 100 dpi: fits a console column
BAR_LABEL_CHARS = 48
COLOURS = {
    "conversations": "#2b6cb0",
    "messages": "#9ac1e8",
    "fallback": "#c53030",
    "intents": "#2f855a",
    "unanswered": "#b7791f",
}


@dataclass(frozen=True)
class Stats:
    days: list[dt.date]
    conversations_per_day: list[int]
    messages_per_day: list[int]
    fallback_rate_per_day: list[float]  # fallback user turns / user turns, 0..1
    top_intents: list[tuple[str, int]]
    unanswered: list[tuple[str, int]]  # masked text, count


def _canonical(text: str) -> str:
    """Messages that differ only in case, spacing or end punctuation count as one."""
    return re.sub(r"[\s.!?,;:]+$", "", " ".join(text.split()).lower())


def _days(messages: Sequence[UserMessage], filters: Filters) -> list[dt.date]:
    seen = [m.timestamp.date() for m in messages]
    first = filters.date_from or (min(seen) if seen else None)
    last = filters.date_to or (max(seen) if seen else None)
    if first is None or last is None or first > last:
        return []
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def stats(log: ConversationLog, filters: Filters | None = None, top: int = 10) -> Stats:
    """Per-day volume and fallback rate, the most frequent intents and unanswered messages."""
    filters = filters or Filters()
    messages = log.messages(filters)
    days = _days(messages, filters)
    per_day: dict[dt.date, list[UserMessage]] = {day: [] for day in days}
    for m in messages:
        per_day.setdefault(m.timestamp.date(), []).append(m)
    conversations = [len({m.sender_id for m in per_day[d]}) for d in days]
    volume = [len(per_day[d]) for d in days]
    rate = [sum(m.fallback for m in per_day[d]) / len(per_day[d]) if per_day[d] else 0.0 for d in days]
    intents = Counter(m.intent for m in messages if m.intent)
    unanswered: Counter = Counter()
    shown: dict[str, str] = {}
    for m in messages:
        if m.fallback and m.text.strip():
            key = _canonical(m.text)
            unanswered[key] += 1
            shown.setdefault(key, mask(" ".join(m.text.split())))
    return Stats(
        days,
        conversations,
        volume,
        rate,
        _most_common(intents, top),
        [(shown[key], n) for key, n in _most_common(unanswered, top)],
    )


def _most_common(counts: Counter, top: int) -> list[tuple[str, int]]:
    """Highest counts first, ties alphabetically, so the same data always draws the same chart."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[: max(0, top)]


def _plain(label: str) -> str:
    """A bar label cut to length, with "$" escaped so matplotlib never reads user text as math."""
    short = label if len(label) <= BAR_LABEL_CHARS else label[: BAR_LABEL_CHARS - 1] + "…"
    return short.replace("$", r"\$")


def _png(draw: Callable[[Figure], None]) -> bytes:
    figure = Figure(figsize=CHART_SIZE, dpi=100, tight_layout=True)
    FigureCanvasAgg(figure)
    draw(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _empty(figure: Figure, title: str) -> None:
    axes = figure.add_subplot()
    axes.set_title(title)
    axes.text(
        0.5,
        0.5,
        "No conversations in this period",
        ha="center",
        va="center",
        fontsize=12,
        color="#555555",
        transform=axes.transAxes,
    )
    axes.set_axis_off()


def _date_axis(axes, days: list[dt.date]) -> None:
    step = max(1, len(days) // 10)
    ticks = list(range(0, len(days), step))
    axes.set_xticks(ticks)
    axes.set_xticklabels([days[i].strftime("%b %d") for i in ticks], rotation=30, ha="right")
    axes.set_xlim(-0.6, len(days) - 0.4)


def _volume(stats_: Stats) -> Callable[[Figure], None]:
    def draw(figure: Figure) -> None:
        title = "Conversations and messages per day"
        if not stats_.days or not any(stats_.messages_per_day):
            return _empty(figure, title)
        axes = figure.add_subplot()
        x = range(len(stats_.days))
        axes.bar(
            [i - 0.2 for i in x],
            stats_.conversations_per_day,
            width=0.4,
            label="conversations",
            color=COLOURS["conversations"],
        )
        axes.bar(
            [i + 0.2 for i in x], stats_.messages_per_day, width=0.4, label="user messages", color=COLOURS["messages"]
        )
        axes.set_title(title)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.legend(loc="upper left", frameon=False)
        _date_axis(axes, stats_.days)

    return draw


def _fallback(stats_: Stats) -> Callable[[Figure], None]:
    def draw(figure: Figure) -> None:
        title = "Fallback rate per day (messages the bot did not understand)"
        if not stats_.days or not any(stats_.messages_per_day):
            return _empty(figure, title)
        axes = figure.add_subplot()
        axes.plot(range(len(stats_.days)), stats_.fallback_rate_per_day, marker="o", color=COLOURS["fallback"])
        axes.set_ylim(0, max(0.1, max(stats_.fallback_rate_per_day) * 1.15))
        axes.yaxis.set_major_formatter(PercentFormatter(1.0))
        axes.set_title(title)
        axes.grid(axis="y", alpha=0.3)
        _date_axis(axes, stats_.days)

    return draw


def _bars(pairs: list[tuple[str, int]], title: str, colour: str) -> Callable[[Figure], None]:
    def draw(figure: Figure) -> None:
        if not pairs:
            return _empty(figure, title)
        axes = figure.add_subplot()
        labels = [_plain(p[0]) for p in pairs]
        positions = list(range(len(pairs)))[::-1]  # the most frequent on top
        axes.barh(positions, [p[1] for p in pairs], color=colour)
        axes.set_yticks(positions)
        axes.set_yticklabels(labels, fontsize=8)
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_title(title)

    return draw


def charts(stats_: Stats) -> dict[str, bytes]:
    """PNG bytes of the four dashboard charts: "volume", "fallback", "intents", "unanswered"."""
    return {
        "volume": _png(_volume(stats_)),
        "fallback": _png(_fallback(stats_)),
        "intents": _png(_bars(stats_.top_intents, "Top intents", COLOURS["intents"])),
        "unanswered": _png(_bars(stats_.unanswered, "Most frequent unanswered messages", COLOURS["unanswered"])),
    }
