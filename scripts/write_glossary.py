"""Write notebooks/glossary.md from helpers/glossary.yaml (a test checks it is up to date), and the
same text as notebooks/glossary.ipynb, one Markdown cell: the glossary as a page in Voilà (the
dashboard links to it; Voilà renders notebooks, not Markdown files).

    .venv/bin/python scripts/write_glossary.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers.glossary import glossary_markdown  # noqa: E402

PAGE = ROOT / "notebooks" / "glossary.md"
NOTEBOOK = ROOT / "notebooks" / "glossary.ipynb"


def glossary_notebook(text: str) -> str:
    """The glossary as a notebook of one Markdown cell (no code: nothing to execute or store)."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    cell = nbformat.v4.new_markdown_cell(text)
    cell["id"] = "cell-00"  # as scripts/execute_notebooks.py numbers cells, so running it changes nothing
    nb.cells = [cell]
    return nbformat.writes(nb) + "\n"


def main() -> int:
    text = glossary_markdown()
    PAGE.write_text(text, encoding="utf-8")
    NOTEBOOK.write_text(glossary_notebook(text), encoding="utf-8")
    print(f"wrote {PAGE.relative_to(ROOT)} and {NOTEBOOK.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
