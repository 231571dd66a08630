"""The teacher's kit: a one-page task sheet per session (bokmål and English) and the answer key.

    make teacher                                        # everything, to build/teacher/
    .venv/bin/python scripts/teacher.py build/teacher   # the same
    .venv/bin/python scripts/teacher.py build/teacher --key 00 06 --no-sheets   # the key of two notebooks only
    .venv/bin/python scripts/teacher.py --guide         # rewrite the generated parts of docs/instructor_guide.md

What it writes (never into student/ or site/: the key holds every solution):

- ``sheet_<session>_<lang>.pdf`` (and ``.html``): the session's steps with their minutes, the student link,
  and each exercise of the session by id with a one-line task. Sessions, steps and the one-line tasks are
  in ``docs/sessions.yaml``; the link comes from ``helpers.collection``; an exercise's minutes are the ones
  measured for it (``docs/sessions.yaml``, ``exercises:``).
- ``answer_key.html`` and ``answer_key.pdf``: for every exercise of every notebook, the question as the
  notebook asks it, the solution (the code of the notebook's own Solution box) and what the checker
  (``helpers.answers``, the same key the learners' ``check`` uses) says about that solution. The verdicts are
  not copied from anywhere: each notebook is executed from a fresh kernel with its Solution boxes turned
  into code cells (nbclient), and the key prints what each solution cell printed. A solution that is not
  "✔ Correct" is shown as such, and the command fails.

Exercises, questions and solutions are read from the notebooks when the command runs, so the key and the
sheets follow the notebooks. A one-line task in ``docs/sessions.yaml`` records a fingerprint of the question
it summarises; when the notebook's question changes, the command says which line to re-read (and
``tests/test_teacher.py`` fails) instead of printing a summary of a question that is no longer asked.
PDFs are printed by headless Chromium through Playwright, offline, with ``scripts/brief.py``'s printer.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import mistune
import nbformat
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from helpers.collection import NOTEBOOKS, binder_lab_link, notebook  # noqa: E402

NOTEBOOK_DIR = ROOT / "notebooks"
SESSIONS = ROOT / "docs" / "sessions.yaml"
GUIDE = ROOT / "docs" / "instructor_guide.md"
CSS = ROOT / "scripts" / "teacher_template" / "teacher.css"
LANGS = ("nb", "en")
STUDENT_PATH = "student/00_start_here.ipynb"
HEADING = re.compile(r"^###\s+Exercise\s+([0-9]{2}\.[0-9]+)[^\n]*", re.M)
EXERCISE_ID = re.compile(r'check\(\s*"([0-9]{2}\.[0-9]+)"')
SOLUTION_CODE = re.compile(r"```python\n(.*?)\n```", re.S)  # as tests/notebook_checks.py
# The bokmål version of a question (a closed box under the English text): not part of the question the key prints
# or fingerprints; the sheets' bokmål one-line tasks are in docs/sessions.yaml.
BOKMAL_BOX = re.compile(r'\s*<details lang="nb"><summary>Oppgaven på norsk</summary>.*?</details>', re.S)
DETAILS = re.compile(r"<details>\s*<summary>.*?</summary>|</details>", re.S)
CORRECT = "✔ Correct"
KEY_TAG = "teacher-solution"
FORBIDDEN = ("student", "site")  # top-level folders the key must never be written into


class KitError(ValueError):
    """A notebook or docs/sessions.yaml that the kit cannot read; the message names the file and what was expected."""


# -- the exercises, read from the notebooks -----------------------------------------------------
@dataclass
class Exercise:
    """One exercise as its notebook has it: the question, the starter cell and the Solution box."""

    stem: str
    id: str
    heading: str  # "Exercise 06.1 (write the pandas)"
    question: str  # Markdown from the heading to the exercise cell (code cells between as code blocks)
    starter: str  # the exercise cell's code
    explanation: str  # the Solution box's words besides its code
    code: str  # the Solution box's code
    hint: str = ""  # the general hint of the answer key (helpers/answers.py), filled by build
    shown: list[str] = field(default_factory=list)  # what the code cells inside the question display (HTML), as stored
    verdict: str = ""  # what check() printed for the solution (filled by run_key)
    minutes: int | None = None  # measured (docs/sessions.yaml)
    extra: dict = field(default_factory=dict)

    @property
    def fingerprint(self) -> str:
        """A short hash of the question's text: a one-line summary written for it is stale when this changes."""
        text = re.sub(r"\s+", " ", self.question).strip()
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]

    @property
    def correct(self) -> bool:
        return f"{CORRECT} ({self.id})" in self.verdict


