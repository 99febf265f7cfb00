"""Chat with a running bot in the terminal (`make chat`; `make run` opens it too).

This is Rasa's own console client, the one `rasa shell` uses, pointed at our
server's REST webhook instead of loading a second copy of the model.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys

from bot.rasa import require_supported
from bot.settings import load_settings_or_exit


def chat(server_url: str, sender: str) -> None:
    """Run the console until /stop, Ctrl-C or Ctrl-D; returns quietly in each case."""
    require_supported("the terminal chat (Rasa's console client)")
    from rasa.core.channels.console import record_messages

    try:
        asyncio.run(record_messages(sender, server_url=server_url))
    except (KeyboardInterrupt, EOFError):
        pass
    except AttributeError as exc:
        # Rasa 3.6 defect: Ctrl-C while a button menu is open makes questionary return
        # None, and rasa.cli.utils.payload_from_button_question calls None.rfind().
        if not _raised_in(exc, "payload_from_button_question"):
            raise


def _raised_in(exc: BaseException, function: str) -> bool:
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_name == function:
            return True
        tb = tb.tb_next
    return False


def main(argv: list[str] | None = None) -> int:
    settings = load_settings_or_exit()
    parser = argparse.ArgumentParser(prog="python -m bot.rasa.chat", description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=settings.rasa_url, help=f"Rasa server (default {settings.rasa_url})")
    parser.add_argument(
        "--sender",
        default=f"terminal-{getpass.getuser()}",
        help="conversation id; the same id continues the same conversation",
    )
    args = parser.parse_args(argv)
    try:
        chat(args.url, args.sender)
    except OSError as exc:  # aiohttp's ClientConnectorError is an OSError
        print(f"Cannot reach the bot at {args.url} ({exc}). Is it running? Start it with `make run`.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
