"""The dashboard's first view, as stored and as watched in the browser: shared by tests/test_first_view.py (the page
held before the kernel) and tests/test_voila_pages.py (the page let through, the live chart taking the picture's place).

The `nav` template (voila/templates/nav/index.html.j2) shows the stored picture (image/svg+xml) of the cell tagged
`first-view` in notebooks/dashboard.ipynb from the page's first bytes and removes it when the live chart has drawn.
The English picture is the stored output's; the bokmål one is in that cell's metadata (first_view.nb).
"""

from __future__ import annotations

import json
import re

from .conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "dashboard.ipynb"
TAG = "first-view"
VEGA_LITE = "application/vnd.vegalite.v5+json"
SVG = "image/svg+xml"
LANGS = ("en", "nb")

# Injected before the page's scripts (after browser_support's paint hook, window.__nav): what each frame shows,
# read after the frame's animation callbacks and layout, just before it is painted (a ResizeObserver's first
# call for a newly observed element comes then): whether the picture is visible and where, and whether the
# tagged cell's live chart is visible with its text painted, and where; any heading, paragraph or table shown twice; and
# where the page's title is. A frame is kept when that changes.
# ``window.__watchStop = true`` ends the watch (it looks at every frame, which costs the page time while it runs).
WATCH = r"""
(() => {
  const frames = [];
  window.__firstView = frames;
  const visible = (el) => el && el.isConnected && el.checkVisibility({visibilityProperty: true}) && el.getBoundingClientRect().height > 0;
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
    // A heading, paragraph or table shown twice: a stored output above the chart still there beside the kernel's own
    // (their markup differs in white space: compared as read).
    // Only in the code cells down to the chart's, where stored outputs stand in (the navigation bar is on the page twice).
    const cells = [...document.querySelectorAll('#rendered_cells .jp-Cell')];
    const upTo = cells.findIndex(el => el.id === window.__watchCell);
    const shown = cells.slice(0, upTo + 1).filter(el => el.classList.contains('jp-CodeCell'))
      .flatMap(el => [...el.querySelectorAll(':is(h1, h2, p, table)')])
      .filter(visible).map(el => el.tagName + el.textContent.replace(/\s+/g, ' ').trim()).filter(text => text.length > 3);
    const title = [...document.querySelectorAll('#rendered_cells h1')].find(visible);
    const frame = {
      t: performance.now(), pictures: document.querySelectorAll('.first-view').length,
      picture: visible(picture) ? place(picture) : null, label: picture ? picture.getAttribute('aria-label') : null,
      live: chart && visible(chart) && painted(chart) ? place(chart) : null,
      twice: shown.filter((text, i) => shown.indexOf(text) !== i).map(text => text.slice(0, 60)),
      title: title ? place(title) : null,
    };
    const last = frames[frames.length - 1];
    const key = (f) => JSON.stringify([f.pictures, f.picture, f.label, f.live, f.twice, f.title]);
    if (!last || key(last) !== key(frame))
      frames.push(frame);
  };
  const observer = new ResizeObserver(record);
  const frame = () => {
    observer.disconnect();
    if (window.__watchStop) return;
    observer.observe(document.documentElement);
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();
"""


def watch_script() -> str:
    """The init script that watches the tagged cell's picture and live chart from the page's first frame."""
    return f"window.__watchCell = 'cell-id={tagged_cell()['id']}';" + WATCH


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


def words(text: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"[^\W\d_]+", text)}


def chart_cells() -> list[str]:
    """Ids of the dashboard's cells that store a Vega-Lite chart (one chart each)."""
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    return [c["id"] for c in cells if any(VEGA_LITE in o.get("data", {}) for o in c.get("outputs", []))]


def query(lang: str) -> str:
    """The page's address for ``lang``: English without a query, bokmål with ?lang=nb."""
    return "" if lang == "en" else f"?lang={lang}"
