"""The Voilà pages as readers meet them, in headless Chromium with no internet: the dashboard in English and in
bokmål (?lang=nb), 00 and the glossary.

Each page is opened once per run and then looked at by several tests (each opening runs the whole notebook in a new
kernel; the dashboard was once opened seven times a run). What the tests look at, page by page:

- the dashboard, watched from its first frame: the live chart takes the stored picture's place (never both in one
  frame, in the same place, never a picture in the other language; afterwards one chart per chart cell and no
  picture); the picture does not move while the kernel's outputs above it replace the stored ones, and no heading or
  table is shown twice. The page held before the kernel is tests/test_first_view.py's;
- axe (WCAG 2.1 A and AA) and nothing that makes the page scroll sideways, at 1280 px and at a phone's 390 px;
- printed: whole pages fitted to A4 with every chart and no controls (and, in bokmål, no English);
- every link leads somewhere useful; "Contents" lands at 00's contents;
- the bokmål page says so to the browser and in its navigation, and has no English left;
- last, because they change the page: every chart menu of the dashboard, in both languages, redraws its chart, and
  00's month menu and its language toggle (a kernel's redraw) redraw 00's first chart.

Tests read a page, print it or resize it, and leave it as they found it (at 1280 px, on screen); only the last three
tests change a menu. NAV_SCREENSHOTS=1 saves each page as opened in /tmp/voila-<notebook>[-nb].png.
"""

from __future__ import annotations

import functools
import json
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .browser_support import (
    DASHBOARD,
    DASHBOARD_CHANGES,
    DASHBOARD_CHANGES_NB,
    DASHBOARD_FIRST_CHART,
    DASHBOARD_FIRST_CHART_NB,
    DESKTOP,
    ENGLISH,
    JULY_2019,
    NAMES,
    NOVEMBER_2016,
    PHONE,
    POLL_MS,
    START_HERE,
    START_TITLE,
    START_TITLE_NB,
    TIMEOUT_S,
    Change,
    Session,
    apply_change,
    axe_violations,
    http_status,
    new_session,
    open_voila,
    overflowing,
    print_layout_overflow,
    printed_controls,
    printed_pages,
    resize,
    screenshot,
    wait_quiet,
)
from .conftest import ROOT
from .first_view import LANGS, chart_cells, query, stored_picture, stored_title, watch_script

VOILA_PAGES = [DASHBOARD, START_HERE, "glossary.ipynb"]
# The text a page's first chart paints, by page and language: what opening the page waits for.
FIRST_CHART = {
    (DASHBOARD, "en"): DASHBOARD_FIRST_CHART,
    (DASHBOARD, "nb"): DASHBOARD_FIRST_CHART_NB,
    (START_HERE, "en"): START_TITLE,
}


@dataclass
class View:
    """A Voilà page rendered to the end, as several tests read it."""

    session: Session
    frames: list[dict]  # the dashboard's first view, frame by frame until the page was whole (first_view.WATCH)
    stalls: list[str]  # stuck Voilà executions that were retried (tests/browser_support.py: open_voila)

    @property
    def page(self):
        return self.session.page


@pytest.fixture(scope="module")
def voila_view(voila, browser):
    """``voila_view(notebook, search)``: the page opened once at 1280 px and rendered to the end; ``search`` is the
    address's query, e.g. "?lang=nb". A page that did not open is not opened again: the other tests that read it fail
    at once, naming the first error."""
    opened: dict[tuple[str, str], View | BaseException] = {}

    def view(notebook: str, search: str = "") -> View:
        key = (notebook, search)
        if key not in opened:
            try:
                opened[key] = open_voila_page(browser, voila, notebook, search)
            except BaseException as error:
                opened[key] = error
                raise
        if isinstance(opened[key], BaseException):
            pytest.fail(f"{notebook}{search} did not open: {opened[key]}")
        return opened[key]

    yield view
    for seen in opened.values():
        if isinstance(seen, View):
            seen.session.close()