def tags(cell: dict) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def notebook_path(stem: str) -> Path:
    return NOTEBOOK_DIR / notebook(stem).file


def shown_html(cell: dict) -> list[str]:
    """The stored outputs of a code cell as HTML: a table as the notebook shows it, printed text as <pre>."""
    shown = []
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        if "text/html" in data:
            shown.append(str(data["text/html"]))
        elif "text/plain" in data or "text" in output:
            shown.append(f"<pre>{html.escape(str(data.get('text/plain', output.get('text', ''))))}</pre>")
    return shown


def question_before(cells: list, index: int, exercise_id: str, path: Path) -> str:
    """The Markdown (and code shown) from the exercise's '### Exercise NN.k' heading down to its exercise cell."""
    parts: list[str] = []
    for cell in reversed(cells[:index]):
        if "solution" in tags(cell) or "exercise" in tags(cell):
            break
        if cell.cell_type == "code":
            parts.append(f"```python\n{cell.source}\n```")
            continue
        found = list(HEADING.finditer(cell.source))
        if found:
            if found[-1][1] != exercise_id:
                raise KitError(
                    f"{path.name}: the heading above exercise {exercise_id}'s cell is {found[-1][0]!r}; "
                    f"expected '### Exercise {exercise_id}'"
                )
            parts.append(cell.source[found[-1].start() :])
            return BOKMAL_BOX.sub("", "\n\n".join(reversed(parts)))
        parts.append(cell.source)
    raise KitError(f"{path.name}: no '### Exercise {exercise_id}' heading above its exercise cell")


def exercises_of(stem: str) -> list[Exercise]:
    """Every exercise of a notebook, in order, with its question and its Solution box's code."""
    path = notebook_path(stem)
    cells = nbformat.read(path, as_version=4).cells
    found = []
    for i, cell in enumerate(cells):
        if "exercise" not in tags(cell):
            continue
        match = EXERCISE_ID.search(cell.source)
        if not match:
            raise KitError(f'{path.name}: exercise cell {cell.get("id")} calls no check("NN.k", answer)')
        solution = next((c for c in cells[i + 1 :] if "solution" in tags(c) or c.cell_type == "code"), None)
        if solution is None or "solution" not in tags(solution):
            raise KitError(f"{path.name}: exercise {match[1]} has no Solution cell (Markdown tagged 'solution') after it")
        blocks = SOLUTION_CODE.findall(solution.source)
        if len(blocks) != 1:
            raise KitError(f"{path.name}: the Solution of {match[1]} holds {len(blocks)} ```python blocks; expected one")
        question = question_before(cells, i, match[1], path)
        words = DETAILS.sub("", SOLUTION_CODE.sub("", solution.source)).strip()
        heading = HEADING.search(question)[0].lstrip("#").strip()
        start = max(j for j in range(i) if cells[j].cell_type == "markdown" and HEADING.search(cells[j].source))
        shown = [h for c in cells[start:i] if c.cell_type == "code" for h in shown_html(c)]
        found.append(Exercise(stem, match[1], heading, question, cell.source, words, blocks[0], shown=shown))
    return found


def registered_hint(exercise_id: str) -> str:
    """The general hint the checker gives for an exercise (the same text as hint("NN.k") in a notebook)."""
    from helpers.exercises import hint

    return hint(exercise_id).text


