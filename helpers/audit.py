"""The audit's own numbers: Riksrevisjonen's Dokument 3:5 (2017–2018) as tidy, traceable tables.

The report prints eleven numbered tables (Tabell 1–11) and states many more figures only in its
prose. Both are transcribed in ``data/audit/`` with the report line each number is printed on, so a
notebook can quote the audit without retyping it, and a reader can check any value against
``data/raw/riksrevisjonen_dokument_3-5_2017-2018.txt``:

- :func:`load_audit_table` — one table, one row per printed value (``value``, ``unit``, ``line``).
- :func:`audit_tables` — what each table is: titles, units, N, period, population, notes.
- :func:`load_audit_findings` — headline figures from the prose and the figure captions.
- :func:`load_audit_inconsistencies` — where the report contradicts itself (recorded, not fixed).
- :func:`cost_per_place`, :func:`waiting_for_plan_extra`, :func:`activity_plan_change` — figures
  derived from the tables for the notebooks, each computed from the CSVs.
"""

from __future__ import annotations

import copy
import csv
import functools
import hashlib
import io
import re
from pathlib import Path

import pandas as pd
import yaml

from .errors import ParseError
from .parsing import decode_text

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR.parent / "data"
AUDIT_DIR = DATA_DIR / "audit"
REPORT = DATA_DIR / "raw" / "riksrevisjonen_dokument_3-5_2017-2018.txt"
MANIFEST = DATA_DIR / "raw" / "manifest.yaml"

TABLE_NUMBERS: tuple[int, ...] = tuple(range(1, 12))
WORDS_IN_QUOTE = 15  # findings quote at most about this many words of the report

INFLATED_YEAR = 2016
INFLATED_YEAR_CAVEAT = (
    "2016 is artificially large: the data end in 2016, so everyone whose last scheme was not in an "
    "earlier year is counted there (note under Tabell 2, lines 1832-1834)"
)
WAITING_CAVEAT = (
    "Tabell 6 (N = 125 457) and Tabell 7 (N = 198 586) cover different sets of waiting spells, so the "
    "difference is between two averages, not the average extra wait of one person"
)
COST_CAVEAT = (
    "2016 accounts over the average monthly number of participants: the cost of one place held for a "
    "year, not of one participant; Tabell 4 also counts the status group 'andre på tiltak' (footnote 98)"
)


def _check_table_number(n: int) -> int:
    """Return n if it names a printed table (1–11); otherwise raise a ValueError that says so."""
    if isinstance(n, bool) or not isinstance(n, int) or n not in TABLE_NUMBERS:
        raise ValueError(f"Tabell {n!r} does not exist: Dokument 3:5 (2017–2018) has Tabell 1 to 11 (pass an int from 1 to 11)")
    return n


@functools.cache
def _metadata() -> dict[int, dict]:
    """tables.yaml, keyed by table number (read once)."""
    with (AUDIT_DIR / "tables.yaml").open(encoding="utf-8") as handle:
        tables = yaml.safe_load(handle)["tables"]
    return {entry["number"]: entry for entry in tables}


INTEGER_COLUMNS: tuple[str, ...] = ("table", "year", "exit_year", "line")
CELL_CHECKS = {
    "int": (re.compile(r"-?\d+"), "a whole number"),
    "number": (re.compile(r"-?\d+(\.\d+)?"), "a number such as 44.1 (decimal point, no spaces)"),
    "bool": (re.compile(r"True|False"), "True or False"),
    "text": (re.compile(r"(?s).*\S.*"), "text (not empty)"),
}