def open_voila_page(browser, server, notebook: str, search: str = "") -> View:
    """A Voilà page, rendered to the end (every cell run and shown), waited for by its first chart's text in the
    page's language. The dashboard is watched from its first frame (its first view)."""
    lang = "nb" if "lang=nb" in search else "en"
    frames, stalls = [], []
    if stored_charts(notebook):  # opened again if Voilà's execution gets stuck (browser_support.open_voila says why)
        watch = watch_script() if notebook == DASHBOARD else None
        first = FIRST_CHART.get((notebook, lang))
        session, _, stalls = open_voila(browser, server.base, notebook + search, first, init_script=watch)
    else:
        session = new_session(browser, DESKTOP)
        session.page.goto(f"{server.base}/voila/render/{notebook}{search}", wait_until="commit")
    try:
        wait_whole(session.page, notebook)
        if notebook == DASHBOARD:
            frames = session.page.evaluate("() => { window.__watchStop = true; return window.__firstView; }")
        if os.environ.get("NAV_SCREENSHOTS") == "1":
            screenshot(session.page, Path(f"/tmp/voila-{Path(notebook).stem}{'-' + lang if lang != 'en' else ''}.png"))
    except BaseException:
        session.close()
        raise
    return View(session, frames, stalls)


def wait_whole(page, notebook: str) -> None:
    """Every cell has run and its outputs are shown, every stored chart is drawn, and the page has stopped changing."""
    page.wait_for_function(
        "document.readyState === 'complete' && getComputedStyle(document.getElementById('rendered_cells')).display !== 'none'",
        timeout=TIMEOUT_S * 3000,
        polling=POLL_MS,
    )
    charts = stored_charts(notebook)
    if charts:  # Voilà shows the cells first; the charts' renderer draws them after
        page.wait_for_function(
            f"document.querySelectorAll('.vega-embed canvas, .vega-embed svg.marks').length >= {charts}",
            timeout=TIMEOUT_S * 1000,
            polling=POLL_MS,
        )
    # Voilà renders each output after its cell has run, also after the document has loaded: the page is whole when
    # it shows as many outputs as the notebook stored (a busy machine printed the dashboard without its last cell).
    page.wait_for_function(
        f"document.querySelectorAll('#rendered_cells .jp-OutputArea-output').length >= {stored_outputs(notebook)}",
        timeout=TIMEOUT_S * 1000,
        polling=POLL_MS,
    )
    wait_quiet(page)  # charts drawn late and their menus' labels in place


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


@functools.cache
def page_status(url: str) -> int:
    """:func:`http_status` of a Voilà page, asked once per address: each GET runs the whole notebook in a new kernel,
    and the same page is linked many times (00 from each navigation bar; 16 GETs ran 16 notebooks, about 30 s of a core)."""
    return http_status(url)


def at_width(page, size: tuple[int, int]) -> None:
    """The page narrowed or widened to ``size`` and quiet again (a chart drawn late and its menu's label in place)."""
    resize(page, size)
    wait_quiet(page)


@contextmanager
def on_paper(page):
    """The page with its print stylesheet on, and back on screen afterwards, whatever happens in between."""
    page.emulate_media(media="print")
    try:
        yield page
    finally:
        page.emulate_media(media="null")


# -- the dashboard's first view ------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_live_chart_takes_the_pictures_place(voila_view, lang):
    _, title = stored_picture(lang)
    seen = voila_view(DASHBOARD, query(lang))
    page, frames = seen.page, seen.frames
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
    # Nothing moves under the reader: with what the cells above show already there (as stored), the picture stays
    # where the live chart will be while the kernel's outputs take their places (it used to start 650 px higher), and
    # the page's title stays where it is.
    moved = [f["picture"] for f in frames if f["picture"] and abs(f["picture"][1] - live_top) > 3]
    assert moved == [], f"the picture moved (live chart at {live_top} px): {moved[:5]}"
    titles = {tuple(f["title"]) for f in frames if f["title"]}
    assert len(titles) == 1, f"the page's title moved: {sorted(titles)}"
    twice = [f for f in frames if f["twice"]]
    assert twice == [], f"shown twice (a stored output beside the kernel's): {twice[:3]}"
    after = page.evaluate(
        """(cells) => ({pictures: document.querySelectorAll('.first-view').length,
             stored: document.querySelectorAll('div.first-view-above').length,
             charts: cells.map(id => document.getElementById('cell-id=' + id).querySelectorAll('.vega-embed').length)})""",
        chart_cells(),
    )
    assert after == {"pictures": 0, "stored": 0, "charts": [1] * len(chart_cells())}, after
    with on_paper(page):
        printed = page.evaluate("() => document.querySelectorAll('.first-view').length")
    assert printed == 0
    if lang != "en":
        text = page.evaluate("document.body.innerText")
        assert stored_title() not in text and stored_title().split(",")[0] not in text
    assert seen.stalls == [], f"Voilà stopped executing the notebook: {seen.stalls}"
    assert seen.session.network.external == [] and seen.session.js_errors() == []
    errors = seen.session.output_errors()
    assert errors == [], f"error outputs on the page: {errors}"


