"""`make bench`, as README's table of commands gives it, runs to the end and prints every figure README promises.

No figure is judged here: the speed aims are printed by the benchmark beside each figure, never asserted (a timed
test fails on a busy machine and passes on a fast one, whatever the code does). The benchmark takes minutes
(30 dashboard views and the two minutes of kernel culling after them), so this test runs with the Binder
rehearsal in `make test-binder`, which `.ci/run` runs after `make test`.
"""

from __future__ import annotations

import re

from .conftest import ROOT, run_make

# README: "prints load, chart, checker and dashboard timings, and the kernels alive and the server's memory after
# 30 dashboard views". The benchmark's section headings, in the order it prints them.
SECTIONS = (
    "Participant tables",
    "Monthly series",
    "Exercise checker",
    "Notebook start-up",
    "Dashboard in Voilà",
    "Dashboard on the static site",
    "Dashboard kernels: 30 views",
)


def test_make_bench_runs_as_readme_gives_it_and_prints_every_figure():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "| `make bench` |" in readme, "README's table of commands no longer gives `make bench`"
    out = run_make(ROOT, "bench", timeout=1800).stdout
    places = [out.find(section) for section in SECTIONS]
    assert all(place >= 0 for place in places), [s for s, p in zip(SECTIONS, places) if p < 0]
    assert places == sorted(places), "the sections are out of order (one of them printed nothing?)"
    for section, start, end in zip(SECTIONS, places, [*places[1:], len(out)]):
        figures = re.findall(r"\d[\d,.]* ?(?:ms|s)\b", out[start:end])
        assert figures, f"{section}: no time printed"
    tail = out[places[-1] :]
    assert re.search(r"kernels?\b.*\d", tail), "no count of the kernels left after the 30 views"
    assert re.search(r"memory \(MB\).*\d", tail), "no figure for the server's memory"
