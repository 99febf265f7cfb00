"""`python -m bot.notify`: see bot.notify.cli."""

import sys

from bot.notify.cli import main

sys.exit(main())
