# Service Academy — two commands: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
EN_PO := locale/en/LC_MESSAGES/django.po

.PHONY: run test bench load bootstrap system-packages test-system-packages messages makemessages lint check-migrations check-messages pytest clean

# VERBOSE=1 also prints the demo's page log and its emails (docs/configuration.md).
# BASE_URL (the address in links, QR codes and emails) follows PORT unless it is set.
# The demo's group robot posts to the local sink (manage.py robot_sink), which writes what a
# chat would show to var/robot-posts.log while the site runs.
run: bootstrap ## Set everything up and serve the site with demo data
	@mkdir -p var; $(PY) manage.py robot_sink >> var/robot-posts.log 2>&1 & sink=$$!; \
	  trap 'kill $$sink 2>/dev/null' EXIT INT TERM; \
	  PORT=$(PORT) $(PY) manage.py prepare_site --port $(PORT) $(if $(filter 1,$(VERBOSE)),--verbosity 2) && \
	  PORT=$(PORT) $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: bootstrap test-system-packages lint check-migrations check-messages pytest ## Set everything up and run every check

bench: bootstrap ## Measure the budgets named in the issues
	$(PY) bench/run.py

# The certification exam under 300 learners: gunicorn + PostgreSQL + Redis + Locust (bench/load/);
# SERVERS=2: two app servers behind nginx, SeaweedFS, two task workers, a kill -9 fault run.
SERVERS ?= 1
load: bootstrap
	$(VENV)/bin/pip install --quiet -e ".[load]"
	SERVERS=$(SERVERS) bench/load/run.sh

bootstrap: system-packages $(VENV)/.installed messages
	@mkdir -p var
	@$(PY) manage.py build_certificate_fonts

system-packages:
	@scripts/system-packages.sh

test-system-packages:
	@scripts/system-packages.sh --test

$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "Installing the Python packages into $(VENV)…"
	@# -qq: pip's errors only (a pip configuration's "Location … is ignored" warnings are not).
	@$(PY) -m pip install -qq --upgrade pip
	@$(PY) -m pip install -qq -e ".[dev]"
	@touch $@

# Compile the translation catalogs when a .po file is newer than its .mo.
messages:
	@for po in $$(find locale */locale -name '*.po' 2>/dev/null); do \
	  mo=$${po%.po}.mo; \
	  if [ ! -f $$mo ] || [ $$po -nt $$mo ]; then msgfmt --check -o $$mo $$po || exit 1; fi; \
	done

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check-migrations:
	DJANGO_SETTINGS_MODULE=lms.settings.test $(PY) manage.py makemigrations --check --dry-run

# Fails when a user-facing string is missing from the catalogs (they are updated in place:
# translate the new messages in locale/zh_Hans and commit).
check-messages:
	@rm -rf var/locale-before && mkdir -p var && cp -r locale var/locale-before
	@$(MAKE) --no-print-directory -s makemessages >/dev/null
	@diff -r -q -x '*.mo' -I '^"POT-Creation-Date' var/locale-before locale >/dev/null || \
	  { echo "The translation catalogs were out of date; they are updated now: translate the new"; \
	    echo "messages in locale/zh_Hans/LC_MESSAGES/django.po and commit."; exit 1; }
	@rm -rf var/locale-before

# pytest-django takes DJANGO_SETTINGS_MODULE from the environment before pyproject.toml.
# The suite runs on every core (pytest-xdist), a test file per worker at a time so that a
# file's module fixtures are built once; PYTEST_WORKERS=0 runs it in this process.
PYTEST_WORKERS ?= auto
pytest:
	DJANGO_SETTINGS_MODULE=lms.settings.test $(VENV)/bin/pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

# Regenerate the translation catalogs after changing strings (then translate and commit).
# English is the source language: its catalog repeats each message (msgen).
makemessages:
	$(PY) manage.py makemessages -l zh_Hans -l en --no-location --no-obsolete \
	  --ignore=.venv --ignore=var --ignore=tests --ignore=bench
	msgfilter --keep-header -i $(EN_PO) -o $(EN_PO) sed -e d
	msgen -o $(EN_PO) $(EN_PO)
	msgattrib --clear-fuzzy --clear-previous -o $(EN_PO) $(EN_PO)

clean:
	rm -rf $(VENV) var
