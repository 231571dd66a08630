"""NAV's monthly participant series from 2023-01 to the copy's latest month (TILT100–TILT180) as one tidy frame.

The source is the JSON that NAV's repository ``navikt/arbeidsmarkedstiltak-app`` derives from NAV's
Excel tables (``data/raw/nav_tilt_<first>_<last>_*``, found through the manifest; read the ``…_SOURCE.md``
next to them). NAV publishes a newer copy every month: ``make refresh FROM=<folder>`` takes it
(``scripts/refresh.py``), and :func:`load_monthly_metadata` says which months a copy covers. Three
traps shape this module:

- ``null`` is NAV's ``*`` (0-3) *or* a programme that did not run that month; the source does not
  say which. ``null_reading`` records what the series around it suggests (see :func:`null_reading`),
  and every check treats a null as unknown within 0-3 (a programme not running counts 0).
- The status-group totals (``oversikt``) are the app's sum of its programme groups with nulls
  counted as 0, not NAV's printed "I alt": they match their groups exactly and may sit up to
  3 per null group below NAV's own total.
- ``brudd`` (``series_break``) is set by the app's code for jobseekers in April-July 2025 only; the
  register change it marks also moved people into *Andre på tiltak*, unflagged.

Each record is read strictly: a malformed file, a missing or extra field, a count that is not a
whole number ≥ 0, a period that is not the first of a month, a duplicate key, an unknown label or
a sum that does not reconcile raises a :class:`ParseError` naming the file and the record
(0-based position in the file's JSON array, so ``json.load(f)[record]`` is the record).
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from . import vocabulary as vocab
from .errors import ParseError, ReconciliationError
from .parsing import decode_text
from .tidy import CACHE_DIR, PACKAGE_DIR, RAW_DIR, manifest, raw_digest, read_cache, verify_file, write_cache

T = vocab.TOTAL
KEY: tuple[str, ...] = ("period", "status_group", "programme_group", "programme", "measure")
COLUMNS: tuple[str, ...] = (*KEY, "value", "source_null", "null_reading", "series_break", "source", "record")
# The app's målgruppe -> the collection's status group (NAV heads each TILT block "I alt <group> på tiltak").
STATUS: dict[str, str] = {
    "Arbeidssøkere": "Arbeidssøkere på tiltak",
    "Nedsatt arbeidsevne": "Nedsatt arbeidsevne, på tiltak",
    "Andre på tiltak": "Andre på tiltak",
}
FIELDS: dict[str, tuple[str, ...]] = {
    "oversikt": ("maalgruppe", "periode", "antall", "brudd"),
    "hovedgrupper": ("maalgruppe", "hovedgruppe", "periode", "antall", "brudd"),
    "tiltakstyper": ("maalgruppe", "hovedgruppe", "undertype", "periode", "antall", "brudd"),
}
FILE_GROUP = {
    "tiltakstyper_arbeidssokere": "Arbeidssøkere",
    "tiltakstyper_nedsatt": "Nedsatt arbeidsevne",
    "tiltakstyper_andre": "Andre på tiltak",
}
FIELDS_ORDER = ("oversikt", "hovedgrupper", "tiltakstyper_arbeidssokere", "tiltakstyper_nedsatt", "tiltakstyper_andre")
READINGS: dict[str, str] = {
    "": "a number was published",
    "0-3": "one or two nulls between published counts of the same series: NAV's '*' (0-3), read as unknown within 0-3",
    "pause or 0-3": "three or more nulls in a row between published counts: 0-3 each month, or a pause (e.g. a seasonal programme)",
    "before first count": "null before the series' first published count: 0-3, or the programme had not started",
    "after last count": "null after the series' last published count: 0-3, or the programme had ended",
    "never counted": "null in every month of the series: 0-3 throughout, or not running",
}
PERIOD = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DUPLICATE = "\x00duplicate field"


def monthly_files() -> dict[str, dict]:
    """Manifest entries of the monthly series, by part (oversikt, hovedgrupper, tiltakstyper_*, metadata)."""
    return {entry["part"]: entry for entry in manifest() if entry["table"] == "monthly"}


def _pairs(pairs: list[tuple[str, object]]) -> dict:
    record = dict(pairs)
    if len(record) < len(pairs):
        names = [name for name, _ in pairs]
        record[_DUPLICATE] = next(n for n in names if names.count(n) > 1)
    return record


def _decode(text: str, source: str) -> object:
    try:
        return json.loads(text, object_pairs_hook=_pairs)
    except json.JSONDecodeError as error:
        near = max(text.count("{", 0, error.pos) - 1, 0)
        raise ParseError(
            source,
            error.lineno,
            f"malformed JSON at column {error.colno} (near record {near}): {error.msg}",
            "a JSON array of flat records",
        ) from None


def _fail(source: str, i: int, problem: str, expected: str | None = None) -> ParseError:
    return ParseError(source, None, f"record {i}: {problem}", expected)


def _check_record(r: object, i: int, source: str, fields: tuple[str, ...]) -> str:
    """Check one record's fields and types; return its period as 'YYYY-MM'."""
    if not isinstance(r, dict):
        raise _fail(source, i, f"{type(r).__name__} instead of a record", "a JSON object")
    if _DUPLICATE in r:
        raise _fail(source, i, f"field {r[_DUPLICATE]!r} given twice", "each field once")
    if missing := [f for f in fields if f not in r]:
        raise _fail(source, i, f"missing field {missing[0]!r}", f"fields {', '.join(fields)}")
    if extra := [f for f in r if f not in fields]:
        raise _fail(source, i, f"unexpected field {extra[0]!r}", f"fields {', '.join(fields)}")
    n = r["antall"]
    if n is not None and (type(n) is not int or n < 0):
        raise _fail(source, i, f"antall is {n!r}", "a whole number ≥ 0, or null")
    if type(r["brudd"]) is not bool:
        raise _fail(source, i, f"brudd is {r['brudd']!r}", "true or false")
    if not isinstance(r["maalgruppe"], str) or r["maalgruppe"] not in STATUS:
        raise _fail(source, i, f"unknown status group (maalgruppe) {r['maalgruppe']!r}", " or ".join(map(repr, STATUS)))
    m = PERIOD.fullmatch(r["periode"]) if isinstance(r["periode"], str) else None
    if not m or not 1 <= int(m[2]) <= 12 or not 1 <= int(m[3]) <= 31:
        raise _fail(source, i, f"periode {r['periode']!r} is not a date", "YYYY-MM-01")
    if m[3] != "01":
        raise _fail(source, i, f"periode {r['periode']!r} is not the first of a month", "YYYY-MM-01")
    for name in ("hovedgruppe", "undertype"):
        if name in r and not isinstance(r[name], str):
            raise _fail(source, i, f"{name} is {r[name]!r}", "a label")
    if "hovedgruppe" in r and r["hovedgruppe"] not in vocab.PROGRAMME_GROUPS:
        raise _fail(source, i, f"unknown programme group (hovedgruppe) {r['hovedgruppe']!r}", "a label of helpers.vocabulary")
    if "undertype" in r and vocab.PROGRAMMES.get(r["undertype"], ("",))[0] != r["hovedgruppe"]:
        raise _fail(
            source,
            i,
            f"programme (undertype) {r['undertype']!r} is not known in {r['hovedgruppe']!r}",
            "a programme of helpers.vocabulary in its own group",
        )
    return r["periode"][:7]


