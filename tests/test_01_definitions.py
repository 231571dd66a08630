"""Notebook 01 (the definitions, the tidy frame and selecting rows): what it claims, checked against the raw
text of NAV's tables and NAV's definitions page; its short rule functions against helpers.definitions;
and no exercise's answer shown above the exercise.

"The definitions page, line N" is data/raw/nav_avgang_definisjoner.txt; the table files are named in tests/conftest.py.
"""

from __future__ import annotations

import itertools
import re

import nbformat
import pandas as pd
import pytest

from helpers import definitions as d
from helpers.answers import HISTORIES_01

from .conftest import AGE, GENDER, ONE_MONTH, ROOT, raw_lines
from .notebook_text import cell_text, shows_number, text_before_exercise

NOTEBOOK = "01_definitions.ipynb"
NAE, AS, OTHER = "Nedsatt arbeidsevne, på tiltak", "Arbeidssøkere på tiltak", "Andre på tiltak"


def cells_of(line: str) -> list[int]:
    return [int(c.replace(" ", "")) for c in re.sub(r"</?b>", "", line).split("\t")[1:]]


def printed(name: str, number: int, starts: str) -> str:
    """A raw line picked by hand, after checking that it is the line we think it is."""
    line = raw_lines(name)[number - 1]
    assert re.sub(r"</?b>", "", line).startswith(starts), line
    return line


@pytest.fixture(scope="module")
def notebook():
    return nbformat.read(ROOT / "notebooks" / NOTEBOOK, as_version=4)


@pytest.fixture(scope="module")
def functions(notebook):
    """The rule functions and histories the notebook defines, run from its own source."""
    namespace = {"pd": pd, "d": d}
    for cell in notebook.cells:
        if cell.cell_type == "code" and re.match(
            r"(def (exit_months|counted_under|status_six_months_later|printed_as|build_person)"
            r"|later_options|history_\d = |amo = )",
            cell.source,
        ):
            exec(re.sub(r"\npd\.DataFrame\(.*", "", cell.source, flags=re.S), namespace)  # noqa: S102 (our notebook)
    return namespace


def output_of(notebook, starts: str) -> str:
    return next(cell_text(c) for c in notebook.cells if c.cell_type == "code" and c.source.startswith(starts))


def test_key_findings_quote_the_printed_numbers(notebook):
    text = output_of(notebook, "nov_2016 = ")
    total, other, jobseekers, nae = (
        cells_of(printed(ONE_MONTH, n, s))[0] for n, s in ((28, "I alt"), (31, OTHER), (29, AS), (30, NAE))
    )
    assert total == other + jobseekers + nae == 83484
    assert (
        f"{total:,} people were on a programme: {nae:,} with reduced work capacity, {jobseekers:,} jobseekers and {other:,} others"
        in text
    )
    # stars: count the '*' cells of the raw files; in the one-month table two stars on line 108 are changes, not counts
    stars = sum(
        line.split("\t")[1:].count("\\*") + line.split("\t")[1:].count("*")
        for name in (ONE_MONTH, AGE, GENDER)
        for line in raw_lines(name)
        if "\t" in line and not line.startswith("\t")
    )
    assert printed(ONE_MONTH, 108, "Jobbskaping og egenetablering").split("\t")[1:] == ["", "*", "*"]
    assert (
        f"{stars - 2:,} of the" in text
        and "1-3 persons in the one-month table" in text
        and "0-3 in the monthly time series" in text
    )
    assert "counted 2 times" in text


def test_the_mask_query_and_select_give_the_printed_status_groups(notebook):
    assert "True" in output_of(notebook, "shortcut = select(")
    assert "The three groups add up to 83,484, and NAV's total is 83,484." in output_of(notebook, "same = participants.query(")


def test_programme_groups_table_against_the_group_section_of_the_one_month_table(notebook):
    text = output_of(notebook, "rows = select(participants, status_group=None, programme_group=None)")
    assert f"{cells_of(printed(ONE_MONTH, 51, 'Tilrettelegging'))[0]:,}" == "687" and ">687<" in text
    total, other, jobseekers, nae = printed(ONE_MONTH, 126, "Tilrettelagt arbeid").split("\t")[1:]
    assert (other, jobseekers) == ("", "") and total == nae and ">100.0<" in text
    assert "text-align: left" in text  # prose columns are left-aligned