def keyed_notebook(stem: str) -> nbformat.NotebookNode:
    """The notebook with each Solution box turned into a code cell (tagged 'teacher-solution') after its exercise."""
    nb = nbformat.read(notebook_path(stem), as_version=4)
    cells = []
    for cell in nb.cells:
        if "solution" in tags(cell):
            code = SOLUTION_CODE.findall(cell.source)
            cell = nbformat.v4.new_code_cell("\n".join(code), metadata={"tags": [KEY_TAG]}, id=cell.get("id"))
        cells.append(cell)
    nb.cells = cells
    return nb


def printed(outputs: list[dict]) -> str:
    """What a cell printed, as text (its plain-text outputs, and an error's name and message)."""
    text = []
    for output in outputs:
        if output.get("output_type") == "error":
            text.append(f"{output.get('ename')}: {output.get('evalue')}")
        text.append(str(output.get("data", {}).get("text/plain", "")) + str(output.get("text", "")))
    return "".join(text).strip()


def run_key(stem: str, timeout: int = 600) -> dict[str, str]:
    """Execute the notebook with its solutions as code, from a fresh kernel; {exercise id: what its solution printed}."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = keyed_notebook(stem)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    client = NotebookClient(
        nb, timeout=timeout, kernel_name="python3", allow_errors=True, resources={"metadata": {"path": str(NOTEBOOK_DIR)}}
    )
    try:
        client.execute()
    except CellExecutionError as error:  # allow_errors keeps going; this is a kernel that died
        raise KitError(f"{notebook(stem).file}: the notebook with its solutions did not run: {error}") from error
    verdicts = {}
    for cell in nb.cells:
        if KEY_TAG in tags(cell):
            match = EXERCISE_ID.search(cell.source)
            if match:
                verdicts[match[1]] = printed(cell.outputs)
    return verdicts


# -- sessions, one-line tasks, measured minutes (docs/sessions.yaml) ---------------------------------
def load_plan(path: Path = SESSIONS) -> dict:
    """docs/sessions.yaml, checked: every step has its minutes or exercises, both languages are there."""
    try:
        plan = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark else ""
        raise KitError(f"{path.name}{where}: not valid YAML: {error}") from error
    for key in ("sessions", "exercises", "discussion", "words"):
        if key not in plan:
            raise KitError(f"{path.name}: expected a top-level '{key}:'")
    for name, session in plan["sessions"].items():
        for key in ("minutes", "title", "steps", "for"):
            if key not in session:
                raise KitError(f"{path.name}: session {name!r} has no '{key}:'")
        for n, step in enumerate(session["steps"], start=1):
            if "exercises" not in step and "minutes" not in step:
                raise KitError(f"{path.name}: session {name!r}, step {n}: expected 'minutes:' or 'exercises:'")
            for lang in LANGS:
                if lang not in step:
                    raise KitError(f"{path.name}: session {name!r}, step {n}: no '{lang}:' text")
        for stem, n in session.get("discussion", []):
            if stem not in plan["discussion"] or not 0 <= n < len(plan["discussion"][stem]):
                raise KitError(f"{path.name}: session {name!r} asks for discussion question {n} of {stem}, which is not there")
    for name, session in plan["sessions"].items():
        for exercise_id in session_exercises(session, early=True):
            if exercise_id not in plan["exercises"]:
                raise KitError(
                    f"{path.name}: session {name!r} names exercise {exercise_id}, which has no entry under 'exercises:'"
                )
    for exercise_id, entry in plan["exercises"].items():
        for key in ("en", "nb", "question", "trial"):
            if key not in entry:
                raise KitError(f"{path.name}: exercise {exercise_id}: expected '{key}:'")
        if not {"tries", "lines"} <= set(entry["trial"]):
            raise KitError(f"{path.name}: exercise {exercise_id}: the trial needs 'tries' and 'lines'")
    return plan


def exercise_minutes(trial: dict) -> int:
    """An exercise's minutes from its trial (docs/sessions.yaml says how): reading, code, chart, options, wrong tries."""
    return (
        2
        + 2 * bool(trial.get("reading"))
        + int(trial["lines"])
        + 2 * bool(trial.get("chart"))
        + bool(trial.get("options"))
        + 2 * (int(trial["tries"]) - 1)
    )


