"""The one shortcut every notebook shares: pick rows of the tidy frame, with every dimension you
don't name at its total ("I alt"). Notebooks 01 and 02 show the same selection in plain pandas."""

from __future__ import annotations

import pandas as pd

from . import vocabulary as vocab

T = vocab.TOTAL


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
