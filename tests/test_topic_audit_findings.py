"""06 What the audit found: figures, findings, the recommendations table and the exercises, checked
against the report's own text (data/raw/riksrevisjonen_dokument_3-5_2017-2018.txt).

Expected values are read by hand from the printed report lines named in each test, never copied from
the topic module's output.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers import audit
from helpers.exercises import check
from helpers.topics import audit_findings as topic

from .conftest import raw_lines

REPORT = raw_lines("riksrevisjonen_dokument_3-5_2017-2018.txt")


def report(line: int) -> str:
    """A line of the report as printed (1-based), read from the raw file here, not through helpers."""
    return REPORT[line - 1]


def numbers_on(line: int) -> list[float]:
    """The numbers printed on one table line, Norwegian style ('1 294 600', '10,7'), in order."""
    text = report(line)
    found = re.findall(r"(?<![\d,])\d{1,3}(?: \d{3})+(?![\d,])|\d+,\d+|\d+", text)
    return [float(n.replace(" ", "").replace(",", ".")) for n in found]


def column(table: pd.DataFrame, startswith: str) -> pd.Series:
    names = [c for c in table.columns if str(c).startswith(startswith)]
    assert names, f"no column starting {startswith!r} in {list(table.columns)}"
    return table[names[0]]


def english_by_show(takeaway: str) -> bool:
    """Mirror of helpers.notebook.show's language guess: English takeaways must not be read as Norwegian."""
    return not (re.search(r"[æøå]|\b(og|av|er|i)\b", takeaway) and not takeaway.startswith(("The", "People", "In")))


# -- the report lines the figures rely on ---------------------------------------------------------------------
@pytest.mark.parametrize("line,printed", [
    (188, "ca. 75 posent"), (190, "65 prosent"), (194, "ca. 50 prosent"), (195, "35 prosent"),
    (2887, "var 41"), (2888, "63 prosent"), (2892, "25 prosent"), (2892, "33 prosent"),
    (212, "ca. 40 prosent"), (219, "ca. 27 prosent"), (223, "17 prosent"), (229, "22 prosent"),
    (3253, "ca. 50 prosent"), (3256, "25 prosent"), (2583, "(40 prosent)"), (2589, "38 prosent"), (2592, "20 prosent"),
    (2489, "200 000"), (2499, "40 000"), (3132, "80 og 20 prosent"), (518, "55 pst"), (519, "41 pst"),
    (2879, "70 prosent"), (2880, "49 prosent"), (2882, "40 prosent"), (2882, "30 prosent"),
])
def test_the_prose_figures_used_are_printed_where_the_data_say(line, printed):
    assert printed in report(line)


def test_every_prose_figure_used_is_printed_on_its_line():
    ids = {fid for _, _, a, b in topic.NO_JOB for fid in (a, b)}
    ids |= {v for c in topic.CLUSTERS.values() for v in c[:2] if v}
    ids |= {fid for fid, _, _ in topic.FOLLOW_UP} | {a for *_, a, _ in topic.OUTCOMES} | {b for *_, b in topic.OUTCOMES}
    ids |= {fid for m in topic.METHODS for fid, _ in m["figures"]}
    ids |= {"waiting_spells", "waiting_spells_without_followup", "steering_split_nae_pct", "minister_followup_funding_2018_nok_m",
            "minister_reallocation_cap_nok_m", "minister_nae_without_plan_nov_2017", "waiting_mean_min_months_document",
            "waiting_mean_max_months_document", "nae_without_plan_document"}
    for fid in sorted(ids):
        row = topic.finding(fid)
        assert str(row["printed"]) in report(int(row["line"])), fid


# -- figures -------------------------------------------------------------------------------------------
def test_no_job_after_matches_the_document_and_chapter_7():
    figure = topic.no_job_after()
    table = figure.table.set_index([column(figure.table, "Group"), column(figure.table, "When")])
    without = column(figure.table, "Without a job").tolist()
    in_work = column(figure.table, "In work").tolist()
    assert sorted(without) == sorted([75, 65, 50, 35])  # lines 188-195
    assert sorted(in_work) == sorted([41, 63, 25, 33])  # lines 2887-2892
    assert len(table) == 4
    assert "75 %" in figure.takeaway and "50 %" in figure.takeaway and "59 %" in figure.takeaway  # 100 - 41 (line 2887)
    spec = figure.spec()
    rows = next(iter(spec["datasets"].values()))
    assert {r["without_job_pct"] for r in rows} == {75, 65, 50, 35}
    assert {r["implied_without_pct"] for r in rows} == {59, 37, 75, 67}