def minutes_of(exercise_id: str, plan: dict) -> int:
    return exercise_minutes(plan["exercises"][exercise_id]["trial"])


def step_minutes(step: dict, plan: dict) -> int:
    """A step's minutes: typed for teaching, a break or a discussion; for exercises, the sum of their measured minutes."""
    if "exercises" in step:
        return sum(minutes_of(str(e), plan) for e in step["exercises"])
    return int(step["minutes"])


def session_exercises(session: dict, early: bool = False) -> list[str]:
    """The exercises a session's steps time (and, with ``early``, those it offers to whoever finishes early)."""
    timed = [str(e) for step in session["steps"] for e in step.get("exercises", [])]
    return timed + [str(e) for e in session.get("early", [])] if early else timed


def stale_tasks(plan: dict, found: dict[str, Exercise]) -> list[str]:
    """Problems between docs/sessions.yaml and the notebooks: unknown exercises, summaries of changed questions."""
    problems = []
    for name, session in plan["sessions"].items():
        for exercise_id in session_exercises(session, early=True):
            if exercise_id not in found:
                problems.append(f"session {name!r} names exercise {exercise_id}, which no notebook has")
    for exercise_id, exercise in found.items():
        entry = plan["exercises"].get(exercise_id)
        if entry is None:
            problems.append(
                f"exercise {exercise_id} ({exercise.stem}) has no entry under 'exercises:' (minutes, one-line "
                f"task in en and nb, question: {exercise.fingerprint})"
            )
        elif str(entry["question"]) != exercise.fingerprint:
            problems.append(
                f"exercise {exercise_id}'s question changed since its one-line task was written: re-read it, "
                f"update en/nb (and the trial) and set question: {exercise.fingerprint}"
            )
    for exercise_id in plan["exercises"]:
        if exercise_id not in found:
            problems.append(f"'exercises:' has {exercise_id}, which no notebook has")
    return problems


# -- HTML and PDF -----------------------------------------------------------------------------------
_markdown = mistune.create_markdown(escape=False, plugins=["table"])


def md(text: str) -> str:
    """HTML of a notebook's Markdown (its own text: the notebooks are the collection's)."""
    return _markdown(text)


def inline(text: str) -> str:
    """Escaped HTML of one line with the YAML's `code` and **bold**."""
    out = html.escape(text, quote=False)
    out = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", out)
    out = re.sub(r"`(.+?)`", r"<code>\1</code>", out)
    out = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<em>\1</em>", out)
    return re.sub(r"(https?://[^\s<]+[^\s<.,;)])", r'<a href="\1">\1</a>', out)


def page(title: str, lang: str, body: str) -> str:
    css = CSS.read_text(encoding="utf-8")
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" '
        f'content="width=device-width, initial-scale=1"><title>{html.escape(title)}</title><style>{css}</style>'
        f"</head><body>{body}</body></html>"
    )


def word(plan: dict, key: str, lang: str, **values: object) -> str:
    return str(plan["words"][key][lang]).format(**values)


