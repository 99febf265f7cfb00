"""What advisors are sent: the mail and the Slack post for a new request, and the daily digest.

Each names the person, how to reach them, the channel they wrote on (in words: "website
chat", not "socketio") and how long they have waited, and links to the conversation and the
queue in the console. What the person wrote when they asked is masked as in the console;
the contact they gave for this purpose is shown in full, as the queue shows it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any
from urllib.parse import quote

from bot.handoff.age import waiting
from bot.handoff.store import HandoffRequest
from bot.review.privacy import mask

#: Channel names as advisors say them.
CHANNEL_NAMES = {
    "socketio": "website chat",
    "slack": "Slack",
    "telegram": "Telegram",
    "rest": "the REST API",
    "cmdline": "the terminal chat",
}
#: Slack's mrkdwn: these three must be escaped in any text a person chose.
_SLACK_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def channel_name(channel: str) -> str:
    """A channel as advisors say it; an unknown one as it is, an empty one as "an unknown channel"."""
    return CHANNEL_NAMES.get(channel, channel) or "an unknown channel"


def _line(text: str) -> str:
    """One line of text: a name or contact cannot break a header or the layout."""
    return re.sub(r"\s+", " ", text or "").strip()


def _slack(text: str) -> str:
    return "".join(_SLACK_ESCAPES.get(ch, ch) for ch in text)


@dataclass(frozen=True)
class Links:
    """Where the console is, as advisors reach it; builds the links in what is sent."""

    console: str

    def conversation(self, sender_id: str) -> str:
        return f"{self.console.rstrip('/')}/c/{quote(sender_id, safe='')}"

    def request(self, request: HandoffRequest) -> str:
        return f"{self.console.rstrip('/')}/handoff#request-{request.id}"

    def queue(self) -> str:
        return f"{self.console.rstrip('/')}/handoff"


def request_mail(request: HandoffRequest, links: Links, sender: str, recipients: Sequence[str]) -> EmailMessage:
    """The mail for one new request."""
    name, contact = _line(request.name), _line(request.contact)
    said = _line(mask(request.message))
    mail = EmailMessage()
    mail["Subject"] = f"{name} asked for an advisor ({channel_name(request.channel)})"
    mail["From"] = sender
    mail["To"] = ", ".join(recipients)
    lines = [
        f"{name} asked to talk to an advisor.",
        "",
        f"Contact: {contact}",
        f"Channel: {channel_name(request.channel)}",
        f"Asked at: {request.created_at:%Y-%m-%d %H:%M} UTC",
    ]
    if said:
        lines.append(f'They wrote: "{said}"')
    lines += [
        "",
        f"Open the conversation: {links.conversation(request.sender_id)}",
        f"The handoff queue: {links.request(request)}",
        "",
        "From the conversation you can take it over and reply in their own chat.",
    ]
    mail.set_content("\n".join(lines) + "\n")
    return mail


def request_post(request: HandoffRequest, links: Links) -> dict[str, Any]:
    """The Slack incoming-webhook body for one new request (plain `text`, mrkdwn)."""
    name, contact = _slack(_line(request.name)), _slack(_line(request.contact))
    said = _slack(_line(mask(request.message)))
    text = (
        f"*{name}* asked for an advisor on {channel_name(request.channel)}.\n"
        f"Contact: {contact}\n"
        + (f"They wrote: “{said}”\n" if said else "")
        + f"<{links.conversation(request.sender_id)}"
        f"|Open the conversation> · <{links.request(request)}|The handoff queue>"
    )
    return {"text": text, "unfurl_links": False}


def _digest_lines(requests: Sequence[HandoffRequest], now: dt.datetime, links: Links) -> list[str]:
    return [
        f"- {_line(r.name)}, {_line(r.contact)}, {channel_name(r.channel)}, waiting {waiting(r.created_at, now)}: "
        f"{links.conversation(r.sender_id)}"
        for r in requests
    ]


def digest_subject(requests: Sequence[HandoffRequest], now: dt.datetime) -> str:
    oldest = min(r.created_at for r in requests)
    people = "1 person is" if len(requests) == 1 else f"{len(requests)} people are"
    return f"{people} waiting for an advisor (the longest for {waiting(oldest, now)})"


def digest_mail(
    requests: Sequence[HandoffRequest], now: dt.datetime, links: Links, sender: str, recipients: Sequence[str]
) -> EmailMessage:
    """The daily digest of open requests, oldest first."""
    ordered = sorted(requests, key=lambda r: r.created_at)
    mail = EmailMessage()
    mail["Subject"] = digest_subject(ordered, now)
    mail["From"] = sender
    mail["To"] = ", ".join(recipients)
    body = [f"Open requests for an advisor on {now:%Y-%m-%d}, oldest first:", ""]
    body += _digest_lines(ordered, now, links)
    body += ["", f"The handoff queue: {links.queue()}"]
    mail.set_content("\n".join(body) + "\n")
    return mail


def digest_post(requests: Sequence[HandoffRequest], now: dt.datetime, links: Links) -> dict[str, Any]:
    """The daily digest as a Slack post."""
    ordered = sorted(requests, key=lambda r: r.created_at)
    lines = [
        f"• *{_slack(_line(r.name))}*, {_slack(_line(r.contact))}, {channel_name(r.channel)}, "
        f"waiting {waiting(r.created_at, now)}: <{links.conversation(r.sender_id)}|conversation>"
        for r in ordered
    ]
    text = f"{_slack(digest_subject(ordered, now))}:\n" + "\n".join(lines) + f"\n<{links.queue()}|The handoff queue>"
    return {"text": text, "unfurl_links": False}
