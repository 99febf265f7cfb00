"""What the simulated people say, and a word from each reply that proves it was understood.

Load on a bot that answers every message with its fallback would measure the wrong
thing, so every turn names text the proper reply contains; a reply without it is
counted as "off script" (reported, separately from errors). Wording is taken from
the training data (data/nlu) and the end-to-end tests, as people would type it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Turn:
    message: str
    expect: str  # case-insensitive text the proper reply contains


Conversation = tuple[Turn, ...]

_OUR_FAQ = (
    Turn("hi", "CMA advisor"),
    Turn("do I need the USMLE?", "USMLE"),
    Turn("how long does it take?", "months"),
    Turn("what does it pay?", "median"),
    Turn("what is a CMA", "medical assistant"),
    Turn("how much does the CMA exam cost", "$125"),
    Turn("How often do I renew an RMA?", "every 3 years"),
    Turn("is the medical assistant externship paid", "unpaid"),
)

_IMG_WALK = (
    Turn("walk me through becoming a CMA", "which of these describes you"),
    Turn("I'm a doctor from Egypt", "Which credential"),
    Turn("recommend one for me", "Which state"),
    Turn("Texas", "stepping stone"),
    Turn("a stepping stone to residency", "Step 1 of 6"),
    Turn("next", "Step 2 of 6"),
    Turn("wait, is the externship paid?", "unpaid"),
    Turn("/roadmap_continue", "Step 2 of 6"),
    Turn("next", "Step 3 of 6"),
    Turn("next", "Step 4 of 6"),
    Turn("which step am I on?", "step 4 of 6"),
    Turn("next", "Step 5 of 6"),
    Turn("next", "Step 6 of 6"),
)

_HS_WALK = (
    Turn("hello", "CMA advisor"),
    Turn("can you guide me step by step to become a medical assistant?", "which of these describes you"),
    Turn("I just graduated high school", "Which credential"),
    Turn("the CMA", "Which state"),
    Turn("skip", "Step 1 of"),
    Turn("next", "Step 2 of"),
    Turn("show me the whole plan", "(you are here)"),
    Turn("what does it pay?", "median"),
    Turn("how many questions are on the CMA exam?", "200"),
    Turn("/roadmap_continue", "Step 2 of"),
    Turn("next", "Step 3 of"),
)

#: Ours: FAQ questions and an IMG's roadmap, or a high-school graduate's roadmap with questions.
OURS: list[Conversation] = [
    _OUR_FAQ + _IMG_WALK + (Turn("thanks", "welcome"), Turn("bye", "luck")),
    _HS_WALK + (Turn("thank you so much", "welcome"), Turn("goodbye", "luck")),
]

#: The stock sample bot's own stories and rules (rasa init's data/stories.yml and rules.yml).
BASELINE: list[Conversation] = [
    (
        Turn("hello there", "How are you"),
        Turn("I am feeling very good", "carry on"),
        Turn("are you a bot?", "I am a bot"),
        Turn("bye", "Bye"),
    ),
    (
        Turn("hi", "How are you"),
        Turn("I am sad", "Did that help you"),
        Turn("yes", "carry on"),
        Turn("am I talking to a human?", "I am a bot"),
        Turn("goodbye", "Bye"),
    ),
]
