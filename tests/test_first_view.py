"""The Voilà dashboard's first chart at once (issue 22, item 4): a picture from disk, then the live chart.

The `nav` template (voila/templates/nav/index.html.j2) shows the stored picture (image/svg+xml) of the cell
tagged `first-view` in notebooks/dashboard.ipynb from the page's first bytes, before the kernel has run
anything, and removes it when the live chart has drawn. The English picture is the stored output's; the bokmål
one is in that cell's metadata (first_view.nb, written by scripts/execute_notebooks.py from a bokmål run).
Read first, without a browser: the stored bokmål picture is the bokmål first chart (its title, read from the
SVG, is the title the dashboard's code gives in bokmål). Then tried in Chromium, offline, as a reader meets it,
the English page and the bokmål page (?lang=nb) each, with the kernel's output held back (Voilà's execution
websocket answered by nobody): the page shows what the cells above the chart show, as stored in its language
(first_view[lang].above: the title, today's sentence and table), and below it the picture in its own language in the
chart's cell (on the first screen at 1280 px), named by that language's chart title (no English word in the bokmål
name), with no live chart; axe finds nothing at 1280 and 390 px (one page, resized); printed, it shows once and fits
the paper.

The page let through, where the live chart takes the picture's place, is watched from its first frame by
tests/test_voila_pages.py (on the page its other tests read: each opening runs the whole notebook).
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
    ENGLISH,
    NAMES,
    POLL_MS,
    PHONE,
    TIMEOUT_S,
    Session,
    axe_violations,
    new_session,
    print_layout_overflow,
    printed_controls,
    settle,
)
from .first_view import (
    LANGS,
    NOTEBOOK,
    SVG,
    VEGA_LITE,
    TAG,
    chart_cells,
    query,
    stored_chart,
    stored_picture,
    stored_title,
    tagged_cell,
    words,
)

from helpers.charts import month_label  # noqa: E402  (the month as the dashboard's code words it)


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


def open_held(browser, server, lang: str) -> Session:
    """The dashboard as a reader opens it in ``lang``, with the kernel's output never arriving (Voilà's execution
    websocket is answered by nobody), so the page stays as it is before the kernel has run the cells."""
    session = new_session(browser)
    session.context.route_web_socket(re.compile(r"/voila/execution/"), lambda socket: None)
    session.page.goto(f"{server.base}/voila/render/dashboard.ipynb{query(lang)}", wait_until="commit", timeout=TIMEOUT_S * 1000)
    return session


def wait_page_streamed(session: Session) -> None:
    """Every cell has arrived and Voilà's own script has started (it puts placeholders in the cells)."""
    session.page.wait_for_function(
        "document.readyState === 'complete' && document.querySelector('.voila-skeleton-container')",
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


def stored_above(lang: str) -> list[dict]:
    """What the page in ``lang`` shows above the chart before the kernel has run (first_view[lang].above)."""
    view = tagged_cell()["metadata"].get("first_view", {}).get(lang, {})
    assert view.get("above"), f"{NOTEBOOK.name}: no first_view[{lang!r}].above (run scripts/execute_notebooks.py)"
    return view["above"]


def headline(lang: str) -> str:
    """The start of today's sentence as the page in ``lang`` words it, with the copy's total for its latest month (NAV's
    raw overview file, added up over the status groups; a Norwegian number has a no-break space between thousands)."""
    latest = monthly_raw.latest_month()
    total = sum(r["antall"] for r in monthly_raw.records("oversikt") if r["periode"][:7] == latest)
    year, month = latest[:4], int(latest[5:7])
    if lang == "en":
        return f"In {monthly_raw.MONTHS_EN[month - 1]} {year}, {total:,} people were on a labour-market programme"
    return f"I {monthly_raw.MONTHS_NB[month - 1]} {year} var {total:,} personer".replace(",", "\u00a0")


def shown_above(page) -> list[dict]:
    """The stored outputs the page shows above the chart: per cell, its text and where it ends."""
    return page.evaluate(
        """() => [...document.querySelectorAll('div.first-view-above')].filter(part => part.checkVisibility()).map(part => ({
             cell: part.closest('.jp-Cell').id, text: part.innerText, bottom: part.getBoundingClientRect().bottom}))"""
    )


def test_the_outputs_above_the_chart_are_stored_in_both_languages():
    """The page shows, before the kernel has run, what the cells above the chart show: in English exactly the stored
    outputs (Markdown as HTML), so it cannot drift from them; in bokmål the same cells' outputs from a bokmål run, with
    today's sentence in bokmål and no English word in them (NAV's and GitHub's names aside)."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    index = next(i for i, c in enumerate(cells) if TAG in c["metadata"].get("tags", []))
    expected = []
    for cell in cells[: index + 1]:
        shown = []
        for output in cell.get("outputs", []):
            if VEGA_LITE in output.get("data", {}):
                break
            markdown, html = output.get("data", {}).get("text/markdown"), output.get("data", {}).get("text/html")
            if html is not None:  # JupyterLab shows HTML before Markdown
                shown.append({"mime": "text/html", "html": "".join(html)})
            elif markdown is not None:
                shown.append({"mime": "text/markdown", "html": markdown2html_mistune("".join(markdown))})
        if shown:
            expected.append({"cell": cell["id"], "outputs": shown})
    assert stored_above("en") == expected
    bokmal = stored_above("nb")
    assert [part["cell"] for part in bokmal] == [part["cell"] for part in expected]
    assert [len(part["outputs"]) for part in bokmal] == [len(part["outputs"]) for part in expected]
    text = re.sub(r"<[^>]+>", " ", " ".join(o["html"] for part in bokmal for o in part["outputs"]))
    assert headline("nb") in text, headline("nb")
    for name in (*NAMES, "English"):
        text = text.replace(name, " ")
    english = [text[max(0, m.start() - 40) : m.end() + 40] for m in ENGLISH.finditer(text)][:5]
    assert english == [], english


@pytest.mark.parametrize(
    "shown",
    [
        {"output_type": "stream", "name": "stderr", "text": "a warning"},
        {"output_type": "display_data", "metadata": {}, "data": {VEGA_LITE: {}, "text/plain": "<Chart>"}},
        {"output_type": "display_data", "metadata": {}, "data": {"text/html": "<SCRIPT>alert(1)</script>"}},
        {"output_type": "display_data", "metadata": {}, "data": {"text/markdown": "a </template> b"}},
    ],
    ids=["warning", "chart", "script", "template-end"],
)
def test_what_the_first_view_could_not_show_is_refused_naming_the_notebook_and_cell(shown):
    """scripts/execute_notebooks.py refuses an output above the first chart that the page could not show before the
    kernel as the kernel will (a warning, another chart) or could not hold in its <template> (a script, </template>)."""
    import copy

    import execute_notebooks  # scripts/ (tests/__init__.py puts it on the path)
    import nbformat

    nb = nbformat.read(NOTEBOOK, as_version=4)
    index = next(i for i, cell in enumerate(nb.cells) if TAG in cell.metadata.get("tags", []))
    assert execute_notebooks.outputs_above(nb, index, NOTEBOOK.name) == stored_above("en")
    damaged = copy.deepcopy(nb)
    above = next(cell for cell in damaged.cells[:index] if cell.cell_type == "code" and cell.outputs)
    above.outputs.insert(0, nbformat.from_dict(shown))
    with pytest.raises(SystemExit, match=rf"^{NOTEBOOK.name} \(NAV_LANG=nb\): cell {above.id} above the 'first-view' chart"):
        execute_notebooks.outputs_above(damaged, index, f"{NOTEBOOK.name} (NAV_LANG=nb)")


def test_a_page_whose_kernel_fails_keeps_nothing_of_its_stored_view(voila, browser):
    """A copy of the dashboard whose cell above the chart raises an error: once the error is shown, the page shows only
    what the kernel gave (the error), no stored output and no picture that would look like today's numbers."""
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    index = next(i for i, c in enumerate(nb["cells"]) if TAG in c["metadata"].get("tags", []))
    broken = next(c for c in reversed(nb["cells"][:index]) if c["cell_type"] == "code" and c.get("outputs"))
    broken["source"] = ['raise RuntimeError("a failing cell")\n']
    (voila.notebook_dir / "dashboard_failing.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    session = new_session(browser)
    try:
        page = session.page
        page.goto(f"{voila.base}/voila/render/dashboard_failing.ipynb", wait_until="commit", timeout=TIMEOUT_S * 1000)
        page.wait_for_function(
            """() => [...document.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
                 .some(error => error.checkVisibility() && error.textContent.includes('a failing cell'))""",
            timeout=TIMEOUT_S * 1000,
            polling=POLL_MS,
        )
        settle(page)
        left = page.evaluate(
            "() => ({stored: document.querySelectorAll('div.first-view-above').length, "
            "pictures: document.querySelectorAll('.first-view').length, "
            "held: document.querySelectorAll('.first-view-waiting').length})"
        )
        assert left == {"stored": 0, "pictures": 0, "held": 0}, left
    finally:
        session.close()


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
    session = open_held(browser, voila, lang)
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
            # Above it, what the cells above show, as stored in the page's language: the page as it will be.
            above = shown_above(page)
            assert [part["cell"] for part in above] == [f"cell-id={part['cell']}" for part in stored_above(lang)], above
            assert all(part["bottom"] <= picture["top"] + 1 for part in above), (picture["top"], above)
            assert headline(lang) in " ".join(part["text"] for part in above), (headline(lang), above)
            if width == 1280:
                assert picture["top"] < picture["screen"], f"at {width} px the picture starts at {picture['top']:.0f} px"
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
