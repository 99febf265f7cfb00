"""Play written conversations against a running bot and score every turn.

The conversation sets in `tests/conversations/` were written blind: by people who
never saw the training data, the tests or the bot's replies, playing real people
(follow-ups, several questions at once, typos, Spanish). Each turn names what its
reply must do: contain one of some facts (`any`), all of them (`all`), none of
others (`none`), and, for `kind: answer`, be a real answer rather than the bot's
"not sure" or "outside what I can help with" reply. The key facts come from the
fact sheets, so a turn passes only when the bot understood *this* question.

A turn may also name the `topics` a right answer is about (labelled blind, like the
turns, from the list of topics the bot covers). Given the server's API token, every
turn's reply is matched with the topic the bot says it answered (stored with the
reply), and the report counts the failures that answered another topic first: the
confident wrong-topic answers a pass rate alone hides, counted without anyone reading
the set's failures.

`python -m bot.tools.converse tests/conversations/blind_dev.yml` plays a set
against the bot at RASA_URL (default from .env) and writes `reports/<set>.md` and
`.json`; the end-to-end test plays the test set against its own servers.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
import unicodedata
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import yaml

from bot.retrain.loading import api_token
from bot.settings import PROJECT_ROOT, load_settings
from bot.understanding.split import ANSWERED_TOPIC

KINDS = ("answer", "question_back", "person", "declines", "spanish", "form", "cancel")
#: The openings of the bot's own "I did not understand" replies (the KB's fallback and
#: out-of-scope answers, Rasa's utter_default). A reply starting with one is no answer.
NON_ANSWERS = (
    "sorry, i'm not sure i understood",
    "that's outside what i can help with",
    "sorry, i didn't get that",
)


class SetError(ValueError):
    """A conversation set that does not follow the format; says file, conversation, turn and field."""


@dataclass(frozen=True)
class Expect:
    kind: str
    any: tuple[str, ...] = ()
    all: tuple[str, ...] = ()
    none: tuple[str, ...] = ()
    #: The topics (question intents) a right answer is about; empty when not labelled or nothing is asked.
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class Turn:
    user: str
    expect: Expect
    why: str = ""


@dataclass(frozen=True)
class Conversation:
    id: str
    persona: str
    turns: tuple[Turn, ...]


@dataclass
class TurnResult:
    conversation: str
    number: int
    user: str
    reply: str
    kind: str
    problems: list[str] = field(default_factory=list)
    #: The topics the turn's labels name, and the topics the bot's replies answered, in order.
    topics: list[str] = field(default_factory=list)
    answered: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.problems

    @property
    def wrong_topic(self) -> bool:
        """A failure whose first answer is about a topic its labels do not name (a question back, a
        fallback or an unlabelled turn is not)."""
        return not self.passed and bool(self.topics) and bool(self.answered) and self.answered[0] not in self.topics


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        raise SetError(f"{where}: must be a list of strings")
    return tuple(str(v) for v in value)


def _turn(raw: Any, where: str) -> Turn:
    if not isinstance(raw, dict) or not isinstance(raw.get("user"), str) or not raw["user"].strip():
        raise SetError(f"{where}: needs a non-empty `user` message")
    expect = raw.get("expect")
    if not isinstance(expect, dict):
        raise SetError(f"{where}: needs an `expect` mapping")
    kind = expect.get("kind")
    if kind not in KINDS:
        raise SetError(f"{where}, expect.kind: {kind!r} is not one of {', '.join(KINDS)}")
    parsed = Expect(
        kind,
        _strings(expect.get("any"), f"{where}, expect.any"),
        _strings(expect.get("all"), f"{where}, expect.all"),
        _strings(expect.get("none"), f"{where}, expect.none"),
        _strings(expect.get("topics"), f"{where}, expect.topics"),
    )
    return Turn(raw["user"], parsed, str(raw.get("why") or ""))


def read_set(path: Path) -> tuple[str, list[Conversation]]:
    """The set's name and its conversations; a malformed entry raises SetError naming it."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SetError(f"{path}: cannot read: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("conversations"), list):
        raise SetError(f"{path}: needs a `conversations` list")
    conversations, seen = [], set()
    for i, raw in enumerate(data["conversations"], 1):
        cid = raw.get("id") if isinstance(raw, dict) else None
        where = f"{path.name}, conversation {cid or i}"
        if not isinstance(cid, str) or cid in seen:
            raise SetError(f"{where}: needs a unique string `id`")
        seen.add(cid)
        turns = raw.get("turns")
        if not isinstance(turns, list) or not turns:
            raise SetError(f"{where}: needs a non-empty `turns` list")
        parsed = tuple(_turn(t, f"{where}, turn {n}") for n, t in enumerate(turns, 1))
        conversations.append(Conversation(cid, str(raw.get("persona") or ""), parsed))
    return str(data.get("set") or path.stem), conversations


