"""The advisor console's review layer (bot.review) reading conversations that two Rasa
servers kept in PostgreSQL, as one console does for the whole deployment."""

from __future__ import annotations

import datetime as dt

from bot.review.logs import ConversationLog, Filters
from bot.review.purge import purge
from tests.e2e import say
from tests.scale.conversation import WALK_THROUGH, Server, text_of


def test_the_review_layer_reads_a_conversation_held_on_both_servers(cluster):
    sender = "scale-review"
    servers = [Server(url) for url in cluster.rasa_urls]
    walk = WALK_THROUGH[:6]  # the three questions and steps 1 and 2
    for n, (message, expected) in enumerate(walk):
        assert expected in text_of(say(servers[n % 2], sender, message, timeout=60)), message

    log = ConversationLog(cluster.tracker_url, cluster.kb_url)
    summary, turns = log.transcript(sender)
    assert summary.turns == len(walk) and summary.roadmap_step == "2 of 6"
    assert [t.text for t in turns if t.kind == "user"] == [m for m, _ in walk]
    assert sender in [c.sender_id for c in log.conversations(Filters(text="stepping stone")).items]

    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=400)
    counted = purge(cluster.tracker_url, cluster.kb_url, 365, dry_run=True, now=later)
    assert counted.conversations >= 1 and counted.events >= 2 * len(walk)
    assert log.transcript(sender) is not None, "a dry run deletes nothing"
