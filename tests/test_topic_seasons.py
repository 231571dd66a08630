"""05 Seasons and age: the seasonal index, the figures, findings and exercises against the raw 2019 table.

Expected numbers come from the raw text (data/raw/nav_tiltak_alder_2019-01_2019-12.txt), read line
by line, or from arithmetic done by hand on those printed numbers; never from the module itself.
"""

from __future__ import annotations

import itertools
import json

import pandas as pd
import pytest

from helpers.charts import Figure
from helpers.exercises import check
from helpers.topics import seasons as topic

from .conftest import AGE, raw_lines

T = "I alt"
NAE = "Nedsatt arbeidsevne, på tiltak"
JS = "Arbeidssøkere på tiltak"
OTHER = "Andre på tiltak"
LINES = raw_lines(AGE)


def printed(line: int) -> tuple[str, list[int | None]]:
    """The label and the 12 cells of a raw line (1-based, as `cat -n` numbers it); '*' gives None."""
    label, *cells = LINES[line - 1].replace("<b>", "").replace("</b>", "").split("\t")
    assert len(cells) == 12, (line, LINES[line - 1])
    return label, [None if c.strip() in ("*", "\\*") else int(c.replace(" ", "")) for c in cells]


def values(line: int) -> list[int | None]:
    return printed(line)[1]


def dataset(figure: Figure) -> pd.DataFrame:
    """The data a figure draws (the largest of its datasets; a reference line may add a one-row one)."""
    datasets = list(figure.spec()["datasets"].values())
    assert len(datasets) == 1 or sorted(len(d) for d in datasets)[:-1] == [1] * (len(datasets) - 1)
    return pd.DataFrame(max(datasets, key=len))


def hand_index(counts: list[int]) -> list[float]:
    mean = sum(counts) / 12
    return [100 * c / mean for c in counts]


# -- the raw lines the tests rely on ---------------------------------------------------------------
def test_the_raw_lines_are_the_ones_we_think():
    assert printed(28)[0] == "I alt" and printed(29)[0] == "19 år og under" and printed(35)[0] == "60 år og over"
    assert printed(48)[0] == "I alt arbeidssøkere på tiltak" and printed(68)[0] == "I alt nedsatt arbeidsevne, på tiltak"
    assert printed(108)[0] == "I alt 19 år og under" and printed(110)[0] == "Arbeidspraksis" and printed(115)[0] == "Tilrettelegging"
    assert [printed(n)[0] for n in (705, 808, 861)] == ["I alt opplæring"] * 3
    assert [printed(n)[0] for n in (707, 810, 863)] == ["I alt jobbskaping og egenetablering"] * 3
    assert printed(712)[0] == "I alt tilrettelagt arbeid"


# -- the seasonal index --------------------------------------------------------------------------
def test_seasonal_index_of_the_2019_totals_by_hand():
    total = values(28)
    assert total[:3] == [70430, 72035, 73322] and total[6] == 58225
    assert sum(total) == 826564  # added by hand from line 28
    index = topic.seasonal_index(pd.Series(total))
    # 100 * 58225 / (826564 / 12) = 84.530..., 100 * 73322 / 68880.33 = 106.448...
    assert index[6] == pytest.approx(84.530, abs=0.001)
    assert index[2] == pytest.approx(106.448, abs=0.001)
    assert float(index.mean()) == pytest.approx(100)


def test_seasonal_index_of_the_youngest_by_hand():
    young = values(29)
    assert sum(young) == 14548  # line 29, added by hand: mean 1212.33
    index = topic.seasonal_index(pd.Series(young, index=range(1, 13)))
    assert index[7] == pytest.approx(75.062, abs=0.001)  # 100 * 910 / 1212.33
    assert index[8] == pytest.approx(73.577, abs=0.001)  # 100 * 892 / 1212.33, the row's lowest month
    assert int(index.astype(float).idxmin()) == 8