def test_clusters_match_tabell_9_and_the_prose():
    sizes = {c: numbers_on(line)[0] for c, line in (("A", 3029), ("B", 3031), ("C", 3033), ("D", 3035))}
    nae = {c: numbers_on(line)[2] for c, line in (("A", 3029), ("B", 3031), ("C", 3033), ("D", 3035))}
    assert sizes == {"A": 7126, "B": 22620, "C": 31871, "D": 1647}
    figure = topic.clusters()
    table = figure.table.set_index(column(figure.table, "Cluster"))
    assert column(table, "Persons").to_dict() == sizes
    assert column(table, "With reduced work capacity").to_dict() == nae
    assert column(table, "Probability").to_dict() == {"A": 40, "B": 27, "C": 17, "D": 22}  # lines 212, 219, 223, 229
    assert "C (50 %" in figure.takeaway and "97 %" in figure.takeaway and "17 %" in figure.takeaway
    assert "50 %" in figure.takeaway.split("chapter 9 says")[1]  # line 3253


def test_activity_plans_match_tabell_1_and_2():
    # "2011 44,1 19 763" (line 1802); "2016* 44,1 89 920" (1812); "2011 77,8 21 309" (1820); "2015 65,1 27 601" (1828)
    assert numbers_on(1802)[-2:] == [44.1, 19763]
    assert numbers_on(1812)[-2:] == [44.1, 89920]
    assert numbers_on(1820)[-2:] == [77.8, 21309]
    assert numbers_on(1828)[-2:] == [65.1, 27601]
    figure = topic.activity_plans()
    t = figure.table
    js = t[column(t, "Group") == "Jobseekers"].set_index(column(t, "Year")[column(t, "Group") == "Jobseekers"])
    assert column(js, "Without a plan")["2011"] == 77.8 and column(js, "Without a plan")["2015"] == 65.1
    assert column(js, "People counted")["2016*"] == numbers_on(1830)[-1] == 58056
    assert "77.8 %" in figure.takeaway and "65.1 %" in figure.takeaway and "89,920" in figure.takeaway
    assert "44.1-45.7 %" in figure.takeaway  # lines 1802-1810: 44,1 45,1 44,1 45,3 45,7
    rows = [r for ds in figure.spec()["datasets"].values() for r in ds if "inflated" in r]
    assert {r["year_label"] for r in rows if r["inflated"]} == {"2016*"}


def _printed_waiting(first: int) -> dict[str, tuple[float, float, float]]:
    out = {}
    for line in range(first, first + 17, 2):
        text = report(line)
        name = re.match(r"\D+", text).group(0).strip()
        out[name] = tuple(numbers_on(line)[-3:])
    return out


def test_waiting_matches_tabell_6_and_7_and_the_mean_is_above_the_median():
    printed6, printed7 = _printed_waiting(2315), _printed_waiting(2366)
    assert printed7["Avklaring i skjermet virksomhet"] == (10.7, 6, 78)
    data = topic.waiting_data()
    for n, printed in ((6, printed6), (7, printed7)):
        part = data[data["table"] == n].set_index("scheme")
        for name, (mean, median, longest) in printed.items():
            assert (part.loc[name, "mean"], part.loc[name, "median"], part.loc[name, "max"]) == (mean, median, longest)
        assert all(mean > median for mean, median, _ in printed.values())
    figure = topic.waiting()
    assert "every programme" in figure.takeaway and "4.7 months" in figure.takeaway and "78 months" in figure.takeaway
    assert "waiting_table" in {p["name"] for p in figure.spec()["params"]}
    longest = topic.waiting(None, 6, "longest")
    assert set(column(longest.table, "Longest")) == {v[2] for v in printed6.values()}


