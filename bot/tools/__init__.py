"""Command-line tools a developer runs: start everything, train, build the spaCy pipeline,
score the NLU, benchmark. None of them is imported by the running bot.
"""
