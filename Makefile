# Two commands do all the set-up: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000
# axe-core for the accessibility checks of the browser tests, from the npm registry.
AXE_VERSION := 4.14.1
AXE := var/axe-core/axe.min.js
# The Helsinki Design System's icons (MIT) in static/icons/, rebuilt by `make icons`.
HDS_VERSION := 5.2.2
# locust drives the load test (`make load`) only, so it is not in requirements.txt.
LOCUST_VERSION := 2.47.0

# Development defaults; the environment (or .env) overrides them.
export DJANGO_DEBUG ?= true

# Use DATABASE_URL when set; otherwise start (or reuse) the project-local PostgreSQL in var/.
WITH_DB = export DATABASE_URL="$${DATABASE_URL:-$$($(PY) -m lape_portal.devdb start 2>/dev/null)}" &&

.PHONY: install run test lint format translations messages migrate demo db-stop clean backup load bench icons

$(VENV)/installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

install: $(VENV)/installed

# The .po catalogues are in the repository; their .mo files are compiled here (pure Python,
# no GNU gettext needed), and the build stops if a catalogue has an untranslated string.
translations: install
	$(WITH_DB) $(PY) manage.py compile_translations

# After changing interface texts (needs GNU gettext): update the catalogues, then translate
# the new entries in locale/*/LC_MESSAGES/django.po.
messages: install
	$(WITH_DB) $(PY) manage.py makemessages -l sv -l en --no-obsolete --add-location file \
		--ignore=.venv --ignore=var --ignore=test-artifacts

migrate: translations
	$(WITH_DB) $(PY) manage.py migrate --no-input

demo: migrate
	$(WITH_DB) $(PY) manage.py load_demo

# The background worker (README, "Background worker") runs beside the development server and
# is stopped when the server stops (Ctrl-C included).
run: demo
	$(WITH_DB) { $(PY) manage.py procrastinate worker & worker=$$!; \
		trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
		$(PY) manage.py runserver $(HOST); }

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

# The sprite is committed; this rebuilds it after a change of core/icons.py's list or version.
icons: install
	mkdir -p var/hds-core
	cd var/hds-core && npm pack --silent hds-core@$(HDS_VERSION) >/dev/null \
		&& tar xzf hds-core-$(HDS_VERSION).tgz --strip-components=1 package/lib/icons/icons.css package/LICENSE \
		&& rm hds-core-$(HDS_VERSION).tgz
	cp var/hds-core/LICENSE static/icons/LICENSE
	$(WITH_DB) $(PY) manage.py build_icon_sprite var/hds-core/lib/icons/icons.css

test: lint translations $(AXE)
	$(WITH_DB) $(PY) -m pytest $(PYTEST_ARGS)

# A backup archive of the database and the uploaded files in var/backups/ (README, "Backup").
backup: install
	$(WITH_DB) $(PY) manage.py backup

$(VENV)/locust-$(LOCUST_VERSION): $(VENV)/installed
	$(PY) -m pip install --quiet --disable-pip-version-check locust==$(LOCUST_VERSION)
	touch $@

# gunicorn (2 workers) on 127.0.0.1 under 20 simulated users for 60 s (README, "Performance").
load: demo $(VENV)/locust-$(LOCUST_VERSION)
	$(WITH_DB) $(PY) manage.py loadtest

# Pages timed at two data sizes side by side (README, "Scale benchmark"); BENCH_SCALES="0.01 0.1"
# for a smaller run. Throwaway databases, dropped at the end; results in bench/results/.
bench: translations
	$(WITH_DB) $(PY) manage.py bench

db-stop: install
	$(PY) -m lape_portal.devdb stop

clean: db-stop
	rm -rf $(VENV) var
