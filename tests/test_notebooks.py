"""Every notebook follows the template, was executed from a fresh kernel, and is small and clean.

nbval (run by `make test`) re-executes each notebook and compares its outputs; these tests check
what nbval does not: structure, navigation, exercises, sizes and the prose itself.
"""

from __future__ import annotations

import re

import nbformat
import pytest

from helpers.collection import DASHBOARD, NOTEBOOKS, notebook
from helpers.glossary import glossary_markdown

from .conftest import ROOT

import execute_notebooks  # scripts/execute_notebooks.py (tests/__init__.py puts scripts/ on the path)

NOTEBOOK_DIR = ROOT / "notebooks"
SEQUENCE = [nb for nb in NOTEBOOKS if (NOTEBOOK_DIR / nb.file).exists()]
EXECUTED = [nb.file for nb in SEQUENCE] + ([DASHBOARD.file] if (NOTEBOOK_DIR / DASHBOARD.file).exists() else [])
REQUIRED = ["What you will learn", "Prerequisites", "Time", "Key findings", "Exercises", "Key points", "What's next", "Sources"]
# Figures that look like data: thousands separators, per cents, decimals with a comma or point.
DATA_NUMBER = re.compile(r"\b\d{1,3}(?:[  ,]\d{3})+\b|\b\d+(?:[.,]\d+)?\s?%|\b\d+,\d+\b")


def read(name: str) -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOK_DIR / name, as_version=4)


def markdown(nb) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "markdown"]


def headings(nb, level: int) -> list[str]:
    prefix = "#" * level + " "
    return [line[len(prefix) :].strip() for text in markdown(nb) for line in text.splitlines() if line.startswith(prefix)]


def test_the_sequence_starts_with_start_here():
    assert SEQUENCE and SEQUENCE[0].stem == "00_start_here"


@pytest.mark.parametrize("name", [nb.file for nb in SEQUENCE] + ["_template.ipynb"])
def test_follows_the_template(name):
    nb = read(name)
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# "), "the first cell holds the title"
    assert len(headings(nb, 1)) == 1, "exactly one H1"
    h2 = headings(nb, 2)
    positions = [h2.index(h) if h in h2 else -1 for h in REQUIRED]
    assert -1 not in positions, f"missing sections: {[h for h, p in zip(REQUIRED, positions) if p < 0]}"
    assert positions == sorted(positions), "sections out of order"
    assert h2.index("Key findings") + 1 < h2.index("Exercises"), "content sections between key findings and exercises"
    for text in markdown(nb):  # no skipped heading levels
        levels = [len(m) for m in re.findall(r"^(#{1,6}) ", text, flags=re.M)]
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:]))


@pytest.mark.parametrize("entry", SEQUENCE, ids=lambda nb: nb.stem)
def test_time_is_stated_as_in_the_collection(entry):
    nb = read(entry.file)
    text = "\n".join(markdown(nb))
    match = re.search(r"## Time\s+Teaching: (\d+) minutes\. Exercises: (\d+) minutes\.", text)
    assert match, "the Time section says 'Teaching: N minutes. Exercises: M minutes.'"
    assert (int(match[1]), int(match[2])) == (entry.teaching, entry.exercises)


@pytest.mark.parametrize("name", EXECUTED)
def test_executed_top_to_bottom_from_a_fresh_kernel(name):
    nb = read(name)
    code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1)), "run `make notebooks`"
    for cell in code:
        counts = [o.execution_count for o in cell.outputs if o.output_type == "execute_result"]
        assert counts in ([], [cell.execution_count]), f"{cell.id}: its result's count {counts} is not the cell's"
        for output in cell.outputs:
            assert output.output_type != "error", f"{cell.id} raised {output.get('ename')}"
            assert not (output.output_type == "stream" and output.name == "stderr"), (
                f"{cell.id} wrote to stderr (a warning?): {output.text[:200]}"
            )
    assert "widgets" not in nb.metadata, "widget state must not be stored"


