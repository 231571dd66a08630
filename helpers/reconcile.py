"""Check every published total against the sum of its parts, allowing for suppressed cells.

NAV computes totals before it suppresses small cells, so for every total

    sum of visible parts + (smallest hidden value) × (starred parts)
        ≤ total ≤
    sum of visible parts + 3 × (starred parts)

A ``*`` hides 1-3 in the one-month table (where nobody is printed as an empty cell) and 0-3 in
the time series (where a row keeps its place in months with nobody). A starred change from a
year earlier is taken to lie between -3 and +3 (the only one in the data sits on a count of 0,
so last year's 1-3 gives a change of -3 to -1). The published tables satisfy every check, so a
violation means a parsing or classification error, not a flaw in NAV's numbers.
"""

from __future__ import annotations

import functools

import pandas as pd

from . import vocabulary as vocab
from .errors import ReconciliationError
from .parsing import KEY, ONE_MONTH, TABLE_TITLES

T = vocab.TOTAL
ADDITIVE_MEASURES = ("participants", "change_from_last_year")
REPORT_COLUMNS = (
    "dimension",
    "source",
    *KEY,
    "total",
    "total_suppressed",
    "parts",
    "suppressed_parts",
    "visible_sum",
    "lower",
    "upper",
    "ok",
    "line",
)
DIMENSION_INDEX = {name: KEY.index(name) for name in ("status_group", "gender", "age_group", "programme_group", "programme")}
GROUP, PROGRAMME, MEASURE = KEY.index("programme_group"), KEY.index("programme"), KEY.index("measure")

Facts = dict[tuple, tuple[str, "int | None", bool, int]]


@functools.lru_cache(maxsize=None)
def suppression_floor(source: str) -> int:
    """Smallest value a ``*`` can hide in a file: 1 in the one-month table, 0 in the time series."""
    from .tidy import manifest

    for entry in manifest():
        if entry["file"] == source:
            title = entry["nav_title"].split("tiltak. ", 1)[1]
            return 1 if TABLE_TITLES.get(title) == ONE_MONTH else 0
    return 0


def check_totals(facts: Facts) -> list[tuple]:
    """The reconciliation itself, over ``key -> (source, value, suppressed, line)``.

    Returns one tuple per total that has printed parts, in ``REPORT_COLUMNS`` order. Plain
    Python, because it runs on every load and must be quick.
    """
    rows = []
    for dimension, i in DIMENSION_INDEX.items():
        sums: dict[tuple, list[int]] = {}
        for key, (_, value, suppressed, _) in facts.items():
            if key[i] == T or (i == GROUP and key[PROGRAMME] != T):
                continue
            total_key = key[:i] + (T,) + key[i + 1 :]
            acc = sums.get(total_key)
            if acc is None:
                acc = sums[total_key] = [0, 0, 0]
            acc[1] += 1
            if suppressed:
                acc[2] += 1
            else:
                acc[0] += value
        for total_key, (visible, parts, starred) in sums.items():
            total = facts.get(total_key)
            if total is None:
                continue
            source, value, suppressed, line = total
            star_low = suppression_floor(source) if total_key[MEASURE] == "participants" else -3
            lower, upper = visible + starred * star_low, visible + starred * 3
            low, high = (star_low, 3) if suppressed else (value, value)
            rows.append(
                (
                    dimension,
                    source,
                    *total_key,
                    value,
                    suppressed,
                    parts,
                    starred,
                    visible,
                    lower,
                    upper,
                    low <= upper and high >= lower,
                    line,
                )
            )
    return rows


def facts_by_key(frame: pd.DataFrame) -> Facts:
    """The additive facts of a tidy frame as ``key -> (source, value, suppressed, line)``."""
    additive = frame[frame["measure"].isin(ADDITIVE_MEASURES)]
    values = additive["value"].astype(object).where(additive["value"].notna(), None)
    keys = zip(additive["period"].astype(str), *(additive[k] for k in KEY[1:]))
    return dict(zip(keys, zip(additive["source"], values, additive["suppressed"], additive["line"])))


