"""Notebook 02 (reading NAV's tables): what it shows, checked against the raw text of NAV's tables; the
damaged excerpt of exercise 02.3 against the answer key; and no exercise's answer shown above the exercise.

Lines are picked by hand from data/raw/*.txt (tests/conftest.py names the files); each helper asserts that
the line is the one we think before its numbers are used.
"""

from __future__ import annotations

import random
import re

import nbformat
import pytest

from helpers import ParseError, parse_table, raw_line
from helpers.answers import damaged_line_02

from .conftest import AGE, GENDER, ONE_MONTH, RAW, ROOT, raw_lines
from .notebook_text import cell_text, shows_number, text_before_exercise

NOTEBOOK = "02_reading_nav_tables.ipynb"
RULE = re.compile(r"^-+(?:\t-+)*\s*$")


def printed(name: str, number: int, starts: str) -> str:
    line = raw_lines(name)[number - 1]
    assert re.sub(r"</?b>", "", line).startswith(starts), line
    return line


def numbers(line: str) -> list[int | None]:
    """A printed line's cells as numbers: None for a star, 0 for an empty cell."""
    out = []
    for cell in re.sub(r"</?b>", "", line).split("\t")[1:]:
        cell = cell.strip()
        out.append(None if cell in ("*", "\\*") else 0 if cell == "" else int(cell.replace(" ", "")))
    return out


def data_cells(name: str) -> list[str]:
    """Every printed cell of a raw file: the cells after the label on lines with tabs (not headers or rules)."""
    return [
        cell
        for line in raw_lines(name)
        if "\t" in line and not line.startswith("\t") and not RULE.match(line)
        for cell in line.split("\t")[1:]
    ]


@pytest.fixture(scope="module")
def notebook():
    return nbformat.read(ROOT / "notebooks" / NOTEBOOK, as_version=4)


def output_of(notebook, starts: str) -> str:
    cell = next(c for c in notebook.cells if c.cell_type == "code" and c.source.startswith(starts))
    return cell_text(cell)[len(cell.source) :]


def test_key_findings_against_the_raw_text(notebook):
    text = output_of(notebook, "ledger = load_ledger()")
    printed_cells = sum(len(data_cells(name)) for name in (ONE_MONTH, AGE, GENDER))
    assert f"The three tables print {printed_cells:,} numbers" in text
    stars = sum(c in ("*", "\\*") for name in (ONE_MONTH, AGE, GENDER) for c in data_cells(name)) - 2  # line 108: two changes
    assert f"{stars:,} of " in text and "(0 violations)" in text


def test_the_printed_page_fits_and_its_rows_are_the_raw_numbers(notebook, participants):
    page = output_of(notebook, "show_lines(one_month, 139, 145)")
    assert max(len(line) for line in page.splitlines()) < 110  # printed above the rows, not beside them
    rows = participants.query("source == @ONE_MONTH and line == 141").set_index("status_group")["value"]
    assert list(rows) == numbers(printed(ONE_MONTH, 141, "Avklaring")) == [2579, 230, 440, 1909]
    starred = participants.query("source == @ONE_MONTH and line == 142")
    assert starred["suppressed"].sum() == 2 and starred["value"].isna().sum() == 2
    assert numbers(printed(ONE_MONTH, 43, "Avklaringstiltak"))[0] == numbers(printed(ONE_MONTH, 144, "I alt avklaringstiltak"))[0]
    prose = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    assert "`<b>…</b>`" in prose and "programme:" not in prose + "".join(c.source for c in notebook.cells)


def test_subtraction_on_lines_145_and_142(notebook):
    total, other, jobseekers, nae = numbers(printed(ONE_MONTH, 145, "Arbeid med bistand"))
    assert other is None and total - jobseekers - nae == 3
    assert "the star on line 145 hides 3 persons" in output_of(
        notebook, 'row = participants.query("source == @one_month and line == 145")'
    )
    total, other, jobseekers, nae = numbers(printed(ONE_MONTH, 142, "Avklaring i skjermet virksomhet"))
    assert other is None and jobseekers is None and total - nae == 2
    assert "each hides exactly 1" in output_of(notebook, 'row = participants.query("source == @one_month and line == 142")')


def test_label_damage_against_the_raw_text(notebook, participants):
    text = printed(GENDER, 135, "Jobbk")
    assert [f"U+{ord(c):04X}" for c in text.split("\t")[0] if "\u0400" <= c <= "\u04ff"] == ["U+043B", "U+0443", "U+0431"]
    assert "Jobbklubb" not in (RAW / GENDER).read_text(encoding="utf-8").split("\n")[134]
    lonnskudd = sum(line.split("\t")[0] == "Lønnskudd" for name in (ONE_MONTH, AGE, GENDER) for line in raw_lines(name))
    assert lonnskudd == 15 and re.search(
        r"letters 'tils' missing</th>\s*<td>15<", output_of(notebook, "repairs = load_repairs()")
    )


