"""Build a static HTML version of the collection that opens from disk with no internet.

    make site        # writes site/, open site/index.html

Each executed notebook becomes a page with its code folded, from its stored outputs (the dashboard's pages show
no code at all: they are for readers who read none). Charts are drawn
in the browser by a local copy of Vega, Vega-Lite and vega-embed (from vl-convert), so their menus and
sliders work without a kernel; the bundle loads deferred, and until it has drawn a chart the chart's stored
SVG stands in its place (the first chart shows at once; without JavaScript the pictures stay). Widget
controls, which need a kernel, are replaced by a note. Links between notebooks point to the pages; links to the glossary go to
glossary.html; solutions (Markdown cells tagged ``solution``) stay folded.

The dashboard is offered in both languages: dashboard.html from its stored (English) outputs and
dashboard_nb.html, for which the dashboard is executed once more from a fresh kernel with NAV_LANG=nb
(helpers.headline.page_lang), in memory: the notebook file is not changed. That is the one notebook
`make site` executes (about 15 s). Each page's language link (``?lang=nb`` in Voilà) points to the other page.

The student edition, ``site/student/``, is built by the same code from the student copies in ``student/`` (written
by scripts/student.py: no solutions, links fitted to that folder): an index saying in English and bokmål that answers
are checked in a running notebook, a page per copy and the glossary; no dashboard (the copies have none), and its
Binder links open the student copies. The full site's index links to it ("For a class").
"""

from __future__ import annotations

import contextlib
import copy
import functools
import html
import json
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers.charts import VEGA_LITE_VERSION  # noqa: E402
from helpers.collection import DASHBOARD, NOTEBOOKS, binder_lab_link, binder_voila_link  # noqa: E402

STUDENT_SITE = "student"  # the student edition's folder inside the site
TEMPLATE_DIR = ROOT / "scripts" / "site_template"
VEGA_LITE = "application/vnd.vegalite.v5+json"
WIDGET = "application/vnd.jupyter.widget-view+json"


def chart_name(spec: dict) -> str:
    """What a screen reader says for a chart: its description (the takeaway), else its title."""
    title = spec.get("title", "")
    return str(spec.get("description") or (title.get("text", "") if isinstance(title, dict) else title) or "Chart")


def named_svg(svg: str, name: str) -> str:
    """A static SVG picture as an image with a name (role="img" and a <title>), if it has none yet."""
    if not svg.startswith("<svg") or 'role="img"' in svg[:300]:
        return svg
    return svg.replace("<svg ", '<svg role="img" ', 1).replace(">", f"><title>{html.escape(name)}</title>", 1)


def chart_picture(svg: str, name: str) -> str:
    """The stored SVG of the chart's default view, shown at once while the live chart is drawn (and for good
    without JavaScript); class ``chart-picture``, not Vega's ``marks``, tells it apart from the live chart."""
    if not svg.startswith("<svg"):
        return ""
    return named_svg(svg, name).replace('class="marks"', 'class="chart-picture"', 1)


def chart_html(spec: dict, svg: str, index: int) -> str:
    """A live chart drawn by the local Vega bundle, in a box that scrolls sideways on a narrow screen;
    the chart has its takeaway (or title) as its accessible name. Until the bundle has drawn it (about a
    second from disk), the stored picture of its default view stands in its place: the page shows its
    first chart at once."""
    chart_id = f"chart-{index}"
    spec = {**spec, "description": chart_name(spec)}  # Vega puts it on the chart as its aria-label
    payload = json.dumps(spec, separators=(",", ":")).replace("</", "<\\/")
    return (
        f'<div class="chart-box"><div class="vega-chart" id="{chart_id}">{chart_picture(svg, chart_name(spec))}</div></div>\n'
        f'<script>navCharts.push(() => vegaEmbed("#{chart_id}", {payload}, {{"actions": false, "renderer": "svg"}})'
        f'.then(() => document.querySelectorAll("#{chart_id} > .chart-picture").forEach(p => p.remove())));</script>'
    )


