"""07 Across the years: the crosswalk, the common-footing views, the figures, findings and exercises,
checked against the raw table text (data/raw/*.txt) and the audit report.

Expected values are read by hand from the printed lines named in each test.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers import vocabulary as vocab
from helpers.exercises import check
from helpers.topics import years as topic

from .conftest import AGE, GENDER, ONE_MONTH, raw_lines

NOV16, Y2019, Y2021 = raw_lines(ONE_MONTH), raw_lines(AGE), raw_lines(GENDER)
REPORT = raw_lines("riksrevisjonen_dokument_3-5_2017-2018.txt")
MONTHS_2019 = [f"2019-{m:02d}" for m in range(1, 13)]
MONTHS_2021 = [f"2021-{m:02d}" for m in range(1, 6)]


def cells(lines: list[str], line: int) -> list[str]:
    """The tab-separated cells of a raw line (1-based), tags removed, the label first."""
    return [re.sub(r"</?b>", "", c).strip() for c in lines[line - 1].split("\t")]


def count(cell: str) -> int:
    return int(cell.replace(" ", ""))


def column(table: pd.DataFrame, startswith: str) -> pd.Series:
    names = [c for c in table.columns if str(c).startswith(startswith)]
    assert names, f"no column starting {startswith!r} in {list(table.columns)}"
    return table[names[0]]


# -- the crosswalk ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def crosswalk():
    return topic.load_crosswalk()


@pytest.fixture(scope="module")
def rows(participants):
    p = participants
    return p[(p["measure"] == "participants") & (p["gender"] == "I alt") & (p["age_group"] == "I alt") & (p["programme"] != "I alt")]


def test_every_programme_label_in_the_data_is_in_the_crosswalk_and_back(crosswalk, participants):
    in_data = set(participants.loc[participants["programme"] != "I alt", "programme"])
    assert set(crosswalk["programme"]) == in_data
    assert crosswalk["programme"].is_unique


def test_crosswalk_columns_and_values(crosswalk):
    for name in ("programme", "programme_group", "first_seen", "last_seen", "successor", "relation", "note", "source", "certainty"):
        assert name in crosswalk.columns
    assert set(crosswalk["relation"]) <= set(topic.RELATIONS)
    assert set(crosswalk["certainty"]) <= {"v", "i", "?"}
    assert (crosswalk["source"].str.len() > 0).all()
    for r in crosswalk.itertuples(index=False):
        assert r.programme_group == vocab.PROGRAMMES[r.programme][0]
        assert r.programme_en == vocab.english(r.programme)


def test_crosswalk_links_point_to_labels_in_the_crosswalk(crosswalk):
    labels = set(crosswalk["programme"])
    cw = crosswalk.set_index("programme")
    for r in crosswalk.itertuples(index=False):
        for link in filter(None, (r.successor + ";" + r.predecessor).split(";")):
            assert link in labels, (r.programme, link)
        if r.relation in ("merged into", "replaced by"):
            assert r.successor, r.programme
        if r.relation == "renamed":  # renames come in pairs pointing at each other
            other = r.successor or r.predecessor
            assert other and (cw.loc[other, "predecessor"] == r.programme or cw.loc[other, "successor"] == r.programme)
        if r.relation in ("same", "ended"):
            assert not r.successor, r.programme


def test_crosswalk_months_and_tables_follow_the_data(crosswalk, rows):
    for r in crosswalk.itertuples(index=False):
        part = rows[rows["programme"] == r.programme]
        assert r.tables == ";".join(sorted(part["period"].dt.year.astype(str).unique())), r.programme
        counted = part[part["value"].fillna(0) >= 4]
        assert r.first_seen == (str(counted["period"].min()) if len(counted) else ""), r.programme
        assert r.last_seen == (str(counted["period"].max()) if len(counted) else ""), r.programme


@pytest.mark.parametrize("programme,lines,line,printed,first_seen", [
    # AFT: 70 in November 2016 (001 line 178)
    ("Arbeidsforberedende trening", NOV16, 178, ["Arbeidsforberedende trening", "70", "", "", "70"], "2016-11"),
    # AMO Kurs, reduced work capacity, 2019: stars until July, 8 in August (003 line 683)
    ("AMO Kurs", Y2019, 683, ["AMO Kurs", "*", "*", "*", "*", "*", "*", "*", "8", "6", "34", "61", "80"], "2019-08"),
    # Digital oppfølging/jobbklubb, all groups, 2021: '*' in January, 602 in February (002 line 133, Cyrillic letters as printed)
    ("Digital oppfølging/jobbklubb", Y2021, 133, ["Digital oppfølging/jobbkлубb", "*", "602", "1 017", "991", "881"], "2021-02"),
    # Tilskudd til ekspertbistand, other participants, 2019: 16 in November (003 line 889)
    ("Tilskudd til ekspertbistand", Y2019, 889, ["Tilskudd til ekspertbistand"] + ["*"] * 10 + ["16", "18"], "2019-11"),
])
def test_crosswalk_first_seen_against_raw_lines(crosswalk, programme, lines, line, printed, first_seen):
    assert cells(lines, line) == printed
    assert crosswalk.set_index("programme").loc[programme, "first_seen"] == first_seen


@pytest.mark.parametrize("programme,line,words", [
    ("Arbeidspraksis i skjermet virksomhet", 3564, "kvalifisering i arbeidsmarkedsbedrift"),
    ("Kvalifisering i arbeidsmarkedsbedrift", 3564, "kvalifisering i arbeidsmarkedsbedrift"),
    ("Tidsbegrenset lønnstilskudd", 1148, "Tidsbegrenset lønnstilskudd ble erstattet av midlertidig lønnstilskudd"),
    ("Arbeidspraksis i ordinær virksomhet", 1149, "Arbeidspraksis i ordinær virksomhet ble erstattet av arbeidstrening"),
    ("Arbeid med bistand (AB)", 2107, "Arbeid med bistand ble slått sammen med oppfølging"),
    ("Avklaring i skjermet virksomhet", 966, "Overlappende avklarings- og oppfølgingstiltak ble slått sammen"),
])
def test_crosswalk_sources_cite_report_lines_that_say_so(crosswalk, programme, line, words):
    source = crosswalk.set_index("programme").loc[programme, "source"]
    cited = {int(n) for span in re.findall(r"lines? ([\d, -]+)", source) for n in re.findall(r"\d+", span)}
    spans = [tuple(int(n) for n in m) for m in re.findall(r"(\d+)-(\d+)", source)]
    assert line in cited or any(a <= line <= b for a, b in spans)
    assert words in REPORT[line - 1]


def test_every_cited_report_line_exists(crosswalk):
    cited = 0
    for source in crosswalk["source"]:
        for span in re.findall(r"Dokument 3:5 \(2017-2018\), lines? ([\d, -]+)", source):
            for n in re.findall(r"\d+", span):
                assert 1 <= int(n) <= 3712 and REPORT[int(n) - 1].strip(), (source, n)
                cited += 1
    assert cited > 20


def test_crosswalk_markdown_lists_every_changed_row(crosswalk):
    text = topic.crosswalk_markdown()
    assert text.count("\n") - 1 == (crosswalk["relation"] != "same").sum()
    counts = topic.relation_counts()
    assert counts.sum() == len(crosswalk) and list(counts.index) == list(topic.RELATIONS)


# -- counts on a common footing ------------------------------------------------------------------------------
def test_group_totals_use_printed_lines_and_add_up_2019(participants):
    nov16 = topic.group_totals(participants, "2016-11").set_index(["status_group", "programme_group"])
    assert cells(NOV16, 45)[:2] == ["Opplæring", "18 943"]
    assert nov16.loc[("I alt", "Opplæring"), "low"] == 18943 and nov16.loc[("I alt", "Opplæring"), "printed"]
    jan19 = topic.group_totals(participants, "2019-01").set_index(["status_group", "programme_group"])
    # I alt opplæring for reduced work capacity (003 line 705), jobseekers (808), other participants (861)
    parts = [count(cells(Y2019, line)[1]) for line in (705, 808, 861)]
    assert parts == [10696, 3592, 114]
    assert jan19.loc[("I alt", "Opplæring"), "low"] == jan19.loc[("I alt", "Opplæring"), "high"] == sum(parts)
    assert not jan19.loc[("I alt", "Opplæring"), "printed"]
    nov19 = topic.group_totals(participants, "2019-11").set_index(["status_group", "programme_group"])
    # Jobbskaping, November 2019: 34 (line 707) + 103 (810) + '*' (863) = 137-140
    assert [cells(Y2019, line)[11] for line in (707, 810, 863)] == ["34", "103", "*"]
    assert (nov19.loc[("I alt", "Jobbskaping og egenetablering"), "low"], nov19.loc[("I alt", "Jobbskaping og egenetablering"), "high"]) == (137, 140)
    assert "Helsemessig utredning/behandling" not in set(nov19.index.get_level_values(1))


def test_comparability_flags(participants):
    flags = topic.comparability(participants, "2016-11", "2019-11").set_index("programme_group")
    assert flags.loc["Helsemessig utredning/behandling", "comparability"] == "no group row"
    assert flags.loc["Jobbskaping og egenetablering", "comparability"] == "comparable"
    assert flags.loc["Lønnstilskudd", "comparability"] == "comparable"  # Tidsubestemt -> Varig within the group
    assert "Kvalifisering i arbeidsmarkedsbedrift" in flags.loc["Opplæring", "rows"]
    assert "459" in flags.loc["Opplæring", "rows"] and cells(NOV16, 157)[:2] == ["Kvalifisering i arbeidsmarkedsbedrift", "459"]
    jan = topic.comparability(participants, "2019-01", "2021-01").set_index("programme_group")
    assert jan.loc["Avklaringstiltak", "comparability"] == "comparable"


def test_timeline_derives_november_2015_from_the_change_column(participants):
    data = topic.timeline_data(participants)
    nov15 = data[data["derived"]].set_index("status_group")["value"]
    # "Arbeidssøkere på tiltak 20 331 3 687 22" (001 line 29): 20 331 - 3 687 = 16 644
    assert cells(NOV16, 29)[:3] == ["Arbeidssøkere på tiltak", "20 331", "3 687"]
    assert nov15["Arbeidssøkere på tiltak"] == 20331 - 3687
    assert cells(NOV16, 30)[:3] == ["Nedsatt arbeidsevne, på tiltak", "60 202", "-90"]
    assert nov15["Nedsatt arbeidsevne, på tiltak"] == 60202 + 90
    figure = topic.timeline(participants)
    assert "83,484 in November 2016" in figure.takeaway and "71,429 in November 2019" in figure.takeaway
    assert cells(NOV16, 28)[1] == "83 484" and cells(Y2019, 28)[11] == "71 429"
    assert cells(Y2019, 28)[1] == "70 430" and cells(Y2021, 26)[1] == "72 086"
    assert "70,430 in January 2019" in figure.takeaway and "72,086 in January 2021" in figure.takeaway


def test_group_change_figure(participants):
    figure = topic.group_change(participants)
    assert "years_status" in {p["name"] for p in figure.spec()["params"]}
    table = figure.table
    total = table[column(table, "Status group") == "Total"].set_index(column(table, "Programme group")[column(table, "Status group") == "Total"])
    assert total.loc["Training", "November 2016"] == "18,943"  # 001 line 45
    assert total.loc["Health assessment/treatment", "November 2019"] == "no row"
    assert total.loc["Job creation and self-employment", "November 2019"] == "137–140"
    assert "2 of 10" in figure.takeaway
    js = topic.group_change(participants, "2019-01/2021-01", "Arbeidssøkere på tiltak")
    row = js.table.set_index(column(js.table, "Programme group")).loc["Training"]
    assert row["January 2019"] == "3,592" and cells(Y2019, 808)[1] == "3 592"
    assert row["January 2021"] == "3,510" and cells(Y2021, 247)[1] == "3 510"
    with pytest.raises(ValueError):
        topic.group_change(participants, "2016-11/2021-01")


def test_programme_rows_for_work_practice(participants):
    figure = topic.programme_rows(participants)
    table = figure.table.set_index(column(figure.table, "Programme"))
    # 001: AFT 70 (line 178), APS 7 203 (180), work training 15 947 (181)
    assert [cells(NOV16, n)[:2] for n in (178, 180, 181)] == [
        ["Arbeidsforberedende trening", "70"], ["Arbeidspraksis i skjermet virksomhet", "7 203"], ["Arbeidstrening", "15 947"]]
    assert table.loc["Work practice in a sheltered business", "November 2016"] == "7,203"
    assert table.loc["Work practice in a sheltered business", "May 2021"] == "—"
    assert table.loc["Employment preparation training (AFT)", "November 2016"] == "70"
    assert "7,203 → *" in figure.takeaway and "70 → 7,639" in figure.takeaway
    # AFT, November 2019, section "Tiltak og hovedgrupper" of 003: reduced work capacity 7 595 (line 676),
    # jobseekers 30 (line 781), other participants 14 (line 835)
    aft = [cells(Y2019, n) for n in (676, 781, 835)]
    assert all(c[0] == "Arbeidsforberedende trening" for c in aft)
    assert [c[11] for c in aft] == ["7 595", "30", "14"]
    assert table.loc["Employment preparation training (AFT)", "November 2019"] == f"{7595 + 30 + 14:,}"


def test_training_break(participants):
    data = topic.training_data(participants)
    group = data.drop_duplicates("month").set_index("month")
    # 003 lines 705, 808, 861: January 10 696 + 3 592 + 114, December 10 006 + 3 491 + 118
    assert group.loc["2019-01", "group_low"] == 10696 + 3592 + 114
    assert group.loc["2019-12", "group_low"] == 10006 + 3491 + 118
    assert [cells(Y2019, n)[12] for n in (705, 808, 861)] == ["10 006", "3 491", "118"]
    # 002 line 68: Opplæring, all groups, January 2021: 13 429
    assert group.loc["2021-01", "group_low"] == count(cells(Y2021, 68)[1]) == 13429
    figure = topic.training_break(participants)
    assert "from 14,402 to 13,615" in figure.takeaway
    gens = topic.training_generations()
    assert set(gens["new"]) == {"AMO Kurs", "AMO Enkeltplass", "Høyere utdanning", "Vgs/yrkesfaglig utdanning",
                                "Vgs/yrkesfaglig utdanning enkeltplass"}
    assert set(gens["replaced"]) == {"Arbeidsmarkedsopplæring (AMO)", "Arbeidsmarkedsopplæring (AMO) enkeltplass", "Utdanning"}
    parts = data[data["month"] == "2019-07"].set_index("generation")
    assert parts["low"].sum() <= group.loc["2019-07", "group_low"] <= parts["high"].sum()


# -- the audit's averages next to November 2016 ---------------------------------------------------------------
def test_audit_vs_november(participants):
    data = topic.audit_vs_november_data(participants)
    totals = data[data["programme_group"] == "I alt"].set_index("status_group")
    # Tabell 3 "Totalt" rows (report lines 1998 and 2022) end in the 2016 value
    assert REPORT[1997].split()[-2:] == ["17", "335"] and REPORT[2021].split()[-2:] == ["57", "590"]
    assert totals.loc["Arbeidssøkere på tiltak", "audit_2016_mean"] == 17335
    assert totals.loc["Nedsatt arbeidsevne, på tiltak", "audit_2016_mean"] == 57590
    assert totals.loc["Arbeidssøkere på tiltak", "nav_nov_2016"] == count(cells(NOV16, 29)[1]) == 20331
    assert totals.loc["Nedsatt arbeidsevne, på tiltak", "nav_nov_2016"] == count(cells(NOV16, 30)[1]) == 60202
    training = data[(data["status_group"] == "Arbeidssøkere på tiltak") & (data["programme_group"] == "Opplæring")].iloc[0]
    assert training["nav_nov_2016"] == count(cells(NOV16, 68)[1]) == 5143  # 001 line 68
    assert training["audit_2016_mean"] == 4197 and REPORT[1989].split()[-1] == "197"  # "Opplæringstiltak ... 4 197"
    figure = topic.audit_vs_november(participants)
    assert "17,335 against 20,331" in figure.takeaway and "57,590 against 60,202" in figure.takeaway
    assert "years_audit_status" in {p["name"] for p in figure.spec()["params"]}


def test_average_vs_month_and_the_yardstick(participants):
    figure = topic.average_vs_month(participants)
    assert "(17,335) lies between NAV's November 2015 (16,644) and November 2016 (20,331)" in figure.takeaway
    yard = topic.seasonal_yardstick(participants).set_index("status_group")
    js = [count(c) for c in cells(Y2019, 48)[1:]]  # 003 line 48: jobseekers, every month of 2019
    assert len(js) == 12 and js[10] == 14868
    assert yard.loc["Arbeidssøkere på tiltak", "november_2019"] == 14868
    assert yard.loc["Arbeidssøkere på tiltak", "mean_2019"] == round(sum(js) / 12)
    assert yard.loc["Arbeidssøkere på tiltak", "november_above_mean_pct"] == round(100 * (14868 - sum(js) / 12) / (sum(js) / 12), 1)


def test_coverage(participants):
    table = topic.coverage(participants).set_index("file")
    assert table.loc[ONE_MONTH, "n_months"] == 1 and table.loc[AGE, "n_months"] == 12 and table.loc[GENDER, "n_months"] == 5
    assert "age group" in table.loc[AGE, "breakdowns"] and "gender" in table.loc[GENDER, "breakdowns"]
    assert table.loc[ONE_MONTH, "change_last_year"] and not table.loc[AGE, "change_last_year"]


def test_key_findings(participants):
    text = " ".join(topic.key_findings(participants))
    assert "83,484 participants in November 2016 against 71,429 in November 2019" in text
    assert cells(Y2019, 28)[5] == "72 597" and cells(Y2021, 26)[5] == "77 811"
    assert "72,597 in May 2019 against 77,811 in May 2021" in text
    # 001 line 50: Helsemessig utredning/behandling 712; line 106: of them other participants 670
    assert cells(NOV16, 50)[1] == "712" and cells(NOV16, 106)[1] == "670"
    assert "712 participants" in text and "670 of them" in text
    assert "from 14,402 to 13,615" in text
    assert "17,335 jobseekers" in text and "20,331 and 60,202" in text
    assert f"Of the {len(topic.load_crosswalk())} programme labels" in text


def test_every_english_takeaway_is_shown_as_english(participants):
    for figure in (topic.timeline(participants), topic.group_change(participants), topic.programme_rows(participants),
                   topic.training_break(participants), topic.average_vs_month(participants), topic.audit_vs_november(participants)):
        t = figure.takeaway
        assert not (re.search(r"[æøå]|\b(og|av|er|i)\b", t) and not t.startswith(("The", "People", "In"))), t


def test_explorers(participants):
    from helpers.widgets import EXPLORERS, LANGUAGES

    for name in ("years_groups", "years_rows", "years_audit"):
        assert EXPLORERS[name].options["lang"] == LANGUAGES
    pairs = [v for _, v in EXPLORERS["years_groups"].options["pair"]]
    assert pairs[0] == "2016-11/2019-11" and len(pairs) == 6
    assert {v for _, v in EXPLORERS["years_rows"].options["programme_group"]} == set(vocab.PROGRAMME_GROUPS)


# -- exercises -------------------------------------------------------------------------------------------
SOLUTIONS = {
    "07.1": ("b", "c"),
    # Opplæring: 13 429 in January 2021 (002 line 68) minus 10 696 + 3 592 + 114 in January 2019 (003 lines 705, 808, 861)
    "07.2": (13429 - (10696 + 3592 + 114), 13429 - 10696),
    "07.3": ("b", "a"),
    # 20 331 (001 line 29) minus 17 335 (Tabell 3, report line 1998)
    "07.4": (20331 - 17335, 17335 - 20331),
}


@pytest.mark.parametrize("exercise_id", sorted(SOLUTIONS))
def test_exercises(exercise_id):
    right, wrong = SOLUTIONS[exercise_id]
    assert check(exercise_id, right).correct
    assert not check(exercise_id, wrong).correct
    assert not check(exercise_id, None).correct


def test_exercise_messages():
    assert "sign" in check("07.2", 973).message
    assert "positive" in check("07.4", -2996).message
    assert check("07.4", "2 996").correct
    assert not check("07.1", "z").correct
