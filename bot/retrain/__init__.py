"""Retraining from approved annotations: train in the background, check the held-out figures,
load the new model into the running Rasa server only when they do not fall, keep the previous
model to roll back to, and record every run with its before and after figures.

`runs.py` records the runs, `decision.py` decides, `models.py` keeps the model files,
`loading.py` hot-loads a model over Rasa's HTTP API, `job.py` runs one retrain from start to
end; `python -m bot.retrain` starts one, lists them and rolls back. Nothing here imports
Rasa: training is `rasa train` in a subprocess and scoring is bot.tools.nlu_eval's.
"""
