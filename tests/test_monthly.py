"""The monthly series 2023 to the copy's latest month: hand-checked cells, schema, nulls, breaks, reconciliation, crosswalk.

Expected values are read from the raw JSON with the plain ``json`` module (or stated in issue 15 and
SOURCE.md), never from the loader's own output.
"""

from __future__ import annotations

import json
from collections import defaultdict

import pandas as pd
import pytest

import helpers
from helpers import monthly, vocabulary

from . import monthly_raw
from .conftest import RAW

PARTS = monthly_raw.PARTS
FILES = {part: monthly_raw.file_name(part) for part in (*PARTS, "metadata")}  # names carry the copy's months
BREAK_MONTHS = (
    "2025-04",
    "2025-05",
    "2025-06",
    "2025-07",
)  # SOURCE.md: brudd is jobseekers in April-July 2025, fixed in the app's code
RECORDS = {part: json.loads((RAW / FILES[part]).read_text(encoding="utf-8")) for part in PARTS}
ALL = [(part, i, r) for part in PARTS for i, r in enumerate(RECORDS[part])]
STATUS = {
    "Arbeidssøkere": "Arbeidssøkere på tiltak",
    "Nedsatt arbeidsevne": "Nedsatt arbeidsevne, på tiltak",
    "Andre på tiltak": "Andre på tiltak",
}


@pytest.fixture(scope="module")
def frame():
    return helpers.load_monthly_series()


def find(part: str, **fields) -> tuple[int, dict]:
    hits = [(i, r) for i, r in enumerate(RECORDS[part]) if all(r.get(k) == v for k, v in fields.items())]
    assert len(hits) == 1, (part, fields, len(hits))
    return hits[0]


def row(frame, part: str, i: int) -> pd.Series:
    hit = frame[(frame["source"] == FILES[part]) & (frame["record"] == i)]
    assert len(hit) == 1
    return hit.iloc[0]


NULL = None  # the record's antall is JSON null


# Cells of months long published (NAV may revise them, and a newer copy's refresh report then lists the revision);
# the record is found by its fields, since a newer copy's extra months move every record's position.
@pytest.mark.parametrize(
    "part,fields,value,reading,status,group,programme",
    [
        # Issue 15: Andre på tiltak doubles in April 2025 (3 064 -> 6 158), with no brudd flag
        ("oversikt", dict(maalgruppe="Andre på tiltak", periode="2025-03-01"), 3064, "", "Andre på tiltak", "I alt", "I alt"),
        ("oversikt", dict(maalgruppe="Andre på tiltak", periode="2025-04-01"), 6158, "", "Andre på tiltak", "I alt", "I alt"),
        # SOURCE.md: Arbeidssøkere 18 478 (2025-03) -> 15 577 (2025-04), flagged
        (
            "oversikt",
            dict(maalgruppe="Arbeidssøkere", periode="2025-04-01"),
            15577,
            "",
            "Arbeidssøkere på tiltak",
            "I alt",
            "I alt",
        ),
        (
            "hovedgrupper",
            dict(maalgruppe="Nedsatt arbeidsevne", hovedgruppe="Tilrettelagt arbeid", periode="2024-06-01"),
            13479,
            "",
            "Nedsatt arbeidsevne, på tiltak",
            "Tilrettelagt arbeid",
            "I alt",
        ),
        (
            "tiltakstyper_nedsatt",
            dict(undertype="Arbeidsforberedende trening", periode="2023-01-01"),
            7384,
            "",
            "Nedsatt arbeidsevne, på tiltak",
            "Arbeidspraksis",
            "Arbeidsforberedende trening",
        ),
        # Arbeid med støtte: null until November 2023 (before its first count), 1 109 jobseekers in December 2023
        (
            "tiltakstyper_arbeidssokere",
            dict(undertype="Arbeid med støtte", periode="2023-11-01"),
            NULL,
            "before first count",
            "Arbeidssøkere på tiltak",
            "Oppfølging",
            "Arbeid med støtte",
        ),
        (
            "tiltakstyper_arbeidssokere",
            dict(undertype="Arbeid med støtte", periode="2023-12-01"),
            1109,
            "",
            "Arbeidssøkere på tiltak",
            "Oppfølging",
            "Arbeid med støtte",
        ),
        # Jobbklubb, other participants: 4 in May 2023, null in June, July and August, 7 in September: three nulls
        # in a row read as a summer pause or 0-3
        (
            "tiltakstyper_andre",
            dict(undertype="Jobbklubb", periode="2023-07-01"),
            NULL,
            "pause or 0-3",
            "Andre på tiltak",
            "Oppfølging",
            "Jobbklubb",
        ),
    ],
)
def test_hand_checked_cells(frame, part, fields, value, reading, status, group, programme):
    i, raw = find(part, **fields)
    assert raw["antall"] == value
    got = row(frame, part, i)
    assert (got["status_group"], got["programme_group"], got["programme"]) == (status, group, programme)
    assert str(got["period"]) == fields["periode"][:7] and got["measure"] == "participants"
    assert (pd.isna(got["value"]) and got["source_null"]) if value is None else (got["value"] == value and not got["source_null"])
    flagged = raw["maalgruppe"] == "Arbeidssøkere" and fields["periode"][:7] in BREAK_MONTHS
    assert got["null_reading"] == reading and got["series_break"] == raw["brudd"] == flagged


