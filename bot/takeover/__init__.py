"""An advisor taking a conversation over from the bot, replying in the person's own chat, and
handing it back.

`store` records who holds which conversation (the bot stays silent while one is held);
`relay` is how the console, a separate process, asks the Rasa server to say something in
the person's channel and keep it in the conversation; `wording` is what the person is told.
"""
