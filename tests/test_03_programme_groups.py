"""03 Programme groups: what the notebook states and draws, checked against the printed November 2016 table.

Expected values are read from the raw text (data/raw/nav_tiltak_en_maaned_2016-11.txt) by line number;
the notebook's stored outputs (sentences, chart data) are compared with them.
"""

from __future__ import annotations

import io
import json
import re
from urllib.parse import unquote

import nbformat
import pandas as pd
import pytest

from .conftest import GENDER, ONE_MONTH, raw_lines
from .notebook_text import NOTEBOOKS, cell_text, chart_data, code_output_text, shows_number, text_before_exercise

NOTEBOOK = "03_programme_groups.ipynb"
LINES = raw_lines(ONE_MONTH)
GROUP_LINES = range(43, 53)  # "Tiltaksgrupper": count, change in persons, change in per cent


def printed(line: int, lines: list[str] = LINES) -> list[str]:
    """The cells of a printed line (1-based), tags removed: label first, then the columns as printed."""
    return lines[line - 1].replace("<b>", "").replace("</b>", "").replace("\\*", "*").split("\t")


def value(cell: str) -> int | None:
    """A printed number: '8 272' -> 8272, '' -> 0 (nobody), '*' -> None (suppressed)."""
    cell = cell.strip()
    return None if cell == "*" else int(cell.replace(" ", "")) if cell else 0


@pytest.fixture(scope="module")
def cells():
    return nbformat.read(NOTEBOOKS / NOTEBOOK, as_version=4).cells


def test_key_findings_state_the_printed_numbers(cells):
    text = code_output_text(cells)
    _, total, change, pct = printed(28)
    assert f"{value(total):,} people" in text and f"rose by {value(change):,} persons ({value(pct)} %)" in text
    assert printed(47)[:2] == ["Arbeidspraksis", "23 919"] and "Arbeidspraksis (Work practice), had 23,919" in text
    assert (
        printed(46)[:3] == ["Lønnstilskudd", "8 710", "2 031"]
        and "Lønnstilskudd (Wage subsidy) gained most, +2,031 persons" in text
    )
    _, total, others, _, _ = printed(127)
    assert f"{100 * value(others) / value(total):.1f} %" in text
    # 14 starred programme cells: lines 142 (2), 145, 152, 154, 157, 158 (3), 174, 179, 186, 213 (2)
    stars = sum(LINES[n - 1].count("*") for n in range(141, 216) if not LINES[n - 1].startswith("<b>"))
    assert stars == 14 and "14 programme cells in the table are suppressed (\\*, 1 to 3 persons)" in text


def test_group_sizes_chart_draws_the_cross_table(cells):
    rows = chart_data(cells, "Participants by programme group")
    header = printed(118)[1:]
    assert header == ["I alt", "Andre på tiltak", "Arbeidssøkere på tiltak", "Nedsatt arbeidsevne, på tiltak"]
    drawn = {(r["programme_group"], r["status_group"]): r["participants"] for r in rows}
    for line in range(120, 130):
        label, _, *parts = printed(line)
        for status, cell in zip(header[1:], parts + [""] * (3 - len(parts))):
            assert drawn[(label, status)] == value(cell), (line, status)


def test_change_chart_draws_the_group_section(cells):
    rows = {r["programme_group"]: r for r in chart_data(cells, "Change from a year earlier, in persons")}
    for line in GROUP_LINES:
        label, count, change, pct = printed(line)
        assert (rows[label]["change_from_last_year"], rows[label]["change_from_last_year_pct"]) == (value(change), value(pct))
        assert rows[label]["base"] == value(count) - value(change)


def test_what_the_tables_show_about_reserved_programmes_and_aft(cells):
    text = code_output_text(cells)
    assert printed(145) == ["Arbeid med bistand (AB)", "1 444", "*", "19", "1 422"]
    assert "Arbeid med bistand (AB) – Work with assistance (AB): 19 jobseekers and \\* other participants (line 145)" in text
    assert (
        printed(170) == ["Utdanning", "9 821", "8", "26", "9 787"] and "26 jobseekers and 8 other participants (line 170)" in text
    )
    assert printed(178) == ["Arbeidsforberedende trening", "70", "", "", "70"]
    gender_lines = raw_lines(GENDER)
    assert printed(213, gender_lines)[:2] == ["Arbeidsforberedende trening", "24"]
    assert "24 jobseekers in January 2021 (line 213 of the 2021 table)" in text


def test_the_worked_lone_star_is_the_training_group(cells):
    # training group, all status groups: total line 171, visible programmes 154-157 and 170, star on line 158
    hidden = value(printed(171)[1]) - sum(value(printed(n)[1]) for n in (154, 155, 156, 157, 170))
    assert printed(158)[1] == "*" and hidden == 2
    assert f"so the starred row hides exactly {hidden} persons" in code_output_text(cells)


