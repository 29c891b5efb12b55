# Two commands matter: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum < tests/requirements.txt | cut -d' ' -f1)
RUN := PATH="$(BIN):$$PATH" $(BIN)/python

.PHONY: demo test venv gate docs clean bench

$(STAMP): tests/requirements.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r tests/requirements.txt
	@rm -f $(VENV)/.installed-*
	@touch $@

venv: $(STAMP)

demo: venv
	@$(RUN) tests/ci/demo.py

test: venv
	@$(RUN) tests/ci/gates.py

# One gate alone: make gate G=sanity (names: see tests/ci/gates.py).
gate: venv
	@$(RUN) tests/ci/gates.py $(G)

# Not part of make test. BENCH_SIZES=100,300 BENCH_OTHERS=500 make bench for a quick run; see benchmarks/bench.py.
bench: venv
	@$(BIN)/python -m pip install -q --disable-pip-version-check matplotlib
	@$(RUN) benchmarks/bench.py

# The docs site (antsibull-docs, offline) into build/docsite/build/html/.
docs: venv
	@$(RUN) tests/ci/docs_site.py build

clean:
	rm -rf $(VENV) .ansible tests/output .pytest_cache build