LANG_PAGES = {"en": DASHBOARD.stem, "nb": f"{DASHBOARD.stem}_nb"}  # the dashboard's page in each language
# The site's own words on a page in another language (the template writes them in English).
# The navigation cells' words too (Markdown written by scripts/navigation.py), as helpers/headline.py words them.
PAGE_WORDS = {
    "nb": {
        ">NAV labour-market programmes, explained</a>": ">Samlingen (engelsk)</a>",
        ">Glossary</a>": ">Ordliste</a>",
        ">Contents</a>": ">Innhold (engelsk)</a>",
        "<summary>Show code</summary>": "<summary>Vis koden</summary>",
    }
}
WIDGET_NOTE = {
    "en": (
        "Interactive controls appear here when the notebook runs in JupyterLab or Voilà (a picture of the default "
        'view may be shown above). <a href="{link}">Open it on Binder</a> to use them.'
    ),
    "nb": (
        "Her kommer valgmenyer når siden kjøres i Voilà eller JupyterLab (et bilde av standardvisningen kan stå over). "
        '<a href="{link}">Åpne siden i Binder</a> for å bruke dem.'
    ),
}


@dataclass(frozen=True)
class Edition:
    """Which copies a site is built from: the full collection, or the student copies (no solutions, no dashboard).
    ``folder`` is where they are in the repository, which is also where Binder opens them."""

    folder: str
    title: str
    student: bool = False

    @property
    def source(self) -> Path:
        return ROOT / self.folder


FULL = Edition("notebooks", "NAV labour-market programmes, explained")
STUDENT = Edition("student", "NAV labour-market programmes, explained: student edition", student=True)


def widget_note(stem: str, lang: str = "en", edition: Edition = FULL) -> str:
    """What stands where a control that needs Python (a kernel) would be, with the Binder link that runs it."""
    # The dashboard is for readers without code: on Binder it opens as a Voilà page, like `make dashboard`.
    path = f"{edition.folder}/{stem}.ipynb"
    link = binder_voila_link(path) if stem == DASHBOARD.stem else binder_lab_link(path)
    if stem == DASHBOARD.stem and lang != "en":
        link += f"%3Flang%3D{lang}"
    return f'<p class="widget-note"><em>{WIDGET_NOTE[lang].format(link=html.escape(link))}</em></p>'


def fold_solutions(cell: nbformat.NotebookNode) -> None:
    """A solution (a Markdown cell tagged ``solution`` holding a <details> box) stays closed on the page."""
    if cell.cell_type == "markdown" and "solution" in cell.metadata.get("tags", []):
        cell.source = re.sub(r"(<details\b[^>]*?)\s+open(?:=\"[^\"]*\"|='[^']*')?(?=[\s>])", r"\1", cell.source)


def prepare(nb: nbformat.NotebookNode, stem: str, lang: str = "en", edition: Edition = FULL) -> nbformat.NotebookNode:
    """Swap live-chart and widget outputs for HTML that works from disk; keep solutions folded."""
    nb = copy.deepcopy(nb)
    count = 0
    for cell in nb.cells:
        fold_solutions(cell)
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if VEGA_LITE in data:
                count += 1
                output["data"] = {"text/html": chart_html(data[VEGA_LITE], data.get("image/svg+xml", ""), count)}
            elif WIDGET in data:
                picture = data.get("image/svg+xml", "")
                picture = named_svg(picture, "A picture of the controls' first view")
                output["data"] = {
                    "text/html": (f'<div class="widget-picture">{picture}</div>' if picture else "")
                    + widget_note(stem, lang, edition)
                }
    return nb


def relink(page: str) -> str:
    """Links to notebooks and the glossary point to the site's pages; the dashboard's language link
    (``?lang=nb`` in Voilà) to the dashboard's page in that language."""
    page = re.sub(r'href="([\w]+)\.ipynb', r'href="\1.html', page)
    page = re.sub(r'href="\?lang=(\w+)"', lambda m: f'href="{LANG_PAGES.get(m[1], DASHBOARD.stem)}.html"', page)
    return page.replace('href="glossary.md', 'href="glossary.html')


