"""Understanding people as they write: follow-ups, several questions at once, other languages.

Plain Python over what NLU returned (intent, confidence, ranking, entities, text) and
what the conversation was about so far; the answer action and the channels call it.
`context` carries the topic and the things named from turn to turn, `split` cuts a
message holding several questions into one message each, `guesses` turns an unsure
reading into buttons, and `language` spots a message that is not in English.
"""
