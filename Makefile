# Two commands do all the set-up on a fresh machine (see README):
#   make run    installs everything and starts the app
#   make test   installs everything and runs the whole test suite
# For people who do not develop the app, `make dist` builds the installable bundle (README, "Install").
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-later bench bench-report bench-encryption system venv translations dist dist-smoke icons

system:
	bash .ci/system-packages

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

run: system venv
	$(VENV)/bin/kinship-app

test: system venv
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

# The whole suite again with the wall clock of every process (pytest, the PostgreSQL server it starts,
# the CLI it runs) moved 400 days ahead by libfaketime: a test written on one day passes on any other.
LATER ?= +400d
test-later: system venv
	QT_QPA_PLATFORM=offscreen faketime -f '$(LATER)' $(PY) -m pytest -q -p no:cacheprovider

bench: system venv
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q tests/benchmarks --benchmark-enable --benchmark-only

# The issue-15 speed figures, each against a baseline timed in the same run (under a minute; prints, never fails).
bench-report: venv
	QT_QPA_PLATFORM=offscreen $(PY) tests/benchmarks/report.py

# Encrypted store against unencrypted, turn about (issue 12): list, search, open, save, unlock.
bench-encryption: venv
	QT_QPA_PLATFORM=offscreen $(PY) tests/benchmarks/encryption_report.py

translations: venv
	$(VENV)/bin/pybabel extract -F locale/babel.cfg -o locale/kinship_app.pot --project=kinship-app kinship_app ui
	@if ls locale/*/LC_MESSAGES/kinship_app.po >/dev/null 2>&1; then \
		$(VENV)/bin/pybabel update -i locale/kinship_app.pot -d locale -D kinship_app --ignore-obsolete --no-fuzzy-matching; fi

# The installable app: a PyInstaller folder and archive in dist/, built in a venv of its own holding
# only the run-time dependencies and PyInstaller (packaging/build.py, packaging/kinship-app.spec).
DIST_VENV ?= .venv-dist
DIST_STAMP := $(DIST_VENV)/.installed
# Debian's Qt libraries go into the bundle; elsewhere there is no apt to ask.
DIST_SYSTEM := $(if $(wildcard /usr/bin/apt-get),system,)

$(DIST_STAMP): pyproject.toml packaging/build.py
	test -x $(DIST_VENV)/bin/python || python3 -m venv $(DIST_VENV)
	$(DIST_VENV)/bin/python -m pip install -q --upgrade pip
	$(DIST_VENV)/bin/python packaging/build.py deps
	touch $(DIST_STAMP)

dist: $(DIST_SYSTEM) $(DIST_STAMP)
	$(DIST_VENV)/bin/python packaging/build.py

# Runs the BUILT bundle (unpacked from the archive, in a bare environment), and times it against
# the source run in $(VENV).
dist-smoke: dist venv
	bash packaging/smoke.sh

# Redraw the icon's PNG sizes after editing resources/icons/kinship-app.svg.
icons: venv
	QT_QPA_PLATFORM=offscreen $(PY) packaging/icons.py render
