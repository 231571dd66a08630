"""`make new-notebook` wires a notebook into the collection in one step; README's table is the collection's."""

from __future__ import annotations

import shutil
import subprocess
import sys

import nbformat

from .conftest import ROOT


def load_script():
    import importlib.util

    spec = importlib.util.spec_from_file_location("new_notebook", ROOT / "scripts" / "new_notebook.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_table_is_written_from_the_collection():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert load_script().readme_table() in readme, "README's notebook table differs from helpers/collection.py"


def copy_of_the_repository(tmp_path):
    for folder in ("helpers", "notebooks", "scripts", "data"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns(".cache", "__pycache__"))
    shutil.copy(ROOT / "README.md", tmp_path / "README.md")
    return tmp_path


def next_stems() -> tuple[str, str]:
    """The next notebook's number and the last notebook's stem (the test works whatever the collection holds)."""
    from helpers.collection import NOTEBOOKS

    return f"{len(NOTEBOOKS):02d}", NOTEBOOKS[-1].stem


def test_a_new_notebook_is_wired_everywhere(tmp_path):
    repo = copy_of_the_repository(tmp_path)
    number, last = next_stems()
    stem = f"{number}_regions"
    args = ["--title", "Regions", "--teaching", "20", "--exercises", "15", "--summary", "Participants by county.", "--no-execute"]
    done = subprocess.run(
        [sys.executable, "scripts/new_notebook.py", stem, *args],
        cwd=repo,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(repo), "PATH": ""},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    nb = nbformat.read(repo / "notebooks" / f"{stem}.ipynb", as_version=4)
    assert nb.cells[0].source.startswith(f"# {number} Regions")
    assert "Teaching: 20 minutes. Exercises: 15 minutes." in "\n".join(c.source for c in nb.cells)
    collection = (repo / "helpers" / "collection.py").read_text(encoding="utf-8")
    assert f'Notebook("{stem}", "Regions", 20, 15, "Participants by county."),' in collection
    previous = nbformat.read(repo / "notebooks" / f"{last}.ipynb", as_version=4)
    assert f"[Next: {number} Regions →]({stem}.ipynb)" in previous.cells[1].source
    assert f"← Previous: {last[:2]}" in nb.cells[1].source
    readme = (repo / "README.md").read_text(encoding="utf-8")
    assert f"| `{stem}` | Participants by county. | 20 min | 15 min |" in readme
    assert f"labpath=notebooks/{stem}.ipynb" in readme


def test_a_wrong_name_is_refused_with_what_to_do(tmp_path):
    repo = copy_of_the_repository(tmp_path)
    number, last = next_stems()
    wrong = f"{int(number) + 1:02d}_regions"
    for name, message in (("9_regions", "NN_words"), (wrong, f"number {number}"), (last, "exists already")):
        done = subprocess.run(
            [
                sys.executable,
                "scripts/new_notebook.py",
                name,
                "--title",
                "x",
                "--teaching",
                "1",
                "--exercises",
                "1",
                "--summary",
                "x",
                "--no-execute",
            ],
            cwd=repo,
            capture_output=True,
            text=True,
            env={"PYTHONPATH": str(repo), "PATH": ""},
            timeout=60,
        )
        assert done.returncode != 0 and message in done.stderr, (name, done.stderr[-500:])


def test_the_template_runs_top_to_bottom():
    """A new notebook starts from working code: the template's chart, explorer, stamp and exercise run."""
    from nbclient import NotebookClient

    nb = nbformat.read(ROOT / "notebooks" / "_template.ipynb", as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors, errors[:1]
    shown = "".join(str(o.get("data", {}).get("text/markdown", "")) for c in nb.cells for o in c.get("outputs", []))
    assert "Data as of" in shown and "The largest group is" in shown
    exercise = next(c for c in nb.cells if "exercise" in c.metadata.get("tags", []))
    assert "Your turn" in "".join(str(o.get("data", {}).get("text/plain", "")) for o in exercise.outputs)