# -- accessibility and a phone's width ------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", [DESKTOP[0], PHONE[0]])
def test_dashboard_has_no_wcag_violations_and_no_sideways_scrolling(voila_view, lang, width):
    """axe-core, WCAG 2.1 A and AA rules: no violation on the dashboard, at a desktop width and on a phone; and
    nothing makes the page scroll sideways."""
    page = voila_view(DASHBOARD, query(lang)).page
    at_width(page, DESKTOP if width == DESKTOP[0] else PHONE)
    try:
        violations, overflow = axe_violations(page), overflowing(page)
    finally:
        at_width(page, DESKTOP)
    assert violations == [], violations
    assert overflow == [], overflow


@pytest.mark.parametrize("lang", LANGS)
def test_dashboard_fits_a_phone(voila_view, lang):
    """At 390 px a wide chart scrolls inside its own box, which the keyboard can reach (tabindex), and text wraps
    (the test above: nothing makes the page itself scroll sideways)."""
    page = voila_view(DASHBOARD, query(lang)).page
    at_width(page, PHONE)
    try:
        boxes = page.evaluate("""() => [...document.querySelectorAll('.jp-OutputArea-output')]
            .filter(b => b.scrollWidth > b.clientWidth + 1).map(b => b.getAttribute('tabindex'))""")
    finally:
        at_width(page, DESKTOP)
    assert boxes and set(boxes) == {"0"}, boxes


@pytest.mark.parametrize("notebook", [page for page in VOILA_PAGES if page != DASHBOARD])
def test_voila_page_fits_a_phone(notebook, voila_view):
    """Narrowed to a phone's 390 px, nothing makes the page scroll sideways."""
    page = voila_view(notebook).page
    at_width(page, PHONE)
    try:
        overflow = overflowing(page)
    finally:
        at_width(page, DESKTOP)
    assert overflow == []


def test_dashboard_tab_title_and_csv_downloads(voila_view):
    page = voila_view(DASHBOARD).page
    assert page.title() == "NAV labour-market programmes: dashboard"
    links = page.locator("a.csv-download")
    assert links.count() >= stored_charts(DASHBOARD)
    assert all(href.startswith("data:text/csv") for href in links.evaluate_all("els => els.map(e => e.href)"))


# -- the bokmål page -----------------------------------------------------------------------------------------
def test_bokmal_dashboard_says_so_to_the_browser_and_in_its_navigation(voila_view):
    """?lang=nb: the page's language is nb (screen readers, spelling), its title bokmål, and the navigation
    cell's links read as helpers/headline.py words them."""
    from helpers.headline import t

    page = voila_view(DASHBOARD, "?lang=nb").page
    page.wait_for_function("document.documentElement.lang === 'nb'", timeout=10000, polling=POLL_MS)
    page.wait_for_function(
        "(title) => document.body.innerText.includes(title)", arg=t("page_title", "nb"), timeout=TIMEOUT_S * 1000, polling=POLL_MS
    )
    words = page.evaluate("() => [...document.querySelectorAll('.celltag_navigation a')].map(a => a.textContent)")
    assert words and t("glossary", "nb") in words and "Glossary" not in words and "Contents" not in words


