"""Execute notebooks from a fresh kernel and store their outputs: the only way outputs are written.

    make notebooks            # every notebook of the collection
    .venv/bin/python scripts/execute_notebooks.py notebooks/03_programme_groups.ipynb

Solutions are Markdown (a closed <details> box), so executing a notebook never runs them; the test suite
runs each one after its exercise (tests/notebook_checks.py). An exercise cell whose output shows a verdict
or a hint is refused: that is what a learner would see after Run All.
Memory addresses in reprs and widget ids are made the same in every run, so re-running gives the
same file byte for byte. Widget state is not kept (it holds random ids and would make every run differ: nbclient needs it
while executing, so it is recorded and then dropped); cell ids and
metadata that interactive sessions add are normalised, so re-running gives the same file.

A notebook with a cell tagged ``first-view`` (the dashboard) is executed a second time, in bokmål (NAV_LANG=nb,
in memory, by scripts/build_site.py's ``executed_in``), and that cell's bokmål picture (its image/svg+xml) and
chart title are stored in the English cell's metadata, ``first_view: {"nb": {"image/svg+xml": ..., "title": ...}}``,
and, for each language, what the page shows above that chart (``first_view[lang]["above"]``: the cells' Markdown and
HTML outputs, see ``outputs_above``), which the template shows in their cells until the kernel's outputs arrive.
Why: the Voilà template (voila/templates/nav/index.html.j2) shows the first chart's stored picture from the page's
first bytes, before the kernel has run anything, and the stored outputs are English; the bokmål page (?lang=nb)
needs a bokmål picture, which only a bokmål run can draw. Only these are kept (the outputs stay English; nbval
compares outputs, not metadata); the bokmål run is as deterministic as the English one, so re-running still gives
the same file byte for byte. It adds the dashboard's run time once more (about 15 s).
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
KEEP_METADATA = {"tags", "jupyter"}
FIRST_VIEW = "first-view"  # the tag of the cell whose picture the Voilà template shows before the kernel runs
FIRST_VIEW_LANGS = ("nb",)  # the languages besides the stored outputs' English
VEGA_LITE = "application/vnd.vegalite.v5+json"
SVG = "image/svg+xml"
ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{6,16}\b")  # as tests/nbval_sanitize.cfg
WIDGET = "application/vnd.jupyter.widget-view+json"
GIVEAWAYS = ("✔", "✘", "correct", "not yet", "hint")  # as tests/notebook_checks.py (case-folded)


def merge_streams(outputs: list) -> list:
    """Consecutive writes to one stream as one output: the kernel may send print()'s text and its newline as
    two messages or one, depending on timing, which would make two runs of the same notebook differ."""
    merged: list = []
    for output in outputs:
        last = merged[-1] if merged else None
        if (
            output.get("output_type") == "stream"
            and last is not None
            and last.get("output_type") == "stream"
            and last.get("name") == output.get("name")
        ):
            last["text"] = last["text"] + output["text"]
        else:
            merged.append(output)
    return merged


def normalise(nb: nbformat.NotebookNode) -> None:
    title = nb.metadata.get("title")  # the page title of Voilà and the static site (browser tab)
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        **({"title": title} if title else {}),
    }
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:02d}"
        cell.metadata = {k: v for k, v in cell.metadata.items() if k in KEEP_METADATA}
        if cell.cell_type == "code":
            cell.outputs = normalise_outputs(cell.get("outputs", []), cell["id"])


def normalise_outputs(outputs: list, cell_id: str) -> list:
    """A code cell's outputs as they are stored: streams merged, no output metadata, memory addresses and widget ids
    the same in every run. (tests/notebook_checks.py applies it to nbval's fresh outputs and compares them with the
    stored ones, so that nbval's run of the notebooks also checks that `make notebooks` would store the same file.)"""
    outputs = merge_streams(outputs)
    for k, output in enumerate(outputs):
        output.get("metadata", {}).clear() if output.get("output_type") in ("display_data", "execute_result") else None
        data = output.get("data", {})
        if "text/plain" in data:  # a repr's memory address differs in every run
            data["text/plain"] = ADDRESS.sub("0xADDR", data["text/plain"])
        if WIDGET in data:  # a widget's random id points at state that is not stored anyway
            data[WIDGET] = {**data[WIDGET], "model_id": f"{cell_id}-widget-{k}"}
    return outputs


def refuse_giveaways(nb: nbformat.NotebookNode, path: Path) -> None:
    """An exercise cell's output after a plain run must show no verdict and no hint (see tests/notebook_checks.py)."""
    for cell in nb.cells:
        if "exercise" in cell.metadata.get("tags", []):
            printed = "".join(str(o.get("data", {}).get("text/plain", "")) + str(o.get("text", "")) for o in cell.outputs)
            given = [word for word in GIVEAWAYS if word in printed.casefold()]
            if given:
                raise SystemExit(
                    f"{path.name}: exercise cell {cell.get('id')} shows {given} before the learner has tried: {printed[:300]!r}"
                )


def chart_picture(cell: nbformat.NotebookNode, where: str) -> dict[str, str]:
    """The cell's one chart as its picture (SVG text) and its title (lines joined by spaces), as the template needs them."""
    charts = [o["data"] for o in cell.get("outputs", []) if VEGA_LITE in o.get("data", {}) and SVG in o.get("data", {})]
    if len(charts) != 1:
        raise SystemExit(
            f"{where}: a cell tagged {FIRST_VIEW!r} must show exactly one chart with its picture, it shows {len(charts)}"
        )
    svg, title = charts[0][SVG], charts[0][VEGA_LITE].get("title") or ""
    title = title.get("text", "") if isinstance(title, dict) else title
    return {SVG: "".join(svg) if isinstance(svg, list) else svg, "title": " ".join(title) if isinstance(title, list) else title}


TEXT_OUTPUTS = ("text/html", "text/markdown")  # what the template can show of an output before the kernel has run


def outputs_above(nb: nbformat.NotebookNode, index: int, where: str) -> list[dict]:
    """What the page shows above the ``first-view`` cell's chart: per code cell up to it, the outputs it displays (their
    HTML, or Markdown as HTML), and in the tagged cell those before its chart. The template shows them, in the page's
    language, before the kernel has run, so the chart's picture is where the live chart will be and nothing moves when
    the kernel's outputs take their places. What it could not show as the kernel would is refused, naming ``where``
    (the notebook and its run): another kind of output (a warning on stderr, an error, a chart above the tagged one),
    and HTML with a script or a </template> (the template keeps the outputs in a <template> and copies them in)."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    above = []
    for position, cell in enumerate(nb.cells[: index + 1]):
        if cell.cell_type != "code":
            continue
        shown = []
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if VEGA_LITE in data and position == index:
                break
            kind = next((k for k in TEXT_OUTPUTS if k in data), None)  # HTML first, as JupyterLab chooses
            if kind is None or VEGA_LITE in data:
                shown_as = "a chart" if VEGA_LITE in data else (output.get("name") or output["output_type"])
                raise SystemExit(
                    f"{where}: cell {cell.get('id')} above the {FIRST_VIEW!r} chart shows {shown_as!r}; the page's first view "
                    f"can show only {' or '.join(TEXT_OUTPUTS)} there"
                )
            text = "".join(data[kind]) if isinstance(data[kind], list) else data[kind]
            html = markdown2html_mistune(text) if kind == "text/markdown" else text  # by the static site's renderer
            if re.search(r"<script|</template", html, flags=re.I):
                raise SystemExit(f"{where}: cell {cell.get('id')} above the {FIRST_VIEW!r} chart shows a script or </template>")
            shown.append({"mime": kind, "html": html})
        if shown:
            above.append({"cell": cell.get("id", ""), "outputs": shown})
    return above


def add_first_views(nb: nbformat.NotebookNode, path: Path) -> None:
    """Store the ``first-view`` cell's picture in every other language in its metadata, and in every language what the
    page shows above it (see the module's docstring)."""
    tagged = [i for i, cell in enumerate(nb.cells) if FIRST_VIEW in cell.metadata.get("tags", [])]
    if not tagged:
        return
    if len(tagged) > 1:
        raise SystemExit(
            f"{path.name}: {len(tagged)} cells tagged {FIRST_VIEW!r} (ids {[nb.cells[i].id for i in tagged]}), expected one"
        )
    if str(ROOT / "scripts") not in sys.path:  # run as a script it is already there
        sys.path.insert(0, str(ROOT / "scripts"))
    from build_site import executed_in  # the same bokmål run as the static site's dashboard_nb.html

    [index] = tagged
    views = {"en": {"above": outputs_above(nb, index, path.name)}}
    for lang in FIRST_VIEW_LANGS:
        other = executed_in(path, lang)
        views[lang] = chart_picture(other.cells[index], f"{path.name} (NAV_LANG={lang}), cell {nb.cells[index].id}")
        views[lang]["above"] = outputs_above(other, index, f"{path.name} (NAV_LANG={lang})")
    nb.cells[index].metadata["first_view"] = views


def execute(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    start = time.perf_counter()
    NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=True,
        record_timing=False,
    ).execute()
    nb.metadata.pop("widgets", None)
    refuse_giveaways(nb, path)
    normalise(nb)
    add_first_views(nb, path)
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return time.perf_counter() - start


def main(paths: list[str]) -> int:
    for name in paths:
        path = Path(name).resolve()
        seconds = execute(path)
        size = path.stat().st_size / 1024
        print(f"{path.relative_to(ROOT)}: executed in {seconds:.1f} s, {size:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
