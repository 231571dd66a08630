"""The answer key: for each exercise, how the right answer is worked out from the data, and what
to tell a learner whose answer is one of the usual mistakes.

Kept out of the notebooks so that no answer is on the page before the learner has tried. Each
check computes its expected value from the tidy frames (``data()``, the loaders); nothing is
typed in. Sections follow the notebooks.
"""

from __future__ import annotations

import pandas as pd

from . import vocabulary as vocab
from .exercises import data, exercise, judge_label, judge_month, judge_number  # noqa: F401
from .views import select  # noqa: F401

T = vocab.TOTAL

# -- 00 Start here -------------------------------------------------------------------------------
def _status(period: str) -> pd.Series:
    """Participants per status group in one month (every other dimension at its total)."""
    rows = select(data(), status_group=None)
    rows = rows[(rows["period"] == period) & (rows["status_group"] != T)]
    return rows.set_index("status_group")["value"].astype(int)


@exercise("00.1", hint="keep the rows of `status` whose `period` is \"2019-07\", then take `.sum()` of their `value`.")
def _(answer):
    july = _status("2019-07")
    return judge_number(answer, july.sum(), 0.5, "people on a programme in July 2019", mistakes={
        "that is one status group only: add all three.": july["Nedsatt arbeidsevne, på tiltak"],
        "that is the total for November 2016, not July 2019: change the month in your selection.": _status("2016-11").sum(),
    })


@exercise("00.2", hint="select May 2021 (\"2021-05\") in `status`; divide the jobseekers' `value` by the sum of all three, times 100.")
def _(answer):
    may = _status("2021-05")
    jobseekers = may["Arbeidssøkere på tiltak"]
    return judge_number(answer, 100 * jobseekers / may.sum(), 0.05, "of the participants in May 2021 were jobseekers", unit=" %", mistakes={
        "that is a share between 0 and 1: multiply by 100 to get per cent.": jobseekers / may.sum(),
        "that is the number of jobseekers; divide it by the month's total and multiply by 100.": jobseekers,
    })


# -- 01 The definitions, executable --------------------------------------------------------------

# -- 02 Reading NAV's tables ---------------------------------------------------------------------

# -- 03 Programme groups -------------------------------------------------------------------------

# -- 04 Women and men ----------------------------------------------------------------------------

# -- 05 Seasons and age --------------------------------------------------------------------------

# -- 06 What the audit found ---------------------------------------------------------------------

# -- 07 Across the years -------------------------------------------------------------------------

# -- 08 The years since --------------------------------------------------------------------------
