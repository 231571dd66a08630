"""The raw files are the published texts, unchanged, and the manifest describes them truly."""

from __future__ import annotations

import hashlib

import pytest

import helpers
from helpers.errors import IntegrityError
from helpers.tidy import parse_files

from .conftest import RAW, SEEDS

ENTRIES = helpers.manifest()


def test_manifest_lists_every_raw_file_and_nothing_else():
    listed = {entry["file"] for entry in ENTRIES}
    on_disk = {path.name for path in RAW.glob("*.txt")}
    assert listed == on_disk


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e["file"])
def test_checksum_and_line_count(entry):
    data = (RAW / entry["file"]).read_bytes()
    assert hashlib.sha256(data).hexdigest() == entry["sha256"]
    assert data.count(b"\n") == entry["lines"]


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e["file"])
def test_manifest_title_is_printed_in_the_file(entry):
    text = (RAW / entry["file"]).read_text(encoding="utf-8")
    if entry["table"] == "participants":
        assert entry["nav_title"] in text
    for field in ("seed", "publisher", "nav_title", "table", "breakdowns", "format"):
        assert entry[field], f"{entry['file']}: {field} is empty"


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e["file"])
def test_raw_file_is_identical_to_the_seed_when_the_seeds_are_present(entry):
    seed = SEEDS / entry["seed"]
    if not SEEDS.exists():
        # On Binder there is no ../shared; the checksum test above still pins the content.
        assert (RAW / entry["file"]).exists()
        return
    assert seed.read_bytes() == (RAW / entry["file"]).read_bytes()


def test_periods_match_the_period_printed_in_each_table(participants):
    for entry in ENTRIES:
        if entry["table"] != "participants":
            continue
        months = participants.loc[participants["source"] == entry["file"], "period"].astype(str)
        first, _, last = entry["period"].partition("/")
        assert months.min() == first and months.max() == (last or first)


def test_a_changed_raw_file_is_refused(tmp_path):
    for entry in ENTRIES:
        (tmp_path / entry["file"]).write_bytes((RAW / entry["file"]).read_bytes())
    target = tmp_path / ENTRIES[0]["file"]
    target.write_bytes(target.read_bytes().replace(b"83 484", b"83 485", 1))
    with pytest.raises(IntegrityError, match=ENTRIES[0]["file"]):
        parse_files(tmp_path)
