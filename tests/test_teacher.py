"""`make teacher`: one-page task sheets per session in both languages, and an answer key the checker agrees with.

The suite builds the answer key of two notebooks (00 and 06: `make teacher TEACHER_ARGS="--key 00 06"`), to keep
`make test` fast; `make teacher` builds the key of every notebook on demand, with the same code. What the tests
expect is read from the notebooks' JSON and from docs/sessions.yaml directly, not from scripts/teacher.py.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
import yaml

from helpers.collection import NOTEBOOKS, binder_lab_link
from helpers.exercises import hint

from .conftest import ROOT, reader_env

import teacher  # scripts/teacher.py (tests/__init__.py puts scripts/ on the path)

KEYED = ("00", "06")  # the notebooks whose key the suite builds
PLAN = yaml.safe_load((ROOT / "docs" / "sessions.yaml").read_text(encoding="utf-8"))
STUDENT_LINK = binder_lab_link("student/00_start_here.ipynb")


def notebook_exercises(stem: str) -> dict[str, str]:
    """{exercise id: the code of its Solution box}, read from the notebook's JSON."""
    cells = json.loads((ROOT / "notebooks" / f"{stem}.ipynb").read_text(encoding="utf-8"))["cells"]
    found, current = {}, None
    for cell in cells:
        source = "".join(cell["source"])
        tags = cell.get("metadata", {}).get("tags", [])
        if "exercise" in tags:
            current = re.search(r'check\("(\d\d\.\d+)"', source)[1]
        elif "solution" in tags and current:
            found[current] = re.search(r"```python\n(.*?)\n```", source, re.S)[1]
            current = None
    return found


