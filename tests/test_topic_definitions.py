"""Tests for helpers.topics.definitions (notebook 01), checked against the raw text of NAV's tables
and NAV's definitions page rather than against the code's own output.

"000 line N" is data/raw/nav_avgang_definisjoner.txt; the table files are named in tests/conftest.py.
"""

from __future__ import annotations

import itertools
import re

import pandas as pd
import pytest

from helpers import definitions as d
from helpers.exercises import check
from helpers.topics import definitions as topic
from helpers.widgets import load_all

from .conftest import AGE, GENDER, ONE_MONTH, raw_lines

NAE, AS, OTHER = "Nedsatt arbeidsevne, på tiltak", "Arbeidssøkere på tiltak", "Andre på tiltak"


def cells(line: str) -> list[int]:
    """The numbers of a printed line (tags and thousands spaces removed)."""
    return [int(c.replace(" ", "")) for c in re.sub(r"</?b>", "", line).split("\t")[1:]]


def printed(name: str, number: int, starts: str) -> str:
    """A raw line picked by hand, after checking that it is the line we think it is."""
    line = raw_lines(name)[number - 1]
    assert re.sub(r"</?b>", "", line).startswith(starts), line
    return line


# -- the status groups in the three tables ------------------------------------------------------------------
def status_lines() -> dict[str, dict[str, list[int]]]:
    """Status-group counts per month, read by hand from the raw files."""
    one = {s: cells(printed(ONE_MONTH, n, s))[:1] for n, s in ((28, "I alt"), (29, AS), (30, NAE), (31, OTHER))}
    age = {s: cells(printed(AGE, n, f"I alt{suffix}")) for n, s, suffix in
           ((28, "I alt", ""), (48, AS, " arbeidssøkere"), (68, NAE, " nedsatt"), (88, OTHER, " andre"))}
    gender = {s: cells(printed(GENDER, n, s)) for n, s in ((26, "I alt"), (27, AS), (28, NAE), (29, OTHER))}
    return {"2016": one, "2019": age, "2021": gender}


def test_status_group_sizes_draws_the_printed_counts(participants):
    figure = topic.status_group_sizes(participants)
    table = figure.table.set_index(["Table", "Month"])
    raw = status_lines()
    assert table.loc[("November 2016 (one month)", "November 2016"), "Jobseekers on programmes"] == raw["2016"][AS][0] == 20331
    assert table.loc[("2019 (by age)", "July 2019"), "Reduced work capacity, on programmes"] == raw["2019"][NAE][6]
    assert table.loc[("January-May 2021 (by gender)", "May 2021"), "Other participants"] == raw["2021"][OTHER][4]
    assert len(table) == 1 + 12 + 5
    data = next(iter(figure.spec()["datasets"].values()))
    assert {"table", "mon", "status", "participants", "share"} <= set(data[0])


def test_status_group_takeaway_matches_shares_worked_out_from_the_raw_text(participants):
    raw = status_lines()
    shares = []
    for table in raw.values():
        for month in range(len(table["I alt"])):
            shares.append(100 * table[NAE][month] / table["I alt"][month])
    low, high = round(min(shares)), round(max(shares))
    figure = topic.status_group_sizes(participants)
    assert f"({low}-{high} % of participants)" in figure.takeaway
    assert "every one of the 18 months" in figure.takeaway
    assert "Andel" in topic.status_group_sizes(participants, view="share", lang="nb").spec()["spec"]["encoding"]["y"]["title"]


def test_key_findings_quote_the_printed_numbers(participants):
    findings = topic.key_findings(participants)
    raw = status_lines()["2016"]
    assert f"{raw[NAE][0]:,} with reduced work capacity, {raw[AS][0]:,} jobseekers and {raw[OTHER][0]:,} others" in findings[1]
    # stars: count the '*' cells of the raw files; in the one-month table two stars on line 108 are changes, not counts
    stars = sum(line.split("\t")[1:].count("\\*") + line.split("\t")[1:].count("*")
                for name in (ONE_MONTH, AGE, GENDER) for line in raw_lines(name) if "\t" in line and not line.startswith("\t"))
    assert printed(ONE_MONTH, 108, "Jobbskaping og egenetablering").split("\t")[1:] == ["", "*", "*"]
    assert f"{stars - 2:,} of the" in findings[2]
    assert "counted twice" in findings[0] and "12 of the 13 worked examples" in findings[0]


