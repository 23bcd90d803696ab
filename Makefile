# Two commands on a fresh machine with Python 3.11+:
#   make build   set up .venv and build the site into output/
#   make test    set up .venv and run every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

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

$(STAMP): requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $(STAMP)

build: $(STAMP)
	$(BIN)/invoke build

test: $(STAMP)
	$(BIN)/python -m pytest tests

serve: $(STAMP)
	$(BIN)/invoke reserve

lint: $(STAMP)
	$(BIN)/ruff check .

clean:
	rm -rf output cache .pytest_cache .ruff_cache