def test_seasonal_index_takes_series_wide_and_tidy_input(participants):
    wide = topic.wide(participants, "age_group")
    assert wide.loc["19 år og under"].tolist() == values(29)
    by_row = topic.seasonal_index(wide)
    for age, line in zip(topic.AGE_ORDER, range(29, 36)):
        assert by_row.loc[age].astype(float).tolist() == pytest.approx(hand_index(values(line)))
    tidy = participants[(participants["source"] == AGE) & (participants["status_group"] == T) & (participants["programme_group"] == T)
                        & (participants["programme"] == T)]
    tidy = topic.seasonal_index(tidy)
    for age, line in zip(topic.AGE_ORDER, range(29, 36)):
        rows = tidy[tidy["age_group"] == age].sort_values("period")
        assert rows["index"].astype(float).tolist() == pytest.approx(hand_index(values(line)))


def test_a_star_leaves_the_whole_row_without_index():
    tilrettelegging = values(115)  # 19 år og under, Tilrettelegging: '*' in seven months
    assert tilrettelegging.count(None) == 7
    index = topic.seasonal_index(pd.Series(tilrettelegging, dtype="Int64"))
    assert index.isna().all()


def test_seasonal_index_rejects_anything_but_twelve_months():
    with pytest.raises(ValueError, match="12 months"):
        topic.seasonal_index(pd.Series([1, 2, 3]))
    periods = pd.PeriodIndex([f"2019-{m:02d}" for m in range(1, 12)] + ["2020-01"], freq="M")
    with pytest.raises(ValueError, match="one calendar year"):
        topic.seasonal_index(pd.Series(range(1, 13), index=periods))
    with pytest.raises(TypeError):
        topic.seasonal_index([1] * 12)


def test_index_bounds_by_hand():
    exact = topic.index_bounds(pd.Series(values(29)), pd.Series(values(29)))
    assert exact["low"].tolist() == pytest.approx(hand_index(values(29)))
    assert exact["high"].tolist() == pytest.approx(hand_index(values(29)))
    # eleven months of 10 and one '*' (0-3) in January: January lies between 0 and 1200*3/113
    low = pd.Series([0] + [10] * 11)
    high = pd.Series([3] + [10] * 11)
    bounds = topic.index_bounds(low, high)
    assert bounds.loc[1, "low"] == 0 and bounds.loc[1, "high"] == pytest.approx(1200 * 3 / 113)
    assert bounds.loc[2, "low"] == pytest.approx(1200 * 10 / 113) and bounds.loc[2, "high"] == pytest.approx(1200 * 10 / 110)


# -- views -----------------------------------------------------------------------------------------
def test_series_reads_a_programme_group_row_for_an_age_group(participants):
    practice = topic.series(participants, age_group="19 år og under", programme_group="Arbeidspraksis")
    assert practice["value"].tolist() == values(110)
    assert set(practice["lines"]) == {"110"}
    adaptation = topic.series(participants, age_group="19 år og under", programme_group="Tilrettelegging")
    printed_115 = values(115)
    assert adaptation["low"].tolist() == [0 if v is None else v for v in printed_115]
    assert adaptation["high"].tolist() == [3 if v is None else v for v in printed_115]
    assert [pd.isna(v) for v in adaptation["value"]] == [v is None for v in printed_115]
    assert topic.series(participants, age_group="19 år og under", programme_group="Jobbskaping og egenetablering").empty  # no row 105-116


def test_all_ages_programme_group_rows_are_the_sum_of_the_status_groups(participants):
    training = topic.series(participants, programme_group="Opplæring")
    assert training["value"].tolist() == [a + b + c for a, b, c in zip(values(705), values(808), values(861))]
    adapted = topic.series(participants, programme_group="Tilrettelagt arbeid")  # printed for reduced work capacity only
    assert adapted["value"].tolist() == values(712)
    jobs = topic.series(participants, programme_group="Jobbskaping og egenetablering")
    visible = [a + b for a, b in zip(values(707), values(810))]
    assert values(863) == [None] * 12
    assert jobs["low"].tolist() == visible and jobs["high"].tolist() == [v + 3 for v in visible]
    assert jobs["value"].isna().all()


