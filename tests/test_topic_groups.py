"""03 Programme groups: every figure, finding and exercise checked against the printed November 2016 table.

Expected values are read from the raw text (data/raw/nav_tiltak_en_maaned_2016-11.txt) by line number,
never copied from the topic module's own output.
"""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import charts
from helpers.exercises import check
from helpers.topics import groups

from .conftest import ONE_MONTH, raw_lines

LINES = raw_lines(ONE_MONTH)


def printed(line: int) -> list[str]:
    """The cells of a printed line (1-based), tags removed: label first, then the columns as printed."""
    text = LINES[line - 1].replace("<b>", "").replace("</b>", "").replace("\\*", "*")
    return text.split("\t")


def value(cell: str) -> int | None:
    """A printed number: '8 272' -> 8272, '' -> 0 (nobody), '*' -> None (suppressed)."""
    cell = cell.strip()
    if cell == "*":
        return None
    return int(cell.replace(" ", "")) if cell else 0


def dataset(figure: charts.Figure) -> pd.DataFrame:
    spec = figure.spec()
    frames = [pd.DataFrame(rows) for rows in spec["datasets"].values()]
    return max(frames, key=len)


# -- the group table and the status mix -------------------------------------------------------------
GROUP_LINES = range(43, 53)  # "Tiltaksgrupper": count, change in persons, change in per cent


def test_group_table_is_the_printed_group_section(participants):
    table = groups.group_table(participants).set_index("programme_group")
    assert len(table) == len(GROUP_LINES) == 10
    for line in GROUP_LINES:
        label, count, change, pct = printed(line)
        row = table.loc[label]
        assert (row["participants"], row["change_from_last_year"], row["change_from_last_year_pct"]) == (value(count), value(change), value(pct))
        assert row["base"] == value(count) - value(change)
        assert row["small_base"] == (value(count) - value(change) < 1000)


def test_tilrettelegging_group_line_51():
    assert printed(51) == ["Tilrettelegging", "687", "16", "2"]


def test_group_table_of_tilrettelegging_matches_line_51(participants):
    row = groups.group_table(participants).set_index("programme_group").loc["Tilrettelegging"]
    assert (row["participants"], row["change_from_last_year"], row["change_from_last_year_pct"], row["line"]) == (687, 16, 2, 51)


def test_status_mix_matches_the_cross_table(participants):
    mix = groups.status_by_group(participants).set_index(["programme_group", "status_group"])
    header = printed(118)[1:]
    assert header == ["I alt", "Andre på tiltak", "Arbeidssøkere på tiltak", "Nedsatt arbeidsevne, på tiltak"]
    for line in range(120, 130):
        label, total, *parts = printed(line)
        for status, cell in zip(header[1:], parts + [""] * (3 - len(parts))):
            assert mix.loc[(label, status), "participants"] == value(cell), (line, status)
            assert mix.loc[(label, status), "group_total"] == value(total)


def test_group_sizes_draws_the_printed_counts(participants):
    figure = groups.group_sizes(participants)
    data = dataset(figure)
    totals = data.groupby("nav")["participants"].sum()
    for line in GROUP_LINES:
        label, count, *_ = printed(line)
        assert totals[label] == value(count)
    assert "23,919" in figure.takeaway and "83,484" in figure.takeaway  # lines 47 and 28
    assert printed(47)[1] == "23 919" and printed(28)[1] == "83 484"
    table = figure.table.set_index("NAV's label")
    assert table.loc["Arbeidspraksis", "Jobseekers on programmes"] == value(printed(124)[3])


def test_status_mix_shows_single_status_groups(participants):
    figure = groups.status_mix(participants)
    table = figure.table.set_index("NAV's label")
    # line 126: Tilrettelagt arbeid 10 640 with empty cells for Andre and jobseekers
    assert printed(126) == ["Tilrettelagt arbeid", "10 640", "", "", "10 640"]
    assert table.loc["Tilrettelagt arbeid", "Reduced work capacity, on programmes"] == 100.0
    # line 127: Helsemessig utredning/behandling 712, of which 670 "Andre på tiltak"
    _, total, others, _, _ = printed(127)
    assert table.loc["Helsemessig utredning/behandling", "Other participants"] == round(100 * value(others) / value(total), 1)
    assert "94.1 %" in figure.takeaway
    single = groups.single_status_groups(participants)
    assert set(single["programme_group"]) == {"Tilrettelagt arbeid", "Helsemessig utredning/behandling"}
    # four groups have no jobseekers: the empty jobseeker cells of lines 125-128
    no_jobseekers = [printed(line)[0] for line in range(120, 130) if value(printed(line)[3]) == 0]
    assert sorted(groups.groups_without(participants, "Arbeidssøkere på tiltak")) == sorted(no_jobseekers)
    assert len(no_jobseekers) == 4


