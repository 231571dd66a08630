"""Tests for helpers.definitions, written from NAV's definitions rather than from the code.

"definitions line N" is a line of data/raw/nav_avgang_definisjoner.txt (NAV's definition page for the exit
statistics); "001 line N" is data/raw/nav_tiltak_en_maaned_2016-11.txt; "audit line N" is
data/raw/riksrevisjonen_dokument_3-5_2017-2018.txt. Expected values were worked out by hand from
those lines, so each test states the rule, not the implementation.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import definitions as d
from helpers import vocabulary
from helpers.definitions import (
    GROUP_JOBSEEKERS as AS_GROUP,
    GROUP_OTHER as OTHER_GROUP,
    GROUP_REDUCED_CAPACITY as NAE_GROUP,
    HistoryError,
    MonthRecord,
    UndeterminedError,
    make_history,
)

AS, NAE = "arbeidssøker", "nedsatt arbeidsevne"
A, B = "Arbeidstrening", "Arbeidsmarkedsopplæring (AMO)"
OFF = (None, AS)


def on(programme: str = A, status: str | None = AS) -> tuple[str, str | None]:
    return (programme, status)


# --------------------------------------------------------------------------- history validation


def test_valid_history_is_returned_unchanged():
    """definitions line 5 counts months ("referansemåned", "de to påfølgende månedene"): a clean monthly history passes."""
    history = make_history("2021-01", [on(), on(), OFF])
    assert d.validate_history(history) == tuple(history)
    assert [r.month for r in history] == ["2021-01", "2021-02", "2021-03"]


def test_history_may_cross_a_year_boundary():
    """definitions line 5: "de to påfølgende månedene" are calendar months, so December is followed by January."""
    history = make_history("2020-11", [on(), on(), OFF, OFF])
    assert [r.month for r in d.validate_history(history)] == ["2020-11", "2020-12", "2021-01", "2021-02"]
    assert d.exit_months(history) == ["2020-12"]


def test_empty_history_is_valid_and_has_no_exits():
    """definitions line 5: an exit needs a month on a programme; an empty history has none."""
    assert d.validate_history([]) == ()
    assert d.exit_months([]) == []
    assert d.undetermined_months([]) == []
    assert list(d.describe([]).columns) == list(d.DESCRIBE_COLUMNS) and d.describe([]).empty
    assert d.timeline_frame([]).empty


def test_gap_between_months_names_record_and_expected_month():
    """definitions line 5 looks at "de to påfølgende månedene"; a gap would hide them, so it is an error."""
    history = [MonthRecord("2021-01", A, AS), MonthRecord("2021-03", None, AS)]
    with pytest.raises(HistoryError) as caught:
        d.validate_history(history)
    assert caught.value.index == 1 and caught.value.month == "2021-03"
    assert "record 1" in str(caught.value) and "'2021-02'" in str(caught.value)
    assert "not consecutive" in str(caught.value)


def test_duplicate_month_is_an_error():
    """definitions line 5: one record per reference month; a repeated month cannot say which one holds."""
    history = [MonthRecord("2021-01", A, AS), MonthRecord("2021-01", None, AS)]
    with pytest.raises(HistoryError, match=r"record 1 \(month '2021-01'\): duplicate month, already record 0"):
        d.validate_history(history)


def test_months_going_backwards_are_an_error():
    """definitions line 5: "påfølgende" (following) months must come after the reference month."""
    history = make_history("2021-03", [on(), OFF]) + [MonthRecord("2021-02")]
    with pytest.raises(HistoryError, match=r"record 2 .*expected '2021-05'"):
        d.validate_history(history)


@pytest.mark.parametrize("bad", ["2021-13", "2021-00", "2021-1", "21-01", "2021/01", "", "januar 2021", 202101])
def test_bad_month_strings_are_rejected(bad):
    """definitions line 5 speaks of a "referansemåned"; a month must be 'YYYY-MM' to be placed in time."""
    with pytest.raises(HistoryError, match="YYYY-MM") as caught:
        d.validate_history([MonthRecord("2021-01"), MonthRecord(bad)])
    assert caught.value.index == 1


@pytest.mark.parametrize("status", ["ledig", "Arbeidssøker", "nedsatt", "uføre", ""])
def test_unknown_status_values_are_rejected(status):
    """definitions line 7 names two registered statuses: "arbeidssøkere og personer registrert med nedsatt arbeidsevne"."""
    with pytest.raises(HistoryError, match="unknown status") as caught:
        d.validate_history([MonthRecord("2021-01", A, status)])
    assert "arbeidssøker" in str(caught.value) and "nedsatt arbeidsevne" in str(caught.value)


@pytest.mark.parametrize("clash", [{"in_work": True}, {"benefit": True}, {"sickness_benefit": True}, {"status": NAE}])
def test_disability_benefit_only_contradicts_anything_else(clash):
    """definitions line 17: "Uføre. Personene mottar kun uføretrygd" - "kun" (only) rules out work, benefits, a status."""
    record = MonthRecord("2021-09", disability_benefit_only=True, **clash)
    with pytest.raises(HistoryError, match="contradictory flags") as caught:
        d.validate_history([record])
    assert caught.value.index == 0 and caught.value.month == "2021-09"


def test_flags_must_be_true_or_false_and_records_must_be_records():
    """definitions lines 13-18 decide statuses from yes/no facts; anything else cannot be read."""
    with pytest.raises(HistoryError, match="in_work"):
        d.validate_history([MonthRecord("2021-01", in_work="yes")])  # type: ignore[arg-type]
    with pytest.raises(HistoryError, match="not a MonthRecord"):
        d.validate_history([{"month": "2021-01"}])  # type: ignore[list-item]
    with pytest.raises(HistoryError, match="programme"):
        d.validate_history([MonthRecord("2021-01", programme="  ")])


def test_history_error_is_a_value_error():
    """definitions line 5 needs a well-formed history; a malformed one is a bad value, so HistoryError is a ValueError."""
    assert issubclass(HistoryError, ValueError)
    with pytest.raises(ValueError):
        d.exit_months([MonthRecord("2021-01"), MonthRecord("2021-01")])


# --------------------------------------------------------------------------- exit rule (definitions line 5)


def test_simple_stop_is_one_exit_in_the_last_month_on_the_programme():
    """definitions line 5: registered in the reference month, "men ikke de to påfølgende månedene"."""
    history = make_history("2021-01", [on(), on(), on(), OFF, OFF])
    assert d.exit_months(history) == ["2021-03"]
    assert d.is_exit(history, "2021-03") is True
    assert d.is_exit(history, "2021-02") is False


def test_move_to_another_programme_is_an_exit_from_the_first():
    """definitions line 5: "Avgangen mellom ulike tiltak er også tatt med i statistikken"."""
    history = make_history("2021-01", [on(A), on(A), on(B), on(B), OFF, OFF])
    assert d.is_exit(history, "2021-02") is True  # left A for B
    assert d.exit_months(history) == ["2021-02", "2021-04"]


def test_move_away_and_back_within_two_months_is_no_exit():
    """definitions line 5 (read with audit line 1167 "samme tiltak"): back on the same programme within two months."""
    history = make_history("2021-01", [on(A), on(B), on(A), OFF, OFF])
    assert d.is_exit(history, "2021-01") is False
    assert d.exit_months(history) == ["2021-02", "2021-03"]


def test_short_break_of_one_month_is_no_exit():
    """definitions line 5: off one month and back on means the person was registered in one of the two following months."""
    history = make_history("2021-01", [on(), OFF, on(), on(), OFF, OFF])
    assert d.is_exit(history, "2021-01") is False
    assert d.exit_months(history) == ["2021-04"]


def test_back_after_exactly_two_months_off_is_still_an_exit():
    """definitions line 5: only "de to påfølgende månedene" count; a return in the third month does not undo the exit."""
    history = make_history("2021-01", [on(), OFF, OFF, on(), on()])
    assert d.is_exit(history, "2021-01") is True
    assert d.exit_months(history) == ["2021-01"]


def test_month_off_programme_is_never_an_exit_even_at_the_end():
    """definitions line 5: the person must be "registret i ett arbeidsmarkedstiltak" in the reference month."""
    history = make_history("2021-01", [on(), OFF, OFF, OFF])
    assert d.is_exit(history, "2021-02") is False
    assert d.is_exit(history, "2021-04") is False  # last month, but not on a programme: decidable
    assert d.exit_verdict(history, "2021-04") is False


def test_history_ending_exactly_two_months_after_decides_the_exit():
    """definitions line 5: once both following months are known, the exit is decided."""
    history = make_history("2021-01", [on(), OFF, OFF])
    assert d.is_exit(history, "2021-01") is True
    assert d.undetermined_months(history) == []


def test_history_ending_one_month_after_leaves_the_exit_undetermined():
    """definitions line 5: with only one of "de to påfølgende månedene" known, the rule cannot be applied."""
    history = make_history("2021-01", [on(), on(), OFF])
    assert d.exit_verdict(history, "2021-02") is None
    with pytest.raises(UndeterminedError) as caught:
        d.is_exit(history, "2021-02")
    assert caught.value.needed == ("2021-04",) and caught.value.last == "2021-03"
    assert d.exit_months(history) == [] and d.undetermined_months(history) == ["2021-02"]


def test_still_on_a_programme_has_no_exit_and_an_undetermined_last_month():
    """definitions line 5: a person still on the programme is registered in the following month, so no exit."""
    history = make_history("2021-01", [on()] * 4)
    assert [d.exit_verdict(history, m) for m in ("2021-01", "2021-02", "2021-03")] == [False] * 3
    assert d.undetermined_months(history) == ["2021-04"]
    with pytest.raises(UndeterminedError, match="2021-05, 2021-06"):
        d.is_exit(history, "2021-04")


def test_move_in_the_last_month_leaves_the_first_programme_undetermined():
    """definitions line 5: after a move, a return to the first programme in the second month would cancel the exit."""
    history = make_history("2021-01", [on(A), on(B)])
    assert d.exit_verdict(history, "2021-01") is None
    assert d.undetermined_months(history) == ["2021-01", "2021-02"]


def test_audit_one_month_rule_counts_short_breaks():
    """Audit lines 1171-1173: the 2014 cohort exit is "ikke samme tiltak måneden etter" - looser than definitions line 5."""
    history = make_history("2021-01", [on(), OFF, on(), OFF, OFF])
    assert d.exit_months(history) == ["2021-03"]
    assert d.exit_months(history, months_off=1) == ["2021-01", "2021-03"]
    assert d.is_exit(history, "2021-01", months_off=1) is True


def test_reference_month_must_lie_in_the_history():
    """definitions line 5 judges a given "referansemåned" of the person's own record; other months are not in it."""
    history = make_history("2021-01", [on(), OFF, OFF])
    with pytest.raises(ValueError, match="runs 2021-01 to 2021-03"):
        d.is_exit(history, "2020-12")
    with pytest.raises(ValueError, match="history is empty"):
        d.is_exit([], "2021-01")
    with pytest.raises(ValueError, match="YYYY-MM"):
        d.is_exit(history, "2021-1")
    with pytest.raises(ValueError, match="months_off"):
        d.exit_months(history, months_off=0)


