"""The other commands README gives, run exactly as written: `make notebooks` reproduces every stored
output byte for byte (so the stored notebooks are what a fresh kernel gives), and `make site`,
`make figures` and `make student` write what tests/test_site.py and tests/test_student.py check.

`make notebooks` runs in a copy of the working tree, made when the test starts, and the notebooks it
writes are compared with the copy's own notebooks as they were before it ran: editing the working tree
while the suite runs cannot make this test fail (or pass). It runs as a reader's shell would run it,
without the suite's NAV_CHECK_EVERY_OPTION (nbval's run of the same notebooks draws every option), so
each notebook is executed by it once, as `make notebooks` executes it.
"""

from __future__ import annotations

from .conftest import repository_copy, run_make


def test_make_notebooks_reproduces_the_stored_notebooks(tmp_path):
    copy = repository_copy(tmp_path / "repo")
    stored = {path.name: path.read_bytes() for path in sorted((copy / "notebooks").glob("*.ipynb"))}
    assert len(stored) >= 10, sorted(stored)
    run_make(copy, "notebooks")
    differ = [name for name, before in stored.items() if (copy / "notebooks" / name).read_bytes() != before]
    assert not differ, f"`make notebooks` gives other outputs than are stored in: {differ}"