def test_programme_groups_table_against_the_group_section_of_the_one_month_table(participants):
    table = topic.programme_groups_table(participants).set_index("tiltaksgruppe")
    assert len(table) == 10
    assert table.loc["Tilrettelegging", "participants, Nov 2016"] == cells(printed(ONE_MONTH, 51, "Tilrettelegging"))[0] == 687
    assert table.loc["Arbeidspraksis", "participants, Nov 2016"] == cells(printed(ONE_MONTH, 47, "Arbeidspraksis"))[0]
    # line 126: Tilrettelagt arbeid is printed only in the reduced-work-capacity column
    total, other, jobseekers, nae = printed(ONE_MONTH, 126, "Tilrettelagt arbeid").split("\t")[1:]
    assert (other, jobseekers) == ("", "") and total == nae
    assert table.loc["Tilrettelagt arbeid", "reduced work capacity (%)"] == 100.0
    nae_followup = cells(printed(ONE_MONTH, 78, "Oppfølging"))[0]
    assert table.loc["Oppfølging", "reduced work capacity (%)"] == round(100 * nae_followup / 15353, 1)
    assert all(table["source"].str.len() > 0)


def test_six_statuses_follow_the_seed_lines():
    seed = raw_lines("nav_avgang_definisjoner.txt")
    table = topic.six_statuses_table()
    assert list(table["status"]) == ["Arbeid og ytelse", "I arbeid", "Arbeidssøker", "Nedsatt arbeidsevne", "Uføre", "Annet"]
    for status, line in zip(table["status"], table["seed"]):
        assert seed[int(line.split()[-1]) - 1].strip().lstrip("•").strip().startswith(status)


def test_suppression_table_follows_the_note_less_than_4():
    note = printed(ONE_MONTH, 15, "I henhold")
    assert "mindre enn 4" in note
    table = topic.suppression_table().set_index("persons counted")
    assert table.loc[3, "printed in the one-month table"] == "*" and table.loc[4, "printed in the one-month table"] == "4"
    assert table.loc[0, "printed in the one-month table"] == "(empty)" and table.loc[0, "printed in a time series"] == "*"


# -- the timeline and the explorer --------------------------------------------------------------------------
def test_example_timeline_marks_the_exit_month_of_the_simple_exit():
    # "simple exit": three months of AMO from January 2021, then off (000 line 5: exit in March)
    figure = topic.example_timeline(example="simple exit")
    assert figure.takeaway.startswith("Exit from Labour market training (AMO) counted in March 2021")
    assert "Six months later (September 2021): In work (I arbeid)." in figure.takeaway
    datasets = figure.spec()["datasets"].values()
    marks = [row for rows in datasets for row in rows if row.get("example") == "simple exit" and "kind" in row]
    assert {(m["kind"], m["month"]) for m in marks} == {("exit", "2021-03"), ("status", "2021-09")}
    params = figure.spec()["params"]
    assert params[0]["name"] == "example" and len(params[0]["bind"]["options"]) == len(d.EXAMPLES)
    assert list(figure.table["exit counted"]).count("yes") == 1


def test_example_timeline_in_norwegian():
    figure = topic.example_timeline(example="still on a programme", lang="nb")
    assert figure.takeaway.startswith("Ingen avgang telles")
    assert figure.table.columns[0] == "måned"


def test_the_move_is_two_exits():
    figure = topic.example_timeline(example="move to another programme")
    assert figure.takeaway.startswith("2 exits are counted for one person")
    assert "February 2021" in figure.takeaway and "June 2021" in figure.takeaway


def test_every_built_history_is_valid_and_decided():
    """Every combination of the explorer's controls (not only those tests/test_widgets.py draws) is a valid history."""
    combos = list(itertools.product(topic.PROGRAMME_ENDS, topic.AFTER, topic.STATUS_AT_EXIT, topic.CAPACITY_EARLIER, topic.LATER))
    for combo in combos:
        history = topic.build_history(*combo)
        d.validate_history(history)
        exits = d.exit_months(history)
        assert exits and not d.undetermined_months(history), combo
        expected = "I arbeid" if combo[4] == "I arbeid, sykepenger" else combo[4]
        assert d.status_after_exit(history, exits[-1]) == expected, combo
        assert len(topic.verdict(history)) < 400, combo
    assert len(combos) == 5 * 3 * 3 * 3 * 7


