"""Safe to share a screen, and the Voilà pages as a reader meets them: print, phone, links.

- README's headless `make dashboard` command, run exactly as written: the server starts, opens no browser,
  serves the dashboard, and has no terminal (whoever has the URL's token gets files and kernels, not a shell).
- `make present` (Voilà alone, for a room): serves the dashboard with its charts, and nothing of a Jupyter
  server: no terminals, no contents API, no JupyterLab.
- Voilà pages (the dashboard, 00, the glossary): printing gives whole pages fitted to A4 with every chart and
  no controls; at 390 px nothing makes the page scroll sideways; every link leads somewhere useful;
  "Contents" lands at 00's contents.
"""

from __future__ import annotations

import functools
import json
import os
import re
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .browser_support import (
    POLL_MS,
    DESKTOP,
    PHONE,
    TIMEOUT_S,
    free_port,
    jupyter_env,
    new_session,
    open_voila,
    overflowing,
    print_layout_overflow,
    printed_controls,
    printed_pages,
    resize,
    stop,
    wait_quiet,
    wait_voila_chart,
)
from .conftest import ROOT, reader_env

URL = re.compile(r"(http://(?:127\.0\.0\.1|localhost):\d+/\S*)")


@functools.cache
def page_status(url: str) -> int:
    """:func:`status` of a Voilà page, asked once per address: each GET runs the whole notebook in a new kernel, and
    the same page is linked many times (00 from each navigation bar; 16 GETs ran 16 notebooks, about 30 s of a core)."""
    return status(url)


def status(url: str, token: str | None = None) -> int:
    """The HTTP status of a GET (the first bytes only: a Voilà page streams while its notebook runs)."""
    request = urllib.request.Request(url, headers={"Authorization": f"token {token}"} if token else {})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            response.read(256)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


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
        while status(f"{base}/") >= 500 or not log.read_text(errors="replace"):
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
        assert status(f"{base}/api/status", token) == 200
        assert status(f"{base}/voila/render/notebooks/dashboard.ipynb?token={token}") == 200
        assert status(f"{base}/api/terminals", token) == 404, "the server offers terminals"
        assert status(f"{base}/api/contents", token) == 200  # what the token does give: the files (README says so)
        assert not (tmp_path / "opened.txt").exists(), f"`{command}` opened a browser"


