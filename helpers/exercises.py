"""Exercises with checks that say, in plain words, whether an answer is right and what to look at.

Each exercise has an id ("03.2"), and a check function that works the right answer out from
the data (never a number typed in), compares, and returns a :class:`Result`. In a notebook:

    answer = None  # your answer
    check("03.2", answer)

A ``None`` answer gets "Not yet" with a hint, so the student copies can be run as they are.
"""

from __future__ import annotations

import functools
import math
import numbers
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Result:
    """The verdict on an answer; shows itself as a short line in a notebook."""

    exercise: str
    correct: bool
    message: str

    def __str__(self) -> str:
        mark = "✔ Correct" if self.correct else "✘ Not yet"
        return f"{mark} ({self.exercise}): {self.message}"

    def _repr_markdown_(self) -> str:
        colour = "green" if self.correct else "#B35900"
        mark = "✔ Correct" if self.correct else "✘ Not yet"
        return f'<span style="color:{colour}">**{mark}**</span> ({self.exercise}): {self.message}'

    def _repr_pretty_(self, printer, cycle) -> None:  # plain-text view (nbval compares it)
        printer.text(str(self))


@dataclass(frozen=True)
class Exercise:
    id: str
    check: Callable[[object], Result]
    hint: str


EXERCISES: dict[str, Exercise] = {}


def exercise(exercise_id: str, hint: str):
    """Register a check function under an exercise id."""

    def register(function: Callable[[object], tuple[bool, str]]) -> Callable[[object], tuple[bool, str]]:
        if exercise_id in EXERCISES:
            raise ValueError(f"exercise {exercise_id} is registered twice")

        def run(answer: object) -> Result:
            if answer is None or (isinstance(answer, str) and not answer.strip()):
                return Result(exercise_id, False, f"replace `None` with your answer. Hint: {hint}")
            correct, message = function(answer)
            return Result(exercise_id, correct, message)

        EXERCISES[exercise_id] = Exercise(exercise_id, run, hint)
        return function

    return register


def check(exercise_id: str, answer: object) -> Result:
    """Check an answer to an exercise; the result explains itself."""
    _load_all()
    if exercise_id not in EXERCISES:
        raise KeyError(f"no exercise {exercise_id!r}; known: {', '.join(sorted(EXERCISES))}")
    return EXERCISES[exercise_id].check(answer)


def _load_all() -> None:
    """Import the topic modules, which register the exercises (one module per notebook)."""
    from . import topics

    topics.load_all()


# -- helpers for check functions -------------------------------------------------------------------
def close(answer: object, expected: float, tolerance: float) -> bool:
    try:
        return math.isclose(float(answer), float(expected), abs_tol=tolerance)
    except (TypeError, ValueError):
        return False


def same_label(answer: object, expected: str, english: str | None = None) -> bool:
    """True if the answer names the label, in Norwegian or English, ignoring case and spaces."""
    if not isinstance(answer, str):
        return False
    norm = " ".join(answer.lower().split())
    return norm in {expected.lower(), (english or expected).lower()}


@functools.cache
def data() -> pd.DataFrame:
    """The tidy participants frame, loaded once, for check functions to compute answers from."""
    from .tidy import load_participants

    return load_participants()


def as_percent(answer: object) -> float | None:
    """A number from an answer such as 48.2, "48,2 %" or "48 per cent"."""
    if isinstance(answer, str):
        answer = answer.replace("%", "").replace("per cent", "").replace("prosent", "").strip()
    return as_number(answer)


def as_number(answer: object) -> float | None:
    if isinstance(answer, bool):
        return None
    if isinstance(answer, numbers.Real):  # Python and NumPy numbers alike
        return float(answer)
    if isinstance(answer, str):
        try:
            return float(answer.replace("\u00a0", "").replace(" ", "").replace(",", "."))
        except ValueError:
            return None
    if isinstance(answer, pd.Series) and len(answer) == 1:
        return as_number(answer.iloc[0])
    return None