def test_the_2025_shift_as_the_issue_states_it(frame):
    tot = frame[frame["programme_group"] == "I alt"].set_index(["status_group", "period"])
    at = lambda s, m: tot.loc[(s, pd.Period(m, "M"))]  # noqa: E731
    assert (at("Andre på tiltak", "2025-03")["value"], at("Andre på tiltak", "2025-04")["value"]) == (3064, 6158)
    assert not at("Andre på tiltak", "2025-04")["series_break"] and at("Arbeidssøkere på tiltak", "2025-04")["series_break"]
    both = [at("Andre på tiltak", m)["value"] + at("Arbeidssøkere på tiltak", m)["value"] for m in ("2025-03", "2025-04")]
    assert both == [21542, 21735]  # SOURCE.md: their sum barely moves


def test_schema(frame):
    assert list(frame.columns) == list(monthly.COLUMNS)
    assert frame["period"].dtype == pd.PeriodDtype("M") and frame["value"].dtype == "Int64"
    assert frame["source_null"].dtype == bool and frame["series_break"].dtype == bool and frame["record"].dtype == "int64"
    assert not frame.duplicated(list(monthly.KEY)).any()
    assert set(frame["measure"]) == {"participants"}
    assert set(frame["status_group"]) == set(vocabulary.STATUS_GROUPS)
    assert (frame["value"].dropna() >= 4).all()  # a published count is never 1-3 (no zeros in this source either)
    for column in ("status_group", "programme_group", "programme"):
        for label in frame[column].unique():
            assert helpers.english(label)
    assert set(frame["source"]) == {FILES[p] for p in PARTS}


def test_one_row_per_record_in_file_order(frame):
    assert len(frame) == len(ALL) > 0
    assert list(zip(frame["source"], frame["record"])) == [(FILES[p], i) for p, i, _ in ALL]
    for (part, i, r), got in zip(ALL, frame.itertuples(index=False)):
        assert str(got.period) == r["periode"][:7] and got.status_group == STATUS[r["maalgruppe"]]
        assert got.programme_group == r.get("hovedgruppe", "I alt") and got.programme == r.get("undertype", "I alt")


def test_nulls_are_na_and_flagged(frame):
    nulls = {(FILES[p], i) for p, i, r in ALL if r["antall"] is None}
    # the manifest states each file's nulls ("…; 943 records, 40 null"), as make refresh writes them
    stated = {e["part"]: e["breakdowns"] for e in monthly_raw.manifest_entries() if e.get("part") in PARTS}
    for part in PARTS:
        n = sum(r["antall"] is None for r in RECORDS[part])
        assert stated[part].endswith(f"; {len(RECORDS[part])} records" + (f", {n} null" if n else "")), part
    flagged = frame[frame["source_null"]]
    assert set(zip(flagged["source"], flagged["record"])) == nulls
    assert (frame["value"].isna() == frame["source_null"]).all()
    assert ((frame["null_reading"] == "") == ~frame["source_null"]).all()
    assert set(frame["null_reading"]) <= set(monthly.READINGS)


