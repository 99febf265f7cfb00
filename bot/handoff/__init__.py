"""Requests for a person: the stored queue advisors work through, and reading what people type.

`store` keeps the requests; `reading` takes a name, an email or phone number and a
yes/no/change from free text.
"""
