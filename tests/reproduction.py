"""`make notebooks` in a copy of the working tree, started in the background when `make test-binder` starts.

Reproducing every notebook is one long command (it executes them one after another), so the test that
checks it (tests/test_commands.py) would otherwise run after the Binder rehearsal and `make bench`, with one
core idle all along. `nav.py test-binder` (what `make test-binder` runs) sets NAV_REPRODUCE_EARLY=1; then the
process that controls the run (not an xdist worker) copies the working tree, keeps the notebooks as they were
in the copy, and starts `make notebooks` there in the background, as a reader's shell would run it
(tests.conftest.reader_env). The test waits for it and compares. Without that variable (e.g. `pytest
tests/test_commands.py`) the test runs the same steps itself. (`make test` does not run it: there nbval's one
run of each notebook checks the same, see tests/notebook_checks.py.)
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

EARLY = "NAV_REPRODUCE_EARLY"  # set by nav.py test
FOLDER = "NAV_REPRODUCTION"  # the background reproduction's folder, passed to the workers by the environment
TIMEOUT_S = 1200.0


def prepare(folder: Path) -> Path:
    """A copy of the working tree in ``folder``/repo, and its notebooks as they are now in ``folder``/before."""
    from .conftest import repository_copy

    copy = repository_copy(folder / "repo")
    (folder / "before").mkdir()
    for path in (copy / "notebooks").glob("*.ipynb"):
        shutil.copy2(path, folder / "before" / path.name)
    return copy


def launch(folder: Path) -> subprocess.Popen:
    """`make notebooks` in the copy, in the background; its exit code goes to ``folder``/exit when it ends."""
    from .conftest import reader_env

    copy = prepare(folder)
    # The copy's own `helpers` (the borrowed .venv's editable install points at the working tree's).
    env = {**reader_env(), "PYTHONPATH": str(copy)}
    with (folder / "make.log").open("wb") as log:
        return subprocess.Popen(
            ["sh", "-c", f'make notebooks; echo $? > "{folder}/exit.tmp" && mv "{folder}/exit.tmp" "{folder}/exit"'],
            cwd=copy,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )


def start(config) -> None:
    """pytest_configure: in the controlling process only, and only when nav.py test asks for it."""
    if hasattr(config, "workerinput") or FOLDER in os.environ or not os.environ.get(EARLY):
        return
    folder = Path(tempfile.mkdtemp(prefix="nav-reproduction-"))
    config._nav_reproduction = (launch(folder), folder)
    os.environ[FOLDER] = str(folder)  # the workers are started after this and inherit it


def finish(config) -> None:
    """pytest_unconfigure: stop the background command if the run ended first, and remove the copy."""
    process, folder = getattr(config, "_nav_reproduction", (None, None))
    if process is None:
        return
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    os.environ.pop(FOLDER, None)
    shutil.rmtree(folder, ignore_errors=True)


def result(tmp_path: Path) -> tuple[Path, Path, int, str]:
    """(the copy, its notebooks before, make's exit code, make's output): the background run's, waited
    for, or this process's own run when there is none."""
    if FOLDER in os.environ:
        folder = Path(os.environ[FOLDER])
        deadline = time.monotonic() + TIMEOUT_S
        while not (folder / "exit").exists():
            assert time.monotonic() < deadline, f"`make notebooks` did not end within {TIMEOUT_S:.0f} s"
            time.sleep(1)
    else:
        folder = tmp_path
        launch(folder).wait(timeout=TIMEOUT_S)
    code = int((folder / "exit").read_text().strip())
    return folder / "repo", folder / "before", code, (folder / "make.log").read_text(errors="replace")
