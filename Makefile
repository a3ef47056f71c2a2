# Two commands set everything up on a fresh machine (see README):
#   make demo   builds the demo network on SQLite and shows it
#   make test   lint, type-check and run the whole test suite (SQLite and PostgreSQL)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint bench docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/followthru demo

lint: $(STAMP)
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools
	$(BIN)/mypy
	$(BIN)/lint-imports

# Two workers, each taking a whole test file at a time: a module's browser, OCR engine or
# server starts once. `pytest -m "not slow"` is the quick loop (tests/README.md).
test: lint
	$(BIN)/python -m pytest -n 2 --dist loadfile

docs: $(STAMP)
	$(BIN)/python -m followthru.cli.reference > docs/commands.md

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	$(BIN)/python -m compileall -q src
	cd bench && ../$(BIN)/python startup.py --runs 5
	cd bench && ../$(BIN)/python engine.py --runs 3
	cd bench && ../$(BIN)/python web_speed.py --requests 200 --clients 4
	cd bench && ../$(BIN)/python extract_speed.py
	cd bench && ../$(BIN)/python import_speed.py --runs 3
	cd bench && ../$(BIN)/python dupes_speed.py --runs 3
	cd bench && ../$(BIN)/python history_speed.py --runs 3
	cd bench && ../$(BIN)/python mcp_speed.py --calls 20
	$(BIN)/python bench/eval_commitments.py bench/data/commitments-blind.jsonl
	@# The same reads on PostgreSQL, for the benchmark page (not goals): BENCH_PG=URL of a
	@# database filled by `bench/make_network.py --url URL --fresh`.
	[ -z "$(BENCH_PG)" ] || (cd bench && ../$(BIN)/python startup.py --runs 5 --url $(BENCH_PG))
	[ -z "$(BENCH_PG)" ] || (cd bench && ../$(BIN)/python web_speed.py --requests 200 --clients 4 --url $(BENCH_PG))

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