# --------------------------------------------------------------------------- status group (definitions line 7)


def exit_in_june(statuses_jan_to_may: list[str | None], june: str | None = AS) -> list[MonthRecord]:
    """Off a programme Jan-May with the given statuses, on Jobbklubb in June (the exit), off Jul-Aug."""
    rows = [(None, s) for s in statuses_jan_to_may] + [("Jobbklubb", june), (None, june), (None, june)]
    return make_history("2021-01", rows)


def test_jobseeker_exit_is_counted_under_jobseekers():
    """definitions line 7: "Statistikken fordeles på arbeidsmarkedsstatusen arbeidssøkere og ... nedsatt arbeidsevne"."""
    history = exit_in_june([AS] * 5)
    assert d.exit_status_group(history, "2021-06") == AS_GROUP == "Arbeidssøkere på tiltak"
    assert d.is_reclassified(history, "2021-06") is False


def test_reduced_capacity_exit_is_counted_under_reduced_capacity():
    """definitions line 7: people "registrert med nedsatt arbeidsevne" form the second group."""
    history = exit_in_june([AS] * 5, june=NAE)
    assert d.exit_status_group(history, "2021-06") == NAE_GROUP == "Nedsatt arbeidsevne, på tiltak"
    assert d.is_reclassified(history, "2021-06") is False  # not a jobseeker, so nothing to reclassify


