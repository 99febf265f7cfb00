"""Project connectors for Slack and Telegram: small subclasses of Rasa 3.6's own.

`bot.rasa.channels.slack.SlackInput` and `bot.rasa.channels.telegram.TelegramInput` are named
in the credentials file that `bot.rasa.channels.config.write_credentials` writes from
`.env`. Both send a reply as one message (Rasa's split every paragraph into its own
message), split only where a service's length limit requires it, so nothing is cut.
"""

from __future__ import annotations

from collections.abc import Callable

SEPARATORS = ("\n\n", "\n", " ")


def split_text(text: str, limit: int, measure: Callable[[str], int] = len) -> list[str]:
    """Split `text` into pieces of at most `limit` (by `measure`), nothing dropped.

    Cuts at a paragraph break if one is in the second half of the allowed span, else
    at a line break, else between words, else (a very long word) anywhere. Only the
    whitespace at a cut is lost, so the pieces joined with "\n" read as the original.
    """
    text = text.strip()
    pieces: list[str] = []
    while measure(text) > limit:
        # The longest prefix that fits (binary search: `measure` need not be len).
        lo, hi = 1, len(text)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if measure(text[:mid]) <= limit:
                lo = mid
            else:
                hi = mid - 1
        fits = lo
        cut = fits
        for separator in SEPARATORS:
            at = text.rfind(separator, 0, fits + 1)
            if at > fits // 2:
                cut = at
                break
        head, text = text[:cut].rstrip(), text[cut:].strip()
        if head:
            pieces.append(head)
    if text:
        pieces.append(text)
    return pieces


def utf16_len(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2
