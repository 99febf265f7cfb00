"""Chat with a running bot in the terminal (`make chat`; `make run` opens it too).

This is Rasa's own console client, the one `rasa shell` uses, pointed at our
server's REST webhook instead of loading a second copy of the model.
"""
from __future__ import annotations

import argparse
import asyncio
import getpass
import sys

from bot.settings import load_settings


def chat(server_url: str, sender: str) -> None:
    from rasa.core.channels.console import record_messages

    asyncio.run(record_messages(sender, server_url=server_url))


def main(argv: list[str] | None = None) -> int:
    settings = load_settings()
    parser = argparse.ArgumentParser(prog="python -m bot.chat", description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=settings.rasa_url, help=f"Rasa server (default {settings.rasa_url})")
    parser.add_argument("--sender", default=f"terminal-{getpass.getuser()}",
                        help="conversation id; the same id continues the same conversation")
    args = parser.parse_args(argv)
    try:
        chat(args.url, args.sender)
    except KeyboardInterrupt:
        pass
    except OSError as exc:  # aiohttp's ClientConnectorError is an OSError
        print(f"Cannot reach the bot at {args.url} ({exc}). Is it running? Start it with `make run`.",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