def test_stars_are_drawn_as_a_range_and_empty_groups_say_nobody(cells):
    source = "\n".join(c.source for c in cells)
    assert "mark_rule(strokeWidth=3" in source and "fillna(1)" in source and "fillna(3)" in source
    assert "Nobody in {who} took part" in source


def test_no_internal_topic_module(cells):
    assert not any("helpers.topics" in c.source for c in cells)


def test_exercise_03_1_answer_not_shown_before():
    share = 100 * value(printed(70)[1]) / value(printed(65)[1])  # jobseekers on work practice / all jobseekers
    assert not shows_number(text_before_exercise(NOTEBOOK, "03.1"), share, 1)


def test_exercise_03_2_answer_not_shown_before():
    text = text_before_exercise(NOTEBOOK, "03.2")
    hidden = value(printed(214)[1]) - sum(value(printed(n)[1]) for n in range(210, 213))
    assert hidden == 1 and "Tilretteleggingstilskudd for arbeidssøker" in text  # named in the question
    assert "hides exactly 1 " not in text and "hides 1 " not in text


def test_exercise_03_3_answer_not_shown_before():
    jobseekers = {printed(n)[0]: (value(printed(n)[2]), value(printed(n)[3])) for n in range(66, 72)}
    change, _ = max(jobseekers.values(), key=lambda cp: cp[1])
    assert change == 84  # line 71, Jobbskaping og egenetablering
    assert not shows_number(text_before_exercise(NOTEBOOK, "03.3"), change, 0)


# -- suppressed and unpublished cells in the stored tables and their CSV (issue 20) ----------------
def stored_csv(cells, title: str) -> pd.DataFrame:
    """The CSV a reader downloads under the chart whose title contains ``title`` (decoded from its data: link)."""
    for cell in cells:
        outputs = cell.get("outputs", [])
        specs = [
            o["data"]["application/vnd.vegalite.v5+json"]
            for o in outputs
            if "application/vnd.vegalite.v5+json" in o.get("data", {})
        ]
        if specs and title in json.dumps(specs[0].get("title", ""), ensure_ascii=False):
            html = "".join(str(o.get("data", {}).get("text/html", "")) for o in outputs)
            found = re.search(r'class="csv-download" download="[^"]*" href="data:text/csv;charset=utf-8,([^"]*)"', html)
            assert found, f"no CSV link under the chart {title!r}"
            text = unquote(found[1])
            stamped = text.startswith('"')  # the data stamp as the CSV's first line (one quoted field)
            return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, skiprows=1 if stamped else 0)
    raise LookupError(title)


def test_the_programmes_csv_keeps_the_star_as_a_range(cells):
    """Training, all status groups (lines 154-158 and 170): the star on line 158 is '* (1-3)', never 0."""
    table = stored_csv(cells, "Opplæring (Training): programmes")
    assert len(table) == 6 and set(table["Line"].astype(int)) == {154, 155, 156, 157, 158, 170}
    for _, row in table.iterrows():
        cell = printed(int(row["Line"]))[1]  # the 'I alt' column of the programme line
        assert row["Participants"] == ("* (1-3)" if cell == "*" else f"{value(cell):,}"), (row["Line"], cell)
    assert printed(158)[1] == "*"
    stars = sum(printed(n)[1] == "*" for n in (154, 155, 156, 157, 158, 170))
    assert stars == 1 and "1 of 6 counts is suppressed" in code_output_text(cells)


def test_a_change_nav_never_printed_is_explained_not_starred(cells):
    """Tilrettelegging has no row in the jobseekers' section (lines 65-71) and an empty jobseekers' cell on line 128."""
    assert not any(printed(n)[0] == "Tilrettelegging" for n in range(65, 72))
    assert printed(128)[0] == "Tilrettelegging" and printed(128)[3] == ""
    prose = next(c.source for c in cells if c.cell_type == "markdown" and "turned them into three columns" in c.source)
    assert "not published" in prose and "lines 65 to 71" in prose and "line 128" in prose


def test_the_data_stamp_is_near_the_top(cells):
    top = "\n".join(cell_text(c) for c in cells[:8])
    assert "Data as of" in top and "November 2016" in top


def test_exercise_03_4_answer_not_drawn_before():
    """No chart above 03.4 draws the jobseekers' groups (lines 66-71) on their own."""
    jobseekers = {printed(n)[0]: value(printed(n)[1]) for n in range(66, 72)}
    cells = nbformat.read(NOTEBOOKS / NOTEBOOK, as_version=4).cells
    above = cells[: next(i for i, c in enumerate(cells) if 'check("03.4"' in c.source)]
    for cell in above:
        for output in cell.get("outputs", []):
            spec = output.get("data", {}).get("application/vnd.vegalite.v5+json")
            for rows in (spec or {}).get("datasets", {}).values():
                assert len(rows) != len(jobseekers) or {r.get("participants") for r in rows} != set(jobseekers.values())
