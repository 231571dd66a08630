"""00_start_here runs offline in JupyterLab, in headless Chromium, and the accessibility check can fail.

The server runs on 127.0.0.1 with throw-away Jupyter directories and a copy of the notebooks
(tests/browser_support.py). Every request of the page that would leave the machine is aborted and
recorded, and the test asserts that there was none. The charts must be JupyterLab's live Vega-Lite
rendering (not the static SVG fallback): their Vega-Lite month menu and the ipywidgets language
toggle must redraw them. Timings are printed (run with -s to see them). The same page in Voilà is
tests/test_voila_pages.py's.

NAV_SCREENSHOTS=1 saves /tmp/browser-lab.png.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .browser_support import (
    JULY_2019,
    START_HERE,
    START_TITLE,
    START_TITLE_NB,
    Change,
    apply_change,
    axe_violations,
    lab_chart_renderer,
    lab_server,
    new_session,
    open_lab,
    run_all,
    screenshot,
    wait_chart,
    wait_run_all,
)


SCREENSHOTS = os.environ.get("NAV_SCREENSHOTS") == "1"


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    with lab_server(workdir=tmp_path_factory.mktemp("lab")) as server:
        yield server


def offline_message(external: list[str]) -> str:
    return f"{len(external)} request(s) tried to leave the machine (aborted): {external}"


def test_jupyterlab_runs_the_notebook_and_redraws_live_charts_offline(lab, browser):
    session = new_session(browser, viewport=(1280, 1000))
    page = session.page
    try:
        opened = open_lab(session, lab, START_HERE)
        started = run_all(page)
        first = wait_chart(page, [START_TITLE], since=started, what="JupyterLab: the first chart after Run All")
        finished = wait_run_all(page)
        renderer = lab_chart_renderer(page, first["index"])
        assert renderer["live"] and renderer["menus"] == 1, (
            f"JupyterLab did not draw the live Vega-Lite chart with its menu: {renderer}"
        )
        assert renderer["static_outputs"] == 0, f"JupyterLab shows static SVG/image fallbacks: {renderer}"
        menu_index = page.evaluate(
            """(i) => [...document.querySelectorAll('.vega-bindings select')]
            .indexOf(document.querySelectorAll('.vega-embed')[i].querySelector('.vega-bindings select'))""",
            first["index"],
        )
        menu = apply_change(page, Change("chart-select", value="July 2019", expect=JULY_2019, index=menu_index))
        toggle = apply_change(page, Change("button", "Norsk", expect=(START_TITLE_NB,)))
        redrawn = lab_chart_renderer(page, toggle["chart"])
        print(
            f"\nJupyterLab {START_HERE}: kernel idle {opened['t']:.0f} ms after navigation; Run All -> first chart "
            f"{first['t'] - started:.0f} ms, all cells {finished - started:.0f} ms; chart menu -> redrawn "
            f"{menu['redraw_ms']:.0f} ms; 'Norsk' -> redrawn {toggle['redraw_ms']:.0f} ms; "
            f"{len(session.network.requests)} requests; renderer: {renderer['classes']}; dialogs: {opened['dialogs']}"
        )
        if SCREENSHOTS:
            screenshot(page, Path("/tmp/browser-lab.png"))
        assert menu["chart"] == first["index"], f"the month menu redrew chart #{menu['chart']}, not #{first['index']}"
        assert set(JULY_2019) <= set(menu["texts"]), f"July 2019 labels {JULY_2019} not painted; painted: {menu['texts']}"
        assert redrawn["live"], f"the redrawn Norwegian chart is not the live Vega-Lite chart: {redrawn}"
        errors = session.output_errors() + session.page_errors
        assert errors == [], f"error outputs or JavaScript errors in JupyterLab: {errors}"
        assert session.network.external == [], offline_message(session.network.external)
    finally:
        session.close()


def test_the_accessibility_check_finds_poor_contrast_and_a_nameless_chart(browser):
    """axe_violations as every page's check runs it (its contrast rule told to skip text inside an <svg>, which axe
    can only report as undetermined): pale text beside a chart and a chart picture without a name still fail."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content(
            '<html lang="en"><head><title>t</title></head><body><main><h1>Page</h1>'
            '<p style="color:#bbb">pale text on white</p>'
            '<svg role="img" width="60" height="20"><text x="0" y="15" fill="#bbb">label</text></svg>'
            "</main></body></html>"
        )
        found = {v["id"]: v["nodes"] for v in axe_violations(page)}
    finally:
        context.close()
    assert set(found) == {"color-contrast", "svg-img-alt"}, found
    assert found["color-contrast"] == ['<p style="color:#bbb">pale text on white</p>']
