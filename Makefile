# Two commands on a fresh machine with Python 3.11+:
#   make build   set up .venv and build the site into output/
#   make test    set up .venv and run every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Outside checkers (vnu-jar, axe-core) pinned in package-lock.json; lighthouse is an
# optional dependency, installed only by `invoke audit`. Scripts are not run: vnu-jar's
# would download a Java runtime, and Debian's Java is used instead.
NODE_STAMP := node_modules/.installed

.PHONY: build test publish serve clean lint help

help:
	@echo "make build   set up .venv, build the site into output/"
	@echo "make test    set up .venv, run all tests"
	@echo "make serve   build, then serve output/ on http://localhost:8000"
	@echo "make lint    ruff over the code"
	@echo "make clean   remove output/ and caches (keeps .venv)"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Column needs Python 3.11 or newer; found " + sys.version.split()[0] + ". Run: make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)

# --no-deps: requirements.txt pins every package, transitive ones included, and leaves
# out misaka, which Isso declares but our configuration never imports (it would need a
# C compiler). tests/test_requirements.py checks nothing else is missing.
$(STAMP): requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -r requirements.txt
	@touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --omit=optional --ignore-scripts --no-audit --no-fund --loglevel=error && touch $(NODE_STAMP); \
	else \
		echo "npm not found: the HTML and accessibility checkers will be skipped (apt-get install npm)"; \
	fi

build: $(STAMP)
	$(BIN)/invoke build

test: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest tests

serve: $(STAMP)
	$(BIN)/invoke reserve

lint: $(STAMP)
	$(BIN)/ruff check .

clean:
	rm -rf output cache .pytest_cache .ruff_cache
