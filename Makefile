# Two commands: `make run` serves the service with demo data (development only: never deploy
# with it), `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
FLASK := $(BIN)/flask --app wsgi

.PHONY: run test test-sqlite test-postgresql worker lint format system-deps system-deps-test clean

run: system-deps $(VENV)/.runtime-installed
	$(FLASK) db upgrade
	$(FLASK) questionnaires publish
	$(FLASK) demo seed
	exec $(BIN)/gunicorn --config gunicorn.conf.py --workers $${WORKERS:-2} --bind 127.0.0.1:$(PORT) wsgi:app

# The two databases run side by side (each half waits on I/O and the browser much of the time), so
# the whole suite takes about as long as its slower half; each half's output is printed whole when
# it ends. `make test-sqlite` or `make test-postgresql` runs one half.
test: system-deps-test $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MAKE) --no-print-directory --output-sync=target -j2 test-sqlite test-postgresql

test-sqlite test-postgresql: system-deps-test $(VENV)/.test-installed
	TEST_DB=$(@:test-%=%) $(BIN)/pytest $(PYTEST_ARGS)

worker: system-deps $(VENV)/.runtime-installed
	$(FLASK) reports worker

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.test-installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

system-deps:
	@scripts/system-deps.sh

system-deps-test:
	@scripts/system-deps.sh --test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# The stamps make a second run skip pip entirely unless a requirements file changed.
$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test-installed: requirements.txt requirements-test.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt -r requirements-test.txt
	touch $(VENV)/.runtime-installed $@

clean:
	rm -rf $(VENV) instance/quality.db* .pytest_cache .ruff_cache
