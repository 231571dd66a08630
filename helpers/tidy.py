"""NAV's three participant tables as one tidy pandas DataFrame, with provenance and a schema.

One row is one published fact. The key columns say what was counted, ``value`` and
``suppressed`` say what was printed, and ``source``/``line``/``label``/``column`` say where,
so that any number in the collection can be traced to the printed line it came from.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import warnings
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import yaml

from . import vocabulary as vocab
from .errors import IntegrityError, ParseError
from .parsing import KEY, ParsedTable, decode_text, parse_table

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR.parent / "data"
RAW_DIR = DATA_DIR / "raw"
CACHE_DIR = DATA_DIR / ".cache"
MANIFEST = RAW_DIR / "manifest.yaml"

COLUMNS: tuple[str, ...] = (*KEY, "value", "suppressed", "source", "line", "label", "column")
DIMENSIONS: tuple[str, ...] = ("status_group", "gender", "age_group", "programme_group", "programme")

# Column meanings, for the schema, the docs and the notebooks.
COLUMN_DOCS: dict[str, str] = {
    "period": "month the count refers to (the tables do not say on which day of the month people are counted)",
    "status_group": "hovedgruppe: Arbeidssøkere på tiltak, Nedsatt arbeidsevne, på tiltak, Andre på tiltak, or I alt",
    "gender": "Kvinner, Menn, or I alt (tables without a gender breakdown are I alt)",
    "age_group": "age band as printed (19 år og under … 60 år og over), or I alt",
    "programme_group": "tiltaksgruppe, or I alt for the total over all groups",
    "programme": "tiltak, or I alt for a group's own total",
    "measure": "participants, change_from_last_year or change_from_last_year_pct",
    "value": "the number printed; <NA> where NAV printed '*'",
    "suppressed": "True where NAV printed '*' (a count between 0 and 3 hidden for privacy)",
    "source": "file in data/raw/ the number was first printed in",
    "line": "line of that file (1-based) where the number was first printed",
    "label": "the row label exactly as printed, misprints included",
    "column": "the column header the number was printed under",
}


def manifest() -> list[dict]:
    """The raw files' manifest (source, NAV title, period, sha256) as a list of dicts."""
    return [dict(entry) for entry in _manifest_entries()]


# What a manifest entry's ``table`` may say; every other value is an error (a typo would drop a file's rows).
TABLE_KINDS: tuple[str, ...] = ("participants", "monthly", "definitions", "audit", "provenance")
MONTHLY_PARTS: tuple[str, ...] = (
    "oversikt",
    "hovedgrupper",
    "tiltakstyper_arbeidssokere",
    "tiltakstyper_nedsatt",
    "tiltakstyper_andre",
    "metadata",
)


@functools.lru_cache(maxsize=1)
def _manifest_entries() -> tuple[dict, ...]:
    text = MANIFEST.read_bytes().decode("utf-8")
    entries = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))["files"]
    check_manifest(entries, text, RAW_DIR)
    return tuple(entries)


def _entry_line(text: str, name: object) -> int | None:
    """The manifest line of ``- file: name`` (1-based), for error messages."""
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip() in (f"- file: {name}", f'- file: "{name}"'):
            return number
    return None


