"""Answers to questions: the knowledge base's text fitted to what was asked.

`reply` picks the variant for the entities named, fills in the figures and adds the
source line; `compare` puts two roles or credentials side by side.
"""
