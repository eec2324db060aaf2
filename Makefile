# The two commands a newcomer needs: `make demo` and `make test`.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test test-deps lint types pytest pytest-postgres check clean messages

demo: $(VENV)/.installed
	SAMVERKAN_SECOND_FACTOR=$${SAMVERKAN_SECOND_FACTOR:-off} $(BIN)/samverkan demo

test: $(VENV)/.installed-dev test-deps lint types pytest pytest-postgres

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

test-deps:
	scripts/install-test-deps.sh

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: $(VENV)/.installed-dev
	$(BIN)/mypy

pytest: $(VENV)/.installed-dev
	$(BIN)/pytest

pytest-postgres: $(VENV)/.installed-dev
	$(BIN)/python scripts/throwaway_postgres.py -- $(BIN)/pytest

check: lint types

# Update the Swedish and Norwegian catalogues from the code, then compile them.
messages: $(VENV)/.installed-dev
	cd src/samverkan && export SAMVERKAN_DATA_DIR=../../data && \
	  ../../$(BIN)/samverkan makemessages -l sv -l nb --no-obsolete \
	    -i "identifiers/*" -i "geography/*" -i "scenario/*" && \
	  ../../$(BIN)/samverkan compilemessages

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
