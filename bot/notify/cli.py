"""`python -m bot.notify digest|retry`: the daily digest, and sending again what did not go.

    python -m bot.notify digest    # open requests to ADVISOR_EMAILS and the Slack webhook (cron, daily)
    python -m bot.notify retry     # every notification not sent yet, now (after fixing the mail server)

Exit status 1 when something could not be sent, so cron mails the output to whoever runs it.
"""

from __future__ import annotations

import argparse
import logging
import sys

from bot.db import get_engine
from bot.settings import load_settings_or_exit


def main(argv: list[str] | None = None) -> int:
    """Run one command; its exit status."""
    parser = argparse.ArgumentParser(prog="python -m bot.notify", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("digest", help="send the open handoff requests to the advisors (run daily)")
    commands.add_parser("retry", help="send every notification that has not gone yet, now")
    args = parser.parse_args(argv)
    settings = load_settings_or_exit()
    logging.basicConfig(level=settings.log_level, format="notify %(levelname)s: %(message)s")
    from bot.notify.deliver import Notifier

    notifier = Notifier(settings, get_engine(settings.database_url))
    if not notifier.kinds:
        print("Notifications are off: set SMTP_URL (with SMTP_FROM and ADVISOR_EMAILS) or HANDOFF_SLACK_WEBHOOK_URL.")
        return 1
    if args.command == "digest":
        count, errors = notifier.digest()
        for error in errors:
            print(f"Not sent: {error}", file=sys.stderr)
        print(
            f"Digest of {count} open request{'s' if count != 1 else ''}" + (" sent." if count else ": nothing to send.")
        )
        return 1 if errors else 0
    done = notifier.deliver_due(due_only=False)
    for error in done.errors:
        print(f"Not sent: {error}", file=sys.stderr)
    print(f"Sent {done.sent}, not sent {done.failed}.")
    return 1 if done.failed else 0
