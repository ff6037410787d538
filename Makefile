# Two commands do all the set-up: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000
# axe-core for the accessibility checks of the browser tests, from the npm registry.
AXE_VERSION := 4.14.1
AXE := var/axe-core/axe.min.js

# Development defaults; the environment (or .env) overrides them.
export DJANGO_DEBUG ?= true

# Use DATABASE_URL when set; otherwise start (or reuse) the project-local PostgreSQL in var/.
WITH_DB = export DATABASE_URL="$${DATABASE_URL:-$$($(PY) -m lape_portal.devdb start 2>/dev/null)}" &&

.PHONY: install run test lint format migrate demo db-stop clean

$(VENV)/installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

install: $(VENV)/installed

migrate: install
	$(WITH_DB) $(PY) manage.py migrate --no-input

demo: migrate
	$(WITH_DB) $(PY) manage.py load_demo

run: demo
	$(WITH_DB) $(PY) manage.py runserver $(HOST)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

$(AXE):
	mkdir -p $(dir $(AXE))
	cd $(dir $(AXE)) && npm pack --silent axe-core@$(AXE_VERSION) >/dev/null \
		&& tar xzf axe-core-$(AXE_VERSION).tgz --strip-components=1 package/axe.min.js \
		&& rm axe-core-$(AXE_VERSION).tgz

test: lint $(AXE)
	$(WITH_DB) $(PY) -m pytest $(PYTEST_ARGS)

db-stop: install
	$(PY) -m lape_portal.devdb stop

clean: db-stop
	rm -rf $(VENV) var
