"""The Voilà dashboard's first chart at once (issue 22, item 4): a picture from disk, then the live chart.

The `nav` template (voila/templates/nav/index.html.j2) shows the stored picture (image/svg+xml) of the cell
tagged `first-view` in notebooks/dashboard.ipynb from the page's first bytes, before the kernel has run
anything, and removes it when the live chart has drawn. The English picture is the stored output's; the bokmål
one is in that cell's metadata (first_view.nb, written by scripts/execute_notebooks.py from a bokmål run).
Read first, without a browser: the stored bokmål picture is the bokmål first chart (its title, read from the
SVG, is the title the dashboard's code gives in bokmål). Then tried in Chromium, offline, as a reader meets it,
the English page and the bokmål page (?lang=nb) each:

- with the kernel's output held back (Voilà's execution websocket answered by nobody), the page shows the
  picture in its own language in the chart's cell, on the first screen, named by that language's chart title
  (no English word in the bokmål name), with no live chart; axe finds nothing at 1280 and 390 px (one page,
  resized); printed, it shows once and fits the paper;
- let through, the live chart takes the picture's place: never both in one frame, in the same place, never a
  picture in the other language, and afterwards one chart per chart cell and no picture.

Speed is not asserted here: `make bench` prints it.
"""

from __future__ import annotations

import ast
import json
import re
import urllib.parse
import xml.etree.ElementTree as ET

import pandas as pd

import pytest

from . import monthly_raw
from .browser_support import (
    POLL_MS,
    DASHBOARD_CHARTS,
    PHONE,
    TIMEOUT_S,
    Session,
    axe_violations,
    new_session,
    print_layout_overflow,
    printed_controls,
    settle,
)
from .conftest import ROOT

from helpers.charts import month_label  # noqa: E402  (the month as the dashboard's code words it)

NOTEBOOK = ROOT / "notebooks" / "dashboard.ipynb"
TAG = "first-view"
VEGA_LITE = "application/vnd.vegalite.v5+json"
SVG = "image/svg+xml"
LANGS = ("en", "nb")

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
      picture: visible(picture) ? place(picture) : null, label: picture ? picture.getAttribute('aria-label') : null,
      live: chart && visible(chart) && painted(chart) ? place(chart) : null,
    };
    const last = frames[frames.length - 1];
    const key = (f) => JSON.stringify([f.pictures, f.picture, f.label, f.live]);
    if (!last || key(last) !== key(frame))
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


def stored_picture(lang: str) -> tuple[str, str]:
    """The picture the template offers a page asked for in ``lang`` and its title: English from the stored
    output, bokmål from the cell's metadata (first_view)."""
    if lang == "en":
        return stored_chart()[SVG], stored_title()
    view = tagged_cell()["metadata"].get("first_view", {}).get(lang)
    assert view, f"{NOTEBOOK.name}: the {TAG!r} cell's metadata has no first_view[{lang!r}] (run scripts/execute_notebooks.py)"
    return view[SVG], view["title"]


def svg_title(svg: str) -> str:
    """The chart's own title as drawn in the SVG: the outermost title group's text lines, joined by spaces
    (the panels' titles are title groups inside it)."""
    namespace = "{http://www.w3.org/2000/svg}"
    found: list[tuple[int, str]] = []

    def walk(element: ET.Element, depth: int) -> None:
        if "role-title-text" in element.get("class", "").split():
            lines = [t.text or "" for t in element.iter(f"{namespace}tspan")] or [
                t.text or "" for t in element.iter(f"{namespace}text")
            ]
            found.append((depth, " ".join(line.strip() for line in lines)))
        for child in element:
            walk(child, depth + 1)

    walk(ET.fromstring(svg), 0)
    assert found, "the picture has no title"
    return min(found)[1]


def code_title(lang: str) -> str:
    """The first chart's title as the dashboard's code gives it in ``lang``: the tagged cell's
    ``title = in_language(lang, <English>, <bokmål>)``, its f-string evaluated with helpers' month_label and the
    copy's latest month (read from NAV's raw metadata)."""
    source = "".join(tagged_cell()["source"])
    calls = [
        node.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Assign)
        and [getattr(t, "id", None) for t in node.targets] == ["title"]
        and isinstance(node.value, ast.Call)
        and getattr(node.value.func, "id", None) == "in_language"
    ]
    assert len(calls) == 1, f"{NOTEBOOK.name}: the {TAG!r} cell has {len(calls)} `title = in_language(...)`, expected one"
    words = calls[0].args[1 + LANGS.index(lang)]
    names = {"month_label": month_label, "latest": pd.Period(monthly_raw.latest_month(), freq="M")}
    return eval(compile(ast.Expression(words), "<title>", "eval"), {"__builtins__": {}}, names)


def words(text: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"[^\W\d_]+", text)}


def chart_cells() -> list[str]:
    """Ids of the dashboard's cells that store a Vega-Lite chart (one chart each)."""
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    return [c["id"] for c in cells if any(VEGA_LITE in o.get("data", {}) for o in c.get("outputs", []))]


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
        "document.readyState === 'complete' && document.querySelector('.voila-skeleton-container')",
        timeout=TIMEOUT_S * 3000,
        polling=POLL_MS,
    )
    settle(session.page)


def wait_every_chart(session: Session) -> None:
    session.page.wait_for_function(
        f"document.querySelectorAll('.vega-embed canvas, .vega-embed svg.marks').length >= {DASHBOARD_CHARTS}",
        timeout=TIMEOUT_S * 3000,
        polling=POLL_MS,
    )
    settle(session.page)