def test_built_histories_follow_the_rules_worked_by_hand():
    # work training Feb-May 2021 then off: exit May 2021 (000 line 5)
    assert d.exit_months(topic.build_history("2021-05", "leaves")) == ["2021-05"]
    # off in June, back in July, then off: June is a break, the exit is July
    assert d.exit_months(topic.build_history("2021-05", "break")) == ["2021-07"]
    # a move to AMO in June-July: exit from work training in May and from AMO in July
    assert d.exit_months(topic.build_history("2021-05", "moves")) == ["2021-05", "2021-07"]
    # reduced work capacity until December 2020, exit May 2021 as a jobseeker: inside the five months (000 line 7)
    five = topic.build_history("2021-05", "leaves", d.JOBSEEKER, 5)
    assert [r.status for r in five if r.month == "2020-12"] == [d.REDUCED_CAPACITY]
    assert d.exit_status_group(five, "2021-05") == NAE
    assert d.exit_status_group(topic.build_history("2021-05", "leaves", d.JOBSEEKER, 6), "2021-05") == AS
    assert d.exit_status_group(topic.build_history("2021-05", "leaves", "none"), "2021-05") == OTHER


def test_explorer_takeaway_names_exit_group_and_status():
    figure = topic.exit_explorer(programme_ends="2021-04", six_months_later="Arbeid og ytelse")
    assert figure.takeaway == ("Exit from Work training counted in April 2021, under Jobseekers on programmes. "
                               "Six months later (October 2021): Work and benefit (Arbeid og ytelse).")
    figure.chart.to_dict(validate=True)


def test_explorers_are_registered():
    explorers = load_all()
    assert {"exit_explorer", "status_group_sizes"} <= set(explorers)
    # the exit explorer's options are exactly the built histories' options
    options = explorers["exit_explorer"].options
    assert tuple(v for _, v in options["programme_ends"]) == topic.PROGRAMME_ENDS
    assert tuple(v for _, v in options["six_months_later"]) == tuple(topic.LATER)


def test_labels_that_do_not_fit_are_placed_after_their_bar_or_cut():
    runs = topic._runs(topic.build_history("2021-03", "break", "none", 6, "Uføre"), "en")
    programme = runs[runs["lane"] == "programme"].reset_index(drop=True)
    assert programme.loc[0, "inside"] and programme.loc[0, "label"].endswith("…")
    assert not programme.loc[1, "inside"] and programme.loc[1, "label"] == "Work training"


# -- exercises --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("exercise_id,right,wrong", [
    ("01.1", ["2021-05", "May 2021", "mai 2021", pd.Period("2021-05", "M")], ["2021-02", "2021-06", 5]),
    ("01.2", [NAE, "reduced work capacity", "Nedsatt arbeidsevne"], [AS, "jobseekers", 3]),
    ("01.3", ["I arbeid", "in work", "In Work"], ["Arbeid og ytelse", "Annet", 1]),
    ("01.4", ["b", " B ", "(b)"], ["a", "c", "d"]),
])
def test_exercises(exercise_id, right, wrong):
    for answer in right:
        assert check(exercise_id, answer).correct, answer
    for answer in [*wrong, None, ""]:
        assert not check(exercise_id, answer).correct, answer
    assert "Not yet" in str(check(exercise_id, None))


def test_exercise_histories_are_what_the_questions_say():
    one = topic.history_table(topic.exercise_history(1))
    assert list(one["programme"][:6]) == ["Jobbklubb", "Jobbklubb", "", "Jobbklubb", "Jobbklubb", ""]
    two = topic.exercise_history(2)
    assert two[0].status == d.REDUCED_CAPACITY and d.exit_months(two) == ["2021-06"]
    three = topic.exercise_history(3)
    assert three[-1].in_work and three[-1].sickness_benefit and not three[-1].benefit
    assert "break" in check("01.1", "2021-02").message