@pytest.mark.parametrize("name", EXECUTED + ["glossary.ipynb"])
def test_stored_byte_for_byte_as_make_notebooks_writes_it(name):
    """The file is what scripts/execute_notebooks.py writes: cell ids cell-00, cell-01, …, only the cell metadata it
    keeps (tags, jupyter, and the dashboard's first-view picture it adds), no output metadata, no widget state, the
    same addresses and widget ids in every run. A notebook saved from an interactive session fails here; nbval's run
    then requires each cell's fresh outputs to equal the stored ones (tests/notebook_checks.py). Together they check
    what running `make notebooks` and comparing byte for byte checks (`make test-binder` does that too)."""
    path = NOTEBOOK_DIR / name
    nb = nbformat.read(path, as_version=4)
    first_views = {i: cell.metadata["first_view"] for i, cell in enumerate(nb.cells) if "first_view" in cell.metadata}
    execute_notebooks.normalise(nb)
    for i, view in first_views.items():
        nb.cells[i].metadata["first_view"] = view
    written = nbformat.writes(nb)
    written += "" if written.endswith("\n") else "\n"  # as nbformat.write
    same = path.read_bytes().decode("utf-8") == written  # (no diff of two 300 KB strings in the report)
    assert same, (
        f"{name} is not in the form `make notebooks` writes (saved from JupyterLab? It adds the kernel's Python version and a "
        f"PNG of each chart as it opens a notebook): run `make notebooks`, or `git restore notebooks/{name}` if you changed nothing"
    )


@pytest.mark.parametrize("name", EXECUTED + ["_template.ipynb"])
def test_small_and_free_of_local_paths(name):
    path = NOTEBOOK_DIR / name
    assert path.stat().st_size <= 500 * 1024
    assert not re.search(r"/(work|tmp|root|home)/[A-Za-z]", path.read_text(encoding="utf-8"))


def test_template_is_stored_without_outputs():
    nb = read("_template.ipynb")
    assert all(not c.outputs and c.execution_count is None for c in nb.cells if c.cell_type == "code")


@pytest.mark.parametrize("name", EXECUTED)
def test_only_live_controls_are_excluded_from_output_comparison(name):
    """nbval skips comparing a cell's output only where controls redraw live: those cells call
    explore(), which under the test-suite draws and checks every option (tests/notebook_checks.py)."""
    for cell in read(name).cells:
        if "nbval-ignore-output" in cell.metadata.get("tags", []):
            assert re.search(r"\bexplorer?\(", cell.source), f"{cell.id}: only explore() cells may skip the comparison"


@pytest.mark.parametrize("name", EXECUTED)
def test_every_chart_has_a_static_fallback(name):
    for cell in read(name).cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "application/vnd.vegalite.v5+json" in data:
                assert data.get("image/svg+xml", "").startswith("<svg")


@pytest.mark.parametrize("name", EXECUTED + ["_template.ipynb"])
def test_prose_states_no_hand_typed_figures(name):
    for text in markdown(read(name)):
        found = DATA_NUMBER.findall(text)
        assert not found, f"figures typed into Markdown: {found}; compute them in a cell with say() or findings()"


@pytest.mark.parametrize("entry", SEQUENCE, ids=lambda nb: nb.stem)
def test_navigation_at_top_and_bottom(entry):
    import importlib.util

    spec = importlib.util.spec_from_file_location("navigation", ROOT / "scripts" / "navigation.py")
    navigation = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(navigation)
    nb = read(entry.file)
    expected = navigation.links(entry.stem, [p.stem for p in NOTEBOOK_DIR.glob("*.ipynb")])
    for cell in (nb.cells[1], nb.cells[-1]):
        assert "navigation" in cell.metadata.get("tags", []) and cell.source == expected, "run scripts/navigation.py"
    for target in re.findall(r"\]\(([^)#]+)", expected):
        assert (NOTEBOOK_DIR / target).exists(), target