def test_null_reading_follows_the_published_counts_around_it(frame):
    by_series = defaultdict(list)
    for p, i, r in ALL:
        by_series[(r["maalgruppe"], r.get("hovedgruppe"), r.get("undertype"))].append((r["periode"], p, i, r["antall"] is None))
    expect = {}
    for records in by_series.values():
        records.sort()
        months = [m for m, _, _, null in records if not null]
        for k, (m, p, i, null) in enumerate(records):
            if not null:
                continue
            start, end = k, k  # the run of consecutive null records this one belongs to
            while start > 0 and records[start - 1][3]:
                start -= 1
            while end + 1 < len(records) and records[end + 1][3]:
                end += 1
            expect[(FILES[p], i)] = (
                "never counted"
                if not months
                else "before first count"
                if m < min(months)
                else "after last count"
                if m > max(months)
                else "0-3"
                if end - start < 2
                else "pause or 0-3"
            )
    got = frame[frame["source_null"]]
    assert dict(zip(zip(got["source"], got["record"]), got["null_reading"])) == expect
    assert set(expect.values()) == set(monthly.READINGS) - {""}  # every reading occurs
    # Tilskudd til sommerjobb (summer jobs) is off from autumn to spring: its long runs of nulls read as a pause
    assert (frame.loc[frame["programme"] == "Tilskudd til sommerjobb", "null_reading"] != "0-3").all()
    # Tilrettelagt arbeid i arbeidsmarkedsbedrift: 12 records, all null (2023 only)
    assert set(frame.loc[frame["programme"] == "Tilrettelagt arbeid i arbeidsmarkedsbedrift", "null_reading"]) == {
        "never counted"
    }


def test_series_break_is_exactly_the_source_brudd(frame):
    brudd = {(FILES[p], i) for p, i, r in ALL if r["brudd"]}
    flagged = frame[frame["series_break"]]
    assert set(zip(flagged["source"], flagged["record"])) == brudd
    # SOURCE.md: set by the app's code for every jobseeker record of April-July 2025, and no other
    assert brudd == {(FILES[p], i) for p, i, r in ALL if r["maalgruppe"] == "Arbeidssøkere" and r["periode"][:7] in BREAK_MONTHS}
    assert set(flagged["status_group"]) == {"Arbeidssøkere på tiltak"}
    assert sorted(flagged["period"].astype(str).unique()) == list(BREAK_MONTHS)


def independent_checks() -> dict[str, dict]:
    """Totals and their parts from the raw JSON: (total, visible sum, nulls) by level."""
    out: dict[str, dict] = {"status_group": {}, "programme_group": {}, "status_group_programmes": {}}
    for r in RECORDS["oversikt"]:
        for level in ("status_group", "status_group_programmes"):
            out[level][(r["maalgruppe"], r["periode"])] = [r["antall"], 0, 0]
    for r in RECORDS["hovedgrupper"]:
        out["programme_group"][(r["maalgruppe"], r["hovedgruppe"], r["periode"])] = [r["antall"], 0, 0]
        acc = out["status_group"][(r["maalgruppe"], r["periode"])]
        acc[1] += r["antall"] or 0
        acc[2] += r["antall"] is None
    for part in PARTS[2:]:
        for r in RECORDS[part]:
            for acc in (
                out["programme_group"][(r["maalgruppe"], r["hovedgruppe"], r["periode"])],
                out["status_group_programmes"][(r["maalgruppe"], r["periode"])],
            ):
                acc[1] += r["antall"] or 0
                acc[2] += r["antall"] is None
    return out


def test_reconciliation_counts():
    report = helpers.reconcile_monthly()
    raw = independent_checks()
    counts = report["level"].value_counts().to_dict()
    assert (
        counts
        == {level: len(totals) for level, totals in raw.items()}
        == {
            "status_group": len(RECORDS["oversikt"]),
            "programme_group": len(RECORDS["hovedgrupper"]),
            "status_group_programmes": len(RECORDS["oversikt"]),
        }
    )
    assert report["ok"].all()
    # programme groups add up to the status group's total exactly (the app counted nulls as 0)
    assert all(total == visible for total, visible, _ in raw["status_group"].values())
    assert (
        sum(nulls > 0 for _, _, nulls in raw["status_group"].values())
        == (report.query("level == 'status_group'")["null_parts"] > 0).sum()
        > 0
    )
    # programmes against their group: above their visible sum by at most 3 per null part (SOURCE.md: 66 of 943, by 1-7,
    # in the first copy)
    off = [(t - v, n) for t, v, n in raw["programme_group"].values() if t is not None and t != v]
    assert off and all(1 <= d <= 3 * n for d, n in off)
    assert (
        sum(n > 0 for _, _, n in raw["programme_group"].values())
        == (report.query("level == 'programme_group'")["null_parts"] > 0).sum()
    )
    # programmes against the status group's total: the same bounds (SOURCE.md: 63 of 123, at most 7, in the first copy)
    off_status = [(t - v, n) for t, v, n in raw["status_group_programmes"].values() if t != v]
    assert off_status and all(1 <= d <= 3 * n for d, n in off_status)
    mine = report[report["total"] != report["visible_sum"]]
    assert (mine["level"] == "status_group_programmes").sum() == len(off_status)
    assert ((mine["level"] == "programme_group") & mine["total"].notna()).sum() == len(off)


