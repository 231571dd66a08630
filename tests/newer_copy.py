"""A newer copy of NAV's six monthly files, built from the shipped ones with plain ``json`` (not the loader).

    .venv/bin/python -m tests.newer_copy OUT_FOLDER     # by hand: then make refresh FROM=OUT_FOLDER

One month is appended after the latest (each series' latest record repeated one month on), one published
cell of an old month is revised (a programme, its programme group and its status group's total, all by
the same amount, so every total still reconciles), and one programme that the monthly series has never
had appears in the new month (with its group and status total raised to match). The files are written as
the app writes them (jsonlite compact: no spaces, one line and a newline; metadata pretty-printed).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

PARTS = ("oversikt", "hovedgrupper", "tiltakstyper_arbeidssokere", "tiltakstyper_nedsatt", "tiltakstyper_andre")
ROOT = Path(__file__).resolve().parent.parent

# The revision and the new programme (labels as in the JSON). The new programme is the first of these older
# programmes of NAV's (known to helpers/vocabulary.py, so the loader knows its group) that the copy does not have
# yet, so a copy that is itself a refreshed one gets another new programme.
REVISED = dict(
    part="tiltakstyper_nedsatt",
    maalgruppe="Nedsatt arbeidsevne",
    hovedgruppe="Arbeidspraksis",
    undertype="Arbeidsforberedende trening",
    periode="2024-03-01",
    by=2,
)
CANDIDATES = (
    ("Avklaringstiltak", "Avklaring i skjermet virksomhet"),
    ("Arbeidspraksis", "Arbeidspraksis i skjermet virksomhet"),
    ("Opplæring", "Kvalifisering i arbeidsmarkedsbedrift"),
    ("Tilrettelagt arbeid", "Produksjonsverksted (PV)"),
)
NEW_PROGRAMME = dict(part="tiltakstyper_nedsatt", maalgruppe="Nedsatt arbeidsevne", antall=5)


@dataclass
class Newer:
    """What the builder did, for the test to compare with refresh's report."""

    latest: str  # YYYY-MM of the shipped copy
    next_month: str  # YYYY-MM appended
    revised: list[tuple[str, str, str, str, int, int]]  # (period, maalgruppe, hovedgruppe, undertype or "", old, new)
    new_programme: tuple[str, str, str]


def raw_files(raw: Path) -> dict[str, Path]:
    """The shipped files by part, found through the manifest (their names carry the period)."""
    entries = yaml.safe_load((raw / "manifest.yaml").read_text(encoding="utf-8"))["files"]
    return {e["part"]: raw / e["file"] for e in entries if e["table"] == "monthly"}


def dump(records: list[dict]) -> bytes:
    return (json.dumps(records, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def next_month(period: str) -> str:
    year, month = int(period[:4]), int(period[5:7])
    return f"{year + month // 12}-{month % 12 + 1:02d}"


def build(raw: Path, out: Path) -> Newer:
    """Write the newer copy's six files into ``out``; say what was changed."""
    files = raw_files(raw)
    records = {part: json.loads(files[part].read_text(encoding="utf-8")) for part in PARTS}
    meta_text = files["metadata"].read_text(encoding="utf-8")
    meta = json.loads(meta_text)
    latest, new = meta["sist_oppdatert"][:7], next_month(meta["sist_oppdatert"][:7])

    for part in PARTS:  # each series' latest record, one month on, right after it
        grown = []
        for i, r in enumerate(records[part]):
            grown.append(r)
            follows = records[part][i + 1] if i + 1 < len(records[part]) else None
            same_series = follows is not None and all(
                follows.get(k) == r.get(k) for k in ("maalgruppe", "hovedgruppe", "undertype")
            )
            if r["periode"][:7] == latest and not same_series:
                grown.append({**r, "periode": f"{new}-01"})
        records[part] = grown

    def one(part: str, **fields) -> dict:
        hits = [r for r in records[part] if all(r.get(k) == v for k, v in fields.items())]
        assert len(hits) == 1, (part, fields, len(hits))
        return hits[0]

    revised = []
    status, group, when = REVISED["maalgruppe"], REVISED["hovedgruppe"], REVISED["periode"]
    for part, fields, programme in (
        (REVISED["part"], dict(undertype=REVISED["undertype"], hovedgruppe=group), REVISED["undertype"]),
        ("hovedgrupper", dict(hovedgruppe=group), ""),
        ("oversikt", {}, ""),
    ):
        r = one(part, maalgruppe=status, periode=when, **fields)
        revised.append((when[:7], status, fields.get("hovedgruppe", ""), programme, r["antall"], r["antall"] + REVISED["by"]))
        r["antall"] += REVISED["by"]

    target = records[NEW_PROGRAMME["part"]]
    present = {(r["hovedgruppe"], r["undertype"]) for r in target}
    groups = {r["hovedgruppe"] for r in target}
    group, programme = next(c for c in CANDIDATES if c not in present and c[0] in groups)
    p = {**NEW_PROGRAMME, "hovedgruppe": group, "undertype": programme}
    after = max(i for i, r in enumerate(target) if r["hovedgruppe"] == p["hovedgruppe"])
    target.insert(
        after + 1,
        {
            "maalgruppe": p["maalgruppe"],
            "hovedgruppe": p["hovedgruppe"],
            "undertype": p["undertype"],
            "periode": f"{new}-01",
            "antall": p["antall"],
            "brudd": False,
        },
    )
    for part, fields in (("hovedgrupper", dict(hovedgruppe=p["hovedgruppe"])), ("oversikt", {})):
        one(part, maalgruppe=p["maalgruppe"], periode=f"{new}-01", **fields)["antall"] += p["antall"]

    out.mkdir(parents=True, exist_ok=True)
    for part in PARTS:
        (out / f"{part}.json").write_bytes(dump(records[part]))
    meta_new = (
        meta_text.replace(f'"sist_oppdatert": "{meta["sist_oppdatert"]}"', f'"sist_oppdatert": "{new}-01"')
        .replace(f'"n_tiltakstyper": {meta["n_tiltakstyper"]}', f'"n_tiltakstyper": {meta["n_tiltakstyper"] + 1}')
        .replace(f'"generert": "{meta["generert"]}"', f'"generert": "{next_month(meta["generert"][:7])}-15T08:00:00+0200"')
    )
    assert meta_new.count(new) == 1 and meta_new != meta_text
    (out / "metadata.json").write_text(meta_new, encoding="utf-8")
    return Newer(latest, new, revised, (p["maalgruppe"], p["hovedgruppe"], p["undertype"]))


if __name__ == "__main__":
    print(build(ROOT / "data" / "raw", Path(sys.argv[1])))
