# make demo: set up and run the platform on its embedded defaults.
# make test: set up and run the whole suite.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: install dev demo test test-postgres test-scale validate bench bench-tools clean system-packages

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found); set PYTHON=..."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	@touch $@

$(DEV_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e ".[dev]"
	@touch $@

install: $(STAMP)

dev: $(DEV_STAMP)

demo: install
	$(BIN)/quangba demo

# Debian packages the tests drive for real (translation engine, browser); needs root or sudo.
system-packages:
	@./.ci/system-packages

test: dev
	-@./.ci/system-packages
	$(BIN)/python -m pytest

test-postgres: dev
	./.ci/with-postgres $(BIN)/python -m pytest

# The scale-out stack for real: PostgreSQL behind PgBouncer, Redis, two workers, quangba serve, nginx.
test-scale: dev
	./.ci/with-scale-stack $(BIN)/python -m pytest -p no:cacheprovider tests/test_scale_stack.py

# The web's own validators against a demo it starts: schemathesis (API), the Nu HTML Checker and
# Lighthouse (pages in every language); tools installed outside .venv (see .ci/validate).
# VALIDATE_FLAGS=--no-lighthouse leaves out the slow one (CI does).
validate: install
	$(BIN)/python .ci/validate $(VALIDATE_FLAGS)

# Benchmarks (side by side with their peers, one run each; see README "Benchmarks").
bench-tools: dev
	$(BIN)/pip install --quiet -e ".[dev,bench]"

bench: bench-tools
	$(BIN)/python bench/extraction.py
	$(BIN)/python bench/topics.py
	$(BIN)/python bench/places.py
	$(BIN)/python bench/stories.py
	$(BIN)/python bench/translation.py
	$(BIN)/python bench/serve.py
	$(BIN)/python bench/fuzz.py --inputs 10000
	$(BIN)/python bench/crash.py --kills 20

clean:
	rm -rf $(VENV) var build *.egg-info
