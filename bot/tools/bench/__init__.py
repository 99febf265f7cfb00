"""`make bench`: our bot against Rasa's stock sample bot, trained and loaded in the same run.

Figures from one machine mean little on their own; measured side by side in the same
run they become ratios that survive a noisy or slower machine. The modules each do
one job: conversations (what simulated people say), procs (RSS and CPU from /proc),
bots (prepare, train, start and stop each bot), ports (a free port for every server), load (the load generator), report
(figures, ratios, targets, files) and __main__ (the order of it all).
"""
