"""04 Women and men: figures, bounds, findings and exercises checked against the printed 2021 table.

Expected values are read from the raw text (data/raw/nav_tiltak_kjonn_2021-01_2021-05.txt) by line
number; where stars leave a count open, the expected interval is worked out here by hand from the
printed cells, independently of the topic module.
"""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import charts
from helpers.exercises import check
from helpers.topics import gender
from helpers.vocabulary import repair_label

from .conftest import GENDER, raw_lines

LINES = raw_lines(GENDER)
MAY = 5  # column of May 2021 in a printed row (label first)


def printed(line: int) -> list[str]:
    """The cells of a printed line (1-based): label first, then January to May."""
    return LINES[line - 1].split("\t")


def value(cell: str) -> int | None:
    """'37 474' -> 37474, '*' -> None (suppressed: 0-3 in a time series)."""
    cell = cell.strip()
    return None if cell == "*" else int(cell.replace(" ", ""))


def may(line: int) -> int | None:
    return value(printed(line)[MAY])


def interval(cell: str) -> tuple[int, int]:
    v = value(cell)
    return (0, 3) if v is None else (v, v)


def dataset(figure: charts.Figure) -> pd.DataFrame:
    spec = figure.spec()
    frames = [pd.DataFrame(rows) for rows in spec["datasets"].values()]
    return max(frames, key=len)


# -- status groups ----------------------------------------------------------------------------------
def test_women_and_men_totals_lines_42_and_50(participants):
    assert printed(42)[0] == "I alt kvinner" and printed(50)[0] == "I alt menn"
    months = gender.status_months(participants)
    total = months[months["status_group"] == "I alt"]
    assert list(total["Kvinner"]) == [value(c) for c in printed(42)[1:]]
    assert list(total["Menn"]) == [value(c) for c in printed(50)[1:]]
    assert list(total["I alt"]) == [value(c) for c in printed(26)[1:]]
    for women_line, men_line, all_line in zip(range(43, 46), range(51, 54), range(27, 30)):
        status = printed(all_line)[0]
        rows = months[months["status_group"] == status]
        assert list(rows["Kvinner"]) == [value(c) for c in printed(women_line)[1:]]
        assert list(rows["Menn"]) == [value(c) for c in printed(men_line)[1:]]


def test_status_shares_chart(participants):
    figure = gender.status_shares(participants)
    data = dataset(figure)
    row = data[(data["month"] == "May 2021") & (data["status"] == "All status groups")].iloc[0]
    assert (row["women"], row["men"], row["total"]) == (may(42), may(50), may(26))
    assert row["share"] == round(100 * may(42) / may(26), 1) == 48.2
    assert len(data) == 5 * 4
    others = data[(data["month"] == "May 2021") & (data["status"] == "Other participants")].iloc[0]
    assert others["women"] == may(45) and others["share"] == round(100 * may(45) / may(29), 1)
    assert "48.2 %" in figure.takeaway and "56.6 %" in figure.takeaway
    names = {p["name"] for p in figure.spec().get("params", [])}
    assert "month" in names


# -- programme groups -------------------------------------------------------------------------------
def test_group_shares_match_the_printed_group_sections(participants):
    rows = gender.gender_rows(participants, "I alt", "I alt", "2021-05").set_index("item")
    for women_line, men_line, total_line in zip(range(87, 96), range(109, 118), range(65, 74)):
        label, _ = repair_label(printed(women_line)[0])  # line 91 prints "Lønnskudd"
        assert label == printed(men_line)[0] == printed(total_line)[0]
        row = rows.loc[label]
        assert (row["women"], row["men"], row["total"]) == (may(women_line), may(men_line), may(total_line))
        assert row["how"] == "printed"
        assert row["share"] == pytest.approx(100 * may(women_line) / may(total_line))
        assert row["gap_low"] == row["gap_high"] == may(women_line) - may(men_line)


def test_gap_chart_draws_the_printed_difference(participants):
    figure = gender.gender_chart(participants, view="gap")
    data = dataset(figure).set_index("nav")
    assert printed(91)[0] == "Lønnskudd" and printed(113)[0] == "Lønnstilskudd"
    assert data.loc["Lønnstilskudd", "certain"] == may(91) - may(113) == -3935
    assert data.loc["Opplæring", "certain"] == may(90) - may(112)
    assert "3,935 more men than women" in figure.takeaway and "2,273 more women than men" in figure.takeaway


def test_counts_chart_draws_women_and_men(participants):
    data = dataset(gender.gender_chart(participants, view="counts"))
    women = data[data["gender"] == "Women"].set_index("nav")
    men = data[data["gender"] == "Men"].set_index("nav")
    assert women.loc["Tilrettelagt arbeid", "low"] == may(93) and men.loc["Tilrettelagt arbeid", "low"] == may(115)


