"""The tidy frame is complete, correct to the printed cell, and traceable to its line."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pytest

import helpers
from helpers import vocabulary as vocab
from helpers.tidy import participants_schema

from .conftest import AGE, GENDER, ONE_MONTH, raw_lines

T = "I alt"
NAE = "Nedsatt arbeidsevne, på tiltak"
AS = "Arbeidssøkere på tiltak"
OTHER = "Andre på tiltak"


@dataclass(frozen=True)
class Cell:
    """A cell read by hand from the raw text: file, line, position among the cells, what is printed there."""

    source: str
    line: int
    cell: int  # 1-based position after the row label
    printed: str  # the cell text as printed, without <b> tags
    key: dict
    label: str  # the row label as printed


def key(period, status=T, gender=T, age=T, group=T, programme=T, measure="participants"):
    return {
        "period": period,
        "status_group": status,
        "gender": gender,
        "age_group": age,
        "programme_group": group,
        "programme": programme,
        "measure": measure,
    }


# Read off the raw files by a person, one cell at a time (line numbers as in `cat -n`).
HAND_CHECKED = [
    Cell(ONE_MONTH, 28, 1, "83 484", key("2016-11"), "I alt"),
    Cell(ONE_MONTH, 28, 2, "3 805", key("2016-11", measure="change_from_last_year"), "I alt"),
    Cell(ONE_MONTH, 28, 3, "5", key("2016-11", measure="change_from_last_year_pct"), "I alt"),
    Cell(ONE_MONTH, 30, 2, "-90", key("2016-11", status=NAE, measure="change_from_last_year"), NAE),
    Cell(ONE_MONTH, 44, 2, "-1 216", key("2016-11", group="Oppfølging", measure="change_from_last_year"), "Oppfølging"),
    # label damage: "Lønnskudd" is Lønnstilskudd
    Cell(ONE_MONTH, 103, 1, "258", key("2016-11", status=OTHER, group="Lønnstilskudd"), "Lønnskudd"),
    Cell(
        ONE_MONTH,
        103,
        3,
        "80",
        key("2016-11", status=OTHER, group="Lønnstilskudd", measure="change_from_last_year_pct"),
        "Lønnskudd",
    ),
    # the malformed row: an empty count (nobody) followed by two stars
    Cell(
        ONE_MONTH,
        108,
        1,
        "",
        key("2016-11", status=OTHER, group="Jobbskaping og egenetablering"),
        "Jobbskaping og egenetablering",
    ),
    Cell(
        ONE_MONTH,
        108,
        2,
        "*",
        key("2016-11", status=OTHER, group="Jobbskaping og egenetablering", measure="change_from_last_year"),
        "Jobbskaping og egenetablering",
    ),
    Cell(
        ONE_MONTH,
        142,
        2,
        "*",
        key("2016-11", status=OTHER, group="Avklaringstiltak", programme="Avklaring i skjermet virksomhet"),
        "Avklaring i skjermet virksomhet",
    ),
    Cell(
        ONE_MONTH,
        142,
        4,
        "590",
        key("2016-11", status=NAE, group="Avklaringstiltak", programme="Avklaring i skjermet virksomhet"),
        "Avklaring i skjermet virksomhet",
    ),
    # label damage: "Inkluderingsstilskudd"; an empty cell is nobody
    Cell(
        ONE_MONTH,
        211,
        1,
        "16",
        key("2016-11", group="Tilrettelegging", programme="Inkluderingstilskudd"),
        "Inkluderingsstilskudd",
    ),
    Cell(
        ONE_MONTH,
        211,
        3,
        "",
        key("2016-11", status=AS, group="Tilrettelegging", programme="Inkluderingstilskudd"),
        "Inkluderingsstilskudd",
    ),
    Cell(
        ONE_MONTH,
        186,
        4,
        "*",
        key(
            "2016-11",
            status=NAE,
            group="Arbeidsrettet rehabilitering",
            programme="Arbeidsrettet rehabilitering (døgn) - sykmeldt arbeidstaker",
        ),
        "Arbeidsrettet rehabilitering (døgn) - sykmeldt arbeidstaker",
    ),
    Cell(GENDER, 26, 1, "72 086", key("2021-01"), "I alt"),
    Cell(GENDER, 91, 1, "3 563", key("2021-01", gender="Kvinner", group="Lønnstilskudd"), "Lønnskudd"),
    # Cyrillic л, у, б in "Jobbkлубb"
    Cell(GENDER, 135, 5, "1 725", key("2021-05", group="Oppfølging", programme="Jobbklubb"), "Jobbkлубb"),
    Cell(
        GENDER,
        133,
        1,
        "*",
        key("2021-01", group="Oppfølging", programme="Digital oppfølging/jobbklubb"),
        "Digital oppfølging/jobbkлубb",
    ),
    Cell(
        GENDER,
        133,
        2,
        "602",
        key("2021-02", group="Oppfølging", programme="Digital oppfølging/jobbklubb"),
        "Digital oppfølging/jobbkлубb",
    ),
    Cell(
        GENDER,
        216,
        2,
        "581",
        key("2021-02", status=AS, group="Oppfølging", programme="Digital oppfølging/jobbklubb"),
        "Digital oppfølging/jobbkubb",
    ),
    Cell(
        GENDER,
        461,
        3,
        "507",
        key("2021-03", status=AS, gender="Kvinner", group="Oppfølging", programme="Digital oppfølging/jobbklubb"),
        "Digital oppfølging/ jobbklubb",
    ),
    Cell(GENDER, 237, 1, "963", key("2021-01", status=AS, group="Opplæring", programme="AMO Enkeltplass"), "AMO Enkelt plass"),
    Cell(
        GENDER,
        631,
        1,
        "8",
        key("2021-01", status=OTHER, gender="Kvinner", group="Opplæring", programme="AMO Enkeltplass, Forsøk"),
        "AMO Enkeltklass, Forsøk",
    ),
    # group totals whose label is cut off
    Cell(
        GENDER,
        471,
        5,
        "40",
        key("2021-05", status=AS, gender="Kvinner", group="Jobbskaping og egenetablering"),
        "I alt kvinner og jobbskaping og",
    ),
    Cell(
        GENDER,
        595,
        1,
        "407",
        key("2021-01", status=NAE, gender="Kvinner", group="Arbeidsrettet rehabilitering"),
        "I alt kvinner og arbeidsrettet",
    ),
    Cell(
        GENDER,
        130,
        3,
        "*",
        key("2021-03", group="Arbeidspraksis", programme="Arbeidspraksis i ordinær virksomhet"),
        "Arbeidspraksis i ordinær virksomhet",
    ),
    Cell(AGE, 28, 7, "58 225", key("2019-07"), "I alt"),
    Cell(AGE, 269, 1, "15", key("2019-01", status=NAE, age="19 år og under", group="Lønnstilskudd"), "Lønnskudd"),
    Cell(
        AGE,
        742,
        12,
        "49",
        key("2019-12", status=NAE, group="Tilrettelegging", programme="Inkluderingstilskudd"),
        "Inkluderingsstilskudd",
    ),
    Cell(
        AGE,
        1320,
        1,
        "*",
        key("2019-01", status=NAE, age="19 år og under", group="Tilrettelegging", programme="Inkluderingstilskudd"),
        "Inkluderingsstøtte",
    ),
    # the row printed right after two stray labels without cells (lines 760 and 762)
    Cell(
        AGE,
        764,
        7,
        "384",
        key("2019-07", status=NAE, group="Arbeidsrettet rehabilitering", programme="Arbeidsrettet rehabilitering (dag)"),
        "Arbeidsrettet rehabilitering (dag)",
    ),
    Cell(
        AGE,
        2117,
        8,
        "4",
        key("2019-08", status=OTHER, age="40-49 år", group="Opplæring", programme="AMO Enkeltplass"),
        "AMO Enkeltclass",
    ),
    Cell(
        AGE,
        2263,
        1,
        "*",
        key("2019-01", status=OTHER, age="60 år og over", group="Oppfølging", programme="Jobbklubb"),
        "Jobbkubb",
    ),
]


def fact(frame: pd.DataFrame, k: dict) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    for column, value in k.items():
        mask &= frame[column].astype(str) == value
    rows = frame[mask]
    assert len(rows) == 1, f"{k}: {len(rows)} rows"
    return rows.iloc[0]


@pytest.mark.parametrize("cell", HAND_CHECKED, ids=lambda c: f"{c.source[11:16]}:{c.line}:{c.cell}")
def test_hand_checked_cell_matches_the_raw_text_and_the_frame(cell, participants):
    printed_line = raw_lines(cell.source)[cell.line - 1].replace("<b>", "").replace("</b>", "").replace("\\*", "*")
    label, *cells = printed_line.split("\t")
    assert label == cell.label, "the hand-checked sample itself is wrong"
    assert cells[cell.cell - 1].strip() == cell.printed, "the hand-checked sample itself is wrong"

    row = fact(participants, cell.key)
    if cell.printed == "*":
        assert row["suppressed"] and pd.isna(row["value"])
    else:
        expected = int(cell.printed.replace(" ", "")) if cell.printed else 0
        assert not row["suppressed"] and row["value"] == expected
    assert row["source"] == cell.source
    ledger = helpers.load_ledger()
    at = ledger[(ledger["source"] == cell.source) & (ledger["line"] == cell.line) & (ledger["cell"] == cell.cell)].iloc[0]
    assert at["first_line"] == row["line"]
    if at["role"] == "fact":
        assert row["line"] == cell.line and row["label"] == cell.label


def test_a_context_total_repeated_without_bold_is_one_fact(participants):
    # AGE line 1663 prints "I alt 40-49 år nedsatt arbeidsevne, på tiltak" 11 709 without <b>;
    # the same number is first printed on line 73 ("40-49 år" in the reduced-work-capacity block).
    assert raw_lines(AGE)[1662].split("\t")[1] == "11 709"
    assert raw_lines(AGE)[72].split("\t")[:2] == ["40-49 år", "11 709"]
    row = fact(participants, key("2019-01", status=NAE, age="40-49 år"))
    assert (row["value"], row["line"]) == (11709, 73)


def test_schema(participants):
    participants_schema().validate(participants, lazy=True)


def test_key_is_unique(participants):
    assert not participants.duplicated(list(helpers.KEY)).any()


def test_suppressed_cells_are_never_zero(participants):
    starred = participants[participants["suppressed"]]
    assert len(starred) > 0
    assert starred["value"].isna().all()


def test_every_period_of_each_table_is_present(participants):
    months = participants.groupby("source")["period"].agg(lambda s: sorted(set(s.astype(str))))
    assert months[ONE_MONTH] == ["2016-11"]
    assert months[GENDER] == [f"2021-{m:02d}" for m in range(1, 6)]
    assert months[AGE] == [f"2019-{m:02d}" for m in range(1, 13)]


def test_breakdowns_are_those_each_table_publishes(participants):
    by_source = participants.groupby("source")
    assert set(by_source.get_group(ONE_MONTH)["gender"]) == {T}
    assert set(by_source.get_group(ONE_MONTH)["age_group"]) == {T}
    assert set(by_source.get_group(GENDER)["gender"]) == {T, "Kvinner", "Menn"}
    assert set(by_source.get_group(GENDER)["age_group"]) == {T}
    assert set(by_source.get_group(AGE)["age_group"]) == {T, *vocab.AGE_GROUPS}
    assert set(by_source.get_group(AGE)["gender"]) == {T}
    assert set(by_source.get_group(ONE_MONTH)["measure"]) == set(vocab.MEASURES)
    assert set(participants.loc[participants["source"] != ONE_MONTH, "measure"]) == {"participants"}
    # ten programme groups in 2016, nine in 2019 and 2021 (docs/design/the-data.md)
    groups = by_source["programme_group"].agg(lambda s: len(set(s) - {T}))
    assert (groups[ONE_MONTH], groups[AGE], groups[GENDER]) == (10, 9, 9)


def test_programme_group_rows_have_programme_total_and_the_grand_total_is_all_totals(participants):
    grand = participants[(participants[list(helpers.KEY[1:6])] == T).all(axis=1) & (participants["measure"] == "participants")]
    printed = {"2016-11": 83484, "2021-01": 72086, "2021-05": 77811, "2019-07": 58225, "2019-11": 71429}
    for period, value in printed.items():  # the totals quoted in docs/design/programme-history.md
        assert grand.loc[grand["period"].astype(str) == period, "value"].item() == value


def test_every_dimension_value_has_an_english_label(participants):
    english = helpers.with_english(participants)
    for column in ("status_group", "gender", "age_group", "programme_group", "programme", "measure"):
        assert english[f"{column}_en"].notna().all()
    assert helpers.english("Lønnstilskudd") == "Wage subsidy"
    assert helpers.label("Kvinner", lang="nb") == "Kvinner"
    with pytest.raises(ValueError):
        helpers.label("Kvinner", lang="de")


def test_labels_use_nav_spelling_and_printed_labels_are_kept(participants):
    programmes = set(participants["programme"])
    for correct in ("Jobbklubb", "AMO Enkeltplass", "Digital oppfølging/jobbklubb", "Inkluderingstilskudd"):
        assert correct in programmes
    for misprint in ("Jobbkubb", "Jobbkлубb", "AMO Enkelt plass", "AMO Enkeltklass", "Inkluderingsstilskudd"):
        assert misprint not in programmes
    assert "Lønnstilskudd" in set(participants["programme_group"]) and "Lønnskudd" not in set(participants["programme_group"])
    assert {"Lønnskudd", "Jobbkлубb", "Inkluderingsstøtte"} <= set(
        helpers.load_ledger().merge(
            participants[["source", "line", "label"]], left_on=["source", "first_line"], right_on=["source", "line"]
        )["label"]
    )


# docs/design/terminology.md §6 counts the rows printed with each misprint; the loader must repair exactly those.
MISPRINT_ROWS = {
    "Lønnskudd": 1 + 1 + 13,
    "Inkluderingsstilskudd": 1 + 7 + 15,
    "Inkluderingsstøtte": 1,
    "Jobbkubb": 2 + 1,
    "Jobbkлубb": 1,
    "Digital oppfølging/jobbkлубb": 1,
    "Digital oppfølging/jobbkubb": 3,
    "Digital oppfølging/ jobbklubb": 6,
}


@pytest.mark.parametrize("printed,rows", MISPRINT_ROWS.items())
def test_every_documented_misprint_is_repaired(printed, rows):
    repairs = helpers.load_repairs()
    assert repairs.loc[repairs["printed"] == printed, "line"].nunique() == rows


def test_cut_off_group_totals_are_repaired():
    repairs = helpers.load_repairs()
    cut = repairs[repairs["why"] == "label cut off"]
    assert set(cut["printed"]) == {
        "I alt kvinner og jobbskaping og",
        "I alt menn og jobbskaping og",
        "I alt kvinner og arbeidsrettet",
        "I alt menn og arbeidsrettet",
    }
