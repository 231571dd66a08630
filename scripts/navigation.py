"""Write the previous / contents / glossary / next links at the top and bottom of each notebook.

Safe to run again: the cells it writes carry the tag ``navigation`` and are replaced each time.
Links go to the neighbouring notebooks that exist, in the order of helpers/collection.py.

    .venv/bin/python scripts/navigation.py                      # every notebook
    .venv/bin/python scripts/navigation.py 03_programme_groups  # only this one
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers.collection import DASHBOARD, NOTEBOOKS  # noqa: E402

NOTEBOOK_DIR = ROOT / "notebooks"
TAG = "navigation"


def links(stem: str, existing: list[str]) -> str:
    order = [nb for nb in NOTEBOOKS if nb.stem in existing]
    stems = [nb.stem for nb in order]
    parts = []
    if stem in stems:
        i = stems.index(stem)
        if i > 0:
            parts.append(f"[← Previous: {order[i - 1].stem[:2]} {order[i - 1].title}]({order[i - 1].file})")
    parts.append("[Contents](00_start_here.ipynb#The-collection)")
    # The dashboard is read in Voilà, which renders notebooks, not Markdown files: its glossary is the
    # glossary page notebooks/glossary.ipynb (written with glossary.md by scripts/write_glossary.py).
    parts.append("[Glossary](glossary.ipynb)" if stem == DASHBOARD.stem else "[Glossary](glossary.md)")
    if stem in stems and stems.index(stem) + 1 < len(order):
        nxt = order[stems.index(stem) + 1]
        parts.append(f"[Next: {nxt.stem[:2]} {nxt.title} →]({nxt.file})")
    return " · ".join(parts)


def nav_cell(text: str) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_markdown_cell(text)
    cell.metadata["tags"] = [TAG]
    return cell


def update(path: Path, existing: list[str]) -> bool:
    nb = nbformat.read(path, as_version=4)
    before = nbformat.writes(nb)
    cells = [c for c in nb.cells if TAG not in c.metadata.get("tags", [])]
    text = links(path.stem, existing)
    nb.cells = cells[:1] + [nav_cell(text)] + cells[1:] + [nav_cell(text)]
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:02d}"
    after = nbformat.writes(nb)
    if after != before:
        nbformat.write(nb, path)
    return after != before


def main(only: list[str]) -> int:
    """Update every notebook of the collection, or only the named ones (e.g. 03_programme_groups)."""
    existing = [p.stem for p in NOTEBOOK_DIR.glob("*.ipynb")]
    for stem in only or [nb.stem for nb in NOTEBOOKS] + [DASHBOARD.stem]:
        path = NOTEBOOK_DIR / f"{stem}.ipynb"
        if path.exists():
            print(f"{path.relative_to(ROOT)}: {'updated' if update(path, existing) else 'unchanged'}")
    return 0


if __name__ == "__main__":
    sys.exit(main([Path(a).stem for a in sys.argv[1:]]))
