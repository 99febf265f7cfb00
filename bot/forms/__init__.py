"""What people say to a form's question besides answering it: cancel, start over, skip,
yes or no, or a question of their own.

Both kinds of forms (the handoff's and the roadmap's) read replies here, so "cancel"
or "si" means the same at every question.
"""