def test_jobseeker_with_recent_reduced_capacity_is_reclassified():
    """definitions line 7: jobseekers "som har vært innom nedsatt arbeidsevne de siste fem månedene" are reclassified."""
    history = exit_in_june([AS, AS, NAE, AS, AS])
    assert d.exit_status_group(history, "2021-06") == NAE_GROUP
    assert d.is_reclassified(history, "2021-06") is True


def test_reduced_capacity_exactly_five_months_before_reclassifies():
    """definitions line 7, edge: "de siste fem månedene før avgang" reaches back to the fifth month before (Jan for June)."""
    history = exit_in_june([NAE, AS, AS, AS, AS])
    assert d.exit_status_group(history, "2021-06") == NAE_GROUP


def test_reduced_capacity_six_months_before_does_not_reclassify():
    """definitions line 7, edge: the sixth month before the exit is outside "de siste fem månedene"."""
    history = [MonthRecord("2020-12", None, NAE)] + exit_in_june([AS] * 5)
    assert d.exit_status_group(history, "2021-06") == AS_GROUP
    assert d.is_reclassified(history, "2021-06") is False


def test_reduced_capacity_in_the_month_just_before_reclassifies():
    """definitions line 7, edge: the month right before the exit month is the nearest of the five."""
    history = exit_in_june([AS, AS, AS, AS, NAE])
    assert d.exit_status_group(history, "2021-06") == NAE_GROUP


