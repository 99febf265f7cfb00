"""The console's review operations from a terminal: `python -m bot.review list|inbox|show|export|purge|add-advisor|disable-advisor|set-role`.

For a server without a browser, for scripts (a weekly export, a nightly purge from
cron) and for the first advisor account. Settings come from `.env` like everything
else. Bad arguments end with one sentence and exit code 2; a database that cannot be
read ends with one sentence and exit code 1; never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from sqlalchemy.exc import SQLAlchemyError

from bot.db import get_engine
from bot.review.annotations import AnnotationStore
from bot.review.export import nlu_yaml
from bot.review.inbox import REASON_LABELS, REASONS, SORTS, inbox
from bot.review.logs import FLAGS, ConversationLog, Filters, Turn
from bot.review.purge import purge
from bot.settings import Settings, SettingsError, load_settings


class UsageError(Exception):
    """A bad argument: reported in one sentence with exit code 2."""


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2026-03-31") from None


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of 1 or more")
    return number


class _Parser(argparse.ArgumentParser):
    def error(
        self, message: str
    ) -> NoReturn:  # one sentence and exit code 2, as argparse does, without the usage block
        self.exit(2, f"{self.prog}: {message}. See --help.\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m bot.review", description="Review the bot's conversations.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True
    listing = commands.add_parser("list", help="list conversations, most recent first")
    listing.add_argument("--flag", choices=FLAGS, help="only conversations with this flag")
    listing.add_argument("--channel", help="only this channel (rest, socketio, slack, telegram, ...)")
    listing.add_argument("--since", type=_date, metavar="DATE", help="active on or after this UTC date")
    listing.add_argument("--until", type=_date, metavar="DATE", help="active on or before this UTC date")
    listing.add_argument("--search", metavar="TEXT", help="text in what the person or the bot said")
    listing.add_argument("--page", type=_positive, default=1)
    listing.add_argument("--per-page", type=_positive, default=25)
    box = commands.add_parser("inbox", help="where the bot fell short, grouped by message (as the console's inbox)")
    box.add_argument("--reason", choices=REASONS, help="only messages that are there for this reason")
    box.add_argument("--sort", choices=SORTS, default=SORTS[0], help="most frequent (default) or most recent first")
    box.add_argument("--channel", help="only this channel")
    box.add_argument("--since", type=_date, metavar="DATE", help="said on or after this UTC date")
    box.add_argument("--until", type=_date, metavar="DATE", help="said on or before this UTC date")
    box.add_argument("--limit", type=_positive, default=50, help="at most this many messages (default 50)")
    show = commands.add_parser("show", help="a conversation's transcript with intents and confidence")
    show.add_argument("sender", help="the conversation's sender id (from `list`)")
    show.add_argument("--reveal", action="store_true", help="show emails and phone numbers unmasked")
    export = commands.add_parser("export", help="annotations as Rasa NLU training data (masked)")
    export.add_argument("-o", "--output", type=Path, help="write to this file instead of standard output")
    cleanup = commands.add_parser("purge", help="delete conversations older than the retention period")
    cleanup.add_argument("--days", type=_positive, help="retention in days (default: RETENTION_DAYS from .env)")
    cleanup.add_argument("--dry-run", action="store_true", help="only count what would be deleted")
    commands.add_parser(
        "add-advisor", help="create a console account (EMAIL [--password-stdin] [--reset-password])", add_help=False
    )
    commands.add_parser(
        "disable-advisor", help="lock a console account and end its sessions at once (EMAIL)", add_help=False
    )
    commands.add_parser("set-role", help="make an account an advisor or an admin (EMAIL ROLE)", add_help=False)
    return parser


def _log(settings: Settings) -> ConversationLog:
    return ConversationLog(settings.tracker_store_url, settings.database_url, settings.review_low_confidence)


def _when(stamp: dt.datetime) -> str:
    return stamp.strftime("%Y-%m-%d %H:%M")


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def cmd_list(args: argparse.Namespace, settings: Settings) -> int:
    try:
        filters = Filters(args.since, args.until, args.channel, args.flag, args.search)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    page = _log(settings).conversations(filters, args.page, args.per_page)
    if not page.total:
        print("No conversations match.")
        return 0
    print(f"{'last message':16}  {'channel':9} {'turns':>5}  {'flags':28} {'sender':24} first message")
    for c in page.items:
        print(
            f"{_when(c.last_at):16}  {c.channel or '?':9} {c.turns:>5}  {','.join(sorted(c.flags)) or '-':28} "
            f"{_short(c.sender_id, 24):24} {_short(c.first_message, 60)}"
        )
    print(f"Page {page.page} of {page.pages} ({page.total} conversation{'s' if page.total != 1 else ''}).")
    return 0


def cmd_inbox(args: argparse.Namespace, settings: Settings) -> int:
    try:
        filters = Filters(args.since, args.until, args.channel)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    entries = inbox(_log(settings), filters, reason=args.reason, sort=args.sort)
    if not entries:
        print("Nothing went wrong with these filters.")
        return 0
    print(f"{'times':>5}  {'last':16}  {'why':34} {'open':30} message")
    for e in entries[: args.limit]:
        why = ", ".join(REASON_LABELS[r] for r, _ in e.reasons)
        where = f"{e.latest.sender_id}#{e.latest.event_id}"
        print(f"{e.count:>5}  {_when(e.last_at):16}  {_short(why, 34):34} {_short(where, 30):30} {_short(e.text, 70)}")
    shown = min(len(entries), args.limit)
    print(f"{shown} of {len(entries)} message{'s' if len(entries) != 1 else ''}; `show SENDER` opens one.")
    return 0


def _turn_lines(turn: Turn) -> list[str]:
    who = "User" if turn.kind == "user" else "Bot "
    text = turn.text.splitlines() or [""]
    lines = [f"{turn.timestamp:%H:%M:%S} {who}: {text[0]}"] + [f"{'':15}{line}" for line in text[1:]]
    if turn.buttons:
        lines.append(f"{'':15}[{'] ['.join(turn.buttons)}]")
    if turn.kind == "user":
        confidence = "?" if turn.confidence is None else f"{turn.confidence:.2f}"
        marks = [m for m, on in (("FALLBACK", turn.fallback), ("LOW CONFIDENCE", turn.low_confidence)) if on]
        detail = f"intent {turn.intent or '?'} ({confidence})"
        if turn.entities:
            detail += "; entities " + ", ".join(f"{kind}={value}" for kind, value in turn.entities)
        if turn.payload:  # a tapped button: `text` is its title
            detail += f"; sent {turn.payload}"
        lines.append(f"{'':15}-> {detail}{'  ' + ', '.join(marks) if marks else ''}")
        if turn.annotation:
            a = turn.annotation
            label = "out of scope" if a.out_of_scope else (a.intent or "no intent")
            lines.append(f"{'':15}annotated by {a.by}: {label}{'; ' + a.note if a.note else ''}")
    return lines


def cmd_show(args: argparse.Namespace, settings: Settings) -> int:
    found = _log(settings).transcript(args.sender, reveal=args.reveal)
    if found is None:
        print(
            f"No conversation with sender id {args.sender!r}. `python -m bot.review list` shows them.", file=sys.stderr
        )
        return 1
    summary, turns = found
    print(
        f"Conversation {summary.sender_id} on {summary.channel or 'an unknown channel'}, "
        f"{_when(summary.started_at)} to {_when(summary.last_at)} UTC, {summary.turns} user messages"
    )
    about = [
        f"background {summary.background}" if summary.background else "",
        f"roadmap step {summary.roadmap_step}" if summary.roadmap_step else "",
        f"flags {', '.join(sorted(summary.flags))}" if summary.flags else "",
    ]
    if any(about):
        print("; ".join(a for a in about if a))
    for turn in turns:
        print("\n".join(_turn_lines(turn)))
    return 0


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    annotations = AnnotationStore(get_engine(settings.database_url)).all()
    text = nlu_yaml(annotations, masked=True)
    if args.output:
        try:
            args.output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write {args.output}: {exc.strerror or exc}") from None
        print(f"Wrote {args.output} from {len(annotations)} annotation(s).", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def cmd_purge(args: argparse.Namespace, settings: Settings) -> int:
    days = args.days or settings.retention_days
    result = purge(settings.tracker_store_url, settings.database_url, days, dry_run=args.dry_run)
    verb = "Would delete" if args.dry_run else "Deleted"
    print(
        f"{verb} {result.conversations} conversation(s) with no activity for {days} days: "
        f"{result.events} events, {result.annotations} annotations, {result.handoff_requests} handoff requests, "
        f"{result.roadmap_progress} roadmap progress records."
    )
    return 0


COMMANDS = {"list": cmd_list, "inbox": cmd_inbox, "show": cmd_show, "export": cmd_export, "purge": cmd_purge}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "add-advisor":  # its own options live with the accounts (bot.console.accounts)
        from bot.console.accounts import main_add_advisor

        return main_add_advisor(argv[1:])
    if argv and argv[0] == "disable-advisor":
        from bot.console.accounts import main_disable_advisor

        return main_disable_advisor(argv[1:])
    if argv and argv[0] == "set-role":
        from bot.console.accounts import main_set_role

        return main_set_role(argv[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args, load_settings())
    except UsageError as exc:
        print(f"{parser.prog} {args.command}: {exc}", file=sys.stderr)
        return 2
    except SettingsError as exc:
        print(f"{parser.prog}: .env is not usable: {exc}", file=sys.stderr)
        return 1
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        print(
            f"{parser.prog} {args.command}: the conversation or app database cannot be read ({reason}).",
            file=sys.stderr,
        )
        return 1
    except BrokenPipeError:  # `... | head` stopped reading: not an error worth a traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
