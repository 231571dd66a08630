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

# -- 01 The definitions, executable --------------------------------------------------------------

# -- 02 Reading NAV's tables ---------------------------------------------------------------------

# -- 03 Programme groups -------------------------------------------------------------------------

# -- 04 Women and men ----------------------------------------------------------------------------

# -- 05 Seasons and age --------------------------------------------------------------------------

# -- 06 What the audit found ---------------------------------------------------------------------

# -- 07 Across the years -------------------------------------------------------------------------

# -- 08 The years since --------------------------------------------------------------------------