def sheet_html(name: str, plan: dict, found: dict[str, Exercise], lang: str) -> str:
    """One session's task sheet in one language: steps with minutes, the student link, the exercises by id."""
    session = plan["sessions"][name]
    link = binder_lab_link(STUDENT_PATH)
    example = (session_exercises(session) or ["01.1"])[0]  # the id the "Stuck? Run hint(...)" line shows
    rows = []
    clock = 0
    for step in session["steps"]:
        minutes = step_minutes(step, plan)
        label = inline(str(step[lang]))
        if "notebook" in step:
            label = f"<span class=nb>{html.escape(step['notebook'][:2])}</span> {label}"
        tasks = ""
        if "exercises" in step:
            items = "".join(
                f"<li><strong>{html.escape(e)}</strong> {inline(str(plan['exercises'][e][lang]))}"
                f" <span class=min>({minutes_of(e, plan)} min)</span></li>"
                for e in map(str, step["exercises"])
            )
            tasks = f"<ul class=tasks>{items}</ul>"
        rows.append(f"<tr><td class=clock>{clock}–{clock + minutes}</td><td>{label}{tasks}</td></tr>")
        clock += minutes
    body = [
        f"<p class=kicker>{word(plan, 'kicker', lang)}</p>",
        f"<h1>{inline(str(session['title'][lang]))}</h1>",
        f"<p class=for>{inline(str(session['for'][lang]))} · {word(plan, 'minutes', lang, minutes=clock)}</p>",
        f'<div class=link><strong>{word(plan, "link", lang)}</strong><br><a href="{link}">{html.escape(link)}</a>'
        f"<br><span>{inline(word(plan, 'link_note', lang))}</span></div>",
        f"<h2>{word(plan, 'plan', lang)}</h2><table class=plan><tbody>{''.join(rows)}</tbody></table>",
        f"<h2>{word(plan, 'how', lang)}</h2><ul class=how>"
        + "".join(f"<li>{inline(str(line).format(example=example))}</li>" for line in plan["words"]["how_lines"][lang])
        + "</ul>",
    ]
    if session.get("early"):
        items = "".join(
            f"<li><strong>{html.escape(e)}</strong> {inline(str(plan['exercises'][e][lang]))}</li>"
            for e in map(str, session["early"])
        )
        body.append(f"<h2>{word(plan, 'early', lang)}</h2><ul class=tasks>{items}</ul>")
    if session.get("discussion"):
        questions = [plan["discussion"][stem][n] for stem, n in session["discussion"]]
        body.append(
            f"<h2>{word(plan, 'discuss', lang)}</h2><ol class=discuss>"
            + "".join(f"<li>{inline(str(q[lang]))}</li>" for q in questions)
            + "</ol>"
        )
    return page(str(session["title"][lang]), lang, "".join(body))


def key_html(exercises: list[Exercise], stamp: str) -> str:
    """The answer key: per exercise its question, the solution and the checker's verdict on it."""
    from helpers.collection import notebook as entry

    parts = [
        "<p class=kicker>For the teacher · not for students</p><h1>Answer key</h1>",
        f"<div class=stamp>{md(stamp)}</div>",
        "<p class=note>Generated by <code>make teacher</code>: the questions and solutions are the notebooks' own; "
        "each verdict is what <code>check()</code> (the answer key in <code>helpers/answers.py</code>) printed when "
        "the solution ran in its notebook, executed from a fresh kernel. Keep this file away from students: "
        "it is never written into <code>student/</code> or <code>site/</code>.</p>",
    ]
    stem = None
    for ex in exercises:
        if ex.stem != stem:
            stem = ex.stem
            parts.append(f"<h2>{html.escape(stem[:2])} {html.escape(entry(stem).title)}</h2>")
        mark = "ok" if ex.correct else "bad"
        minutes = f" <span class=min>· measured {ex.minutes} min</span>" if ex.minutes else ""
        parts.append(
            f'<section class=exercise id="ex-{ex.id}"><h3>{html.escape(ex.heading)}{minutes}</h3>'
            f"<div class=question>{md(HEADING.sub('', ex.question, count=1))}{''.join(ex.shown)}</div>"
            f'<p class=label>Hint (what <code>hint("{ex.id}")</code> shows)</p><p class=hint>{html.escape(ex.hint)}</p>'
            f"<p class=label>Solution</p>{md(ex.explanation) if ex.explanation else ''}"
            f"<pre><code>{html.escape(ex.code)}</code></pre>"
            f"<p class=label>The checker's verdict on this solution</p><p class='verdict {mark}'>{html.escape(ex.verdict or '(nothing printed)')}</p>"
            "</section>"
        )
    return page("Answer key (teacher)", "en", "".join(parts))


def print_pdfs(pages: dict[Path, str]) -> None:
    from brief import print_pdf  # scripts/brief.py: headless Chromium through Playwright, every request aborted

    print_pdf(pages)


# -- the command ----------------------------------------------------------------------------------------
def check_target(out_dir: Path) -> Path:
    """Refuse to write the kit into student/ or site/ (or below them)."""
    resolved = out_dir.resolve()
    for folder in FORBIDDEN:
        if resolved == ROOT / folder or (ROOT / folder) in resolved.parents:
            raise KitError(f"{out_dir}: the teacher's kit holds every solution; it is never written into {folder}/")
    return resolved