@functools.cache
def _shapes() -> dict:
    """tables.yaml's ``csv`` section: each column's type and each file's columns, rows and unique column."""
    with (AUDIT_DIR / "tables.yaml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)["csv"]


def _check_cell(cell: str, kind: object) -> str | None:
    """None if ``cell`` fits ``kind`` (see tables.yaml), else what was expected."""
    if isinstance(kind, list):
        return None if cell in kind else "one of " + ", ".join(map(str, kind))
    optional = kind.endswith("?")
    if optional and cell == "":
        return None
    pattern, expected = CELL_CHECKS[kind.rstrip("?")]
    return None if pattern.fullmatch(cell) else expected + (" or empty" if optional else "")


def check_csv(name: str, table: dict | None = None) -> None:
    """Check one CSV of data/audit/ against its declared shape before it is loaded; errors name file and line.

    Why: pandas reads an extra column, a deleted row or a value moved into the wrong column without
    complaint, and its errors for a malformed cell name no file. The shape is declared in tables.yaml
    (``csv``): columns in order, number of rows, each column's type or allowed values, a unique id.
    For a numbered table (``table``, its tables.yaml entry) also: ``table`` is its number, ``measure``
    and ``unit`` are one of its measures, ``line`` lies inside its printed body.
    """
    source = f"data/audit/{name}"
    shapes = _shapes()
    if name not in shapes["files"]:
        raise ParseError(source, None, "not declared in tables.yaml (csv: files:)", "a declared shape for every CSV")
    shape, types = shapes["files"][name], shapes["types"]
    text = decode_text((AUDIT_DIR / name).read_bytes(), source)
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, [])
    if header != shape["columns"]:
        extra = [c for c in header if c not in shape["columns"]]
        lost = [c for c in shape["columns"] if c not in header]
        problem = (
            f"unexpected column {extra[0]!r}"
            if extra
            else f"column {lost[0]!r} is missing"
            if lost
            else "the columns are in another order"
        )
        raise ParseError(source, 1, problem, "columns " + ", ".join(shape["columns"]))
    measures = {m["measure"]: m["unit"] for m in table["measures"]} if table else {}
    seen: dict[str, int] = {}
    rows, line = 0, 1
    for row in reader:
        start, line = line + 1, reader.line_num
        rows += 1
        if len(row) != len(header):
            raise ParseError(source, start, f"{len(row)} cells", f"{len(header)} cells ({', '.join(header)})")
        cells = dict(zip(header, row))
        for column, cell in cells.items():
            if (expected := _check_cell(cell, types[column])) is not None:
                raise ParseError(source, start, f"{column} is {cell!r}", expected)
        if table:
            if int(cells["table"]) != table["number"]:
                raise ParseError(source, start, f"table is {cells['table']}", f"{table['number']} (this file's table)")
            if measures.get(cells["measure"], cells["unit"] + "\0") != cells["unit"]:
                raise ParseError(
                    source,
                    start,
                    f"measure {cells['measure']!r} with unit {cells['unit']!r}",
                    "one of " + ", ".join(f"{m} ({u})" for m, u in measures.items()),
                )
            first, last = table["body"]
            if not first <= int(cells["line"]) <= last:
                raise ParseError(
                    source,
                    start,
                    f"line {cells['line']} lies outside Tabell {table['number']}",
                    f"a report line from {first} to {last}",
                )
        if (key := shape.get("unique")) and (before := seen.setdefault(cells[key], start)) != start:
            raise ParseError(source, start, f"{key} {cells[key]!r} is already used on line {before}", f"each {key} once")
    if rows != shape["rows"]:
        raise ParseError(source, None, f"{rows} rows", f"{shape['rows']} rows as tables.yaml declares (csv: files: {name}: rows)")


@functools.cache
def _read_table(n: int) -> pd.DataFrame:
    """One table CSV with stable dtypes: text as str, ``value`` numeric, ``is_total`` bool (cached)."""
    check_csv(f"tabell_{n:02d}.csv", _metadata()[n])
    frame = pd.read_csv(AUDIT_DIR / f"tabell_{n:02d}.csv", encoding="utf-8", dtype=str)
    frame["value"] = pd.to_numeric(frame["value"])
    for column in INTEGER_COLUMNS:
        if column in frame:
            frame[column] = frame[column].astype("int64")
    if "is_total" in frame:
        frame["is_total"] = frame["is_total"].map({"True": True, "False": False}).astype(bool)
    return frame


def load_audit_table(n: int) -> pd.DataFrame:
    """Tabell ``n`` of the audit as a tidy frame, one row per printed value.

    Every frame has ``measure``, ``column_no`` (the printed column header), ``value``, ``unit``,
    ``line`` (report line of the value), ``label_as_printed``, ``note`` and ``inconsistency`` (an id
    in :func:`load_audit_inconsistencies` where the printed value is known to be off), plus the
    table's own dimensions with Norwegian labels and an ``_en`` column. Values are kept as printed.
    The table's metadata (see :func:`audit_tables`) is in ``frame.attrs["table"]``.
    """
    frame = _read_table(_check_table_number(n)).copy()
    frame.attrs["table"] = copy.deepcopy(_metadata()[n])
    return frame


