"""The Voilà dashboard's first chart at once (issue 22, item 4): a picture from disk, then the live chart.

The `nav` template (voila/templates/nav/index.html.j2) shows the stored picture (image/svg+xml) of the cell
tagged `first-view` in notebooks/dashboard.ipynb from the page's first bytes, before the kernel has run
anything, and removes it when the live chart has drawn. Tried in Chromium, offline, as a reader meets it:

- with the kernel's output held back (Voilà's execution websocket answered by nobody), the English page shows
  the picture in the chart's cell, on the first screen, named by the chart's title, with no live chart; axe
  finds nothing at 1280 and 390 px; printed, it shows once and fits the paper;
- let through, the live chart takes the picture's place: never both in one frame, in the same place, and
  afterwards one chart per chart cell and no picture;
- the bokmål page (?lang=nb) never has the picture: the stored outputs are English.

Speed is not asserted here: `make bench` prints it.
"""

from __future__ import annotations

import json
import re
import urllib.parse

import pytest

from . import monthly_raw
from .browser_support import (
    DASHBOARD_CHARTS,
    PHONE,
    TIMEOUT_S,
    Session,
    axe_violations,
    new_session,
    print_layout_overflow,
    printed_controls,
    voila_server,
)
from .conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "dashboard.ipynb"
TAG = "first-view"
VEGA_LITE = "application/vnd.vegalite.v5+json"

# Injected before the page's scripts (after browser_support's paint hook, window.__nav): what each frame shows,
# read after the frame's animation callbacks and layout, just before it is painted (a ResizeObserver's first
# call for a newly observed element comes then): whether the picture is visible and where, and whether the
# tagged cell's live chart is visible with its text painted, and where. A frame is kept when that changes.
WATCH = r"""
(() => {
  const frames = [];
  window.__firstView = frames;
  const visible = (el) => el && el.isConnected && el.checkVisibility() && el.getBoundingClientRect().height > 0;
  const place = (el) => { const r = el.getBoundingClientRect(); return [Math.round(r.left), Math.round(r.top)]; };
  const painted = (chart) => {
    const canvas = chart.querySelector('canvas');
    if (canvas) return !!canvas.__navId && window.__nav.log.some(e => e.id === canvas.__navId);
    return chart.querySelectorAll('svg.marks text').length > 0;
  };
  const record = () => {
    const picture = document.querySelector('.first-view');
    const cell = document.getElementById(window.__watchCell || '');
    const chart = cell && cell.querySelector('.vega-embed');
    const frame = {
      t: performance.now(), pictures: document.querySelectorAll('.first-view').length,
      picture: visible(picture) ? place(picture) : null,
      live: chart && visible(chart) && painted(chart) ? place(chart) : null,
    };
    const last = frames[frames.length - 1];
    if (!last || JSON.stringify([last.pictures, last.picture, last.live]) !== JSON.stringify([frame.pictures, frame.picture, frame.live]))
      frames.push(frame);
  };
  const observer = new ResizeObserver(record);
  const frame = () => { observer.disconnect(); observer.observe(document.documentElement); requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
})();
"""


