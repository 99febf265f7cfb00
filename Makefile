# cma-advisor: `make run` sets everything up and starts the bot; `make test` runs the tests.
# Every target below is idempotent: a second run reuses what exists and rebuilds only
# what its inputs changed (venv <- requirements, KB <- content, spaCy <- KB content,
# model <- training data + config).

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

VENV      := .venv
PY        := $(VENV)/bin/python
RASA      := $(VENV)/bin/rasa

export PYTHON
export TF_CPP_MIN_LOG_LEVEL ?= 2
export RASA_TELEMETRY_ENABLED = false
export SQLALCHEMY_SILENCE_UBER_WARNING = 1
export PYTHONDONTWRITEBYTECODE = 1

.PHONY: help setup run chat test test-scale train validate freeze clean nlu-report bench

help:
	@echo "make run    set up (venv, packages, knowledge base, spaCy pipeline, model) and start the bot"
	@echo "make test   set up and run every test"
	@echo "make chat   chat in the terminal with a bot that is already running"
	@echo "make train  retrain the Rasa model if its data or config changed"
	@echo "make test-scale  two Rasa servers behind nginx on PostgreSQL + Redis, one conversation across both (installs them; not in CI)"
	@echo "make nlu-report  cross-validate the NLU data and score the dev set (reports/, minutes; not in CI)"
	@echo "make bench  our bot against rasa init's sample bot under load (reports/bench.*, about 10 min; not in CI)"
	@echo "make clean  remove generated files (var/, models/, reports/); keeps .venv"

$(VENV)/.installed: requirements.txt constraints.txt scripts/find-python.sh
	@base=$$(scripts/find-python.sh); echo "Using $$base"; \
	  [ -x $(PY) ] || $$base -m venv $(VENV)
	$(PY) -m pip install --quiet -r requirements.txt -c constraints.txt 2>&1 | { grep -v "is ignored\|DEPRECATION" || true; }
	$(PY) -c "import rasa, spacy, sqlalchemy, dotenv, honcho"  # fail loudly if the install is broken
	touch $@

.env:
	cp .env.example .env
	@echo "Created .env from .env.example (edit it to change ports, database, channels)."

setup: $(VENV)/.installed .env
	$(PY) -m bot.kb load          # skips when data/kb/ is unchanged
	$(PY) -m bot.tools.nlp_build        # rewrites the spaCy pipeline only when names/aliases changed
	scripts/build-web.sh          # the website widget (web/dist/), pinned rasa-webchat without Google Fonts
	scripts/install-browser.sh    # Debian's Chromium, which the widget's browser test drives

train: setup
	$(PY) -m bot.tools.train            # retrains only when training data, config or entity patterns changed

run: train
	$(PY) -m bot.tools.launch

validate: setup
	$(RASA) data validate --fail-on-warnings --data data/nlu data/stories

test: setup validate
	$(PY) -m pytest

test-scale: setup
	scripts/test-scale.sh

nlu-report: train
	$(PY) -m bot.tools.nlu_eval crossval --folds 5
	$(PY) -m bot.tools.nlu_eval score tests/nlu_dev/*.yml

# Trains both bots from scratch in a temporary folder (models/ is untouched); BENCH_ARGS=--quick for a smoke run.
bench: setup
	$(PY) -m bot.tools.bench $(BENCH_ARGS)

freeze: $(VENV)/.installed
	( echo "# Full pin set, produced by 'pip freeze' in a working .venv (Python 3.10)."; \
	  echo "# Regenerate with: make freeze"; \
	  $(PY) -m pip freeze | grep -v "^pkg[-_]resources" ) > constraints.txt

clean:
	rm -rf var models reports .rasa

chat: $(VENV)/.installed
	$(PY) -m bot.rasa.chat
