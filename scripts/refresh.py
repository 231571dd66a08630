"""Take NAV's next monthly copy: check it completely, replace data/raw/, re-execute, report what changed.

    make refresh FROM=path/to/folder                  # what a maintainer runs each month
    .venv/bin/python scripts/refresh.py FOLDER [--no-execute] [--commit SHA] [--allow-removals]

FOLDER holds the six files of ``data/web/`` in NAV's repository ``navikt/arbeidsmarkedstiltak-app``:
oversikt.json, hovedgrupper.json, tiltakstyper_arbeidssokere.json, tiltakstyper_nedsatt.json,
tiltakstyper_andre.json and metadata.json. Nothing in data/ is touched until the copy has passed every
check the loader makes (structure, labels, totals: ``helpers.monthly.build_monthly``) and the comparison
with the copy in data/raw/ (no month and no record of the current copy may vanish unless
``--allow-removals``). A refused copy leaves data/ byte for byte as it was and the message names the file
and the record. Then the six files replace the old ones under names that carry the new period
(``nav_tilt_<first>_<last>_<part>.json``), ``data/raw/manifest.yaml`` and the provenance note
(``…_SOURCE.md``) are updated, the copy is loaded once more in a fresh process (any failure puts the old
files back), ``helpers/crosswalk_2023.csv``'s first/last published months are brought up to date, every
notebook and the dashboard are re-executed (``scripts/execute_notebooks.py``), and the report says which
months are new, which published cells NAV revised (old → new), and which programmes are new or ended.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's helpers, also when the script runs in a copy of the repository

import pandas as pd  # noqa: E402

from helpers import monthly  # noqa: E402
from helpers.errors import ParseError  # noqa: E402
from helpers.parsing import decode_text  # noqa: E402

RAW = ROOT / "data" / "raw"
MANIFEST = RAW / "manifest.yaml"
CROSSWALK = ROOT / "helpers" / "crosswalk_2023.csv"
PARTS: tuple[str, ...] = (*monthly.FIELDS_ORDER, "metadata")
SERIES = ["status_group", "programme_group", "programme"]
KEY = ["period", *SERIES]
NEWLINE = b"\n"


class RefusedError(Exception):
    """The newer copy cannot be taken; data/ is unchanged."""


@dataclass
class Copy:
    """One monthly copy: its files' bytes by part, the tidy frame and its metadata."""

    data: dict[str, bytes]
    frame: pd.DataFrame
    first: str
    last: str
    generated: str  # the export's ``generert`` exactly as metadata.json gives it
    names: dict[str, str] = field(default_factory=dict)


@dataclass
class Changes:
    """What the newer copy changes against the current one."""

    new_months: list[str]
    lost_months: list[str]
    revised: pd.DataFrame  # key, old, new (published cells of months in both copies whose value or brudd changed)
    added: pd.DataFrame  # records of months in both copies that the current copy lacks
    removed: pd.DataFrame  # records of months in both copies that the newer copy lacks
    new_programmes: list[tuple[str, str, str]]
    ended_programmes: list[tuple[str, str, str]]
    stopped: list[tuple[str, str, str, str]]  # series with a count in the old last month and none since (last count)

    @property
    def nothing(self) -> bool:
        return not (self.new_months or self.lost_months or len(self.revised) or len(self.added) or len(self.removed))


def read_new(folder: Path) -> Copy:
    """Read and check NAV's six files in ``folder`` exactly as the loader would; errors name the file and record."""
    if not folder.is_dir():
        raise RefusedError(
            f"{folder}: not a folder; expected the folder holding NAV's six JSON files ({', '.join(p + '.json' for p in PARTS)})"
        )
    paths = {part: folder / f"{part}.json" for part in PARTS}
    if missing := [str(p) for p in paths.values() if not p.is_file()]:
        raise RefusedError(f"{missing[0]}: missing; expected NAV's six files {', '.join(p + '.json' for p in PARTS)} in {folder}")
    data = {part: path.read_bytes() for part, path in paths.items()}
    texts = {part: decode_text(data[part], str(paths[part])) for part in PARTS}
    frame = monthly.build_monthly(texts, {part: str(path) for part, path in paths.items()})
    meta = monthly._decode(texts["metadata"], str(paths["metadata"]))
    try:
        pd.Timestamp(meta["generert"])
    except (KeyError, TypeError, ValueError):
        raise ParseError(
            str(paths["metadata"]),
            None,
            f"generert is {meta.get('generert')!r}",
            "the export's timestamp, e.g. 2026-06-16T08:23:49+0200",
        ) from None
    first, last = str(frame["period"].min()), str(frame["period"].max())
    return Copy(data, frame, first, last, meta["generert"])