def check_manifest(entries: object, text: str, raw_dir: Path) -> None:
    """The manifest lists every file in ``raw_dir`` once, each with a known ``table`` kind and its sha256.

    Why: the loaders read what the manifest lists, so an entry removed (or a ``table:`` misspelt)
    would drop that file's rows with a clean reconciliation. A file on disk that the manifest does
    not list, an entry for a file that is missing, an unknown ``table`` or an incomplete monthly copy
    raises an :class:`IntegrityError` naming manifest.yaml and the line.
    """

    def fail(line: int | None, problem: str) -> IntegrityError:
        where = f"{MANIFEST.name}, line {line}" if line else MANIFEST.name
        return IntegrityError(f"{where}: {problem}")

    if not isinstance(entries, list) or not entries:
        raise fail(None, "no list of files under 'files:'")
    seen: set[str] = set()
    for entry in entries:
        if not isinstance(entry, dict) or not all(
            isinstance(entry.get(k), str) and entry.get(k) for k in ("file", "table", "sha256")
        ):
            raise fail(
                _entry_line(text, entry.get("file") if isinstance(entry, dict) else None),
                f"an entry without file, table and sha256: {entry!r}",
            )
        line = _entry_line(text, entry["file"])
        if entry["table"] not in TABLE_KINDS:
            raise fail(line, f"{entry['file']} has table {entry['table']!r}; expected one of {', '.join(TABLE_KINDS)}")
        if entry["file"] in seen:
            raise fail(line, f"{entry['file']} is listed twice")
        seen.add(entry["file"])
        if not (raw_dir / entry["file"]).is_file():
            raise fail(line, f"{entry['file']} is listed but missing from {raw_dir.name}/; restore it or remove its entry")
    on_disk = sorted(p.name for p in raw_dir.iterdir() if p.is_file() and p.name != MANIFEST.name and not p.name.startswith("."))
    if unlisted := [name for name in on_disk if name not in seen]:
        raise fail(
            None,
            f"{unlisted[0]} is in {raw_dir.name}/ but not listed; every raw file needs its entry "
            "(without it the loaders would leave its rows out silently)",
        )
    parts = [e.get("part") for e in entries if e["table"] == "monthly"]
    if sorted(map(str, parts)) != sorted(MONTHLY_PARTS):
        raise fail(
            None, f"the monthly entries have parts {', '.join(map(str, parts))}; expected each of {', '.join(MONTHLY_PARTS)} once"
        )
    if not any(e["table"] == "participants" for e in entries):
        raise fail(None, "no entry has table 'participants'")


def participant_files() -> list[str]:
    """File names of the three participant tables, in the manifest's order."""
    return [entry["file"] for entry in manifest() if entry["table"] == "participants"]


