# The README's commands. Each creates .venv (from python3 alone) and installs the pinned
# environment the first time, and skips that when nothing changed since.
#
#   make reproduce   execute every notebook in place; regenerates figures/ and corpus/processed/
#   make reproduce CORPUS=DIR OUT=DIR   run the notebooks on a corpus kept elsewhere; outputs under OUT
#   make add SRC="PATH ..."   import articles (files, folders, CSV/JSONL/Parquet) into corpus/ (or CORPUS=DIR)
#   make test        ruff, mypy, unit and bad-input tests, notebooks under nbval (strict), figure regression, browser
#   make lab         JupyterLab on notebooks/
#   make bench       throughput and memory benchmarks (not part of the tests)
#   make pipeline CORPUS=DIR OUT=DIR   the parallel Parquet pipeline for large corpora
#   make lock        re-pin requirements/lock.txt from pyproject.toml (maintainers only)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench
PY_OK  := import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)

# A .venv made by an interpreter older than 3.11 (or one that no longer runs) is rebuilt.
ifneq ($(wildcard $(VENV)),)
ifneq ($(shell $(BIN)/python -c '$(PY_OK)' >/dev/null 2>&1 && echo ok),ok)
$(info .venv was not made by a working Python >= 3.11: removing it, it will be rebuilt)
$(shell rm -rf $(VENV))
endif
endif

# Same font, hash seed and source date everywhere, so figures and outputs are identical on
# every machine (a nicer installed Arabic font is still used when you explore in `make lab`).
REPRO_ENV := HELPERS_ARABIC_FONT="DejaVu Sans" PYTHONHASHSEED=0 SOURCE_DATE_EPOCH=0

NBVAL_ARGS := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

.PHONY: install reproduce add test lab bench lock clean

install: $(STAMP)

$(STAMP): requirements/lock.txt pyproject.toml
	@$(PYTHON) -c '$(PY_OK)' 2>/dev/null || { echo "Python >= 3.11 is needed, but $(PYTHON) is $$($(PYTHON) --version 2>&1 || echo missing)."; \
		echo "Install Python 3.11 or newer and run e.g. make $(MAKECMDGOALS) PYTHON=python3.11"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/lock.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

reproduce: $(STAMP)
	$(REPRO_ENV) $(BIN)/python -m helpers.reproduce $(if $(CORPUS),--corpus "$(CORPUS)") $(if $(OUT),--out "$(OUT)")

add: $(STAMP)
	@test -n "$(SRC)" || { echo 'usage: make add SRC="PATH ..." [CORPUS=DIR]'; exit 2; }
	$(BIN)/python -m helpers.corpus add $(SRC) $(if $(CORPUS),--corpus "$(CORPUS)")

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks conftest.py
	$(BIN)/mypy
	$(REPRO_ENV) $(BIN)/python -m pytest tests src/helpers notebooks --doctest-modules $(NBVAL_ARGS) -p no:cacheprovider

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks

$(BENCH_STAMP): $(STAMP) requirements/bench.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -r requirements/bench.txt
	touch $(BENCH_STAMP)

# Every benchmark runs; the target fails at the end if any missed its target.
bench: $(BENCH_STAMP)
	@failed=""; for script in benchmarks/bench_*.py; do \
		echo "== $$script"; $(BIN)/python $$script || failed="$$failed $$script"; \
	done; if [ -n "$$failed" ]; then echo "missed a target:$$failed"; exit 1; fi

lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet -e ".[notebooks,test]" "setuptools>=77" wheel
	{ sed -n '1,2p' requirements/lock.txt; .venv-lock/bin/python -m pip freeze --all --exclude-editable | grep -vE '^(pip|helpers)=='; } > requirements/lock.txt.new
	mv requirements/lock.txt.new requirements/lock.txt && rm -rf .venv-lock

clean:
	rm -rf $(VENV) .pytest_cache build src/*.egg-info

# make pipeline CORPUS=DIR OUT=DIR [WORKERS=N] [SCHEDULER=tcp://host:8786] [PARTITION_SIZE=N]
# Large corpora: ingest once, every analysis per partition on Dask, Parquet tables in OUT (README "Large corpora").
.PHONY: pipeline
pipeline: $(STAMP)
	@test -n "$(CORPUS)" && test -n "$(OUT)" || { echo 'usage: make pipeline CORPUS=DIR OUT=DIR [WORKERS=N] [SCHEDULER=ADDRESS] [PARTITION_SIZE=N]'; exit 2; }
	$(REPRO_ENV) $(BIN)/python -m helpers.pipeline --corpus "$(CORPUS)" --out "$(OUT)" $(if $(WORKERS),--workers $(WORKERS)) $(if $(SCHEDULER),--scheduler "$(SCHEDULER)") $(if $(PARTITION_SIZE),--partition-size $(PARTITION_SIZE))