def test_contributions_add_up_to_the_printed_fall(participants):
    total = values(28)
    fall = max(total) - min(total)
    assert fall == 73322 - 58225
    parts = topic.contributions(participants).set_index("programme_group")
    training = [a + b + c for a, b, c in zip(values(705), values(808), values(861))]
    assert parts.loc["Opplæring", "change_low"] == parts.loc["Opplæring", "change_high"] == training[2] - training[6]
    assert parts.loc["Opplæring", "share"] == pytest.approx(100 * (training[2] - training[6]) / fall)
    assert parts.index[0] == "Opplæring" and parts.index[1] == "Arbeidspraksis"
    assert parts.loc["Tilrettelagt arbeid", "change_low"] == values(712)[2] - values(712)[6] < 0
    jobs = [a + b for a, b in zip(values(707), values(810))]
    assert parts.loc["Jobbskaping og egenetablering", "change_low"] == jobs[2] - (jobs[6] + 3)
    assert parts.loc["Jobbskaping og egenetablering", "change_high"] == jobs[2] + 3 - jobs[6]
    assert parts["change_low"].sum() <= fall <= parts["change_high"].sum()


def test_star_rows_match_the_stars_printed(participants):
    stars = topic.star_rows(participants).set_index("cut")
    count = lambda first, last: sum(v is None for n in range(first, last + 1) if LINES[n - 1].count("\t") == 12  # noqa: E731
                                    and not LINES[n - 1].startswith("\t") for v in values(n))
    assert stars.loc["age group × programme group", "stars"] == count(109, 250) == 26
    assert stars.loc["status group × age group × programme group", "stars"] == count(264, 660)
    assert stars.loc["total", "stars"] == 0 and stars.loc["age group", "rows"] == 7
    assert stars.loc["age group × programme group", "with_a_star"] == 3


# -- figures -------------------------------------------------------------------------------------
def test_monthly_totals_draw_line_28(participants):
    figure = topic.monthly_totals(participants)
    data = dataset(figure)
    assert data["participants"].tolist() == values(28)
    assert data["index"].tolist() == pytest.approx([round(v, 1) for v in hand_index(values(28))])
    assert figure.table.iloc[:, 1].tolist() == values(28)
    assert "73,322 in March" in figure.takeaway and "58,225 in July" in figure.takeaway and "84.5" in figure.takeaway
    assert f"{100 * (73322 - 58225) / 73322:.1f} %" in figure.takeaway
    nb = topic.monthly_totals(participants, lang="nb")
    assert "73\u00a0322" in nb.takeaway and nb.spec()["config"]["locale"]["number"]["thousands"] == "\u00a0"


def test_status_index_lines_draw_lines_48_68_88(participants):
    figure = topic.index_lines(participants, "status_group")
    data = dataset(figure)
    for status, line in (("Jobseekers on programmes", 48), ("Reduced work capacity, on programmes", 68), ("Other participants", 88)):
        assert data[data["series"] == status]["index"].tolist() == pytest.approx([round(v, 1) for v in hand_index(values(line))])
    assert f"{hand_index(values(48))[6]:.1f} in July" in figure.takeaway
    assert f"{hand_index(values(68))[6]:.1f}" in figure.takeaway


def test_age_heatmap_draws_the_age_rows(participants):
    figure = topic.age_heatmap(participants)
    spec = figure.spec()
    data = dataset(figure)
    young = data[data["age"] == "19 and under"]
    assert young["value"].tolist() == pytest.approx([round(v, 1) for v in hand_index(values(29))])
    assert "73.6 for ages 19 and under in August" in figure.takeaway
    colour = spec["layer"][0]["encoding"]["color"]
    assert colour["scale"]["scheme"] == "blues" and "year's average = 100" in colour["title"]
    assert spec["title"]["subtitle"][-1].startswith("Source: NAV")


