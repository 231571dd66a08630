"""Shared paths and fixtures for the test-suite."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"

ONE_MONTH = "nav_tiltak_en_maaned_2016-11.txt"
GENDER = "nav_tiltak_kjonn_2021-01_2021-05.txt"
AGE = "nav_tiltak_alder_2019-01_2019-12.txt"


# Hypothesis profiles (its own mechanism for this): CI (CI=true, .ci/run) tries 40 examples per property, a
# maintainer's run 12, which keeps `make test` within minutes; NAV_HYPOTHESIS=ci (or dev) chooses by hand.
settings.register_profile("ci", max_examples=40)
settings.register_profile("dev", max_examples=12)
settings.load_profile(os.environ.get("NAV_HYPOTHESIS") or ("ci" if os.environ.get("CI", "").lower() in ("1", "true") else "dev"))


def raw_text(name: str) -> str:
    return (RAW / name).read_text(encoding="utf-8")


def raw_lines(name: str) -> list[str]:
    return raw_text(name).split("\n")


# Markers (registered in pyproject.toml) for choosing tests while editing, e.g. `pytest -m "not slow"`;
# `make test` runs them all. Set here from what a test uses, so the test files need no decorations.
SLOW_FILES = {
    "test_bench.py",
    "test_browser.py",
    "test_site.py",
    "test_doors.py",
    "test_binder.py",
    "test_commands.py",
    "test_student.py",
    "test_readme_links.py",
    "test_brief.py",
    "test_teacher.py",
    "test_new_notebook.py",
    "test_first_view.py",
    "test_voila_pages.py",
    "test_sharing.py",
    "test_student_site.py",
    "test_feedback_nb.py",
}
NOTEBOOK_FILES = {
    "test_commands.py",
    "test_student.py",
    "test_binder.py",
    "test_teacher.py",
    "test_new_notebook.py",
}  # they execute notebooks beyond nbval's run


# make test-binder's files (minutes each); make test leaves them out. `make notebooks` reproducing every notebook byte for
# byte is one of them: in make test, nbval's one run of each notebook does that check (tests/notebook_checks.py).
BINDER_FILES = {"test_binder.py", "test_bench.py", "test_commands.py"}


def pytest_configure(config: pytest.Config) -> None:
    from . import reproduction

    reproduction.start(config)  # `make notebooks` in a copy, in the background (only under nav.py test-binder)


def pytest_unconfigure(config: pytest.Config) -> None:
    from . import reproduction

    reproduction.finish(config)


# Two workers take whole files (--dist loadfile). pytest-xdist hands the files out with the most tests first (its
# default, --loadscope-reorder), so the many small unit tests fill the gaps while the long browser files run; an
# order of our own is not kept by it (a list of the longest files, once kept here, had no effect on the run).


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        name = item.path.name
        if item.path.suffix == ".ipynb":  # nbval's cells
            item.add_marker(pytest.mark.notebooks)
            item.add_marker(pytest.mark.slow)
        if name in SLOW_FILES:
            item.add_marker(pytest.mark.slow)
        if name in NOTEBOOK_FILES:
            item.add_marker(pytest.mark.notebooks)
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
        if name in BINDER_FILES:
            item.add_marker(pytest.mark.binder)


@pytest.fixture(scope="session", autouse=True)
def chart_settings():
    """Charts in tests use the same theme, renderer and data transformer as the notebooks."""
    from helpers import charts

    charts.enable()


@pytest.fixture(scope="session")
def voila(tmp_path_factory):
    """One Voilà server per worker (tests/browser_support.py: voila_server, on a copy of the notebooks) for the test
    files that open Voilà pages: starting one took about 3 s of a core, four times a run. Every page opened on it
    still runs its notebook in a kernel of its own, as a reader's page does; Voilà shuts it down when the page closes."""
    from .browser_support import voila_server

    with voila_server(workdir=tmp_path_factory.mktemp("voila")) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, through Playwright (see tests/browser_support.py): one per worker, as
    pytest-playwright does (starting it took about a second of CPU, 27 times a run). Each test opens its own context
    (tests/browser_support.py: new_session, open_offline), so no cookie or storage is shared between tests, except
    where a module opens a page once for several tests to read (tests/test_site.py: visits, tests/test_voila_pages.py:
    voila_view): each opening runs a notebook or draws every chart again."""
    from playwright.sync_api import sync_playwright

    from .browser_support import launch_chromium

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)  # fails with "run `make browser` ..." when Chromium is missing
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`make site` as README gives it, once per run: the full site and its student edition in site/. test_site.py and
    test_student_site.py may run in different workers; the first to ask builds while holding a lock in the run's
    temporary folder (shared by the workers), the other waits for it and reads the same pages."""
    import fcntl  # POSIX: the suite runs on Linux and macOS

    shared = tmp_path_factory.getbasetemp()
    shared = shared.parent if os.environ.get("PYTEST_XDIST_WORKER") else shared
    with open(shared / "site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        built = shared / "site.built"
        if not built.exists():
            run_make(ROOT, "site")
            built.write_text("make site ran in this run\n", encoding="utf-8")
    return ROOT / "site"


@pytest.fixture
def fresh_checker():
    """The exercise checker as a fresh kernel has it: no wrong tries counted yet, messages in English; left so."""
    from helpers import exercises

    exercises.WRONG_TRIES.clear()
    exercises.language("en")
    yield
    exercises.WRONG_TRIES.clear()
    exercises.language("en")


@pytest.fixture(scope="session")
def participants():
    import helpers

    return helpers.load_participants()


def repository_copy(target: Path) -> Path:
    """A copy of this checkout's files (tracked and new, not ignored) that uses this checkout's .venv.

    The copy keeps the files' times, so `make`'s set-up step sees the environment as up to date and
    installs nothing; the command under test then runs exactly as a reader types it.
    """
    import shutil

    names = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.split("\0")
    for name in filter(None, names):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    (target / ".venv").symlink_to(ROOT / ".venv", target_is_directory=True)
    return target


def reader_env() -> dict[str, str]:
    """This environment without what an enclosing `make` passes down (its variables, e.g. CI's
    `make VENV=.venv-3.13 test-units`) and without the suite's own switch for nbval's kernels
    (NAV_CHECK_EVERY_OPTION: nbval's run already draws every option), so a command runs as a reader's shell would run it."""
    import os

    dropped = ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "VENV", "PYTHON", "NAV_CHECK_EVERY_OPTION")
    return {k: v for k, v in os.environ.items() if k not in dropped}


def run_make(directory: Path, target: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """`make <target>` in a directory, as a reader runs it; fails the test with make's output if it fails."""
    done = subprocess.run(["make", target], cwd=directory, capture_output=True, text=True, timeout=timeout, env=reader_env())
    assert done.returncode == 0, f"`make {target}` failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    assert "pip install" not in done.stdout, f"`make {target}` reinstalled the environment:\n{done.stdout[-1000:]}"
    return done