def test_follow_up_and_steering_match_the_report():
    figure = topic.follow_up()
    shares = column(figure.table, "Without follow-up").tolist()
    assert shares == [40, 38, 20, 20]  # lines 2583, 2589, 2592; 40 000 / 200 000 (2489, 2499)
    assert "40 %" in figure.takeaway and "200,000" in figure.takeaway
    steer = topic.steering()
    as_totals, nae_totals = numbers_on(1998)[-6:], numbers_on(2022)[-6:]
    expected = [round(100 * n / (n + a), 1) for a, n in zip(as_totals, nae_totals)]
    assert column(steer.table, "Reduced work capacity (%").tolist() == expected
    assert f"{min(expected)}-{max(expected)} %" in steer.takeaway and "80 %" in steer.takeaway


def test_six_month_status_sets_nav_next_to_the_audit():
    figure = topic.six_month_status()
    values = dict(zip(zip(column(figure.table, "Measure"), column(figure.table, "Group")), figure.table["%"]))
    assert values[("NAV's statistic: in work 6 months after exit (2014)", "Jobseekers")] == 55  # line 518
    assert values[("NAV's statistic: in work 6 months after exit (2014)", "Reduced work capacity")] == 41  # line 519
    assert values[("Audit: in a job 1 year after exit, all 2014 leavers", "Jobseekers")] == 70  # line 2879
    assert values[("Audit: in a job 1 year after exit, no job at start", "Reduced work capacity")] == 25  # line 2892
    assert "70 %" in figure.takeaway and "over 40 %" in figure.takeaway and "41 %" in figure.takeaway


def test_cost_and_use_is_tabell_4_divided_out():
    # "Arbeidspraksis i skjermet virksomhet 7 055 1 294 600" (2105); "Arbeidstrening/... 15 599 102 179" (2103)
    # The spaces are both thousands separators and column gaps, so the values are read by hand from the lines.
    assert "7 055 1 294 600" in report(2105) and "15 599 102 179" in report(2103)
    aps, apo = [7055, 1294600], [15599, 102179]
    figure = topic.cost_and_use()
    costs = column(figure.table, "Cost per place-year").tolist()
    assert round(aps[1] * 1000 / aps[0]) in costs and round(apo[1] * 1000 / apo[0]) in costs
    assert "183,501" in figure.takeaway and "6,550" in figure.takeaway and "15,599" in figure.takeaway
    assert "28 times" in figure.takeaway  # 183 501 / 6 550


def test_categories_is_tabell_3():
    figure = topic.categories(None, "reduced work capacity", 2016)
    # "Arbeidspraksis 14 294 ... 15 647" (line 2010), "Totalt 58 140 ... 57 590" (line 2022)
    assert numbers_on(2010)[-1] == 15647 and numbers_on(2022)[-1] == 57590
    table = figure.table.set_index(column(figure.table, "Category"))
    assert table.loc["Work practice", "2016"] == 15647 and table.loc["Work practice", "2011"] == numbers_on(2010)[0]
    assert "15,647 of 57,590" in figure.takeaway
    nb = topic.categories(None, "jobseekers", 2011, "nb")
    assert "5\u00a0964" in nb.takeaway and "5 964" in report(1994)  # Norwegian number format in the Norwegian takeaway


def test_every_english_takeaway_is_shown_as_english():
    for figure in (topic.no_job_after(), topic.clusters(), topic.activity_plans(), topic.waiting(), topic.follow_up(),
                   topic.steering(), topic.six_month_status(), topic.cost_and_use(), topic.categories()):
        assert english_by_show(figure.takeaway), figure.takeaway
        assert figure.spec()["title"]["subtitle"], figure.title


