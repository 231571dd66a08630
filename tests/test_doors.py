"""The ways in that README gives, run exactly as written: `make lab`, `make dashboard`, and the set-up
without make, `python3 nav.py lab` (Windows: `py nav.py lab`; only Linux is tested).

Each test runs the plain command (`make lab`, `make dashboard`) in the repository, in the background,
with only environment variables to make it headless: JUPYTER_PORT (a free port), JUPYTER_TOKEN, the
usual Jupyter directories pointed at a temporary folder, and BROWSER set to a script that records the
URL the command would open in the reader's browser. Headless Chromium then opens that URL, offline.

- `make lab LAB_ARGS=--no-browser` (headless): the URL it prints opens JupyterLab with notebooks/ as
  the file browser's root and 00_start_here open (not the Launcher), and 00's first chart is painted
  (from its stored outputs, no Run needed). As root, this also checks --allow-root.
- `python3 nav.py lab` (what `make lab` runs), in a copy of the repository that uses this checkout's
  .venv: the URL it opens in the reader's browser shows the same.
- `make dashboard`: the dashboard's charts draw, and every same-site link on the page (Contents,
  Glossary, the notebooks) answers below 400 with the reader's cookies.

Figures are printed (run with -s).
"""

from __future__ import annotations

import contextlib
import html
import os
import re
import subprocess
import time
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

from .browser_support import (
    POLL_MS,
    DASHBOARD_FIRST_CHART,
    LAB_READY,
    NEWS_PROMPT,
    BrowserError,
    dismiss_dialogs,
    free_port,
    jupyter_env,
    new_session,
    stop,
    wait_chart,
    wait_voila_chart,
    _answers,
)
from .conftest import ROOT, reader_env, repository_copy

START_CHART = "Participants by status group"  # 00_start_here's first chart
TIMEOUT_S = 90.0


def user_env(workdir: Path, port: int, token: str, opened: Path) -> dict[str, str]:
    """A reader's shell: no make variables from an outer make, the port and token as environment
    variables (Jupyter Server reads JUPYTER_PORT and JUPYTER_TOKEN), and a 'browser' that writes
    down the URL it is asked to open."""
    recorder = workdir / "browser.sh"
    recorder.write_text(f'#!/bin/sh\nprintf "%s\\n" "$1" >> "{opened}"\n', encoding="utf-8")
    recorder.chmod(0o755)
    dropped = (set(os.environ) - set(reader_env())) | {"JUPYTER_PATH"}  # an outer make's variables; Voilà's template path
    env = {k: v for k, v in jupyter_env(workdir).items() if k not in dropped}
    # The test reads JupyterLab's state from window.jupyterapp; set in the (temporary) user config,
    # so the command line stays README's. Nothing else is set: news and update checks are as a reader gets them.
    (workdir / "config" / "jupyter_lab_config.json").write_text('{"LabApp": {"expose_app_in_browser": true}}', encoding="utf-8")
    env["PATH"] = os.environ.get("PATH", "")  # not the test's venv first: make must find its own
    env.update(JUPYTER_PORT=str(port), JUPYTER_TOKEN=token, BROWSER=str(recorder))
    return env


PRINTED_URL = re.compile(r"http://127\.0\.0\.1:\d+/\S*")


def printed_urls(log: Path) -> list[str]:
    """The URLs the server printed for the reader to open (headless: the only way in)."""
    return PRINTED_URL.findall(log.read_text(errors="replace"))


@contextlib.contextmanager
def running(command: list[str], workdir: Path, cwd: Path = ROOT, browser_opens: bool = True):
    """A README command in the background; yields (base URL, token, URL opened or printed, log)."""
    port, token = free_port(), "nav-doors-token"
    opened, log = workdir / "opened.txt", workdir / "command.log"
    shown = " ".join(command)
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=user_env(workdir, port, token, opened),
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    try:
        started, base = time.monotonic(), f"http://127.0.0.1:{port}"
        while not (opened.exists() and opened.read_text().strip() if browser_opens else printed_urls(log)):
            if process.poll() is not None or time.monotonic() - started > TIMEOUT_S:
                raise AssertionError(
                    f"`{shown}` did not start a server and {'open a browser' if browser_opens else 'print its URL'} "
                    f"within {TIMEOUT_S:.0f} s (exit {process.poll()})\n--- log ---\n{log.read_text(errors='replace')[-4000:]}"
                )
            time.sleep(0.2)
        while not _answers(f"{base}/api/status?token={token}"):  # the URL is printed as the server starts listening
            assert process.poll() is None and time.monotonic() - started < TIMEOUT_S, log.read_text(errors="replace")[-3000:]
            time.sleep(0.2)
        if browser_opens:
            url = opened.read_text().split()[0]
            if url.startswith("file://"):  # Jupyter's redirect page (it keeps the token out of the process list)
                url = html.unescape(re.search(r'url=([^"]+)"', Path(urlsplit(url).path).read_text(encoding="utf-8"))[1])
        else:  # the token came from JUPYTER_TOKEN, so the server prints "token=..." in its place
            url = printed_urls(log)[0].replace("token=...", f"token={token}")
        print(
            f"\n`{shown}`: server answered and {'opened' if browser_opens else 'printed'} {url.replace(token, '<token>')} "
            f"{time.monotonic() - started:.1f} s after the command"
        )
        yield base, token, url, log
    finally:
        stop(process)