def normalize(text: str) -> str:
    """Lower case, without accents, with one kind of dash and apostrophe and single spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text).replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", text).strip().lower()


def says(said: str, expected: str) -> bool:
    """`expected` occurs in the normalized reply `said` as the start of a word: "RMA" is not found in
    "information" nor "CMA" in "CCMA", while a stem ("certificad") still finds its word."""
    term = normalize(expected)
    if not term:
        return False
    start = r"(?<![a-z0-9])" if term[0].isalnum() else ""
    return re.search(start + re.escape(term), said) is not None


def judge(expect: Expect, reply: str) -> list[str]:
    """What is wrong with `reply` for this expectation (empty: the turn passes)."""
    said = normalize(reply)
    problems = []
    if not said:
        return ["no reply"]
    if expect.kind == "answer" and said.startswith(NON_ANSWERS):
        problems.append("not understood (fallback or out-of-scope reply)")
    if expect.any and not any(says(said, s) for s in expect.any):
        problems.append(f"none of {list(expect.any)}")
    missing = [s for s in expect.all if not says(said, s)]
    if missing:
        problems.append(f"missing {missing}")
    wrong = [s for s in expect.none if says(said, s)]
    if wrong:
        problems.append(f"should not say {wrong}")
    return problems


def reply_text(messages: Sequence[dict[str, Any]]) -> str:
    """What the person read: every message's text, then its buttons' titles."""
    parts = []
    for m in messages:
        if m.get("text"):
            parts.append(str(m["text"]))
        titles = [str(b.get("title", "")) for b in m.get("buttons") or []]
        if titles:
            parts.append("[" + "] [".join(titles) + "]")
    return "\n".join(parts)


async def _answered_topics(session: aiohttp.ClientSession, server: str, sender: str, token: str) -> list[str]:
    """The topic each of the bot's stored replies in this conversation answered ("" where it answered
    none), in order; empty when the tracker cannot be read."""
    url = f"{server}/conversations/{sender}/tracker"
    try:
        async with session.get(url, params={"token": token, "include_events": "ALL"}) as response:
            tracker = await response.json(content_type=None) if response.status == 200 else {}
    except (aiohttp.ClientError, asyncio.TimeoutError, json.JSONDecodeError):
        return []
    events = tracker.get("events") if isinstance(tracker, dict) else None
    return [
        str((e.get("metadata") or {}).get(ANSWERED_TOPIC) or "")
        for e in events or []
        if isinstance(e, dict) and e.get("event") == "bot"
    ]


async def _play(
    session: aiohttp.ClientSession, server: str, conv: Conversation, run: str, token: str | None
) -> list[TurnResult]:
    sender = f"{run}-{conv.id}"
    url = f"{server}/webhooks/rest/webhook"
    results, replies_seen = [], 0
    for n, turn in enumerate(conv.turns, 1):
        status: int | str
        try:
            async with session.post(url, json={"sender": sender, "message": turn.user}) as response:
                messages = await response.json(content_type=None) if response.status == 200 else []
                status = response.status
        except (aiohttp.ClientError, asyncio.TimeoutError, json.JSONDecodeError) as exc:
            messages, status = [], f"{type(exc).__name__}"
        text = reply_text(messages if isinstance(messages, list) else [])
        problems = judge(turn.expect, text) if status == 200 else [f"HTTP {status}"]
        answered: list[str] = []
        if token:
            topics = await _answered_topics(session, server, sender, token)
            answered, replies_seen = [t for t in topics[replies_seen:] if t], max(replies_seen, len(topics))
        results.append(
            TurnResult(conv.id, n, turn.user, text, turn.expect.kind, problems, list(turn.expect.topics), answered)
        )
    return results


async def play_all(
    rasa_url: str, conversations: Sequence[Conversation], parallel: int = 4, token: str | None = None
) -> list[TurnResult]:
    """Play every conversation over the REST webhook, a few at a time, each with its own sender id;
    with the server's API token, also read which topic each reply answered."""
    server = rasa_url.rstrip("/")
    run = uuid.uuid4().hex[:8]
    limit = asyncio.Semaphore(parallel)
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(timeout=timeout) as session:

        async def one(conv: Conversation) -> list[TurnResult]:
            async with limit:
                return await _play(session, server, conv, run, token)

        played = await asyncio.gather(*(one(c) for c in conversations))
    return [r for conv in played for r in conv]


