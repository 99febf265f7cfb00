"""Conversation review: what the advisor console and `python -m bot.review` read and keep.

Conversations come from Rasa's tracker store (logs), with flags for where the bot fell
short; advisors' annotations and reviewed marks (annotations), their export as NLU
training data (export), the dashboard's figures (dashboard), masking of emails and
phone numbers (privacy) and the retention purge (purge).

Nothing here imports Rasa or web code: the tracker store's `events` table is read with
SQLAlchemy, so the console starts in a second, works on a copy of the database as well
as on the live one, and it does not lean on Rasa's internals, which change between versions.
"""
