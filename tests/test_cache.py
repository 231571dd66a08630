"""Data that cannot go stale or shrink silently: the disk cache, the manifest, decoding.

Each test damages a temporary copy of ``helpers/`` and ``data/`` and runs the loaders in a fresh
Python process on that copy, as a reader's kernel would (so the copy's own ``data/.cache`` is used).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

ONE_MONTH = "nav_tiltak_en_maaned_2016-11.txt"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """helpers/ and data/ (without its cache) copied to a temporary folder."""
    shutil.copytree(ROOT / "helpers", tmp_path / "helpers", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "data", tmp_path / "data", ignore=shutil.ignore_patterns(".cache"))
    return tmp_path


def run(tree: Path, code: str) -> subprocess.CompletedProcess:
    """Run Python code with the copy's helpers first on the path; the result (never raises)."""
    env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONWARNINGS": "default"}
    return subprocess.run(
        [sys.executable, "-c", "import helpers\n" + code], cwd=tree, env=env, capture_output=True, text=True, timeout=120
    )


def monthly_file(tree: Path, part: str) -> Path:
    """The copy's file of one monthly part, found through its manifest (names carry the period)."""
    import yaml

    entries = yaml.safe_load((tree / "data/raw/manifest.yaml").read_text(encoding="utf-8"))["files"]
    return tree / "data/raw" / next(e["file"] for e in entries if e.get("part") == part)


WARM = "helpers.load_participants(); helpers.load_monthly_series(); print('warm')"


def test_a_changed_monthly_file_is_refused_even_with_a_warm_cache(tree):
    assert run(tree, WARM).stdout.strip() == "warm"
    assert list((tree / "data/.cache").glob("monthly-*.pkl"))
    path = monthly_file(tree, "oversikt")
    data = path.read_bytes()
    first = data.index(b'"antall":') + len(b'"antall":')
    path.write_bytes(data[:first] + (b"9" if data[first : first + 1] != b"9" else b"8") + data[first + 1 :])
    result = run(tree, "helpers.load_monthly_series()")
    assert result.returncode != 0
    assert "IntegrityError" in result.stderr and f"{path.name}: sha256" in result.stderr
    assert "the raw file was changed" in result.stderr


def test_a_truncated_participant_table_is_refused_even_with_a_warm_cache(tree):
    assert run(tree, WARM).stdout.strip() == "warm"
    path = tree / "data/raw" / ONE_MONTH
    path.write_bytes(path.read_bytes()[:-200])
    result = run(tree, "helpers.load_participants()")
    assert result.returncode != 0 and f"IntegrityError: {ONE_MONTH}: sha256" in result.stderr


def test_a_manifest_without_an_entry_is_an_error_not_fewer_rows(tree):
    manifest = tree / "data/raw/manifest.yaml"
    text = manifest.read_text(encoding="utf-8")
    start = text.index(f"  - file: {ONE_MONTH}")
    end = text.index("  - file:", start + 1)
    manifest.write_text(text[:start] + text[end:], encoding="utf-8")
    result = run(tree, "helpers.load_participants()")
    assert result.returncode != 0
    assert f"manifest.yaml: {ONE_MONTH} is in raw/ but not listed" in result.stderr


def test_a_misspelt_table_in_the_manifest_names_its_line(tree):
    manifest = tree / "data/raw/manifest.yaml"
    lines = manifest.read_text(encoding="utf-8").split("\n")
    entry = lines.index(f"  - file: {ONE_MONTH}")
    table = next(i for i in range(entry, len(lines)) if lines[i].strip() == "table: participants")
    lines[table] = lines[table].replace("participants", "participant")
    manifest.write_text("\n".join(lines), encoding="utf-8")
    result = run(tree, "helpers.load_participants()")
    assert f"manifest.yaml, line {entry + 1}: {ONE_MONTH} has table 'participant'; expected one of" in result.stderr


def test_a_manifest_entry_whose_file_is_gone_is_named(tree):
    path = monthly_file(tree, "tiltakstyper_andre")
    path.unlink()
    result = run(tree, "helpers.load_monthly_series()")
    assert f"{path.name} is listed but missing from raw/" in result.stderr


def test_a_corrupt_cache_is_ignored_with_a_warning(tree):
    assert run(tree, WARM).stdout.strip() == "warm"
    for pickled in (tree / "data/.cache").glob("*.pkl"):
        pickled.write_bytes(pickled.read_bytes()[:1000])
    result = run(tree, "print(len(helpers.load_monthly_series()), len(helpers.load_participants()))")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("RuntimeWarning: ignoring the disk cache") == 2
    fresh = run(tree, "print(len(helpers.load_monthly_series(cache=False)), len(helpers.load_participants(cache=False)))")
    assert result.stdout == fresh.stdout and result.stdout.strip()


def test_an_unreadable_cache_and_an_unwritable_cache_folder_never_crash(tree):
    assert run(tree, WARM).stdout.strip() == "warm"
    for pickled in (tree / "data/.cache").glob("*.pkl"):  # a folder where the pickle should be: cannot be read or removed
        pickled.unlink()
        (pickled / "x").mkdir(parents=True)
    result = run(tree, "print(len(helpers.load_monthly_series()))")
    assert result.returncode == 0, result.stderr
    assert "ignoring the disk cache monthly-" in result.stderr and "IsADirectoryError" in result.stderr
    shutil.rmtree(tree / "data/.cache")
    (tree / "data/.cache").write_text("not a folder")  # as in a read-only tree: the cache cannot be written
    result = run(tree, "print(len(helpers.load_monthly_series()), len(helpers.load_participants()))")
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout.split()
        == run(
            tree, "print(len(helpers.load_monthly_series(cache=False)), len(helpers.load_participants(cache=False)))"
        ).stdout.split()
    )


def test_a_monthly_file_cut_inside_a_character_names_the_file(tree):
    path = monthly_file(tree, "hovedgrupper")
    data = path.read_bytes()
    cut = data.index("ø".encode()) + 1  # inside the two bytes of 'ø'
    path.write_bytes(data[:cut])
    result = run(tree, "helpers.load_monthly_series(verify=False)")
    assert f"ParseError: {path.name}, line 1: bytes that are not UTF-8 at byte {cut - 1}" in result.stderr
    assert "cut short?" in result.stderr


def test_a_table_cut_inside_a_character_names_the_file_and_line(tree):
    path = tree / "data/raw" / ONE_MONTH
    data = path.read_bytes()
    cut = data.index("å".encode()) + 1
    path.write_bytes(data[:cut])
    line = data[:cut].count(b"\n") + 1
    result = run(tree, "from helpers.tidy import parse_files; parse_files(verify=False)")
    assert f"ParseError: {ONE_MONTH}, line {line}: bytes that are not UTF-8" in result.stderr
