"""The instructor guide: its plans fit their sessions, use the notebooks' own minutes, and match docs/sessions.yaml.

The guide's tables are written by `scripts/teacher.py --guide`; these tests read the guide as a teacher does (its
Markdown tables) and compare it with helpers/collection.py (each notebook's own minutes) and docs/sessions.yaml.
"""

from __future__ import annotations

import re

import yaml

from helpers.collection import NOTEBOOKS, binder_lab_link

from .conftest import ROOT

import teacher  # scripts/teacher.py (tests/__init__.py puts scripts/ on the path)

GUIDE = (ROOT / "docs" / "instructor_guide.md").read_text(encoding="utf-8")
PLAN = yaml.safe_load((ROOT / "docs" / "sessions.yaml").read_text(encoding="utf-8"))
MINUTES = {nb.stem: (nb.teaching, nb.exercises) for nb in NOTEBOOKS}


def table(block: str) -> list[list[str]]:
    """The rows (cells stripped) of the Markdown table inside a <!-- kit:NAME --> block, header and rule left out."""
    body = re.search(rf"<!-- kit:{re.escape(block)} -->\n(.*?)\n\s*<!-- /kit:{re.escape(block)} -->", GUIDE, re.S)
    assert body, f"the guide has no {block} block"
    return [[c.strip() for c in line.strip().strip("|").split("|")] for line in body[1].splitlines()[2:]]


def plans() -> dict[str, tuple[int, list[list[str]]]]:
    """{session: (minutes in its heading, table rows)} as the guide prints them."""
    found = {}
    for name in PLAN["sessions"]:
        heading = re.search(rf"^### [^\n]*\((\d+) minutes\)\n(?:(?!^### ).)*?<!-- kit:plan:{name} -->", GUIDE, re.S | re.M)
        assert heading, f"no '### … (N minutes)' heading above the {name} plan"
        found[name] = (int(heading[1]), table(f"plan:{name}"))
    return found


def test_the_guides_generated_parts_are_current():
    """Regenerating the guide from docs/sessions.yaml, the notebooks and helpers/collection.py changes nothing."""
    plan = teacher.load_plan()
    found = teacher.all_exercises([nb.stem for nb in NOTEBOOKS])
    assert teacher.fill_guide(GUIDE, teacher.guide_blocks(plan, found)) == GUIDE, (
        "docs/instructor_guide.md is out of date: run .venv/bin/python scripts/teacher.py --guide"
    )


def test_each_plan_adds_up_to_its_heading_and_its_clock_runs_without_gaps():
    for name, (length, rows) in plans().items():
        steps, total = rows[:-1], rows[-1]
        assert total[1] == "**Total**" and total[3] == f"**{length}**" == f"**{PLAN['sessions'][name]['minutes']}**", name
        clock = 0
        for span, _, _, minutes in steps:
            start, end = (int(x) for x in span.split("–"))
            assert start == clock and end - start == int(minutes), f"{name}: {span} vs {minutes} minutes"
            clock = end
        assert clock == length, name


def test_teaching_steps_never_exceed_the_notebooks_own_teaching_minutes():
    for name, (_, rows) in plans().items():
        for _, what, notebook, minutes in rows[:-1]:
            if what.startswith("Teach"):
                assert int(minutes) <= MINUTES[notebook][0], f"{name}: {notebook} taught in {minutes} > {MINUTES[notebook][0]}"


def test_exercise_steps_use_the_measured_minutes_of_their_exercises():
    measured = {}
    for notebook, cells, total, _ in table("exercises"):
        pairs = re.findall(r"(\d\d\.\d+) \((\d+)\)", cells)
        measured.update({e: int(m) for e, m in pairs})
        assert sum(int(m) for _, m in pairs) == int(total), notebook
    for name, (_, rows) in plans().items():
        for _, what, notebook, minutes in rows[:-1]:
            if what.startswith("Exercises"):
                ids = re.findall(r"\d\d\.\d+", what)
                assert ids and all(e.startswith(notebook[:2]) for e in ids), f"{name}: {what}"
                assert sum(measured[e] for e in ids) == int(minutes), f"{name}: {what}"


def test_the_exercise_table_shows_each_notebooks_own_minutes():
    rows = table("exercises")
    assert [r[0] for r in rows] == [nb.stem for nb in NOTEBOOKS]
    for notebook, _, _, says in rows:
        assert int(says) == MINUTES[notebook][1], (
            f"{notebook}: the guide says {says}, helpers/collection.py {MINUTES[notebook][1]}"
        )


def test_the_three_sessions_the_lecturer_asked_for():
    """A 90-minute policy session on 01 and 06 with set-up, a break and a discussion; a data-skills session on
    02, 03 and 05; a second session on 08."""
    found = plans()
    length, policy = found["policy"]
    notebooks = {r[2] for r in policy[:-1]}
    assert length == 90 and {"01_definitions", "06_audit_findings"} <= notebooks
    assert policy[0][1].startswith("Set-up") and policy[0][2] == "—"
    assert any(r[1] == "Break" for r in policy) and 0 < next(i for i, r in enumerate(policy) if r[1] == "Break") < len(policy) - 2
    assert policy[-2][1].startswith("Discussion") and int(policy[-2][3]) >= 10
    assert {"02_reading_nav_tables", "03_programme_groups", "05_seasons_and_age"} <= {r[2] for r in found["data_skills"][1]}
    assert "08_years_since" in {r[2] for r in found["years_since"][1]}


def test_the_guide_gives_the_student_link_and_the_ways_in():
    assert f"<{binder_lab_link('student/00_start_here.ipynb')}>" in GUIDE
    for way in ("make lab-student", "python3 nav.py student-lab", "py nav.py student-lab", "make teacher"):
        assert way in GUIDE, way
    for heading in (
        "## When Binder is slow",
        "## What to show on the projector",
        "## How students get the copies",
        "## Discussion questions",
        "## Each exercise's minutes",
    ):
        assert heading in GUIDE, heading


def test_every_notebook_has_discussion_questions_in_both_languages():
    for nb in NOTEBOOKS:
        questions = PLAN["discussion"][nb.stem]
        assert len(questions) >= 2 and all(q["en"].endswith("?") and q["nb"].endswith("?") for q in questions), nb.stem
        listed = re.findall(r"^\d+\. (.+)$", GUIDE.split(f"<!-- kit:discussion:{nb.stem} -->")[1].split("<!--")[0], re.M)
        assert listed == [q["en"] for q in questions], nb.stem


def test_the_guide_renders_its_tables_and_lists():
    """A reader opens the guide on GitHub: the generated blocks sit between HTML comments and must still render."""
    import mistune

    page = mistune.create_markdown(escape=False, plugins=["table"])(GUIDE)
    assert page.count("<table>") == len(PLAN["sessions"]) + 1
    assert page.count("<ol>") >= len(NOTEBOOKS)
