# NavDesk: the two commands in the README are `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

PKG_VENV ?= .venv-pkg
PKG_PY := $(PKG_VENV)/bin/python
PKG_STAMP := $(PKG_VENV)/.installed

.PHONY: run test lint bench stress i18n demo clean system-deps package msi-stub

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

## The Linux package: PyInstaller one-folder build -> build/navdesk_<version>_<arch>.deb, then the
## smoke test of the frozen program unpacked from the .deb (installers/linux/smoke_test.sh).
## PyInstaller lives in its own virtualenv ($(PKG_VENV)), never in the development one.
$(PKG_STAMP): pyproject.toml
	$(PYTHON) -m venv $(PKG_VENV)
	$(PKG_PY) -m pip install --quiet --upgrade pip
	$(PKG_PY) -m pip install --quiet -e '.[package]'
	touch $(PKG_STAMP)

package: system-deps $(PKG_STAMP)
	PYTHON=$(PKG_PY) bash installers/linux/build_deb.sh
	bash installers/linux/smoke_test.sh build/navdesk_$$($(PKG_PY) -c 'import navdesk; print(navdesk.__version__)')_$$(dpkg --print-architecture).deb

## The Windows MSI recipe compiled with wixl against a stub payload (the real one is built on Windows).
msi-stub:
	bash installers/windows/make_stub_payload.sh build/msi-stub
	bash installers/windows/build_msi.sh build/msi-stub build/navdesk-stub.msi

clean:
	rm -rf $(VENV) $(PKG_VENV) .mypy_cache .ruff_cache .pytest_cache build dist
