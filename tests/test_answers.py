"""Every exercise's check accepts the right answer in the forms learners write, and answers the
usual wrong ones with a pointer.

Right answers here are read off the source tables by hand (the line is named beside each) or
computed in the test from the raw text, never copied from the check's own output. Each
notebook's section lists its exercises: (right answers, [(wrong answer, words the reply must contain)]).
"""

from __future__ import annotations

import re

import nbformat
import pytest

from helpers.exercises import EXERCISES, _load_all, check

from .conftest import ROOT

CASES: dict[str, tuple[list[object], list[tuple[object, str]]]] = {}

# -- 00 Start here -------------------------------------------------------------------------------
# July 2019, all status groups: 58 225 (nav_tiltak_alder_2019-01_2019-12.txt line 28; parts on lines 48, 68, 88).
CASES["00.1"] = ([58225, "58 225", "58,225", "58225 persons"],
                 [(46239, "one status group"), (83484, "november 2016"), (58000, "too low")])
# May 2021: jobseekers 17 532 of 77 811 (nav_tiltak_kjonn_2021-01_2021-05.txt lines 26-27) = 22.53 %.
CASES["00.2"] = ([22.5, "22,5 %", 100 * 17532 / 77811, "22.5 per cent"],
                 [(17532 / 77811, "multiply by 100"), (17532, "number of jobseekers"), (25, "too high")])

# -- 01 The definitions, executable --------------------------------------------------------------

# -- 02 Reading NAV's tables ---------------------------------------------------------------------

# -- 03 Programme groups -------------------------------------------------------------------------

# -- 04 Women and men ----------------------------------------------------------------------------

# -- 05 Seasons and age --------------------------------------------------------------------------

# -- 06 What the audit found ---------------------------------------------------------------------

# -- 07 Across the years -------------------------------------------------------------------------

# -- 08 The years since --------------------------------------------------------------------------


@pytest.mark.parametrize("exercise_id", sorted(CASES))
def test_right_answers_pass(exercise_id):
    right, _ = CASES[exercise_id]
    assert right, "at least one right answer"
    for answer in right:
        result = check(exercise_id, answer)
        assert result.correct, f"{answer!r}: {result.message}"


@pytest.mark.parametrize("exercise_id", sorted(CASES))
def test_wrong_answers_get_a_pointer(exercise_id):
    _, wrong = CASES[exercise_id]
    assert len(wrong) >= 2, "at least two typical wrong answers"
    for answer, pointer in wrong:
        result = check(exercise_id, answer)
        assert not result.correct, f"{answer!r} was accepted"
        assert pointer.lower() in result.message.lower(), f"{answer!r}: {result.message}"


@pytest.mark.parametrize("exercise_id", sorted(CASES))
def test_an_empty_answer_gets_a_hint(exercise_id):
    result = check(exercise_id, None)
    assert not result.correct and "Hint:" in result.message


def exercises_in_notebooks() -> set[str]:
    found = set()
    for path in (ROOT / "notebooks").glob("[0-9]*.ipynb"):
        for cell in nbformat.read(path, as_version=4).cells:
            if "exercise" in cell.metadata.get("tags", []):
                found |= set(re.findall(r'check\("(\d\d\.\d+)"', cell.source))
    return found


def test_every_exercise_of_the_answer_key_is_tested_and_used():
    _load_all()
    in_key = {e for e, ex in EXERCISES.items() if ex.module == "helpers.answers"}
    assert in_key == set(CASES), "every check in helpers/answers.py has its cases here, and only those"
    assert set(CASES) <= exercises_in_notebooks(), "every exercise is asked in a notebook"
