"""04 Women and men: what the notebook states and draws, checked against the printed 2021 table.

Expected values are read from the raw text (data/raw/nav_tiltak_kjonn_2021-01_2021-05.txt) by line number
(columns: label, January, February, March, April, May); the notebook's stored outputs are compared with them.
"""

from __future__ import annotations

import io
import json
import re
from urllib.parse import unquote

import nbformat
import pandas as pd
import pytest

from helpers.vocabulary import repair_label

from .conftest import GENDER, raw_lines
from .notebook_text import (
    NOTEBOOKS,
    cell_text,
    chart_data,
    code_output_text,
    shows_number,
    text_before_exercise,
    english_question,
)

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
    assert (
        "Digital oppfølging/jobbklubb (Digital follow-up/job club) shows \\* in January and 602 participants in February" in text
    )


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


def test_the_digital_job_club_csv_keeps_january_as_a_range(cells):
    """Line 133 (all status groups) and every status group's row are '*' in January: 0-3 for each gender, never 0."""
    assert printed(133)[JAN] == "*"
    table = stored_csv(cells, "women and men by month").set_index("Gender")
    assert table.loc["Women", "Jan"] == "0-3" and table.loc["Men", "Jan"] == "0-3"
    assert "0" not in set(table["Jan"])


def test_the_education_table_shows_stars_as_stars(cells):
    """Utdanning in May by status group and gender: lines 243/486/702 (jobseekers), 328/552/760 (reduced capacity),
    417/634/849 (others), as printed: a '*' stays '*'."""
    expected = {
        "Arbeidssøkere på tiltak": (243, 486, 702),
        "Nedsatt arbeidsevne, på tiltak": (328, 552, 760),
        "Andre på tiltak": (417, 634, 849),
    }
    (cell,) = [c for c in cells if c.cell_type == "code" and "mark_cells(education" in c.source]
    shown = cell_text(cell)[len(cell.source) :]
    for status, lines in expected.items():
        assert all(repair_label(printed(n)[0])[0] == "Utdanning" for n in lines)
        (row,) = [line for line in shown.splitlines() if line.startswith(status)]
        assert row.split()[-3:] == [printed(n)[MAY].strip() for n in lines], (status, row)
    assert printed(702)[MAY] == "*" and printed(417)[MAY] == "*"


def test_other_participants_job_creation_is_a_star_and_men_are_not_printed():
    """The cells behind exercise 04.4: line 401 (both genders) and 622 (women) are stars; the men's section of
    other participants (lines 805-876) prints no job-creation row at all."""
    assert printed(401)[0] == "I alt jobbskaping og egenetablering" and set(printed(401)[1:]) == {"*"}
    assert set(printed(622)[1:]) == {"*"}
    assert not any("jobbskaping" in LINES[n - 1].lower() for n in range(805, 877))


def test_exercise_04_3_options_are_alike_and_nothing_above_gives_it(cells):
    """The row the question names (line 407) and options of like length; neither the hint nor the text above says
    what a star hides in a time series in the question's words."""
    assert printed(407)[0] == "Høyere utdanning" and printed(407)[1:4] == ["*", "*", "*"] and value(printed(407)[4]) > 3
    question = next(c.source for c in cells if c.cell_type == "markdown" and "### Exercise 04.3" in c.source)
    options = re.findall(r"^- [abc]\) (.+)$", english_question(question), flags=re.M)
    assert len(options) == 3 and max(map(len, options)) <= 1.15 * min(map(len, options))
    text = text_before_exercise(NOTEBOOK, "04.3")
    assert "cannot say if any took part" in question and "cannot say if any took part" not in text.replace(question, "")
    from helpers.exercises import EXERCISES

    assert not re.search(r"0 to 3|0-3|0, 1, 2 or 3", EXERCISES["04.3"].hint)


def test_the_data_stamp_is_near_the_top(cells):
    top = "\n".join(cell_text(c) for c in cells[:8])
    assert "Data as of" in top and "May 2021" in top
