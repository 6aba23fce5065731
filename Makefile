# NavDesk: the two commands in the README are `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint bench stress i18n demo clean system-deps

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

system-deps:
	bash scripts/system-deps.sh

## Install what is needed and open NavDesk on its default database.
run: system-deps $(STAMP)
	$(PY) -m navdesk

## Install what is needed and run the whole test suite (lint, types, import contract, tests).
test: system-deps $(STAMP) lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check navdesk tests benchmarks scripts
	$(VENV)/bin/ruff format --check navdesk tests benchmarks scripts
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

## Benchmarks: synthetic offices of 40, 2,000 and 50,000 youths.
bench: system-deps $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks.run

## Crash safety: SIGKILL a writer 1,000 times at random moments; prints kills, writes, losses, seconds.
stress: system-deps $(STAMP)
	$(PY) -m benchmarks.stress --kills 1000

## Recompile the translation catalogues after editing resources/locale/*/LC_MESSAGES/navdesk.po.
i18n: $(STAMP)
	$(PY) scripts/i18n.py

demo: $(STAMP)
	$(PY) -m navdesk demo --db demo.db --unencrypted --force

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache build dist