# -- programmes inside a group ------------------------------------------------------------------------
def test_tilrettelegging_programmes_lines_210_to_213(participants):
    figure = groups.programmes_in_group(participants, "Tilrettelegging", "I alt")
    data = dataset(figure).set_index("nav")
    expected = {}
    for line in range(210, 214):
        label, total, *_ = printed(line)
        expected["Inkluderingstilskudd" if label == "Inkluderingsstilskudd" else label] = value(total)
    assert expected == {"Funksjonsassistanse": 190, "Inkluderingstilskudd": 16, "Tilrettelegging": 480,
                        "Tilretteleggingstilskudd for arbeidssøker": None}
    for programme, count in expected.items():
        if count is None:
            assert pd.isna(data.loc[programme, "participants"]) and data.loc[programme, "label"].startswith("*")
        else:
            assert data.loc[programme, "participants"] == count
    # largest first, and the star after every visible count (it hides 1-3, never 0)
    assert list(data.sort_values("rank").index) == ["Tilrettelegging", "Funksjonsassistanse", "Inkluderingstilskudd",
                                                    "Tilretteleggingstilskudd for arbeidssøker"]
    # the programme Tilrettelegging shares its Norwegian name with its group, but not its English gloss
    assert data.loc["Tilrettelegging", "programme"] == "Adaptation for employees"
    table = figure.table
    assert table["Participants (persons)"].isna().sum() == 1  # the star stays a star in the numbers table
    assert "480" in figure.takeaway and "1 cell is suppressed" in figure.takeaway


def test_programme_counts_per_status_group_match_lines_210_to_213(participants):
    programmes = groups.programme_table(participants)
    header = printed(199)[1:]
    for line in range(210, 214):
        label, *cells = printed(line)
        label = "Inkluderingstilskudd" if label == "Inkluderingsstilskudd" else label
        cells = cells + [""] * (4 - len(cells))
        for status, cell in zip(header, cells):
            row = programmes[(programmes["programme"] == label) & (programmes["status_group"] == status)].iloc[0]
            if value(cell) is None:
                assert row["suppressed"] and pd.isna(row["value"])
            else:
                assert row["value"] == value(cell) and not row["suppressed"]


def test_kernel_free_menus_for_group_and_status(participants):
    spec = groups.programmes_in_group(participants, None, None).spec()
    names = {p["name"] for layer in spec.get("layer", []) for p in layer.get("params", [])} | {p["name"] for p in spec.get("params", [])}
    assert {"programme_group", "status_group"} <= names
    data = dataset(groups.programmes_in_group(participants, None, None))
    # every programme row of lines 141-215, for the total and the three status groups
    assert len(data) == 4 * data["nav"].nunique()
    assert data["nav"].nunique() == 42


def test_a_status_group_without_the_group_says_nobody(participants):
    figure = groups.programmes_in_group(participants, "Tilrettelagt arbeid", "Arbeidssøkere på tiltak")
    assert "no one" in figure.takeaway
    assert set(dataset(figure)["participants"]) == {0}  # empty cells on lines 201-205, never stars
    assert all(value(printed(line)[3]) == 0 for line in range(201, 206))


def test_recoverable_stars(participants):
    stars = groups.recoverable_stars(participants).set_index(["status_group", "programme"])
    row = stars.loc[("I alt", "Tilretteleggingstilskudd for arbeidssøker")]
    visible = sum(value(printed(line)[1]) for line in range(210, 213))
    assert row["group_total"] == value(printed(214)[1]) == 687
    assert row["recovered"] == 687 - visible == 1
    # the online AMO course (line 158) is the only star in the training group: 18 943 minus the visible rows
    training = [154, 155, 156, 157, 170]
    assert stars.loc[("I alt", "Nettbasert arbeidsmarkedsopplæring (AMO)"), "recovered"] == \
        value(printed(171)[1]) - sum(value(printed(line)[1]) for line in training)


def test_one_status_programmes(participants):
    table = groups.one_status_programmes(participants).set_index("programme")
    assert printed(204) == ["Varig tilrettelagt arbeid i skjermet virksomhet", "8 272", "", "", "8 272"]
    assert table.loc["Varig tilrettelagt arbeid i skjermet virksomhet", "participants"] == "8,272"
    assert table.loc["Varig tilrettelagt arbeid i skjermet virksomhet", "status_group"] == "Nedsatt arbeidsevne, på tiltak"
    assert table.loc["Tilretteleggingstilskudd for arbeidssøker", "participants"] == "*"  # line 213
    assert "Egenetablering" not in table.index  # line 215: jobseekers and reduced work capacity
    assert set(table["status_group"]) == {"Nedsatt arbeidsevne, på tiltak"}