def pdf_pages(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [re.sub(r"\s+", " ", unicodedata.normalize("NFKC", page.extract_text() or "")) for page in PdfReader(path).pages]


@pytest.fixture(scope="module")
def kit(tmp_path_factory) -> Path:
    """`make teacher` as a teacher runs it, with the key of two notebooks, into a folder of its own."""
    out = tmp_path_factory.mktemp("teacher")
    done = subprocess.run(
        ["make", "teacher", f"TEACHER_DIR={out}", f"TEACHER_ARGS=--key {' '.join(KEYED)}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        env=reader_env(),
    )
    assert done.returncode == 0, f"make teacher failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    return out


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("session", list(PLAN["sessions"]))
def test_every_sheet_is_one_a4_page_with_the_link_and_the_exercises(kit, session, lang):
    from pypdf import PdfReader

    pdf = kit / f"sheet_{session}_{lang}.pdf"
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1, f"{pdf.name} has {len(reader.pages)} pages"
    width, height = (float(v) / 72 * 25.4 for v in reader.pages[0].mediabox[2:])
    assert abs(width - 210) < 1 and abs(height - 297) < 1, f"{pdf.name} is {width:.0f} x {height:.0f} mm, not A4"
    text = pdf_pages(pdf)[0].replace(" ", "")
    assert STUDENT_LINK.replace(" ", "") in text, f"{pdf.name} lacks the student link"
    plan = PLAN["sessions"][session]
    for step in plan["steps"]:
        for exercise in step.get("exercises", []):
            line = PLAN["exercises"][exercise][lang]
            assert exercise in text and re.sub(r"[`*]", "", line).replace(" ", "")[:40] in text, f"{pdf.name}: {exercise}"
    for exercise in plan.get("early", []):
        assert exercise in text and PLAN["words"]["early"][lang].replace(" ", "") in text, f"{pdf.name}: {exercise}"
    assert re.sub(r"[`*]", "", plan["title"][lang]).replace(" ", "") in text
    other = "en" if lang == "nb" else "nb"
    assert plan["steps"][0][other].replace(" ", "")[:30] not in text, f"{pdf.name} has the {other} text"


def test_the_sheets_steps_add_up_on_the_printed_clock(kit):
    """The last step on the sheet ends at the session's minutes."""
    for session, plan in PLAN["sessions"].items():
        text = pdf_pages(kit / f"sheet_{session}_en.pdf")[0]
        ends = [int(m) for m in re.findall(r"\b\d+[–-](\d+)\b", text)]
        assert plan["minutes"] in ends and f"{plan['minutes']} minutes" in text, session


def test_the_key_lists_every_exercise_with_the_checkers_verdict_on_its_solution(kit):
    page = (kit / "answer_key.html").read_text(encoding="utf-8")
    pdf_text = " ".join(pdf_pages(kit / "answer_key.pdf"))
    stems = [nb.stem for nb in NOTEBOOKS if nb.stem[:2] in KEYED]
    expected = {k: v for stem in stems for k, v in notebook_exercises(stem).items()}
    assert expected and set(re.findall(r'<section class=exercise id="ex-(\d\d\.\d+)"', page)) == set(expected)
    for exercise, code in expected.items():
        section = re.search(rf'id="ex-{re.escape(exercise)}">(.*?)</section>', page, re.S)[1]
        assert html.escape(code) in section, f"{exercise}: the key does not show the notebook's solution"
        verdict = re.search(r"<p class='verdict (\w+)'>(.*?)</p>", section, re.S)
        assert verdict[1] == "ok" and html.unescape(verdict[2]).startswith(f"✔ Correct ({exercise})"), (
            f"{exercise}: {verdict[2]!r}"
        )
        assert f"✔ Correct ({exercise})" in pdf_text
        assert f"<p class=hint>{html.escape(hint(exercise).text)}</p>" in section, f"{exercise}: the key lacks the checker's hint"
        assert f"### Exercise {exercise}" not in section and f"Exercise {exercise}" in section


def test_a_solution_the_checker_rejects_is_shown_as_such_and_fails_the_build(tmp_path, monkeypatch):
    """The key is the checker's word, not a rubber stamp: a wrong solution gets the checker's ✘ and the command fails."""
    source = json.loads((ROOT / "notebooks" / "00_start_here.ipynb").read_text(encoding="utf-8"))
    for cell in source["cells"]:
        if "solution" in cell.get("metadata", {}).get("tags", []) and 'check("00.1"' in "".join(cell["source"]):
            cell["source"] = "".join(cell["source"]).replace(
                'answer = july["value"].sum()', 'answer = july["value"].sum() + 1000'
            )
            assert "+ 1000" in cell["source"], "the test's edit of 00.1's solution no longer applies"
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "00_start_here.ipynb").write_text(json.dumps(source), encoding="utf-8")
    monkeypatch.setattr(teacher, "NOTEBOOK_DIR", tmp_path / "notebooks")
    verdicts = teacher.run_key("00_start_here")
    assert verdicts["00.1"].startswith("✘ Not yet (00.1)") and verdicts["00.2"].startswith("✔ Correct (00.2)")
    monkeypatch.setattr(teacher, "all_exercises", lambda stems: {e.id: e for e in teacher.exercises_of("00_start_here")})
    monkeypatch.setattr(teacher, "stale_tasks", lambda plan, found: [])
    monkeypatch.setattr(teacher, "run_key", lambda stem, **_: verdicts)  # the kernel's verdicts above, not a second run
    with pytest.raises(teacher.KitError, match=r"00\.1"):
        teacher.build(tmp_path / "out", ["00_start_here"], sheets=False, pdf=False)
    assert "verdict bad" in (tmp_path / "out" / "answer_key.html").read_text(encoding="utf-8")


def test_the_kit_is_never_written_into_student_or_site(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)  # the folders as a teacher in the repository types them
    for folder in ("student", "site", "student/kit"):
        code = teacher.main([folder, "--no-key", "--no-pdf"])
        stderr = capsys.readouterr().err
        assert code == 1 and "never written into" in stderr, (folder, stderr)
    for folder in ("student", "site"):
        for path in (ROOT / folder).rglob("*") if (ROOT / folder).exists() else []:
            assert not path.name.startswith(("answer_key", "sheet_")), path
            if path.suffix in (".html", ".ipynb", ".md"):
                assert "not for students" not in path.read_text(encoding="utf-8", errors="replace"), path


def test_every_exercise_has_a_current_one_line_task_in_both_languages():
    """docs/sessions.yaml summarises the question each notebook asks now: a changed question is reported, with its id."""
    found = {}
    for nb in NOTEBOOKS:
        found.update(notebook_exercises(nb.stem))
    assert set(PLAN["exercises"]) == set(found), "docs/sessions.yaml's exercises differ from the notebooks'"
    problems = teacher.stale_tasks(teacher.load_plan(), teacher.all_exercises([nb.stem for nb in NOTEBOOKS]))
    assert problems == [], "\n".join(problems)
    for exercise, entry in PLAN["exercises"].items():
        assert entry["en"].strip() and entry["nb"].strip() and entry["en"] != entry["nb"], exercise


def test_a_changed_question_is_reported_by_id():
    plan = teacher.load_plan()
    found = teacher.all_exercises([nb.stem for nb in NOTEBOOKS])
    before = teacher.stale_tasks(plan, found)
    exercise = found[next(iter(plan["exercises"]))]
    exercise.question += " And in 2015?"
    (problem,) = [p for p in teacher.stale_tasks(plan, found) if p not in before]
    assert problem.startswith(f"exercise {exercise.id}'s question changed") and exercise.fingerprint in problem
    del found[exercise.id]
    assert f"'exercises:' has {exercise.id}, which no notebook has" in teacher.stale_tasks(plan, found)
    used = teacher.session_exercises(plan["sessions"]["policy"])[0]
    del found[used]
    assert f"session 'policy' names exercise {used}, which no notebook has" in teacher.stale_tasks(plan, found)


def test_minutes_follow_the_rule_docs_sessions_yaml_states():
    # the rule: 2 to read, +2 printed table by eye, +1 per line, +2 chart, +1 options, +2 per wrong try
    assert teacher.exercise_minutes({"tries": 1, "lines": 0, "options": True}) == 3
    assert teacher.exercise_minutes({"tries": 2, "lines": 3, "chart": True}) == 9
    assert teacher.exercise_minutes({"tries": 1, "lines": 1, "reading": True}) == 5
    header = (ROOT / "docs" / "sessions.yaml").read_text(encoding="utf-8").split("\nwords:")[0]
    assert "2 (read the question" in header and "+ 1 per line of code + 2 for a chart" in header


def test_a_broken_sessions_file_names_file_line_and_what_was_expected(tmp_path):
    bad = tmp_path / "sessions.yaml"
    bad.write_text("words: {}\nsessions:\n  policy: [unclosed\n", encoding="utf-8")
    with pytest.raises(teacher.KitError, match=r"sessions\.yaml, line \d+: not valid YAML"):
        teacher.load_plan(bad)
    plan = yaml.safe_load((ROOT / "docs" / "sessions.yaml").read_text(encoding="utf-8"))
    del plan["sessions"]["policy"]["steps"][1]["nb"]
    bad.write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    with pytest.raises(teacher.KitError, match=r"session 'policy', step 2: no 'nb:' text"):
        teacher.load_plan(bad)
