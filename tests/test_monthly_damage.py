"""Damaged monthly JSON gives the same facts, a ParseError or a failed reconciliation, never a silently different series.

Each property damages the real records in one way, writes them back in the source's exact format
(the undamaged files round-trip byte for byte) and reads them through ``build_monthly`` (read,
check, reconcile). What the arithmetic can vouch for is computed here from the raw JSON: a status
group's total pins its programme groups exactly; a group pins its programmes up to 3 per null
programme. So a null programme record (or a small count next to enough nulls) can vanish unseen:
that class is caught only by the manifest checksum, as the last test shows.
"""

from __future__ import annotations

import copy
import functools
import json
from collections import defaultdict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.errors import IntegrityError, ParseError
from helpers.monthly import build_monthly, load_monthly_series, monthly_files

from .conftest import RAW

ENTRIES = monthly_files()
PARTS = ("oversikt", "hovedgrupper", "tiltakstyper_arbeidssokere", "tiltakstyper_nedsatt", "tiltakstyper_andre")
TEXTS = {part: (RAW / e["file"]).read_text(encoding="utf-8") for part, e in ENTRIES.items()}
RECORDS = {part: json.loads(TEXTS[part]) for part in PARTS}
FACT = ["period", "status_group", "programme_group", "programme", "measure", "value", "source_null", "series_break"]
# How many damaged copies each property tries comes from the run's Hypothesis profile (tests/conftest.py):
# 40 under CI, fewer in a maintainer's `make test`; the same copies every run (derandomized).
PROPERTY = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def dump(records: list) -> str:
    return json.dumps(records, ensure_ascii=False, separators=(",", ":")) + "\n"


def facts(frame) -> list[tuple]:
    return sorted(map(tuple, frame[FACT].astype(str).values.tolist()))


@functools.cache
def original() -> list[tuple]:
    return facts(build_monthly(TEXTS))


def read(part: str, records: list):
    """'error' or the facts read from the files with one part replaced."""
    try:
        return facts(build_monthly({**TEXTS, part: dump(records)}))
    except ParseError as error:
        assert str(error).startswith(tuple(e["file"] for e in ENTRIES.values())), f"unclear error: {error}"
        assert "record" in str(error) or "line" in str(error) or "series" in str(error), f"unclear error: {error}"
        return "error"


def group_slack() -> dict[tuple, tuple[int, int]]:
    """(status, group, month) -> (group total - visible programme sum, null programmes), from the raw JSON."""
    acc: dict[tuple, list] = defaultdict(lambda: [0, 0])
    for part in PARTS[2:]:
        for r in RECORDS[part]:
            a = acc[(r["maalgruppe"], r["hovedgruppe"], r["periode"])]
            a[0] += r["antall"] or 0
            a[1] += r["antall"] is None
    totals = {(r["maalgruppe"], r["hovedgruppe"], r["periode"]): r["antall"] for r in RECORDS["hovedgrupper"]}
    return {k: ((totals[k] if totals[k] is not None else 0) - v, n) for k, (v, n) in acc.items()}


SLACK = group_slack()


@st.composite
def a_record(draw, parts=PARTS):
    part = draw(st.sampled_from(parts))
    return part, draw(st.integers(0, len(RECORDS[part]) - 1))


def test_the_undamaged_records_round_trip_byte_for_byte():
    for part in PARTS:
        assert dump(RECORDS[part]) == TEXTS[part]


@PROPERTY
@given(a_record())
def test_duplicated_record_is_an_error(where):
    part, i = where
    records = RECORDS[part][: i + 1] + RECORDS[part][i:]
    assert read(part, records) == "error"


@PROPERTY
@given(a_record())
def test_swapped_neighbours_give_the_same_facts(where):
    part, i = where
    records = list(RECORDS[part])
    j = min(i + 1, len(records) - 1)
    records[i], records[j] = records[j], records[i]
    assert read(part, records) == original()


@PROPERTY
@given(a_record())
def test_dropped_record_is_caught_unless_the_nulls_leave_room(where):
    """Status and group totals are complete monthly series: losing one is always seen. A programme
    record is seen unless its group's nulls leave room for it: slack + its count ≤ 3 × remaining nulls."""
    part, i = where
    r = RECORDS[part][i]
    outcome = read(part, RECORDS[part][:i] + RECORDS[part][i + 1 :])
    if part in ("oversikt", "hovedgrupper"):
        assert outcome == "error"
        return
    slack, nulls = SLACK[(r["maalgruppe"], r["hovedgruppe"], r["periode"])]
    if slack + (r["antall"] or 0) > 3 * (nulls - (r["antall"] is None)):
        assert outcome == "error", r
    elif outcome != "error":
        assert len(outcome) == len(original()) - 1 and set(outcome) < set(original())


