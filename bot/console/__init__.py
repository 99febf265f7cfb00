"""The advisor console: a small signed-in web app over the conversation logs.

Advisors use it weekly to read what people asked, see where the bot failed, answer
handoff requests and turn the bot's misses into training data. The data comes from
`bot.review` (the tracker store read-only, annotations app-side) and
`bot.handoff.store`; this package only adds the web side: accounts, sessions, CSRF,
the sign-in rate limit, pages and charts.
"""
