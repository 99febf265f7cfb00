"""cma-advisor's code, grouped by feature; the Rasa side of each feature is in `actions/`.

Everything that imports Rasa lives in `bot.rasa`; every other package here is plain
Python (testable, and usable by the review tools and scripts, without loading a model),
and tests/test_layout.py keeps it that way.
"""