def test_the_dashboard_stores_the_first_views_picture():
    """One cell is tagged; its stored chart has a picture whose title names the copy's first and latest months
    (read from NAV's raw metadata)."""
    title = stored_title()
    assert stored_chart()["image/svg+xml"].startswith("<svg")
    latest, earliest = monthly_raw.month_name(monthly_raw.latest_month()), monthly_raw.month_name(monthly_raw.earliest_month())
    assert latest in title and earliest in title, (title, earliest, latest)
    assert tagged_cell()["id"] == chart_cells()[0], "the tagged chart is not the page's first chart"


def test_the_stored_bokmal_picture_is_the_bokmal_first_chart():
    """The metadata's bokmål picture is the first chart drawn in bokmål: the title drawn in it, and the title the
    template names it by, are the title the dashboard's code gives in bokmål, not the English one."""
    svg, title = stored_picture("nb")
    expected = code_title("nb")
    assert svg.startswith("<svg") and svg_title(svg) == expected, (svg_title(svg), expected)
    assert title == expected, (title, expected)
    assert svg_title(stored_chart()[SVG]) == code_title("en") == stored_title()
    assert not words(expected) & words(code_title("en")), "the bokmål title shares words with the English one"
    assert monthly_raw.latest_month()[:4] in expected


def query(lang: str) -> str:
    return "" if lang == "en" else f"?lang={lang}"


def shown_pictures(page, cell: str) -> list[dict]:
    return page.evaluate(
        """(cell) => [...document.querySelectorAll('.first-view')].map(p => ({
             cell: p.closest('.jp-Cell') && p.closest('.jp-Cell').id, role: p.getAttribute('role'),
             label: p.getAttribute('aria-label'), src: p.querySelector('img').getAttribute('src'),
             decoded: p.querySelector('img').complete && p.querySelector('img').naturalWidth > 0,
             top: p.getBoundingClientRect().top, height: p.getBoundingClientRect().height,
             screen: window.innerHeight}))""",
        cell,
    )


@pytest.mark.parametrize("lang", LANGS)
def test_picture_shows_before_the_kernel_in_the_charts_place(voila, browser, lang, tmp_path):
    """One page per language, held before the kernel, looked at at 1280 px and then at a phone's width."""
    svg, title = stored_picture(lang)
    session = open_dashboard(browser, voila, query=query(lang), hold=True)
    try:
        page = session.page
        page.wait_for_selector(".first-view", state="visible", timeout=TIMEOUT_S * 1000)
        wait_page_streamed(session)
        cell = tagged_cell()["id"]
        for width, height in [(1280, 900), PHONE]:
            page.set_viewport_size({"width": width, "height": height})
            shown = shown_pictures(page, cell)
            assert len(shown) == 1, (width, shown)
            [picture] = shown
            assert picture["cell"] == f"cell-id={cell}", picture["cell"]
            assert picture["role"] == "img" and picture["label"] == title, picture["label"]
            if lang != "en":
                assert not words(picture["label"]) & words(stored_title()), f"English in the bokmål name: {picture['label']!r}"
            assert picture["decoded"] and picture["height"] > 100
            assert picture["top"] < picture["screen"] / 2, (
                f"at {width} px the picture starts at {picture['top']:.0f} px, not on the first screen"
            )
            prefix = "data:image/svg+xml,"
            assert picture["src"].startswith(prefix) and urllib.parse.unquote(picture["src"][len(prefix) :]) == svg
            assert page.locator(".vega-embed").count() == 0, "the held kernel's output arrived after all"
            assert page.locator("#loading").evaluate_all("els => els.filter(e => e.checkVisibility()).length") == 0
            assert axe_violations(page) == [], width
            assert print_layout_overflow(page) == []
            assert printed_controls(page) == []
            page.emulate_media(media="print")
            printed = page.evaluate(
                "() => [...document.querySelectorAll('.first-view img')].filter(i => i.checkVisibility())"
                ".map(i => [Math.round(i.getBoundingClientRect().width), Math.round(i.getBoundingClientRect().height)])"
            )
            page.emulate_media(media="null")
            assert len(printed) == 1 and printed[0][0] > 300 and printed[0][1] > 300, (width, printed)
        page.pdf(path=str(tmp_path / "printed.pdf"), format="A4")
        if lang != "en":
            text = page.evaluate("document.body.innerText")
            assert stored_title() not in text and stored_title().split(",")[0] not in text
        assert session.network.external == [] and session.js_errors() == []
    finally:
        session.close()


@pytest.mark.parametrize("lang", LANGS)
def test_live_chart_takes_the_pictures_place(voila, browser, lang):
    _, title = stored_picture(lang)
    session = open_dashboard(browser, voila, query=query(lang))
    try:
        page = session.page
        wait_every_chart(session)
        frames = page.evaluate("window.__firstView")
        labels = {f["label"] for f in frames if f["pictures"]}
        assert labels == {title}, f"pictures named {labels}, expected only {title!r}"
        assert all(f["pictures"] <= 1 for f in frames), [f for f in frames if f["pictures"] > 1][:3]
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
        if lang != "en":
            text = page.evaluate("document.body.innerText")
            assert stored_title() not in text and stored_title().split(",")[0] not in text
        assert session.network.external == [] and session.js_errors() == []
    finally:
        session.close()