def make_running(target: str, workdir: Path):
    return running(["make", target], workdir)


def open_start_here(browser, url: str, log: Path, what: str) -> None:
    """Chromium opens ``url``: 00_start_here is the current notebook, its kernel idle, its first chart painted,
    and the file browser's root is notebooks/."""
    assert urlsplit(url).path.endswith("/lab/tree/00_start_here.ipynb"), url
    session = new_session(browser)
    try:
        page = session.page
        page.goto(url, wait_until="commit")
        deadline, dialogs = time.monotonic() + TIMEOUT_S, []
        while True:  # the notebook's path relative to the file browser's root: notebooks/ is the root
            try:
                ready = page.wait_for_function(LAB_READY, arg="00_start_here.ipynb", timeout=2000, polling=100).json_value()
                break
            except Exception as error:
                dialogs += dismiss_dialogs(page)
                if time.monotonic() > deadline:
                    raise BrowserError(
                        f"{what}: 00_start_here.ipynb did not open with an idle kernel; dialogs {dialogs}\n"
                        f"{log.read_text(errors='replace')[-3000:]}"
                    ) from error
        chart = wait_chart(page, [START_CHART], what=f"{what}: 00's first chart")
        listing = page.evaluate("() => [...document.querySelectorAll('.jp-DirListing-item')].map(e => e.title || e.innerText)")
        print(
            f"{what}: 00 open with an idle kernel at {ready['t']:.0f} ms, its chart painted at {chart['t']:.0f} ms; "
            f"{len(session.network.requests)} requests, dialogs {dialogs}"
        )
        assert any("00_start_here.ipynb" in item for item in listing), f"file browser shows {listing[:5]}"
        assert not any(item.strip().startswith("notebooks") for item in listing), "the file browser's root is not notebooks/"
        assert session.network.external == []
        assert session.page_errors == []
        assert_no_news_prompt(page, session.network.requests, what)
    finally:
        session.close()


ANNOUNCEMENTS = "@jupyterlab/apputils-extension:announcements"  # JupyterLab 4's plugin that asks, fetches news, checks updates


def assert_no_news_prompt(page, requests: list[str], what: str) -> None:
    """No "official Jupyter news?" question: JupyterLab asks it once its layout is restored (long before 00's chart
    is painted) unless its announcements plugin is switched off, as jupyter-config/jupyterlab/labconfig/page_config.json does.
    The plugin is also what asks the server for news and updates (which the server fetches from the internet)."""
    toasts = page.evaluate("() => [...document.querySelectorAll('.Toastify__toast')].map(toast => toast.innerText)")
    assert not any(NEWS_PROMPT in text for text in toasts), f"{what}: JupyterLab asks about news: {toasts}"
    # Disabled, not just absent: JupyterLab lists a disabled plugin only if it exists (a renamed one would not match).
    disabled = page.evaluate("() => window.jupyterapp.info.disabled.matches")
    assert ANNOUNCEMENTS in disabled, (
        f"{what}: JupyterLab's {ANNOUNCEMENTS} is not disabled: {disabled} (page_config.json not read?)"
    )
    assert not page.evaluate("(id) => window.jupyterapp.hasPlugin(id)", ANNOUNCEMENTS), f"{what}: {ANNOUNCEMENTS} is loaded"
    asked = [url for url in requests if "/lab/api/news" in url or "/lab/api/update" in url]
    assert asked == [], f"{what}: the page asked the server for news or updates: {asked}"