# -- tables of text -------------------------------------------------------------------------------------
def test_recommendations_cite_the_lines_they_paraphrase():
    table = topic.recommendations()
    assert len(table) == 5
    def span(lines: str) -> str:
        first, last = (int(n) for n in lines.split("-"))
        return " ".join(report(n) for n in range(first, last + 1))

    for r in table.itertuples(index=False):
        assert r.recommendation_quote in span(r.recommendation_lines), r.topic
        assert r.response_quote in span(r.response_lines), r.topic
    # the four recommendations are the four bullets under "Riksrevisjonen anbefaler" (lines 361-376)
    assert "anbefaler" in report(361)
    assert "132" in report(672) and "132 million" in table.loc[0, "response"]
    assert "200 mill" in report(674) and "200 million" in table.loc[0, "response"]
    assert "31 prosent" in report(627) and "31 %" in table.loc[1, "response"]
    assert topic.recommendations_markdown().count("\n") == 6


def test_methods_table_sizes_are_printed_in_chapter_2():
    text = topic.methods_markdown()
    assert "506,644 persons" in text and "506 644" in report(2118)
    assert "60 case files" in text and "60 enkeltsaker" in report(1048)
    assert "454 offices" in text and "454 kontor" in report(1084)
    assert "1,257 usable answers" in text and "1257" in report(1088)


def test_inconsistencies_used_are_recorded_with_their_lines():
    table = topic.inconsistencies_used()
    assert {"cluster_a_probability", "as_no_job_at_entry_1y", "tabell_03_nae_total_2016"} <= set(table["id"])
    assert "ca. 40 prosent ett år" in report(212) and "ca. 50 prosent ett år" in report(3253)
    assert topic.inconsistencies_markdown().count("\n") == len(table) + 1


def test_key_findings():
    sentences = topic.key_findings(None)
    text = " ".join(sentences)
    assert len(sentences) == 5
    assert "506,644 people" in text and "60 case files" in text and "454 NAV offices" in text  # lines 2118, 1048, 1084
    assert "about 75 %" in text and "about 50 %" in text and "59 %" in text  # 188, 194, 100 - 41 (2887)
    assert "77.8 % (2011)" in text and "65.1 % (2015)" in text  # 1820, 1828
    assert f"{min(v[0] for v in _printed_waiting(2366).values())} to 11.2 months" in text  # Tabell 7 means
    assert "6-11 months" in text and "seks og elleve" in report(288)
    assert "NOK 183,501" in text and "NOK 6,550" in text


# -- explorers ---------------------------------------------------------------------------------------------
def test_explorers_are_registered_with_a_language_control():
    from helpers.widgets import EXPLORERS, LANGUAGES

    for name in ("audit_waiting", "audit_categories"):
        assert EXPLORERS[name].options["lang"] == LANGUAGES
    default = EXPLORERS["audit_categories"].draw(None, **{k: v[0][1] for k, v in EXPLORERS["audit_categories"].options.items()})
    assert default.takeaway == topic.categories().takeaway


def test_waiting_rejects_unknown_options():
    with pytest.raises(ValueError):
        topic.waiting(None, 5)
    with pytest.raises(ValueError):
        topic.categories(None, "jobseekers", 2010)


# -- exercises ---------------------------------------------------------------------------------------------
SOLUTIONS = {
    "06.1": (round(1294600 * 1000 / 7055), 1294600 * 1000 / 7055 / 12),  # line 2105; a month is wrong
    "06.2": ("b", "a"),
    "06.3": ("Avklaring i skjermet virksomhet", "Avklaring"),  # 10,7 - 6 (line 2368) beats 11,2 - 7 (2366)
    "06.4": (round(77.8 - 65.1, 1), round(77.8 - 57.0, 1)),  # lines 1820, 1828; 2016 (1830) is wrong
}


@pytest.mark.parametrize("exercise_id", sorted(SOLUTIONS))
def test_exercises(exercise_id):
    right, wrong = SOLUTIONS[exercise_id]
    assert check(exercise_id, right).correct
    assert not check(exercise_id, wrong).correct
    assert not check(exercise_id, None).correct
    assert "Not yet" in str(check(exercise_id, None))


def test_exercise_answers_in_other_forms():
    assert check("06.1", "183 501").correct
    assert check("06.3", "assessment in a sheltered business").correct
    assert check("06.4", -12.7).correct
    assert not check("06.2", "d").correct
    assert "month" in check("06.1", 15292).message
    assert "2016" in check("06.4", 20.8).message
