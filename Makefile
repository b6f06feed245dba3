# Abierto: the two commands are `make run` and `make test`. Everything else is here for them.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000
# Extra pytest arguments, e.g. make test PYTEST_ARGS='-k search'
PYTEST_ARGS ?=

.PHONY: run test test-fast test-browser lint format bench load install node messages clean

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	@$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

install: $(STAMP)

node_modules/.installed: package.json package-lock.json
	@npm ci --silent --no-audit --no-fund
	@touch node_modules/.installed

node: node_modules/.installed

run: install
	@DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput -v 0
	@DJANGO_DEBUG=1 $(PY) manage.py load_chile
	@DJANGO_DEBUG=1 $(PY) manage.py ensure_dev_accounts --url http://$(HOST):$(PORT)/admin/
	@echo "Abierto: http://$(HOST):$(PORT)/  (Ctrl+C para detener)"
	@DJANGO_DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

# The whole suite, browser tests included (they need Debian's chromium: apt-get install -y chromium).
test: install node
	@$(PY) -m pytest $(PYTEST_ARGS)

# Everything but the browser.
test-fast: install
	@$(PY) -m pytest -m "not browser" $(PYTEST_ARGS)

test-browser: install node
	@$(PY) -m pytest -m browser $(PYTEST_ARGS)

lint: install
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/ruff format --check .

format: install
	@$(VENV)/bin/ruff check --fix .
	@$(VENV)/bin/ruff format .

# Every benchmark: the pages on a national-scale registry (SQLite and PostgreSQL), the load test, then the
# national consultation (100,000 proposals, 1,000,000 people, 3,000,000 supports; bench/README.md).
bench: install
	@$(PY) -m bench.run
	@$(PY) -m bench.load
	@$(PY) -m bench.cocreation

# The load test alone (gunicorn + PostgreSQL + wrk; nginx as the ceiling). FAULTS=1 adds the fault run.
load: install
	@$(PY) -m bench.load $(if $(FAULTS),--faults,)

messages: install
	@DJANGO_DEBUG=1 $(PY) manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=node_modules --ignore=var --ignore=tests --ignore=bench
	@DJANGO_DEBUG=1 $(PY) manage.py compilemessages -l en --ignore=.venv

clean:
	rm -rf $(VENV) node_modules var .pytest_cache
