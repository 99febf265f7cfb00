"""Keep each person's profile up to date from every message they send.

The profile is stored with their roadmap progress (bot.roadmap.progress), keyed by
the channel's sender id, so it outlives the conversation, a server restart and a
channel's reconnect. Every action hears the latest message first; what it says
about the person is saved before the reply is written, so the reply already uses it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from bot.profile.model import Profile
from bot.profile.reading import Heard, apply, read
from bot.roadmap.progress import ProgressStore


class ProfileMemory:
    """Read and update the stored profile of each sender."""

    def __init__(self, store: ProgressStore):
        self.store = store

    def profile(self, sender: str) -> Profile:
        return self.store.load(sender).profile

    def tell(self, sender: str, **changes: Any) -> Profile:
        """Save what the person said outright where the words alone would not say it is theirs:
        "ohio", typed while a form asks something else, is where they are."""
        progress = self.store.load(sender).with_profile(**changes)
        self.store.save(progress)
        return progress.profile

    def hear(
        self, sender: str, text: str, entities: Mapping[str, str] | None = None, today: dt.date | None = None
    ) -> tuple[Profile, Heard]:
        """The sender's profile with what `text` says about them (saved when it changed), and that reading."""
        progress = self.store.load(sender)
        heard = read(text, entities, progress.profile, today)
        updated = apply(progress.profile, heard)
        if updated != progress.profile:
            self.store.save(progress.with_profile(**heard.changes))
        return updated, heard
