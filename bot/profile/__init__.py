"""One profile per person: what they told us about themselves, in any turn, in their own words.

`model` holds the Profile every answer, eligibility check, plan and timeline reads;
`reading` finds profile facts in a free-text message ("army medic, finished 68W 6
years ago", "actually I'm in Ohio"); `describe` says it back in one phrase.
Plain Python: no Rasa, no database (the roadmap's progress store keeps it).
"""

from bot.profile.model import BACKGROUNDS, EDUCATIONS, PACES, Education, Profile

__all__ = ["BACKGROUNDS", "EDUCATIONS", "PACES", "Education", "Profile"]
