"""What the actions share: one knowledge base per action server, and the roadmap turns over it.

Every action module imports these from here rather than from each other, so no
action module depends on another.
"""

from __future__ import annotations

from functools import lru_cache

from bot.db import get_engine
from bot.kb.queries import KnowledgeBase
from bot.roadmap.progress import ProgressStore
from bot.roadmap.turns import RoadmapTurns
from bot.settings import load_settings


@lru_cache(maxsize=1)
def knowledge_base() -> KnowledgeBase:
    """The action server's knowledge base, remembering its reads (see `fresh_knowledge_base`)."""
    return KnowledgeBase(get_engine(load_settings().database_url), remember=True)


def fresh_knowledge_base() -> KnowledgeBase:
    """The knowledge base, its remembered reads dropped if the content was reloaded since."""
    kb = knowledge_base()
    kb.refresh()
    return kb


def turns() -> RoadmapTurns:
    """The roadmap turns over the fresh knowledge base, with progress kept in its database."""
    return _turns(fresh_knowledge_base())


@lru_cache(maxsize=1)
def _turns(kb: KnowledgeBase) -> RoadmapTurns:
    return RoadmapTurns(kb, ProgressStore(kb.engine))
