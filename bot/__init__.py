"""cma-advisor domain code: knowledge base, answers, NLP pipeline build, settings.

Nothing in this package imports Rasa, so the logic can be tested and reused
(actions, review tools, scripts) without loading a model.
"""
