"""No answer opens with a bare yes or no.

An answer is sometimes given to a question it was not written for (NLU's best reading was
wrong). One that opens "Usually not." or "Yes." then sounds like a real answer to the
question asked, and misleads: "I don't want to go back to school, is there any way to
get certified?" answered "Yes. A high-school diploma or GED is the first requirement…".
An answer that opens by naming its topic ("A medical degree usually does not count
against you…") is still right when it is the right answer, and plainly about something
else when it is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.kb.catalog import Content
from bot.kb.checks.known import Known
from bot.kb.problems import Place, Problem

#: Openings that answer yes or no without saying to what.
BARE_OPENING = re.compile(
    r"^\W*(yes|no|yep|nope|yeah|sure|not really|usually( not)?|not usually|often|sometimes|it depends|"
    r"part of it(,? usually)?|in most (states|cases)(, (yes|no))?|mostly|absolutely|definitely|of course)\s*[.,:;!—-]",
    re.IGNORECASE,
)


def bare_openings(content: Content, known: Known) -> Iterator[Problem]:
    """Every answer whose first words are a yes or a no that does not say to what."""
    for topic in content.topics:
        for answer in topic.answers:
            match = BARE_OPENING.match(answer.text)
            if match:
                at = Place(content.file_of(topic), f"{topic.key!r} answer {answer.variant!r}")
                yield at.problem(
                    "text",
                    f"opens with a bare {match.group(1)!r}: name what it answers first, so the answer "
                    "still makes sense when it is given to another question",
                )
