"""Names that must be unique: keys within a kind, the names people use, credential orders, intents."""

from __future__ import annotations

from collections.abc import Iterator

from bot.kb.catalog import LIST_NAMES, Content
from bot.kb.checks.known import Known
from bot.kb.problems import Problem
from bot.kb.records import Topic


def duplicate_keys(content: Content, known: Known) -> Iterator[Problem]:
    """A key used twice in one kind (perhaps in two files of it) is reported where it comes second."""
    for list_name in LIST_NAMES:
        first: dict[str, object] = {}
        for item in content.records(list_name):
            if item.key in first:
                where = content.file_of(first[item.key])
                yield Problem(content.file_of(item), repr(item.key), "key", f"duplicate key, first used in {where}")
            first.setdefault(item.key, item)


def shared_names(content: Content, known: Known) -> Iterator[Problem]:
    """A name, abbreviation or alias may stand for one entity only, or the bot could not tell which is meant."""
    owners: dict[str, str] = {}
    for _kind, item in content.named():
        for alias in [item.name, item.abbreviation, *item.aliases]:
            if not alias:
                continue
            owner = owners.setdefault(alias.lower(), item.key)
            if owner != item.key:
                yield Problem(content.file_of(item), repr(item.key), "aliases", f"{alias!r} already names {owner!r}")


def shared_orders(content: Content, known: Known) -> Iterator[Problem]:
    """Two credentials with one order would make the display and the recommendation arbitrary."""
    orders: dict[int, str] = {}
    for cred in content.credentials:
        first = orders.setdefault(cred.order, cred.key)
        if first != cred.key:
            message = f"order {cred.order} is already used by {first!r}"
            yield Problem(content.file_of(cred), repr(cred.key), "order", message)


def shared_intents(content: Content, known: Known) -> Iterator[Problem]:
    """An intent leads to one topic; a second topic routed from it would never be answered."""
    routed: dict[str, Topic] = {}
    for topic in content.topics:
        for intent in topic.intents:
            first = routed.setdefault(intent, topic)
            if first is not topic:
                message = f"intent {intent!r} is already routed to {first.key!r}"
                yield Problem(content.file_of(topic), repr(topic.key), "intents", message)
