#!/usr/bin/env python3
"""The collection's commands without make: Windows, macOS and Linux alike.

    python nav.py lab          set up .venv (first time only) and open JupyterLab at notebooks/00_start_here.ipynb
    python nav.py setup        only the set-up: .venv with this Python, the pinned and hashed locks, the collection
    python nav.py dashboard    the stakeholders' dashboard as a Voilà page (no code shown)
    python nav.py student-lab  JupyterLab on the student copies (student/, no solutions), for a class
    python nav.py test         set up, then every test but the Binder rehearsal (browser tests need Chromium: Linux)
    python nav.py test-binder  the Binder rehearsal (environment.yml's environment, its server, 30 dashboard views) and make bench
    python nav.py check 05     one notebook: its nbval run and its tests, in under a minute
    python nav.py lock         re-pin requirements*.lock and environment.yml (uv's universal resolver)

On Windows type ``py nav.py lab`` (the Python launcher). The Makefile calls this file for its set-up and for
``make lab``, ``make test``, ``make test-binder``, ``make check`` and ``make lock``, so each exists once. Only Linux is tested (tests/test_doors.py
runs README's ``python3 nav.py lab`` as written); Windows paths (``.venv\\Scripts\\python.exe``) are handled here.

Options before the command: ``--venv DIR`` (default .venv; CI uses a second one for a second Python).
Anything after ``lab``/``dashboard`` goes to Jupyter (e.g. ``--no-browser``); after ``test``/``check`` to pytest.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SUPPORTED = ((3, 11), (3, 13))  # the locks install unchanged on 3.11, 3.12 and 3.13
LOCKS = ("requirements.lock", "requirements-dev.lock")
START = "00_start_here.ipynb"
NBVAL = ["--nbval", "--nbval-current-env", "--nbval-sanitize-with", "tests/nbval_sanitize.cfg", "-p", "tests.notebook_checks"]
PYTEST = ["-q", "-p", "no:cacheprovider"]
PARALLEL = ["-n", "2", "--dist", "loadfile"]


def say(text: str) -> None:
    print(text, flush=True)


def venv_python(venv: Path) -> Path:
    """The environment's interpreter: .venv/bin/python, or .venv\\Scripts\\python.exe on Windows."""
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def inputs_digest() -> str:
    """What the installed environment depends on: the locks and pyproject.toml (their contents, so a copy or
    a fresh clone of the same files needs no new install)."""
    digest = hashlib.sha256()
    for name in (*LOCKS, "pyproject.toml"):
        digest.update((ROOT / name).read_bytes().replace(b"\r\n", b"\n"))  # a Windows checkout is the same set-up
    return digest.hexdigest()


def run(command: list[str | Path], **kwargs) -> None:
    """Run a command, showing it; stop with its exit code if it fails."""
    say("$ " + " ".join(str(part) for part in command))
    done = subprocess.run([str(part) for part in command], cwd=kwargs.pop("cwd", ROOT), **kwargs)
    if done.returncode:
        raise SystemExit(done.returncode)


