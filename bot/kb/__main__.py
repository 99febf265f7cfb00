"""`python -m bot.kb load|check`: load the content into the database, or only validate it."""

from __future__ import annotations

import argparse
import sys

from sqlalchemy.exc import SQLAlchemyError

from bot.db import get_engine
from bot.kb.content import read_content
from bot.kb.loader import load
from bot.kb.problems import ContentError
from bot.settings import load_settings_or_exit, safe_url


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.kb", description=__doc__)
    parser.add_argument("command", choices=["load", "check"])
    parser.add_argument("--force", action="store_true", help="reload even if the content is unchanged")
    args = parser.parse_args(argv)
    settings = load_settings_or_exit()
    try:
        if args.command == "check":
            content = read_content(settings.content_dir)
            print(f"knowledge base content OK: {len(content.facts)} facts, {len(content.topics)} topics")
            return 0
        result = load(get_engine(settings.database_url), settings.content_dir, force=args.force)
    except ContentError as exc:
        print(exc, file=sys.stderr)
        print("The knowledge base was left as it was.", file=sys.stderr)
        return 1
    except SQLAlchemyError as exc:
        print(
            f"database error, nothing was changed: {exc.__class__.__name__}: {exc.orig if hasattr(exc, 'orig') else exc}",
            file=sys.stderr,
        )
        return 1
    if result.loaded:
        summary = ", ".join(f"{n} {t}" for t, n in sorted(result.counts.items()))
        print(f"knowledge base loaded into {safe_url(settings.database_url)}: {summary}")
    else:
        print("knowledge base up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
