"""NAV's monthly copy read the plain way for tests: file names from the manifest, values with ``json``.

NAV publishes a newer copy every month (``make refresh FROM=…``), and the files' names carry the copy's
months, so a test never types a file name, the latest month or a count that belongs to one copy: it
takes them from here. Nothing here uses ``helpers`` (expected values must not come from the code under test).
"""

from __future__ import annotations

import copy
import functools
import json
from pathlib import Path

import yaml

RAW = Path(__file__).resolve().parent.parent / "data" / "raw"
PARTS = ("oversikt", "hovedgrupper", "tiltakstyper_arbeidssokere", "tiltakstyper_nedsatt", "tiltakstyper_andre")
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTHS_NB = (
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
)


def manifest_entries(raw: Path = RAW) -> list[dict]:
    """The manifest's entries, read again whenever the file changed (tests edit copies of it)."""
    path = raw / "manifest.yaml"
    status = path.stat()
    return copy.deepcopy(_manifest_entries(str(path), status.st_mtime_ns, status.st_size))


@functools.cache
def _manifest_entries(path: str, mtime_ns: int, size: int) -> list[dict]:
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))["files"]


def file_name(part: str, raw: Path = RAW) -> str:
    """The copy's file of one part (oversikt … metadata, or SOURCE for the provenance note), as the manifest names it."""
    entries = manifest_entries(raw)
    if part == "SOURCE":
        return next(e["file"] for e in entries if e["table"] == "provenance")
    return next(e["file"] for e in entries if e["table"] == "monthly" and e["part"] == part)


@functools.cache
def records(part: str) -> tuple[dict, ...]:
    """One list file's records, in file order."""
    return tuple(json.loads((RAW / file_name(part)).read_text(encoding="utf-8")))


@functools.cache
def metadata() -> dict:
    return json.loads((RAW / file_name("metadata")).read_text(encoding="utf-8"))


def latest_month() -> str:
    """The copy's latest month, 'YYYY-MM' (metadata's sist_oppdatert)."""
    return metadata()["sist_oppdatert"][:7]


def earliest_month() -> str:
    return metadata()["tidligste"][:7]


def month_name(period: str) -> str:
    """'2026-05' -> 'May 2026'."""
    return f"{MONTHS_EN[int(period[5:7]) - 1]} {period[:4]}"