def test_age_heatmap_marks_stars_and_excludes_their_rows(participants):
    counts = topic.age_heatmap(participants, programme_group="Tilrettelegging", measure="counts")
    young = dataset(counts).query("age == '19 and under'")
    assert young["shown"].tolist() == ["*" if v is None else str(v) for v in values(115)]
    assert young["value"].isna().tolist() == [v is None for v in values(115)]
    index = topic.age_heatmap(participants, programme_group="Tilrettelegging")
    assert dataset(index).query("age == '19 and under'")["value"].isna().all()
    assert index.notes == ["19 and under: no index: * in the row"]
    assert "No index for 1 row" in index.takeaway


def test_programme_multiples_have_a_kernel_free_age_menu(participants):
    figure = topic.programme_multiples(participants)
    spec = figure.spec()
    (param,) = spec["params"]
    assert param["name"] == "age" and param["bind"]["input"] == "select"
    assert param["bind"]["labels"] == ["All ages", "19 and under", "20-24", "25-29", "30-39", "40-49", "50-59", "60 and over"]
    data = dataset(figure)
    groups = topic.group_order(participants)
    assert groups[0] == "Avklaringstiltak" and groups[-1] == "Jobbskaping og egenetablering"

    def cells(a: int, group: str) -> list[float | None]:
        (s,) = data[(data["a"] == a) & (data["g"] == groups.index(group))]["s"]
        return [float(c) if c else None for c in s.split(",")]

    training = [x + y + z for x, y, z in zip(values(705), values(808), values(861))]
    assert cells(0, "Opplæring") == pytest.approx([round(v, 1) for v in hand_index(training)])
    assert cells(1, "Arbeidspraksis") == pytest.approx([round(v, 1) for v in hand_index(values(110))])
    assert cells(1, "Tilrettelegging") == [None] * 12  # line 115 has stars: no index
    note = data[(data["a"] == 1) & (data["g"] == groups.index("Tilrettelegging"))]["n"].item()
    assert note == 0
    assert "19 and under, Adaptation: no index: * in the row" in figure.notes
    assert "All ages, Job creation and self-employment: no index: * in the row" in figure.notes
    assert f"{hand_index(values(712))[0]:.1f} to {hand_index(values(712))[11]:.1f}" in figure.takeaway


def test_drop_contributions_chart(participants):
    figure = topic.drop_contributions(participants)
    data = dataset(figure).set_index("group")
    training = [x + y + z for x, y, z in zip(values(705), values(808), values(861))]
    assert data.loc["Training", "change_low"] == training[2] - training[6]
    assert data.loc["Adapted work", "change_low"] == values(712)[2] - values(712)[6]
    assert "15,097 fewer participants in July than in March" in figure.takeaway
    assert f"{100 * (training[2] - training[6]) / 15097:.1f} %" in figure.takeaway


def test_training_reform_sums_the_printed_rows(participants):
    rows = participants[(participants["source"] == AGE) & (participants["age_group"] == T) & (participants["status_group"] != T)
                        & (participants["programme"].isin(topic.NEW_TRAINING))]
    assert set(rows["line"]) >= {682, 683, 686, 703, 704, 786, 787, 793, 807, 839, 840, 843, 846, 847}
    december = 0
    for line in sorted(set(rows["line"])):
        december += values(line)[11] or 0
        assert rows[rows["line"] == line].sort_values("period")["value"].tolist() == [pd.NA if v is None else v for v in values(line)]
    figure = topic.training_reform(participants)
    assert f"{december:,} in December" in figure.takeaway
    data = dataset(figure)
    group = data[data["series"] == "Training, all rows"]["low"].tolist()
    assert group == [x + y + z for x, y, z in zip(values(705), values(808), values(861))]