def test_reduced_capacity_after_the_exit_does_not_reclassify():
    """definitions line 7: only months "før avgang" (before the exit) count, not the months after it."""
    rows = [(None, AS)] * 5 + [("Jobbklubb", AS), (None, NAE), (None, NAE)]
    history = make_history("2021-01", rows)
    assert d.exit_status_group(history, "2021-06") == AS_GROUP


def test_reclassification_window_is_the_five_months_before_the_exit_month():
    """definitions line 7: "de siste fem månedene før avgang" - five calendar months, the exit month not included."""
    assert d.reclassification_window("2021-06") == ["2021-01", "2021-02", "2021-03", "2021-04", "2021-05"]
    assert d.reclassification_window("2021-03") == ["2020-10", "2020-11", "2020-12", "2021-01", "2021-02"]
    assert "2021-06" not in d.reclassification_window("2021-06")


def test_window_before_the_first_record_counts_as_no_status():
    """definitions line 7: with no record of reduced work capacity in the five months, there is nothing to reclassify."""
    history = make_history("2021-04", [(None, AS), (None, AS), ("Jobbklubb", AS), OFF, OFF])
    assert d.exit_status_group(history, "2021-06") == AS_GROUP


def test_reclassification_goes_one_way_only():
    """definitions line 7 moves jobseekers to reduced work capacity, never the other way."""
    history = exit_in_june([AS] * 5, june=NAE)
    history = [replace(r, status=AS) if r.month < "2021-06" else r for r in history]
    assert d.exit_status_group(history, "2021-06") == NAE_GROUP


def test_exit_with_no_registered_status_is_outside_both_groups():
    """definitions line 7 splits exits into two statuses only; a person with neither falls outside both."""
    history = exit_in_june([None] * 5, june=None)
    assert d.exit_status_group(history, "2021-06") == OTHER_GROUP == "Andre på tiltak"


def test_status_group_labels_are_nav_table_labels():
    """definitions line 7's two groups map to the tables' labels (001 lines 29-30)."""
    assert {AS_GROUP, NAE_GROUP, OTHER_GROUP} <= set(vocabulary.STATUS_GROUPS)


def test_status_group_of_a_move_uses_the_status_in_the_exit_month():
    """definitions lines 5 and 7: a move is an exit, grouped by the person's status when leaving the first programme."""
    history = make_history("2021-01", [on(A, NAE), on(A, NAE), on(B, AS), on(B, AS), OFF, OFF])
    assert d.exit_status_group(history, "2021-02") == NAE_GROUP
    assert d.exit_status_group(history, "2021-04") == NAE_GROUP  # jobseeker with reduced capacity in Jan-Feb


def test_status_group_needs_a_decided_exit():
    """definitions line 7 splits the exits of line 5, so a month that is not an exit has no group."""
    history = make_history("2021-01", [on(), on(), OFF])
    with pytest.raises(ValueError, match="not an exit"):
        d.exit_status_group(history, "2021-01")
    with pytest.raises(UndeterminedError):
        d.exit_status_group(history, "2021-02")


# --------------------------------------------------------------------------- status six months after exit (definitions lines 11-18)

