"""The weekly picture for advisors: volume, fallback rate, what people ask, what went unanswered.

Figures are computed from the same conversations the list shows (the same filters),
and each is drawn as a PNG with matplotlib's object API on the Agg canvas: no
pyplot state shared between requests, no display needed. A period without
conversations draws a chart that says so instead of failing.

What people ask is counted by question topic (the `ask_*` intents, by the knowledge
base's plain title), apart from navigation and small talk ("next", "hi", a form's
answers), which would otherwise fill the list. Answers to a form's questions (a name,
an email address) count as neither a topic nor a fallback. A day without messages
has no point on the fallback chart: a rate of nothing is not 0%.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter
from sqlalchemy.exc import SQLAlchemyError

from bot.kb.queries import KnowledgeBase
from bot.review.logs import FALLBACK_INTENT, ConversationLog, Filters, UserMessage
from bot.review.privacy import mask

#: Inches at DPI: 900 x 510 pixels, shown about 420 px wide in a dashboard column (half size),
#: so a 12 pt label reads as about 12 px; at 8 x 3.6 inches and 8 pt it read as about 6 px.
CHART_SIZE = (6, 3.4)
DPI = 150
BAR_LABEL_CHARS = 32
FONT_SIZE = 12
TITLE_SIZE = 13
#: Intents that are questions about becoming a medical assistant (docs/intents.md); the rest is navigation.
QUESTION_PREFIX = "ask_"
OUT_OF_SCOPE_INTENT = "out_of_scope"
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
    #: Question topics: (intent, plain title, messages), most asked first.
    topics: list[tuple[str, str, int]] = field(default_factory=list)
    #: Navigation and small talk: (intent, messages).
    navigation: list[tuple[str, int]] = field(default_factory=list)
    #: Where each unanswered message was last said: (sender id, event id), in `unanswered`'s order.
    unanswered_at: list[tuple[str, int]] = field(default_factory=list)
    not_understood: int = 0  # fallbacks outside forms
    out_of_scope: int = 0
    form_answers: int = 0


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
    """Per-day volume and fallback rate, question topics, navigation and unanswered messages."""
    filters = filters or Filters()
    messages = log.messages(filters)
    days = _days(messages, filters)
    per_day: dict[dt.date, list[UserMessage]] = {day: [] for day in days}
    for m in messages:
        per_day.setdefault(m.timestamp.date(), []).append(m)
    conversations = [len({m.sender_id for m in per_day[d]}) for d in days]
    volume = [len(per_day[d]) for d in days]
    rate = [sum(m.fallback for m in per_day[d]) / len(per_day[d]) if per_day[d] else 0.0 for d in days]
    asked = [m for m in messages if not m.form_answer]  # a form's answers are read by the form, whatever NLU said
    intents = Counter(m.intent for m in asked if m.intent)
    unanswered: Counter = Counter()
    shown: dict[str, str] = {}
    where: dict[str, tuple[float, str, int]] = {}
    for m in messages:
        if m.fallback and m.text.strip():
            key = _canonical(m.text)
            unanswered[key] += 1
            shown.setdefault(key, mask(" ".join(m.text.split())))
            if key not in where or m.timestamp.timestamp() >= where[key][0]:
                where[key] = (m.timestamp.timestamp(), m.sender_id, m.event_id)
    questions = Counter({i: n for i, n in intents.items() if i.startswith(QUESTION_PREFIX)})
    navigation = Counter(
        {
            i: n
            for i, n in intents.items()
            if not i.startswith(QUESTION_PREFIX) and i not in (FALLBACK_INTENT, OUT_OF_SCOPE_INTENT)
        }
    )
    title = _titles(log)
    most_unanswered = _most_common(unanswered, top)
    return Stats(
        days,
        conversations,
        volume,
        rate,
        _most_common(intents, top),
        [(shown[key], n) for key, n in most_unanswered],
        topics=[(i, title(i), n) for i, n in _most_common(questions, top)],
        navigation=_most_common(navigation, top),
        unanswered_at=[where[key][1:] for key, _ in most_unanswered],
        not_understood=sum(m.fallback for m in messages),
        out_of_scope=intents[OUT_OF_SCOPE_INTENT],
        form_answers=len(messages) - len(asked),
    )


def _titles(log: ConversationLog) -> Callable[[str], str]:
    """The knowledge base's plain title of an intent's topic ("What does the exam cost?"), else the intent."""
    kb = KnowledgeBase(log.app_engine)
    found: dict[str, str] = {}

    def title(intent: str) -> str:
        if intent not in found:
            try:
                found[intent] = kb.title_for_intent(intent) or intent
            except SQLAlchemyError:
                found[intent] = intent
        return found[intent]

    return title


def _most_common(counts: Counter, top: int) -> list[tuple[str, int]]:
    """Highest counts first, ties alphabetically, so the same data always draws the same chart."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[: max(0, top)]


def _plain(label: str) -> str:
    """A bar label cut to length, with "$" escaped so matplotlib never reads user text as math."""
    short = label if len(label) <= BAR_LABEL_CHARS else label[: BAR_LABEL_CHARS - 1] + "…"
    return short.replace("$", r"\$")


def _png(draw: Callable[[Figure], None]) -> bytes:
    from matplotlib import rc_context

    with rc_context({"font.size": FONT_SIZE, "axes.titlesize": TITLE_SIZE, "legend.fontsize": FONT_SIZE}):
        return _drawn(draw)


def _drawn(draw: Callable[[Figure], None]) -> bytes:
    figure = Figure(figsize=CHART_SIZE, dpi=DPI, tight_layout=True)
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
    step = max(1, len(days) // 7)
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
        title = "Fallback rate per day (not understood)"
        if not stats_.days or not any(stats_.messages_per_day):
            return _empty(figure, title)
        axes = figure.add_subplot()
        # A day without messages has no rate: a gap in the line, not a point at 0%.
        rates = [
            rate if messages else float("nan")
            for rate, messages in zip(stats_.fallback_rate_per_day, stats_.messages_per_day, strict=True)
        ]
        axes.plot(range(len(stats_.days)), rates, marker="o", color=COLOURS["fallback"])
        axes.set_ylim(0, max(0.1, max(r for r, n in zip(rates, stats_.messages_per_day, strict=True) if n) * 1.15))
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
        axes.set_yticklabels(labels, fontsize=FONT_SIZE - 1)
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_title(title)

    return draw


def charts(stats_: Stats) -> dict[str, bytes]:
    """PNG bytes of the four dashboard charts: "volume", "fallback", "intents", "unanswered"."""
    if stats_.topics:
        asked, title = [(t, n) for _, t, n in stats_.topics], "Question topics"
    else:  # figures from before topics were counted apart
        asked, title = stats_.top_intents, "Top intents"
    return {
        "volume": _png(_volume(stats_)),
        "fallback": _png(_fallback(stats_)),
        "intents": _png(_bars(asked, title, COLOURS["intents"])),
        "unanswered": _png(_bars(stats_.unanswered, "Most frequent unanswered messages", COLOURS["unanswered"])),
    }