def _rows(part: str, records: object, source: str) -> list[tuple]:
    """One file's records as rows (period, status, group, programme, value, break, source, record)."""
    if not isinstance(records, list) or not records:
        raise ParseError(source, None, "not a non-empty JSON array", "a JSON array of records")
    fields = FIELDS[part.split("_")[0]]
    rows = []
    for i, r in enumerate(records):
        period = _check_record(r, i, source, fields)
        if part in FILE_GROUP and r["maalgruppe"] != FILE_GROUP[part]:
            raise _fail(source, i, f"maalgruppe {r['maalgruppe']!r} in the file of {FILE_GROUP[part]!r}", repr(FILE_GROUP[part]))
        rows.append(
            (period, STATUS[r["maalgruppe"]], r.get("hovedgruppe", T), r.get("undertype", T), r["antall"], r["brudd"], source, i)
        )
    return rows


def _check_structure(rows: list[tuple], meta: object, meta_source: str) -> None:
    """Unique keys, one break flag per status group and month, and the series the metadata promise."""
    if not isinstance(meta, dict) or not {"tidligste", "sist_oppdatert", "n_hovedgrupper", "n_tiltakstyper"} <= set(meta):
        raise ParseError(
            meta_source, None, "not the export's metadata object", "tidligste, sist_oppdatert, n_hovedgrupper, n_tiltakstyper"
        )
    first, last = str(meta["tidligste"])[:7], str(meta["sist_oppdatert"])[:7]
    months = [str(p) for p in pd.period_range(first, last, freq="M")]
    seen: dict[tuple, tuple] = {}
    votes: dict[tuple, list[int]] = {}
    for row in rows:
        period, status, group, programme, _, brudd, source, i = row
        if (old := seen.setdefault((period, status, group, programme), row)) is not row:
            raise _fail(
                source,
                i,
                f"duplicate key {period} / {status} / {group} / {programme} (also {old[6]}, record {old[7]})",
                "one record per key",
            )
        votes.setdefault((period, status), [0, 0])[brudd] += 1
        if not first <= period <= last:
            raise _fail(source, i, f"periode {period} outside {first} … {last} (metadata)", "a month the metadata covers")
    for period, status, *_, brudd, source, i in rows:  # the app sets brudd per status group and month
        if (v := votes[(period, status)])[brudd] <= v[not brudd]:
            raise _fail(
                source,
                i,
                f"brudd is {str(brudd).lower()} but {v[not brudd]} records of {status} in {period} say {str(not brudd).lower()}",
                "one brudd per status group and month",
            )
    groups = {(s, g) for _, s, g, p, *_ in rows if g != T and p == T}
    programmes = {(s, g, p) for _, s, g, p, *_ in rows if p != T}
    if (len(groups), len(programmes)) != (meta["n_hovedgrupper"], meta["n_tiltakstyper"]):
        raise ParseError(
            meta_source,
            None,
            f"{len(groups)} programme-group and {len(programmes)} programme series in the files",
            f"{meta['n_hovedgrupper']} and {meta['n_tiltakstyper']} as the metadata say",
        )
    for s, g in sorted({(s, T) for s in STATUS.values()} | groups):
        if lost := [m for m in months if (m, s, g, T) not in seen]:
            source = next((r[6] for r in rows if r[1:4] == (s, g, T)), meta_source)
            raise ParseError(source, None, f"the series {s} / {g} lacks {lost[0]}", f"every month {first} … {last} (metadata)")