STATUS_CASES = [
    ({"in_work": True}, "I arbeid", "line 13: employee register and wages"),
    ({"in_work": True, "benefit": True}, "Arbeid og ytelse", "line 14: work and a NAV benefit"),
    ({"in_work": True, "sickness_benefit": True}, "I arbeid", "line 14: 'ytelse inkluderer ikke sykepenger'"),
    ({"in_work": True, "benefit": True, "sickness_benefit": True}, "Arbeid og ytelse", "line 14"),
    ({"in_work": True, "status": AS}, "I arbeid", "precedence: the register of jobs before NAV status"),
    ({"in_work": True, "status": AS, "benefit": True}, "Arbeid og ytelse", "precedence, line 14"),
    ({"in_work": True, "status": NAE, "benefit": True}, "Arbeid og ytelse", "precedence, line 14"),
    ({"status": AS}, "Arbeidssøker", "line 15"),
    ({"status": AS, "benefit": True}, "Arbeidssøker", "line 15: 'kan motta en ytelse'"),
    ({"status": NAE, "benefit": True}, "Nedsatt arbeidsevne", "line 16: 'kan motta en ytelse'"),
    ({"status": NAE, "sickness_benefit": True}, "Nedsatt arbeidsevne", "line 16"),
    ({"disability_benefit_only": True}, "Uføre", "line 17: 'mottar kun uføretrygd'"),
    ({}, "Annet", "line 18: in neither register"),
    ({"sickness_benefit": True}, "Annet", "line 14: sickness benefit is not a benefit"),
    ({"benefit": True}, "Annet", "no status names a benefit alone; line 18 is the catch-all"),
    ({"programme": A}, "Annet", "line 18: on a programme but in neither register"),
]


@pytest.mark.parametrize(("flags", "expected", "why"), STATUS_CASES, ids=[c[2] for c in STATUS_CASES])
def test_classify_status_follows_the_six_statuses(flags, expected, why):
    """definitions lines 13-18: the six statuses, with work before NAV status and sickness benefit ignored."""
    assert d.classify_status(MonthRecord("2021-09", **flags)) == expected, why


def test_sickness_benefit_never_changes_the_status():
    """definitions line 14: "Begrepet ytelse inkluderer ikke sykepenger" - checked for every valid combination."""
    checked = 0
    for status, in_work, benefit in itertools.product((None, AS, NAE), (False, True), (False, True)):
        record = MonthRecord("2021-09", status=status, in_work=in_work, benefit=benefit)
        assert d.classify_status(replace(record, sickness_benefit=True)) == d.classify_status(record)
        checked += 1
    assert checked == 12


def test_work_decides_between_the_two_work_statuses():
    """definitions lines 13-14: everyone in work is "I arbeid" or "Arbeid og ytelse", and nobody else is."""
    for status, in_work, benefit in itertools.product((None, AS, NAE), (False, True), (False, True)):
        result = d.classify_status(MonthRecord("2021-09", status=status, in_work=in_work, benefit=benefit))
        assert (result in {"I arbeid", "Arbeid og ytelse"}) == in_work
        assert result in d.SIX_MONTH_STATUSES


def test_status_is_read_six_months_after_the_exit_month():
    """definitions line 11: "seks måneder etter tidspunktet for avgang" - exit March 2021, status September 2021."""
    rows = [on(), on(), on(), OFF, OFF, OFF, OFF, {"in_work": True}, {"status": AS}, {"disability_benefit_only": True}]
    history = make_history("2021-01", rows)  # Aug: work, Sep: jobseeker, Oct: disability
    assert d.status_month("2021-03") == "2021-09"
    assert d.status_after_exit(history, "2021-03") == "Arbeidssøker"


def test_status_month_crosses_the_year():
    """definitions line 11: six calendar months after an exit in September is March of the next year."""
    assert d.status_month("2021-09") == "2022-03"
    assert d.status_month("2021-12") == "2022-06"
    assert d.shift_month("2021-01", -1) == "2020-12"


def test_status_after_exit_for_the_worked_status_examples():
    """definitions lines 13-18: one example history per status gives that status."""
    for status in d.SIX_MONTH_STATUSES:
        history = d.EXAMPLES[f"status: {status}"]
        (exit_month,) = d.exit_months(history)
        assert d.status_after_exit(history, exit_month) == status


def test_status_needs_the_sixth_month_in_the_history():
    """definitions line 11, edge: a history ending five months after the exit cannot give the status; six months can."""
    full = make_history("2021-01", [on(), on(), on()] + [OFF] * 5 + [{"in_work": True}])
    assert d.status_after_exit(full, "2021-03") == "I arbeid"
    with pytest.raises(UndeterminedError) as caught:
        d.status_after_exit(full[:-1], "2021-03")
    assert caught.value.needed == ("2021-09",)


