"""The student edition of the static site (`make site` writes it to site/student/ from the student copies in student/),
as a student sees it in headless Chromium with no internet: every page opens and draws its charts, no solution's
code is anywhere in it, the exercises and the data stamp are there as stored, every link answers inside the edition
(or goes to a web host the main site allows), and axe-core finds no WCAG 2.1 A/AA violation.

One browser; each student page is opened once (at 1280 px) and what a student sees is recorded, then checked by
the tests below; the index and one notebook page are opened once more at phone width for axe.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from helpers.collection import NOTEBOOKS, binder_lab_link

from .browser_support import PHONE, axe_violations, overflowing
from .conftest import ROOT
from .test_site import EXTERNAL_HOSTS, open_offline, script, site_links, wait_site_charts

STUDENT = ROOT / "student"  # the student copies the edition is built from
PAGES = [nb.stem for nb in NOTEBOOKS if (STUDENT / nb.file).exists()]
AXE_PAGES = ["index", "01_definitions"]  # the index and the notebook with the most exercises
SOLUTION_BOX = re.compile(r"Solution \d{2}\.\d+")  # the full collection's <summary>Solution 01.1 …</summary>


def normal(text: str) -> str:
    """Runs of white space as one space: code and text compare as a reader reads them."""
    return " ".join(text.split())


def markdown_text(markdown: str) -> str:
    """The text a reader sees of stored Markdown: link texts without their addresses, no emphasis or code marks."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    return normal(text.replace("**", "").replace("`", "").replace("*", ""))


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def tags(cell: dict) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def solution_lines() -> dict[str, set[str]]:
    """Per notebook of notebooks/*.ipynb, the code lines longer than 20 characters of its solutions (```python blocks
    in Markdown cells tagged ``solution``) that no other cell of the collection has: the answers themselves. A line
    the lesson or the exercise cell shows too (``check("01.1", answer)``, a chart's axis) gives nothing away."""
    solutions: dict[str, set[str]] = {}
    elsewhere: set[str] = set()
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for cell in cells(path):
            source = "".join(cell["source"])
            if "solution" in tags(cell):
                for block in re.findall(r"```python\n(.*?)```", source, flags=re.S):
                    lines = {normal(line) for line in block.splitlines() if len(line.strip()) > 20}
                    solutions.setdefault(path.stem, set()).update(lines)
            else:
                elsewhere.update(normal(line) for line in source.splitlines())
    return {stem: lines - elsewhere for stem, lines in solutions.items()}


def stored_outputs(stem: str, kind: str = "text/markdown") -> list[tuple[dict, str]]:
    """(cell, output text of ``kind``) for every stored output of the student copy."""
    found = []
    for cell in cells(STUDENT / f"{stem}.ipynb"):
        for output in cell.get("outputs", []):
            data = output.get("data", {}).get(kind)
            if data is not None:
                found.append((cell, "".join(data) if isinstance(data, list) else data))
    return found


@dataclass
class Visit:
    """What a student's browser showed of one page."""

    text: str  # the page's whole text (textContent: folded code and closed boxes included), white space normalised
    charts: int  # chart boxes on the page
    drawn: int  # live charts Vega drew in them
    links: list[tuple[str, str]]  # (href as written, the address it resolves to)
    ids: set[str]  # every element id (the targets of #fragments)
    loaded: list[str]  # every file the page loaded (scripts, styles), as addresses
    left: list[str]  # requests that tried to leave the machine (aborted)
    axe: list[dict] | None  # axe-core's violations at 1280 px, for AXE_PAGES


@pytest.fixture(scope="module")
def site(built_site) -> Path:
    return built_site  # `make site` as README gives it (the full site and, inside it, the student edition), once per worker


@pytest.fixture(scope="module")
def student_site(site) -> Path:
    return site / "student"


def visit(browser, path: Path, axe: bool) -> Visit:
    """Open one page offline at 1280 px, wait for its charts, and record what it shows."""
    context, page, left = open_offline(browser, path.as_uri())
    try:
        charts = page.locator(".vega-chart").count()
        try:
            wait_site_charts(page)
        except PlaywrightTimeout:  # a page that never draws all its charts fails its test below, not here
            pass
        return Visit(
            text=normal(page.evaluate("() => document.body.textContent")),
            charts=charts,
            drawn=page.locator(".vega-chart svg.marks").count(),
            links=site_links(page),
            ids=set(page.evaluate("() => [...document.querySelectorAll('[id]')].map(e => e.id)")),
            loaded=page.evaluate("() => performance.getEntriesByType('resource').map(e => e.name)"),
            left=list(left),
            axe=axe_violations(page) if axe else None,
        )
    finally:
        context.close()


@pytest.fixture(scope="module")
def visits(student_site, browser) -> dict[str, Visit]:
    return {path.stem: visit(browser, path, path.stem in AXE_PAGES) for path in sorted(student_site.glob("*.html"))}


def test_make_site_writes_the_student_edition_and_the_full_index_points_a_class_to_it(site, student_site):
    assert {p.stem for p in student_site.glob("*.html")} == {*PAGES, "index", "glossary"}
    assert (student_site / "_static" / "vega-bundle.js").stat().st_size > 100_000  # its own Vega: the folder stands alone
    index = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'For a class: <a href="student/index.html">', index), "the full site's index does not link the class"


