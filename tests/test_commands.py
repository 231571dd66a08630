"""The other commands README gives, run exactly as written: `make notebooks` reproduces every stored
output byte for byte (so the stored notebooks are what a fresh kernel gives), and `make site`,
`make figures` and `make student` write what tests/test_site.py and tests/test_student.py check."""

from __future__ import annotations

from .conftest import ROOT, repository_copy, run_make


def test_make_notebooks_reproduces_the_stored_notebooks(tmp_path):
    copy = repository_copy(tmp_path / "repo")
    run_make(copy, "notebooks")
    stored = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    differ = [name for name in stored if (copy / "notebooks" / name).read_bytes() != (ROOT / "notebooks" / name).read_bytes()]
    assert not differ, f"`make notebooks` gives other outputs than are stored in: {differ}"