# -- programmes: exact sums, subtraction and bounds ---------------------------------------------------
def test_education_bounds_worked_out_from_the_printed_cells(participants):
    # Utdanning in May 2021, printed inside each status group ("Tiltak, hovedgrupper og kjønn" and "Tiltak og hovedgrupper")
    women = {"Arbeidssøkere på tiltak": 486, "Nedsatt arbeidsevne, på tiltak": 552, "Andre på tiltak": 634}
    men = {"Arbeidssøkere på tiltak": 702, "Nedsatt arbeidsevne, på tiltak": 760, "Andre på tiltak": 849}
    both = {"Arbeidssøkere på tiltak": 243, "Nedsatt arbeidsevne, på tiltak": 328, "Andre på tiltak": 417}
    for lines in (women, men, both):
        assert all(printed(line)[0] == "Utdanning" for line in lines.values())
    assert printed(161)[0] == "Utdanning"
    total = may(161)
    low_w = high_w = low_m = high_m = 0
    for status in women:
        w, m, t = interval(printed(women[status])[MAY]), interval(printed(men[status])[MAY]), interval(printed(both[status])[MAY])
        # women + men = both genders inside the status group
        w = (max(w[0], t[0] - m[1]), min(w[1], t[1] - m[0]))
        m = (max(m[0], t[0] - w[1]), min(m[1], t[1] - w[0]))
        low_w, high_w, low_m, high_m = low_w + w[0], high_w + w[1], low_m + m[0], high_m + m[1]
    low_w, high_w = max(low_w, total - high_m), min(high_w, total - low_m)
    assert (low_w, high_w) == (469, 471)  # jobseekers: 14 women, men 16 - 14 = 2; reduced capacity 455/271; others 0-3
    row = gender.gender_rows(participants, "I alt", "Opplæring", "2021-05").set_index("item").loc["Utdanning"]
    assert (row["women_low"], row["women_high"], row["total"], row["how"]) == (low_w, high_w, total, "bounds")
    assert row["share_low"] == pytest.approx(100 * low_w / total) and row["share_high"] == pytest.approx(100 * high_w / total)
    example = gender.bounds_example(participants, "Utdanning").set_index("status_group")
    assert example.loc["Arbeidssøkere på tiltak", "men (printed)"] == "*"
    assert example.loc["Arbeidssøkere på tiltak", "men (possible)"] == str(may(243) - may(486)) == "2"
    assert example.loc["All status groups", "women (possible)"] == f"{low_w} to {high_w}"


def test_shares_are_never_made_up_where_the_total_is_starred(participants):
    assert printed(155)[0] == "AMO Kurs, Forsøk" and all(c == "*" for c in printed(155)[1:])
    rows = gender.gender_rows(participants, "I alt", "Opplæring", "2021-05").set_index("item")
    assert rows.loc["AMO Kurs, Forsøk", "how"] == "none" and pd.isna(rows.loc["AMO Kurs, Forsøk", "share_low"])
    figure = gender.gender_chart(participants, programme_group="Opplæring")
    table = figure.table.set_index("NAV's label")
    assert table.loc["AMO Kurs, Forsøk", "Women's share of participants (%)"] == "*"
    assert pd.isna(table.loc["AMO Kurs, Forsøk", "Both genders"])


def test_a_programme_printed_in_every_status_group_is_exact(participants):
    # Midlertidig lønnstilskudd, May 2021: women lines 491, 557, 639; men lines 706, 765, 854; all line 166
    women = sum(may(line) for line in (491, 557, 639))
    men = sum(may(line) for line in (706, 765, 854))
    assert women + men == may(166)
    row = gender.leaning(participants).set_index("item").loc["Midlertidig lønnstilskudd"]
    assert (row["women_low"], row["women_high"], row["men_low"]) == (women, women, men)
    assert row["lean"] == "men" and row["gap_low"] == women - men
    assert row["how"] == "exact"


def test_leaning_chart(participants):
    figure = gender.leaning_chart(participants)
    data = dataset(figure)
    everyone = data[data["status"] == "All status groups"].set_index("nav")
    assert (everyone["total"] >= 100).all()
    # Varig lønnstilskudd: only people with reduced work capacity (lines 565, 773, 343)
    assert printed(565)[0] == printed(773)[0] == printed(343)[0] == "Varig lønnstilskudd"
    share = 100 * may(565) / may(343)
    assert everyone.loc["Varig lønnstilskudd", "share_label"] == f"{share:.1f} %"
    assert everyone.loc["Varig lønnstilskudd", "gap_label"] == f"{may(565) - may(773):,}"
    names = {p["name"] for p in figure.spec().get("params", [])}
    assert "status_group" in names
    assert set(data["status"]) == {"All status groups", "Jobseekers on programmes", "Reduced work capacity, on programmes", "Other participants"}


