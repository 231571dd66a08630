"""Exercises with checks that say, in plain words, whether an answer is right and what to look at.

Each exercise has an id ("03.2") and a check function in :mod:`helpers.answers` that works the
right answer out from the data (never a number typed in), compares, and returns a :class:`Result`.
In a notebook:

    answer = None  # your answer
    check("03.2", answer)

A ``None`` answer gets "Not yet" with a hint, so the student copies can be run as they are.
Answers are read the way learners write them: ``48.2``, ``"48,2 %"``, ``"183 501 kr"``,
``"July 2019"``, ``"juli"``, ``"2019-07"``, a one-value Series, NAV's label or its English gloss.
"""

from __future__ import annotations

import functools
import math
import numbers
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from . import vocabulary as vocab


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
        colour = "#1A7F37" if self.correct else "#A04000"
        mark = "✔ Correct" if self.correct else "✘ Not yet"
        return f'<span style="color:{colour}">**{mark}**</span> ({self.exercise}): {self.message.replace("*", chr(92) + "*")}'

    def _repr_pretty_(self, printer, cycle) -> None:  # plain-text view
        printer.text(str(self))


@dataclass(frozen=True)
class Exercise:
    id: str
    check: Callable[[object], Result]
    hint: str
    module: str = ""


EXERCISES: dict[str, Exercise] = {}


def exercise(exercise_id: str, hint: str):
    """Register a check function ``f(answer) -> (correct, message)`` under an exercise id."""

    def register(function: Callable[[object], tuple[bool, str]]) -> Callable[[object], tuple[bool, str]]:
        if exercise_id in EXERCISES:
            raise ValueError(f"exercise {exercise_id} is registered twice")

        def run(answer: object) -> Result:
            if answer is None or (isinstance(answer, str) and not answer.strip()):
                return Result(exercise_id, False, f"replace `None` with your answer. Hint: {hint}")
            correct, message = function(answer)
            return Result(exercise_id, correct, message)

        EXERCISES[exercise_id] = Exercise(exercise_id, run, hint, function.__module__)
        return function

    return register


def check(exercise_id: str, answer: object) -> Result:
    """Check an answer to an exercise; the result explains itself."""
    _load_all()
    if exercise_id not in EXERCISES:
        raise KeyError(f"no exercise {exercise_id!r}; known: {', '.join(sorted(EXERCISES))}")
    return EXERCISES[exercise_id].check(answer)


def _load_all() -> None:
    """Import the answer key, which registers every exercise's check."""
    from . import answers  # noqa: F401


@functools.cache
def data() -> pd.DataFrame:
    """The tidy participants frame, loaded once, for check functions to compute answers from."""
    from .tidy import load_participants

    return load_participants()


# -- reading answers as learners write them ----------------------------------------------------
def as_number(answer: object, near: float | None = None) -> float | None:
    """A number from 48.2, "48,2 %", "183 501 kr", "NOK 183,501" or a one-value Series.

    "1,234" may be a thousands separator or a Norwegian decimal comma; with ``near`` (the
    expected value) the reading closer to it is taken.
    """
    if isinstance(answer, bool):
        return None
    if isinstance(answer, numbers.Real):  # Python and NumPy numbers alike
        return None if math.isnan(float(answer)) else float(answer)
    if isinstance(answer, (pd.Series, pd.DataFrame)) and answer.size == 1:
        return as_number(answer.to_numpy().ravel()[0], near)
    if not isinstance(answer, str):
        return None
    text = re.sub(r"(?i)per ?cent|prosent|percent|%|nok|kr\.?|persons?|personer|people", "", answer)
    text = text.replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace("\u2212", "-").strip()
    if "," in text and "." in text:  # the later one is the decimal mark
        text = text.replace(".", "").replace(",", ".") if text.rfind(",") > text.rfind(".") else text.replace(",", "")
    elif text.count(",") == 1 and re.fullmatch(r"-?\d{1,3},\d{3}", text):
        readings = [float(text.replace(",", "")), float(text.replace(",", "."))]
        return min(readings, key=lambda r: abs(r - near)) if near is not None else readings[0]
    elif text.count(",") > 1:
        text = text.replace(",", "")
    else:
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