def reconcile(frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """Check every total in every dimension; one report row per total that has printed parts.

    Dimensions: status group, gender, age group, programme group (groups to all groups) and
    programme (programmes to their group). Measures: participants and the change in persons
    from a year earlier; per cent changes do not add up (:func:`check_percent_changes` checks them).
    """
    if frame is None:
        from .tidy import load_participants

        frame = load_participants()
    report = pd.DataFrame.from_records(check_totals(facts_by_key(frame)), columns=list(REPORT_COLUMNS))
    report["period"] = pd.PeriodIndex(report["period"], freq="M")
    report["total"] = report["total"].astype("Int64")
    return report


def check_percent_changes(frame: pd.DataFrame) -> pd.DataFrame:
    """Check each printed per-cent change against its count and its change in persons.

    Last year's count is ``count - change``; the printed per cent should be
    ``100 * change / last year`` rounded to a whole number (within 0.5). Rows where any of the
    three cells is starred cannot be checked and are left out.
    """
    key = ["source", *(k for k in KEY if k != "measure")]
    columns = ["dimension", *key, "total", "computed", "ok", "line"]
    with_pct = frame.loc[frame["measure"] == "change_from_last_year_pct", "source"].unique()
    if len(with_pct) == 0:
        return pd.DataFrame(columns=columns)
    frame = frame[frame["source"].isin(with_pct)]
    wide = frame.pivot(index=key, columns="measure", values="value").dropna(subset=list(vocab.MEASURES))
    wide = wide[list(vocab.MEASURES)].astype("int64")
    lines = frame[frame["measure"] == "change_from_last_year_pct"].set_index(key)["line"]
    last_year = wide["participants"] - wide["change_from_last_year"]
    computed = 100 * wide["change_from_last_year"] / last_year.where(last_year != 0)
    ok = ((wide["change_from_last_year_pct"] - computed).abs() <= 0.5 + 1e-9).fillna(False)
    out = pd.DataFrame(
        {"dimension": "per cent change", "total": wide["change_from_last_year_pct"], "computed": computed.round(2), "ok": ok}
    )
    return out.join(lines).reset_index()[columns]


def violations(report: pd.DataFrame) -> pd.DataFrame:
    """Rows of a reconciliation report whose total is outside its bounds."""
    return report[~report["ok"].astype(bool)]


def facts_from_tables(tables) -> Facts:
    """The additive facts of parsed tables as ``key -> (source, value, suppressed, line)``."""
    return {
        f.key: (f.source, f.value, f.suppressed, f.line)
        for table in tables
        for f in table.facts
        if f.measure in ADDITIVE_MEASURES
    }


def assert_reconciled(frame: pd.DataFrame, facts: Facts | None = None) -> None:
    """Raise :class:`ReconciliationError` naming the first total that does not add up.

    ``facts`` may be given when the caller already has them (it saves converting ``frame``).
    """
    pct = violations(check_percent_changes(frame))
    if not pct.empty:
        row = pct.iloc[0]
        raise ReconciliationError(
            row["source"],
            int(row["line"]),
            f"per cent change {row['total']} does not follow from the count and the change in persons",
            f"about {row['computed']} per cent",
        )
    checked = check_totals(facts if facts is not None else facts_by_key(frame))
    bad = [row for row in checked if not row[REPORT_COLUMNS.index("ok")]]
    if not bad:
        return
    row = dict(zip(REPORT_COLUMNS, bad[0]))
    total = "*" if row["total_suppressed"] else row["total"]
    what = ", ".join(f"{k}={row[k]}" for k in KEY if row[k] != T or k in ("period", "measure"))
    raise ReconciliationError(
        row["source"],
        int(row["line"]),
        f"total {total} ({what}) is not the sum of its {row['parts']} parts by {row['dimension']} "
        f"({row['visible_sum']} visible, {row['suppressed_parts']} starred); {len(bad)} total(s) fail",
        f"a total between {row['lower']} and {row['upper']}",
    )