def write(target: Path, text: str) -> None:
    """Write a file whole or not at all (a temporary file, then renamed): a browser reading the site while
    `make site` runs again (a test, a reader's open tab) never sees half a page or half the Vega bundle."""
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, target)


@contextlib.contextmanager
def environment(**values: str) -> Iterator[None]:
    """Environment variables for what starts inside the block (a kernel inherits them)."""
    before = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in before.items():
            os.environ.pop(k, None) if v is None else os.environ.__setitem__(k, v)


def executed_in(path: Path, lang: str) -> nbformat.NotebookNode:
    """The notebook executed from a fresh kernel in ``lang`` (NAV_LANG), in memory; the file is not changed."""
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    with environment(NAV_LANG=lang):
        NotebookClient(
            nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}, store_widget_state=True
        ).execute()
    nb.metadata.pop("widgets", None)
    return nb


@functools.cache
def exporter(code: bool = True) -> HTMLExporter:
    """The page maker; ``code=False`` (the dashboard, for readers who read no code) leaves out code and its toggles.
    One of each for the whole build: a new exporter compiles its Jinja templates again (a tenth of the build's time)."""
    return HTMLExporter(
        template_name="site_template",
        extra_template_basedirs=[str(TEMPLATE_DIR.parent)],
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_input=not code,
    )


def titled(body: str, edition: Edition) -> str:
    """The navigation bar names the edition (the template writes the full collection's title)."""
    return body.replace(f">{FULL.title}</a>", f">{edition.title}</a>") if edition.student else body


def build_notebook(path: Path, out_dir: Path, lang: str = "en", edition: Edition = FULL) -> Path:
    """One page from the notebook's stored outputs (English), or from a run in ``lang`` (the dashboard in bokmål)."""
    nb = nbformat.read(path, as_version=4) if lang == "en" else executed_in(path, lang)
    name = path.stem if lang == "en" else LANG_PAGES[lang]
    if lang != "en":  # the browser tab's title in the page's language: its heading, as helpers/headline.py words it
        from helpers.headline import t

        nb.metadata["title"] = t("page_title", lang)
    dashboard = path.stem == DASHBOARD.stem
    body, _ = exporter(code=not dashboard).from_notebook_node(
        prepare(nb, path.stem, lang, edition), resources={"metadata": {"name": name}}
    )
    body = titled(body, edition)
    if lang != "en":
        body = body.replace('<html lang="en">', f'<html lang="{lang}">', 1)
        for english, words in PAGE_WORDS[lang].items():
            body = body.replace(english, words)
    target = out_dir / f"{name}.html"
    write(target, relink(body))
    return target