def as_month(answer: object) -> tuple[int | None, int] | None:
    """(year or None, month) from "July 2019", "juli", "jul.", "2019-07", 7, a Period or a Timestamp."""
    if isinstance(answer, (pd.Series, pd.Index)) and len(answer) == 1:
        answer = answer.iloc[0] if isinstance(answer, pd.Series) else answer[0]
    if isinstance(answer, pd.Period):
        return answer.year, answer.month
    if isinstance(answer, (pd.Timestamp,)) or hasattr(answer, "month") and hasattr(answer, "year"):
        return int(answer.year), int(answer.month)
    if isinstance(answer, numbers.Integral) and not isinstance(answer, bool) and 1 <= int(answer) <= 12:
        return None, int(answer)
    if not isinstance(answer, str):
        return None
    text = answer.strip().lower().replace(".", " ")
    if m := re.fullmatch(r"(\d{4})[-/ ](\d{1,2})(?:[-/ ]\d{1,2})?", text):
        return int(m[1]), int(m[2])
    if m := re.fullmatch(r"(\d{1,2})[-/ ](\d{4})", text):
        return int(m[2]), int(m[1])
    year = re.search(r"\b(\d{4})\b", text)
    words = re.sub(r"\d{4}", "", text).split()
    for month, (en, nb) in enumerate(zip(_MONTHS_EN, vocab.MONTHS_NB), start=1):
        if any(w[:3] in (en[:3].lower(), nb[:3].lower()) and (en.lower().startswith(w) or nb.lower().startswith(w)) for w in words):
            return (int(year[1]) if year else None), month
    return None


_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December")


def as_label(answer: object) -> set[str]:
    """The names an answer gives, normalised: "Lønnstilskudd (wage subsidy)" gives both parts."""
    if isinstance(answer, (pd.Series, pd.Index)) and len(answer) == 1:
        answer = answer.iloc[0] if isinstance(answer, pd.Series) else answer[0]
    if not isinstance(answer, str):
        return set()
    norm = lambda text: " ".join(text.lower().replace("*", "").split()).strip(" .'\"")  # noqa: E731
    names = {norm(answer)}
    if m := re.fullmatch(r"(.+?)\s*\((.+)\)\s*", answer):
        names |= {norm(m[1]), norm(m[2])}
    return names


def label_names(value: str) -> set[str]:
    """NAV's label and its English gloss, normalised for comparison."""
    names = {value.lower()}
    try:
        names.add(vocab.english(value).lower())
    except KeyError:
        pass
    return names


# -- judging answers ----------------------------------------------------------------------------
def judge_number(answer: object, expected: float, tolerance: float, what: str = "",
                 mistakes: Mapping[str, float] | None = None, unit: str = "") -> tuple[bool, str]:
    """Right if within ``tolerance`` of ``expected``; a known mistake gets its own pointer.

    ``mistakes`` maps a pointer (what to look at) to the value that mistake gives.
    """
    value = as_number(answer, near=expected)
    shown = _format(expected, tolerance) + unit
    if value is None:
        return False, f"give a number{' (' + what + ')' if what else ''}: 1234, '1 234', 12.5 and '12,5 %' all work."
    if math.isclose(value, expected, abs_tol=tolerance):
        return True, f"{shown}{' ' + what if what else ''}."
    for pointer, wrong in (mistakes or {}).items():  # a typed answer is rounded: allow 0.2 % of the value too
        if math.isclose(value, wrong, rel_tol=0.002, abs_tol=max(tolerance, 1e-9)):
            return False, pointer
    direction = "too high" if value > expected else "too low"
    return False, (f"{_format(value, tolerance)}{unit} is {direction}. Go through your steps again: which rows and months "
                   "you kept, whether a total ('I alt') got added to its own parts, and what you divided by.")


def judge_label(answer: object, expected: str, mistakes: Mapping[str, str] | None = None) -> tuple[bool, str]:
    """Right if the answer names ``expected`` (NAV's label or its English gloss, any case)."""
    given = as_label(answer)
    if not given:
        return False, "give the name as text, in Norwegian or English."
    if given & label_names(expected):
        return True, f"{vocab.both(expected)}."
    for pointer, wrong in (mistakes or {}).items():
        if given & label_names(wrong):
            return False, pointer
    return False, f"{answer!r} is not it. Look again at the rows you compared."


def judge_month(answer: object, expected: pd.Period, mistakes: Mapping[str, pd.Period] | None = None) -> tuple[bool, str]:
    """Right if the answer names the month (and the year, if it gives one)."""
    given = as_month(answer)
    if given is None:
        return False, "give a month, such as 'March 2019', 'mars' or '2019-03'."
    year, month = given
    if month == expected.month and year in (None, expected.year):
        return True, f"{_MONTHS_EN[expected.month - 1]} {expected.year}."
    for pointer, wrong in (mistakes or {}).items():
        if month == wrong.month and year in (None, wrong.year):
            return False, pointer
    return False, f"not {_MONTHS_EN[month - 1]}{' ' + str(year) if year else ''}. Sort the months by the number you computed and look at the top."


def _format(value: float, tolerance: float) -> str:
    decimals = max(0, -math.floor(math.log10(2 * tolerance))) if tolerance > 0 else 0
    return f"{value:,.{decimals}f}"