def null_reading(rows: list[tuple]) -> list[str]:
    """How to read each row's null, from the published counts of the same series around it.

    A short run of nulls (one or two months) between published counts of its series is read as
    NAV's ``*`` ("0-3"); a longer run between counts may also be a pause (a seasonal programme such
    as summer jobs is off for months); before the first or after the last count the programme may
    not (yet, or any longer) have been running; a series that is null throughout is "never counted".
    Every reading still allows 0-3.
    """
    series: dict[tuple, list[tuple[str, int, bool]]] = {}
    for i, (period, s, g, p, value, *_) in enumerate(rows):
        series.setdefault((s, g, p), []).append((period, i, value is None))
    out = [""] * len(rows)
    for months in series.values():
        months.sort()
        counted = [period for period, _, null in months if not null]
        run: list[int] = []
        for period, i, null in [*months, ("", -1, False)]:  # a sentinel closes the last run
            if null:
                run.append(i)
                continue
            for j in run:
                when = rows[j][0]
                out[j] = (
                    "never counted"
                    if not counted
                    else "before first count"
                    if when < counted[0]
                    else "after last count"
                    if when > counted[-1]
                    else "0-3"
                    if len(run) <= 2
                    else "pause or 0-3"
                )
            run = []
    return out


CHECK_COLUMNS = (
    "level",
    "period",
    "status_group",
    "programme_group",
    "total",
    "total_null",
    "parts",
    "null_parts",
    "visible_sum",
    "lower",
    "upper",
    "ok",
    "source",
    "record",
)


