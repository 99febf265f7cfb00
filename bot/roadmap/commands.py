"""The roadmap's navigation commands, and which intent asks for each.

One table for every layer: the Rasa action reads a message's intent as a command,
the turn layer carries out the command, and the buttons ask for one by its
intent's payload. A new command is added here, in domain.yml (its intent) and in
`RoadmapTurns.navigate` (what it does); a test keeps the three in step.
"""

from __future__ import annotations

from typing import Literal

Command = Literal["next", "back", "repeat", "jump", "where", "restart", "overview", "done", "continue", "details"]

#: Intent name -> the command it asks for.
COMMAND_OF_INTENT: dict[str, Command] = {
    "roadmap_next": "next",
    "roadmap_back": "back",
    "roadmap_repeat": "repeat",
    "roadmap_jump": "jump",
    "roadmap_where": "where",
    "roadmap_restart": "restart",
    "roadmap_overview": "overview",
    "roadmap_done": "done",
    "roadmap_continue": "continue",
    # "Tell me more" under a step: its details (why it matters, a tip, a common mistake).
    # Sent only as the button's payload, "/roadmap_details", which Rasa reads without NLU.
    "roadmap_details": "details",
}
#: What any other intent gets: showing the current step again never loses their place.
DEFAULT_COMMAND: Command = "repeat"


def command_for(intent: str | None) -> Command:
    """The command a message classified as `intent` asks for."""
    return COMMAND_OF_INTENT.get(intent or "", DEFAULT_COMMAND)


def payload(command: Command) -> str:
    """The button payload that asks for `command`, e.g. "/roadmap_next"."""
    return "/" + next(intent for intent, said in COMMAND_OF_INTENT.items() if said == command)
