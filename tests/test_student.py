"""The student route, as a class takes it: the committed student/ copies, opened by `make lab-student` or
Binder's student link, show no solution and no answer, their links resolve, and check() and hint() work.

- The copies are what `make student` writes from the current notebooks (byte for byte): a notebook
  changed without `make student` fails here with that instruction.
- Their code cells are the notebooks' code cells unchanged, so nbval's run of the notebooks (which runs
  every solution after its exercise) covers the copies' code; here 00 is also executed in student/, as
  Binder's student link runs it, and an exercise is answered wrongly and rightly.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys

import nbformat
import pytest
from nbclient import NotebookClient

from helpers.collection import NOTEBOOKS, binder_links

from .conftest import ROOT

STUDENT = ROOT / "student"
GIVEAWAYS = ("✔", "✘", "Correct", "Not yet", "Hint:", "<details><summary>Solution")


def student_module():
    spec = importlib.util.spec_from_file_location("student", ROOT / "scripts" / "student.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_copies_are_what_make_student_writes(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "scripts" / "student.py"), str(tmp_path)], check=True, capture_output=True)
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(p.name for p in STUDENT.iterdir() if not p.name.startswith(".")), "run `make student`"
    for name in written:
        assert (tmp_path / name).read_bytes() == (STUDENT / name).read_bytes(), (
            f"student/{name} is out of date: run `make student`"
        )


@pytest.mark.parametrize("entry", NOTEBOOKS, ids=lambda nb: nb.stem)
def test_copy_has_no_solution_and_the_same_code(entry):
    original = nbformat.read(ROOT / "notebooks" / entry.file, as_version=4)
    copy = nbformat.read(STUDENT / entry.file, as_version=4)
    text = (STUDENT / entry.file).read_text(encoding="utf-8")
    assert "<details><summary>Solution" not in text
    tags = [t for c in copy.cells for t in c.metadata.get("tags", [])]
    n_exercises = sum("exercise" in c.metadata.get("tags", []) for c in original.cells)
    assert "solution" not in tags and tags.count("exercise") == n_exercises == tags.count("solution-removed") > 0
    code = lambda nb: [c.source for c in nb.cells if c.cell_type == "code"]  # noqa: E731
    assert code(copy) == code(original), "the copies' code is the notebooks' code (nbval runs it there)"
    for cell in copy.cells:
        if "exercise" in cell.metadata.get("tags", []):
            shown = "".join(str(o.get("data", {}).get("text/plain", "")) + str(o.get("text", "")) for o in cell.outputs)
            assert not [g for g in GIVEAWAYS if g in shown], f"{cell.id} shows {shown[:200]!r}"
    assert "folded" not in text and "Solution** box" not in text, "the copies say the teacher has the solutions"
    assert "boks, **Solution**" not in text, "the bokmål introduction says so too (scripts/student.py, SOLUTION_BOXES)"


@pytest.mark.parametrize("entry", NOTEBOOKS, ids=lambda nb: nb.stem)
def test_every_link_in_a_copy_resolves_in_the_student_folder(entry):
    text = (STUDENT / entry.file).read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)\s#]+)", text.replace("\\n", "\n")):
        if "://" in target or target.startswith("mailto:"):
            assert "labpath=notebooks" not in target, f"a Binder link opens the full notebooks: {target}"
            continue
        assert (STUDENT / target).exists(), f"student/{entry.file} links {target}, which the student folder does not have"


def test_binder_offers_the_student_copies():
    (student,) = [link for label, link, path in binder_links() if path == "student/00_start_here.ipynb"]
    assert "labpath=student/00_start_here.ipynb" in student
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert student in readme, "README gives the student link (make links)"


def test_a_student_runs_00_in_the_student_folder_and_checks_an_answer():
    nb = nbformat.read(STUDENT / "00_start_here.ipynb", as_version=4)
    first = next(i for i, c in enumerate(nb.cells) if "exercise" in c.metadata.get("tags", []))
    ident = re.search(r'check\("([0-9.]+)"', nb.cells[first].source)[1]
    nb.cells.insert(
        first + 1,
        nbformat.v4.new_code_cell(f'print(check("{ident}", "12"))\nprint(check("{ident}", "13"))\nprint(hint("{ident}"))'),
    )
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(STUDENT)}}).execute()
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors, errors[:1]
    before = "".join(str(o.get("data", {}).get("text/plain", "")) for o in nb.cells[first].outputs)
    assert "Your turn" in before and not [g for g in GIVEAWAYS if g in before]
    tried = "".join(o.get("text", "") for o in nb.cells[first + 1].outputs).split("✘ Not yet")
    assert len(tried) == 3, f"two wrong answers get two verdicts: {tried!r}"
    assert "Hint" not in tried[1] and "Hint" in tried[2], "the hint comes with the second wrong try, not the first"