def audit_tables() -> pd.DataFrame:
    """One row per table with its metadata: titles, units, N, period, population, notes, where printed.

    Built from ``data/audit/tables.yaml``; ``notes`` joins the notes that change a table's meaning
    (each prefixed with the report lines it paraphrases), ``values`` counts the table's rows.
    """
    rows = []
    for number, meta in sorted(_metadata().items()):
        rows.append(
            {
                "number": number,
                "title_no": meta["title_no"],
                "title_en": meta["title_en"],
                "units": "; ".join(dict.fromkeys(m["unit"] for m in meta["measures"])),
                "measures": "; ".join(m["measure"] for m in meta["measures"]),
                "n": meta["n"],
                "n_note": meta["n_note"],
                "period": meta["period"],
                "population": meta["population"],
                "section": meta["section"],
                "line": meta["line"],
                "source": meta["source"],
                "source_line": meta["source_line"],
                "notes": "\n".join(f"[lines {note['lines']}] {note['text']}" for note in meta["notes"]),
                "file": meta["file"],
                "values": len(_read_table(number)),
            }
        )
    frame = pd.DataFrame(rows)
    return frame.astype({"n": "Int64", "source_line": "Int64"})


def load_audit_findings() -> pd.DataFrame:
    """Headline figures the report states only in prose or captions, one row per figure.

    ``value`` is the number, ``printed`` how the report prints it (digits or a Norwegian number word),
    ``quote`` a short verbatim phrase on report line ``line`` that contains it, ``qualifier`` the
    Norwegian hedge ("ca.", "om lag", "i underkant av" …) and ``approx`` whether there is one.
    Where parts of the report disagree, each statement is its own row and ``note`` says so.
    """
    check_csv("findings.csv")
    frame = pd.read_csv(AUDIT_DIR / "findings.csv", encoding="utf-8", dtype=str)
    frame["value"] = pd.to_numeric(frame["value"]).astype("float64")
    frame["line"] = frame["line"].astype("int64")
    for column in ("n", "n_line"):
        frame[column] = pd.to_numeric(frame[column]).astype("Int64")
    frame["approx"] = frame["approx"].map({"True": True, "False": False}).astype(bool)
    return frame


def load_audit_inconsistencies() -> pd.DataFrame:
    """Places where the report contradicts itself or misprints, recorded rather than silently fixed.

    ``lines`` and ``as_printed`` are aligned lists (``;`` and `` | `` separated): each piece of
    ``as_printed`` is verbatim text on the matching line. ``certainty`` is "evident" or "uncertain".
    """
    check_csv("inconsistencies.csv")
    return pd.read_csv(AUDIT_DIR / "inconsistencies.csv", encoding="utf-8", dtype=str)


def load_audit_grades() -> pd.DataFrame:
    """The Document's grade words per main finding and the overall verdict (``data/audit/grades.csv``), as text.

    Checked against its declared shape first, like every CSV here; empty cells stay empty strings (a finding
    without a grade word has ``grade`` ""), as the stakeholders' pages read them.
    """
    check_csv("grades.csv")
    return pd.read_csv(AUDIT_DIR / "grades.csv", encoding="utf-8", dtype=str, keep_default_na=False)


@functools.cache
def _report_lines() -> tuple[str, ...]:
    """The report's lines, after checking the file against its manifest checksum."""
    data = REPORT.read_bytes()
    with MANIFEST.open(encoding="utf-8") as handle:
        entry = next(e for e in yaml.safe_load(handle)["files"] if e["file"] == REPORT.name)
    if hashlib.sha256(data).hexdigest() != entry["sha256"]:
        raise ValueError(f"{REPORT.name} does not match its sha256 in {MANIFEST.name}; restore the raw file")
    lines = data.decode("utf-8").split("\n")
    if not lines[-1].strip():  # the file ends in "\n " (3 712 lines and a lone space)
        lines.pop()
    return tuple(lines)


def report_line(line: int) -> str:
    """The text of one line of the audit report (1-based, as in every ``line`` column)."""
    lines = _report_lines()
    if isinstance(line, bool) or not isinstance(line, int) or not 1 <= line <= len(lines):
        raise ValueError(f"line must be an int from 1 to {len(lines)}, got {line!r}")
    return lines[line - 1]


def cost_per_place() -> pd.DataFrame:
    """Cost of one scheme place for a year and a month, per scheme in Tabell 4 (2016).

    The 2016 accounts (printed in NOK 1 000, converted to NOK) divided by the average number of
    participants per month is what one place held all year cost; divided by 12, one place-month.
    Rows are in the printed order; ``line`` is the Tabell 4 row both inputs are printed on.
    """
    table = load_audit_table(4)
    wide = table.pivot(index=["line", "scheme", "scheme_en"], columns="measure", values="value").reset_index()
    wide = wide.rename(columns={"accounts": "accounts_nok_1000"}).rename_axis(columns=None)
    wide["accounts_nok"] = wide["accounts_nok_1000"] * 1000
    wide["cost_per_place_year_nok"] = wide["accounts_nok"] / wide["mean_monthly_participants"]
    wide["cost_per_place_month_nok"] = wide["cost_per_place_year_nok"] / 12
    columns = [
        "scheme",
        "scheme_en",
        "mean_monthly_participants",
        "accounts_nok_1000",
        "accounts_nok",
        "cost_per_place_year_nok",
        "cost_per_place_month_nok",
        "line",
    ]
    result = wide.sort_values("line")[columns].reset_index(drop=True)
    result.attrs["caveat"] = COST_CAVEAT
    return result


