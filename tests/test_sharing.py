"""Safe to share a screen: the commands that serve the dashboard to others.

- README's headless `make dashboard` command, run exactly as written: the server starts, opens no browser,
  serves the dashboard, and has no terminal (whoever has the URL's token gets files and kernels, not a shell).
- `make present` (Voilà alone, for a room): serves the dashboard with its charts, and nothing of a Jupyter
  server: no terminals, no contents API, no JupyterLab.

The Voilà pages themselves (print, phone, links, axe) are tests/test_voila_pages.py's.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit


from .browser_support import (
    POLL_MS,
    TIMEOUT_S,
    free_port,
    http_status,
    jupyter_env,
    new_session,
    stop,
    wait_voila_chart,
)
from .conftest import ROOT, reader_env

URL = re.compile(r"(http://(?:127\.0\.0\.1|localhost):\d+/\S*)")


def shell_env(workdir: Path, **extra: str) -> dict[str, str]:
    """A reader's shell (no outer make's variables), Jupyter's directories in ``workdir``, and a 'browser'
    that records any URL it is asked to open."""
    recorder = workdir / "browser.sh"
    recorder.write_text(f'#!/bin/sh\nprintf "%s\\n" "$1" >> "{workdir / "opened.txt"}"\n', encoding="utf-8")
    recorder.chmod(0o755)
    dropped = (set(os.environ) - set(reader_env())) | {"JUPYTER_PATH"}
    env = {k: v for k, v in jupyter_env(workdir).items() if k not in dropped}
    env.update(PATH=os.environ.get("PATH", ""), BROWSER=str(recorder), **extra)
    return env


@contextmanager
def shell_running(command: str, workdir: Path, **extra: str) -> Iterator[tuple[str, Path]]:
    """``command`` in a shell in the repository, in the background, until it prints a local URL; yields (URL, log)."""
    log = workdir / "command.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            ["bash", "-c", command],
            cwd=ROOT,
            env=shell_env(workdir, **extra),
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    try:
        started = time.monotonic()
        while not (found := URL.findall(log.read_text(errors="replace"))):
            assert process.poll() is None, (
                f"`{command}` stopped (exit {process.returncode}):\n{log.read_text(errors='replace')[-3000:]}"
            )
            assert time.monotonic() - started < TIMEOUT_S * 2, (
                f"`{command}` printed no URL:\n{log.read_text(errors='replace')[-3000:]}"
            )
            time.sleep(0.3)
        url = next((u for u in found if "127.0.0.1" in u), found[0])
        base = f"{urlsplit(url).scheme}://{urlsplit(url).netloc}"
        while http_status(f"{base}/") >= 500 or not log.read_text(errors="replace"):
            time.sleep(0.3)
        yield url, log
    finally:
        stop(process)


def readme_headless_dashboard() -> str:
    """README's headless `make dashboard` command, as written."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.findall(r"`([^`]*make dashboard LAB_ARGS=[^`]*)`", text)
    assert found, "README gives no headless `make dashboard` command"
    return found[0]


def test_readme_headless_dashboard_command_runs_and_serves_no_terminal(tmp_path):
    command = readme_headless_dashboard()
    token = "nav-sharing-token"
    with shell_running(command, tmp_path, JUPYTER_TOKEN=token) as (url, log):
        base = f"http://{urlsplit(url).netloc}"
        assert http_status(f"{base}/api/status", token) == 200
        assert http_status(f"{base}/voila/render/notebooks/dashboard.ipynb?token={token}") == 200
        assert http_status(f"{base}/api/terminals", token) == 404, "the server offers terminals"
        assert http_status(f"{base}/api/contents", token) == 200  # what the token does give: the files (README says so)
        assert not (tmp_path / "opened.txt").exists(), f"`{command}` opened a browser"


def test_make_present_serves_the_dashboard_with_voila_alone(browser, tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make present" in readme and "terminal" in readme
    port = free_port()
    with shell_running(f"make present VOILA_PORT={port} VOILA_ARGS=--no-browser", tmp_path) as (url, log):
        base = f"http://127.0.0.1:{port}"
        for path in ("/api/terminals", "/api/contents", "/lab", "/terminals/1"):
            assert http_status(base + path) == 404, f"Voilà alone serves {path}"
        session = new_session(browser)
        try:
            session.page.goto(f"{base}/voila/render/dashboard.ipynb", wait_until="commit")
            wait_voila_chart(session.page, [], what="`make present`: the dashboard's first chart")
            session.page.wait_for_function("document.readyState === 'complete'", timeout=TIMEOUT_S * 1000, polling=POLL_MS)
            links = session.page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.href)")
            local = sorted(
                {u.split("#")[0] for u in links if urlsplit(u).netloc == f"127.0.0.1:{port}" and "/voila/render/" in u}
            )
            assert any(u.endswith("/glossary.ipynb") for u in local) and any("00_start_here.ipynb" in u for u in local), local
            assert {u: http_status(u) for u in local if u.endswith(("glossary.ipynb", "00_start_here.ipynb"))} == {
                u: 200 for u in local if u.endswith(("glossary.ipynb", "00_start_here.ipynb"))
            }
            assert session.network.external == []
        finally:
            session.close()
