"""`python -m bot.db`: see bot.db.cli."""

import sys

from bot.db.cli import main

sys.exit(main())
