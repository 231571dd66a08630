"""Make student copies of the notebooks: solutions removed, exercise cells and checks kept.

    make student     # writes student/*.ipynb (and the glossary), ready to hand out

Outputs are cleared, so students run the notebooks themselves. Each exercise keeps its question,
its answer cell (``answer = None`` and the ``check`` call) and a note where the solution was.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers.collection import NOTEBOOKS  # noqa: E402

NOTE = "*The solution is in the instructor's copy of this notebook.*"


def student_copy(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    cells = []
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        if "solution" in tags:
            cells.append(nbformat.v4.new_markdown_cell(NOTE, metadata={"tags": ["solution-removed"]}))
            continue
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        cells.append(cell)
    nb.cells = cells
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:02d}"
    return nb


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]) if argv else ROOT / "student"
    out_dir.mkdir(parents=True, exist_ok=True)
    written = 0
    for entry in NOTEBOOKS:
        source = ROOT / "notebooks" / entry.file
        if source.exists():
            nbformat.write(student_copy(nbformat.read(source, as_version=4)), out_dir / entry.file)
            written += 1
    shutil.copy(ROOT / "notebooks" / "glossary.md", out_dir / "glossary.md")
    print(f"wrote {written} student notebooks to {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