# -- months and new programmes ----------------------------------------------------------------------
def test_digital_job_club_line_133(participants):
    assert repair_label(printed(133)[0])[0] == "Digital oppfølging/jobbklubb"
    assert printed(133)[1:] == ["*", "602", "1 017", "991", "881"]
    new = gender.new_programmes(participants)
    assert list(new["programme"]) == ["Digital oppfølging/jobbklubb"]
    table = gender.star_table(participants).set_index("programme")
    assert list(table.loc["Digital oppfølging/jobbklubb", ["January", "February", "March", "April", "May"]]) == ["*", "602", "1,017", "991", "881"]
    assert table.loc["Digital oppfølging/jobbklubb", "line"] == 133
    always = set(table[table["pattern"] == "starred every month"].index)
    expected = {repair_label(printed(line)[0])[0] for line in range(129, 200)
                if len(printed(line)) == 6 and not printed(line)[0].startswith("I alt") and all(c == "*" for c in printed(line)[1:])}
    assert always == expected == {"Arbeidspraksis i ordinær virksomhet", "Utvidet oppfølging i opplæring", "AMO Kurs, Forsøk"}


def test_digital_job_club_by_gender_in_february(participants):
    # February: jobseekers women 282 (line 461) / men 299 (line 678); reduced capacity 9 (525) / 8 (727);
    # others * / * (lines 613, 822) with both genders 4 (line 379): each 1-3, so women 291 + 1..3.
    feb = 2
    assert value(printed(379)[feb]) == 4 and printed(613)[feb] == printed(822)[feb] == "*"
    women_low = value(printed(461)[feb]) + value(printed(525)[feb]) + (4 - 3)
    women_high = value(printed(461)[feb]) + value(printed(525)[feb]) + 3
    figure = gender.programme_months(participants)
    data = dataset(figure).set_index(["month", "gender"])
    assert (data.loc[("February 2021", "Women"), "low"], data.loc[("February 2021", "Women"), "high"]) == (women_low, women_high) == (292, 294)
    assert data.loc[("January 2021", "Women"), "label"] == "*"
    assert data.loc[("March 2021", "Women"), "low"] == data.loc[("March 2021", "Women"), "high"]
    assert "602" in figure.takeaway and "January 2021" in figure.takeaway


def test_months_chart(participants):
    figure = gender.months_chart(participants)
    data = dataset(figure)
    women = data[(data["status"] == "All status groups") & (data["gender"] == "Women")]
    assert list(women["participants"]) == [value(c) for c in printed(42)[1:]]
    assert "72,086" in figure.takeaway and "78,670" in figure.takeaway  # line 26, January and April
    assert "status_group" in {p["name"] for p in figure.spec().get("params", [])}


# -- key findings -----------------------------------------------------------------------------------
def test_key_findings(participants):
    text = " ".join(gender.key_findings(participants))
    assert f"{may(42):,} women and {may(50):,} men" in text
    assert f"{100 * may(42) / may(26):.1f} %" in text
    assert f"{may(113) - may(91):,} more men than women" in text  # Lønnstilskudd, lines 113 and 91
    assert "Digital oppfølging/jobbklubb shows '*' in January and 602 participants in February" in text
    jobseekers = [value(c) for c in printed(27)[1:]]
    assert f"+{100 * (jobseekers[3] - jobseekers[0]) / jobseekers[0]:.1f} %" in text


# -- exercises ----------------------------------------------------------------------------------------
def test_exercise_04_1():
    share = 100 * may(42) / may(26)
    assert check("04.1", round(share, 1)).correct and check("04.1", f"{share:.1f} %").correct and check("04.1", "48,2").correct
    assert not check("04.1", 51.8).correct and not check("04.1", 0.482).correct and not check("04.1", None).correct


def test_exercise_04_2():
    gap = may(113) - may(91)
    assert check("04.2", gap).correct and check("04.2", f"{gap:,}".replace(",", " ")).correct and check("04.2", -gap).correct
    assert not check("04.2", may(113)).correct and not check("04.2", None).correct


def test_exercise_04_3():
    assert check("04.3", "b").correct
    assert not check("04.3", "a").correct and not check("04.3", "c").correct and not check("04.3", None).correct


def test_exercise_04_4(participants):
    # Tilskudd til ekspertbistand, May 2021: total 153 (line 178); women 20 (569) + 99 (643), none for jobseekers
    assert printed(178)[0] == printed(569)[0] == printed(643)[0] == "Tilskudd til ekspertbistand"
    share = 100 * (may(569) + may(643)) / may(178)
    ranking = gender.leaning(participants)
    assert ranking.iloc[0]["item"] == "Tilskudd til ekspertbistand" and ranking.iloc[0]["share_low"] == pytest.approx(share)
    assert check("04.4", "Tilskudd til ekspertbistand").correct and check("04.4", "grant for expert assistance").correct
    assert not check("04.4", "Utdanning").correct and not check("04.4", None).correct


def test_explorer_is_registered_with_the_brief_s_controls():
    from helpers.widgets import load_all

    explorer = load_all()["gender_programmes"]
    assert set(explorer.options) == {"status_group", "programme_group", "view", "lang"}
    assert {v for _, v in explorer.options["view"]} == {"counts", "shares", "gap"}