def build_markdown_page(title: str, text: str, out_dir: Path, name: str, edition: Edition = FULL) -> Path:
    """A page of the site from Markdown (the glossary, the index), with the site's look and navigation."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(text, id=f"{name}-text")]  # a fixed id: the same page on every build
    body, _ = exporter().from_notebook_node(nb, resources={"metadata": {"name": title}})
    target = out_dir / f"{name}.html"
    write(target, relink(titled(body, edition)))
    return target


STUDENT_INTRO = {
    "en": (
        "This is the **student edition**: the notebooks with their charts and exercises, without the solutions. "
        "Answers are checked in a running notebook, not on this static page: open the [student copies on Binder]({link}) "
        "(nothing to install), or run `make lab-student` in the collection's folder on your own machine, and use "
        "`check(...)` and `hint(...)` in the exercise cells there."
    ),
    "nb": (
        "Dette er <strong>studentutgaven</strong>: notatbøkene med figurer og oppgaver, uten løsningene. Svarene "
        "sjekkes i en notatbok som kjører, ikke på denne statiske siden: åpne "
        '<a href="{link}">studentutgaven i Binder</a> (ingenting å installere), eller kjør '
        "<code>make lab-student</code> i samlingens mappe på din egen maskin, og bruk <code>check(...)</code> og "
        "<code>hint(...)</code> i oppgavecellene der. Notatbøkene er på engelsk, med NAVs norske begreper."
    ),
}


def index_text(edition: Edition = FULL) -> str:
    """The index page's Markdown: what the site is, a row per notebook (the dashboard in the full edition), the
    glossary; the full edition points a class to the student edition, the student edition says how to answer."""
    if edition.student:
        link = binder_lab_link(f"{edition.folder}/00_start_here.ipynb")
        intro = [
            STUDENT_INTRO["en"].format(link=link),
            "",
            f'<p lang="nb">{STUDENT_INTRO["nb"].format(link=html.escape(link))}</p>',
        ]
    else:
        intro = [
            "A static copy of the collection: read the notebooks with their charts, without running anything. "
            "Charts with a menu still respond; controls that need Python are marked.",
            "",
            f"For a class: [the student edition]({STUDENT_SITE}/index.html), the same pages without the solutions.",
        ]
    rows = [f"# {edition.title}", "", *intro, "", "| Notebook | What it covers | Teaching | Exercises |", "|---|---|---|---|"]
    for nb in NOTEBOOKS:
        if (edition.source / nb.file).exists():
            rows.append(
                f"| [{nb.stem[:2]} {nb.title}]({nb.stem}.ipynb) | {nb.summary} | {nb.teaching} min | {nb.exercises} min |"
            )
    if (edition.source / DASHBOARD.file).exists():
        rows.append(
            f"| [{DASHBOARD.title}]({DASHBOARD.stem}.ipynb) ([på norsk]({LANG_PAGES['nb']}.html)) | {DASHBOARD.summary} | | |"
        )
    rows += ["", "See also the [glossary](glossary.ipynb)."]
    return "\n".join(rows)


def build_edition(out_dir: Path, edition: Edition) -> list[Path]:
    """The pages of one edition in ``out_dir``: a page per notebook of its folder (the dashboard twice, in English
    and bokmål, where the folder has it), the glossary and the index. The Vega bundle must be in ``out_dir/_static``."""
    pages = []
    for nb in (*NOTEBOOKS, DASHBOARD):
        path = edition.source / nb.file
        if path.exists():
            pages.append(build_notebook(path, out_dir, edition=edition))
    if (edition.source / DASHBOARD.file).exists():
        pages.append(build_notebook(edition.source / DASHBOARD.file, out_dir, "nb", edition))
    glossary = (edition.source / "glossary.md").read_text(encoding="utf-8")
    pages.append(build_markdown_page("Glossary", glossary, out_dir, "glossary", edition))
    pages.append(build_markdown_page(edition.title, index_text(edition), out_dir, "index", edition))
    return pages


def build(out_dir: Path) -> list[Path]:
    """The whole site: the full collection in ``out_dir``, the student edition in ``out_dir/student``, each with its
    own copy of the Vega bundle (a folder that opens on its own)."""
    import vl_convert

    bundle = vl_convert.javascript_bundle(vl_version=VEGA_LITE_VERSION)
    student_dir = out_dir / STUDENT_SITE
    for folder in (out_dir, student_dir):
        (folder / "_static").mkdir(parents=True, exist_ok=True)
        write(folder / "_static" / "vega-bundle.js", bundle)
    pages = build_edition(out_dir, FULL)
    student_pages = build_edition(student_dir, STUDENT)
    for stale in set(student_dir.glob("*.html")) - set(student_pages):  # a page of an earlier build (it may show solutions)
        stale.unlink(missing_ok=True)
    return pages + student_pages


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]) if argv else ROOT / "site"
    pages = build(out_dir)
    print(
        f"wrote {len(pages)} pages to {out_dir}; open {out_dir / 'index.html'} "
        f"(the student edition, without solutions: {out_dir / STUDENT_SITE / 'index.html'})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