def test_status_after_exit_needs_an_exit():
    """definitions line 11 gives a status only "etter ... avgang", so a month that is not an exit has none."""
    history = make_history("2021-01", [on(), on(), on()] + [OFF] * 6)
    with pytest.raises(ValueError, match="not an exit"):
        d.status_after_exit(history, "2021-02")


def test_english_glosses_for_the_six_statuses():
    """definitions lines 13-18, with glosses from docs/design/terminology.md §5 (sugg.)."""
    assert [d.status_english(s) for s in d.SIX_MONTH_STATUSES] == [
        "In work",
        "Work and benefit",
        "Jobseeker",
        "Reduced work capacity",
        "Disability benefit only",
        "Other",
    ]
    assert d.STATUS_SEED_LINES == {s: line for s, line in zip(d.SIX_MONTH_STATUSES, range(13, 19))}
    with pytest.raises(KeyError, match="not one of the six"):
        d.status_english("Sykmeldt")


# --------------------------------------------------------------------------- suppression (001 lines 15-17)


@pytest.mark.parametrize(
    ("n", "one_month", "time_series"),
    [
        (0, "", "*"),
        (1, "*", "*"),
        (3, "*", "*"),
        (4, "4", "4"),
        (999, "999", "999"),
        (83_484, "83 484", "83 484"),
        (1_234_567, "1 234 567", "1 234 567"),
    ],
)
def test_published_cell(n, one_month, time_series):
    """001 line 15: values "mindre enn 4" are printed «*»; the one-month table prints 0 as an empty cell."""
    assert d.published_cell(n, "one_month") == one_month
    assert d.published_cell(n, "time_series") == time_series


def test_published_cell_rejects_impossible_counts():
    """001 line 15 is about counts of persons: a negative or fractional count is an error."""
    with pytest.raises(ValueError, match="0 or more"):
        d.published_cell(-1, "one_month")
    with pytest.raises(TypeError):
        d.published_cell(2.0, "one_month")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        d.published_cell(True, "time_series")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="table_kind"):
        d.published_cell(5, "annual")


def test_suppressed_interval():
    """001 line 15 ("mindre enn 4"): '*' hides 1-3 in the one-month table, 0-3 in a time series."""
    assert d.suppressed_interval("one_month") == (1, 3)
    assert d.suppressed_interval("time_series") == (0, 3)
    with pytest.raises(ValueError):
        d.suppressed_interval("yearly")


@settings(database=None, max_examples=200)
@given(n=st.integers(min_value=0, max_value=10_000_000), kind=st.sampled_from(sorted(d.TABLE_KINDS)))
def test_every_count_lies_in_the_interval_of_its_printed_cell(n, kind):
    """001 lines 15-17: a reader can only bound a suppressed value; the true count is always inside the bounds."""
    low, high = d.cell_interval(d.published_cell(n, kind), kind)
    assert low <= n <= high
    assert (low == high) == (n >= 4 or (n == 0 and kind == "one_month"))


def test_cell_interval_rejects_cells_nav_would_not_print():
    """001 line 15: numbers below 4 never appear as digits, and an empty cell is 0 only in the one-month table."""
    with pytest.raises(ValueError):
        d.cell_interval("3", "one_month")
    with pytest.raises(ValueError):
        d.cell_interval("", "time_series")
    assert d.cell_interval(" 83 484 ", "time_series") == (83_484, 83_484)


# --------------------------------------------------------------------------- worked examples, describe, timeline


def test_examples_cover_every_case_the_notebook_shows():
    """definitions lines 5, 7 and 13-18: one named history per rule and per status."""
    required = {
        "simple exit",
        "move to another programme",
        "short break",
        "still on a programme",
        "reclassified (5 months back)",
        "not reclassified (6 months back)",
    }
    required |= {f"status: {s}" for s in d.SIX_MONTH_STATUSES}
    assert required <= set(d.EXAMPLES)
    assert set(d.EXAMPLES) == set(d.EXAMPLE_NOTES)
    for history in d.EXAMPLES.values():
        d.validate_history(history)


