"""The collection's exercises, one section per notebook. Every expected answer is computed."""

from __future__ import annotations

import functools

import pandas as pd

from . import views
from .exercises import as_number, exercise, same_label


@functools.cache
def _frame() -> pd.DataFrame:
    from .tidy import load_participants

    return load_participants()


def _grand_total(period: str, status: str = "I alt") -> int:
    rows = views.select(_frame(), status_group=status)
    return int(rows.loc[rows["period"].astype(str) == period, "value"].item())


# -- 00 Start here -------------------------------------------------------------------------------------
@exercise("00.1", hint="pick November 2016 in the chart's menu, or open 'See the numbers' under it.")
def _(answer):
    expected = _grand_total("2016-11", "Nedsatt arbeidsevne, på tiltak")
    value = as_number(answer)
    if value == expected:
        return True, f"{expected:,} people with reduced work capacity were on a programme at the end of November 2016.".replace(",", " ")
    return False, "look at the bar for 'Reduced work capacity' in November 2016 and give the whole number of persons."


@exercise("00.2", hint="compare the July bars of 2019 with those of March 2019.")
def _(answer):
    totals = {p: _grand_total(p) for p in (f"2019-{m:02d}" for m in range(1, 13))}
    lowest = min(totals, key=totals.get)
    month_names = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
    norwegian = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"]
    m = int(lowest[-2:]) - 1
    if isinstance(answer, str) and answer.strip().lower() in {month_names[m], norwegian[m], lowest}:
        return True, f"{month_names[m].capitalize()} 2019 had the fewest participants: summer is the low season."
    return False, "add up the three bars for each month of 2019 (or read 'See the numbers') and name the month with the smallest total."