def test_bokmal_dashboard_fits_a_phone_and_leaves_no_english_nor_controls_on_paper(voila_view, tmp_path):
    """The director's review (?lang=nb): at 390 px the headline table (the page's first table) fits without
    scrolling; the browser tab's title is the page's bokmål heading; the charts' menus say "Lagre som SVG/PNG";
    printed, there is no "Språk:" with nothing after it, no numbers toggle ("Se tallene"), no CSV link and no English
    (NAV's and GitHub's names aside)."""
    from helpers.headline import t

    page = voila_view(DASHBOARD, "?lang=nb").page
    page.wait_for_function("(title) => document.title === title", arg=t("page_title", "nb"), timeout=10000, polling=POLL_MS)
    at_width(page, PHONE)
    try:
        table = page.evaluate("""() => { const t = document.querySelector('#rendered_cells table'), box = t.closest('.jp-OutputArea-output');
            return {heads: [...t.querySelectorAll('th')].map(th => th.textContent.trim()), right: t.getBoundingClientRect().right,
                    boxRight: box.getBoundingClientRect().right, scroll: box.scrollWidth, width: box.clientWidth,
                    window: document.documentElement.clientWidth} }""")
        menu = page.evaluate("() => [...document.querySelectorAll('.vega-actions a')].map(a => a.textContent.trim())")
        controls = printed_controls(page)
    finally:
        at_width(page, DESKTOP)
    assert len(table["heads"]) == 4 and table["heads"][0] == "Gruppe", table["heads"]
    assert table["scroll"] <= table["width"] and table["right"] <= min(table["boxRight"], table["window"]) + 0.5, table
    assert "Lagre som SVG" in menu and "Lagre som PNG" in menu and not any("Save as" in m for m in menu), menu
    assert controls == []
    paragraphs = page.evaluate(
        "(word) => [...document.querySelectorAll('#rendered_cells p, #rendered_cells li')]"
        ".filter(p => p.textContent.includes(word)).length",
        t("see_numbers", "nb"),
    )
    text = " ".join(printed_pages(page, tmp_path / "printed.pdf"))
    assert text.count(t("see_numbers", "nb")) <= paragraphs, "a numbers toggle's summary is printed"
    assert t("csv_excel", "nb") not in text and t("csv", "nb") not in text, "a CSV link is printed"
    assert f"{t('language', 'nb')}:" not in text, "the language switch is printed"
    for name in (*NAMES, "English"):
        text = text.replace(name, " ")
    english = [text[max(0, m.start() - 60) : m.end() + 40] for m in ENGLISH.finditer(text)][:5]
    assert english == [], f"English on the printed bokmål page: {english}"


def test_bokmal_dashboard_has_no_english(voila_view):
    page = voila_view(DASHBOARD, "?lang=nb").page
    # The navigation bar (Contents · Glossary) is written by scripts/navigation.py and leads to English notebooks.
    text = page.evaluate("""() => [...document.querySelectorAll('.jp-Cell')].filter(c => !/Contents.*Glossary/.test(c.innerText))
        .map(c => c.innerText).join('\\n')""")
    for name in NAMES + ("English",):
        text = text.replace(name, " ")
    found = [text[max(0, m.start() - 60) : m.end() + 40] for m in ENGLISH.finditer(text)][:5]
    assert found == []
    assert "Datagrunnlag" in text and "Last ned tallene (CSV)" in text
    assert page.locator("a.csv-download-excel").count() == stored_charts(DASHBOARD)


# -- print ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("notebook", [DASHBOARD, START_HERE])
def test_voila_page_prints_whole_with_its_charts_and_no_controls(notebook, voila_view, tmp_path):
    seen = voila_view(notebook)
    page = seen.page
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
    with on_paper(page):
        sizes = page.evaluate(
            "() => [...document.querySelectorAll('.vega-embed')].map(e => { const r = e.getBoundingClientRect(); "
            "return [Math.round(r.width), Math.round(r.height)] })"
        )
    controls = printed_controls(page)
    assert all(w > 100 and h > 50 for w, h in sizes), f"a chart is not drawn in print: {sizes}"
    assert controls == [], f"controls are printed: {controls[:5]}"
    assert not re.search(r"\[\s*\d*\s*\]:", " ".join(pages)), "prompts are printed"
    assert seen.session.network.external == []


