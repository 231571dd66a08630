"""Build a static HTML version of the collection that opens from disk with no internet.

    make site        # writes site/, open site/index.html

Each executed notebook becomes a page with its code folded. Charts are drawn in the browser by a
local copy of Vega, Vega-Lite and vega-embed (from vl-convert), so their menus and sliders work
without a kernel; the static SVG stays inside <noscript>. Widget controls, which need a kernel,
are replaced by a note. Links between notebooks point to the pages.
"""

from __future__ import annotations

import copy
import html
import json
import re
import sys
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers.charts import VEGA_LITE_VERSION  # noqa: E402
from helpers.collection import DASHBOARD, NOTEBOOKS, binder_lab_link, binder_voila_link  # noqa: E402

NOTEBOOK_DIR = ROOT / "notebooks"
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


def chart_html(spec: dict, svg: str, index: int) -> str:
    """A live chart drawn by the local Vega bundle, in a box that scrolls sideways on a narrow screen;
    the chart has its takeaway (or title) as its accessible name, the static SVG stays in <noscript>."""
    chart_id = f"chart-{index}"
    spec = {**spec, "description": chart_name(spec)}  # Vega puts it on the chart as its aria-label
    payload = json.dumps(spec, separators=(",", ":")).replace("</", "<\\/")
    return (f'<div class="chart-box"><div class="vega-chart" id="{chart_id}"></div></div>\n'
            f'<script>vegaEmbed("#{chart_id}", {payload}, {{"actions": false, "renderer": "svg"}});</script>\n'
            f"<noscript>{named_svg(svg, chart_name(spec))}</noscript>")


def widget_note(stem: str) -> str:
    # The dashboard is for readers without code: on Binder it opens as a Voilà page, like `make dashboard`.
    path = f"notebooks/{stem}.ipynb"
    link = binder_voila_link(path) if stem == DASHBOARD.stem else binder_lab_link(path)
    return ('<p class="widget-note"><em>Interactive controls appear here when the notebook runs in '
            f'JupyterLab or Voilà (a picture of the default view may be shown above). '
            f'<a href="{html.escape(link)}">Open it on Binder</a> to use them.</em></p>')


def prepare(nb: nbformat.NotebookNode, stem: str) -> nbformat.NotebookNode:
    """Swap live-chart and widget outputs for HTML that works from disk."""
    nb = copy.deepcopy(nb)
    count = 0
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if VEGA_LITE in data:
                count += 1
                output["data"] = {"text/html": chart_html(data[VEGA_LITE], data.get("image/svg+xml", ""), count)}
            elif WIDGET in data:
                picture = data.get("image/svg+xml", "")
                picture = named_svg(picture, "A picture of the controls' first view")
                output["data"] = {"text/html": (f'<div class="widget-picture">{picture}</div>' if picture else "") + widget_note(stem)}
    return nb


def relink(page: str) -> str:
    """Links to notebooks and the glossary point to the site's pages."""
    page = re.sub(r'href="([\w]+)\.ipynb', r'href="\1.html', page)
    return page.replace('href="glossary.md', 'href="glossary.html')


def exporter() -> HTMLExporter:
    return HTMLExporter(template_name="site_template", extra_template_basedirs=[str(TEMPLATE_DIR.parent)],
                        exclude_input_prompt=True, exclude_output_prompt=True)


def build_notebook(path: Path, out_dir: Path) -> Path:
    nb = prepare(nbformat.read(path, as_version=4), path.stem)
    body, _ = exporter().from_notebook_node(nb, resources={"metadata": {"name": path.stem}})
    target = out_dir / f"{path.stem}.html"
    target.write_text(relink(body), encoding="utf-8")
    return target


def build_markdown_page(title: str, text: str, out_dir: Path, name: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(text)]
    body, _ = exporter().from_notebook_node(nb, resources={"metadata": {"name": title}})
    target = out_dir / f"{name}.html"
    target.write_text(relink(body), encoding="utf-8")
    return target


def index_text() -> str:
    rows = ["# NAV labour-market programmes, explained", "",
            "A static copy of the collection: read the notebooks with their charts, without running anything. "
            "Charts with a menu still respond; controls that need Python are marked.", "",
            "| Notebook | What it covers | Teaching | Exercises |", "|---|---|---|---|"]
    for nb in NOTEBOOKS:
        if (NOTEBOOK_DIR / nb.file).exists():
            rows.append(f"| [{nb.stem[:2]} {nb.title}]({nb.stem}.ipynb) | {nb.summary} | {nb.teaching} min | {nb.exercises} min |")
    if (NOTEBOOK_DIR / DASHBOARD.file).exists():
        rows.append(f"| [{DASHBOARD.title}]({DASHBOARD.stem}.ipynb) | {DASHBOARD.summary} | | |")
    rows += ["", "See also the [glossary](glossary.md)."]
    return "\n".join(rows)


def build(out_dir: Path) -> list[Path]:
    import vl_convert

    (out_dir / "_static").mkdir(parents=True, exist_ok=True)
    (out_dir / "_static" / "vega-bundle.js").write_text(vl_convert.javascript_bundle(vl_version=VEGA_LITE_VERSION), encoding="utf-8")
    pages = []
    for nb in (*NOTEBOOKS, DASHBOARD):
        path = NOTEBOOK_DIR / nb.file
        if path.exists():
            pages.append(build_notebook(path, out_dir))
    pages.append(build_markdown_page("Glossary", (NOTEBOOK_DIR / "glossary.md").read_text(encoding="utf-8"), out_dir, "glossary"))
    pages.append(build_markdown_page("NAV labour-market programmes, explained", index_text(), out_dir, "index"))
    return pages


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]) if argv else ROOT / "site"
    pages = build(out_dir)
    print(f"wrote {len(pages)} pages to {out_dir}; open {out_dir / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
