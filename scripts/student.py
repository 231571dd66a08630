"""Student copies of the collection: the same notebooks without their solutions, for a class.

    make student     # writes student/ (committed, so Binder's student link and `make lab-student` open it)

Each copy keeps the executed outputs of its notebook (charts and tables show at once; an exercise cell
only says it is the learner's turn), its exercise cells and their checks (``check`` and ``hint`` work as
in the full notebooks). What changes:

- every solution cell (Markdown tagged ``solution``) becomes a short note tagged ``solution-removed``;
- the sentence that points learners at the solution boxes says that the teacher has the solutions;
- links to pages the copies do not have (the dashboard) become plain text, and Binder links point at
  the student copies.

``tests/test_student.py`` rebuilds the copies and requires them to equal the committed ones, so a
change to a notebook that is not followed by ``make student`` fails the suite.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers.collection import GLOSSARY, NOTEBOOKS  # noqa: E402

NOTE = (
    '*Your teacher has the solution to exercise {id}. Stuck? Run `hint("{id}")` in a new cell.* '
    '*Læreren din har løsningen på oppgave {id}. Står du fast? Kjør `hint("{id}")` i en ny celle.*'
)
# The exercises' introduction, in English and in its bokmål box, as the full collection words it and as the copies do.
SOLUTION_BOXES = {
    "Each exercise ends with a closed **Solution** box: open it after you have tried.": (
        "This is the student copy: your teacher has the solutions."
    ),
    "Hver oppgave slutter med en lukket boks, **Solution**: åpne den først når du har prøvd selv.": (
        "Dette er studentutgaven: læreren din har løsningene."
    ),
}
EXERCISE_ID = re.compile(r"<summary>Solution ([0-9]{2}\.[0-9]+)")
LINK = re.compile(r"\[([^\]]+)\]\(([^)\s#]+)(#[^)]*)?\)")
EXTRA_FILES = ("glossary.md", GLOSSARY)


def unlink_missing(text: str, present: set[str]) -> str:
    """Turn relative links to files the student folder does not have into plain text."""

    def replace(match: re.Match) -> str:
        label, target = match[1], match[2]
        if "://" in target or target in present:
            return match[0]
        return f"{label} (in the full collection)"

    return LINK.sub(replace, text)


def for_students(text: str) -> str:
    """Binder links open the student copies; the full collection's solution boxes are not here."""
    for full, student in SOLUTION_BOXES.items():
        text = text.replace(full, student)
    return text.replace("labpath=notebooks%2F", "labpath=student%2F").replace("labpath=notebooks/", "labpath=student/")


def student_copy(nb: nbformat.NotebookNode, present: set[str]) -> nbformat.NotebookNode:
    """The notebook without its solutions, its links and wording fitted to the student folder."""
    cells = []
    for cell in nb.cells:
        if "solution" in cell.metadata.get("tags", []):
            found = EXERCISE_ID.search(cell.source)
            note = NOTE.format(id=found[1]) if found else "*Your teacher has the solution to this exercise.*"
            cells.append(nbformat.v4.new_markdown_cell(note, metadata={"tags": ["solution-removed"]}, id=cell["id"]))
            continue
        if cell.cell_type == "markdown":
            cell.source = unlink_missing(for_students(cell.source), present)
        else:
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                for kind in ("text/markdown", "text/html"):
                    if kind in data:
                        data[kind] = unlink_missing(for_students(data[kind]), present)
        cells.append(cell)
    nb.cells = cells
    return nb


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]) if argv else ROOT / "student"
    out_dir.mkdir(parents=True, exist_ok=True)
    present = {entry.file for entry in NOTEBOOKS} | set(EXTRA_FILES)
    for entry in NOTEBOOKS:
        source = ROOT / "notebooks" / entry.file
        nbformat.write(student_copy(nbformat.read(source, as_version=4), present), out_dir / entry.file)
    for name in EXTRA_FILES:
        shutil.copy(ROOT / "notebooks" / name, out_dir / name)
    print(f"wrote {len(NOTEBOOKS)} student notebooks and the glossary to {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
