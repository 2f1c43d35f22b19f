# kartoteka: `make demo` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= demo/demo.db
PORT ?= 8765

.PHONY: install demo test check lint typecheck layers unit bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

DEMO_QUERY ?= Arbenz
demo: $(STAMP)
	$(BIN)/kartoteka ingest demo/frus1952-54Guat --archive $(DEMO_DB) --persons demo/frus1952-54Guat.persons.json
	$(BIN)/kartoteka stats --archive $(DEMO_DB)
	$(BIN)/kartoteka search "$(DEMO_QUERY)" --archive $(DEMO_DB) --limit 5
	$(BIN)/kartoteka serve --archive $(DEMO_DB) --host 127.0.0.1 --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

# The import contracts in pyproject.toml ([tool.importlinter]): model at the bottom, shells over the store.
layers: $(STAMP)
	$(BIN)/lint-imports

unit: $(STAMP)
	$(BIN)/pytest

check: lint typecheck layers unit

test: check

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .pytest_cache .ruff_cache
