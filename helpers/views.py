"""Small, named selections of the tidy frame that charts, findings and exercises share.

Each returns a plain DataFrame with NAV's labels, so the same numbers feed a chart, its
"see the numbers" table and the sentences that describe it.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from typing import TypeVar

import pandas as pd

R = TypeVar("R")

from . import vocabulary as vocab

T = vocab.TOTAL
STATUS_ORDER = list(vocab.STATUS_GROUPS)
AGE_ORDER = list(vocab.AGE_GROUPS)
GROUP_ORDER = list(vocab.PROGRAMME_GROUPS)


def per_frame(function: Callable[..., R]) -> Callable[..., R]:
    """Remember a function's result for each frame object (and further arguments).

    For selections that charts ask for many times. The frame is held by a weak reference and
    compared by identity, so a different or new frame is always read anew; results are shared,
    so callers must not modify them.
    """
    memo: dict[tuple, tuple[weakref.ref, object]] = {}

    @functools.wraps(function)
    def wrapper(frame: pd.DataFrame, *args: object) -> R:
        key = (id(frame), *args)
        hit = memo.get(key)
        if hit is not None and hit[0]() is frame:
            return hit[1]  # type: ignore[return-value]
        result = function(frame, *args)
        memo[key] = (weakref.ref(frame), result)
        return result

    return wrapper


def select(frame: pd.DataFrame, measure: str = "participants", **fixed: str) -> pd.DataFrame:
    """Rows with the given measure and dimension values; unnamed dimensions default to 'I alt'.

    Pass ``dimension=None`` to keep every value of a dimension (the breakdown you want).
    """
    mask = frame["measure"] == measure
    for dimension in ("status_group", "gender", "age_group", "programme_group", "programme"):
        wanted = fixed.get(dimension, T)
        if wanted is not None:
            mask &= frame[dimension] == wanted
    for name in fixed:
        if name not in ("status_group", "gender", "age_group", "programme_group", "programme", "source"):
            raise TypeError(f"select() got an unknown dimension {name!r}")
    if "source" in fixed:
        mask &= frame["source"] == fixed["source"]
    return frame[mask]


def status_by_month(frame: pd.DataFrame) -> pd.DataFrame:
    """Participants per status group and month (all genders, ages and programmes), with shares."""
    rows = select(frame, status_group=None)
    total = rows[rows["status_group"] == T].set_index("period")["value"]
    parts = rows[rows["status_group"] != T][["period", "status_group", "value", "suppressed", "source", "line"]].copy()
    parts["share"] = 100 * parts["value"].astype("Float64") / parts["period"].map(total).astype("Float64")
    parts["status_group"] = pd.Categorical(parts["status_group"], STATUS_ORDER, ordered=True)
    return parts.sort_values(["period", "status_group"]).reset_index(drop=True)


def months(frame: pd.DataFrame) -> list[pd.Period]:
    """Every month any table covers, in order."""
    return sorted(frame["period"].unique())