def test_the_parser_names_the_damaged_lines(notebook):
    excerpt = [raw_line(ONE_MONTH, n) for n in range(133, 154)]
    assert "line 16" in output_of(notebook, "excerpt = [raw_line(one_month, n)") and excerpt[15].startswith("Oppfølging\t10 397")
    # exercise 02.3: rebuild the damage as the notebook does, and compare with the answer key
    source = next(
        c.source
        for c in nbformat.read(ROOT / "notebooks" / NOTEBOOK, as_version=4).cells
        if c.source.startswith("def lose_a_tab")
    )
    assert "lose_a_tab(excerpt, seed=12)" in source
    namespace = {"random": random}
    exec(source.split("\nfor n, line")[0], namespace)  # noqa: S102 (our notebook)
    damaged = namespace["lose_a_tab"](excerpt, 12)
    changed = [i for i, (a, b) in enumerate(zip(excerpt, damaged), start=1) if a != b]
    line, label = damaged_line_02()
    assert changed == [line] and damaged[line - 1].startswith(label + "\t") and damaged[line - 1].count("\t") == 3
    with pytest.raises(ParseError) as error:
        parse_table("\n".join(damaged), "excerpt.txt")
    assert error.value.line == line


def test_stars_chart_draws_no_zero_labels(notebook):
    cell = next(c for c in notebook.cells if c.source.startswith("base = alt.Chart(hidden)"))
    spec = next(
        o["data"]["application/vnd.vegalite.v5+json"]
        for o in cell.outputs
        if "application/vnd.vegalite.v5+json" in o.get("data", {})
    )
    rows = next(iter(spec["datasets"].values()))
    one = [r for r in rows if r["table"] == "November 2016"]
    assert sum(r["starred"] for r in one) == 16 - 2  # 16 stars in the one-month table, two of them changes (line 108)
    assert all(r["label"] == "no stars" for r in rows if r["starred"] == 0)
    assert all(r["starred"] == 0 for r in rows if r["level"] == "All programmes")


def test_where_from_shows_the_printed_line(notebook):
    text = output_of(notebook, 'march_2021 = pd.Period("2021-03", "M")')
    line = printed(GENDER, 135, "Jobbk")
    assert line in text and numbers(line)[2] == 2071 and "2071" in text


def test_answers_are_not_shown_before_their_exercises():
    total, others = (
        numbers(printed(GENDER, 153, "AMO Enkeltplass, Forsøk"))[0],
        numbers(printed(GENDER, 403, "AMO Enkeltplass, Forsøk"))[0],
    )
    assert (max(0, total - others - 3), min(3, total - others)) == (2, 3)
    assert "(2, 3)" not in text_before_exercise(NOTEBOOK, "02.1")
    assert not shows_number(text_before_exercise(NOTEBOOK, "02.2"), 181, 0)
    may_stars = sum(
        line.split("\t")[5].strip() == "*"
        for line in raw_lines(GENDER)
        if line.count("\t") == 5 and not line.startswith("\t") and not RULE.match(line)
    )
    assert not shows_number(text_before_exercise(NOTEBOOK, "02.4"), may_stars, 0)


def test_starred_cells_show_as_missing_never_as_zero(notebook):
    """Line 142 of the one-month table prints two stars (other participants, jobseekers): the stored rows show <NA>."""
    total, other, jobseekers, nae = numbers(printed(ONE_MONTH, 142, "Avklaring i skjermet virksomhet"))
    assert other is None and jobseekers is None
    rows = [line for line in output_of(notebook, "page_rows = ").splitlines() if re.match(r"\s*\d+\s+142\s", line)]
    starred = [line for line in rows if "Andre på tiltak" in line or "Arbeidssøkere på tiltak" in line]
    assert len(starred) == 2 and all("<NA>" in line and "True" in line for line in starred)
    assert not any(re.search(r"\s0\s+True", line) for line in rows)


def test_judgement_options_cannot_be_told_by_their_length(notebook):
    """Issue 23 item 4: the options of 02.5 differ little in length and the right one is not the longest alone."""
    from helpers.exercises import check

    question = next(c.source for c in notebook.cells if c.source.startswith("### Exercise 02.5"))
    options = dict(re.findall(r"^- \*\*([a-d])\)\*\* (.+)$", question, flags=re.M))
    assert sorted(options) == ["a", "b", "c", "d"]
    lengths = {k: len(v) for k, v in options.items()}
    assert max(lengths.values()) - min(lengths.values()) <= 0.1 * max(lengths.values())
    (right,) = [k for k in options if check("02.5", k).correct]
    assert sum(n >= lengths[right] for n in lengths.values()) >= 2, "another option is as long"


def test_the_star_chart_checker_names_the_usual_mistakes(participants):
    """02.6: a chart of every participant number per month (rows, not stars) or of the status groups only is answered
    with its own pointer; the stars per month come from the raw text in tests/test_answers.py."""
    import altair as alt

    from helpers.exercises import check

    rows = participants.query("measure == 'participants' and source == @AGE")

    def chart(series):
        table = series.rename("n").reset_index().assign(month=lambda t: t["period"].dt.to_timestamp())[["month", "n"]]
        return (
            alt.Chart(table)
            .mark_line()
            .encode(x=alt.X("month:T", title="Month"), y=alt.Y("n:Q", title="Stars"))
            .properties(title="t")
        )

    assert "starred or not" in check("02.6", chart(rows.groupby("period").size())).message
    parts = rows.query("status_group != 'I alt'").groupby("period")["suppressed"].sum()
    assert "'I alt'" in check("02.6", chart(parts)).message
    assert check("02.6", chart(rows.groupby("period")["suppressed"].sum())).correct


def test_the_stamp_names_the_last_printed_month(notebook):
    text = output_of(notebook, "ledger = load_ledger()")
    assert raw_lines(GENDER)[24].split("\t")[-1].strip() == "Mai"  # line 25: the 2021 table's header ends with May
    assert "**May 2021**" in text and "Data as of" in text
