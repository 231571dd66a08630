"""04 Women and men: what the notebook states and draws, checked against the printed 2021 table.

Expected values are read from the raw text (data/raw/nav_tiltak_kjonn_2021-01_2021-05.txt) by line number
(columns: label, January, February, March, April, May); the notebook's stored outputs are compared with them.
"""

from __future__ import annotations


import nbformat
import pytest

from helpers.vocabulary import repair_label

from .conftest import GENDER, raw_lines
from .notebook_text import NOTEBOOKS, chart_data, code_output_text, shows_number, text_before_exercise

NOTEBOOK = "04_women_and_men.ipynb"
LINES = raw_lines(GENDER)
JAN, MAY = 1, 5


def printed(line: int) -> list[str]:
    return LINES[line - 1].split("\t")


def value(cell: str) -> int | None:
    cell = cell.strip()
    return None if cell == "*" else int(cell.replace(" ", ""))


def at(line: int, month: int = MAY) -> int | None:
    return value(printed(line)[month])


@pytest.fixture(scope="module")
def cells():
    return nbformat.read(NOTEBOOKS / NOTEBOOK, as_version=4).cells


def test_key_findings(cells):
    text = code_output_text(cells)
    assert printed(42)[0] == "I alt kvinner" and printed(50)[0] == "I alt menn"
    assert f"{at(42):,} women and {at(50):,} men" in text
    # Lønnstilskudd, lowest women's share: women line 91 (printed 'Lønnskudd'), men line 113
    assert repair_label(printed(91)[0])[0] == "Lønnstilskudd" and printed(113)[0] == "Lønnstilskudd"
    assert f"{at(113) - at(91):,} more men than women" in text
    assert "Digital oppfølging/jobbklubb (Digital follow-up/job club) shows \\* in January and 602 participants in February" in text


def test_group_share_chart_draws_the_printed_totals(cells):
    rows = {r["programme_group"]: r for r in chart_data(cells, "Women's share by programme group")}
    wage = rows["Lønnstilskudd"]
    assert (wage["Kvinner"], wage["Menn"]) == (at(91), at(113))
    assert wage["share"] == pytest.approx(100 * at(91) / (at(91) + at(113)))


def test_education_bounds(cells):
    # Utdanning, May 2021: women 486/552/634, men 702/760/849, both genders 243/328/417, all status groups 161
    assert all(printed(n)[0] == "Utdanning" for n in (486, 552, 634, 702, 760, 849, 243, 328, 417, 161))
    rows = {r["programme"]: r for r in chart_data(cells, "Which programmes lean")}
    assert (rows["Utdanning"]["women_low"], rows["Utdanning"]["women_high"]) == (469, 471)  # 14 + 455 + (0 to 3), narrowed
    assert rows["Utdanning"]["label"] == f"{100 * 469 / at(161):.1f}-{100 * 471 / at(161):.1f} %"


def test_the_ranking_keeps_only_programmes_with_at_least_100_and_says_which(cells):
    rows = chart_data(cells, "Which programmes lean")
    assert rows and all(r["total"] >= 100 for r in rows)
    text = code_output_text(cells)
    assert "At least 100" in text and "Of the 25 programmes with at least 100 participants" in text
    # Varig lønnstilskudd: only people with reduced work capacity (lines 565, 773, 343)
    assert printed(565)[0] == printed(773)[0] == printed(343)[0] == "Varig lønnstilskudd"
    share = {r["programme"]: r for r in rows}["Varig lønnstilskudd"]["label"]
    assert share == f"{100 * at(565) / at(343):.1f} %" and "Varig lønnstilskudd (Permanent wage subsidy) most to men" in text


def test_digital_job_club_is_drawn_as_ranges_not_zero(cells):
    assert repair_label(printed(133)[0])[0] == "Digital oppfølging/jobbklubb"
    assert printed(133)[1:] == ["*", "602", "1 017", "991", "881"]
    rows = {(r["month"], r["gender"]): r for r in chart_data(cells, "women and men by month")}
    assert (rows[("Jan", "Women")]["low"], rows[("Jan", "Women")]["high"]) == (0, 3)
    # February: jobseekers women 282 (line 461), reduced capacity 9 (525); others starred (613) with both genders 4 (379)
    assert value(printed(379)[2]) == 4 and printed(613)[2] == "*"
    assert (rows[("Feb", "Women")]["low"], rows[("Feb", "Women")]["high"]) == (282 + 9 + 1, 282 + 9 + 3)


def test_no_internal_topic_module_and_stars_kept_in_sentences(cells):
    assert not any("helpers.topics" in c.source for c in cells)
    assert "shows '' in January" not in code_output_text(cells)


def test_exercise_04_1_answer_not_shown_before():
    text = text_before_exercise(NOTEBOOK, "04.1")
    # the solution's programme, Høyere utdanning, January: total 3 193 (line 158); reduced capacity women 1 940 (549),
    # men 1 249 (757); jobseekers and others all stars (242, 485, 701, 407, 633, 848)
    low, high = 100 * at(549, JAN) / at(158, JAN), 100 * (at(158, JAN) - at(757, JAN)) / at(158, JAN)
    assert not shows_number(text, low, 1) and not shows_number(text, high, 1)


def test_exercise_04_2_answer_not_shown_before():
    gap = at(113, JAN) - at(91, JAN)
    assert not shows_number(text_before_exercise(NOTEBOOK, "04.2"), gap, 0)
