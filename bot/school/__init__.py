"""The school that runs the advisor: its name, its advisors' office hours and languages, its own programs.

These are the school's facts, not the knowledge base's: they come from `data/school.yml`
(or single values in `.env`), and whatever the school leaves empty the bot says it does
not know, instead of promising a language or a service nobody offered.
"""