def test_make_present_serves_the_dashboard_with_voila_alone(browser, tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make present" in readme and "terminal" in readme
    port = free_port()
    with shell_running(f"make present VOILA_PORT={port} VOILA_ARGS=--no-browser", tmp_path) as (url, log):
        base = f"http://127.0.0.1:{port}"
        for path in ("/api/terminals", "/api/contents", "/lab", "/terminals/1"):
            assert status(base + path) == 404, f"Voilà alone serves {path}"
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
            assert {u: status(u) for u in local if u.endswith(("glossary.ipynb", "00_start_here.ipynb"))} == {
                u: 200 for u in local if u.endswith(("glossary.ipynb", "00_start_here.ipynb"))
            }
            assert session.network.external == []
        finally:
            session.close()


# -- Voilà pages: print, phone, links ------------------------------------------------------------------
VOILA_PAGES = ["dashboard.ipynb", "00_start_here.ipynb", "glossary.ipynb"]


@pytest.fixture(scope="module")
def voila_view(voila, browser):
    """A Voilà page opened once and read by several tests (each opening runs the whole notebook in a new kernel):
    ``voila_view(notebook, viewport, query)``. Tests read it, print it or resize it; none clicks or types."""
    opened = {}

    def view(notebook: str, viewport: tuple[int, int] = (1280, 900), query: str = ""):
        key = (notebook, viewport, query)
        if key not in opened:
            opened[key] = open_voila_page(browser, voila, notebook, viewport, query)
        return opened[key]

    yield view
    for session in opened.values():
        session.close()


def open_voila_page(browser, server, notebook: str, viewport: tuple[int, int] = (1280, 900), query: str = ""):
    """A Voilà page, rendered to the end (every cell run and shown); ``query`` e.g. "?lang=nb"."""
    if notebook == "dashboard.ipynb":
        session, _, _ = open_voila(browser, server.base, notebook + query, None)  # any chart: its wording is the dashboard's
    else:
        session = new_session(browser)
        session.page.goto(f"{server.base}/voila/render/{notebook}", wait_until="commit")
    session.page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    session.page.wait_for_function(
        "document.readyState === 'complete' && getComputedStyle(document.getElementById('rendered_cells')).display !== 'none'",
        timeout=TIMEOUT_S * 3000,
        polling=POLL_MS,
    )
    charts = stored_charts(notebook)
    if charts:  # Voilà shows the cells first; the charts' renderer draws them after
        session.page.wait_for_function(
            f"document.querySelectorAll('.vega-embed canvas, .vega-embed svg.marks').length >= {charts}",
            timeout=TIMEOUT_S * 1000,
            polling=POLL_MS,
        )
    # Voilà renders each output after its cell has run, also after the document has loaded: the page is whole when
    # it shows as many outputs as the notebook stored (a busy machine printed the dashboard without its last cell).
    session.page.wait_for_function(
        f"document.querySelectorAll('#rendered_cells .jp-OutputArea-output').length >= {stored_outputs(notebook)}",
        timeout=TIMEOUT_S * 1000,
        polling=POLL_MS,
    )
    wait_quiet(session.page)  # charts drawn late and their menus' labels in place
    return session


def stored_outputs(notebook: str) -> int:
    """The outputs a reader sees, stored in the notebook's cells (what it displays and returns; not printed text)."""
    cells = json.loads((ROOT / "notebooks" / notebook).read_text(encoding="utf-8"))["cells"]
    shown = ("display_data", "execute_result")
    return sum(1 for cell in cells for output in cell.get("outputs", []) if output["output_type"] in shown)


def stored_charts(notebook: str) -> int:
    """The Vega-Lite charts stored in the notebook's outputs (Voilà draws at least these)."""
    cells = json.loads((ROOT / "notebooks" / notebook).read_text(encoding="utf-8"))["cells"]
    return sum(
        1 for cell in cells for output in cell.get("outputs", []) if any("vegalite" in key for key in output.get("data", {}))
    )


@pytest.mark.parametrize("notebook", ["dashboard.ipynb", "00_start_here.ipynb"])
def test_voila_page_prints_whole_with_its_charts_and_no_controls(notebook, voila_view, tmp_path):
    session = voila_view(notebook)
    page = session.page
    charts = page.locator(".vega-embed").count()
    assert charts > 0
    assert print_layout_overflow(page) == []
    pages = printed_pages(page, tmp_path / "printed.pdf")
    assert all(pages), f"empty printed page(s): {[i + 1 for i, text in enumerate(pages) if not text]}"
    assert len(pages) >= 3, f"{notebook} printed on {len(pages)} pages: only its first screen?"
    last_heading = page.evaluate(
        "() => [...document.querySelectorAll('#rendered_cells h2')].map(h => h.textContent.replace('¶', '').trim()).pop()"
    )
    assert "".join(last_heading.split()) in "".join("".join(pages).split()), "the page's last section is not printed"
    page.emulate_media(media="print")
    sizes = page.evaluate(
        "() => [...document.querySelectorAll('.vega-embed')].map(e => { const r = e.getBoundingClientRect(); "
        "return [Math.round(r.width), Math.round(r.height)] })"
    )
    page.emulate_media(media="null")
    controls = printed_controls(page)
    assert all(w > 100 and h > 50 for w, h in sizes), f"a chart is not drawn in print: {sizes}"
    assert controls == [], f"controls are printed: {controls[:5]}"
    assert not re.search(r"\[\s*\d*\s*\]:", " ".join(pages)), "prompts are printed"
    assert session.network.external == []


@pytest.mark.parametrize("notebook", VOILA_PAGES)
def test_voila_page_fits_a_phone(notebook, voila_view):
    """Narrowed to a phone's 390 px, nothing makes the page scroll sideways."""
    page = voila_view(notebook).page
    resize(page, PHONE)
    try:
        assert overflowing(page) == []
    finally:
        resize(page, DESKTOP)  # as the other tests of this view found it


@pytest.mark.parametrize("notebook", VOILA_PAGES)
def test_every_link_of_a_voila_page_leads_somewhere_useful(notebook, voila, voila_view):
    """Every link, after the page's own scripts have run: a heading on the page, a CSV with rows, a notebook
    Voilà renders (never a Markdown file, which it refuses with 403), answering below 400 (the glossary and 00
    are opened as pages, the others checked to exist as notebooks: opening each would run all of them), or a
    web address of the sources' publishers, Binder or GitHub."""
    session = voila_view(notebook)
    page = session.page
    links = page.evaluate(
        "() => [...document.querySelectorAll('a[href]')].map(a => [a.getAttribute('href'), a.href, "
        "!!a.closest('.vega-actions') && a.hasAttribute('download')])"
    )
    assert links
    for written, address, chart_export in links:
        parts = urlsplit(address)
        if chart_export:  # vega-embed's "Save as SVG/PNG": its address is made when clicked
            continue
        if parts.scheme == "data":
            assert len(unquote(address.split(",", 1)[1]).strip().splitlines()) >= 2, f"a CSV link without rows: {written[:60]}"
        elif parts.hostname not in ("127.0.0.1", "localhost"):
            assert parts.hostname in {
                "mybinder.org",
                "github.com",
                "www.nav.no",
                "www.riksrevisjonen.no",
                "www.stortinget.no",
            }, address
        elif written.startswith("#"):
            assert page.evaluate(
                "(id) => !!(document.getElementById(id) || document.getElementById(decodeURIComponent(id)))", written[1:]
            ), f"no heading {written}"
        else:
            assert parts.path.endswith(".ipynb"), f"{written} is not a page Voilà renders"
            name = parts.path.rsplit("/", 1)[-1]
            assert (voila.notebook_dir / name).is_file(), f"{written}: no such notebook"
            if name in ("glossary.ipynb", "00_start_here.ipynb"):
                assert page_status(address.split("#")[0]) == 200, written
    assert session.network.external == []


def test_contents_link_lands_at_the_contents_of_00(voila, browser):
    """The navigation's Contents link (00_start_here.ipynb#The-collection) shows 00 scrolled to its contents,
    although Voilà shows the page only once every cell has run."""
    session = new_session(browser)
    try:
        page = session.page
        page.goto(f"{voila.base}/voila/render/00_start_here.ipynb#The-collection", wait_until="commit")
        page.wait_for_function(
            "document.readyState === 'complete' && "
            "getComputedStyle(document.getElementById('rendered_cells')).display !== 'none'",
            timeout=TIMEOUT_S * 3000,
            polling=POLL_MS,
        )
        page.wait_for_function(
            "() => { const h = document.getElementById('The-collection'); "
            "return h && Math.abs(h.getBoundingClientRect().top) < 80 }",
            timeout=10000,
            polling=POLL_MS,
        )
    finally:
        session.close()


def test_voila_dashboard_in_bokmal_says_so_to_the_browser_and_in_its_navigation(voila_view):
    """?lang=nb: the page's language is nb (screen readers, spelling), its title bokmål, and the navigation
    cell's links read as helpers/headline.py words them."""
    from helpers.headline import t

    page = voila_view("dashboard.ipynb", PHONE, "?lang=nb").page
    page.wait_for_function("document.documentElement.lang === 'nb'", timeout=10000, polling=POLL_MS)
    page.wait_for_function(
        "(title) => document.body.innerText.includes(title)", arg=t("page_title", "nb"), timeout=TIMEOUT_S * 1000, polling=POLL_MS
    )
    words = page.evaluate("() => [...document.querySelectorAll('.celltag_navigation a')].map(a => a.textContent)")
    assert words and t("glossary", "nb") in words and "Glossary" not in words and "Contents" not in words


def test_voila_dashboard_in_bokmal_fits_a_phone_and_leaves_no_english_nor_controls_on_paper(voila_view, tmp_path):
    """The director's review (?lang=nb): at 390 px the headline table (the page's first table) fits without
    scrolling; the browser tab's title is the page's bokmål heading; the charts' menus say "Lagre som SVG/PNG";
    printed, there is no "Språk:" with nothing after it, no numbers toggle ("Se tallene") and no CSV link."""
    from helpers.headline import t

    session = voila_view("dashboard.ipynb", PHONE, "?lang=nb")
    page = session.page
    page.wait_for_function("(title) => document.title === title", arg=t("page_title", "nb"), timeout=10000, polling=POLL_MS)
    table = page.evaluate("""() => { const t = document.querySelector('#rendered_cells table'), box = t.closest('.jp-OutputArea-output');
        return {heads: [...t.querySelectorAll('th')].map(th => th.textContent.trim()), right: t.getBoundingClientRect().right,
                boxRight: box.getBoundingClientRect().right, scroll: box.scrollWidth, width: box.clientWidth,
                window: document.documentElement.clientWidth} }""")
    assert len(table["heads"]) == 4 and table["heads"][0] == "Gruppe", table["heads"]
    assert table["scroll"] <= table["width"] and table["right"] <= min(table["boxRight"], table["window"]) + 0.5, table
    menu = page.evaluate("() => [...document.querySelectorAll('.vega-actions a')].map(a => a.textContent.trim())")
    assert "Lagre som SVG" in menu and "Lagre som PNG" in menu and not any("Save as" in m for m in menu), menu
    assert printed_controls(page) == []
    resize(page, DESKTOP)
    paragraphs = page.evaluate(
        "(word) => [...document.querySelectorAll('#rendered_cells p, #rendered_cells li')]"
        ".filter(p => p.textContent.includes(word)).length",
        t("see_numbers", "nb"),
    )
    text = " ".join(printed_pages(page, tmp_path / "printed.pdf"))
    assert text.count(t("see_numbers", "nb")) <= paragraphs, "a numbers toggle's summary is printed"
    assert t("csv_excel", "nb") not in text and t("csv", "nb") not in text, "a CSV link is printed"
    assert f"{t('language', 'nb')}:" not in text, "the language switch is printed"
    resize(page, PHONE)  # as the other tests of this view found it
