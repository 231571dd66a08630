"""A Binder rehearsal on this machine: the environment repo2docker would build, and its server.

repo2docker builds the image from environment.yml alone (it never runs the Makefile), copies the
repository into the user's home and starts the Jupyter server there through ./start. Here:

- :func:`binder_venv`: a fresh virtual environment with Python 3.11 (environment.yml's python) and
  exactly environment.yml's pip section, installed by pip from the repository root as conda does
  (`pip install -r`, dependencies resolved: with hashes on every line pip checks that every dependency
  is listed, with its hash). The collection itself is not installed (pip's hash mode refuses `-e .`):
  ./start puts the repository on PYTHONPATH. Nothing comes from .venv or the Makefile. It is kept in
  .venv-binder/ and rebuilt when environment.yml changes (its sha256 is in .venv-binder/.environment);
  a fresh clone builds it (about 20 s here, with pip's cache).
- :func:`binder_server`: `./start jupyter server` from that environment, rooted at the repository,
  with Voilà's server extension; the culling of idle kernels may be shortened for a test.
- :func:`started`: any command through ./start, as repo2docker runs the server.
- :func:`server_memory` and :func:`kernels`: what the server holds.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import yaml

from .browser_support import Server, _answers, free_port, jupyter_env, stop

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv-binder"


def pip_section() -> list[str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    return next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))


def python_version() -> str:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    return next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python=")).split("=")[1]


def binder_venv() -> tuple[Path, float]:
    """The rehearsal environment (built if missing or stale); returns (its bin/, seconds spent building)."""
    key = hashlib.sha256((ROOT / "environment.yml").read_bytes()).hexdigest()
    stamp = VENV / ".environment"
    if stamp.exists() and stamp.read_text() == key and (VENV / "bin" / "jupyter-server").exists():
        return VENV / "bin", 0.0
    started = time.monotonic()
    python = shutil.which(f"python{python_version()}")
    assert python, f"the Binder rehearsal needs python{python_version()} (environment.yml's python) on PATH"
    shutil.rmtree(VENV, ignore_errors=True)
    subprocess.run([python, "-m", "venv", str(VENV)], check=True)
    requirements = VENV / "environment-pip.txt"
    requirements.write_text("\n".join(pip_section()) + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHONPATH"))}
    result = subprocess.run(
        [str(VENV / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", str(requirements)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise AssertionError(f"environment.yml's pip section does not install:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    stamp.write_text(key)
    return VENV / "bin", time.monotonic() - started


def started(command: list[str]) -> list[str]:
    """A command as Binder runs its server: through ./start (Jupyter's config, templates, PYTHONPATH)."""
    return [str(ROOT / "start"), *command]


def rehearsal_env(workdir: Path, bin_dir: Path) -> dict[str, str]:
    """Throw-away Jupyter directories (nothing from the user's home), the rehearsal environment
    first on PATH, and no JUPYTER_PATH: ./start sets what the server needs."""
    env = jupyter_env(workdir)
    env.pop("JUPYTER_PATH", None)
    env["PATH"] = f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"
    env.pop("VIRTUAL_ENV", None)
    return env


@contextlib.contextmanager
def binder_server(
    workdir: Path,
    bin_dir: Path,
    cull_idle_timeout: int | None = None,
    cull_interval: int | None = None,
    python_bin: Path | None = None,
):
    """`./start jupyter server` rooted at the repository, as Binder starts it; always stopped on exit."""
    port, token = free_port(), "nav-binder-token"
    command = [
        str(ROOT / "start"),
        str(bin_dir / "jupyter"),
        "server",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={ROOT}",
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")
    if cull_idle_timeout is not None:
        command.append(f"--MappingKernelManager.cull_idle_timeout={cull_idle_timeout}")
    if cull_interval is not None:
        command.append(f"--MappingKernelManager.cull_interval={cull_interval}")
    log = workdir / f"binder-{port}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=rehearsal_env(workdir, bin_dir),
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    server = Server("binder", process, port, token, workdir, ROOT, log, command)
    try:
        deadline = time.monotonic() + 60
        while not _answers(f"{server.base}/api/status?token={token}"):
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"the Binder-style server did not start\n{server.log_tail()}")
            time.sleep(0.2)
        yield server
    finally:
        stop(process)


def kernels(server: Server) -> list[dict]:
    with urllib.request.urlopen(f"{server.base}/api/kernels?token={server.token}", timeout=10) as response:
        return json.load(response)


def server_memory(server: Server) -> dict[str, float]:
    """Resident memory (MB) of the server process and of its kernels (its child processes)."""
    import psutil

    parent = psutil.Process(server.process.pid)
    children = parent.children(recursive=True)
    rss = lambda p: p.memory_info().rss / 2**20  # noqa: E731
    kernels_mb = 0.0
    for child in children:
        with contextlib.suppress(psutil.Error):
            kernels_mb += rss(child)
    return {
        "server_mb": round(rss(parent), 1),
        "children_mb": round(kernels_mb, 1),
        "children": len(children),
        "total_mb": round(rss(parent) + kernels_mb, 1),
    }


def dashboard_views(browser, url: str, count: int, first_chart: str) -> list[float]:
    """Open the page ``count`` times in a row: open, wait for the first chart, close the tab (with its
    beforeunload handler, which sends Voilà's shutdown request).
    Returns each view's first-chart time (ms)."""
    from .browser_support import new_session, wait_voila_chart

    times = []
    for _ in range(count):
        session = new_session(browser)
        try:
            session.page.goto(url, wait_until="commit")
            times.append(wait_voila_chart(session.page, [first_chart], what="dashboard view")["t"])
            # Close the tab as a reader does: the page's beforeunload handler sends Voilà's shutdown request.
            session.page.close(run_before_unload=True)
            time.sleep(0.2)
        finally:
            session.close()
    return times


def wait_for_kernels(server: Server, at_most: int, within: float) -> list[tuple[float, int]]:
    """Poll the kernel count until it is at most ``at_most`` or ``within`` seconds have passed;
    returns [(seconds since the call, kernels alive)] at each change."""
    started, seen = time.monotonic(), []
    while True:
        alive = len(kernels(server))
        elapsed = round(time.monotonic() - started, 1)
        if not seen or seen[-1][1] != alive:
            seen.append((elapsed, alive))
        if alive <= at_most or elapsed >= within:
            return seen
        time.sleep(1.0)
