# The README's commands. Each creates .venv (from python3 alone) and installs the pinned
# environment the first time, and skips that when nothing changed since.
#
#   make reproduce   execute every notebook in place; regenerates figures/ and corpus/processed/
#   make test        unit tests, bad-input tests, notebooks under nbval (strict), figure regression
#   make lab         JupyterLab on notebooks/
#   make bench       throughput and memory benchmarks (not part of the tests)
#   make lock        re-pin requirements/lock.txt from pyproject.toml (maintainers only)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench

# Same font, hash seed and source date everywhere, so figures and outputs are identical on
# every machine (a nicer installed Arabic font is still used when you explore in `make lab`).
REPRO_ENV := HELPERS_ARABIC_FONT="DejaVu Sans" PYTHONHASHSEED=0 SOURCE_DATE_EPOCH=0

NBVAL_ARGS := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

.PHONY: install reproduce test lab bench lock clean

install: $(STAMP)

$(STAMP): requirements/lock.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/lock.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

reproduce: $(STAMP)
	$(REPRO_ENV) $(BIN)/python -m helpers.reproduce

test: $(STAMP)
	$(REPRO_ENV) $(BIN)/python -m pytest tests src/helpers notebooks --doctest-modules $(NBVAL_ARGS) -p no:cacheprovider

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks

$(BENCH_STAMP): $(STAMP) requirements/bench.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -r requirements/bench.txt
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	@for script in benchmarks/bench_*.py; do \
		echo "== $$script"; $(BIN)/python $$script || exit 1; \
	done

lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet -e ".[notebooks,test]" "setuptools>=77" wheel
	{ sed -n '1,2p' requirements/lock.txt; .venv-lock/bin/python -m pip freeze --all --exclude-editable | grep -vE '^(pip|helpers)=='; } > requirements/lock.txt.new
	mv requirements/lock.txt.new requirements/lock.txt && rm -rf .venv-lock

clean:
	rm -rf $(VENV) .pytest_cache build src/*.egg-info
