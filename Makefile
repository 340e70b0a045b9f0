# Service Academy — two commands: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= lms.settings.dev

.PHONY: run test bench bootstrap system-packages test-system-packages messages makemessages migrate demo lint check-migrations pytest clean

run: bootstrap migrate demo ## Set everything up and serve the site with demo data
	@$(PY) manage.py demo_banner --port $(PORT)
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: bootstrap test-system-packages lint check-migrations pytest ## Set everything up and run every check

bench: bootstrap ## Measure the budgets named in the issues
	$(PY) bench/run.py

bootstrap: system-packages $(VENV)/.installed messages

system-packages:
	@scripts/system-packages.sh

test-system-packages:
	@scripts/system-packages.sh --test

$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $@

# Compile the translation catalogs when a .po file is newer than its .mo.
messages:
	@for po in $$(find locale */locale -name '*.po' 2>/dev/null); do \
	  mo=$${po%.po}.mo; \
	  if [ ! -f $$mo ] || [ $$po -nt $$mo ]; then msgfmt --check -o $$mo $$po || exit 1; fi; \
	done

migrate:
	@mkdir -p var
	@$(PY) manage.py migrate --no-input -v0
	@$(PY) manage.py collectstatic --no-input -v0

demo:
	@$(PY) manage.py has_demo_data || $(PY) manage.py load_demo_data

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check-migrations:
	DJANGO_SETTINGS_MODULE=lms.settings.test $(PY) manage.py makemigrations --check --dry-run

pytest:
	DJANGO_SETTINGS_MODULE=lms.settings.test $(VENV)/bin/pytest $(PYTEST_ARGS)

# Regenerate the translation catalogs after changing strings (then translate and commit).
# English is the source language: its catalog repeats each message (msgen).
makemessages:
	$(PY) manage.py makemessages -l zh_Hans -l en --no-location --no-obsolete \
	  --ignore=.venv --ignore=var --ignore=tests --ignore=bench
	msgen -o locale/en/LC_MESSAGES/django.po locale/en/LC_MESSAGES/django.po

clean:
	rm -rf $(VENV) var
