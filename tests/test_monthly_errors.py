"""Bad monthly JSON gives a clear error naming the file and the record: one damage per test, on tmp copies.

The copies are read with ``verify=False`` (their checksums no longer match, which the loader would
report first, as the last test shows), so each test reaches the check it is about.
"""

from __future__ import annotations

import json
import re

import pytest

from helpers.errors import IntegrityError, ParseError, ReconciliationError
from helpers.monthly import load_monthly_series, monthly_files

from .conftest import RAW

FILES = {part: entry["file"] for part, entry in monthly_files().items()}
OVERSIKT, HOVED, ANDRE = FILES["oversikt"], FILES["hovedgrupper"], FILES["tiltakstyper_andre"]
FIRST = '{"maalgruppe":"Andre på tiltak","periode":"2023-01-01","antall":2179,"brudd":false}'  # oversikt record 0


@pytest.fixture
def copy(tmp_path):
    for name in FILES.values():
        (tmp_path / name).write_bytes((RAW / name).read_bytes())

    def damage(name: str, old: str, new: str, count: int = 1):
        path = tmp_path / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) >= count, old
        path.write_text(text.replace(old, new, count), encoding="utf-8")
        return tmp_path

    return damage


def fails(raw_dir, error, source: str, pattern: str):
    with pytest.raises(error) as caught:
        load_monthly_series(raw_dir, verify=False)
    assert re.match(rf"{re.escape(source)}, |{re.escape(source)}: ", str(caught.value)), str(caught.value)
    assert re.search(pattern, str(caught.value)), str(caught.value)
    return str(caught.value)


def test_malformed_json_gives_line_and_column(copy):
    message = fails(copy(OVERSIKT, FIRST + ",", FIRST + ",,"), ParseError, OVERSIKT, r"line 1: malformed JSON at column 86")
    assert "near record 0" in message


def test_truncated_file(copy):
    last = len(json.loads((RAW / HOVED).read_text(encoding="utf-8"))) - 1  # the copy's last record
    fails(copy(HOVED, "]\n", "\n"), ParseError, HOVED, rf"line 2: malformed JSON at column 1 \(near record {last}\)")


def test_missing_field(copy):
    fails(copy(OVERSIKT, FIRST, FIRST.replace(',"brudd":false', "")), ParseError, OVERSIKT, r"record 0: missing field 'brudd'")


def test_extra_field(copy):
    fails(
        copy(OVERSIKT, FIRST, FIRST.replace('"brudd":false', '"brudd":false,"prikket":false')),
        ParseError,
        OVERSIKT,
        r"record 0: unexpected field 'prikket'",
    )


def test_field_given_twice(copy):
    fails(
        copy(OVERSIKT, FIRST, FIRST.replace('"brudd":false', '"antall":2179,"brudd":false')),
        ParseError,
        OVERSIKT,
        r"record 0: field 'antall' given twice",
    )


@pytest.mark.parametrize("count", ["2179.0", '"2179"', "-2179", "true", "[2179]"])
def test_count_that_is_not_a_whole_number_at_least_zero(copy, count):
    fails(
        copy(OVERSIKT, FIRST, FIRST.replace("2179", count)),
        ParseError,
        OVERSIKT,
        r"record 0: antall is .*expected a whole number ≥ 0",
    )


@pytest.mark.parametrize(
    "period,problem", [("2023-01-15", "not the first of a month"), ("2023-13-01", "not a date"), ("januar 2023", "not a date")]
)
def test_period_not_the_first_of_a_month(copy, period, problem):
    fails(copy(OVERSIKT, FIRST, FIRST.replace("2023-01-01", period)), ParseError, OVERSIKT, rf"record 0: periode .* is {problem}")


def test_duplicate_key(copy):
    message = fails(
        copy(OVERSIKT, FIRST, FIRST.replace("2179", "2180") + "," + FIRST),
        ParseError,
        OVERSIKT,
        r"record 1: duplicate key 2023-01 / Andre på tiltak / I alt / I alt",
    )
    assert "record 0" in message


def test_unknown_status_group(copy):
    fails(
        copy(OVERSIKT, FIRST, FIRST.replace("Andre på tiltak", "Andre")),
        ParseError,
        OVERSIKT,
        r"record 0: unknown status group \(maalgruppe\) 'Andre'",
    )


def test_record_in_the_file_of_another_status_group(copy):
    fails(
        copy(ANDRE, '"maalgruppe":"Andre på tiltak"', '"maalgruppe":"Arbeidssøkere"'),
        ParseError,
        ANDRE,
        r"record 0: maalgruppe 'Arbeidssøkere' in the file of 'Andre på tiltak'",
    )


def test_unknown_programme_or_group(copy):
    fails(
        copy(ANDRE, '"undertype":"Arbeidstrening"', '"undertype":"Arbeidstrening x"'),
        ParseError,
        ANDRE,
        r"record \d+: programme \(undertype\) 'Arbeidstrening x' is not known",
    )
    fails(
        copy(HOVED, '"hovedgruppe":"Opplæring"', '"hovedgruppe":"Opplaering"'),
        ParseError,
        HOVED,
        r"record \d+: unknown programme group",
    )


def test_a_break_flag_that_disagrees_with_its_status_group_and_month(copy):
    fails(
        copy(OVERSIKT, FIRST, FIRST.replace("false", "true")),
        ParseError,
        OVERSIKT,
        r"record 0: brudd is true but 35 records of Andre på tiltak in 2023-01 say false",
    )


def test_a_count_that_does_not_reconcile(copy):
    fails(
        copy(HOVED, '"antall":', '"antall":1', 1),
        ReconciliationError,
        HOVED,
        r"record 0: the programme_group total of Andre på tiltak / Arbeidspraksis in 2023-01 is 149; its 2 parts sum to 49 "
        r"with 0 null; expected a total within 49-49",
    )


def test_a_missing_month_of_a_complete_series(copy):
    fails(copy(OVERSIKT, FIRST + ",", ""), ParseError, OVERSIKT, r"the series Andre på tiltak / I alt lacks 2023-01")


def test_metadata_that_promise_other_series(copy):
    meta = json.loads((RAW / FILES["metadata"]).read_text(encoding="utf-8"))
    groups, programmes = meta["n_hovedgrupper"], meta["n_tiltakstyper"]  # what the copy's metadata promise
    fails(
        copy(FILES["metadata"], f'"n_tiltakstyper": {programmes}', f'"n_tiltakstyper": {programmes + 1}'),
        ParseError,
        FILES["metadata"],
        rf"{groups} programme-group and {programmes} programme series .*expected {groups} and {programmes + 1}",
    )


@pytest.mark.parametrize("text", ['{"records":[]}\n', "[]\n", '["x"]\n'])
def test_not_an_array_of_records(tmp_path, text):
    for name in FILES.values():
        (tmp_path / name).write_bytes((RAW / name).read_bytes())
    (tmp_path / HOVED).write_text(text, encoding="utf-8")
    fails(tmp_path, ParseError, HOVED, r"not a non-empty JSON array|record 0: str instead of a record")


def test_checksum_comes_first(copy):
    raw_dir = copy(OVERSIKT, FIRST, FIRST.replace("Andre på tiltak", "Andre"))
    with pytest.raises(IntegrityError, match=re.escape(OVERSIKT)):
        load_monthly_series(raw_dir)