def summary(name: str, results: Sequence[TurnResult]) -> dict[str, Any]:
    """Pass rate overall, by kind and by persona (the id's first word)."""
    by_kind: Counter[str] = Counter()
    by_persona: Counter[str] = Counter()
    passed_kind: Counter[str] = Counter()
    passed_persona: Counter[str] = Counter()
    for r in results:
        persona = r.conversation.split("-")[0]
        by_kind[r.kind] += 1
        by_persona[persona] += 1
        passed_kind[r.kind] += r.passed
        passed_persona[persona] += r.passed
    passed = sum(r.passed for r in results)
    labelled = [r for r in results if not r.passed and r.topics and r.answered]
    return {
        "set": name,
        "turns": len(results),
        "passed": passed,
        "pass_rate": round(passed / len(results), 4) if results else 0.0,
        "by_kind": {k: f"{passed_kind[k]}/{n}" for k, n in sorted(by_kind.items())},
        "by_persona": {k: f"{passed_persona[k]}/{n}" for k, n in sorted(by_persona.items())},
        # failures whose topic can be checked (labelled, and the bot answered a topic), and those answering
        # another topic first
        "topic_checked": len(labelled),
        "wrong_topic": sum(r.wrong_topic for r in labelled),
    }


def write_report(name: str, results: Sequence[TurnResult], reports_dir: Path) -> dict[str, Any]:
    """reports/<name>.json (every turn) and .md (the figures and each failure with its reply)."""
    figures = summary(name, results)
    reports_dir.mkdir(parents=True, exist_ok=True)
    turns = [{**asdict(r), "passed": r.passed} for r in results]
    (reports_dir / f"{name}.json").write_text(json.dumps({**figures, "results": turns}, indent=2))
    lines = [
        f"# {name}: {figures['passed']}/{figures['turns']} turns pass ({figures['pass_rate']:.1%})",
        "",
        "By kind: " + ", ".join(f"{k} {v}" for k, v in figures["by_kind"].items()),
        "",
        "By persona: " + ", ".join(f"{k} {v}" for k, v in figures["by_persona"].items()),
        "",
        f"Wrong topic: {figures['wrong_topic']} of the {figures['topic_checked']} failures that answered a "
        "labelled question answered another topic first.",
        "",
        "## Failures",
    ]
    for r in results:
        if not r.passed:
            reply = r.reply.replace("\n", " ")
            lines += [
                "",
                f"- **{r.conversation} #{r.number}** ({r.kind}): {r.user}",
                f"  - {'; '.join(r.problems)}"
                + (f" (answered {r.answered[0]}, asked {r.topics})" if r.wrong_topic else ""),
                f"  - reply: {reply[:400]}",
            ]
    (reports_dir / f"{name}.md").write_text("\n".join(lines) + "\n")
    return figures


def main(argv: list[str] | None = None) -> int:
    settings = load_settings()
    parser = argparse.ArgumentParser(prog="python -m bot.tools.converse", description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="+", type=Path, help="conversation set files (YAML)")
    parser.add_argument("--url", default=settings.rasa_url, help=f"Rasa server (default {settings.rasa_url})")
    parser.add_argument("--reports", type=Path, default=PROJECT_ROOT / "reports")
    parser.add_argument(
        "--token",
        default=api_token(settings.project_root, settings.var_dir, create=False),
        help="the server's API token, to read which topic each reply answered (default: RASA_API_TOKEN or var/)",
    )
    args = parser.parse_args(argv)
    for path in args.sets:
        try:
            name, conversations = read_set(path)
        except SetError as exc:
            print(exc, file=sys.stderr)
            return 2
        results = asyncio.run(play_all(args.url, conversations, token=args.token))
        figures = write_report(name, results, args.reports)
        print(
            f"{name}: {figures['passed']}/{figures['turns']} turns pass ({figures['pass_rate']:.1%}); "
            f"wrong topic first in {figures['wrong_topic']} of {figures['topic_checked']} checked failures; "
            f"failures in {args.reports / (name + '.md')}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
