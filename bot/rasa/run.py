"""`python -m bot.rasa.run run ...`: Rasa's own command line, with our fixes to its per-message costs.

The Procfile starts the Rasa server through this module instead of the `rasa` script
so that bot.rasa.speedups (per-message costs), bot.rasa.offload (NLU and policies off
the event loop), bot.rasa.story_reading (a long story read by its question) and
bot.rasa.hardening (400 for requests it cannot read) are in place
before the model loads; every argument is passed to Rasa unchanged.
"""

from __future__ import annotations

import sys

from bot.rasa import hardening, offload, speedups, story_reading


def main() -> None:
    speedups.apply()
    offload.apply()
    story_reading.apply()
    hardening.apply()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
