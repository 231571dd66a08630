"""`make refresh FROM=<folder>`: NAV's next monthly copy taken in one command, a damaged one refused.

A newer copy is built from the shipped JSON with plain ``json`` (tests/newer_copy.py: one more month, one
old month revised, one new programme), and `make refresh` runs (without executing the notebooks) in a copy
of this checkout. Expected values come from the JSON files, never from the loader or the script.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from . import newer_copy
from .conftest import RAW, reader_env, repository_copy

PARTS = (*newer_copy.PARTS, "metadata")


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under data/ (but the cache) and the crosswalk, byte for byte."""
    files = [p for p in (root / "data").rglob("*") if p.is_file() and ".cache" not in p.parts]
    return {str(p.relative_to(root)): p.read_bytes() for p in [*files, root / "helpers" / "crosswalk_2023.csv"]}


def refresh(root: Path, folder: Path, *args: str) -> subprocess.CompletedProcess:
    """`make refresh FROM=folder` in ``root`` as a reader runs it, without executing the notebooks.

    ``-o setup``: the copy shares this checkout's .venv, and a set-up step run in the copy would point the
    shared environment's editable install at the temporary copy (``pip install -e .``).
    """
    extra = " ".join(("--no-execute", *args))
    return subprocess.run(
        ["make", "-o", "setup", "refresh", f"FROM={folder}", f"REFRESH_ARGS={extra}"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        env=reader_env(),
    )


def load(root: Path, code: str) -> str:
    """Run code with the copy's helpers in a fresh process; its printed output."""
    done = subprocess.run(
        [sys.executable, "-c", "import helpers\nfrom helpers import monthly\n" + code],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory):
    """A copy of the checkout after `make refresh` of a newer copy: (root, what was built, make's result)."""
    root = repository_copy(tmp_path_factory.mktemp("repo"))
    folder = tmp_path_factory.mktemp("newer")
    built = newer_copy.build(RAW, folder)
    return root, built, refresh(root, folder)


def test_refresh_succeeds_and_reports_new_month_revisions_and_new_programme(refreshed):
    root, built, done = refreshed
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    out = done.stdout
    assert "pip install" not in out
    assert f"New months: {built.next_month}\n" in out
    assert f"Revised cells in months already published: {len(built.revised)}\n" in out
    status = {"Nedsatt arbeidsevne": "Nedsatt arbeidsevne, på tiltak"}
    for period, group_of_status, group, programme, old, new in built.revised:
        label = " / ".join((status[group_of_status], group or "I alt", programme or "I alt"))
        assert f"  {period} {label}: {old} → {new}\n" in out
    s, g, p = built.new_programme
    assert f"New programme series: 1\n  {status[s]} / {g} / {p}\n" in out
    assert "Programme series no longer in the copy: 0" in out
    assert f"programme {p!r}" in out.split("To do by hand:")[1]  # the crosswalk needs its row


def test_refresh_replaces_the_files_under_names_with_the_new_period(refreshed):
    root, built, _ = refreshed
    raw = root / "data" / "raw"
    first = json.loads((RAW / newer_copy.raw_files(RAW)["metadata"].name).read_text(encoding="utf-8"))["tidligste"][:7]
    stem = f"nav_tilt_{first}_{built.next_month}"
    assert {p.name for p in raw.glob("nav_tilt_*")} == {f"{stem}_{part}.json" for part in PARTS} | {f"{stem}_SOURCE.md"}
    entries = yaml.safe_load((raw / "manifest.yaml").read_text(encoding="utf-8"))["files"]
    monthly = {e["part"]: e for e in entries if e["table"] == "monthly"}
    generated = json.loads((raw / f"{stem}_metadata.json").read_text(encoding="utf-8"))["generert"]
    source_md = (raw / f"{stem}_SOURCE.md").read_text(encoding="utf-8")
    for part, entry in monthly.items():
        data = (raw / entry["file"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest() and entry["lines"] == data.count(b"\n")
        assert entry["period"] == f"{first}/{built.next_month}" and entry["exported"] == generated
        assert f"| {part}.json | data/web/{part}.json | not recorded | " in source_md and entry["sha256"] in source_md
    note = next(e for e in entries if e["table"] == "provenance")
    assert note["file"] == f"{stem}_SOURCE.md" and note["sha256"] == hashlib.sha256((raw / note["file"]).read_bytes()).hexdigest()
    assert source_md.startswith(f"# NAV tiltaksdeltakere (TILT100–TILT180), monthly, {first} … {built.next_month}\n")
    assert f"1 new month(s) ({built.next_month}), {len(built.revised)} revised cell(s)" in source_md


def test_the_loaders_read_the_new_copy(refreshed):
    root, built, _ = refreshed
    s, g, p = built.new_programme
    period, _, group, programme, _, revised_value = built.revised[0]
    printed = load(
        root,
        f"""
frame = helpers.load_monthly_series()
report = helpers.reconcile_monthly(frame)
meta = monthly.load_monthly_metadata()
new = frame[(frame.programme == {p!r}) & (frame.period.astype(str) == {built.next_month!r})]
old = frame[(frame.programme == {programme!r}) & (frame.programme_group == {group!r}) & (frame.status_group.str.startswith({s!r}))
            & (frame.period.astype(str) == {period!r})]
print(meta.latest, frame.period.max(), bool(report.ok.all()), len(report), new.value.tolist(), old.value.tolist())
print(len(helpers.load_participants()))
""",
    ).split("\n")
    records = sum(
        len(json.loads((RAW / newer_copy.raw_files(RAW)[part].name).read_text(encoding="utf-8"))) for part in newer_copy.PARTS
    )
    assert printed[0].split(" ")[:3] == [built.next_month, built.next_month, "True"]
    assert printed[0].endswith(f"[{newer_copy.NEW_PROGRAMME['antall']}] [{revised_value}]")
    assert int(printed[0].split(" ")[3]) > 0
    shipped = load(Path(__file__).resolve().parent.parent, "print(len(helpers.load_participants()))")
    assert printed[1] == shipped.strip()  # the three older tables are untouched
    rows = int(load(root, "print(len(helpers.load_monthly_series()))"))
    series_in_last_month = sum(
        1
        for part in newer_copy.PARTS
        for r in json.loads((RAW / newer_copy.raw_files(RAW)[part].name).read_text(encoding="utf-8"))
        if r["periode"][:7] == built.latest
    )
    assert rows == records + series_in_last_month + 1  # one more month of every series, and the new programme


def test_the_crosswalk_months_follow_the_new_copy(refreshed):
    root, built, _ = refreshed
    import csv

    rows = list(csv.DictReader((root / "helpers" / "crosswalk_2023.csv").open(encoding="utf-8")))
    shipped = list(csv.DictReader((RAW.parent.parent / "helpers" / "crosswalk_2023.csv").open(encoding="utf-8")))
    for new, old in zip(rows, shipped, strict=True):
        assert {k: v for k, v in new.items() if k != "last_seen"} == {k: v for k, v in old.items() if k != "last_seen"}
        assert new["last_seen"] == (built.next_month if old["last_seen"] == built.latest else old["last_seen"])


@pytest.fixture(scope="module")
def untouched(tmp_path_factory):
    """A copy of the checkout for refused refreshes, and its data as it was."""
    root = repository_copy(tmp_path_factory.mktemp("repo-refused"))
    return root, snapshot(root)


def damaged(tmp: Path, change) -> Path:
    """A newer copy in a fresh folder, then ``change(folder)`` applied to it."""
    folder = tmp / "newer"
    newer_copy.build(RAW, folder)
    change(folder)
    return folder


def cut_inside_a_character(folder: Path) -> None:
    path = folder / "hovedgrupper.json"
    data = path.read_bytes()
    path.write_bytes(data[: data.index("ø".encode()) + 1])


def unbalanced_total(folder: Path) -> None:
    path = folder / "oversikt.json"
    records = json.loads(path.read_text(encoding="utf-8"))
    records[5]["antall"] += 1
    path.write_bytes(newer_copy.dump(records))


def lost_month(folder: Path) -> None:
    for part in newer_copy.PARTS:
        records = [r for r in json.loads((folder / f"{part}.json").read_text(encoding="utf-8")) if r["periode"] != "2023-01-01"]
        (folder / f"{part}.json").write_bytes(newer_copy.dump(records))
    meta = folder / "metadata.json"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace('"tidligste": "2023-01-01"', '"tidligste": "2023-02-01"'), encoding="utf-8"
    )


def first_record_of(folder: Path, part: str) -> str:
    record = json.loads((folder / f"{part}.json").read_text(encoding="utf-8"))[5]
    return f"{record['periode'][:7]} is {record['antall']}"


@pytest.mark.parametrize(
    "change,message",
    [
        (cut_inside_a_character, "Refused: {folder}/hovedgrupper.json, line 1: bytes that are not UTF-8 at byte"),
        (unbalanced_total, "Refused: {folder}/oversikt.json: record 5: the status_group total of Andre på tiltak / I alt in"),
        (
            lambda folder: (folder / "tiltakstyper_andre.json").unlink(),
            "Refused: {folder}/tiltakstyper_andre.json: missing; expected NAV's six files",
        ),
        (
            lambda folder: (folder / "metadata.json").write_text("{}", encoding="utf-8"),
            "Refused: {folder}/metadata.json: not the export's metadata object",
        ),
        (
            lambda folder: (folder / "tiltakstyper_nedsatt.json").write_bytes(
                (folder / "tiltakstyper_nedsatt.json").read_bytes().replace(b'"antall":', b'"antall":"', 1)
            ),
            "Refused: {folder}/tiltakstyper_nedsatt.json, line 1: malformed JSON",
        ),
        (lost_month, "Refused: the newer copy lacks 1 month(s) the current copy has (2023-01 … 2023-01); data/ is unchanged"),
    ],
    ids=["cut-in-a-character", "unbalanced-total", "missing-file", "empty-metadata", "malformed-json", "lost-month"],
)
def test_a_damaged_copy_is_refused_and_data_stays_byte_for_byte(untouched, tmp_path, change, message):
    root, before = untouched
    folder = damaged(tmp_path, change)
    done = refresh(root, folder)
    assert done.returncode != 0
    assert message.format(folder=folder) in done.stderr, done.stderr[-2000:]
    assert snapshot(root) == before


def test_the_copy_already_in_data_raw_changes_nothing(untouched, tmp_path):
    root, before = untouched
    folder = tmp_path / "same"
    folder.mkdir()
    for part, path in newer_copy.raw_files(RAW).items():
        (folder / f"{part}.json").write_bytes(path.read_bytes())
    done = refresh(root, folder)
    assert done.returncode == 0 and "nothing to do" in done.stdout
    assert snapshot(root) == before


def test_make_refresh_without_a_folder_says_how(untouched):
    root, before = untouched
    done = subprocess.run(["make", "-o", "setup", "refresh"], cwd=root, capture_output=True, text=True, env=reader_env())
    assert done.returncode != 0 and "make refresh FROM=path/to/folder" in done.stdout
    assert snapshot(root) == before
