# Two commands on a fresh machine with Python 3 and make:
#   make demo   set up, load the seed, run every named query and write the offline report
#   make test   set up with the dev extra and run the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
REPORT ?= report

.PHONY: demo test install dev lint bench stress screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

dev: $(VENV)/.dev-installed

demo: install
	$(BIN)/gkg load
	$(BIN)/gkg report --out $(REPORT) --open

test: lint
	$(BIN)/python -m pytest

# ruff (lint everywhere, formatting of gkg and its tests) and mypy over gkg as installed.
lint: dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check graph loaders tests
	$(BIN)/python tests/lint/typecheck.py

bench: dev
	$(BIN)/python -m benchmarks.run

# Refresh the README's screenshots (docs/screenshots) from the browser tests.
screenshots: dev
	GKG_SCREENSHOTS=$(CURDIR)/docs/screenshots $(BIN)/python -m pytest tests/test_pages_browser.py -q

stress: dev
	GKG_STRESS=1 $(BIN)/python -m pytest tests/test_robustness.py tests/test_hostile_input.py \
		tests/test_limits.py tests/test_hostile_world.py tests/test_neo4j_limits.py -v -s

# A local Neo4j 5.26 for gkg and its tests (tools/neo4j/): Bolt on 127.0.0.1 at a free port,
# credentials in .neo4j/env (set -a; . .neo4j/env; set +a). Needs java, javac and mvn.
.PHONY: neo4j-start neo4j-stop
NEO4J_CTL = $(if $(wildcard $(BIN)/python),$(BIN)/python,$(PYTHON)) tools/neo4j/neo4jctl.py

neo4j-start:
	$(NEO4J_CTL) start

neo4j-stop:
	$(NEO4J_CTL) stop

clean:
	-$(BIN)/gkg server stop
	rm -rf $(VENV) .gkg $(REPORT) build/typecheck
