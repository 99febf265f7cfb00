"""Who can sit which exam: a person's years and training checked against each route.

`experience` reads years of work and checks them against the work routes;
`check` weighs every route of every credential for one person.
"""