# -- change from a year earlier -----------------------------------------------------------------------
def test_change_in_per_cent_marks_small_bases(participants):
    figure = groups.group_change(participants, measure="change_from_last_year_pct")
    data = dataset(figure).set_index("nav")
    label, count, change, pct = printed(52)
    assert label == "Jobbskaping og egenetablering" and (value(count), value(change), value(pct)) == (211, 102, 94)
    assert data.loc[label, "value"] == 94 and data.loc[label, "label"] == "+94 % (from 109)"
    small = {printed(line)[0] for line in GROUP_LINES if value(printed(line)[1]) - value(printed(line)[2]) < 1000}
    assert set(data[data["small"] != ""].index) == small
    assert "+94 %" in figure.takeaway and "109" in figure.takeaway


def test_change_in_persons(participants):
    figure = groups.group_change(participants)
    data = dataset(figure).set_index("nav")
    for line in GROUP_LINES:
        label, _, change, _ = printed(line)
        assert data.loc[label, "value"] == value(change)
    assert "+2,031" in figure.takeaway and "-1,216" in figure.takeaway  # lines 46 and 44


def test_the_malformed_row_of_line_108_keeps_its_stars(participants):
    assert printed(108) == ["Jobbskaping og egenetablering", "", "*", "*"]
    rows = groups.group_table(participants, "Andre på tiltak").set_index("programme_group")
    row = rows.loc["Jobbskaping og egenetablering"]
    assert row["participants"] == 0 and pd.isna(row["change_from_last_year"]) and pd.isna(row["change_from_last_year_pct"])
    figure = groups.group_change(participants, "Andre på tiltak", "change_from_last_year_pct")
    assert "Jobbskaping og egenetablering" not in set(dataset(figure)["nav"])  # nobody: left out, and said so
    assert "Job creation and self-employment" in " ".join(figure.chart.to_dict()["title"]["subtitle"])


def test_status_group_change_matches_its_block(participants):
    data = dataset(groups.group_change(participants, "Arbeidssøkere på tiltak", "change_from_last_year_pct")).set_index("nav")
    for line in range(66, 72):
        label, _, _, pct = printed(line)
        assert data.loc[label, "value"] == value(pct)


def test_norwegian_labels_and_numbers(participants):
    figure = groups.group_sizes(participants, lang="nb")
    assert "23\u00a0919" in figure.takeaway and "Arbeidspraksis" in set(dataset(figure)["group"])
    assert groups.group_change(participants, measure="change_from_last_year_pct", lang="nb").takeaway.startswith("I prosent")


# -- key findings -----------------------------------------------------------------------------------
def test_key_findings_state_the_printed_numbers(participants):
    text = " ".join(groups.key_findings(participants))
    _, total, change, pct = printed(28)
    assert f"{value(total):,}" in text and f"{value(change):,}" in text and f"({value(pct)} %)" in text
    _, count, change, pct = printed(46)  # Lønnstilskudd
    assert f"+{value(change):,} persons (+{value(pct)} %)" in text
    assert "+94 %" in text and "+102 persons on a base of 109" in text
    _, count, change, pct = printed(48)  # Arbeidsrettet rehabilitering: the same per cent as wage subsidies
    assert value(pct) == 30 and f"with {value(change)} persons instead of 2,031" in text
    stars = sum(LINES[line - 1].count("*") for line in range(141, 216) if not LINES[line - 1].startswith("<b>"))
    assert stars == 14 and f"{stars} programme cells" in text  # counted by hand: lines 142 (2), 145, 152, 154, 157, 158 (3), 174, 179, 186, 213 (2)


# -- exercises ----------------------------------------------------------------------------------------
def test_exercise_03_1():
    _, total, others, _, _ = printed(127)
    share = 100 * value(others) / value(total)
    assert check("03.1", round(share, 1)).correct and check("03.1", f"{share:.1f} %").correct and check("03.1", "94").correct
    assert not check("03.1", 5.9).correct and not check("03.1", None).correct and not check("03.1", 0.94).correct


def test_exercise_03_2():
    hidden = value(printed(214)[1]) - sum(value(printed(line)[1]) for line in range(210, 213))
    assert check("03.2", hidden).correct and check("03.2", str(hidden)).correct
    assert not check("03.2", 0).correct and not check("03.2", 3).correct and not check("03.2", None).correct


def test_exercise_03_3():
    assert check("03.3", "b").correct and check("03.3", "(B)").correct
    for wrong in ("a", "c", "d"):
        assert not check("03.3", wrong).correct
    assert not check("03.3", None).correct
    assert "109" in check("03.3", "a").message


def test_exercise_03_4():
    changes = {printed(line)[0]: value(printed(line)[2]) for line in GROUP_LINES}
    top = max(changes, key=changes.get)
    assert top == "Lønnstilskudd"
    assert check("03.4", top).correct and check("03.4", "wage subsidy").correct and check("03.4", " lønnstilskudd ").correct
    assert not check("03.4", "Jobbskaping og egenetablering").correct and not check("03.4", None).correct


@pytest.mark.parametrize("name", ["group_change", "group_programmes"])
def test_explorers_are_registered_with_a_language_control(name):
    from helpers.widgets import load_all

    explorer = load_all()[name]
    assert "lang" in explorer.options and explorer.draw is not None
