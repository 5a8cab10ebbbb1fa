# parplan - quick start: `make run` (main job on the sample data), `make test` (all tests).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test bench lint setup clean fixtures dagster

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "parplan needs Python >= 3.11, found " + sys.version.split()[0]'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/parplan run

test: $(STAMP)
	$(BIN)/python -m pytest -q

# Every benchmark, the scale step at 10M and 30M rows included (4 GB of generated files in
# benchmarks/data); each step is stopped past 6 GB or 20 minutes. Options through BENCH_ARGS,
# e.g. `make bench BENCH_ARGS="--only scale --scale-rows 1000000 --step-memory-gb 4 --clean"`.
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

# The Dagster UI with the sample inbox: drop files into var/dagster/inbox and turn the
# inbox_sensor on. DAGSTER_HOME gets the instance settings (one DuckDB writer at a time).
# `make dagster PORT=3001` when 3000 is taken.
PORT ?= 3000
DAGSTER_ENV = DAGSTER_HOME=$(CURDIR)/var/dagster/home PARPLAN_DB=$(CURDIR)/var/dagster/parplan.duckdb \
	PARPLAN_INBOX=$(CURDIR)/var/dagster/inbox
dagster: $(STAMP)
	mkdir -p var/dagster/home var/dagster/inbox
	cp dagster_home/dagster.yaml var/dagster/home/dagster.yaml
	$(BIN)/parplan run --workdir var/dagster/sample >/dev/null && cp var/dagster/sample/inbox/* var/dagster/inbox/
	$(DAGSTER_ENV) $(BIN)/dagster dev -w workspace.yaml -p $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

# Regenerate the pinned lock file after changing dependencies in pyproject.toml.
lock:
	$(PYTHON) -m pip install --quiet uv && $(PYTHON) -m uv pip compile pyproject.toml --extra dev \
		--python-version 3.11 --generate-hashes -o requirements.lock

# Rebuild the DOCX/PDF test fixtures from the text renderings (needs LibreOffice: soffice).
fixtures: $(STAMP)
	$(BIN)/python tests/fixtures/make_documents.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build *.egg-info