@PROPERTY
@given(a_record(), st.integers(1, 2000), st.booleans())
def test_changed_count_is_caught_unless_the_nulls_leave_room(where, delta, down):
    part, i = where
    records = copy.deepcopy(RECORDS[part])
    r = records[i]
    if r["antall"] is None:
        r["antall"] = 0  # a null becomes a published zero: the facts change (value and flag) or an error
        assert read(part, records) != original()
        return
    r["antall"] = r["antall"] - delta if down and r["antall"] - delta >= 0 else r["antall"] + delta
    change = r["antall"] - RECORDS[part][i]["antall"]
    outcome = read(part, records)
    if part in ("oversikt", "hovedgrupper"):
        assert outcome == "error"  # pinned exactly by the status group's total
        return
    slack, nulls = SLACK[(r["maalgruppe"], r["hovedgruppe"], r["periode"])]
    if not 0 <= slack - change <= 3 * nulls:
        assert outcome == "error", r
    else:
        assert outcome == "error" or outcome != original()


FIELD_PAIRS = [
    ("maalgruppe", "periode"),
    ("antall", "brudd"),
    ("periode", "antall"),
    ("hovedgruppe", "undertype"),
    ("maalgruppe", "hovedgruppe"),
    ("undertype", "periode"),
]


@PROPERTY
@given(a_record(), st.sampled_from(FIELD_PAIRS))
def test_swapped_fields_are_an_error_or_change_nothing(where, pair):
    part, i = where
    records = copy.deepcopy(RECORDS[part])
    r = records[i]
    a, b = pair
    if a not in r or b not in r:
        a, b = "antall", "periode"
    r[a], r[b] = r[b], r[a]
    assert read(part, records) in ("error", original())


@PROPERTY
@given(
    a_record(),
    st.sampled_from([-1, 2.5, "12", True, None, [], {}]),
    st.sampled_from(["antall", "brudd", "periode", "maalgruppe"]),
)
def test_junk_in_a_field_is_an_error_naming_the_record(where, junk, field):
    part, i = where
    records = copy.deepcopy(RECORDS[part])
    if records[i][field] == junk or (field == "antall" and junk is None) or (field == "brudd" and junk is True):
        junk = -1
    records[i][field] = junk
    with pytest.raises(ParseError, match=rf"^{ENTRIES[part]['file']}: record {i}: "):
        build_monthly({**TEXTS, part: dump(records)})


@PROPERTY
@given(a_record())
def test_flipped_break_flag_is_an_error(where):
    part, i = where
    records = copy.deepcopy(RECORDS[part])
    records[i]["brudd"] = not records[i]["brudd"]
    assert read(part, records) == "error"


@PROPERTY
@given(a_record(), st.sampled_from(["tiltakstyper_arbeidssokere", "tiltakstyper_nedsatt", "tiltakstyper_andre"]))
def test_record_moved_to_another_file_is_an_error(where, target):
    part, i = where
    if part == target or part in ("oversikt", "hovedgrupper"):
        part, target = "tiltakstyper_andre", "tiltakstyper_nedsatt"
    texts = {**TEXTS, part: dump(RECORDS[part][:i] + RECORDS[part][i + 1 :]), target: dump(RECORDS[target] + [RECORDS[part][i]])}
    with pytest.raises(ParseError):
        build_monthly(texts)


def test_the_limit_a_null_record_can_vanish_unseen_but_the_checksum_refuses_it(tmp_path):
    """Tilrettelagt arbeid i arbeidsmarkedsbedrift (reduced work capacity) is null in every month of
    2023, and its group's other programmes add up to the group exactly: without its January record
    every total still adds up. The arithmetic cannot see the loss; the manifest's sha256 does."""
    part = "tiltakstyper_nedsatt"
    i = next(
        i
        for i, r in enumerate(RECORDS[part])
        if r["undertype"] == "Tilrettelagt arbeid i arbeidsmarkedsbedrift" and r["periode"] == "2023-01-01"
    )
    assert RECORDS[part][i]["antall"] is None and SLACK[("Nedsatt arbeidsevne", "Tilrettelagt arbeid", "2023-01-01")] == (0, 1)
    damaged = RECORDS[part][:i] + RECORDS[part][i + 1 :]
    outcome = read(part, damaged)
    assert outcome != "error" and set(outcome) < set(original()) and len(outcome) == len(original()) - 1
    for entry in ENTRIES.values():
        (tmp_path / entry["file"]).write_bytes((RAW / entry["file"]).read_bytes())
    (tmp_path / ENTRIES[part]["file"]).write_text(dump(damaged), encoding="utf-8")
    with pytest.raises(IntegrityError, match=ENTRIES[part]["file"]):
        load_monthly_series(tmp_path)
