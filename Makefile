# The two commands of the README: `make run` and `make test`. Everything else is for developers.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
LOCAL := DEBUG=true

.PHONY: run test test-postgres lint format messages compile-messages check-messages clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

## run: install, migrate the SQLite database, load the bundled data into an empty database (never over a database
## in use: see load_bundled_data --help), create the demo login, serve on 127.0.0.1:8000
run: $(VENV)/.installed
	$(LOCAL) $(PY) manage.py migrate --noinput
	$(LOCAL) $(PY) manage.py load_bundled_data --if-empty
	$(LOCAL) $(PY) manage.py demo_coordinator
	# The task worker (imports) runs beside the server and stops with it.
	$(LOCAL) $(PY) manage.py db_worker --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(LOCAL) $(PY) manage.py runserver $(HOST):$(PORT)

## test: the whole suite (SQLite by default; PostgreSQL when DATABASE_URL is set)
test: $(VENV)/.installed compile-messages
	$(PY) -m pytest $(PYTEST_ARGS)

## test-postgres: the suite against the local PostgreSQL server
test-postgres:
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/batteryregion} $(MAKE) test

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

## messages: extract interface text into locale/*/django.po (needs GNU gettext)
messages: $(VENV)/.installed
	$(LOCAL) $(PY) manage.py makemessages -l fi -l sv -l en --no-location --no-obsolete --ignore '.venv/*' --ignore 'var/*'
	$(LOCAL) $(PY) manage.py makemessages -d djangojs -l fi -l sv -l en --no-location --no-obsolete --ignore '.venv/*' --ignore 'var/*'
	$(MAKE) compile-messages

## compile-messages: .po → .mo in pure Python (works without GNU gettext)
compile-messages: $(VENV)/.installed
	$(LOCAL) $(PY) manage.py compile_catalogues

clean:
	rm -rf $(VENV) var
