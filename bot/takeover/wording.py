"""What the person is told when an advisor hands the conversation back to the bot.

Kept here and not in domain.yml: only the takeover ever says it, and a change of wording
in domain.yml would mean retraining the model.
"""

from __future__ import annotations

HANDED_BACK = (
    "The advisor has handed you back to me, the CMA advisor bot. Ask me anything about becoming a "
    "medical assistant, or ask for a person again at any time."
)
#: The longest reply an advisor may send (the same bound as a person's message).
MAX_REPLY_CHARS = 2000