@pytest.mark.parametrize(
    ("name", "exits", "groups"),
    [
        ("simple exit", ["2021-03"], [AS_GROUP]),
        ("move to another programme", ["2021-02", "2021-06"], [NAE_GROUP, NAE_GROUP]),
        ("short break", ["2021-06"], [AS_GROUP]),
        ("still on a programme", [], []),
        ("reclassified (5 months back)", ["2021-06"], [NAE_GROUP]),
        ("not reclassified (6 months back)", ["2021-07"], [AS_GROUP]),
    ],
)
def test_examples_give_the_exits_and_groups_the_definitions_predict(name, exits, groups):
    """definitions line 5 (exits, moves, breaks) and line 7 (groups, reclassification) applied by hand."""
    history = d.EXAMPLES[name]
    assert d.exit_months(history) == exits
    assert [d.exit_status_group(history, m) for m in exits] == groups


def test_examples_returns_fresh_copies():
    """definitions line 5: the examples are reference material; a notebook that edits one must not change the others."""
    copy = d.examples()
    copy["simple exit"].append(MonthRecord("2099-01"))
    assert len(d.examples()["simple exit"]) == len(d.EXAMPLES["simple exit"]) == 9


def test_describe_has_one_row_per_month_and_agrees_with_the_rules():
    """definitions lines 5, 7 and 11: describe shows the exit verdict, group and later status for every month."""
    history = d.EXAMPLES["move to another programme"]
    table = d.describe(history)
    assert list(table.columns) == list(d.DESCRIBE_COLUMNS)
    assert table["month"].tolist() == [r.month for r in history]
    assert table.loc[table["exit_counted"].fillna(False), "month"].tolist() == d.exit_months(history)
    exits = table[table["exit_counted"].fillna(False)]
    assert exits["counted_under"].tolist() == [NAE_GROUP, NAE_GROUP]
    assert exits["status_6_months_later"].tolist() == ["Nedsatt arbeidsevne", "Arbeid og ytelse"]
    assert (table.loc[~table["exit_counted"].fillna(False), ["counted_under", "status_6_months_later"]] == "").all().all()
    assert table["explanation"].str.len().gt(0).all()
    assert "Moves to Arbeidstrening" in table.loc[1, "explanation"]


def test_describe_marks_undetermined_months_and_short_breaks():
    """definitions line 5: a month whose two following months are unknown is neither exit nor non-exit yet."""
    table = d.describe(d.EXAMPLES["still on a programme"])
    assert table["exit_counted"].isna().tolist() == [False] * 5 + [True]
    assert "undetermined" in table["explanation"].iloc[-1]
    breaks = d.describe(d.EXAMPLES["short break"])
    assert "short break" in breaks.loc[breaks["month"] == "2021-03", "explanation"].item()
    recl = d.describe(d.EXAMPLES["reclassified (5 months back)"])
    assert "reclassified" in recl.loc[recl["month"] == "2021-06", "explanation"].item()


def test_describe_leaves_the_later_status_empty_when_unknown():
    """definitions line 11: the status needs the month six months after the exit."""
    history = make_history("2021-01", [on(), OFF, OFF])
    row = d.describe(history).iloc[0]
    assert bool(row["exit_counted"]) and row["counted_under"] == AS_GROUP
    assert row["status_6_months_later"] == "" and "unknown" in row["explanation"]


def test_timeline_frame_is_tidy():
    """definitions lines 5 and 13-18 use programme, status, work and benefit: one chart lane each, one row per month."""
    history = d.EXAMPLES["status: Arbeid og ytelse"]
    frame = d.timeline_frame(history)
    assert list(frame.columns) == ["month", "date", "lane", "value", "active"]
    assert len(frame) == 4 * len(history)
    assert frame["lane"].unique().tolist() == list(d.LANES)
    last = frame[frame["month"] == "2021-09"].set_index("lane")
    assert last.loc["work", "value"] == "in work" and bool(last.loc["work", "active"])
    assert last.loc["benefit", "value"] == "benefit" and last.loc["programme", "value"] == "none"
    assert pd.api.types.is_datetime64_any_dtype(frame["date"])


def test_examples_table_summarises_every_example():
    """definitions lines 5, 7 and 13-18: the static table lists each example's exits, groups and later statuses."""
    table = d.examples_table()
    assert table["example"].tolist() == list(d.EXAMPLES)
    row = table.set_index("example").loc["still on a programme"]
    assert row["exit months"] == "none" and row["undetermined months"] == "2021-06"
    assert table.set_index("example").loc["status: Uføre", "status 6 months later"] == "Uføre"