def setup(venv: Path) -> Path:
    """Create ``venv`` with this Python (if missing) and install the locks with their hashes, each package
    exactly as pinned (``--no-deps``), then the collection itself; skipped when nothing changed since.
    Returns the environment's python."""
    python = venv_python(venv)
    if not python.exists():
        if not SUPPORTED[0] <= sys.version_info[:2] <= SUPPORTED[1]:
            raise SystemExit(
                f"The locks are for Python 3.11, 3.12 or 3.13, not {sys.version.split()[0]}: run this file "
                "with one of them (Windows: py -3.12 nav.py lab; elsewhere: python3.12 nav.py lab)"
            )
        say(f"Creating {venv.name} with Python {sys.version.split()[0]} ({sys.executable})")
        run([sys.executable, "-m", "venv", venv])
    stamp = venv / ".installed"
    digest = inputs_digest()
    if stamp.exists() and stamp.read_text(encoding="utf-8").strip() == digest:
        return python
    home = venv.resolve().parent
    if home != ROOT.resolve():  # a copy that borrows another checkout's .venv (the tests make such copies)
        raise SystemExit(
            f"{venv} is {home}'s environment, set up from other locks than this tree's: installing here "
            f"would change that checkout's set-up (and point its `helpers` here). Run `python3 nav.py setup` in {home}."
        )
    pip = [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    run([*pip, "--require-hashes", "--no-deps", *(arg for lock in LOCKS for arg in ("-r", lock))])
    # The collection's `helpers` package, editable: a local path cannot be hashed, so it is a step of its own.
    run([*pip, "--no-deps", "-e", "."])
    stamp.write_text(digest + "\n", encoding="utf-8")
    return python


def allow_root() -> list[str]:
    """JupyterLab and Jupyter Server refuse to run as root without --allow-root (CI and containers run as root)."""
    return ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []


def lab_command(python: Path, extra: list[str], folder: str = "notebooks") -> list[str | Path]:
    """JupyterLab with ``folder`` as the file browser's root, opening its 00; the URL it prints (headless,
    --no-browser) opens 00 too, not the Launcher."""
    return [
        python,
        "-m",
        "jupyterlab",
        *allow_root(),
        f"--ServerApp.root_dir={folder}",
        f"--LabApp.default_url=/lab/tree/{START}",
        *extra,
        f"{folder}/{START}",
    ]


SERVER_CONFIG = ROOT / "jupyter-config"  # Jupyter Server's: kernel culling, Voilà's template and _xsrf cookie
LAB_CONFIG = SERVER_CONFIG / "jupyterlab"  # JupyterLab's: no announcements (no news question, no update check)


def prepend(value: str, old: str | None) -> str:
    """``value`` first on a search path that may already hold ``old``."""
    return value + (os.pathsep + old if old else "")


def jupyter_paths(env: dict[str, str]) -> dict[str, str]:
    """What ./start sets (Binder runs it; bash only): Jupyter reads the collection's config and templates."""
    return {
        **env,
        "JUPYTER_CONFIG_PATH": prepend(os.pathsep.join([str(SERVER_CONFIG), str(LAB_CONFIG)]), env.get("JUPYTER_CONFIG_PATH")),
        "JUPYTER_PATH": prepend(str(ROOT), env.get("JUPYTER_PATH")),
        "PYTHONPATH": prepend(str(ROOT), env.get("PYTHONPATH")),
    }


def lab_env() -> dict[str, str]:
    """This environment, with the collection's JupyterLab configuration (LAB_CONFIG) first on JUPYTER_CONFIG_PATH.
    Not the server's part (SERVER_CONFIG: kernel culling for Voilà's pages): a learner's kernel lives until
    JupyterLab ends it."""
    return {**os.environ, "JUPYTER_CONFIG_PATH": prepend(str(LAB_CONFIG), os.environ.get("JUPYTER_CONFIG_PATH"))}


def dashboard_command(python: Path, extra: list[str]) -> list[str | Path]:
    """Jupyter Server with Voilà's extension rooted at the repository, as `make dashboard` and Binder run it."""
    browser = [] if any("browser" in arg for arg in extra) else ["--ServerApp.open_browser=True"]
    return [
        python,
        "-m",
        "jupyter_server",
        *allow_root(),
        f"--ServerApp.root_dir={ROOT}",
        "--ServerApp.terminals_enabled=False",
        *browser,
        "--ServerApp.default_url=/voila/render/notebooks/dashboard.ipynb",
        *extra,
    ]


def notebooks() -> list[str]:
    """Every notebook the suite runs with nbval: the numbered ones, the dashboard and the glossary page."""
    folder = ROOT / "notebooks"
    numbered = sorted(p for p in folder.glob("[0-9]*.ipynb"))
    return [
        str(p.relative_to(ROOT)).replace(os.sep, "/")
        for p in (*numbered, folder / "dashboard.ipynb", folder / "glossary.ipynb")
        if p.exists()
    ]


def timed(what: str, command: list[str], env: dict[str, str] | None = None) -> int:
    """Run pytest, then say how long it took and how busy the machine was."""
    started, before = time.monotonic(), load()
    done = subprocess.run(command, cwd=ROOT, env=env)
    minutes, seconds = divmod(round(time.monotonic() - started), 60)
    say(
        f"{what}: {minutes} min {seconds:02d} s on {os.cpu_count()} cores (load average {before} at the start, {load()} at the end)"
    )
    return done.returncode


def suite_env() -> dict[str, str]:
    """This environment for the suite, with Python's bytecode cache allowed. Where PYTHONDONTWRITEBYTECODE is set
    (some containers set it), each of the ~80 processes of a run (kernels, make commands, the two workers) compiled
    the collection's modules again: collecting the tests took 6 s instead of 3 in each worker, and each kernel took
    0.2 s longer to import helpers. The cache goes to __pycache__ folders, which git ignores."""
    return {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def test(python: Path, extra: list[str]) -> int:
    """Every test (unit, nbval on every notebook, browser, README's commands) but the Binder rehearsal, in two workers."""
    return timed(
        "The suite",
        [str(python), "-m", "pytest", *PYTEST, *PARALLEL, "-m", "not binder", "tests", *notebooks(), *NBVAL, *extra],
        suite_env(),
    )


def test_binder(python: Path, extra: list[str]) -> int:
    """The Binder rehearsal (tests/test_binder.py), `make bench` as README gives it (tests/test_bench.py) and `make
    notebooks` reproducing every notebook byte for byte (tests/test_commands.py), one worker: their servers and views
    run one after another and take minutes. `make notebooks` runs in a copy, in the background from the start
    (tests/reproduction.py), on the core the rehearsal leaves free."""
    env = {**suite_env(), "NAV_REPRODUCE_EARLY": "" if extra else "1"}
    return timed(
        "The Binder rehearsal, make bench and make notebooks",
        [
            str(python),
            "-m",
            "pytest",
            *PYTEST,
            "-m",
            "binder",
            "tests/test_binder.py",
            "tests/test_bench.py",
            "tests/test_commands.py",
            *extra,
        ],
        env,
    )


def load() -> str:
    """The machine's 1-minute load average, where the system tells it (not on Windows)."""
    return f"{os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else "unknown"


def check(python: Path, number: str, extra: list[str]) -> int:
    """One notebook while editing it: its nbval run, tests/test_NN_*.py, and the tests parametrised by
    notebook or exercise (tests/test_notebooks.py, tests/test_answers.py) filtered by its name."""
    number = number.zfill(2)
    matches = sorted((ROOT / "notebooks").glob(f"{number}_*.ipynb"))
    if len(matches) != 1:
        raise SystemExit(f"NB={number}: expected one notebooks/{number}_*.ipynb, found {[p.name for p in matches]}")
    stem = matches[0].stem
    own = [str(p.relative_to(ROOT)) for p in sorted((ROOT / "tests").glob(f"test_{number}_*.py"))]
    started = time.monotonic()
    done = subprocess.run(
        [
            str(python),
            "-m",
            "pytest",
            *PYTEST,
            *PARALLEL,
            f"notebooks/{stem}.ipynb",
            *own,
            "tests/test_notebooks.py",
            "tests/test_answers.py",
            "-k",
            f"{stem} or {number}_ or {number}.",
            *NBVAL,
            *extra,
        ],
        cwd=ROOT,
        env=suite_env(),
    )
    say(f"{stem}: checked in {time.monotonic() - started:.0f} s")
    return done.returncode


COMMANDS = ("setup", "lab", "student-lab", "dashboard", "test", "test-binder", "check", "lock")


def parse(argv: list[str]) -> tuple[str, str, list[str]]:
    """(venv folder, command, the arguments after the command, passed on unchanged)."""
    venv, rest = ".venv", list(argv)
    while rest and rest[0] not in COMMANDS:
        option = rest.pop(0)
        if option == "--venv" and rest:
            venv = rest.pop(0)
        elif option.startswith("--venv="):
            venv = option.split("=", 1)[1]
        else:
            raise SystemExit(__doc__ + f"\nnot understood: {option!r}")
    if not rest:
        raise SystemExit(__doc__)
    return venv, rest[0], rest[1:]


def main(argv: list[str]) -> int:
    venv_name, command, args = parse(argv)
    venv = Path(venv_name) if Path(venv_name).is_absolute() else (ROOT / venv_name).resolve()
    python = setup(venv)
    if command == "setup":
        return 0
    if command in ("lab", "student-lab"):
        folder = "student" if command == "student-lab" else "notebooks"
        return subprocess.run([str(part) for part in lab_command(python, args, folder)], cwd=ROOT, env=lab_env()).returncode
    if command == "dashboard":
        env = jupyter_paths(dict(os.environ))
        return subprocess.run([str(part) for part in dashboard_command(python, args)], cwd=ROOT, env=env).returncode
    if command == "test":
        return test(python, args)
    if command == "test-binder":
        return test_binder(python, args)
    if command == "check":
        if not args:
            raise SystemExit("which notebook? e.g. python nav.py check 05")
        return check(python, args[0], args[1:])
    return subprocess.run([str(python), "scripts/lock.py"], cwd=ROOT).returncode


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        sys.exit(130)