def tagged_cell() -> dict:
    """The dashboard's one cell tagged `first-view`, as stored on disk."""
    cells = [c for c in json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"] if TAG in c["metadata"].get("tags", [])]
    assert len(cells) == 1, f"{NOTEBOOK.name}: {len(cells)} cells tagged {TAG!r}, expected exactly one"
    return cells[0]


def stored_chart() -> dict:
    """The tagged cell's stored chart output: its picture and its Vega-Lite spec."""
    charts = [o["data"] for o in tagged_cell().get("outputs", []) if VEGA_LITE in o.get("data", {})]
    assert len(charts) == 1 and "image/svg+xml" in charts[0], f"{NOTEBOOK.name}: the {TAG!r} cell stores no chart with a picture"
    picture = charts[0]["image/svg+xml"]
    return {**charts[0], "image/svg+xml": "".join(picture) if isinstance(picture, list) else picture}  # nbformat's lines


def stored_title() -> str:
    title = stored_chart()[VEGA_LITE]["title"]["text"]
    return " ".join(title) if isinstance(title, list) else title


def chart_cells() -> list[str]:
    """Ids of the dashboard's cells that store a Vega-Lite chart (one chart each)."""
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    return [c["id"] for c in cells if any(VEGA_LITE in o.get("data", {}) for o in c.get("outputs", []))]


@pytest.fixture(scope="module")
def voila():
    with voila_server() as server:
        yield server


def open_dashboard(browser, server, query: str = "", hold: bool = False, viewport: tuple[int, int] = (1280, 900)) -> Session:
    """The dashboard as a reader opens it; ``hold``: the kernel's output never arrives (Voilà's execution
    websocket is answered by nobody), so the page stays as it is before the kernel has run the cells."""
    session = new_session(browser, viewport)
    if hold:
        session.context.route_web_socket(re.compile(r"/voila/execution/"), lambda socket: None)
    cell = tagged_cell()["id"]
    session.context.add_init_script(f"window.__watchCell = 'cell-id={cell}';" + WATCH)
    session.page.goto(f"{server.base}/voila/render/dashboard.ipynb{query}", wait_until="commit", timeout=TIMEOUT_S * 1000)
    return session


def wait_page_streamed(session: Session) -> None:
    """Every cell has arrived and Voilà's own script has started (it puts placeholders in the cells)."""
    session.page.wait_for_function(
        "document.readyState === 'complete' && document.querySelector('.voila-skeleton-container')", timeout=TIMEOUT_S * 3000
    )
    session.page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def wait_every_chart(session: Session) -> None:
    session.page.wait_for_function(
        f"document.querySelectorAll('.vega-embed canvas, .vega-embed svg.marks').length >= {DASHBOARD_CHARTS}",
        timeout=TIMEOUT_S * 3000,
    )
    session.page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def test_the_dashboard_stores_the_first_views_picture():
    """One cell is tagged; its stored chart has a picture whose title names the copy's first and latest months
    (read from NAV's raw metadata)."""
    title = stored_title()
    assert stored_chart()["image/svg+xml"].startswith("<svg")
    latest, earliest = monthly_raw.month_name(monthly_raw.latest_month()), monthly_raw.month_name(monthly_raw.earliest_month())
    assert latest in title and earliest in title, (title, earliest, latest)
    assert tagged_cell()["id"] == chart_cells()[0], "the tagged chart is not the page's first chart"


@pytest.mark.parametrize("viewport", [(1280, 900), PHONE], ids=["1280", "390"])
def test_picture_shows_before_the_kernel_in_the_charts_place(voila, browser, viewport, tmp_path):
    session = open_dashboard(browser, voila, hold=True, viewport=viewport)
    try:
        page = session.page
        page.wait_for_selector(".first-view", state="visible", timeout=TIMEOUT_S * 1000)
        wait_page_streamed(session)
        cell = tagged_cell()["id"]
        shown = page.evaluate(
            """(cell) => [...document.querySelectorAll('.first-view')].map(p => ({
                 cell: p.closest('.jp-Cell') && p.closest('.jp-Cell').id, role: p.getAttribute('role'),
                 label: p.getAttribute('aria-label'), src: p.querySelector('img').getAttribute('src'),
                 decoded: p.querySelector('img').complete && p.querySelector('img').naturalWidth > 0,
                 top: p.getBoundingClientRect().top, height: p.getBoundingClientRect().height,
                 screen: window.innerHeight}))""",
            cell,
        )
        assert len(shown) == 1, shown
        [picture] = shown
        assert picture["cell"] == f"cell-id={cell}", picture["cell"]
        assert picture["role"] == "img" and picture["label"] == stored_title(), picture["label"]
        assert picture["decoded"] and picture["height"] > 100
        assert picture["top"] < picture["screen"] / 2, f"the picture starts at {picture['top']:.0f} px, not on the first screen"
        prefix = "data:image/svg+xml,"
        assert (
            picture["src"].startswith(prefix)
            and urllib.parse.unquote(picture["src"][len(prefix) :]) == stored_chart()["image/svg+xml"]
        )
        assert page.locator(".vega-embed").count() == 0, "the held kernel's output arrived after all"
        assert page.locator("#loading").evaluate_all("els => els.filter(e => e.checkVisibility()).length") == 0
        assert axe_violations(page) == []
        assert print_layout_overflow(page) == []
        assert printed_controls(page) == []
        page.emulate_media(media="print")
        printed = page.evaluate(
            "() => [...document.querySelectorAll('.first-view img')].filter(i => i.checkVisibility())"
            ".map(i => [Math.round(i.getBoundingClientRect().width), Math.round(i.getBoundingClientRect().height)])"
        )
        page.emulate_media(media="null")
        assert len(printed) == 1 and printed[0][0] > 300 and printed[0][1] > 300, printed
        page.pdf(path=str(tmp_path / "printed.pdf"), format="A4")
        assert session.network.external == [] and session.js_errors() == []
    finally:
        session.close()


def test_live_chart_takes_the_pictures_place(voila, browser, tmp_path):
    session = open_dashboard(browser, voila)
    try:
        page = session.page
        wait_every_chart(session)
        frames = page.evaluate("window.__firstView")
        first_picture = next((f for f in frames if f["picture"]), None)
        first_live = next((f for f in frames if f["live"]), None)
        assert first_picture and first_live, frames
        assert first_picture["t"] < first_live["t"], "the live chart came before the picture"
        both = [f for f in frames if f["picture"] and f["live"]]
        assert both == [], f"picture and live chart shown together: {both[:3]}"
        gap = [f for f in frames if first_picture["t"] < f["t"] < first_live["t"] and not f["picture"]]
        assert gap == [], f"neither the picture nor the live chart shown: {gap[:3]}"
        last_picture = [f for f in frames if f["picture"] and f["t"] < first_live["t"]][-1]
        (left, top), (live_left, live_top) = last_picture["picture"], first_live["live"]
        assert abs(live_left - left) <= 2 and abs(live_top - top) <= 8, (
            f"the live chart drew at ({live_left}, {live_top}), the picture was at ({left}, {top})"
        )
        after = page.evaluate(
            """(cells) => ({pictures: document.querySelectorAll('.first-view').length,
                 charts: cells.map(id => document.getElementById('cell-id=' + id).querySelectorAll('.vega-embed').length)})""",
            chart_cells(),
        )
        assert after == {"pictures": 0, "charts": [1] * len(chart_cells())}, after
        page.emulate_media(media="print")
        printed = page.evaluate("() => document.querySelectorAll('.first-view').length")
        page.emulate_media(media="null")
        assert printed == 0
        assert session.network.external == [] and session.js_errors() == []
    finally:
        session.close()


@pytest.mark.parametrize("hold", [True, False], ids=["before-the-kernel", "after"])
def test_bokmal_page_never_shows_the_english_picture(voila, browser, hold):
    session = open_dashboard(browser, voila, query="?lang=nb", hold=hold)
    try:
        page = session.page
        wait_page_streamed(session)
        if not hold:
            wait_every_chart(session)
        frames = page.evaluate("window.__firstView")
        assert frames and all(f["pictures"] == 0 for f in frames), [f for f in frames if f["pictures"]][:3]
        text = page.evaluate("document.body.innerText")
        assert stored_title() not in text and stored_title().split(",")[0] not in text
        assert session.network.external == [] and session.js_errors() == []
    finally:
        session.close()