def test_reconcile_report_points_at_the_total_record(frame):
    report = helpers.reconcile_monthly(frame)
    first = report[report["level"] == "programme_group"].iloc[0]
    record = RECORDS["hovedgrupper"][first["record"]]
    assert first["source"] == FILES["hovedgrupper"] and record["hovedgruppe"] == first["programme_group"]
    assert record["antall"] == (None if first["total_null"] else first["total"])


def test_cached_and_fresh_loads_agree(frame):
    pd.testing.assert_frame_equal(frame, helpers.load_monthly_series(cache=False))
    pd.testing.assert_frame_equal(frame, helpers.load_monthly_series(RAW))


# -- the crosswalk for 2023- ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def crosswalk():
    return monthly.load_crosswalk_2023()


def test_crosswalk_2023_covers_every_label_of_the_series(crosswalk, frame):
    for level in ("status_group", "programme_group", "programme"):
        in_data = set(frame[level]) - {"I alt"}
        listed = crosswalk[(crosswalk["level"] == level) & (crosswalk["relation"] != "ended")]
        assert set(listed["label"]) == in_data and listed["label"].is_unique, level
    status = crosswalk[crosswalk["level"] == "status_group"]
    assert dict(zip(status["source_label"], status["label"])) == STATUS == monthly.STATUS


def test_crosswalk_2023_months_and_relations_follow_the_data(crosswalk, frame, participants):
    older = participants[participants["programme"] != "I alt"]
    in_2021 = set(older.loc[older["period"].dt.year == 2021, "programme"])
    visible = frame[frame["value"].notna()]
    for r in crosswalk.itertuples(index=False):
        months = visible.loc[visible[r.level] == r.label, "period"].astype(str)
        assert (r.first_seen, r.last_seen) == ((months.min(), months.max()) if len(months) else ("", "")), r.label
        if r.level == "programme":
            assert vocabulary.PROGRAMMES[r.label][0] == r.programme_group
            assert (r.relation == "new") == (r.label not in set(older["programme"])), r.label
            assert (r.relation == "ended") == (r.label in in_2021 and r.label not in set(frame["programme"])), r.label
        for link in filter(None, (r.successor, r.predecessor)):
            assert link in set(crosswalk["label"]), (r.label, link)
    counts = crosswalk.groupby(["level", "relation"]).size().to_dict()
    assert counts == {
        ("programme", "same"): 30,
        ("programme", "new"): 4,
        ("programme", "replaced by"): 1,
        ("programme", "ended"): 7,
        ("programme_group", "same"): 9,
        ("status_group", "same"): 3,
    }


def test_monthly_metadata_is_read_from_the_copy_and_matches_the_series(frame):
    """Export time, first and last month: the metadata file's own fields, typed, and the series' own range."""
    raw = json.loads((RAW / FILES["metadata"]).read_text(encoding="utf-8"))
    meta = helpers.monthly.load_monthly_metadata()
    assert meta.generated == pd.Timestamp(raw["generert"]) and meta.generated.tzinfo is not None
    assert str(meta.earliest) == raw["tidligste"][:7] and str(meta.latest) == raw["sist_oppdatert"][:7]
    months = sorted({r["periode"][:7] for part in PARTS for r in RECORDS[part]})
    assert (str(meta.earliest), str(meta.latest)) == (months[0], months[-1])
    assert (meta.earliest, meta.latest) == (frame["period"].min(), frame["period"].max())
    assert meta.source == FILES["metadata"]
