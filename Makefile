# gongbao: `make demo` builds the examples into out/; `make test` runs the suite.
# Both work on a fresh machine: they create .venv and install what they need.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
CORPUS ?= examples
OUT    ?= out

.PHONY: install demo test lint format bench notebooks system-deps clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/gongbao build $(CORPUS) --out $(OUT)
	$(BIN)/gongbao query $(OUT) attendance --format table

# System packages the browser tests need (Debian's chromium and a CJK font).
system-deps:
	bash .ci/install-browser

test: install system-deps
	$(BIN)/ruff check gongbao extract graph ontology tests
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check gongbao extract graph ontology tests
	$(BIN)/ruff format --check gongbao extract graph ontology tests

format: install
	$(BIN)/ruff check --fix gongbao extract graph ontology tests
	$(BIN)/ruff format gongbao extract graph ontology tests

# The research notebooks in JupyterLab (the optional `lab` extra; tests do not need it).
notebooks: install system-deps
	$(BIN)/python -m pip install --quiet -e '.[lab]'
	$(BIN)/jupyter lab notebooks/

bench: install
	$(BIN)/python tests/benchmarks/bench_throughput.py ../shared/corpus

clean:
	rm -rf $(OUT) notebooks/out .pytest_cache .ruff_cache