def test_six_statuses_follow_the_definitions_page(notebook):
    page = raw_lines("nav_avgang_definisjoner.txt")
    for status, line in d.STATUS_SEED_LINES.items():
        assert page[line - 1].strip().lstrip("•").strip().startswith(status)
    assert not re.search(r"<th[^>]*>[^<]*seed", output_of(notebook, "meaning = "))  # no internal name as a header


def test_star_rule_follows_the_note_and_the_tables(functions):
    assert "mindre enn 4" in printed(ONE_MONTH, 15, "I henhold")
    for n in range(8):
        for kind, name in (("one-month", "one_month"), ("time series", "time_series")):
            assert functions["printed_as"](n, kind).replace("(empty)", "") == d.published_cell(n, name)
    empty = sum(
        c == "" for line in raw_lines(ONE_MONTH) if "\t" in line and not line.startswith("\t") for c in line.split("\t")[1:]
    )
    assert empty > 0
    for name in (AGE, GENDER):  # the time series print no empty cell: a star stands for nobody too
        assert not [
            c
            for line in raw_lines(name)
            if "\t" in line and not line.startswith("\t") and not line.startswith("-")
            for c in line.split("\t")[1:]
            if c.strip() == ""
        ]


def test_the_short_rule_functions_agree_with_helpers_definitions(functions):
    exit_months, counted_under, later = (functions[n] for n in ("exit_months", "counted_under", "status_six_months_later"))
    histories = list(d.EXAMPLES.values())
    options = functions["later_options"]
    for combo in itertools.product(
        ("2021-03", "2021-05", "2021-07"),
        ("leaves", "break", "moves"),
        ("arbeidssøker", "nedsatt arbeidsevne", "none"),
        (0, 5, 6),
        options,
    ):
        histories.append(functions["build_person"](*combo))
    for history in histories:
        d.validate_history(history)
        assert exit_months(history) == d.exit_months(history)
        for month in exit_months(history):
            assert counted_under(history, month) == d.exit_status_group(history, month)
            try:
                assert later(history, month) == d.status_after_exit(history, month)
            except d.UndeterminedError:
                assert later(history, month) == "not known yet"


def test_built_histories_follow_the_rules_worked_by_hand(functions):
    build = functions["build_person"]
    assert d.exit_months(build("2021-05", "leaves")) == ["2021-05"]  # the definitions page, line 5
    assert d.exit_months(build("2021-05", "break")) == ["2021-07"]
    assert d.exit_months(build("2021-05", "moves")) == ["2021-05", "2021-07"]
    assert d.exit_status_group(build("2021-05", "leaves", "arbeidssøker", 5), "2021-05") == NAE  # line 7: five months
    assert d.exit_status_group(build("2021-05", "leaves", "arbeidssøker", 6), "2021-05") == AS
    assert (
        d.status_after_exit(build("2021-05", "leaves", six_months_later="in work, on sickness benefit"), "2021-05") == "I arbeid"
    )


def test_exercise_histories_are_the_answer_keys(functions):
    for k in (1, 2, 3):
        assert functions[f"history_{k}"] == HISTORIES_01[f"01.{k}"]


def test_explorer_has_a_static_picture_and_the_timeline_cuts_no_label(notebook):
    i = next(
        i
        for i, c in enumerate(notebook.cells)
        if "nbval-ignore-output" in c.metadata.get("tags", []) and "draw_person" in c.source
    )
    before = notebook.cells[i - 1]
    assert "show(draw_person())" in before.source
    assert any("image/svg+xml" in o.get("data", {}) for o in before.outputs)
    assert "…" not in "".join(cell_text(c) for c in notebook.cells)


def test_no_internal_names_in_reader_facing_text(notebook):
    prose = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    assert "000" not in prose and "seed" not in prose.lower() and "A *arbeidssøker*" not in prose
    assert "An *arbeidssøker*" in prose
    assert "never a zero" in prose and "0–3" in prose and "1–3" in prose


