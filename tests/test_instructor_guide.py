"""The instructor guide's session plans use the notebooks' own minutes and add up."""

from __future__ import annotations

import re

from helpers.collection import DASHBOARD, NOTEBOOKS

from .conftest import ROOT

GUIDE = (ROOT / "docs" / "instructor_guide.md").read_text(encoding="utf-8")
MINUTES = {nb.stem: (nb.teaching, nb.exercises) for nb in (*NOTEBOOKS, DASHBOARD)}


def plans() -> list[tuple[int, list[list[str]]]]:
    found = []
    for heading, body in re.findall(r"^### .*?\([^)]*?(\d+) minutes\)\n(.*?)(?=^### |^## |\Z)", GUIDE, flags=re.S | re.M):
        rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in body.splitlines() if line.startswith("| ")]
        found.append((int(heading), rows[1:]))
    return found


def test_there_are_three_kinds_of_session():
    lengths = [length for length, _ in plans()]
    assert 45 in lengths and 90 in lengths and len(lengths) >= 4


def test_plans_use_the_notebooks_own_minutes_and_add_up():
    for length, rows in plans():
        total = 0
        for name, teaching, exercises, subtotal in rows[:-1]:
            t, e = MINUTES[name]
            assert teaching in (str(t), "—") and exercises in (str(e), "—"), f"{name}: {teaching}/{exercises} vs {t}/{e}"
            minutes = (t if teaching != "—" else 0) + (e if exercises != "—" else 0)
            assert int(subtotal) == minutes
            total += minutes
        assert rows[-1][0] == "**Total**" and rows[-1][3] == f"**{length}**" and total == length