def test_make_lab_headless_prints_a_url_that_opens_start_here(browser, tmp_path):
    """README: `JUPYTER_PORT=8890 make lab LAB_ARGS=--no-browser`, then open the URL it prints: that URL opens
    00 (not the Launcher) with its chart. `make lab` without --no-browser runs the same command and opens
    the same URL in the reader's browser (see the `python3 nav.py lab` test below, which the Makefile calls)."""
    with running(["make", "lab", "LAB_ARGS=--no-browser"], tmp_path, browser_opens=False) as (base, token, url, log):
        assert urlsplit(url).path == "/lab/tree/00_start_here.ipynb", url
        assert not (tmp_path / "opened.txt").exists(), "--no-browser opened a browser"
        open_start_here(browser, url, log, "`make lab LAB_ARGS=--no-browser`")


def readme_no_make_command() -> list[str]:
    """README's command for a set-up without make, on Linux and macOS (Windows: the same with `py`)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.findall(r"^(python3 nav\.py lab)\b", text, flags=re.M)
    assert found, "README gives no `python3 nav.py lab` line"
    assert re.search(r"^py nav\.py lab\b", text, flags=re.M), "README gives no Windows command (`py nav.py lab`)"
    return found[0].split()


def test_no_make_set_up_opens_start_here(browser, tmp_path):
    """README's command without make, as written, in a copy of the repository (it uses this checkout's .venv,
    which is set up: nothing is installed) on Linux: JupyterLab opens 00, as `make lab` does."""
    copy = repository_copy(tmp_path / "repo")
    (tmp_path / "jupyter").mkdir()
    with running(readme_no_make_command(), tmp_path / "jupyter", cwd=copy) as (base, token, url, log):
        assert "pip install" not in log.read_text(errors="replace"), "the set-up installed again in a copy of a set-up checkout"
        open_start_here(browser, url, log, "`python3 nav.py lab`")


def same_site_links(page, base_host: str) -> list[str]:
    hrefs = page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.href)")
    links = {
        urldefrag(h)[0]
        for h in hrefs
        if urlsplit(h).hostname in ("127.0.0.1", "localhost") and urlsplit(h).port == urlsplit(base_host).port
    }
    return sorted(links)


def check_links(session, links: list[str]) -> dict[str, int]:
    """GET each link with the page's cookies (a Voilà page streams: its status comes first)."""
    statuses = {}
    for link in links:
        response = session.context.request.get(link, timeout=TIMEOUT_S * 1000)
        statuses[link] = response.status
    return statuses


def test_make_dashboard_draws_its_charts_and_every_link_works(browser, tmp_path):
    with make_running("dashboard", tmp_path) as (base, token, url, log):
        assert urlsplit(url).path.endswith("/voila/render/notebooks/dashboard.ipynb"), url
        session = new_session(browser)
        try:
            page = session.page
            page.goto(url, wait_until="commit")
            first = wait_voila_chart(page, [DASHBOARD_FIRST_CHART], timeout=TIMEOUT_S, what="`make dashboard`: first chart")
            page.wait_for_function("document.readyState === 'complete'", timeout=TIMEOUT_S * 1000, polling=POLL_MS)
            page.wait_for_function(
                "document.querySelectorAll('.vega-embed').length >= 3", timeout=TIMEOUT_S * 1000, polling=POLL_MS
            )
            charts = page.evaluate("() => document.querySelectorAll('.vega-embed').length")
            links = same_site_links(page, base)
            statuses = check_links(session, links)
            shown = {
                link.split("?")[0].replace(base.replace("127.0.0.1", "localhost"), "").replace(base, ""): code
                for link, code in statuses.items()
            }
            print(f"`make dashboard`: first chart at {first['t']:.0f} ms, {charts} charts; same-site links: {shown}")
            assert charts >= 3
            assert links, "the dashboard has no links to the collection"
            assert {link: code for link, code in statuses.items() if code >= 400} == {}
            for page_name in ("00_start_here.ipynb", "glossary"):
                assert any(page_name in link for link in links), f"no working link to {page_name}: {links}"
            assert session.network.external == []
            assert session.js_errors() == [] and session.output_errors() == []
        finally:
            session.close()


def test_the_glossary_page_for_voila_is_glossary_md():
    """Voilà renders notebooks, not Markdown: the dashboard's Glossary link opens notebooks/glossary.ipynb,
    which scripts/write_glossary.py writes from the same text as glossary.md."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("write_glossary", ROOT / "scripts" / "write_glossary.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = (ROOT / "notebooks" / "glossary.md").read_text(encoding="utf-8")
    assert (ROOT / "notebooks" / "glossary.ipynb").read_text(encoding="utf-8") == module.glossary_notebook(text), (
        "run .venv/bin/python scripts/write_glossary.py"
    )