def check_totals(rows: list[tuple]) -> list[tuple]:
    """Every total against its parts (plain Python: it runs on every load).

    ``status_group``: the status group's total (oversikt) equals the sum of its programme groups
    exactly, nulls counted as 0, because that is how the app computed it. ``programme_group``: a
    group's count lies between the sum of its programmes' counts and that sum plus 3 per null
    programme (a null total is 0-3). ``status_group_programmes``: the same bounds for the status
    total against all its programmes (SOURCE.md: 63 of 123 differ, by at most 7).
    """
    totals: dict[tuple, tuple] = {}
    sums: dict[tuple, list] = {}
    for period, s, g, p, value, _, source, i in rows:
        if g == T:
            totals[("status_group", period, s, T)] = totals[("status_group_programmes", period, s, T)] = (value, source, i)
            continue
        if p == T:
            totals[("programme_group", period, s, g)] = (value, source, i)
        levels = (
            [("status_group", period, s, T)]
            if p == T
            else [("programme_group", period, s, g), ("status_group_programmes", period, s, T)]
        )
        for key in levels:
            acc = sums.setdefault(key, [0, 0, 0, source, i])
            acc[0], acc[1], acc[2] = acc[0] + (value or 0), acc[1] + 1, acc[2] + (value is None)
    out = []
    for key in sorted(set(totals) | set(sums)):
        visible, parts, nulls, part_source, part_record = sums.get(key, (0, 0, 0, "", -1))
        value, source, i = totals.get(key, (None, part_source, -1))
        lower, upper = visible, visible + (0 if key[0] == "status_group" else 3 * nulls)
        ok = i >= 0 and (
            lower <= 3 if value is None and key[0] != "status_group" else value is not None and lower <= value <= upper
        )
        out.append(
            (
                *key,
                value,
                value is None and key in totals,
                parts,
                nulls,
                visible,
                lower,
                upper,
                ok,
                source,
                i if i >= 0 else part_record,
            )
        )
    return out


def build_monthly(texts: dict[str, str], sources: dict[str, str] | None = None) -> pd.DataFrame:
    """The tidy frame from the files' texts, by part (``monthly_files()`` keys): read, check, reconcile.

    ``sources`` names each part's file in errors and in the ``source`` column (default: the manifest's
    names); ``scripts/refresh.py`` passes the paths of a newer copy it checks before taking it.
    """
    if sources is None:
        sources = {part: entry["file"] for part, entry in monthly_files().items()}
    rows = [row for part in FIELDS_ORDER for row in _rows(part, _decode(texts[part], sources[part]), sources[part])]
    _check_structure(rows, _decode(texts["metadata"], sources["metadata"]), sources["metadata"])
    for level, period, s, g, value, null, parts, nulls, _, lower, upper, ok, source, i in check_totals(rows):
        if not ok:
            raise ReconciliationError(
                source,
                None,
                f"record {i}: the {level} total of {s} / {g} in {period} is {value if value is not None else 'null' if null else 'missing'}; "
                f"its {parts} parts sum to {lower} with {nulls} null",
                f"a total within {lower}-{upper}",
            )
    frame = pd.DataFrame.from_records(
        [(*r[:4], "participants", r[4], r[4] is None, reading, *r[5:]) for r, reading in zip(rows, null_reading(rows))],
        columns=list(COLUMNS),
    )
    codes, months = pd.factorize(frame["period"])
    frame["period"] = pd.PeriodIndex(months, freq="M").take(codes)
    frame["value"] = frame["value"].astype("Int64")
    frame["record"] = frame["record"].astype("int64")
    return frame


def read_texts(raw_dir: Path | None = None, verify: bool = True) -> dict[str, str]:
    """The monthly files' texts by part, each checked against its manifest sha256 unless ``verify`` is False."""
    raw_dir = RAW_DIR if raw_dir is None else raw_dir
    out = {}
    for part, entry in monthly_files().items():
        path = Path(raw_dir) / entry["file"]
        out[part] = decode_text(verify_file(path, entry["sha256"]) if verify else path.read_bytes(), entry["file"])
    return out


def _cache_path() -> Path:
    """The disk cache's file for the raw files' current bytes, their manifest sums and this code."""
    files = monthly_files()
    sums = raw_digest(e["file"] for e in files.values()) + "".join(e["sha256"] for e in files.values())
    code = b"".join((PACKAGE_DIR / n).read_bytes() for n in ("monthly.py", "vocabulary.py"))
    return CACHE_DIR / f"monthly-{hashlib.sha256(sums.encode() + code + pd.__version__.encode()).hexdigest()[:16]}.pkl"


@functools.lru_cache(maxsize=2)
def _cached(path: Path) -> pd.DataFrame:
    """The frame for one cache key: from the disk cache if it reads, else built (and checked) from the raw files."""
    frame = read_cache(path)
    if frame is None:
        frame = build_monthly(read_texts())
        write_cache(path, frame)
    return frame


