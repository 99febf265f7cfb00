"""Telling advisors a person is waiting: a mail and a Slack post for each new handoff request,
retried until they go, and a daily digest of the open ones.

`config` reads and checks the settings, `compose` writes what is sent, `mail` and `webhook`
send it, `outbox` keeps what is owed and how it went, `deliver` ties them together;
`python -m bot.notify digest|retry` (cli) is what cron runs.
"""