@pytest.mark.parametrize("entry", SEQUENCE, ids=lambda nb: nb.stem)
def test_exercises_have_a_closed_solution_that_no_run_executes(entry):
    """Each exercise: a code cell tagged `exercise` (answer = None, check("NN.k", answer)) whose stored output
    shows no verdict and no hint, then a Markdown cell tagged `solution`: the code in a closed <details> box,
    which Run All, Voilà and nbconvert never execute (tests/notebook_checks.py runs it and requires ✔ Correct)."""
    cells = read(entry.file).cells
    exercises = [i for i, c in enumerate(cells) if "exercise" in c.metadata.get("tags", [])]
    least = 2 if entry.stem == "00_start_here" else 3
    assert len(exercises) >= least, (
        f"{entry.file} has {len(exercises)} exercises; every notebook from 01 on has at least 3 (00: 2)"
    )
    assert not [c.id for c in cells if c.cell_type == "code" and "solution" in c.metadata.get("tags", [])], (
        "a solution is a Markdown cell (tagged `solution`) with the code in <details>: a code cell would run under Run All"
    )
    for i in exercises:
        student, solution = cells[i], cells[i + 1]
        ident = re.search(r'check\("([0-9]{2}\.[0-9]+)", answer\)', student.source)
        assert ident and "answer = None" in student.source, (
            f'{student.id}: an exercise cell holds `answer = None` and `check("NN.k", answer)`'
        )
        assert ident[1].startswith(entry.stem[:2] + "."), f"{student.id}: exercise {ident[1]} is numbered for another notebook"
        assert solution.cell_type == "markdown" and "solution" in solution.metadata.get("tags", []), (
            f"{student.id}: the cell after an exercise is its solution (Markdown, tagged `solution`)"
        )
        src = solution.source
        assert src.startswith(f"<details><summary>Solution {ident[1]}") and src.rstrip().endswith("</details>"), (
            f"{solution.id}: a solution starts with <details><summary>Solution {ident[1]} ...</summary> and ends with </details>"
        )
        summary = src[: src.index("</summary>")]
        assert not re.search(r"\d", summary[len(f"<details><summary>Solution {ident[1]}") :]), (
            f"{solution.id}: the summary gives nothing away"
        )
        code = re.findall(r"```python\n(.*?)\n```", src, flags=re.S)
        assert len(code) == 1 and f'check("{ident[1]}", answer)' in code[0], (
            f'{solution.id}: one ```python block that computes `answer` and ends with check("{ident[1]}", answer)'
        )


def test_glossary_page_is_up_to_date_and_linked():
    assert (NOTEBOOK_DIR / "glossary.md").read_text(encoding="utf-8") == glossary_markdown(), "run scripts/write_glossary.py"
    for entry in SEQUENCE:
        assert "(glossary.md)" in read(entry.file).cells[1].source


def test_collection_registry():
    assert notebook("00_start_here").teaching > 0
    assert [nb.stem[:2] for nb in NOTEBOOKS] == [f"{i:02d}" for i in range(len(NOTEBOOKS))]


@pytest.mark.parametrize("name", EXECUTED)
def test_every_star_in_a_computed_sentence_is_shown(name):
    """NAV's '*' in a generated sentence is escaped, so Markdown shows it instead of turning text italic:
    each escaped star of a stored Markdown output is a visible star once rendered."""
    import mistune

    render = mistune.create_markdown()
    for cell in read(name).cells:
        for output in cell.get("outputs", []):
            text = output.get("data", {}).get("text/markdown")
            if text:
                visible = re.sub(r"<[^>]+>", "", render(text))
                assert visible.count("*") >= text.count("\\*"), f"{cell.id}: a star vanished from {text[:200]!r}"
                lone = re.search(r"(?<![\\*\w.,)!?])\*(?![*\w(])", text)  # a star that is not emphasis, unescaped
                assert not lone, f"{cell.id}: NAV's star is not escaped in {text[max(0, lone.start() - 60) : lone.end() + 60]!r}"


@pytest.mark.parametrize("name", EXECUTED)
def test_no_unsourced_claim_about_when_or_how_often_people_are_counted(name):
    """No source says that NAV counts at the end of the month or counts a person once, under one
    programme: the notebooks may say it is not stated, never state it as fact."""
    from .notebook_text import cell_text

    text = "\n".join(cell_text(c) for c in read(name).cells)
    for claim in (
        "at the end of the month",
        "at the end of a month",
        "at the end of each month",
        "counted once, under one programme",
    ):
        for found in re.finditer(re.escape(claim), text):
            near = text[max(0, found.start() - 300) : found.end() + 300]
            assert re.search(r"assum|not stat|does not say|do not say", near), (
                f"{name} states as fact that people are counted {claim!r}"
            )
