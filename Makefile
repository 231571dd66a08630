# Two commands for a fresh machine:  make lab  (set up and open the collection)  and  make test.
# Everything installs into .venv from the pinned locks; nothing is installed system-wide
# except Chromium for the browser tests (Debian's chromium-headless-shell, installed by `make browser` when missing).

# The first of Python 3.11, 3.12, 3.13 on PATH (the locks install unchanged on all three), or PYTHON=.
# (A pyenv shim for a version that is not selected is found but does not run: each candidate must run.)
PYTHON ?= $(shell for v in 3.11 3.12 3.13; do p=$$(command -v python$$v) && $$p -c '' 2>/dev/null && echo $$p && exit 0; done; command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PYTEST := $(BIN)/python -m pytest
NBVAL  := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg -p tests.notebook_checks
# JupyterLab and Jupyter Server refuse to run as root without --allow-root (CI and containers run as root).
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)
# Optional, for headless use: make lab LAB_ARGS=--no-browser  (the port comes from JUPYTER_PORT, default 8888)
LAB_ARGS ?=
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9]*.ipynb)) $(wildcard notebooks/dashboard.ipynb) $(wildcard notebooks/glossary.ipynb)

.PHONY: dashboard present brief teacher setup lab check lint test-binder lab-student new-notebook links test test-units test-notebooks notebooks site figures student bench lock browser clean refresh help

help:
	@echo "make lab    set up .venv (if needed) and open the notebooks in JupyterLab"
	@echo "make test   set up .venv (if needed) and run every test: unit, lint, nbval, browser (and print the time)"
	@echo "make test-binder    the Binder rehearsal (environment.yml's environment, its server, 30 dashboard views), make bench, and make notebooks reproducing every notebook byte for byte"
	@echo "make check NB=05    one notebook's nbval run and its tests, while editing it"
	@echo "make lint   ruff's lint and format check"
	@echo "make notebooks  re-execute every notebook from a fresh kernel and store its outputs"
	@echo "make dashboard  open the stakeholders' dashboard as a Voilà page (no code shown)"
	@echo "make present    serve the dashboard with Voilà alone, for a room or a shared screen"
	@echo "make brief  write the two-page briefing PDF (bokmål and English) to build/brief/"
	@echo "make teacher    the teacher's kit in build/teacher/: task sheets per session (PDF, bokmål and English) and the answer key"
	@echo "make site   build a static HTML copy of the collection in site/ (opens from disk, no internet), and the student edition in site/student/"
	@echo "make figures    save every chart as offline HTML, PNG and SVG in figures/"
	@echo "make student    write the student copies (solutions removed) to student/ (make notebooks does it too)"
	@echo "make lab-student    open the student copies in JupyterLab (for a class)"
	@echo "make bench  print load, chart and dashboard timings"
	@echo "make links  set REPOSITORY from the git remote (GitHub) and rewrite the Binder links in README and 00"
	@echo "make refresh FROM=folder  take NAV's newer monthly copy (six JSON files): check, replace data/raw/, re-execute, report"

# Set-up, lab, test and check are nav.py's, the same commands without make (Windows: py nav.py lab): one
# implementation. The set-up creates $(VENV) with $(PYTHON) if missing and installs the hashed locks with
# --no-deps, then the collection (editable); it installs again only when a lock or pyproject.toml changed.
NAV := $(PYTHON) nav.py --venv $(VENV)

setup:
	@$(NAV) setup

# notebooks/ is the file browser's root; 00 opens, and the URL printed headless opens 00 too.
lab:
	$(NAV) lab $(LAB_ARGS)

# For a class: the student copies (no solutions; written by `make student`, committed) in their own file browser.
lab-student:
	$(NAV) student-lab $(LAB_ARGS)

# Every test, in two workers, then the time it took. The Binder rehearsal is `make test-binder` (.ci/run runs both).
test: setup browser
	$(NAV) test

# The Binder rehearsal (tests/test_binder.py): an environment from environment.yml alone, its server, 30 dashboard views;
# `make bench` run as README gives it (tests/test_bench.py); `make notebooks` in a copy, compared byte for byte with the
# stored notebooks (tests/test_commands.py). They take minutes, so they are not in `make test` (where nbval's run checks
# the stored outputs: tests/notebook_checks.py).
test-binder: setup browser
	$(NAV) test-binder

# One notebook while editing it: make check NB=05 (its nbval run, tests/test_05_*.py, its parametrised tests).
NB ?=
check: setup
	$(NAV) check $(NB)

# ruff: lint and the format check (make test runs both too).
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The tests that need no browser and no server (CI runs them on a second Python version).
SERVER_TESTS := test_browser.py test_site.py test_doors.py test_binder.py test_bench.py test_brief.py test_sharing.py test_teacher.py test_student_site.py test_first_view.py test_voila_pages.py
test-units: setup
	@$(BIN)/python -c 'import sys; print("Unit tests on Python " + sys.version.split()[0] + " (" + sys.executable + ")")'
	$(PYTEST) -q -n 2 --dist loadfile -p no:cacheprovider -m "not binder" tests $(addprefix --ignore=tests/,$(SERVER_TESTS))