def test_answers_are_not_shown_before_their_exercises():
    may = cells_of(printed(GENDER, 68, "Opplæring"))[
        4
    ]  # line 68: the group Opplæring, all status groups and genders, Jan-May 2021
    assert not shows_number(text_before_exercise(NOTEBOOK, "01.4"), may, 0)
    before = text_before_exercise(NOTEBOOK, "01.1")
    assert "Exit in May 2021" not in before and "['2021-05']" not in before
    # 01.3: the first exit is the move in March 2021; no verdict on history_3 is printed above the exercise
    before = text_before_exercise(NOTEBOOK, "01.3")
    assert "Exit in March 2021 from Job club" not in before and "['2021-03', '2021-07']" not in before
    # 01.5: Oppfølging in March 2021 (line 66) over all participants (line 64)
    share = 100 * cells_of(printed(GENDER, 66, "Oppfølging"))[2] / cells_of(printed(GENDER, 64, "I alt"))[2]
    for form in (f"{share:.1f}", f"{share:.1f}".replace(".", ",")):
        assert form not in text_before_exercise(NOTEBOOK, "01.5")


def test_judgement_options_cannot_be_told_by_their_length(notebook):
    """Issue 23 item 4: the right option of 01.7 is not the longest, and the options differ little in length."""
    question = next(c.source for c in notebook.cells if c.source.startswith("### Exercise 01.7"))
    options = dict(re.findall(r"^- \*\*([a-d])\)\*\* (.+)$", question, flags=re.M))
    assert sorted(options) == ["a", "b", "c", "d"]
    lengths = {k: len(v) for k, v in options.items()}
    assert max(lengths.values()) - min(lengths.values()) <= 0.1 * max(lengths.values())
    from helpers.exercises import check

    right = [k for k in options if check("01.7", k).correct]
    assert len(right) == 1 and sum(n >= lengths[right[0]] for n in lengths.values()) >= 2, "another option is as long"


def test_a_stock_is_not_said_to_be_one_moment_or_one_programme(notebook):
    """Issue 20: no source says when in the month people are counted or that a person is counted once; 01 says so."""
    section = next(c.source for c in notebook.cells if c.source.startswith("## Labour-market programmes"))
    assert "one moment" not in section and "counted once" not in section
    assert "do not say on which day" in section and "two programmes" in section


def test_the_stamp_names_the_last_printed_month(notebook):
    text = output_of(notebook, "nov_2016 = ")
    last = raw_lines(GENDER)[24].split("\t")[-1]  # line 25: the header of the 2021 table ends with its last month, Mai
    assert last.strip() == "Mai" and "**May 2021**" in text and "Data as of" in text


def test_the_status_group_csv_is_the_printed_numbers_and_carries_the_stamp(notebook):
    """The chart's CSV (the download under 'See the numbers'): every month's three status groups as NAV printed them
    (2019: lines 48, 68, 88 of the table by age; 2021: lines 27-29; 2016: lines 29-31), none turned into 0 or left empty,
    each row with its source and the data stamp. A pivot, not a sum: nothing hidden can become 0."""
    import csv
    import io
    from urllib.parse import unquote

    html = output_of(notebook, "shares = sizes.pivot")
    uri = re.search(r'href="data:text/csv;charset=utf-8,([^"]+)"', html)
    assert uri, "the chart's numbers can be downloaded as CSV"
    text = unquote(uri[1])
    lines = text.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("Month,"))  # a stamp line may come first
    rows = list(csv.DictReader(io.StringIO("\n".join(lines[header:]))))
    assert len(rows) == 1 + 12 + 5
    by_month = {str(pd.to_datetime(r["Month"]).to_period("M")): r for r in rows}  # '2019-07' or 'July 2019'
    assert "Data as of: NAV's published participant tables" in text and "May 2021" in text
    names = {
        "Jobseekers on programmes": (48, 27, 29),
        "Reduced work capacity, on programmes": (68, 28, 30),
        "Other participants": (88, 29, 31),
    }
    for column, (age_line, gender_line, one_month_line) in names.items():
        for m, cell in enumerate(cells_of(raw_lines(AGE)[age_line - 1]), start=1):
            assert int(by_month[f"2019-{m:02d}"][column]) == cell
        for m, cell in enumerate(cells_of(raw_lines(GENDER)[gender_line - 1]), start=1):
            assert int(by_month[f"2021-{m:02d}"][column]) == cell
        assert int(by_month["2016-11"][column]) == cells_of(raw_lines(ONE_MONTH)[one_month_line - 1])[0]
    assert all(r[c] not in ("", "0") for r in rows for c in names)
