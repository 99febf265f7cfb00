# cma-advisor: `make run` sets everything up and starts the bot; `make test` runs the gates and every test.
# Every target is idempotent: a second run reuses what exists and rebuilds only what its inputs
# changed (venv <- requirements, KB <- content, spaCy <- KB content, model <- training data + config,
# second reading <- development conversation sets).
# `make help` lists the targets from the `## ` comment beside each one.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

VENV      := .venv
PY        := $(VENV)/bin/python
RASA      := $(VENV)/bin/rasa
PIP       := $(PY) -m pip install --quiet -c constraints.txt
QUIET_PIP := { grep -v "is ignored\|DEPRECATION" || true; }

export PYTHON
export TF_CPP_MIN_LOG_LEVEL ?= 2
export RASA_TELEMETRY_ENABLED = false
export SQLALCHEMY_SILENCE_UBER_WARNING = 1
export PYTHONDONTWRITEBYTECODE = 1

.PHONY: help setup setup-test run chat train validate lint test test-fast test-scale nlu-report bench freeze clean

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z][a-z-]*:.*## / {printf "  make %-11s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(VENV)/.installed: requirements.txt constraints.txt scripts/find-python.sh
	@base=$$(scripts/find-python.sh); echo "Using $$base"; \
	  [ -x $(PY) ] || $$base -m venv $(VENV)
	$(PIP) -r requirements.txt 2>&1 | $(QUIET_PIP)
	$(PY) -c "import rasa, spacy, sqlalchemy, alembic, dotenv, honcho"  # fail loudly if the install is broken
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.txt
	$(PIP) -r requirements-test.txt 2>&1 | $(QUIET_PIP)
	$(PY) -c "import pytest, playwright, sanic_testing" && $(VENV)/bin/ruff --version && $(VENV)/bin/mypy --version
	touch $@

.env:
	cp .env.example .env
	@echo "Created .env from .env.example (edit it to change ports, database, channels)."

setup: $(VENV)/.installed .env ## install and build what running the bot needs (venv, KB, spaCy pipeline, second reading, widget)
	$(PY) -m bot.kb load          # skips when data/kb/ is unchanged
	$(PY) -m bot.school check     # the school profile (data/school.yml, SCHOOL_* in .env)
	$(PY) -m bot.tools.nlp_build  # rewrites the spaCy pipeline only when names/aliases changed
	$(PY) -m bot.tools.second_reading_build  # the second reading of questions, only when the development sets changed
	scripts/build-web.sh          # the website widget (web/dist/): web/src/ on the pinned socket.io-client, compressed

setup-test: setup $(VENV)/.installed-test ## setup, plus the test tools, Debian's Chromium and redis-server for the tests
	scripts/install-browser.sh
	scripts/install-redis.sh      # the lock-store test starts a private redis-server

train: setup ## retrain the Rasa model if its data or config changed
	$(PY) -m bot.tools.train      # retrains only when training data, config or entity patterns changed

run: train ## set up and start the bot, its action server and the advisor console
	$(PY) -m bot.tools.launch

chat: $(VENV)/.installed ## chat in the terminal with a bot that is already running
	$(PY) -m bot.rasa.chat

validate: setup ## check the training data and domain with Rasa
	$(RASA) data validate --fail-on-warnings --data data/nlu data/stories

lint: $(VENV)/.installed-test ## ruff (lint and format check) and mypy over bot/, actions/ and tests/
	$(VENV)/bin/ruff check bot actions tests
	$(VENV)/bin/ruff format --check bot actions tests
	$(VENV)/bin/mypy

test-fast: setup $(VENV)/.installed-test ## the tests that need no trained model, server or browser (under a minute)
	scripts/install-redis.sh      # the lock-store test starts a private redis-server (skipped when present)
	$(PY) -m pytest -m "not e2e and not model and not browser" -q

test: setup-test lint validate ## the gates, then every test (what CI runs)
	$(PY) -m pytest

test-scale: setup ## two Rasa servers behind nginx on PostgreSQL + Redis, one conversation across both (not in CI)
	scripts/test-scale.sh

nlu-report: train ## cross-validate the NLU data and score the dev set (reports/, minutes; not in CI)
	$(PY) -m bot.tools.nlu_eval crossval --folds 5
	$(PY) -m bot.tools.nlu_eval score tests/nlu_dev/*.yml

bench: setup ## our bot against rasa init's sample bot under load (reports/bench.*, ~10 min; BENCH_ARGS=--quick)
	$(PY) -m bot.tools.bench $(BENCH_ARGS)

freeze: $(VENV)/.installed-test ## rewrite constraints.txt from the working venv
	( echo "# Full pin set, produced by 'pip freeze' in a working .venv (Python 3.10)."; \
	  echo "# Regenerate with: make freeze"; \
	  $(PY) -m pip freeze | grep -v "^pkg[-_]resources" ) > constraints.txt

clean: ## remove generated files (var/, models/, reports/); keeps .venv
	rm -rf var models reports .rasa