test-notebooks: setup
	$(PYTEST) -q -n 2 --dist loadfile -p no:cacheprovider $(NOTEBOOKS) $(NBVAL)

# A new notebook, wired into the collection in one step (scripts/new_notebook.py says what it does).
new-notebook: setup
	$(BIN)/python scripts/new_notebook.py "$(NB)" --title "$(TITLE)" --teaching "$(TEACHING)" --exercises "$(EXERCISES)" --summary "$(SUMMARY)"

notebooks: setup
	$(BIN)/python scripts/execute_notebooks.py $(NOTEBOOKS)
	$(BIN)/python scripts/student.py student

# NAV's next monthly copy: make refresh FROM=path/to/folder (the six files of the app's data/web/). The copy is checked
# completely before data/raw/ is touched; then the manifest and SOURCE.md are updated and every notebook re-executed.
# REFRESH_ARGS: --no-execute, --commit SHA (the app's commit, recorded in the manifest), --allow-removals.
REFRESH_ARGS ?=
refresh: setup
	@test -n "$(FROM)" || { echo "Give the folder holding NAV's six JSON files: make refresh FROM=path/to/folder"; exit 2; }
	$(BIN)/python scripts/refresh.py "$(FROM)" $(REFRESH_ARGS) --notebooks $(NOTEBOOKS)

# The same server as on Binder: Jupyter Server with Voilà's extension, rooted at the repository, configured
# by jupyter-config/ (kernel culling, the nav template) through ./start, so the dashboard's links to other
# notebooks (voila/render/notebooks/...) and every URL are the same here and on Binder.
# No terminal: whoever has the URL (its token) gets the Jupyter server (files, kernels), but no shell.
# The browser opens unless LAB_ARGS says otherwise (--no-browser or --ServerApp.open_browser=False).
dashboard: setup
	PATH=$(CURDIR)/$(BIN):$$PATH ./start jupyter server $(ALLOW_ROOT) --ServerApp.root_dir=$(CURDIR) \
		--ServerApp.terminals_enabled=False $(if $(findstring browser,$(LAB_ARGS)),,--ServerApp.open_browser=True) \
		--ServerApp.default_url=/voila/render/notebooks/dashboard.ipynb $(LAB_ARGS)

# For a room or a shared screen: Voilà alone serves the notebooks as pages (no JupyterLab, no terminal, no
# file browser; a page's kernel runs the notebook's own code and refuses code sent from the page), on
# 127.0.0.1 only, without a token; it opens on the list of pages, the dashboard at /voila/render/dashboard.ipynb.
# Headless: make present VOILA_ARGS=--no-browser
VOILA_PORT ?= 8866
VOILA_ARGS ?=
present: setup
	PATH=$(CURDIR)/$(BIN):$$PATH ./start voila notebooks --template=nav --port=$(VOILA_PORT) --Voila.ip=127.0.0.1 $(VOILA_ARGS)

site: setup
	$(BIN)/python scripts/build_site.py site

# The two-page briefing, printed by headless Chromium (installed by `make browser` when missing).
brief: setup browser
	$(BIN)/python scripts/brief.py build/brief

# The teacher's kit (scripts/teacher.py): a one-page task sheet per session in bokmål and English, and the answer key
# (every exercise's question, solution and the checker's verdict on it, from the notebooks run with their solutions).
# TEACHER_ARGS: --key 06 (the key of some notebooks only), --no-key (the sheets only). Never into student/ or site/.
TEACHER_DIR ?= build/teacher
TEACHER_ARGS ?=
teacher: setup browser
	$(BIN)/python scripts/teacher.py $(TEACHER_DIR) $(TEACHER_ARGS)

figures: setup
	$(BIN)/python scripts/figures.py figures

student: setup
	$(BIN)/python scripts/student.py student

bench: setup browser
	$(BIN)/python bench/benchmark.py

links: setup
	$(BIN)/python scripts/readme_links.py --from-remote
	$(BIN)/python scripts/teacher.py --guide
	$(BIN)/python scripts/student.py student

# uv's universal resolver (installed by the dev lock) with hashes, for Linux, macOS and Windows.
lock: setup
	$(NAV) lock

# Debian's chromium-headless-shell, installed when missing (scripts/brief.py: CHROMIUM says why the shell; it looks at
# the same two paths). Where it cannot be installed (not root, no apt-get) but Debian's full chromium is there, the
# tests, make brief and make teacher use that, more slowly; with neither, this says what to do and fails.
browser:
	@if [ -x /usr/bin/chromium-headless-shell ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && echo "Installing chromium-headless-shell (Debian package) for the browser tests" && \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell >/dev/null; then :; \
	elif [ -x /usr/bin/chromium ]; then echo "Using /usr/bin/chromium (sudo make browser installs the faster chromium-headless-shell)"; \
	else echo "No Chromium for the browser tests: run 'sudo make browser' (Debian), or install Chromium at /usr/bin/chromium-headless-shell or /usr/bin/chromium" >&2; exit 1; fi

clean:
	rm -rf $(VENV) data/.cache build site student figures
