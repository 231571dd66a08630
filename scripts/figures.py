"""Save every chart of the collection as a standalone offline HTML page, a PNG and an SVG.

    make figures     # writes figures/<notebook>-<n>-<title>.{html,png,svg}

The charts are taken from the executed notebooks' stored outputs, so the files match what the
notebooks show. The HTML pages carry Vega, Vega-Lite and vega-embed inline: they open from disk
with no internet, and their menus work.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers.charts import VEGA_LITE_VERSION  # noqa: E402
from helpers.collection import DASHBOARD, NOTEBOOKS  # noqa: E402

VEGA_LITE = "application/vnd.vegalite.v5+json"


def slug(text: str | list[str]) -> str:
    """A file name from a chart's title (a title wrapped over several lines is a list of them)."""
    text = " ".join(text) if isinstance(text, list) else str(text)
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "chart"


def charts(path: Path) -> list[tuple[dict, str]]:
    """(spec, stored SVG) of every chart in a notebook, in order."""
    found = []
    for cell in nbformat.read(path, as_version=4).cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if VEGA_LITE in data:
                found.append((data[VEGA_LITE], data.get("image/svg+xml", "")))
    return found


def save(spec: dict, svg: str, stem: Path) -> None:
    """The chart as SVG (the notebook's stored picture), PNG (that picture at twice its size: drawing it again from
    the spec took three times as long) and offline HTML."""
    import vl_convert

    svg = svg or vl_convert.vegalite_to_svg(spec, vl_version=VEGA_LITE_VERSION)
    stem.with_suffix(".svg").write_text(svg, encoding="utf-8")
    stem.with_suffix(".png").write_bytes(vl_convert.svg_to_png(svg, scale=2))
    stem.with_suffix(".html").write_text(
        vl_convert.vegalite_to_html(spec, vl_version=VEGA_LITE_VERSION, bundle=True), encoding="utf-8"
    )


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]) if argv else ROOT / "figures"
    out_dir.mkdir(parents=True, exist_ok=True)
    ours = re.compile(r"(\d\d_\w+|dashboard)-\d\d-[\w-]*\.(html|png|svg)")  # the names save() gives
    stale = [old for old in out_dir.iterdir() if ours.fullmatch(old.name)]
    for old in stale:  # a chart renamed or removed since the last run must not linger beside the new set
        old.unlink()
    count = 0
    for nb in (*NOTEBOOKS, DASHBOARD):
        path = ROOT / "notebooks" / nb.file
        if not path.exists():
            continue
        for k, (spec, svg) in enumerate(charts(path), start=1):
            title = spec.get("title", {})
            text = title.get("text", "") if isinstance(title, dict) else str(title)
            save(spec, svg, out_dir / f"{nb.stem}-{k:02d}-{slug(text)}")
            count += 1
    print(f"wrote {count} charts (HTML, PNG and SVG each) to {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
