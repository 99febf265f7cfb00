"""`python -m bot.console`: serve the advisor console on CONSOLE_HOST:CONSOLE_PORT.

`python -m bot.console add-advisor EMAIL` creates an account, the same command as
`python -m bot.review add-advisor`; `disable-advisor EMAIL` locks one and ends its sessions. `make run` starts the console under honcho
(the Procfile's `console:` line); this entry point is also how it runs alone.
"""

from __future__ import annotations

import argparse
import logging
import sys

from bot.settings import SettingsError, load_settings


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["add-advisor"]:
        from bot.console.accounts import main_add_advisor

        return main_add_advisor(argv[1:])
    if argv[:1] == ["disable-advisor"]:
        from bot.console.accounts import main_disable_advisor

        return main_disable_advisor(argv[1:])
    parser = argparse.ArgumentParser(
        prog="python -m bot.console",
        description=__doc__.splitlines()[0],
        epilog="Create an account first: python -m bot.console add-advisor EMAIL",
    )
    parser.parse_args(argv)
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"Configuration: {exc}", file=sys.stderr)
        return 1
    logging.basicConfig(level=settings.log_level, format="console %(levelname)s %(name)s: %(message)s")
    from bot.console.app import create_app
    from bot.console.handoff_views import retry_notifications

    app = create_app(settings)
    if app.ctx.notifier.kinds:  # notifications that could not go are sent again from here
        app.add_task(retry_notifications(app))
    print(f"Advisor console on {settings.console_url}/", flush=True)
    app.run(host=settings.console_host, port=settings.console_port, access_log=False, motd=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