# -- links ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("notebook", VOILA_PAGES)
def test_every_link_of_a_voila_page_leads_somewhere_useful(notebook, voila, voila_view):
    """Every link, after the page's own scripts have run: a heading on the page, a CSV with rows, a notebook
    Voilà renders (never a Markdown file, which it refuses with 403), answering below 400 (the glossary and 00
    are opened as pages, the others checked to exist as notebooks: opening each would run all of them), or a
    web address of the sources' publishers, Binder or GitHub."""
    seen = voila_view(notebook)
    page = seen.page
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
    assert seen.session.network.external == []


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


# -- last: the tests that change a page's menus (the dashboard's in each language, 00's menu and toggle) ----------
def test_dashboard_changes_cover_every_control():
    """Each menu of the dashboard (Vega-Lite menus, no kernel) is changed once in the tests below, in each language."""
    import nbformat

    cells = nbformat.read(ROOT / "notebooks" / DASHBOARD, as_version=4).cells
    menus = [name for cell in cells if cell.cell_type == "code" for name in re.findall(r'\bmenu\("(\w+)"', cell.source)]
    assert len(menus) == len(DASHBOARD_CHANGES) == len(DASHBOARD_CHANGES_NB)
    assert all(c.kind == "chart-select" for c in (*DASHBOARD_CHANGES, *DASHBOARD_CHANGES_NB))  # the language: by ?lang=


def test_dashboard_redraws_after_every_control_offline(voila_view):
    """Every menu of the English dashboard changed once, as a reader would: its chart is drawn again with the
    chosen option's text (`make bench` prints how fast)."""
    seen = voila_view(DASHBOARD)
    page = seen.page
    page.evaluate("() => new Promise(done => requestIdleCallback(done, {timeout: 5000}))")
    changed = [apply_change(page, change) for change in DASHBOARD_CHANGES]
    assert [c["change"] for c in changed] == [c.describe() for c in DASHBOARD_CHANGES]
    assert seen.session.network.external == [], f"requests tried to leave the machine: {seen.session.network.external}"
    errors = seen.session.output_errors() + seen.session.page_errors
    assert errors == [], errors


def test_bokmal_dashboard_redraws_every_menu_offline(voila_view):
    """Every menu of the bokmål page changed once: its chart is drawn again (with its bokmål text, where given)."""
    seen = voila_view(DASHBOARD, "?lang=nb")
    for change in DASHBOARD_CHANGES_NB:
        apply_change(seen.page, change)
    session = seen.session
    assert session.network.external == [] and session.page_errors == [] and session.output_errors() == []


SETDATA = "e.setData is not a function"


def test_00_in_voila_redraws_its_chart_after_its_month_menu_and_its_language_toggle(voila_view):
    """00's first chart: its Vega-Lite month menu redraws it with July 2019's numbers (and not November 2016's
    again); the ipywidgets language toggle has the kernel draw it again in bokmål. No error on the page, and
    no 'e.setData is not a function': Voilà renders outputs with a plain object as the model, JupyterLab's Vega
    renderer calls model.setData() to add a PNG when the bundle has none, and helpers.charts.render adds the PNG
    in Voilà kernels."""
    seen = voila_view(START_HERE)
    page = seen.page
    page.evaluate("() => new Promise(done => requestIdleCallback(done, {timeout: 5000}))")
    menu = apply_change(page, Change("chart-select", value="July 2019", expect=JULY_2019, index=0))
    toggle = apply_change(page, Change("button", "Norsk", expect=(START_TITLE_NB,)))
    assert seen.stalls == [], f"Voilà stopped executing the notebook (explorer first draw): {seen.stalls}"
    assert menu["chart"] == 0, f"the month menu redrew chart #{menu['chart']}, not the first chart"
    assert set(JULY_2019) <= set(menu["texts"]), f"July 2019 labels {JULY_2019} not painted; painted: {menu['texts']}"
    assert not set(NOVEMBER_2016) & set(menu["texts"]), (
        f"November 2016 labels painted again after choosing July 2019: {menu['texts']}"
    )
    assert START_TITLE_NB in toggle["texts"], toggle
    assert seen.session.network.external == [], f"requests tried to leave the machine: {seen.session.network.external}"
    errors = seen.session.output_errors() + seen.session.js_errors()
    assert [text for text in errors if SETDATA in text] == [], errors
    assert errors == [], errors
