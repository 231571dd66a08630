"""Add a notebook to the collection in one step, everything wired in the right order.

    make new-notebook NB=09_regions TITLE="Regions" TEACHING=20 EXERCISES=15 SUMMARY="Participants by county."

1. copies notebooks/_template.ipynb to notebooks/09_regions.ipynb with its title and time filled in;
2. adds it to ``NOTEBOOKS`` in helpers/collection.py (the one list that contents, navigation, README's
   table and links, the site, the student copies and the instructor guide's list are written from);
3. writes the navigation links of every notebook (its neighbours' "Next" links change too);
4. rewrites README's notebook table and Binder links (scripts/readme_links.py, as `make links` does);
5. executes the new notebook and 00 (whose contents table lists it) from a fresh kernel, then writes
   the student copies.

Then write the notebook (README: "How to write a new notebook"), run ``make check NB=09`` while you work and
``make notebooks`` + ``make test`` before you commit. Refuses a name that exists or is not ``NN_words``.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

NAME = re.compile(r"^(\d{2})_[a-z0-9_]+$")
COLLECTION = ROOT / "helpers" / "collection.py"


def check_name(stem: str) -> None:
    from helpers.collection import NOTEBOOKS

    if not NAME.match(stem):
        raise SystemExit(f"NB={stem!r}: a notebook is named NN_words in lower case, e.g. 09_regions")
    if (ROOT / "notebooks" / f"{stem}.ipynb").exists():
        raise SystemExit(f"notebooks/{stem}.ipynb exists already")
    expected = f"{len(NOTEBOOKS):02d}"
    if stem[:2] != expected:
        raise SystemExit(f"NB={stem!r}: the next notebook of the sequence is number {expected}")


def copy_template(stem: str, title: str, teaching: int, exercises: int) -> Path:
    """The template with the title and the Time line filled in."""
    nb = nbformat.read(ROOT / "notebooks" / "_template.ipynb", as_version=4)
    first = nb.cells[0]
    first.source = re.sub(r"^# .*", f"# {stem[:2]} {title}", first.source, count=1)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = re.sub(
                r"Teaching: \d+ minutes\. Exercises: \d+ minutes\.",
                f"Teaching: {teaching} minutes. Exercises: {exercises} minutes.",
                cell.source,
            )
    path = ROOT / "notebooks" / f"{stem}.ipynb"
    nbformat.write(nb, path)
    return path


def register(stem: str, title: str, teaching: int, exercises: int, summary: str) -> None:
    """Append the notebook to NOTEBOOKS in helpers/collection.py."""
    text = COLLECTION.read_text(encoding="utf-8")
    start = text.index("NOTEBOOKS: tuple[Notebook, ...] = (")
    end = text.index("\n)\n", start)
    quoted = [json.dumps(text, ensure_ascii=False) for text in (stem, title, summary)]  # double quotes, as the file writes
    line = f"\n    Notebook({quoted[0]}, {quoted[1]}, {teaching}, {exercises}, {quoted[2]}),"
    COLLECTION.write_text(text[:end] + line + text[end:], encoding="utf-8")


def readme_table() -> str:
    """README's table of notebooks, from the collection (reloaded: this script has just changed it)."""
    import importlib

    from helpers import collection

    importlib.reload(collection)
    return collection.notebooks_table_markdown()


def run(*args: str) -> None:
    print("+", " ".join(args))
    subprocess.run([sys.executable, *args], cwd=ROOT, check=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("stem")
    parser.add_argument("--title", required=True)
    parser.add_argument("--teaching", type=int, required=True)
    parser.add_argument("--exercises", type=int, required=True)
    parser.add_argument("--summary", required=True)
    parser.add_argument("--no-execute", action="store_true", help="skip executing (tests)")
    args = parser.parse_args(argv)
    check_name(args.stem)
    path = copy_template(args.stem, args.title, args.teaching, args.exercises)
    register(args.stem, args.title, args.teaching, args.exercises, args.summary)
    run("scripts/navigation.py")
    run("scripts/readme_links.py")  # README's Binder links and its table of notebooks
    if not args.no_execute:
        run("scripts/execute_notebooks.py", str(path), "notebooks/00_start_here.ipynb")
        run("scripts/student.py", "student")
    print(
        f"{path.relative_to(ROOT)} is in the collection. Next: write it (README: How to write a new notebook), "
        f"then `make check NB={args.stem[:2]}`."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