def _waiting(n: int, suffix: str) -> pd.DataFrame:
    """Mean and median rows of Tabell 6 or 7, with the value and line columns renamed by ``suffix``."""
    table = load_audit_table(n)
    table = table[table["measure"].isin(["mean", "median"])]
    return table[["scheme", "scheme_en", "measure", "value", "line"]].rename(
        columns={"measure": "statistic", "value": f"months_{suffix}", "line": f"line_tabell_{n}", "scheme_en": f"scheme_en_{n}"}
    )


def waiting_for_plan_extra() -> pd.DataFrame:
    """How much longer the wait looks when months spent waiting for a plan are counted too.

    Per scheme and statistic (mean, median): Tabell 7 (waiting for a plan or a scheme) minus
    Tabell 6 (waiting for the scheme only), in months. Rows are matched on the scheme name as printed;
    ``match`` says whether a scheme is in both tables (all nine are). See ``attrs["caveat"]``.
    """
    merged = _waiting(6, "waiting_for_scheme").merge(
        _waiting(7, "incl_waiting_for_plan"), on=["scheme", "statistic"], how="outer", indicator="match"
    )
    merged["scheme_en"] = merged["scheme_en_6"].fillna(merged["scheme_en_7"])
    merged["match"] = (
        merged["match"].astype(str).map({"both": "both tables", "left_only": "Tabell 6 only", "right_only": "Tabell 7 only"})
    )
    merged["extra_months"] = (merged["months_incl_waiting_for_plan"] - merged["months_waiting_for_scheme"]).round(1)
    columns = [
        "scheme",
        "scheme_en",
        "statistic",
        "months_waiting_for_scheme",
        "months_incl_waiting_for_plan",
        "extra_months",
        "match",
        "line_tabell_6",
        "line_tabell_7",
    ]
    result = merged.sort_values(["line_tabell_6", "statistic"])[columns].reset_index(drop=True)
    result.attrs["caveat"] = WAITING_CAVEAT
    return result


def activity_plan_change() -> pd.DataFrame:
    """Change in the share starting their last scheme without an activity plan (Tabell 1 and 2).

    For both status groups: 2011→2016 (the report's span, ending in the inflated year) and
    2011→2015 (the last like-for-like year), in percentage points. ``to_year_inflated`` and
    ``caveat`` carry the note under Tabell 2.
    """
    tables = pd.concat([load_audit_table(1), load_audit_table(2)], ignore_index=True)
    shares = tables[tables["measure"] == "share_without_plan"].set_index(["status_group_en", "year"])
    counts = tables[tables["measure"] == "participants"].set_index(["status_group_en", "year"])["value"]
    rows = []
    for group in shares.index.get_level_values("status_group_en").unique():
        for to_year in (INFLATED_YEAR, INFLATED_YEAR - 1):
            start, end = shares.loc[(group, 2011)], shares.loc[(group, to_year)]
            rows.append(
                {
                    "status_group": start["status_group"],
                    "status_group_en": group,
                    "from_year": 2011,
                    "to_year": to_year,
                    "share_from_pct": start["value"],
                    "share_to_pct": end["value"],
                    "change_pp": round(end["value"] - start["value"], 1),
                    "n_from": counts.loc[(group, 2011)],
                    "n_to": counts.loc[(group, to_year)],
                    "to_year_inflated": to_year == INFLATED_YEAR,
                    "caveat": INFLATED_YEAR_CAVEAT if to_year == INFLATED_YEAR else "",
                    "line_from": start["line"],
                    "line_to": end["line"],
                }
            )
    return pd.DataFrame(rows).astype({"n_from": "int64", "n_to": "int64"})


__all__ = [
    "activity_plan_change",
    "audit_tables",
    "cost_per_place",
    "load_audit_findings",
    "load_audit_inconsistencies",
    "load_audit_table",
    "load_audit_grades",
    "check_csv",
    "report_line",
    "waiting_for_plan_extra",
]
