# gongbao: `make demo` builds the examples into out/; `make test` runs the suite.
# Both work on a fresh machine: they create .venv and install what they need.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
CORPUS ?= examples
OUT    ?= out
SIZE_MB ?= 100
JOBS   ?= 1
TRIPLES ?= 10000000
FILES  ?= 10000

.PHONY: install demo test lint format bench bench-queries bench-rebuild notebooks system-deps clean

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

# Benchmarks (never part of the test suite): a generated corpus of SIZE_MB MiB
# against the reference spaCy pipeline; the competency queries on a store of
# at least TRIPLES triples.
bench: install
	$(BIN)/python tests/benchmarks/bench_scale.py ../shared/corpus --size-mb $(SIZE_MB) --jobs $(JOBS)

bench-queries: install
	$(BIN)/python tests/benchmarks/bench_queries.py ../shared/corpus ../shared/news/corpus --triples $(TRIPLES)

# Rebuilds of a corpus of FILES files (from ../shared/news/corpus): nothing
# changed, and one file changed, views included.
bench-rebuild: install
	$(BIN)/python tests/benchmarks/bench_rebuild.py ../shared/news/corpus --files $(FILES)

clean:
	rm -rf $(OUT) notebooks/out .pytest_cache .ruff_cache