def all_exercises(stems: list[str]) -> dict[str, Exercise]:
    return {ex.id: ex for stem in stems for ex in exercises_of(stem)}


def build(out_dir: Path, key_stems: list[str], sheets: bool = True, pdf: bool = True) -> list[Path]:
    """Write the sheets and the answer key of ``key_stems`` (none: no key) to out_dir; returns the files written.
    Fails when a solution is not "✔ Correct" (after writing the key, which shows it)."""
    from helpers.stamp import SOURCES, data_stamp

    out_dir = check_target(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    plan = load_plan()
    stems = [nb.stem for nb in NOTEBOOKS]
    found = all_exercises(stems)
    problems = stale_tasks(plan, found)
    blocking = [p for p in problems if p.startswith("session ")]  # a sheet cannot name an exercise no notebook has
    if blocking:
        raise KitError(f"{SESSIONS.relative_to(ROOT)} does not match the notebooks:\n- " + "\n- ".join(blocking))
    for problem in problems:  # a summary to re-read, or an exercise no session uses: the kit is still right to build
        print(f"make teacher: warning: {SESSIONS.relative_to(ROOT)}: {problem}", file=sys.stderr)
    pages: dict[Path, str] = {}
    if sheets:
        for name in plan["sessions"]:
            for lang in LANGS:
                target = out_dir / f"sheet_{name}_{lang}.html"
                text = sheet_html(name, plan, found, lang)
                target.write_text(text, encoding="utf-8")
                pages[target.with_suffix(".pdf")] = text
    wrong = []
    if key_stems:
        keyed = []
        for stem in key_stems:
            verdicts = run_key(stem)
            for ex in exercises_of(stem):
                ex.verdict = verdicts.get(ex.id, "")
                ex.hint = registered_hint(ex.id)
                ex.minutes = minutes_of(ex.id, plan) if ex.id in plan["exercises"] else None
                keyed.append(ex)
                wrong += [] if ex.correct else [f"{ex.id}: {ex.verdict[:200]!r}"]
            print(f"answer key: {stem} run with its solutions as code", flush=True)
        text = key_html(keyed, data_stamp(SOURCES, "en"))
        (out_dir / "answer_key.html").write_text(text, encoding="utf-8")
        pages[out_dir / "answer_key.pdf"] = text
    if pdf and pages:
        print_pdfs(pages)
    if wrong:
        raise KitError("the checker does not accept these solutions (see answer_key.html):\n- " + "\n- ".join(wrong))
    return [*pages, *(p.with_suffix(".html") for p in pages)]


# -- the instructor guide's generated parts ---------------------------------------------------------------
def plan_table(name: str, plan: dict) -> str:
    """A session's plan as a Markdown table: step, notebook, minutes, and the clock."""
    session = plan["sessions"][name]
    lines = ["| From–to | Step | Notebook | Minutes |", "|---|---|---|---|"]
    clock = 0
    for step in session["steps"]:
        minutes = step_minutes(step, plan)
        what = str(step["en"])
        if "exercises" in step:
            what += ": " + ", ".join(map(str, step["exercises"]))
        lines.append(f"| {clock}–{clock + minutes} | {what} | {step.get('notebook', '—')} | {minutes} |")
        clock += minutes
    lines.append(f"| | **Total** | | **{clock}** |")
    return "\n".join(lines)


def exercise_table(plan: dict, found: dict[str, Exercise]) -> str:
    """Every exercise with its measured minutes, per notebook next to the notebook's own exercise minutes."""
    lines = ["| Notebook | Exercises (measured minutes) | Measured total | The notebook's *Time* says |", "|---|---|---|---|"]
    for nb in NOTEBOOKS:
        ids = [e for e in found.values() if e.stem == nb.stem]
        minutes = [minutes_of(e.id, plan) for e in ids]
        cells = ", ".join(f"{e.id} ({m})" for e, m in zip(ids, minutes, strict=True))
        lines.append(f"| {nb.stem} | {cells} | {sum(minutes)} | {nb.exercises} |")
    return "\n".join(lines)


def discussion_list(stem: str, plan: dict) -> str:
    return "\n".join(f"{i}. {q['en']}" for i, q in enumerate(plan["discussion"][stem], start=1))


def trial_summary(plan: dict, found: dict[str, Exercise]) -> str:
    """How the trial went, counted from docs/sessions.yaml: right first time, and the exercises that needed more."""
    trials = {e: plan["exercises"][e]["trial"] for e in found}
    more = [
        f"{e} ({trials[e]['tries']} tries: {trials[e].get('note', 'no note')})" for e in trials if int(trials[e]["tries"]) > 1
    ]
    first = len(trials) - len(more)
    return f"{first} of the {len(trials)} exercises were right at the first try, with no hint" + (
        f"; {len(more)} needed more: " + "; ".join(more) + "." if more else "."
    )


def guide_blocks(plan: dict, found: dict[str, Exercise]) -> dict[str, str]:
    """The guide's generated blocks, by marker name."""
    missing = [e for e in found if e not in plan["exercises"]]
    if missing:
        raise KitError(
            f"{SESSIONS.name} has no entry (one-line task, question, trial) for {', '.join(missing)}: try them and add them"
        )
    blocks = {f"plan:{name}": plan_table(name, plan) for name in plan["sessions"]}
    blocks["student-link"] = f"   <{binder_lab_link(STUDENT_PATH)}>"
    blocks["trial"] = trial_summary(plan, found)
    blocks["exercises"] = exercise_table(plan, found)
    blocks.update({f"discussion:{stem}": discussion_list(stem, plan) for stem in plan["discussion"]})
    return blocks


def fill_guide(text: str, blocks: dict[str, str]) -> str:
    """The guide with every <!-- kit:NAME --> … <!-- /kit:NAME --> block replaced by its generated text."""
    for name, block in blocks.items():
        pattern = re.compile(rf"(<!-- kit:{re.escape(name)} -->\n)(?:.*?\n)??([ ]*<!-- /kit:{re.escape(name)} -->)", re.S)
        if not pattern.search(text):
            raise KitError(f"{GUIDE.name}: no <!-- kit:{name} --> … <!-- /kit:{name} --> block")
        text = pattern.sub(lambda m, b=block: m[1] + b + "\n" + m[2], text)
    return text


def stem_of(number: str, stems: list[str]) -> str:
    """'06' or '06_audit_findings' -> '06_audit_findings'."""
    for stem in stems:
        if stem.startswith(number[:2]) and number[:2].isdigit():
            return stem
    raise KitError(f"no notebook {number!r}: expected a number such as 06 ({', '.join(s[:2] for s in stems)})")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", nargs="?", default=str(ROOT / "build" / "teacher"))
    parser.add_argument(
        "--key", nargs="+", action="extend", metavar="NN", help="the answer key of these notebooks only (e.g. 00 06)"
    )
    parser.add_argument("--no-key", action="store_true", help="the task sheets only")
    parser.add_argument("--no-sheets", action="store_true", help="the answer key only")
    parser.add_argument("--no-pdf", action="store_true", help="HTML only")
    parser.add_argument("--guide", action="store_true", help="rewrite the generated blocks of docs/instructor_guide.md")
    args = parser.parse_args(argv)
    try:
        if args.guide:
            plan, found = load_plan(), all_exercises([nb.stem for nb in NOTEBOOKS])
            GUIDE.write_text(fill_guide(GUIDE.read_text(encoding="utf-8"), guide_blocks(plan, found)), encoding="utf-8")
            print(f"wrote the generated blocks of {GUIDE.relative_to(ROOT)}")
            return 0
        stems = [nb.stem for nb in NOTEBOOKS]
        key = [] if args.no_key else stems if not args.key else [stem_of(k, stems) for k in args.key]
        for path in build(Path(args.out_dir), key, sheets=not args.no_sheets, pdf=not args.no_pdf):
            print(f"wrote {path}")
    except KitError as error:
        print(f"make teacher: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
