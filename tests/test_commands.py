"""The other commands README gives, run exactly as written: `make notebooks` reproduces every stored
output byte for byte (so the stored notebooks are what a fresh kernel gives), and `make site`,
`make figures` and `make student` write what tests/test_site.py and tests/test_student.py check.

`make notebooks` executes every notebook once more (about a minute of both cores), so it runs in `make
test-binder` (tests/conftest.py: BINDER_FILES), which `.ci/run` runs after `make test`. In `make test`, nbval's
run of each notebook checks the same thing without a second execution: each cell's fresh outputs, normalised as
`make notebooks` stores them, must equal the stored ones exactly (tests/notebook_checks.py), and each file must be
byte for byte in the form `make notebooks` writes (tests/test_notebooks.py).

`make notebooks` runs in a copy of the working tree (made when the run starts, see tests/reproduction.py),
and the notebooks it writes are compared with the copy's own notebooks as they were before it ran: editing
the working tree while the suite runs cannot make this test fail (or pass). It runs as a reader's shell
would run it, without the suite's NAV_CHECK_EVERY_OPTION (nbval's run of the same notebooks draws every
option), so `make notebooks` executes each notebook once, as it always does.
"""

from __future__ import annotations

from .reproduction import result


def test_make_notebooks_reproduces_the_stored_notebooks(tmp_path):
    copy, before, code, output = result(tmp_path)
    assert code == 0, f"`make notebooks` failed:\n{output[-3000:]}"
    assert "pip install" not in output, f"`make notebooks` reinstalled the environment:\n{output[-1000:]}"
    stored = {path.name: path.read_bytes() for path in sorted(before.glob("*.ipynb"))}
    assert len(stored) >= 10, sorted(stored)
    differ = [name for name, bytes_before in stored.items() if (copy / "notebooks" / name).read_bytes() != bytes_before]
    assert not differ, f"`make notebooks` gives other outputs than are stored in: {differ}"