def test_key_findings_are_the_printed_numbers(participants):
    findings = topic.key_findings(participants)
    assert len(findings) == 5
    text = " ".join(findings)
    for figure in ("73,322", "58,225", "15,097", f"{hand_index(values(28))[6]:.1f}", f"{hand_index(values(48))[6]:.1f}",
                   f"{hand_index(values(68))[6]:.1f}", f"{hand_index(values(29))[7]:.1f} in August", f"{min(hand_index(values(35))):.1f} in July"):
        assert figure in text, figure
    training = [x + y + z for x, y, z in zip(values(705), values(808), values(861))]
    assert f"{100 * (training[2] - training[6]) / 15097:.1f} %" in findings[2]
    assert "Tilrettelagt arbeid" in findings[2] and "Opplæring" in findings[2] and "Arbeidspraksis" in findings[2]


# -- explorers -----------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["season_heatmap", "seasons_by_age"])
def test_every_status_and_programme_group_draws(name, participants):
    from helpers.widgets import load_all

    explorer = load_all()[name]
    statuses = [v for _, v in explorer.options["status_group"]]
    groups = [v for _, v in explorer.options["programme_group"]]
    for status, group, measure in itertools.product(statuses, groups, ("index", "counts")):
        figure = explorer.draw(participants, status_group=status, programme_group=group, measure=measure)
        spec = figure.chart.to_dict(validate=True)
        assert all(len(rows) > 0 for rows in spec["datasets"].values()), (status, group, measure)
        assert figure.takeaway.strip() and len(figure.takeaway) < 400


def test_a_combination_nav_does_not_print_says_so(participants):
    figure = topic.age_lines(participants, status_group=JS, programme_group="Tilrettelagt arbeid")
    assert "prints no row" in figure.takeaway
    heat = topic.age_heatmap(participants, status_group=OTHER, programme_group="Tilrettelagt arbeid", lang="nb")
    assert "ingen rad" in heat.takeaway


def test_age_lines_break_at_stars(participants):
    figure = topic.age_lines(participants, status_group=OTHER, programme_group="Opplæring", measure="counts")
    spec = figure.spec()
    layers = spec["layer"]
    assert len(layers) == 2  # the lines and the '*' marks
    data = pd.DataFrame(spec["datasets"][layers[0]["data"]["name"]])
    assert "19 and under" not in set(data["age"])  # '*' in all 12 months
    assert "months printed as '*'" in figure.takeaway


# -- exercises ----------------------------------------------------------------------------------
def test_exercise_05_1():
    young = values(29)
    answer = round(100 * young[6] / (sum(young) / 12), 1)  # 75.1
    assert check("05.1", answer).correct and check("05.1", str(answer).replace(".", ",")).correct
    assert not check("05.1", 84.5).correct
    assert "highest month" in check("05.1", round(100 * 910 / 1388, 1)).message
    assert not check("05.1", None).correct


def test_exercise_05_2():
    assert check("05.2", "Opplæring").correct and check("05.2", "training").correct
    assert not check("05.2", "Arbeidspraksis").correct
    assert not check("05.2", "Avklaringstiltak").correct
    assert not check("05.2", None).correct


def test_exercise_05_3():
    assert check("05.3", "August").correct and check("05.3", "august").correct and check("05.3", 8).correct
    assert "every other age group is lowest in July" in check("05.3", "august").message
    assert not check("05.3", "July").correct and not check("05.3", 7).correct
    assert not check("05.3", None).correct


def test_exercise_05_4():
    result = check("05.4", "b")
    assert result.correct and f"{hand_index(values(712))[0]:.1f} in January" in result.message
    assert not check("05.4", "a").correct
    assert "0 starred months" in check("05.4", "c").message and not check("05.4", "c").correct
    assert not check("05.4", None).correct


def test_figures_embed_little(participants):
    for figure in (topic.monthly_totals(participants), topic.age_heatmap(participants), topic.programme_multiples(participants),
                   topic.drop_contributions(participants), topic.training_reform(participants)):
        assert len(json.dumps(figure.spec())) < 30_000
        assert len(figure.table) > 0
