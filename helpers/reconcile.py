"""Check every published total against the sum of its parts, allowing for suppressed cells.

NAV computes totals before it suppresses small cells, so for every total

    sum of visible parts + (smallest hidden value) × (starred parts)
        ≤ total ≤
    sum of visible parts + 3 × (starred parts)

A ``*`` hides 1-3 in the one-month table (where nobody is printed as an empty cell) and 0-3 in
the time series (where a row keeps its place in months with nobody). A starred change from a
year earlier is taken to lie between -3 and +3. The published tables satisfy every check, so a
violation means a parsing or classification error, not a flaw in NAV's numbers.
"""

from __future__ import annotations

import pandas as pd

from . import vocabulary as vocab
from .errors import ReconciliationError
from .parsing import KEY, ONE_MONTH, TABLE_TITLES

T = vocab.TOTAL
ADDITIVE_MEASURES = ("participants", "change_from_last_year")
REPORT_COLUMNS = (
    "dimension", "source", *KEY, "total", "total_suppressed", "parts", "suppressed_parts",
    "visible_sum", "lower", "upper", "ok", "line",
)


def suppression_floor(source: str) -> int:
    """Smallest value a ``*`` can hide in a file: 1 in the one-month table, 0 in the time series."""
    from .tidy import manifest

    for entry in manifest():
        if entry["file"] == source:
            title = entry["nav_title"].split("tiltak. ", 1)[1]
            return 1 if TABLE_TITLES.get(title) == ONE_MONTH else 0
    return 0


def _check_dimension(frame: pd.DataFrame, dimension: str) -> pd.DataFrame:
    others = ["source", *(k for k in KEY if k != dimension)]
    rows = frame if dimension != "programme_group" else frame[frame["programme"] == T]
    is_total = rows[dimension] == T
    parts = rows[~is_total]
    visible = parts["value"].where(~parts["suppressed"], 0).astype("int64")
    summary = (
        parts.assign(_visible=visible, _star=parts["suppressed"].astype("int64"))
        .groupby(others, sort=False, observed=True)
        .agg(visible_sum=("_visible", "sum"), parts=("_visible", "size"), suppressed_parts=("_star", "sum"))
        .reset_index()
    )
    checked = rows[is_total].merge(summary, on=others, how="inner")
    if checked.empty:
        return pd.DataFrame(columns=list(REPORT_COLUMNS))
    floors = checked["source"].map({s: suppression_floor(s) for s in checked["source"].unique()})
    star_low = floors.where(checked["measure"] == "participants", -3)
    lower = checked["visible_sum"] + checked["suppressed_parts"] * star_low
    upper = checked["visible_sum"] + checked["suppressed_parts"] * 3
    total_low = checked["value"].astype("Float64").fillna(star_low.astype("Float64"))
    total_high = checked["value"].astype("Float64").fillna(3.0)
    checked = checked.assign(
        dimension=dimension,
        total=checked["value"],
        total_suppressed=checked["suppressed"],
        lower=lower.astype("int64"),
        upper=upper.astype("int64"),
        ok=((total_low <= upper) & (total_high >= lower)).astype(bool),
    )
    return checked[list(REPORT_COLUMNS)]


def reconcile(frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """Check every total in every dimension; one report row per total that has printed parts.

    Dimensions: status group, gender, age group, programme group (groups to all groups) and
    programme (programmes to their group). Measures: participants and the change in persons
    from a year earlier (per cent changes do not add up and are not checked here).
    """
    if frame is None:
        from .tidy import load_participants

        frame = load_participants()
    additive = frame[frame["measure"].isin(ADDITIVE_MEASURES)]
    reports = [_check_dimension(additive, dimension) for dimension in ("status_group", "gender", "age_group", "programme_group", "programme")]
    report = pd.concat([r for r in reports if not r.empty], ignore_index=True)
    return report


def violations(report: pd.DataFrame) -> pd.DataFrame:
    """Rows of a reconciliation report whose total is outside its bounds."""
    return report[~report["ok"]]


def assert_reconciled(frame: pd.DataFrame) -> None:
    """Raise :class:`ReconciliationError` naming the first total that does not add up."""
    bad = violations(reconcile(frame))
    if bad.empty:
        return
    row = bad.iloc[0]
    total = "*" if row["total_suppressed"] else row["total"]
    what = ", ".join(f"{k}={row[k]}" for k in KEY if row[k] != T or k in ("period", "measure"))
    raise ReconciliationError(
        row["source"], int(row["line"]),
        f"total {total} ({what}) is not the sum of its {row['parts']} parts by {row['dimension']} "
        f"({row['visible_sum']} visible, {row['suppressed_parts']} starred); {len(bad)} total(s) fail",
        f"a total between {row['lower']} and {row['upper']}",
    )