def load_monthly_series(raw_dir: Path | str | None = None, verify: bool = True, cache: bool = True) -> pd.DataFrame:
    """NAV's monthly participants from 2023-01 to the copy's latest month, one row per published number.

    Columns: ``period`` (monthly Period), ``status_group``, ``programme_group``, ``programme`` ("I alt" for
    a total), ``measure`` ("participants"), ``value`` (Int64, <NA> where the source has null),
    ``source_null`` (True there), ``null_reading`` (see ``READINGS``), ``series_break`` (the source's
    ``brudd``), ``source`` (file in data/raw/) and ``record`` (0-based position in its JSON array).
    Rows come in file order (oversikt, hovedgrupper, tiltakstyper by status group), records in order.
    ``raw_dir`` reads the files from another directory (no cache); ``verify=False`` skips the checksums.
    """
    if raw_dir is None and verify and cache:
        return _cached(_cache_path()).copy()
    return build_monthly(read_texts(Path(raw_dir) if raw_dir is not None else RAW_DIR, verify))


class MonthlyMetadata(NamedTuple):
    """When NAV's monthly copy was exported and which months it covers, read from its metadata file."""

    generated: pd.Timestamp  # the export's ``generert`` (time-zone aware, as the file gives it)
    earliest: pd.Period  # first month of the series (``tidligste``)
    latest: pd.Period  # last month of the series (``sist_oppdatert``)
    source: str  # the metadata file in data/raw/


def load_monthly_metadata(raw_dir: Path | str | None = None, verify: bool = True) -> MonthlyMetadata:
    """The monthly copy's export time and its earliest and latest month, as typed values.

    Read from the copy's ``metadata.json`` (checked against its manifest sha256), never typed: a
    page that says which month its numbers run to and when the copy was made takes both from here.
    :func:`load_monthly_series` refuses a copy whose records do not cover exactly these months, so
    ``latest`` is also the last month of the series. A field missing or not a date raises a
    :class:`ParseError` naming the file.
    """
    entry = monthly_files()["metadata"]
    path = Path(raw_dir if raw_dir is not None else RAW_DIR) / entry["file"]
    data = verify_file(path, entry["sha256"]) if verify else path.read_bytes()
    meta = _decode(decode_text(data, entry["file"]), entry["file"])
    values = {}
    for field, parse in (
        ("generert", pd.Timestamp),
        ("tidligste", lambda v: pd.Period(v, freq="M")),
        ("sist_oppdatert", lambda v: pd.Period(v, freq="M")),
    ):
        value = meta.get(field) if isinstance(meta, dict) else None
        try:
            if not isinstance(value, str):
                raise ValueError(value)
            values[field] = parse(value)
        except ValueError:
            raise ParseError(entry["file"], None, f"{field} is {value!r}", "a date such as 2026-06-16T08:23:49+0200") from None
    return MonthlyMetadata(values["generert"], values["tidligste"], values["sist_oppdatert"], entry["file"])


def reconcile_monthly(frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per total checked (see :func:`check_totals`): its parts' sum, nulls, bounds and ``ok``."""
    frame = load_monthly_series() if frame is None else frame
    values = frame["value"].astype(object).where(frame["value"].notna(), None)
    rows = list(
        zip(
            frame["period"].astype(str),
            frame["status_group"],
            frame["programme_group"],
            frame["programme"],
            values,
            frame["series_break"],
            frame["source"],
            frame["record"],
        )
    )
    return pd.DataFrame.from_records(check_totals(rows), columns=list(CHECK_COLUMNS))


CROSSWALK_2023 = PACKAGE_DIR / "crosswalk_2023.csv"


def load_crosswalk_2023() -> pd.DataFrame:
    """How each label of the 2023- series relates to the older tables (``helpers/crosswalk_2023.csv``).

    One row per status group, programme group and programme of the monthly series, plus the
    programmes printed in 2021 that have no record here (``ended``): ``level``, ``label`` (the
    collection's), ``source_label`` (the JSON's), ``programme_group``, ``first_seen``/``last_seen``
    (first and last month with a published count), ``relation`` (same, new, replaced by, ended,
    against the tables up to May 2021), ``successor``, ``predecessor``, ``note``, ``certainty``
    (v stated or visible in the data, i inferred, ? uncertain).
    """
    return pd.read_csv(CROSSWALK_2023, encoding="utf-8", dtype=str, keep_default_na=False)


__all__ = [
    "load_monthly_series",
    "load_monthly_metadata",
    "MonthlyMetadata",
    "reconcile_monthly",
    "load_crosswalk_2023",
    "null_reading",
    "READINGS",
]