def verify_file(path: Path, expected_sha256: str) -> bytes:
    """Read a raw file and check it against its manifest checksum."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    _DIGESTS[_stat_key(path)] = digest
    if digest != expected_sha256:
        raise IntegrityError(
            f"{path.name}: sha256 {digest} does not match {expected_sha256} in {MANIFEST.name}; "
            "the raw file was changed. Restore it, or re-check the parser and update the manifest."
        )
    return data


def parse_files(raw_dir: Path = RAW_DIR, verify: bool = True) -> list[ParsedTable]:
    """Parse every participant table named in the manifest."""
    tables = []
    for entry in manifest():
        if entry["table"] != "participants":
            continue
        path = raw_dir / entry["file"]
        data = verify_file(path, entry["sha256"]) if verify else path.read_bytes()
        tables.append(parse_table(decode_text(data, entry["file"]), entry["file"]))
    return tables


def facts_frame(tables: Iterable[ParsedTable]) -> pd.DataFrame:
    """Build the tidy frame from parsed tables; a key printed in two files is an error."""
    records = [
        (
            f.period,
            f.status_group,
            f.gender,
            f.age_group,
            f.programme_group,
            f.programme,
            f.measure,
            f.value,
            f.suppressed,
            f.source,
            f.line,
            f.label,
            f.column,
        )
        for table in tables
        for f in table.facts
    ]
    frame = pd.DataFrame.from_records(records, columns=list(COLUMNS))
    codes, months = pd.factorize(frame["period"])
    frame["period"] = pd.PeriodIndex(months, freq="M").take(codes)
    frame["value"] = frame["value"].astype("Int64")
    frame["suppressed"] = frame["suppressed"].astype(bool)
    frame["line"] = frame["line"].astype("int64")
    duplicated = frame.duplicated(list(KEY), keep=False)
    if duplicated.any():
        first = frame[duplicated].iloc[0]
        raise ParseError(
            first["source"], int(first["line"]), "the same fact is printed in two source files", "one file per period"
        )
    return frame


def _code_digest() -> str:
    names = ("parsing.py", "vocabulary.py", "tidy.py", "reconcile.py")
    return hashlib.sha256(b"".join((PACKAGE_DIR / n).read_bytes() for n in names)).hexdigest()[:16]


# sha256 of each raw file, remembered by its (path, size, mtime, inode): a file is hashed again whenever any of these change.
_DIGESTS: dict[tuple, str] = {}


def _stat_key(path: Path) -> tuple:
    info = path.stat()
    return (str(path.resolve()), info.st_size, info.st_mtime_ns, info.st_ino)


def file_digest(path: Path) -> str:
    """sha256 of a file's bytes as they are now on disk (re-hashed when its size, time or inode change)."""
    key = _stat_key(path)
    if key not in _DIGESTS:
        _DIGESTS[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return _DIGESTS[key]


def raw_digest(names: Iterable[str], raw_dir: Path | None = None) -> str:
    """One digest of the raw files' current bytes (not of the manifest's sums), for cache keys.

    Why: a disk cache keyed on the manifest would return the old data after a raw file changed;
    keyed on the bytes, a changed or truncated file misses the cache and the loader refuses it.
    A missing file counts as its own state (the loader then raises its error).
    """
    raw_dir = RAW_DIR if raw_dir is None else raw_dir
    digest = hashlib.sha256()
    for name in names:
        path = raw_dir / name
        digest.update(f"{name}\0{file_digest(path) if path.is_file() else 'missing'}\0".encode())
    return digest.hexdigest()


def read_cache(path: Path) -> pd.DataFrame | None:
    """A pickled frame from the disk cache, or None: an unreadable or corrupt cache is ignored with a warning."""
    try:
        with path.open("rb") as handle:
            frame = pickle.load(handle)
        if not isinstance(frame, pd.DataFrame):
            raise TypeError(f"holds a {type(frame).__name__}, not a DataFrame")
        return frame
    except FileNotFoundError:
        return None
    except Exception as error:  # corrupt, partial, unreadable: rebuilt from the raw files, never trusted
        warnings.warn(
            f"ignoring the disk cache {path.name} ({type(error).__name__}: {error}); reading the raw files",
            RuntimeWarning,
            stacklevel=3,
        )
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass
        return None


def write_cache(path: Path, frame: pd.DataFrame) -> None:
    """Store a frame in the disk cache; a read-only tree (or any write error) just goes without one."""
    tmp = path.with_suffix(f".{os.getpid()}.{id(frame)}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(pickle.dumps(frame, protocol=pickle.HIGHEST_PROTOCOL))
        tmp.replace(path)
    except OSError:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass


def _cache_path() -> Path:
    files = participant_files()
    digest = hashlib.sha256(
        (
            raw_digest(files) + "".join(e["sha256"] for e in manifest() if e["file"] in files) + _code_digest() + pd.__version__
        ).encode()
    ).hexdigest()[:16]
    return CACHE_DIR / f"participants-{digest}.pkl"


def read_table(text: str, source: str) -> pd.DataFrame:
    """Parse one table's text and check it: the strict path every raw file goes through."""
    from .reconcile import assert_reconciled, facts_from_tables

    tables = [parse_table(text, source)]
    frame = facts_frame(tables)
    assert_reconciled(frame, facts_from_tables(tables))
    return frame


def build_participants() -> pd.DataFrame:
    """Parse, check and assemble the frame from the raw files (no cache)."""
    from .reconcile import assert_reconciled, facts_from_tables

    tables = parse_files()
    frame = facts_frame(tables)
    assert_reconciled(frame, facts_from_tables(tables))
    return frame


@functools.lru_cache(maxsize=2)
def _participants_cached(path: Path) -> pd.DataFrame:
    """The frame for one cache key (the raw files' current bytes, manifest, code): from disk or built."""
    frame = read_cache(path)
    if frame is None:
        frame = build_participants()
        write_cache(path, frame)
    return frame


def load_participants(cache: bool = True) -> pd.DataFrame:
    """All published facts of NAV's three participant tables as one tidy DataFrame.

    Columns: see ``COLUMN_DOCS``. The key (period, status_group, gender, age_group,
    programme_group, programme, measure) is unique. A suppressed cell has ``value`` <NA> and
    ``suppressed`` True; it is never a zero. Pass ``cache=False`` to parse the raw files anew.
    """
    frame = _participants_cached(_cache_path()) if cache else build_participants()
    return frame.copy()


def with_english(
    frame: pd.DataFrame,
    columns: Iterable[str] = ("status_group", "gender", "age_group", "programme_group", "programme", "measure"),
) -> pd.DataFrame:
    """Add ``<column>_en`` columns with English glosses next to NAV's Norwegian labels."""
    out = frame.copy()
    for column in columns:
        if column in out:
            out[f"{column}_en"] = out[column].map(vocab.english)
    return out


def participants_schema():
    """A pandera schema of the tidy frame (pandera is a test dependency, imported lazily)."""
    import pandera.pandas as pa

    labels = {
        "status_group": [vocab.TOTAL, *vocab.STATUS_GROUPS],
        "gender": [vocab.TOTAL, *vocab.GENDERS],
        "age_group": [vocab.TOTAL, *vocab.AGE_GROUPS],
        "programme_group": [vocab.TOTAL, *vocab.PROGRAMME_GROUPS],
        "programme": [vocab.TOTAL, *vocab.PROGRAMMES],
        "measure": list(vocab.MEASURES),
    }
    columns = {
        "period": pa.Column(pd.PeriodDtype("M"), description=COLUMN_DOCS["period"]),
        **{name: pa.Column(str, pa.Check.isin(allowed), description=COLUMN_DOCS[name]) for name, allowed in labels.items()},
        "value": pa.Column("Int64", nullable=True, description=COLUMN_DOCS["value"]),
        "suppressed": pa.Column(bool, description=COLUMN_DOCS["suppressed"]),
        "source": pa.Column(str, pa.Check.isin(participant_files()), description=COLUMN_DOCS["source"]),
        "line": pa.Column("int64", pa.Check.ge(1), description=COLUMN_DOCS["line"]),
        "label": pa.Column(str, pa.Check.str_length(min_value=1), description=COLUMN_DOCS["label"]),
        "column": pa.Column(str, pa.Check.str_length(min_value=1), description=COLUMN_DOCS["column"]),
    }
    return pa.DataFrameSchema(
        columns,
        checks=[
            pa.Check(
                lambda df: df["value"].isna() == df["suppressed"],
                element_wise=False,
                error="value is <NA> exactly where the cell is suppressed",
            ),
            pa.Check(
                lambda df: ~((df["measure"] == "participants") & df["value"].between(1, 3)).fillna(False),
                element_wise=False,
                error="no visible count between 1 and 3",
            ),
            pa.Check(
                lambda df: (
                    (df["programme"] == vocab.TOTAL)
                    | (df["programme"].map(lambda p: vocab.PROGRAMMES.get(p, ("",))[0]) == df["programme_group"])
                ),
                element_wise=False,
                error="every programme sits in its own programme group",
            ),
        ],
        unique=list(KEY),
        strict=True,
        ordered=True,
    )


@functools.lru_cache(maxsize=1)
def _parsed_tables() -> tuple[ParsedTable, ...]:
    return tuple(parse_files())


def load_ledger() -> pd.DataFrame:
    """Every printed cell of the raw files and what became of it.

    ``role`` is ``fact`` where the cell is the first printing of a fact, ``repeat`` where it is
    an identical copy of a fact first printed on ``first_line`` (a repeated page header or a
    group total printed in two sections).
    """
    rows = [(e.source, e.line, e.column, e.raw, *e.key, e.role, e.first_line) for table in _parsed_tables() for e in table.ledger]
    return pd.DataFrame.from_records(rows, columns=["source", "line", "cell", "raw", *KEY, "role", "first_line"])


def load_lines() -> pd.DataFrame:
    """How the parser read every line of the raw files (kind: title, heading, header, row, …)."""
    rows = [(r.source, r.line, r.kind, r.text) for table in _parsed_tables() for r in table.lines]
    return pd.DataFrame.from_records(rows, columns=["source", "line", "kind", "text"])


def load_repairs() -> pd.DataFrame:
    """Every printed label the loader read as a different (correct) label, with the reason."""
    rows = [(r.source, r.line, r.printed, r.meant, r.why) for table in _parsed_tables() for r in table.repairs]
    return pd.DataFrame.from_records(rows, columns=["source", "line", "printed", "meant", "why"])


def raw_line(source: str, line: int) -> str:
    """The text of one line of a raw file, exactly as stored (1-based line numbers)."""
    with (RAW_DIR / source).open(encoding="utf-8") as handle:
        for number, text in enumerate(handle, start=1):
            if number == line:
                return text.rstrip("\n")
    raise IndexError(f"{source} has no line {line}")