def test_every_student_page_opens_offline_and_draws_its_charts(visits):
    for stem, seen in visits.items():
        expected = len(script("figures").charts(STUDENT / f"{stem}.ipynb")) if stem in PAGES else 0
        assert seen.charts == expected, f"{stem}: {seen.charts} chart boxes, the copy stores {expected}"
        assert seen.drawn == expected, f"{stem}: {seen.drawn} of {expected} charts drawn"
        assert seen.left == [], f"{stem}: requests left the machine: {seen.left}"
        assert len(seen.text) > 500, f"{stem}: an empty page"
    assert sum(seen.charts for seen in visits.values()) > 0


def test_no_student_page_shows_solution_code(visits, site, browser):
    """No solution box and none of the solutions' own code lines anywhere in a page's text (folded parts included).
    The same lines are found on the full site's page, so the comparison would see a solution that got through."""
    solutions = solution_lines()
    assert sum(map(len, solutions.values())) > 50
    for stem, seen in visits.items():
        assert not SOLUTION_BOX.search(seen.text), f"{stem}: a solution box"
        leaked = sorted({line for lines in solutions.values() for line in lines if line in seen.text})
        assert leaked == [], f"{stem} shows solution code: {leaked[:5]}"
    full = visit(browser, site / "01_definitions.html", axe=False).text
    assert solutions["01_definitions"] and all(line in full for line in solutions["01_definitions"])
    assert SOLUTION_BOX.search(full)


def test_student_pages_keep_the_exercises_and_the_data_stamp_as_stored(visits):
    """Each exercise cell's code and its stored "Your turn" line, the note that the teacher has the solution, and
    the data stamp (which month the numbers run to, when the copy was made) are on the page."""
    exercises = 0
    for stem in PAGES:
        text = visits[stem].text
        for cell in cells(STUDENT / f"{stem}.ipynb"):
            if "exercise" in tags(cell):
                exercises += 1
                for line in "".join(cell["source"]).splitlines():
                    assert normal(line) in text, f"{stem}: exercise line {line!r} is missing"
            if "solution-removed" in tags(cell):
                assert markdown_text("".join(cell["source"])) in text, f"{stem}: the teacher's-solution note is missing"
        turns = [markdown_text(out) for _, out in stored_outputs(stem) if out.startswith("Your turn")]
        assert turns and all(turn in text for turn in turns), f"{stem}: a 'Your turn' line is missing"
        stamps = [markdown_text(out) for _, out in stored_outputs(stem) if "Data as of" in out]
        assert stamps and all(stamp in text for stamp in stamps), f"{stem}: the data stamp is missing"
    assert exercises >= 30


def test_student_index_says_in_both_languages_where_answers_are_checked(visits, student_site):
    text = visits["index"].text
    assert "student edition" in text and "studentutgaven" in text
    assert "not on this static page" in text and "ikke på denne statiske siden" in text
    assert text.count("make lab-student") == 2
    student_link = binder_lab_link("student/00_start_here.ipynb")
    assert [w for w, _ in visits["index"].links].count(student_link) == 2
    page = (student_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<p lang="nb">Dette er <strong>studentutgaven</strong>', page)
    for stem in PAGES:
        assert f'href="{stem}.html"' in page


def test_every_link_of_every_student_page_answers_inside_the_edition(visits, student_site):
    """As on the main site (tests/test_site.py), but a page's links and the files it loads stay in site/student/: a
    page there that is not empty and holds the #heading it points to, a CSV with rows, or an allowed web host."""
    inside = student_site.resolve()
    fragments = 0
    for stem, seen in visits.items():
        for written, address in seen.links:
            parts = urlsplit(address)
            if parts.scheme == "data":
                assert len(unquote(address.split(",", 1)[1]).strip().splitlines()) >= 2, f"{stem}: a CSV link without rows"
            elif parts.scheme in ("http", "https"):
                assert parts.hostname in EXTERNAL_HOSTS, f"{stem}: link to {address}"
                assert "labpath=notebooks" not in address, f"{stem}: a Binder link opens the full notebooks: {address}"
            else:
                assert parts.scheme == "file", f"{stem}: {written!r}"
                target = Path(unquote(parts.path)).resolve()
                assert target.is_relative_to(inside), f"{stem}: {written!r} leaves the student edition"
                assert target.is_file() and target.stat().st_size > 1000, f"{stem}: {written!r} leads to nothing"
                if parts.fragment:
                    fragments += 1
                    ids = visits[target.stem].ids if target.stem in visits else set()
                    assert parts.fragment in ids or unquote(parts.fragment) in ids, f"{stem}: {written!r}: no such heading"
        for address in seen.loaded:
            if address.startswith("file:"):
                assert Path(unquote(urlsplit(address).path)).resolve().is_relative_to(inside), f"{stem} loads {address}"
    assert fragments > 0


@pytest.mark.parametrize("stem", AXE_PAGES)
def test_student_page_has_no_wcag_violations_at_desktop_and_phone_width(stem, visits, student_site, browser):
    assert visits[stem].axe == [], f"{stem} at 1280 px"
    context, page, left = open_offline(browser, (student_site / f"{stem}.html").as_uri(), PHONE)
    try:
        wait_site_charts(page)
        assert axe_violations(page) == [], f"{stem} at 390 px"
        assert overflowing(page) == []
        assert left == []
    finally:
        context.close()
