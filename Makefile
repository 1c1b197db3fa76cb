# Classroom Desk: `make run` opens the app on its demo school, `make test` runs every check.
#
# Installing is idempotent: a stamp file in each venv, newer than pyproject.toml and the
# pip constraints, means "already installed", so a second `make run` starts at once.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
export PYTHON

VENV := .venv
BUNDLE_VENV := .venv-bundle
CONSTRAINTS := packaging/constraints.txt
PIP_FLAGS := --disable-pip-version-check --quiet --constraint $(CONSTRAINTS)
SYSTEM_DEPS := bash packaging/install-system-deps.sh
APP_SOURCES := $(shell find src -name '*.py' -o -name '*.mako' -o -name '*.ini' 2>/dev/null)
BUNDLE_DIR := dist/classroom-desk
# The Spanish catalogue: the .ts is kept in the repository (translators edit it), the .qm
# the app loads is built from it (pyside6-lrelease) and never committed.
TRANSLATIONS := src/classroom_desk/resources/translations
TS := $(TRANSLATIONS)/classroom_desk_es.ts
QM := $(TS:.ts=.qm)
# What lupdate reads: everything the desktop app says (the school server speaks English).
# `translatable(...)` marks a constant as QT_TRANSLATE_NOOP does (classroom_desk/i18n.py).
LUPDATE_SOURCES := $(filter-out src/classroom_desk/server/%,$(shell find src/classroom_desk -name '*.py' 2>/dev/null))
LUPDATE_FLAGS := -locations none -no-obsolete -tr-function-alias QT_TRANSLATE_NOOP+=translatable

.PHONY: help run test lint typecheck imports pytest bench bundle bundle-smoke clean translations \
	system-deps-run system-deps-test system-deps-offscreen system-deps-bundle

help:
	@echo "make run           install (once) and open the app on its demo school"
	@echo "make test          install (once) and run ruff, mypy, import-linter and pytest"
	@echo "make bench         startup, scale and memory benchmarks (bench/out/*.json)"
	@echo "make bundle        PyInstaller one-folder app in $(BUNDLE_DIR)/"
	@echo "make bundle-smoke  start the bundled app offscreen and check it paints the roster"
	@echo "make translations  new strings from the code into the .ts, then the .qm built"
	@echo "make clean         remove build output and benchmark results (keeps the venvs)"

# --- system packages (Debian): only the missing ones are installed ---------------------

system-deps-run:
	@$(SYSTEM_DEPS) run

system-deps-test:
	@$(SYSTEM_DEPS) test

system-deps-offscreen:
	@$(SYSTEM_DEPS) offscreen

system-deps-bundle:
	@$(SYSTEM_DEPS) bundle

# --- the development venv ---------------------------------------------------------------

$(VENV)/bin/python:
	@$(SYSTEM_DEPS) venv
	$(PYTHON) -m venv $(VENV)

# The app alone (what `make run` needs).
$(VENV)/.installed-app: pyproject.toml $(CONSTRAINTS) | $(VENV)/bin/python
	$(VENV)/bin/python -m pip install $(PIP_FLAGS) -e .
	@touch $@

# The app plus the test tools; that includes the app, so its stamp is refreshed too.
$(VENV)/.installed-test: pyproject.toml $(CONSTRAINTS) | $(VENV)/bin/python
	$(VENV)/bin/python -m pip install $(PIP_FLAGS) -e '.[test]'
	@touch $(VENV)/.installed-app $@

# --- translations ------------------------------------------------------------------------

$(QM): $(TS) | $(VENV)/.installed-app
	$(VENV)/bin/pyside6-lrelease -silent $(TS) -qm $@

# After changing user-facing text: the .ts gains the new strings (type="unfinished" until
# translated; tests/ui/test_translations.py fails until then) and the .qm is rebuilt.
translations: $(VENV)/.installed-app
	@echo "pyside6-lupdate $(LUPDATE_FLAGS) src/classroom_desk -ts $(TS)"
	@$(VENV)/bin/pyside6-lupdate $(LUPDATE_FLAGS) $(LUPDATE_SOURCES) -ts $(TS)
	$(VENV)/bin/pyside6-lrelease -silent $(TS) -qm $(QM)

# --- the two everyday commands ---------------------------------------------------------

run: system-deps-run $(VENV)/.installed-app $(QM)
	$(VENV)/bin/classroom-desk --demo

test: lint typecheck imports pytest

lint: system-deps-test $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(VENV)/.installed-test
	$(VENV)/bin/mypy

imports: $(VENV)/.installed-test
	$(VENV)/bin/lint-imports

# pytest's own exit status is make's: a failure, or no test collected (5), stops here.
pytest: system-deps-test $(VENV)/.installed-test $(QM)
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/python -m pytest

# --- benchmarks --------------------------------------------------------------------------

bench: system-deps-offscreen $(VENV)/.installed-test $(QM)
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/python bench/run_all.py

# --- the bundle: a separate venv with the app's own dependencies and PyInstaller only -----

# Rebuilt from scratch when pyproject.toml or the constraints change; the app itself is reinstalled
# (non-editable) whenever its sources change, so the bundle never ships stale code.
$(BUNDLE_VENV)/.installed-deps: pyproject.toml $(CONSTRAINTS)
	@$(SYSTEM_DEPS) bundle
	rm -rf $(BUNDLE_VENV)
	$(PYTHON) -m venv $(BUNDLE_VENV)
	@echo '*' > $(BUNDLE_VENV)/.gitignore  # keeps git and ruff out of it
	$(BUNDLE_VENV)/bin/python -m pip install $(PIP_FLAGS) '.[package]'
	@touch $@ && touch $(BUNDLE_VENV)/.installed-app  # app stamp newer: no second install

$(BUNDLE_VENV)/.installed-app: $(APP_SOURCES) $(QM) $(BUNDLE_VENV)/.installed-deps
	$(BUNDLE_VENV)/bin/python -m pip install $(PIP_FLAGS) --no-deps --force-reinstall .
	@touch $@

bundle: system-deps-bundle $(BUNDLE_VENV)/.installed-app
	$(BUNDLE_VENV)/bin/python -m PyInstaller --noconfirm --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/classroom-desk.spec
	@du -sh $(BUNDLE_DIR)

bundle-smoke: system-deps-offscreen
	bash packaging/smoke-bundle.sh $(BUNDLE_DIR)/classroom-desk

clean:
	rm -rf build dist bench/out
