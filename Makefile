# Everything a fresh machine with Python 3.11+ needs: `make run`, `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium
GIT ?= /usr/bin/git
AS_ROOT := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: run test lint format bench bench-scribe clean

# `make run ARGS="review.toml"` (any pmtui arguments); alone, the Pet Clinic sample.
run: $(VENV)/.installed
	$(BIN)/pmtui $(or $(ARGS),sample pet-clinic-dojo)

test: $(VENV)/.installed $(CHROMIUM) $(GIT)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest -n 2 -q

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/run.py

# Keys a scribe presses beyond the words, recording the dojo's outcome (target: 10% at most).
bench-scribe: $(VENV)/.installed
	$(BIN)/python benchmarks/scribe.py

# pip compiles no bytecode for the editable install: without it, the first start (and every
# start where Python may not write it, PYTHONDONTWRITEBYTECODE) compiles pmtui's modules,
# which cost the meeting screen about 0.1 s.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	$(BIN)/python -m compileall -q src
	touch $@

# The `pmtui serve` test drives Debian's headless Chromium; installed when missing.
$(CHROMIUM):
	$(AS_ROOT) env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	$(AS_ROOT) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

# The merge driver and `diff --git` tests drive git itself; installed when missing.
$(GIT):
	$(AS_ROOT) env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	$(AS_ROOT) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq git >/dev/null

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
