"""Sentences with numbers in them, computed from the data: key findings and takeaways.

Notebook prose states figures only through these functions (or computes them in a cell), so
text cannot drift from the data. Each function returns plain sentences; tests check them
against the printed tables.
"""

from __future__ import annotations

import pandas as pd

from . import views
from .charts import month_label, number

NAE = "Nedsatt arbeidsevne, på tiltak"


def _total(frame: pd.DataFrame, period: str, **fixed: str) -> int:
    rows = views.select(frame, **fixed)
    return int(rows.loc[rows["period"].astype(str) == period, "value"].item())


def start_here(frame: pd.DataFrame) -> list[str]:
    """Key findings for 00_start_here."""
    snapshots = ["2016-11", "2019-11", "2021-05"]
    totals = {p: _total(frame, p) for p in snapshots}
    shares = views.status_by_month(frame)
    nae = shares[shares["status_group"] == NAE]["share"].astype(float)
    year = {p: _total(frame, p) for p in (f"2019-{m:02d}" for m in range(1, 13))}
    low, high = min(year, key=year.get), max(year, key=year.get)
    fall = 100 * (year[high] - year[low]) / year[high]
    listing = ", ".join(f"{number(totals[p])} in {month_label(pd.Period(p, 'M'), 'en')}" for p in snapshots)
    return [
        f"NAV's tables count the people on a labour-market programme at the end of a month: {listing}.",
        f"Most participants are people with reduced work capacity (nedsatt arbeidsevne): {number(nae.min())}-{number(nae.max())} % "
        f"in every month the tables cover.",
        f"Participation follows the seasons: in 2019 it fell from {number(year[high])} in {month_label(pd.Period(high, 'M'), 'en')} "
        f"to {number(year[low])} in {month_label(pd.Period(low, 'M'), 'en')}, {number(fall)} % fewer.",
    ]
