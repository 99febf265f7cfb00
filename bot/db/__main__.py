"""`python -m bot.db`: see bot.db.cli."""

import sys

from bot.db.cli import main

if __name__ == "__main__":
    sys.exit(main())
