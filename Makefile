# Two commands do all the set-up on a fresh machine (see README):
#   make run    installs everything and starts the app
#   make test   installs everything and runs the whole test suite
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-later bench system venv translations

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

translations: venv
	$(VENV)/bin/pybabel extract -F locale/babel.cfg -o locale/kinship_app.pot --project=kinship-app kinship_app ui
	@if ls locale/*/LC_MESSAGES/kinship_app.po >/dev/null 2>&1; then \
		$(VENV)/bin/pybabel update -i locale/kinship_app.pot -d locale -D kinship_app --ignore-obsolete; fi
