"""Tests for helpers.topics.tables (notebook 02), checked against the raw text of NAV's tables.

Lines are picked by hand from data/raw/*.txt (see tests/conftest.py for the file names); each helper
asserts that the line is the one we think before its numbers are used.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers.exercises import check
from helpers.topics import tables as topic
from helpers.widgets import load_all

from .conftest import AGE, GENDER, ONE_MONTH, RAW, raw_lines

T = "I alt"
NAE, AS, OTHER = "Nedsatt arbeidsevne, på tiltak", "Arbeidssøkere på tiltak", "Andre på tiltak"
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
    return [cell for line in raw_lines(name) if "\t" in line and not line.startswith("\t") and not RULE.match(line)
            for cell in line.split("\t")[1:]]


# -- the printed page and its tidy rows ---------------------------------------------------------------------
def test_page_beside_rows_shows_the_raw_lines_and_their_numbers(participants):
    view = topic.page_beside_rows(participants)
    page = view.left.set_index("line")
    assert page.loc[141, "text"] == printed(ONE_MONTH, 141, "Avklaring")
    assert page.loc[139, "read as"] == "header" and page.loc[144, "read as"] == "group total"
    rows = view.right
    avklaring = rows[(rows["line"] == 141)].set_index("status_group")["value"]
    total, other, jobseekers, nae = numbers(printed(ONE_MONTH, 141, "Avklaring"))
    assert (avklaring[T], avklaring[OTHER], avklaring[AS], avklaring[NAE]) == (total, other, jobseekers, nae) == (2579, 230, 440, 1909)
    starred = rows[rows["line"] == 142]
    assert starred["suppressed"].sum() == 2 and starred["value"].isna().sum() == 2
    # line 144 repeats the group total first printed in the group section (line 43: Avklaringstiltak 3 303)
    assert numbers(printed(ONE_MONTH, 43, "Avklaringstiltak"))[0] == numbers(printed(ONE_MONTH, 144, "I alt avklaringstiltak"))[0]
    assert 3303 in set(rows["value"].dropna())
    assert "<table" in view._repr_html_() and "→" in view._repr_html_()


def test_repeated_line_points_to_the_first_printing():
    cells = topic.repeated_line(ONE_MONTH, 144)
    assert list(cells["role"]) == ["repeat"] * 4
    first = dict(zip(cells["cell"], cells["first_line"]))
    assert numbers(printed(ONE_MONTH, first[1], "Avklaringstiltak"))[0] == 3303
    assert numbers(printed(ONE_MONTH, first[3], "Avklaringstiltak"))[0] == numbers(printed(ONE_MONTH, 144, "I alt"))[2]


# -- stars and totals ---------------------------------------------------------------------------------------------
def test_worked_subtraction_against_the_raw_text(participants):
    total = numbers(printed(ONE_MONTH, 51, "Tilrettelegging"))[0]
    parts = [numbers(printed(ONE_MONTH, n, label))[0] for n, label in
             ((210, "Funksjonsassistanse"), (211, "Inkluderingsstilskudd"), (212, "Tilrettelegging"), (213, "Tilretteleggingstilskudd"))]
    assert parts[3] is None and total == 687
    case = topic.solve_single_star(participants)
    assert case["total"] == total and case["visible"] == parts[:3]
    assert case["value"] == total - sum(parts[:3]) == 1
    assert case["starred_line"] == 213
    table = topic.worked_subtraction(participants)
    assert list(table["printed"]) == ["190", "16", "480", "*", "687"]
    assert table.loc[1, "printed label"] == "Inkluderingsstilskudd"


def test_star_bounds_on_line_142_and_the_exercise_cell(participants):
    bounds = topic.star_bounds(participants)
    # line 142: 592 = * + * + 590; in the one-month table a star is at least 1, so both stars are 1
    total, other, jobseekers, nae = numbers(printed(ONE_MONTH, 142, "Avklaring i skjermet virksomhet"))
    assert other is None and jobseekers is None and total - nae == 2
    line = bounds[(bounds["source"] == ONE_MONTH) & (bounds["line"] == 142)]
    assert list(zip(line["low"], line["high"])) == [(1, 1), (1, 1)]
    # exercise 02.1: January 2021, AMO Enkeltplass, Forsøk: total 21 (line 153), others 16 (line 403), two stars of 0-3
    total = numbers(printed(GENDER, 153, "AMO Enkeltplass, Forsøk"))[0]
    others = numbers(printed(GENDER, 403, "AMO Enkeltplass, Forsøk"))[0]
    assert numbers(printed(GENDER, 238, "AMO Enkelt plass, Forsøk"))[0] is None
    assert numbers(printed(GENDER, 320, "AMO Enkeltplass, Forsøk"))[0] is None
    gap = total - others
    assert topic.exercise_star_bounds(participants) == (max(0, gap - 3), min(3, gap)) == (2, 3)


def test_star_bounds_never_contradict_the_printed_totals(participants):
    bounds = topic.star_bounds(participants)
    assert len(bounds) == int(participants.loc[participants["measure"] == "participants", "suppressed"].sum())
    assert (bounds["low"] <= bounds["high"]).all()
    assert bounds["low"].min() >= 0 and bounds["high"].max() <= 3
    one_month = bounds[bounds["source"] == ONE_MONTH]
    assert (one_month["low"] >= 1).all()  # an empty cell is 0, so a star there hides 1-3
    # a cell that is the only star of a printed total is always pinned down
    assert bounds.loc[bounds["alone_in_a_total"], "recoverable"].all()


def test_recoverable_summary_counts_the_stars_of_the_raw_text(participants):
    summary = topic.recoverable_summary(participants).set_index("table")
    # the one-month table prints 16 stars, two of them (line 108) in the change columns
    stars_one_month = sum(c in ("*", "\\*") for c in data_cells(ONE_MONTH))
    assert stars_one_month == 16
    assert summary.loc["November 2016 (one month)", "starred cells"] == stars_one_month - 2
    assert summary.loc["2019 by age (time series)", "starred cells"] == sum(c == "*" for c in data_cells(AGE))
    assert summary.loc["Jan-May 2021 by gender (time series)", "starred cells"] == sum(c == "*" for c in data_cells(GENDER))
    assert (summary["value pinned down exactly"] >= summary["the only star in some total"]).all()


# -- reconciliation -----------------------------------------------------------------------------------------------------
def independent_totals(frame: pd.DataFrame) -> pd.DataFrame:
    """Totals with at least one printed part, counted with pandas group-bys (not helpers.reconcile's loop)."""
    additive = frame[frame["measure"].isin(["participants", "change_from_last_year"])].copy()
    additive["period"] = additive["period"].astype(str)
    keys = ["period", "status_group", "gender", "age_group", "programme_group", "programme", "measure"]
    counts = []
    for dimension in ("status_group", "gender", "age_group", "programme_group", "programme"):
        parts = additive[additive[dimension] != T]
        if dimension == "programme_group":
            parts = parts[parts["programme"] == T]
        others = [k for k in keys if k != dimension]
        grouped = parts.groupby(["source", *others]).agg(visible=("value", "sum"), stars=("suppressed", "sum")).reset_index()
        totals = additive[additive[dimension] == T][["source", *others, "value", "suppressed"]]
        merged = grouped.merge(totals, on=["source", *others], how="inner")
        floor = merged["source"].map({ONE_MONTH: 1, AGE: 0, GENDER: 0}).where(merged["measure"] == "participants", -3)
        low, high = merged["visible"] + floor * merged["stars"], merged["visible"] + 3 * merged["stars"]
        value = merged["value"].astype("Float64")
        ok = merged["suppressed"] | ((value >= low) & (value <= high)).fillna(False)
        counts.append(pd.DataFrame({"dimension": dimension, "source": merged["source"], "ok": ok.astype(bool)}))
    return pd.concat(counts, ignore_index=True)


def test_reconciliation_summary_against_an_independent_count(participants):
    summary = topic.reconciliation_summary(participants).set_index("totals checked, by dimension")
    independent = independent_totals(participants)
    expected = independent.groupby(["dimension", "source"]).size()
    for dimension, word in topic.DIMENSION_WORDS.items():
        for source, column in topic.TABLES.items():
            assert summary.loc[word, column["en"]] == expected.get((dimension, source), 0), (dimension, source)
    assert summary.loc["all totals checked"].sum() == len(independent)
    assert independent["ok"].all() and (summary.loc["violations"] == 0).all()
    # by hand: the one-month table's groups-to-all total exists for each of 4 status columns x 2 additive measures
    assert summary.loc[topic.DIMENSION_WORDS["programme_group"], "November 2016 (one month)"] == 4 * 2


def test_suppressed_share_against_the_raw_text(participants):
    figure = topic.suppressed_share(participants)
    table = figure.table
    one = table[table["Table"] == "November 2016 (one month)"]
    assert one["Starred"].sum() == 16 - 2
    # participant cells of the one-month table: 42 programme rows x 4 columns, 10 groups x 4, and 4 status totals
    programme_rows = [line for line in raw_lines(ONE_MONTH)[138:] if "\t" in line and not line.startswith(("\t", "<b>"))]
    assert len({line.split("\t")[0] for line in programme_rows}) == 42
    assert one["Cells"].sum() == 42 * 4 + 10 * 4 + 4
    assert table[table["Level"] == "All programmes"]["Starred"].sum() == 0
    assert "a total over all programmes is never starred" in figure.takeaway
    data = next(iter(figure.spec()["datasets"].values()))
    assert {"share", "level", "breakdown", "table"} <= set(data[0])


# -- where does this number come from? ---------------------------------------------------------------------------------
@pytest.mark.parametrize("key,source,line,starts,value", [
    (("2021-03", T, "Oppfølging", "Jobbklubb"), GENDER, 135, "Jobbk", 2071),
    (("2016-11", NAE, "Arbeidspraksis", "Arbeidstrening"), ONE_MONTH, 181, "Arbeidstrening", 8311),
    (("2019-04", AS, "Oppfølging", T), AGE, 817, "I alt oppfølging", 4785),
    (("2016-11", T, "Tilrettelegging", "Tilretteleggingstilskudd for arbeidssøker"), ONE_MONTH, 213, "Tilretteleggingstilskudd", None),
])
def test_source_of_returns_the_exact_raw_line(participants, key, source, line, starts, value):
    found = topic.source_of(participants, *key)
    text = printed(source, line, starts)
    assert (found["source"], found["line"], found["text"], found["value"]) == (source, line, text, value)
    cells = numbers(text)
    assert value is None or value in cells


def test_where_from_takeaway_and_chart_show_the_printed_line(participants):
    figure = topic.where_from(participants, "2021-03", T, "programme:Jobbklubb")
    text = printed(GENDER, 135, "Jobbk")
    assert f"`{text}`" in figure.takeaway and "2,071" in figure.takeaway
    assert figure.table["printed line"].item() == text
    data = next(iter(figure.spec()["datasets"].values()))
    picked = [row["printed"] for row in data if row["picked"]]
    assert picked == ["2 071"]
    assert [row["printed"] for row in data][0] == "Jobbkлубb"


def test_where_from_explains_a_missing_number(participants):
    figure = topic.where_from(participants, "2019-04", T, "programme:Jobbklubb")
    assert figure.takeaway.startswith("The 2019 by age (time series) table has no number for Job club")
    assert "72,720" in figure.takeaway and numbers(printed(AGE, 28, "I alt"))[3] == 72720
    figure.chart.to_dict(validate=True)


def test_where_from_a_star_and_an_empty_cell(participants):
    star = topic.where_from(participants, "2016-11", T, "programme:Tilretteleggingstilskudd for arbeidssøker")
    assert "* (a count below 4)" in star.takeaway
    empty = topic.where_from(participants, "2016-11", OTHER, "programme:Tilretteleggingstilskudd for arbeidssøker")
    assert numbers(printed(ONE_MONTH, 213, "Tilretteleggingstilskudd"))[1] == 0
    assert "0 (an empty cell)" in empty.takeaway


def test_where_from_explorer_is_registered():
    explorer = load_all()["where_from"]
    assert len(explorer.options["period"]) == 1 + 12 + 5


# -- label damage -------------------------------------------------------------------------------------------------------
def test_cyrillic_letters_are_found_in_the_raw_line():
    text = printed(GENDER, 135, "Jobbk")
    label = text.split("\t")[0]
    table = topic.code_points(label)
    assert list(table.loc[table["script"] == "Cyrillic", "code point"]) == ["U+043B", "U+0443", "U+0431"]
    assert label != "Jobbklubb" and "Jobbklubb" not in (RAW / GENDER).read_text(encoding="utf-8").split("\n")[134]


def test_repairs_summary_counts_misprints_in_the_raw_text(participants):
    summary = topic.repairs_summary().set_index("why")
    lonnskudd = sum(line.split("\t")[0] == "Lønnskudd" for name in (ONE_MONTH, AGE, GENDER) for line in raw_lines(name))
    assert summary.loc["letters 'tils' missing", "times"] == lonnskudd == 15
    cyrillic = sum(bool(re.search("[\u0400-\u04ff]", line)) for line in raw_lines(GENDER))
    assert summary.loc["Cyrillic look-alike letters replaced by Latin ones", "times"] == cyrillic
    labels = topic.printed_labels(participants, "Jobbklubb")
    assert "Jobbkлубb" in set(labels["label"]) and labels.loc[labels["label"] == "Jobbkлубb", "first_line"].item() == 135


def test_damaged_excerpts_are_refused_on_the_damaged_line():
    clean = "\n".join(raw_lines(ONE_MONTH)[132:153])
    assert topic.parse_problem(clean) is None
    merged = topic.damaged_excerpt("merged cells")
    problem = topic.parse_problem(merged)
    damaged = [i for i, (a, b) in enumerate(zip(clean.split("\n"), merged.split("\n")), start=1) if a != b]
    assert damaged == [problem.line] == [147 - 132]
    assert "has 3 cells" in str(problem)
    letter = topic.parse_problem(topic.damaged_excerpt("letter O"))
    assert letter.line == 148 - 132 and "'1O 397'" in str(letter)


# -- key findings and exercises ----------------------------------------------------------------------------------------
def test_key_findings_against_the_raw_text(participants):
    findings = topic.key_findings(participants)
    printed_cells = sum(len(data_cells(name)) for name in (ONE_MONTH, AGE, GENDER))
    assert findings[0].startswith(f"The three tables print {printed_cells:,} numbers")
    stars = sum(c in ("*", "\\*") for name in (ONE_MONTH, AGE, GENDER) for c in data_cells(name)) - 2
    assert findings[1].startswith(f"{stars:,} of ")
    assert "(0 violations)" in findings[2]


@pytest.mark.parametrize("exercise_id,right,wrong", [
    ("02.1", [(2, 3), [2, 3], "2-3", "2 to 3"], [(0, 3), (1, 3), "3", 2]),
    ("02.2", [181, "181", "line 181"], [180, "Arbeidstrening", 8311]),
    ("02.3", [15, "15", "line 15", "Mentor"], [14, "Jobbklubb", 147]),
    ("02.4", ["b", "B"], ["a", "c", "x"]),
])
def test_exercises(exercise_id, right, wrong):
    for answer in right:
        assert check(exercise_id, answer).correct, answer
    for answer in [*wrong, None]:
        assert not check(exercise_id, answer).correct, answer


def test_exercise_02_2_line_holds_the_number():
    total, other, jobseekers, nae = numbers(printed(ONE_MONTH, 181, "Arbeidstrening"))
    assert nae == 8311 and total == other + jobseekers + nae