def read_current() -> Copy:
    """The copy in data/raw/ (checked against the manifest, as every load is)."""
    files = monthly.monthly_files()
    data = {part: (RAW / files[part]["file"]).read_bytes() for part in PARTS}
    frame = monthly.load_monthly_series(cache=False)
    meta = monthly.load_monthly_metadata()
    generated = monthly._decode(data["metadata"].decode("utf-8"), files["metadata"]["file"])["generert"]
    return Copy(data, frame, str(meta.earliest), str(meta.latest), generated, {p: files[p]["file"] for p in PARTS})


def compare(old: pd.DataFrame, new: pd.DataFrame) -> Changes:
    """Months, cells and programmes that differ between the current (old) and the newer copy."""

    def keyed(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.assign(period=frame["period"].astype(str))[[*KEY, "value", "series_break"]]

    o, n = keyed(old), keyed(new)
    old_months, new_months = set(o["period"]), set(n["period"])
    both = sorted(old_months & new_months)
    merged = o[o["period"].isin(both)].merge(
        n[n["period"].isin(both)], on=KEY, how="outer", suffixes=("_old", "_new"), indicator=True
    )
    common = merged[merged["_merge"] == "both"]
    value_changed = (common["value_old"].isna() != common["value_new"].isna()) | (
        common["value_old"].notna() & common["value_new"].notna() & (common["value_old"] != common["value_new"])
    )
    revised = common[value_changed.fillna(False).astype(bool) | (common["series_break_old"] != common["series_break_new"])]
    programmes = {
        frame_name: {tuple(r) for r in f.loc[f["programme"] != monthly.T, SERIES].drop_duplicates().itertuples(index=False)}
        for frame_name, f in (("old", o), ("new", n))
    }
    last_old = max(old_months)
    counted_then = o[(o["period"] == last_old) & o["value"].notna()]
    stopped = []
    for s, g, p in counted_then[SERIES].itertuples(index=False):
        series = n[(n["status_group"] == s) & (n["programme_group"] == g) & (n["programme"] == p) & n["value"].notna()]
        if len(series) and series["period"].max() == last_old and max(new_months) > last_old:
            stopped.append((s, g, p, last_old))
    columns = [*KEY, "value_old", "value_new", "series_break_old", "series_break_new"]
    return Changes(
        new_months=sorted(new_months - old_months),
        lost_months=sorted(old_months - new_months),
        revised=revised[columns].reset_index(drop=True),
        added=merged.loc[merged["_merge"] == "right_only", [*KEY, "value_new"]].reset_index(drop=True),
        removed=merged.loc[merged["_merge"] == "left_only", [*KEY, "value_old"]].reset_index(drop=True),
        new_programmes=sorted(programmes["new"] - programmes["old"]),
        ended_programmes=sorted(programmes["old"] - programmes["new"]),
        stopped=sorted(stopped),
    )


def refuse_shrinking(changes: Changes, allow_removals: bool) -> None:
    """A newer copy may not lose months or records of the current one without saying so (``--allow-removals``)."""
    if changes.lost_months and not allow_removals:
        raise RefusedError(
            f"the newer copy lacks {len(changes.lost_months)} month(s) the current copy has "
            f"({changes.lost_months[0]} … {changes.lost_months[-1]}); data/ is unchanged. "
            "If NAV really dropped them, run again with --allow-removals."
        )
    if len(changes.removed) and not allow_removals:
        r = changes.removed.iloc[0]
        raise RefusedError(
            f"the newer copy lacks {len(changes.removed)} record(s) of months both copies cover, e.g. "
            f"{r['period']} {r['status_group']} / {r['programme_group']} / {r['programme']} (was "
            f"{show(r['value_old'])}); data/ is unchanged. If NAV really dropped them, run again with --allow-removals."
        )


def show(value: object) -> str:
    return "null" if pd.isna(value) else f"{int(value)}"


def names_for(first: str, last: str) -> dict[str, str]:
    """File names of a copy: they carry its period, as the shipped ones do."""
    stem = f"nav_tilt_{first}_{last}"
    return {**{part: f"{stem}_{part}.json" for part in PARTS}, "SOURCE": f"{stem}_SOURCE.md"}


def count_records(data: bytes) -> tuple[int, int]:
    """Records and null counts of one JSON array file (plain json, independent of the loader)."""
    import json

    records = json.loads(data)
    return len(records), sum(r["antall"] is None for r in records)


def update_manifest(text: str, old: Copy, new: Copy, new_names: dict[str, str], commit: str | None, origin_folder: str) -> str:
    """The manifest with the monthly entries and the provenance note's entry describing the newer copy.

    Edited as text, entry by entry, so comments and field order stay as they are.
    """
    old_span, new_span = f"{old.first} … {old.last}", f"{new.first} … {new.last}"
    old_period, new_period = f"{old.first}/{old.last}", f"{new.first}/{new.last}"
    old_source = next(e["file"] for e in monthly.manifest() if e["table"] == "provenance")
    renames = {**{old.names[p]: (p, new_names[p]) for p in PARTS}, old_source: ("SOURCE", new_names["SOURCE"])}
    blocks = re.split(r"(?m)^(?=  - file: )", text)
    out = []
    for block in blocks:
        m = re.match(r"  - file: (\S+)\n", block)
        if not m or m[1] not in renames:
            out.append(block.replace(old_span, new_span))
            continue
        part, name = renames[m[1]]
        block = block.replace(f"  - file: {m[1]}\n", f"  - file: {name}\n", 1).replace(old_span, new_span)
        block = re.sub(r"(?m)^    period: .*$", f'    period: "{new_period}"', block)
        if part != "SOURCE":
            data = new.data[part]
            block = re.sub(r"(?m)^    sha256: .*$", f"    sha256: {hashlib.sha256(data).hexdigest()}", block)
            block = re.sub(r"(?m)^    lines: .*$", f"    lines: {data.count(NEWLINE)}", block)
            block = re.sub(r"(?m)^    copied_from: .*$", f"    copied_from: {origin_folder}/{part}.json", block)
            if part != "metadata":
                records, nulls = count_records(data)
                block = re.sub(
                    r"; \d+ records(, \d+ null)?", f"; {records} records" + (f", {nulls} null" if nulls else ""), block
                )
            block = re.sub(
                r"(?m)^      commit: .*$",
                f"      commit: {commit}"
                if commit
                else "      commit: null  # not recorded: make refresh FROM=… REFRESH_ARGS=--commit=SHA records it",
                block,
            )
            exported = f'    exported: "{new.generated}"'
            block = (
                re.sub(r"(?m)^    exported: .*$", exported, block)
                if "\n    exported: " in block
                else re.sub(r"(?m)^(    period: .*)$", lambda x: x[1] + "\n" + exported, block, count=1)
            )
        out.append(block)
    return "".join(out).replace(old_period, new_period)


def source_note(text: str, old: Copy, new: Copy, changes: Changes, commit: str | None) -> str:
    """The provenance note for the newer copy: its own words kept, the facts that change brought up to date.

    The title's period and the Files table (commit, characters, bytes, sha256, records) describe the newer
    copy; a section "Refreshes" at the end records each refresh (when, from which export, what changed),
    and says that the prose above describes the first copy where its counts differ.
    """
    text = text.replace(f"monthly, {old.first} … {old.last}", f"monthly, {new.first} … {new.last}", 1)
    for part in PARTS:
        data = new.data[part]
        records = "1 object" if part == "metadata" else f"{count_records(data)[0]:,}"
        pattern = re.compile(rf"(?m)^\| {re.escape(part)}\.json \| ([^|]+) \| ([^|]+) \| [^|]+ \| [^|]+ \| [^|]+ \| [^|]+ \|$")
        if (m := pattern.search(text)) is None:
            raise RefusedError(
                f"{old.names['metadata'].replace('metadata.json', 'SOURCE.md')}: no Files table row for {part}.json"
            )
        cells = [
            f"{part}.json",
            m[1].strip(),
            f"{commit[:7]}…" if commit else "not recorded",
            f"{len(data.decode('utf-8')):,}",
            f"{len(data):,}",
            hashlib.sha256(data).hexdigest(),
            records,
        ]
        text = text[: m.start()] + "| " + " | ".join(cells) + " |" + text[m.end() :]
    text = re.sub(
        r"Full commit: (`[0-9a-f]{40}`|not recorded)", f"Full commit: `{commit}`" if commit else "Full commit: not recorded", text
    )
    if "\n## Refreshes\n" not in text:
        text = text.rstrip("\n") + (
            "\n\n## Refreshes\n\nEach `make refresh` adds a line. The sections above describe the first copy "
            f"({old.first} … {old.last}, exported {old.generated}) where their counts differ from the "
            "current files; the Files table and the title describe the current files.\n\n"
        )
    revised = len(changes.revised)
    line = (
        f"- Copy exported {new.generated} ({new.first} … {new.last}) replaced the copy exported {old.generated} "
        f"({old.first} … {old.last}); commit {commit or 'not recorded'}: "
        f"{len(changes.new_months)} new month(s){' (' + ', '.join(changes.new_months) + ')' if changes.new_months else ''}, "
        f"{revised} revised cell(s) in months already published, {len(changes.new_programmes)} new and "
        f"{len(changes.ended_programmes)} ended programme series.\n"
    )
    return text.rstrip("\n") + "\n" + line


def update_crosswalk(frame: pd.DataFrame) -> tuple[bytes, list[str]]:
    """crosswalk_2023.csv with first_seen/last_seen from the newer copy, and the labels it does not list yet."""
    text = CROSSWALK.read_bytes().decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    visible = frame[frame["value"].notna()]
    todo = []
    for level in ("status_group", "programme_group", "programme"):
        listed = {r["label"] for r in rows if r["level"] == level}
        todo += [f"{level} {label!r}" for label in sorted(set(frame[level]) - {monthly.T} - listed)]
    for r in rows:
        if r["level"] in SERIES and r["relation"] != "ended":
            months = visible.loc[visible[r["level"]] == r["label"], "period"].astype(str)
            r["first_seen"], r["last_seen"] = (months.min(), months.max()) if len(months) else ("", "")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8"), todo


def write_all(writes: dict[Path, bytes], deletes: list[Path]) -> None:
    """Write every file (each through a temporary file), then delete the old ones; on any error restore all."""
    backup = {path: path.read_bytes() if path.exists() else None for path in [*writes, *deletes]}
    try:
        for path, data in writes.items():
            tmp = path.with_name(f".{path.name}.refresh-tmp")
            tmp.write_bytes(data)
            os.replace(tmp, path)
        for path in deletes:
            if path not in writes:
                path.unlink()
    except BaseException:
        restore(backup)
        raise
    return None


def restore(backup: dict[Path, bytes | None]) -> None:
    """Put files back as they were (None: the file did not exist)."""
    for path, data in backup.items():
        path.with_name(f".{path.name}.refresh-tmp").unlink(missing_ok=True)
        if data is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(data)


def check_in_fresh_process() -> None:
    """Load the new files as a notebook would, in a fresh process (manifest, checksums, totals)."""
    code = (
        "import helpers; from helpers import monthly\n"
        "frame = helpers.load_monthly_series(cache=False); report = helpers.reconcile_monthly(frame)\n"
        "assert report['ok'].all(), report[~report['ok']].head()\n"
        "helpers.load_participants(cache=False); print(monthly.load_monthly_metadata())"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        raise RefusedError(f"the new files do not load in a fresh process; the old files were put back:\n{result.stderr[-2000:]}")


def notebooks_of_the_makefile() -> list[Path]:
    """The Makefile's NOTEBOOKS: numbered notebooks in order, then the dashboard and the glossary."""
    folder = ROOT / "notebooks"
    return [
        *sorted(folder.glob("[0-9]*.ipynb")),
        *[folder / n for n in ("dashboard.ipynb", "glossary.ipynb") if (folder / n).exists()],
    ]


def describe(label: tuple[str, ...]) -> str:
    return " / ".join(label)


def report(old: Copy, new: Copy, changes: Changes, todo: list[str], limit: int = 200) -> str:
    """What changed, in plain lines (printed at the end)."""
    lines = [
        f"NAV's monthly copy: {old.first} … {old.last} (exported {old.generated}) → "
        f"{new.first} … {new.last} (exported {new.generated})"
    ]
    lines.append(f"New months: {', '.join(changes.new_months) if changes.new_months else 'none'}")
    if changes.lost_months:
        lines.append(f"Months no longer in the copy (--allow-removals): {', '.join(changes.lost_months)}")
    lines.append(f"Revised cells in months already published: {len(changes.revised)}")
    for r in changes.revised.head(limit).itertuples(index=False):
        brudd = f" (brudd {r.series_break_old} → {r.series_break_new})" if r.series_break_old != r.series_break_new else ""
        lines.append(
            f"  {r.period} {describe((r.status_group, r.programme_group, r.programme))}: {show(r.value_old)} → {show(r.value_new)}{brudd}"
        )
    if len(changes.revised) > limit:
        lines.append(f"  … and {len(changes.revised) - limit} more")
    for title, frame, column in (
        ("Records added to months already published", changes.added, "value_new"),
        ("Records removed from months already published (--allow-removals)", changes.removed, "value_old"),
    ):
        if len(frame):
            lines.append(f"{title}: {len(frame)}")
            lines += [
                f"  {r['period']} {describe((r['status_group'], r['programme_group'], r['programme']))}: {show(r[column])}"
                for _, r in frame.head(limit).iterrows()
            ]
    lines.append(f"New programme series: {len(changes.new_programmes)}")
    lines += [f"  {describe(p)}" for p in changes.new_programmes]
    lines.append(f"Programme series no longer in the copy: {len(changes.ended_programmes)}")
    lines += [f"  {describe(p)}" for p in changes.ended_programmes]
    if changes.stopped:
        lines.append(f"Series with a count in {old.last} and none since: {len(changes.stopped)}")
        lines += [f"  {describe(p[:3])} (last count {p[3]})" for p in changes.stopped]
    lines.append(
        f"Files: data/raw/{old.names['metadata'].removesuffix('metadata.json')}*.json → {new.names['metadata'].removesuffix('metadata.json')}*.json "
        "(six files), manifest.yaml and the SOURCE.md note updated; helpers/crosswalk_2023.csv's first/last months updated"
    )
    if todo:
        lines.append(
            "To do by hand: add to helpers/crosswalk_2023.csv (relation, note, certainty) and check helpers/vocabulary.py's "
            "English gloss for: " + "; ".join(todo)
        )
    return "\n".join(lines)


def refresh(
    folder: Path,
    execute: bool = True,
    commit: str | None = None,
    allow_removals: bool = False,
    notebooks: list[Path] | None = None,
) -> str:
    """Check the copy in ``folder``, take it into data/raw/, re-execute the notebooks; the report (see module doc)."""
    new = read_new(folder)
    old = read_current()
    if all(new.data[p] == old.data[p] for p in PARTS):
        return (
            f"The copy in {folder} is the one in data/raw/ ({old.first} … {old.last}, exported {old.generated}); nothing to do."
        )
    changes = compare(old.frame, new.frame)
    refuse_shrinking(changes, allow_removals)
    if new.last < old.last or pd.Timestamp(new.generated) < pd.Timestamp(old.generated):
        raise RefusedError(
            f"{folder}/metadata.json: the copy runs to {new.last}, exported {new.generated}; the current copy runs to "
            f"{old.last}, exported {old.generated}. Expected a newer copy; data/ is unchanged."
        )
    new.names = names_for(new.first, new.last)
    source_entry = next(e["file"] for e in monthly.manifest() if e["table"] == "provenance")
    manifest_text = update_manifest(MANIFEST.read_bytes().decode("utf-8"), old, new, new.names, commit, folder.name)
    note = source_note((RAW / source_entry).read_bytes().decode("utf-8"), old, new, changes, commit).encode("utf-8")
    manifest_text = manifest_text.replace(  # the note's own sha256 and line count in its entry
        _entry_field(manifest_text, new.names["SOURCE"], "sha256"), f"    sha256: {hashlib.sha256(note).hexdigest()}"
    ).replace(_entry_field(manifest_text, new.names["SOURCE"], "lines"), f"    lines: {note.count(NEWLINE)}")
    crosswalk, todo = update_crosswalk(new.frame)
    writes = {
        **{RAW / new.names[p]: new.data[p] for p in PARTS},
        RAW / new.names["SOURCE"]: note,
        MANIFEST: manifest_text.encode("utf-8"),
        CROSSWALK: crosswalk,
    }
    deletes = [RAW / old.names[p] for p in PARTS] + [RAW / source_entry]
    backup = {path: path.read_bytes() if path.exists() else None for path in [*writes, *deletes]}
    write_all(writes, deletes)
    try:
        check_in_fresh_process()
    except BaseException:
        restore(backup)
        raise
    text = report(old, new, changes, todo)
    if not execute:
        return text + "\nNotebooks not re-executed (--no-execute): run `make notebooks` before committing."
    print(
        text
        + "\nThe data are in place; re-executing the notebooks (a failure here leaves the new data and says which notebook).",
        flush=True,
    )  # the report is not lost if a notebook fails
    paths = notebooks or notebooks_of_the_makefile()
    subprocess.run([sys.executable, str(ROOT / "scripts" / "execute_notebooks.py"), *map(str, paths)], cwd=ROOT, check=True)
    done = f"Re-executed {len(paths)} notebooks: " + ", ".join(p.name for p in paths)
    if (ROOT / "scripts" / "student.py").exists():  # as make notebooks does: the student copies follow the notebooks
        subprocess.run([sys.executable, str(ROOT / "scripts" / "student.py"), "student"], cwd=ROOT, check=True)
        done += "; student copies rewritten"
    return done


def _entry_field(text: str, name: str, key: str) -> str:
    """The line ``    key: …`` of the manifest entry for file ``name``."""
    block = re.split(r"(?m)^(?=  - file: )", text)
    entry = next(b for b in block if b.startswith(f"  - file: {name}\n"))
    return re.search(rf"(?m)^    {key}: .*$", entry)[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="folder with NAV's six JSON files (oversikt.json … metadata.json)")
    parser.add_argument("--no-execute", action="store_true", help="do not re-execute the notebooks (tests)")
    parser.add_argument(
        "--commit", help="commit of navikt/arbeidsmarkedstiltak-app the files come from (recorded in the manifest)"
    )
    parser.add_argument(
        "--allow-removals", action="store_true", help="take a copy that lacks months or records of the current one"
    )
    parser.add_argument("--notebooks", nargs="*", type=Path, help="notebooks to re-execute (default: the Makefile's list)")
    args = parser.parse_args(argv)
    if not str(args.folder).strip():
        parser.error("give the folder: make refresh FROM=path/to/folder")
    try:
        print(
            refresh(
                args.folder,
                execute=not args.no_execute,
                commit=args.commit,
                allow_removals=args.allow_removals,
                notebooks=args.notebooks or None,
            )
        )
    except (RefusedError, ParseError) as error:
        print(f"Refused: {error}", file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as error:
        print(
            f"A notebook failed to execute ({error.cmd[1]}): the new data are in place; fix the notebook and run make notebooks.",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
