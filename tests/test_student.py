"""Student copies: solutions gone, exercise cells and checks kept; they run and say "Not yet"."""

from __future__ import annotations

import importlib.util

import nbformat
import pytest
from nbclient import NotebookClient

from helpers.collection import NOTEBOOKS

from .conftest import ROOT, run_make

PRESENT = [nb for nb in NOTEBOOKS if (ROOT / "notebooks" / nb.file).exists()]


def student_module():
    spec = importlib.util.spec_from_file_location("student", ROOT / "scripts" / "student.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def copies():
    run_make(ROOT, "student")  # as README gives it
    return ROOT / "student"


@pytest.mark.parametrize("entry", PRESENT, ids=lambda nb: nb.stem)
def test_student_copy_runs_and_checks_say_not_yet(entry, copies):
    original = nbformat.read(ROOT / "notebooks" / entry.file, as_version=4)
    nb = nbformat.read(copies / entry.file, as_version=4)
    tags = [t for c in nb.cells for t in c.metadata.get("tags", [])]
    assert "solution" not in tags
    n_exercises = sum("exercise" in c.metadata.get("tags", []) for c in original.cells)
    assert tags.count("exercise") == n_exercises == tags.count("solution-removed") > 0
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    NotebookClient(nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    for cell in nb.cells:
        if "exercise" in cell.metadata.get("tags", []):
            text = "".join(o.get("data", {}).get("text/plain", "") for o in cell.outputs)
            assert "Not yet" in text and "replace `None`" in text, cell.source
        assert not any(o.output_type == "error" for o in cell.get("outputs", []))
