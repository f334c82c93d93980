# WirWerk: `make run` serves the demo, `make test` runs every check.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMPS := .stamps
STATIC_SOURCES := $(shell find static -type f 2>/dev/null)
PO_FILES := $(wildcard locale/*/LC_MESSAGES/*.po locale_formal/*/LC_MESSAGES/*.po)

.PHONY: setup run test lint format migrate messages bench-matching bench-load

setup: $(STAMPS)/python $(STAMPS)/npm $(STAMPS)/static $(STAMPS)/translations

$(STAMPS)/python: pyproject.toml requirements/constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=24"
	$(PY) -m pip install --quiet --constraint requirements/constraints.txt ".[dev]"
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/npm: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/static: $(STAMPS)/python $(STAMPS)/npm $(STATIC_SOURCES)
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@touch $@

$(STAMPS)/translations: $(STAMPS)/python $(PO_FILES)
	$(PY) manage.py compile_translations
	@touch $@

migrate: setup
	$(PY) manage.py migrate --noinput

run: migrate
	$(PY) manage.py seed_demo --people 300 --seed 1 --if-empty
	$(PY) manage.py serve

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

test: lint
	$(PY) -m pytest

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Re-extract translatable strings (needs GNU gettext); then edit locale/en/.
messages: setup
	$(PY) manage.py makemessages --locale en --ignore ".venv/*" --ignore "node_modules/*" --ignore "*/tests/*" --no-obsolete

# Load test: 50 demo people for 3 minutes against granian (PostgreSQL when DATABASE_URL is set).
bench-load: setup
	$(PY) -m bench.load --users 50 --spawn-rate 5 --run-time 3m
