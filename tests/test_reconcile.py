"""Every total agrees with its parts within the suppression bounds, and the check can fail."""

from __future__ import annotations

from collections import defaultdict

import pandas as pd
import pytest

import helpers
from helpers.errors import ReconciliationError
from helpers.reconcile import assert_reconciled

from .conftest import AGE, GENDER, ONE_MONTH

T = "I alt"
DIMS = ("status_group", "gender", "age_group", "programme_group", "programme")


def count_checkable_totals(frame: pd.DataFrame) -> dict[tuple[str, str], int]:
    """Independent count, in plain Python: totals (value I alt in one dimension) that have at
    least one printed part (same key but another value in that dimension)."""
    keys = {}
    for row in frame[frame["measure"].isin(["participants", "change_from_last_year"])].itertuples(index=False):
        keys[(row.period, row.status_group, row.gender, row.age_group, row.programme_group, row.programme, row.measure)] = (
            row.source
        )
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for i, dim in enumerate(DIMS, start=1):
        with_parts = set()
        for k in keys:
            if k[i] == T:
                continue
            if dim == "programme_group" and k[5] != T:
                continue
            with_parts.add(k[:i] + (T,) + k[i + 1 :])
        for k in with_parts:
            if k in keys:
                counts[(keys[k], dim)] += 1
    return counts


def test_published_tables_reconcile_completely(participants):
    report = helpers.reconcile(participants)
    assert helpers.violations(report).empty
    checked = report.groupby(["source", "dimension"]).size().to_dict()
    assert checked == count_checkable_totals(participants)
    # Counted by hand from the one-month table's layout:
    # groups → all groups: 4 status contexts (I alt and three groups) × 2 additive measures;
    assert checked[(ONE_MONTH, "programme_group")] == 4 * 2
    # programmes → their group: 10 groups × 4 status columns of the programme cross-table;
    assert checked[(ONE_MONTH, "programme")] == 10 * 4
    # status groups → all: 1 + 10 groups + 42 programmes (counts) and 1 + 10 groups (changes).
    assert checked[(ONE_MONTH, "status_group")] == (1 + 10 + 42) + (1 + 10)
    assert len(report) > 6000
    assert set(report["dimension"]) == set(DIMS)
    assert {GENDER, AGE} <= set(report["source"])


def test_star_bounds_are_used(participants):
    report = helpers.reconcile(participants)
    # One-month table: Tilrettelegging in all status groups = 190 + 16 + 480 + * (line 214; the
    # total is first printed on line 51, which is its provenance)
    row = report[
        (report["source"] == ONE_MONTH)
        & (report["dimension"] == "programme")
        & (report["programme_group"] == "Tilrettelegging")
        & (report["status_group"] == T)
        & (report["measure"] == "participants")
    ].iloc[0]
    assert (row["total"], row["visible_sum"], row["suppressed_parts"], row["lower"], row["upper"], row["line"]) == (
        687,
        686,
        1,
        687,
        689,
        51,
    )


def test_a_wrong_number_is_found(participants):
    damaged = participants.copy()
    target = (damaged["source"] == GENDER) & (damaged["line"] == 137) & (damaged["period"].astype(str) == "2021-01")
    assert damaged.loc[target, "value"].item() == 9252  # "Oppfølging" in January 2021, all status groups
    damaged.loc[target, "value"] = 9250
    bad = helpers.violations(helpers.reconcile(damaged))
    # Its group total (16 662) has two starred siblings, so a change of 2 hides in their 0-6
    # slack; the split by status group (3 050 + 5 962 + 240 = 9 252) has no stars and catches it.
    assert list(bad["dimension"]) == ["status_group"]
    assert bad["line"].item() == 137
    with pytest.raises(ReconciliationError, match=rf"{GENDER}, line \d+: total .* expected a total between"):
        assert_reconciled(damaged)


def test_a_starred_part_cannot_hide_more_than_three(participants):
    damaged = participants.copy()
    # Tilrettelegging total 687 = 686 visible + one star; raise the total beyond 686 + 3
    target = (damaged["source"] == ONE_MONTH) & (damaged["line"] == 51) & (damaged["measure"] == "participants")
    damaged.loc[target, "value"] = 690
    bad = helpers.violations(helpers.reconcile(damaged))
    assert ((bad["programme_group"] == "Tilrettelegging") & (bad["dimension"] == "programme")).any()
