# Two commands for a fresh machine:  make lab  (set up and open the collection)  and  make test.
# Everything installs into .venv from the pinned locks; nothing is installed system-wide
# except Chromium for the browser tests (Debian package, installed by `make browser` when missing).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PYTEST := $(BIN)/python -m pytest
NBVAL  := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9]*.ipynb)) $(wildcard notebooks/dashboard.ipynb) $(wildcard notebooks/glossary.ipynb)

.PHONY: dashboard setup lab test test-unit test-notebooks notebooks site figures student bench lock browser clean help

help:
	@echo "make lab    set up .venv (if needed) and open the notebooks in JupyterLab"
	@echo "make test   set up .venv (if needed) and run every test: unit, nbval, browser"
	@echo "make notebooks  re-execute every notebook from a fresh kernel and store its outputs"
	@echo "make dashboard  open the stakeholders' dashboard as a Voilà page (no code shown)"
	@echo "make site   build a static HTML copy of the collection in site/ (opens from disk, no internet)"
	@echo "make figures    save every chart as offline HTML, PNG and SVG in figures/"
	@echo "make student    write student copies (solutions removed) to student/"
	@echo "make bench  print load, chart and dashboard timings"

$(STAMP): requirements.lock requirements-dev.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "The locks are for Python 3.11; set PYTHON=/path/to/python3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -r requirements.lock -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

lab: setup
	$(BIN)/jupyter lab --notebook-dir=notebooks 00_start_here.ipynb

test: setup browser
	$(PYTEST) -q -n 2 --dist loadfile -p no:cacheprovider tests $(NOTEBOOKS) $(NBVAL)

test-unit: setup
	$(PYTEST) -q -n 2 --dist loadfile -p no:cacheprovider tests

test-notebooks: setup
	$(PYTEST) -q -n 2 --dist loadfile -p no:cacheprovider $(NOTEBOOKS) $(NBVAL)

notebooks: setup
	$(BIN)/python scripts/execute_notebooks.py $(NOTEBOOKS)

dashboard: setup
	JUPYTER_PATH=$(CURDIR) $(BIN)/voila --template=nav --progressive_rendering=True notebooks/dashboard.ipynb

site: setup
	$(BIN)/python scripts/build_site.py site

figures: setup
	$(BIN)/python scripts/figures.py figures

student: setup
	$(BIN)/python scripts/student.py student

bench: setup browser
	$(BIN)/python bench/benchmark.py

lock:
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python scripts/lock.py

browser:
	@command -v chromium >/dev/null || (echo "Installing Chromium (Debian package) for the browser tests" && \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

clean:
	rm -rf $(VENV) data/.cache build site student figures
