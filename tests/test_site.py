"""The static site and the saved figures open from disk with working charts and no internet."""

from __future__ import annotations

import importlib.util
import re

import pytest

from helpers.collection import DASHBOARD, NOTEBOOKS

from .browser_support import PHONE, axe_violations, overflowing
from .conftest import ROOT, run_make

PAGES = [nb.stem for nb in (*NOTEBOOKS, DASHBOARD) if (ROOT / "notebooks" / nb.file).exists()]


def script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def site():
    run_make(ROOT, "site")  # as README gives it
    return ROOT / "site"


@pytest.fixture(scope="module")
def figures():
    run_make(ROOT, "figures")
    return ROOT / "figures"


def open_offline(browser, url: str, viewport: tuple[int, int] = (1200, 900)):
    """A page whose requests may only read local files; anything else is aborted and recorded."""
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    left = []

    def route(route, request):
        if request.url.startswith(("file:", "data:", "blob:", "about:")):
            route.fallback()
        else:
            left.append(request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.goto(url)
    return context, page, left


def stored_charts(stem: str) -> int:
    return len(script("figures").charts(ROOT / "notebooks" / f"{stem}.ipynb"))


def test_site_has_a_page_for_every_notebook_and_the_glossary(site):
    assert {p.stem for p in site.glob("*.html")} == {*PAGES, "index", "glossary"}
    index = (site / "index.html").read_text(encoding="utf-8")
    for stem in PAGES:
        assert f'href="{stem}.html"' in index
    for page in site.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r'<(script|link)[^>]+(src|href)="https?://', text), f"{page.name} loads something from the internet"
        assert not re.search(r'href="(?!https?:)[^"]*\.ipynb', text), f"{page.name} links a notebook instead of its page"


@pytest.mark.parametrize("stem", PAGES)
def test_site_page_draws_its_charts_offline(stem, site, browser):
    context, page, left = open_offline(browser, (site / f"{stem}.html").as_uri())
    try:
        expected = stored_charts(stem)
        assert page.locator(".vega-chart").count() == expected
        if expected:
            page.wait_for_function(f"document.querySelectorAll('.vega-chart svg.marks').length === {expected}", timeout=30000)
        menus = page.locator(".vega-bindings select")
        if menus.count():
            chart = page.locator(".vega-chart").filter(has=page.locator(".vega-bindings select")).first
            before = chart.locator("svg").text_content()
            menu = chart.locator(".vega-bindings select").first
            current = menu.evaluate("el => el.options[el.selectedIndex].text")
            other = next(o for o in menu.locator("option").all_text_contents() if o != current)
            menu.select_option(label=other)
            page.wait_for_function("([el, before]) => el.querySelector('svg').textContent !== before",
                                   arg=[chart.element_handle(), before], timeout=10000)
        assert left == [], f"requests left the machine: {left}"
    finally:
        context.close()


def test_figures_are_saved_in_three_formats_and_the_html_works_offline(figures, browser):
    total = sum(stored_charts(stem) for stem in PAGES)
    assert total > 0
    for suffix in (".html", ".png", ".svg"):
        assert len(list(figures.glob(f"*{suffix}"))) == total
    png = next(figures.glob("*.png"))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    html = next(figures.glob("00_start_here-01-*.html"))
    assert not re.search(r'<script[^>]+src="https?://', html.read_text(encoding="utf-8"))
    context, page, left = open_offline(browser, html.as_uri())
    try:
        page.wait_for_selector(".vega-embed canvas, .vega-embed svg", timeout=30000)
        assert page.locator(".vega-bindings select").count() == 1
        assert left == []
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [(1200, 900), PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("stem", [*PAGES, "index", "glossary"])
def test_site_page_has_no_wcag_violations_and_fits_a_phone(stem, viewport, site, browser):
    """axe-core (WCAG 2.1 A and AA) finds nothing once the charts are drawn; at 390 px nothing makes the
    page scroll sideways (wide charts and tables scroll in their own box)."""
    context, page, left = open_offline(browser, (site / f"{stem}.html").as_uri(), viewport)
    try:
        charts = page.locator(".vega-chart").count()
        if charts:
            page.wait_for_function(f"document.querySelectorAll('.vega-chart svg.marks').length === {charts}", timeout=30000)
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        assert axe_violations(page) == []
        if viewport == PHONE:
            assert overflowing(page) == []
        assert left == []
    finally:
        context.close()


def test_site_dashboard_offers_each_charts_numbers_as_csv(site):
    page = (site / "dashboard.html").read_text(encoding="utf-8")
    charts = page.count('class="vega-chart"')
    links = re.findall(r'<a class="csv-download" download="[^"]+\.csv" href="data:text/csv;charset=utf-8,([^"]+)"', page)
    assert charts > 0 and len(links) == charts
    assert all("Source" in link for link in links)
