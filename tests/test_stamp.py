"""The data stamp says the month the numbers run to and when the copy was exported, read from the raw files."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from helpers.stamp import csv_stamp, data_stamp

from . import monthly_raw
from .conftest import ROOT
from .monthly_raw import MONTHS_NB

RAW = ROOT / "data" / "raw"


def raw_metadata() -> dict:
    entries = yaml.safe_load((RAW / "manifest.yaml").read_text(encoding="utf-8"))["files"]
    (entry,) = [e for e in entries if e.get("part") == "metadata"]
    return json.loads((RAW / entry["file"]).read_text(encoding="utf-8"))


def latest_month_in_series() -> tuple[int, int]:
    """The last month that NAV's overview file has a record for (independent of helpers' parser)."""
    entries = yaml.safe_load((RAW / "manifest.yaml").read_text(encoding="utf-8"))["files"]
    (entry,) = [e for e in entries if e.get("part") == "oversikt"]
    text = (RAW / entry["file"]).read_text(encoding="utf-8")
    months = {tuple(map(int, m)) for m in re.findall(r'"(\d{4})-(\d{2})(?:-\d{2})?"', text)}
    return max(months)


def test_the_monthly_stamp_names_the_last_month_and_the_export_date():
    year, month = latest_month_in_series()
    meta = raw_metadata()
    assert meta["sist_oppdatert"].startswith(f"{year}-{month:02d}"), "metadata and series agree on the last month"
    day = int(meta["generert"][8:10])
    export_year, export_month = int(meta["generert"][:4]), int(meta["generert"][5:7])
    english = data_stamp(["monthly"], "en")
    assert f"**{monthly_raw.MONTHS_EN[month - 1]} {year}**" in english
    assert f"{day} {monthly_raw.MONTHS_EN[export_month - 1]} {export_year}" in english
    norsk = data_stamp(["monthly"], "nb")
    assert f"**{MONTHS_NB[month - 1]} {year}**" in norsk
    assert f"{day}. {MONTHS_NB[export_month - 1]} {export_year}" in norsk
    assert "navikt/arbeidsmarkedstiltak-app" in english and "navikt/arbeidsmarkedstiltak-app" in norsk


def test_the_tables_stamp_runs_to_the_last_printed_month():
    text = data_stamp(["participants"], "en")
    assert "November 2016" in text and "**May 2021**" in text  # seed 002 is the Jan-May 2021 table (manifest period)
    assert "mai 2021" in data_stamp(["participants"], "nb")


def test_csv_stamp_is_one_plain_line():
    line = csv_stamp(["monthly", "audit"], "nb")
    assert "\n" not in line and "*" not in line and line.startswith("Datagrunnlag:")


def test_unknown_source_or_language_is_an_error():
    with pytest.raises(ValueError, match="unknown source"):
        data_stamp(["montly"])
    with pytest.raises(ValueError, match="lang"):
        data_stamp(["monthly"], "sv")
