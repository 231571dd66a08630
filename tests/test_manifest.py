"""The raw files are the published texts, unchanged, and the manifest describes them truly."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess

import pytest

import helpers
from helpers.errors import IntegrityError, ReconciliationError
from helpers.tidy import parse_files

from . import monthly_raw
from .conftest import RAW, ROOT

ENTRIES = helpers.manifest()


def test_manifest_lists_every_raw_file_and_nothing_else():
    listed = {entry["file"] for entry in ENTRIES}
    on_disk = {path.name for path in RAW.iterdir() if path.is_file() and path.name != "manifest.yaml"}
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
    for field in ("publisher", "nav_title", "table", "breakdowns", "format"):
        assert entry[field], f"{entry['file']}: {field} is empty"
    assert entry.get("seed") or entry.get("copied_from"), f"{entry['file']}: no seed or copied_from"


# No test compares a raw file with the text it was copied from: those texts are not in the repository (a clone
# has no copy of them), and such a test could only pass without checking. Each file's sha256 and line count
# were recorded in the manifest when it was copied byte for byte; test_checksum_and_line_count pins them.


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


MONTHLY = [e for e in ENTRIES if e["table"] == "monthly"]


def test_monthly_entries_match_the_table_in_source_md():
    """Each JSON file's sha256, origin path and commit are the ones SOURCE.md lists (read from its copy)."""
    source_md = next(e for e in ENTRIES if e["table"] == "provenance")
    text = (RAW / source_md["file"]).read_text(encoding="utf-8")
    rows = [
        [c.strip() for c in line.strip("|").split("|")]
        for line in text.split("\n")
        if line.startswith("| ") and ".json |" in line
    ]
    listed = {cells[0]: cells for cells in rows}
    assert len(MONTHLY) == len(listed) == 6
    commits = {entry["origin"]["commit"] for entry in MONTHLY}
    assert len(commits) == 1, "all six files come from one commit of the app"
    (commit,) = commits  # None where make refresh was not told the commit
    assert (f"Full commit: `{commit}`" if commit else "Full commit: not recorded") in text
    assert commit is None or re.fullmatch(r"[0-9a-f]{40}", commit)
    meta = json.loads((RAW / monthly_raw.file_name("metadata")).read_text(encoding="utf-8"))
    first, last = meta["tidligste"][:7], meta["sist_oppdatert"][:7]
    assert text.startswith(f"# NAV tiltaksdeltakere (TILT100–TILT180), monthly, {first} … {last}\n")
    for entry in MONTHLY:
        name = entry["origin"]["path"].rsplit("/", 1)[1]
        assert entry["file"] == f"nav_tilt_{first}_{last}_{name}" and entry["part"] == name.removesuffix(".json")
        assert entry["origin"] == {"repository": "navikt/arbeidsmarkedstiltak-app", "path": f"data/web/{name}", "commit": commit}
        assert listed[name][1] == f"data/web/{name}" and listed[name][5] == entry["sha256"]
        assert listed[name][2] == (f"{commit[:7]}…" if commit else "not recorded")
        assert entry["period"] == f"{first}/{last}" and entry["exported"] == meta["generert"]
    assert source_md["file"] == f"nav_tilt_{first}_{last}_SOURCE.md" and source_md["period"] == f"{first}/{last}"


def test_a_changed_monthly_file_is_refused(tmp_path):
    from helpers.monthly import load_monthly_series

    for entry in MONTHLY:
        (tmp_path / entry["file"]).write_bytes((RAW / entry["file"]).read_bytes())
    target = tmp_path / MONTHLY[0]["file"]
    data = target.read_bytes()
    count = re.search(rb'"antall":(\d+)', data)  # the first record's count, one less
    target.write_bytes(data[: count.start(1)] + str(int(count[1]) - 1).encode() + data[count.end(1) :])
    with pytest.raises(IntegrityError, match=MONTHLY[0]["file"]):
        load_monthly_series(tmp_path)
    with pytest.raises(ReconciliationError, match="record 0: the status_group total of Andre på tiltak"):
        load_monthly_series(tmp_path, verify=False)  # and the arithmetic sees this change too


def test_data_files_are_kept_byte_for_byte_by_git():
    """.gitattributes: no line-ending conversion for anything under data/ (a CRLF checkout would change every sha256)."""
    files = [str(p.relative_to(ROOT)) for p in (ROOT / "data").rglob("*") if p.is_file() and ".cache" not in p.parts]
    out = subprocess.run(["git", "check-attr", "text", "--", *files], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    attributes = dict(line.rsplit(": text: ", 1) for line in out.strip().split("\n"))
    assert len(attributes) == len(files) and set(attributes.values()) == {"unset"}, attributes
    out = subprocess.run(
        ["git", "check-attr", "eol", "--", "notebooks/00_start_here.ipynb", "helpers/tidy.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.count(": eol: lf") == 2
