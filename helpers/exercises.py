"""Exercises with checks that say, in plain words, whether an answer is right and what to look at.

How a learner meets an exercise
-------------------------------
An exercise cell holds ``answer = None`` and a call to :func:`check`::

    answer = None  # your answer: a number with one decimal, e.g. 12.3
    check("05.1", answer)

- Before the learner writes anything (``None``, ``""``, ``...``) the result says only what to do:
  ``Your turn (05.1): put your answer in place of None and run this cell.`` No verdict, no hint (the
  notebook's exercises section says how to ask for one with ``hint("05.1")``): Run All executes every
  exercise cell this way.
- A right answer: ``✔ Correct (05.1): …`` with what the number means.
- A wrong one: ``✘ Not yet (05.1): <a pointer that fits this mistake>``; from the second wrong try of
  the same exercise in the same kernel on, the general hint is appended (`` Hint: …``).
- ``hint("05.1")`` shows the general hint whenever the learner asks.
- Any input at all (NaT, 10**400, "2019-13", a 1 MB string, a DataFrame, bytes, an object whose
  ``__str__`` raises) gets a plain message, quickly, never a traceback. (An answer-key author who
  wants the traceback of a failing check sets the environment variable ``NAV_CHECKER_DEBUG=1``.)
- ``language("nb")`` gives every message in bokmål: marks, the "your turn" line, the generic pointers,
  judge_chart's pointers, each exercise's hint (``hint_nb``) and its own pointers and descriptions
  (written with :func:`say`, which picks the text when the check runs); ``language("en")`` goes back.

How an exercise is written (the answer key, :mod:`helpers.answers`)
-------------------------------------------------------------------
Each exercise is a function registered with :func:`exercise`; it works the right answer out from the
data (never a number typed in), and returns ``(correct, message)`` through one of the judges::

    @exercise("05.1", hint="divide each row by its mean, times 100, and read row '19 år og under', column 7.",
              hint_nb="del hver rad på gjennomsnittet, gang med 100, og les rad '19 år og under', kolonne 7.")
    def _(answer):
        young = ...                                   # computed from data() or a loader
        return judge_number(answer, 100 * young[7] / young.mean(), 0.05, "is July's index", kind="index",
                            mistakes={say("that is June: July is column 7.", "det er juni: juli er kolonne 7."):
                                      100 * young[6] / young.mean()})

- :func:`judge_number` for a number (``kind`` chooses the units it expects and the generic pointer:
  ``"count"``, ``"percent"``, ``"change"``, ``"pp"``, ``"ratio"``, ``"index"``, ``"months"``, ``"line"``, ``"stars"``;
  ``fallback=`` replaces the generic pointer), :func:`judge_label` for a label (NAV's or the English
  gloss, with or without æøå, any case; an age group too: '30–39 år', '30 to 39'), :func:`judge_month`
  for a month, :func:`judge_range` for two numbers (low, high) such as what two stars hide,
  :func:`choice` for multiple choice, :func:`judge_chart` for an Altair chart the learner writes or
  changes.
- ``mistakes`` maps a pointer (what to look at, in the learner's terms) to the value the mistake
  gives: work each usual mistake out from the data the same way as the right answer.
- The ``hint`` is a recipe that does not state the answer (``hint_nb`` the same in bokmål).
- Every text a learner can see is written in both languages with :func:`say` (English, bokmål), inside
  the check function, so that it is chosen when the check runs; numbers in a message go through
  :func:`number_text` and months through :func:`month_text` (decimal comma and space in bokmål).
  The message for a right answer may state it (the learner has it already). A pointer says what to
  look at for that mistake, in the learner's terms; it never states the right answer either.
- A chart exercise passes the expected values as a DataFrame or Series computed from the data (a
  hidden count as NaN/<NA>) and the mark asked for; judge_chart reads the learner's chart whichever
  reasonable way it was built. answers.py may use ``_chart_spec``, ``_layers`` and ``_cell_key`` to
  probe a chart for a mistake of its own (those names are kept stable).
- The readers (:func:`as_number`, :func:`as_month`, :func:`as_label`, :func:`as_range`,
  :func:`one_value`) read answers the way people write them; see ``tests/test_checker.py`` for the
  list of forms, with where each comes from.
"""

from __future__ import annotations

import contextlib
import functools
import math
import os
import numbers
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import vocabulary as vocab
from .charts import MONTHS

MAX_TEXT = 300  # characters of an answer read at all: longer text is refused before any regex
LANGUAGES = ("en", "nb")
_LANGUAGE = ["en"]  # the language of the checker's own messages in this kernel (see language())


def language(code: str | None = None) -> str:
    """Choose the language of the checker's messages, "en" (English, the default) or "nb" (bokmål);
    without an argument, say which is in use. Every message follows it: marks, the "your turn" line,
    the generic pointers, the hints and each exercise's own pointers (see :func:`say`)."""
    if code is not None:
        code = str(code).strip().lower()
        code = {"no": "nb", "nob": "nb", "norsk": "nb", "bokmål": "nb", "english": "en", "eng": "en"}.get(code, code)
        if code not in LANGUAGES:
            raise ValueError(f"language must be 'en' (English) or 'nb' (bokmål), not {code!r}")
        _LANGUAGE[0] = code
    return _LANGUAGE[0]


def say(en: str, nb: str) -> str:
    """The English or the bokmål text, as language() says when this runs: call it inside a check
    function (not at import), so that ``language("nb")`` in a notebook changes the next check's words."""
    return nb if _LANGUAGE[0] == "nb" else en


_say = say  # the name this module used first


def number_text(value: float, decimals: int = 0) -> str:
    """A number for a message, as the chosen language writes it: '15,061.5' in English, '15 061,5' in bokmål."""
    return _local(f"{value:,.{decimals}f}")


def month_text(month: pd.Period, year: bool = True) -> str:
    """A month for a message: 'July 2019' in English, 'juli 2019' in bokmål (NAV writes month names lower-case)."""
    return f"{_month_name(month.month)}{f' {month.year}' if year else ''}"


# -- what the judges were given, for tests that drive every pointer -------------------------------------
_PROBES: list[list[tuple[str, object, str | None]]] = []


@contextlib.contextmanager
def recording():
    """Collect what the judges are given while checks run inside the block, as ``(judge, value, text)``:
    judge is "number", "label", "month" or "range" (value: a usual mistake's value with its pointer as
    text, or the right answer with text None), "choice" (an option's letter and its explanation) or
    "chart" (a dict with the expected values and the encodings asked for; text None). Tests feed the
    values back as answers, so that every pointer is reached in both languages without a number
    copied by hand."""
    found: list[tuple[str, object, str | None]] = []
    _PROBES.append(found)
    try:
        yield found
    finally:
        _PROBES.remove(found)


def record(judge: str, value: object, text: str | None = None) -> None:
    """Note an answer a check knows (a usual mistake and its pointer, or the right answer with no text) for
    :func:`recording`. The judges do it; a check that reads an answer itself calls it for its own pointers."""
    for found in _PROBES:
        found.append((judge, value, text))


_record = record


EMPTY = (
    "your selection is empty: check the filter (e.g. period is a pandas Period: compare with "
    "pd.Period('2019-07', 'M') or use .astype(str))."
)
EMPTY_NB = (
    "utvalget ditt er tomt: sjekk filteret (period er for eksempel en pandas Period: sammenlign med "
    "pd.Period('2019-07', 'M') eller bruk .astype(str))."
)
MANY = "give one value, for example `result.iloc[0]`"
MANY_NB = "gi én verdi, for eksempel `result.iloc[0]`"


def _empty() -> str:
    return _say(EMPTY, EMPTY_NB)


# -- results and hints ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Result:
    """The verdict on an answer; shows itself as a short line in a notebook.

    ``todo`` is true when no answer was given yet: the text then says what to do, with no verdict
    and no hint. ``hint`` holds the general hint when the learner has earned it (second wrong try).
    """

    exercise: str
    correct: bool
    message: str
    todo: bool = False
    hint: str = ""
    lang: str = "en"

    @property
    def mark(self) -> str:
        if self.lang == "nb":
            return "✔ Riktig" if self.correct else "✘ Ikke ennå"
        return "✔ Correct" if self.correct else "✘ Not yet"

    @property
    def text(self) -> str:
        """The line a learner reads."""
        # Before a try the cell says only what to do: no verdict, and not even the word for a hint (the
        # exercises' introduction says how to ask for one), so nothing on the page after Run All reads as help.
        if self.todo and self.lang == "nb":
            return f"Din tur ({self.exercise}): skriv svaret ditt i stedet for None og kjør cellen."
        if self.todo:
            return f"Your turn ({self.exercise}): put your answer in place of None and run this cell."
        label = "Tips" if self.lang == "nb" else "Hint"
        return f"{self.mark} ({self.exercise}): {self.message}" + (f" {label}: {self.hint}" if self.hint else "")

    def __str__(self) -> str:
        return self.text

    def _repr_markdown_(self) -> str:
        if self.todo:
            return _md(self.text)
        colour = "#1A7F37" if self.correct else "#A04000"
        extra = f" **{'Tips' if self.lang == 'nb' else 'Hint'}:** {_md(self.hint)}" if self.hint else ""
        return f'<span style="color:{colour}">**{self.mark}**</span> ({self.exercise}): {_md(self.message)}{extra}'

    def _repr_pretty_(self, printer, cycle) -> None:  # plain-text view
        printer.text(self.text)


@dataclass(frozen=True)
class Hint:
    """An exercise's general hint, shown on request by :func:`hint`."""

    exercise: str
    text: str
    lang: str = "en"

    def __str__(self) -> str:
        return f"{'Tips' if self.lang == 'nb' else 'Hint'} ({self.exercise}): {self.text}"

    def _repr_markdown_(self) -> str:
        return f"**{'Tips' if self.lang == 'nb' else 'Hint'}** ({self.exercise}): {_md(self.text)}"

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(str(self))


def _md(text: str) -> str:
    """Text for Markdown output: a star stays a star."""
    return text.replace("*", "\\*")


@dataclass(frozen=True)
class Exercise:
    id: str
    check: Callable[[object], Result]
    hint: str
    module: str = ""
    hint_nb: str = ""

    def hint_text(self) -> str:
        """The hint in the chosen language (the English one when there is no bokmål text)."""
        return self.hint_nb if language() == "nb" and self.hint_nb else self.hint


EXERCISES: dict[str, Exercise] = {}
WRONG_TRIES: Counter[str] = Counter()  # wrong tries per exercise in this kernel


def exercise(exercise_id: str, hint: str, hint_nb: str = ""):
    """Register a check function ``f(answer) -> (correct, message)`` under an exercise id, with its
    general hint (a recipe, never the answer) in English and, if given, bokmål."""

    def register(function: Callable[[object], tuple[bool, str]]) -> Callable[[object], tuple[bool, str]]:
        if exercise_id in EXERCISES:
            raise ValueError(f"exercise {exercise_id} is registered twice")

        def run(answer: object) -> Result:
            lang = language()
            if is_blank(answer):
                return Result(exercise_id, False, "", todo=True, lang=lang)
            correct, message = _judge_safely(function, answer)
            if correct:
                return Result(exercise_id, True, message, lang=lang)
            WRONG_TRIES[exercise_id] += 1
            earned = EXERCISES[exercise_id].hint_text() if WRONG_TRIES[exercise_id] >= 2 else ""
            return Result(exercise_id, False, message, hint=earned, lang=lang)

        EXERCISES[exercise_id] = Exercise(exercise_id, run, hint, function.__module__, hint_nb)
        return function

    return register


def _judge_safely(function: Callable[[object], tuple[bool, str]], answer: object) -> tuple[bool, str]:
    """Run a check; whatever the answer, the learner gets a sentence, not a traceback."""
    if isinstance(answer, str) and len(answer) > MAX_TEXT:
        return False, _too_long(len(answer))
    if isinstance(answer, (bytes, bytearray)):
        answer = bytes(answer[:MAX_TEXT]).decode("utf-8", errors="replace")
    if isinstance(answer, (pd.Series, pd.DataFrame, pd.Index, np.ndarray)) and answer.size == 0:
        return False, _empty()
    try:
        correct, message = function(answer)
        return bool(correct), str(message)
    except Exception as error:  # noqa: BLE001 - an odd answer must not end in a traceback
        if os.environ.get("NAV_CHECKER_DEBUG"):
            raise
        return False, _say(
            f"the checker could not read {show(answer)} ({type(error).__name__}): give one value, "
            "such as 12.5, '15 061', 'July 2019' or a label as text.",
            f"kontrollen kunne ikke lese {show(answer)} ({type(error).__name__}): gi én verdi, "
            "for eksempel 12,5, '15 061', 'juli 2019' eller et navn som tekst.",
        )


def _too_long(n: int) -> str:
    return _say(
        f"that answer is {n:,} characters long: give one short value, such as 12.5 or 'July 2019'.",
        f"svaret er {number_text(n)} tegn langt: gi én kort verdi, for eksempel 12,5 eller 'juli 2019'.",
    )


def check(exercise_id: str, answer: object) -> Result:
    """Check an answer to an exercise; the result explains itself."""
    return _find(exercise_id).check(answer)


def hint(exercise_id: str) -> Hint:
    """The general hint of an exercise (shown as Markdown in a notebook, plain text elsewhere)."""
    found = _find(exercise_id)
    return Hint(found.id, found.hint_text(), language())


def _find(exercise_id: str) -> Exercise:
    _load_all()
    key = str(exercise_id).strip()
    if re.fullmatch(r"\d\.\d+", key):  # "5.1" for "05.1"
        key = "0" + key
    if key not in EXERCISES:
        known = ", ".join(sorted(EXERCISES))
        raise KeyError(say(f"no exercise {key!r}; known: {known}", f"ingen oppgave {key!r}; disse finnes: {known}"))
    return EXERCISES[key]


def _load_all() -> None:
    """Import the answer key, which registers every exercise's check."""
    from . import answers  # noqa: F401


@functools.cache
def data() -> pd.DataFrame:
    """The tidy participants frame, loaded once, for check functions to compute answers from."""
    from .tidy import load_participants

    return load_participants()


# -- reading answers as learners write them ----------------------------------------------------
def is_blank(answer: object) -> bool:
    """No answer yet: None, Ellipsis, or empty/whitespace text."""
    return answer is None or answer is Ellipsis or (isinstance(answer, str) and not answer.strip())


def show(answer: object, limit: int = 40) -> str:
    """A short, safe rendering of an answer for a message (never raises)."""
    try:
        text = repr(answer) if isinstance(answer, str) else str(answer)
    except Exception:  # noqa: BLE001
        text = f"a {type(answer).__name__}"
    text = " ".join(text[: limit * 4].split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_KIND_NB = {"dict": "ordbok (dict)", "set": "mengde (set)", "frozenset": "mengde (frozenset)"}


def decimal_comma(values: object) -> str | None:
    """The pointer for numbers a decimal comma split, or None.

    Python reads ``40,1`` as the tuple ``(40, 1)``, so a learner used to the Norwegian decimal comma gets two
    whole numbers where one decimal was meant. Only a tuple of two or more whole numbers is taken for that
    (a list or a Series is built on purpose); the answer stays wrong, the pointer only says why.
    """
    if not isinstance(values, tuple) or len(values) < 2:
        return None
    if not all(isinstance(v, numbers.Integral) and not isinstance(v, bool) and v >= 0 for v in values):
        return None
    whole, part = values[0], values[1]
    return _say(
        f"Python reads {whole},{part} as two numbers, {whole} and {part}: write a decimal with a point ({whole}.{part}), "
        "not a comma.",
        f"Python leser {whole},{part} som to tall, {whole} og {part}: bruk punktum, ikke komma, som desimaltegn "
        f"({whole}.{part}).",
    )


def one_value(answer: object) -> tuple[object, str | None]:
    """The single value an answer holds, and a problem to tell the learner if there is none.

    One-element lists, tuples, Series, Index, arrays and 1x1 DataFrames give their element; NumPy
    scalars become Python ones; bytes are decoded; text longer than ``MAX_TEXT`` is refused.
    """
    for _ in range(3):  # a list inside a Series, at most a few levels
        if isinstance(answer, pd.DataFrame):
            if answer.size == 0:
                return None, _empty()
            if answer.size > 1:
                rows, columns = answer.shape
                return None, _say(
                    f"that is a table of {rows} rows and {columns} columns: {MANY}.",
                    f"det er en tabell med {rows} rader og {columns} kolonner: {MANY_NB}.",
                )
            answer = answer.to_numpy().ravel()[0]
        elif isinstance(answer, (pd.Series, pd.Index, np.ndarray, list, tuple, pd.api.extensions.ExtensionArray)):
            if len(answer) == 0:
                return None, _empty()
            if len(answer) > 1:
                split = decimal_comma(answer)
                if split:
                    return None, split
                n, series = len(answer), isinstance(answer, pd.Series)
                return None, _say(
                    f"that holds {n} values: " + (MANY if series else "give one value, for example `result[0]`") + ".",
                    f"du ga {n} verdier: " + (MANY_NB if series else "svaret skal være én verdi, for eksempel `result[0]`") + ".",
                )
            answer = answer.iloc[0] if isinstance(answer, pd.Series) else list(answer)[0]
        elif isinstance(answer, (set, frozenset, dict)):
            kind = type(answer).__name__
            return None, _say(
                f"that is a {kind}: give one value (a number or a text).",
                f"det er en {_KIND_NB.get(kind, kind)}: gi én verdi (et tall eller en tekst).",
            )
        else:
            break
    if isinstance(answer, (bytes, bytearray)):
        answer = bytes(answer[:MAX_TEXT]).decode("utf-8", errors="replace")
    if isinstance(answer, np.datetime64):
        answer = pd.Timestamp(answer) if not np.isnat(answer) else pd.NaT
    elif isinstance(answer, np.generic):
        answer = answer.item()
    if isinstance(answer, str) and len(answer) > MAX_TEXT:
        return None, _too_long(len(answer))
    return answer, None


_SPACES = dict.fromkeys(map(ord, "\u00a0\u202f\u2009\u2007\u2002\u2003"), " ")
_DASHES = dict.fromkeys(map(ord, "\u2212\u2013\u2014\u2012\u2010\u2011"), "-")
_QUOTES = dict.fromkeys(map(ord, "'\"`´‘’“”«»"), None)

# units and words around a number: (unit, pattern); a matched word is removed before the number is read
_UNITS: tuple[tuple[str, str], ...] = (
    ("pp", r"percentage[- ]?points?|prosent[- ]?poeng|%[- ]?poeng|p\.?\s?p\.?|points?|pts?\b|poeng"),
    ("percent", r"per ?cent|percent|prosent|pst\.?|%"),
    ("persons", r"persons?|personer|people|individuals|deltakere|participants"),
    ("months", r"months?|måneder|maaneder|maneder|mnd\.?|mo\b"),
    ("stars", r"stars?|stjerner|stjerne|asterisks?"),
    ("kr", r"kroner|nok|kr\.?"),
    ("line", r"line|linje|lines|linjer|row|rad|no\.|nr\.?"),
    ("years", r"years?|år\b|aar\b|yrs"),
)
_SCALES = (
    (1e9, r"milliard(?:er)?|mrd\.?|billions?|bn"),
    (1e6, r"millions?|millioner|mill\.?|mln\.?|mio\.?"),
    (1e3, r"thousands?|tusen"),
)
_MONTH_WORDS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|januar|februar|mars|"
    "mai|juni|juli|oktober|desember|jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|des|dec"
)
_FILLER = r"about|around|approx\.?|approximately|ca\.?|circa|roughly|omtrent|rundt|cirka|ratio|index|indeks|of|av|=|:|~|≈"


@dataclass(frozen=True)
class NumberReading:
    """What a number answer says: its value, the unit words it carries, and a problem if unreadable."""

    value: float | None
    units: frozenset[str] = frozenset()
    problem: str | None = None


def read_number(answer: object, near: float | None = None) -> NumberReading:
    """Read a number as people write it, in English or Norwegian, with units or words around it.

    ``"15 061"``, ``"15,061"``, ``"15.061"`` (thousands when ``near`` says so), ``"12,7 %"``,
    ``"+2,678"``, ``"−3"``, ``"4.7 months"``, ``"84 personer"``, ``"linje 181"``, ``"12,7 prosentpoeng"``,
    a one-value Series or list. ``near`` (the expected value) settles "1,234" and "1.234".
    """
    value, problem = one_value(answer)
    if problem:
        return NumberReading(None, problem=problem)
    if isinstance(value, bool):
        return NumberReading(None, problem=_say("give a number, not True or False.", "gi et tall, ikke True eller False."))
    if isinstance(value, numbers.Integral):
        try:
            return _finite(float(value))
        except OverflowError:
            return NumberReading(
                None,
                problem=_say("that number is far too large to be the answer.", "det tallet er altfor stort til å være svaret."),
            )
    if isinstance(value, numbers.Real) or (hasattr(value, "__float__") and not isinstance(value, (str, complex))):
        try:
            return _finite(float(value))
        except (TypeError, ValueError, OverflowError):
            return NumberReading(None, problem=_not_a_number(value))
    if value is pd.NaT or value is pd.NA:
        return NumberReading(
            None,
            problem=_say(
                "that is a missing value (NaN, NA or NaT): your calculation produced no number.",
                "det er en manglende verdi (NaN, NA eller NaT): utregningen ga ikke noe tall.",
            ),
        )
    if not isinstance(value, str):
        return NumberReading(None, problem=_not_a_number(value))
    text = unicodedata.normalize("NFC", value).translate(_SPACES).translate(_DASHES).translate(_QUOTES).strip().lower()
    units = set()
    for unit, pattern in _UNITS:
        text, n = re.subn(rf"(?<![a-zæøå])(?:{pattern})(?![a-zæøå])", " ", text)
        units |= {unit} if n else set()
    text = re.sub(rf"(?<![a-zæøå])(?:{_FILLER})(?![a-zæøå])", " ", text).strip(" .;")
    scale = 1.0
    for factor, pattern in _SCALES:  # "1,3 mill. kroner", "7 milliarder", "15 thousand"
        text, n = re.subn(rf"(?<![a-zæøå])(?:{pattern})(?![a-zæøå])", " ", text)
        scale = factor if n else scale
    text = text.strip(" .;")
    if not re.fullmatch(r"[+-]?\s*[\d .,']+", text):  # "58 225 in July 2019", "84 personer i mai 2021": the month is context
        text = re.sub(rf"(?<![a-zæøå])(?:in|i|for|per|på|pa)?\s*(?:{_MONTH_WORDS})\.?(?:\s+\d{{4}})?(?![a-zæøå])", " ", text)
        text = re.sub(r"(?<![a-zæøå])(?:in|i|for|per|på|pa|and|og|the|de)(?![a-zæøå])", " ", text).strip(" .;")
    number = _parse_digits(text, None if near is None else near / scale)
    number = None if number is None else number * scale
    if number is None:
        return NumberReading(None, frozenset(units), problem=None)
    return NumberReading(number, frozenset(units)) if math.isfinite(number) else _finite(number)


def _not_a_number(value: object) -> str:
    kind = type(value).__name__
    return _say(f"give a number, not a {kind}.", f"gi et tall, ikke en {kind}.")


def _finite(value: float) -> NumberReading:
    if math.isnan(value):
        return NumberReading(
            None,
            problem=_say(
                "that is NaN (not a number): your calculation produced no number; check the rows you selected.",
                "det er NaN (ikke et tall): utregningen ga ikke noe tall; sjekk radene du valgte.",
            ),
        )
    if math.isinf(value):
        return NumberReading(
            None,
            problem=_say(
                "that is infinite: something was divided by zero; check what you divided by.",
                "det er uendelig: noe ble delt på null; sjekk hva du delte på.",
            ),
        )
    return NumberReading(value)


def _parse_digits(text: str, near: float | None) -> float | None:
    """One number in English or Norwegian form, or None."""
    m = re.fullmatch(r"([+-]?)\s*(\d[\d ,.']*\d|\d)", text)
    if not m:
        return None
    sign, body = -1.0 if m[1] == "-" else 1.0, m[2].replace("'", " ")
    if " " in body:  # spaces group thousands ("15 061", "1 234,5")
        if not re.fullmatch(r"\d{1,3}( \d{3})+([.,]\d+)?", body):
            return None
        body = body.replace(" ", "")
    candidates: list[str]
    if "," in body and "." in body:  # the later one is the decimal mark
        body = body.replace(".", "").replace(",", ".") if body.rfind(",") > body.rfind(".") else body.replace(",", "")
        candidates = [body]
    elif body.count(",") > 1 or body.count(".") > 1:  # several separators group thousands
        mark = "," if "," in body else "."
        if not re.fullmatch(rf"\d{{1,3}}(\{mark}\d{{3}})+", body):
            return None
        candidates = [body.replace(mark, "")]
    elif re.fullmatch(r"[1-9]\d{0,2}[.,]\d{3}", body):  # "15,061" or "15.061": thousands, or a decimal with three digits
        decimal = body.replace(",", ".")
        thousands = body.replace(",", "").replace(".", "")
        candidates = [thousands, decimal] if "," in body else [decimal, thousands]
    else:
        candidates = [body.replace(",", ".")]
    try:
        readings = [sign * float(c) for c in candidates]
    except ValueError:
        return None
    if near is not None and len(readings) > 1:
        return min(readings, key=lambda r: abs(r - near))
    return readings[0]


def as_number(answer: object, near: float | None = None) -> float | None:
    """A number from 48.2, "48,2 %", "183 501 kr", "NOK 183,501" or a one-value Series; None if none.

    "1,234" may be a thousands separator or a Norwegian decimal comma; with ``near`` (the
    expected value) the reading closer to it is taken.
    """
    try:
        return read_number(answer, near).value
    except Exception:  # noqa: BLE001
        return None


def as_month(answer: object) -> tuple[int | None, int] | None:
    """(year or None, month) from "July 2019", "juli", "jul.", "2019-07", 7, a Period or a Timestamp."""
    answer, problem = one_value(answer)
    if problem or answer is None or answer is pd.NaT or isinstance(answer, bool):
        return None
    try:
        if isinstance(answer, pd.Period):
            return answer.year, answer.month
        if hasattr(answer, "month") and hasattr(answer, "year") and not isinstance(answer, str):
            year, month = int(answer.year), int(answer.month)
            return (year, month) if 1 <= month <= 12 else None
    except (TypeError, ValueError):
        return None
    if isinstance(answer, numbers.Integral):
        return (None, int(answer)) if 1 <= int(answer) <= 12 else None
    if not isinstance(answer, str):
        return None
    text = answer.translate(_DASHES).translate(_QUOTES).strip().lower().replace(".", " ")
    found = None
    if m := re.fullmatch(r"(\d{4})\s*[-/ ]\s*(\d{1,2})(?:[-/ ]\d{1,2})?(?:[ t].*)?", text):
        found = int(m[1]), int(m[2])
    elif m := re.fullmatch(r"(?:\d{1,2}[-/ ])?(\d{1,2})[-/ ](\d{4})", text):
        found = int(m[2]), int(m[1])
    if found:
        return found if 1 <= found[1] <= 12 else None
    year = re.search(r"\b(\d{4})\b", text)
    words = re.findall(r"[a-zæøå]+", re.sub(r"\d{4}", "", text))
    for month, (en, nb) in enumerate(zip(_MONTHS_EN, vocab.MONTHS_NB), start=1):
        if any(len(w) >= 3 and (en.lower().startswith(w) or nb.lower().startswith(w)) for w in words):
            return (int(year[1]) if year else None), month
    return None


_MONTHS_EN = MONTHS["en"]  # the charts' English month names: one list in helpers


@functools.lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """A label reduced to what tells it apart: any case, æ/ø/å or ae/oe/o/aa/a, singular or plural,
    hyphen, en dash, 'to' or 'til' in a range, 'år'/'years' after an age range, quotes, commas and
    extra spaces."""
    text = unicodedata.normalize("NFC", text).translate(_SPACES).translate(_DASHES).translate(_QUOTES).lower()
    text = text.replace("æ", "a").replace("ø", "o").replace("å", "a").replace("ae", "a").replace("aa", "a").replace("oe", "o")
    text = re.sub(r"(\d+)\s*(?:-|to|til|through|until)\s*(\d+)", r"\1-\2", text)
    text = re.sub(r"[*,.;:!?()\[\]]", " ", text)
    words = []
    for word in text.split():
        if word.endswith("ies") and len(word) > 4:
            word = word[:-3] + "y"
        elif word.endswith("ere") and len(word) > 5:  # arbeidssøkere -> arbeidssøker
            word = word[:-1]
        elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
            word = word[:-1]
        words.append(word)
    text = " ".join(words)
    text = re.sub(r"(\d)\s*(?:ar|year|yr|aged?)\b", r"\1", text)  # "30-39 år", "30-39 years", "19 år og under"
    text = re.sub(r"^(\d+)\s*(?:\+|and over|og over|or older|eller eldre)$", r"\1 and over", text)  # "60+", "60 år og over"
    text = re.sub(r"^(\d+)\s*(?:and under|og under|or younger|eller yngre)$", r"\1 and under", text)
    return re.sub(r"^(?:age|aged|alder)\s+(\d+-\d+)$", r"\1", text)


def as_label(answer: object) -> set[str]:
    """The names an answer gives, lower-case and folded (see :func:`fold`): "Lønnstilskudd (wage
    subsidy)" gives both parts."""
    answer, problem = one_value(answer)
    if problem or not isinstance(answer, str):
        return set()
    plain = lambda text: " ".join(text.lower().replace("*", "").split()).strip(" .'\"")  # noqa: E731
    parts = [answer]
    if " – " in answer:  # as vocabulary.both() joins a label and a gloss that have parentheses of their own
        parts += answer.split(" – ", 1)
    elif m := re.fullmatch(r"(.+?)\s*\((.+)\)\s*", answer):
        parts += [m[1], m[2]]
    return {form for part in parts for form in (plain(part), fold(part)) if form}


def label_names(value: str) -> set[str]:
    """NAV's label and its English gloss, lower-case and folded, for comparison with :func:`as_label`."""
    names = {value}
    try:
        names.add(vocab.english(value))
    except KeyError:
        pass
    return {form for name in names for form in (name.lower(), fold(name))}


def as_range(answer: object) -> tuple[float, float] | None:
    """(low, high) from "30-39", "30–39 år", "30 to 39", "30 til 39", "30-39 years", (30, 39) or [30, 39]."""
    if isinstance(answer, (tuple, list)) and len(answer) == 2:
        low, high = (as_number(x) for x in answer)
        return (low, high) if low is not None and high is not None else None
    answer, problem = one_value(answer)
    if problem or not isinstance(answer, str):
        return None
    m = re.fullmatch(r"\s*(\d+)\s*-\s*(\d+)\s*(?:ar|year|yr)?\s*", fold(answer))
    return (float(m[1]), float(m[2])) if m else None


# -- judging answers ----------------------------------------------------------------------------
_KIND_UNITS = {
    "percent": " %",
    "change": " %",
    "pp": " percentage points",
    "months": " months",
    "pp_nb": " prosentpoeng",
    "months_nb": " måneder",
    "persons": "",
    "count": "",
    "line": "",
    "stars": "",
    "ratio": "",
    "index": "",
    "number": "",
    "kr": " kr",
}
_FALLBACKS = {  # kind -> (English, bokmål): the pointer for a number that is neither right nor a known mistake
    "count": (
        "Check which rows and months you kept, and whether a total ('I alt') got added to its own parts.",
        "Sjekk hvilke rader og måneder du beholdt, og om du har lagt en sumrad ('I alt') sammen med delene den består av.",
    ),
    "persons": (
        "Check which rows and months you kept, and whether a total ('I alt') got added to its own parts.",
        "Sjekk hvilke rader og måneder du beholdt, og om du har lagt en sumrad ('I alt') sammen med delene den består av.",
    ),
    "percent": (
        "Check which rows you kept for the part and for the whole, and what you divided by.",
        "Sjekk hvilke rader du brukte i telleren og i nevneren.",
    ),
    "change": (
        "Check the two values you compared, and that you divided the difference by the one it is measured from.",
        "Sjekk de to verdiene du sammenlignet, og at du delte differansen på utgangsverdien.",
    ),
    "pp": (
        "A change in percentage points is one share minus the other: check which two shares you subtracted.",
        "En endring i prosentpoeng er den ene andelen minus den andre: sjekk hvilke to andeler du trakk fra hverandre.",
    ),
    "ratio": (
        "Check which two numbers you divided, and which is on top.",
        "Sjekk hvilke to tall du delte, og hvilket som står over brøkstreken.",
    ),
    "index": ("Check which rows you kept and what you divided by.", "Sjekk hvilke rader du beholdt og hva du delte på."),
    "months": (
        "Check which rows you read and which two figures you compared.",
        "Sjekk hvilke rader du leste og hvilke to tall du sammenlignet.",
    ),
    "line": ("Read the `line` column of the row you selected.", "Les kolonnen `line` i raden du valgte."),
    "stars": ("Check which rows and months you counted.", "Sjekk hvilke rader og måneder du telte."),
    "kr": ("Check which rows you kept and what you divided by.", "Sjekk hvilke rader du beholdt og hva du delte på."),
    "number": (
        "Go through your steps again and check which rows and months you kept.",
        "Gå gjennom stegene dine igjen og sjekk hvilke rader og måneder du beholdt.",
    ),
}


def judge_number(
    answer: object,
    expected: float,
    tolerance: float,
    what: str = "",
    mistakes: Mapping[str, float] | None = None,
    unit: str = "",
    kind: str = "",
    fallback: str | None = None,
) -> tuple[bool, str]:
    """Right if within ``tolerance`` of ``expected`` or if the answer rounds to it; else a pointer.

    - ``what`` follows the number in the reply to a right answer ("is July's index").
    - ``mistakes`` maps a pointer (what to look at) to the value that mistake gives; a typed answer
      may be rounded, so 0.2 % of the value is allowed too.
    - ``kind`` says what the number is: "count"/"persons", "percent" (a share in %), "change" (a change
      or difference in %), "pp" (percentage points), "ratio", "index", "months", "line", "stars", "kr"
      or "number". It picks the
      unit shown, the units an answer may carry ("12.7 %" is wrong where pp are asked), the checks
      every exercise of that kind gets (fraction for per cent, per cent for a ratio), and the generic
      pointer. Without ``kind`` it is read from ``unit`` and ``what`` (" %" gives "percent", or "change"
      when ``what`` speaks of a change; "percentage points" in ``what`` gives "pp"; "persons", "line",
      "stars", "ratio", "index" likewise).
    - ``fallback`` replaces the generic pointer for an answer that is neither right nor a known mistake.
    """
    kind = kind or _kind_from(unit, what)
    auto = _KIND_UNITS.get(f"{kind}_nb" if language() == "nb" else kind, _KIND_UNITS.get(kind, ""))
    stem = auto.strip().split()[-1].rstrip("s").removesuffix("er") if auto.strip() else ""
    unit = unit or ("" if stem and stem in what.lower() else auto)
    _record("number", expected)
    for pointer, wrong in (mistakes or {}).items():
        _record("number", wrong, pointer)
    reading = read_number(answer, near=expected)
    if reading.problem:
        return False, reading.problem
    value = reading.value
    if value is None:
        about = what[1:-1] if what.startswith("(") and what.endswith(")") else what  # no double brackets
        return False, _say(
            f"give a number{' (' + about + ')' if about else ''}: 1234, '1 234', 12.5 and '12,5' all work{_unit_example(kind)}.",
            f"gi et tall{' (' + about + ')' if about else ''}: 1234, '1 234', 12.5 og '12,5' går alle an{_unit_example(kind)}.",
        )
    if _close(value, expected, tolerance):
        wrong_unit = _wrong_unit(reading.units, kind, _format(expected, tolerance), unit)
        return (False, wrong_unit) if wrong_unit else (True, f"{_format(expected, tolerance)}{unit}{' ' + what if what else ''}.")
    known = [(pointer, _float_or_none(wrong)) for pointer, wrong in (mistakes or {}).items()]
    near_mistakes = [
        (abs(value - wrong), pointer)
        for pointer, wrong in known
        if wrong is not None and _close(value, wrong, max(tolerance, 1e-9), rel=0.002)
    ]
    if near_mistakes:  # the closest of the mistakes the value fits
        return False, min(near_mistakes, key=lambda pair: pair[0])[1]
    slip = _usual_slip(value, expected, tolerance, kind)
    if slip:
        return False, slip
    en, nb = _FALLBACKS.get(kind, _FALLBACKS["number"])
    given = _format_given(value) + unit
    if value > expected:
        return False, _say(f"{given} is too high. {fallback or en}", f"{given} er for høyt. {fallback or nb}")
    return False, _say(f"{given} is too low. {fallback or en}", f"{given} er for lavt. {fallback or nb}")


def _wrong_unit(units: frozenset[str], kind: str, number: str, unit: str) -> str | None:
    """The pointer for a right number with the wrong unit: per cent for percentage points, or the reverse,
    or a per cent where persons, lines, stars or months are asked."""
    if kind == "pp" and "percent" in units and "pp" not in units:
        return _say(
            "the number is right, but the difference of two percentages is in percentage points "
            f"(pp, prosentpoeng), not per cent: write it as '{number} pp'.",
            "tallet er riktig, men forskjellen mellom to prosentandeler måles i prosentpoeng (pp), ikke prosent: "
            f"skriv '{number} prosentpoeng'.",
        )
    if kind in ("percent", "change") and "pp" in units:
        return _say(
            "the number is right, but this is a per cent (%), not percentage points: percentage points are the "
            "difference of two percentages.",
            "tallet er riktig, men dette er prosent (%), ikke prosentpoeng: "
            "prosentpoeng er forskjellen mellom to prosentandeler.",
        )
    if kind in ("count", "persons", "line", "stars", "months") and "percent" in units:
        return _say(
            f"the number is right, but it is not a per cent: give it{unit or ' as a plain number'}.",
            "tallet er riktig, men det er ikke prosent: gi det som et vanlig tall.",
        )
    return None


def _usual_slip(value: float, expected: float, tolerance: float, kind: str) -> str | None:
    """The pointer for a slip any exercise of this kind may see: a fraction for a per cent, a per cent
    for a ratio, a ratio for an index, the right size with the wrong sign."""
    if kind in ("percent", "change", "pp") and abs(expected) >= 1 and _close(100 * value, expected, 100 * tolerance, rel=0.002):
        return _say(
            f"that looks like a fraction: multiply by 100 to get {'percentage points' if kind == 'pp' else 'per cent'}.",
            f"det ser ut som en brøk: gang med 100 for å få {'prosentpoeng' if kind == 'pp' else 'prosent'}.",
        )
    if kind == "ratio" and abs(expected) < 10 and _close(value / 100, expected, tolerance, rel=0.002):
        return _say(
            "that looks like a per cent: give it as a ratio (divide by 100).",
            "det ser ut som prosent: gi det som et forholdstall (del på 100).",
        )
    if kind == "index" and abs(expected) >= 10 and _close(100 * value, expected, 100 * tolerance, rel=0.002):
        return _say("that is a ratio: multiply by 100 for the index.", "det er et forholdstall: gang med 100 for indeksen.")
    if expected != 0 and _close(-value, expected, tolerance, rel=0.002):
        return _say(
            "the size is right but the sign is not: which number do you subtract from which?",
            "størrelsen er riktig, men ikke fortegnet: hvilket tall trekker du fra hvilket?",
        )
    return None


def _float_or_none(value: object) -> float | None:
    """A mistake's value as a float; None when it is missing (a hidden count) or not a number."""
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def _kind_from(unit: str, what: str) -> str:
    """The kind of number an exercise asks for, read from its unit and its words."""
    what = what.lower()
    percent = unit.strip() == "%"
    rules = (
        ("pp", "percentage point" in what or "prosentpoeng" in what),
        ("change", percent and bool(re.search(r"\b(change|above|below|higher|lower|rise|fall|grew|growth)\b", what))),
        ("percent", percent),
        ("months", unit.strip() == "months"),
        ("line", bool(re.search(r"\bline\b", what))),
        ("stars", bool(re.match(r"stars\b", what))),
        ("persons", bool(re.search(r"\b(persons?|people)\b", what))),
        ("ratio", "ratio" in what),
        ("index", "index" in what),
    )
    return next((kind for kind, found in rules if found), "number")


def _close(value: float, expected: float, tolerance: float, rel: float = 0.0) -> bool:
    """Within tolerance, or the same once rounded to the decimals the tolerance asks for."""
    if not (math.isfinite(value) and math.isfinite(expected)):
        return False
    if math.isclose(value, expected, rel_tol=rel, abs_tol=tolerance + 1e-9):
        return True
    decimals = _decimals(tolerance)
    return tolerance > 0 and round(value, decimals) == round(expected, decimals)


def _unit_example(kind: str) -> str:
    if language() == "nb":
        return {
            "percent": " ('12,5 %' også)",
            "change": " ('12,5 %' også)",
            "pp": " ('12,5 prosentpoeng' også)",
            "months": " ('4,7 måneder' også)",
            "line": " ('linje 181' også)",
            "persons": " ('84 personer' også)",
            "count": " ('84 personer' også)",
        }.get(kind, "")
    return {
        "percent": " ('12,5 %' too)",
        "change": " ('12,5 %' too)",
        "pp": " ('12,5 pp' or '12,5 prosentpoeng' too)",
        "months": " ('4.7 months' too)",
        "line": " ('line 181' too)",
        "persons": " ('84 persons' too)",
        "count": " ('84 persons' too)",
    }.get(kind, "")


def judge_label(answer: object, expected: str, mistakes: Mapping[str, str] | None = None) -> tuple[bool, str]:
    """Right if the answer names ``expected`` (NAV's label or its English gloss, any case, with or
    without æøå, singular or plural, an age range with hyphen, en dash, 'to' or 'til')."""
    if isinstance(answer, (tuple, list)) and len(answer) == 2 and (pair := as_range(answer)):
        answer = f"{pair[0]:g}-{pair[1]:g}"  # (30, 39) for the age group 30-39
    _record("label", expected)
    for pointer, wrong in (mistakes or {}).items():
        _record("label", wrong, pointer)
    value, problem = one_value(answer)
    if problem:
        return False, problem
    given = as_label(value)
    if not given:
        return False, _say("give the name as text, in Norwegian or English.", "gi navnet som tekst, på norsk eller engelsk.")
    if given & label_names(expected):  # in bokmål NAV's label alone: the reader's own language needs no gloss
        return True, f"{vocab.both(expected) if _has_gloss(expected) and language() == 'en' else expected}."
    for pointer, wrong in (mistakes or {}).items():
        if given & label_names(wrong):
            return False, pointer
    return False, _say(
        f"{show(value)} is not it. Look again at the rows you compared.",
        f"{show(value)} er ikke svaret. Se igjen på radene du sammenlignet.",
    )


def _has_gloss(value: str) -> bool:
    try:
        vocab.english(value)
        return True
    except KeyError:
        return False


def judge_range(
    answer: object, expected: tuple[float, float], what: str = "", mistakes: Mapping[str, tuple[float, float]] | None = None
) -> tuple[bool, str]:
    """Right if the answer gives the range ``expected`` (low, high): "2-3", "2 to 3", "2 til 3", (2, 3)."""
    _record("range", tuple(expected))
    for pointer, wrong in (mistakes or {}).items():
        _record("range", tuple(wrong), pointer)
    given = as_range(answer)
    if given is None:
        return False, _say(
            "give two numbers, the smallest and the largest, for example (0, 3) or '0-3'.",
            "gi to tall, det minste og det største, for eksempel (0, 3) eller '0-3'.",
        )
    if tuple(given) == tuple(expected):
        return True, _say(f"{expected[0]:g} to {expected[1]:g}", f"{expected[0]:g} til {expected[1]:g}") + (
            f" {what}." if what else "."
        )
    for pointer, wrong in (mistakes or {}).items():
        if tuple(given) == tuple(wrong):
            return False, pointer
    return False, _say(
        f"{given[0]:g}-{given[1]:g} is not it. Check both ends.", f"{given[0]:g}-{given[1]:g} er ikke svaret. Sjekk begge endene."
    )


def judge_month(
    answer: object, expected: pd.Period, mistakes: Mapping[str, pd.Period] | None = None, fallback: str | None = None
) -> tuple[bool, str]:
    """Right if the answer names the month (and the year, if it gives one); ``fallback`` replaces the
    generic pointer for a month that is neither right nor a known mistake."""
    _record("month", expected)
    for pointer, wrong in (mistakes or {}).items():
        _record("month", wrong, pointer)
    value, problem = one_value(answer)
    if problem:
        return False, problem
    given = as_month(value)
    if given is None:
        if isinstance(value, str) and re.fullmatch(r"\s*\d{4}-\d{1,2}\s*", value):
            return False, _say(
                f"{show(value)} is not a month: months run from 01 to 12.",
                f"{show(value)} er ikke en måned: månedene går fra 01 til 12.",
            )
        return False, _say(
            "give a month, such as 'March 2019', 'mars' or '2019-03'.", "gi en måned, for eksempel 'mars 2019' eller '2019-03'."
        )
    year, month = given
    if month == expected.month and year in (None, expected.year):
        return True, f"{_month_name(expected.month)} {expected.year}."
    for pointer, wrong in (mistakes or {}).items():
        if month == wrong.month and year in (None, wrong.year):
            return False, pointer
    named = f"{_month_name(month)}{' ' + str(year) if year else ''}"
    return False, _say(
        f"not {named}. {fallback or 'Look again at the months you compared.'}",
        f"ikke {named}. {fallback or 'Se igjen på månedene du sammenlignet.'}",
    )


def _month_name(month: int) -> str:
    return vocab.MONTHS_NB[month - 1].lower() if language() == "nb" else _MONTHS_EN[month - 1]


_CHOICE = re.compile(r"\s*(?:option|svar|answer|alternativ)?\s*[(\[]?\s*([a-z])\s*[)\].:]?(?:\s.*)?", re.IGNORECASE | re.DOTALL)


def choice(answer: object, options: Mapping[str, tuple[bool, str]]) -> tuple[bool, str]:
    """A multiple-choice answer ('b', 'B', '(b)', 'b)', 'option b', "b: because …") judged with the
    option's own explanation; ``options`` maps each letter to (right, explanation)."""
    for letter, (_, explanation) in options.items():
        _record("choice", letter, explanation)
    value, problem = one_value(answer)
    letters = ", ".join(map(repr, options))
    *first, last = map(repr, options)
    ask = _say(f"answer with one letter: {letters}.", f"svar med én bokstav: {', '.join(first)} eller {last}.")
    if problem or not isinstance(value, str):
        return False, ask
    m = _CHOICE.fullmatch(value[:MAX_TEXT])
    key = m[1].lower() if m else None
    return options[key] if key in options else (False, ask)


def _decimals(tolerance: float) -> int:
    return max(0, -math.floor(math.log10(2 * tolerance))) if tolerance > 0 else 0


def _format(value: float, tolerance: float) -> str:
    return _local(f"{value:,.{_decimals(tolerance)}f}")


def _format_given(value: float) -> str:
    """The learner's number as they gave it (up to four decimals), so that 62.47 is never shown as 62.5."""
    text = f"{value:,.4f}".rstrip("0").rstrip(".")
    return _local(text if text not in ("-0", "") else "0")


def _local(english: str) -> str:
    """A number formatted in English ('15,061.5') as the chosen language writes it ('15 061,5' in bokmål, and a
    true minus sign, '−300', as Norwegian typesetting has it; the checker reads it back either way)."""
    if language() != "nb":
        return english
    return re.sub(r"^-", "\u2212", english.replace(",", "\u00a0").replace(".", ","))


# -- judging a chart ------------------------------------------------------------------------------
_AGGREGATES = {"sum", "mean", "average", "count", "valid", "median", "min", "max"}


@dataclass(frozen=True)
class _Layer:
    """One drawn layer: its mark, encodings, rows (after the transforms it can apply) and title."""

    mark: str
    encoding: dict
    rows: pd.DataFrame | None
    problem: str | None
    title: object


def judge_chart(
    chart: object,
    expected: pd.DataFrame | pd.Series,
    *,
    x: str = "x",
    y: str = "y",
    color: str | None = None,
    mark: str | tuple[str, ...] = "line",
    tolerance: float = 0.5,
    what: str = "",
    title: bool = True,
    axis_titles: bool = True,
) -> tuple[bool, str]:
    """Judge an Altair chart by what it draws: its mark, the (x, y[, colour]) values and its titles.

    - ``chart``: the learner's chart (``alt.Chart``, a layered chart; the data may be the chart's
      ``data`` or inline). Inspected through ``chart.to_dict()``.
    - ``expected``: the values the chart must draw, a DataFrame with the columns named by ``x``, ``y``
      (and ``color``), or a Series indexed by x (or by (x, colour)). A missing ``y`` (NaN/<NA>, a
      suppressed count) must be drawn as nothing: not as 0.
    - ``mark``: the mark (or marks) accepted, e.g. "line" or ("bar", "rule"). In a layered chart the
      first layer with an accepted mark is judged.
    - ``tolerance``: how far a drawn value may be from the expected one.
    - ``what``: what the chart shows, for the reply to a right chart.
    - ``title``/``axis_titles``: require a chart title and titles on both axes (an axis title is the
      encoding's ``title=`` or ``axis=alt.Axis(title=...)``; the default column name does not count).

    A right chart may be built another reasonable way: long or wide data (``transform_fold``), months
    as Period, text, numbers or Timestamps, the aggregate in pandas or in the encoding (sum, mean,
    count, median, min, max), a horizontal bar chart, simple equality filters (``transform_filter``
    with ``alt.datum.col == 'value'`` or ``alt.FieldEqualPredicate``/``FieldOneOfPredicate``).
    """
    _record("chart", {"expected": expected, "x": x, "y": y, "color": color, "mark": mark})
    spec, problem = _chart_spec(chart)
    if problem:
        return False, problem
    marks = (mark,) if isinstance(mark, str) else tuple(mark)
    layers = list(_layers(spec, spec.get("datasets", {})))
    layer = next((layer for layer in layers if layer.mark in marks), None)
    if layer is None:
        drawn = ", ".join(sorted({layer.mark for layer in layers})) or _say("nothing", "ingenting")
        return False, _say(
            f"the chart draws {drawn}: the question asks for {' or '.join(marks)} (`mark_{marks[0]}()`).",
            f"diagrammet er {_marks_nb(sorted({layer.mark for layer in layers}))}, men oppgaven ber om "
            f"{_marks_nb(marks, ' eller ')}.",
        )
    if layer.problem:
        return False, layer.problem
    want = _expected_table(expected, x, y, color)
    verdict = _compare_drawn(layer, want, tolerance, color is not None)
    if verdict:
        return False, verdict
    if title and not _has_text(spec.get("title")) and not _has_text(layer.title):
        return False, _say(
            "the values are right; now give the chart a title (`.properties(title=...)`) that says what it shows.",
            "verdiene er riktige; gi nå diagrammet en tittel (`.properties(title=...)`) som sier hva det viser.",
        )
    if axis_titles:
        for channel in ("x", "y"):
            if not _axis_title(layer.encoding.get(channel, {})):
                return False, _say(
                    f"the values are right; give the {channel} axis a title in the reader's words "
                    f"(`alt.{channel.upper()}(..., title=...)`), not the column name.",
                    f"verdiene er riktige; gi {channel}-aksen en tittel med ord leseren forstår "
                    f"(`alt.{channel.upper()}(..., title=...)`), ikke kolonnenavnet.",
                )
    return True, _say(
        f"the chart draws {what or 'the asked values'}.", f"diagrammet viser {what or 'verdiene som oppgaven ber om'}."
    )


_MARK_NB = {  # Vega-Lite mark -> the chart's name in bokmål (all neuter: "et ...")
    "bar": "stolpediagram",
    "line": "linjediagram",
    "trail": "linjediagram",
    "point": "punktdiagram",
    "circle": "punktdiagram",
    "square": "punktdiagram",
    "area": "arealdiagram",
    "rect": "rutediagram",
    "arc": "sektordiagram",
    "tick": "strekdiagram",
    "rule": "diagram med referanselinjer",
    "text": "diagram med tekst",
    "boxplot": "boksplott",
}


def _marks_nb(marks, joiner: str = " og ") -> str:
    """Marks as a bokmål reader names the charts, with the Altair call: 'et stolpediagram (`mark_bar()`)'."""
    if not marks:
        return "tomt"
    return joiner.join(f"et {_MARK_NB.get(m, 'diagram')} (`mark_{m}()`)" for m in marks)


def _chart_spec(chart: object) -> tuple[dict, str | None]:
    """The chart's Vega-Lite spec (data inline), or what to tell the learner."""
    if isinstance(chart, dict) and ("mark" in chart or "layer" in chart):  # a spec already built with to_dict()
        return chart, None
    if not hasattr(chart, "to_dict") or isinstance(chart, (pd.DataFrame, pd.Series)):
        return {}, _say(
            f"give the chart itself (the result of `alt.Chart(...)...encode(...)`), not {show(chart)}.",
            f"gi selve diagrammet (resultatet av `alt.Chart(...)...encode(...)`), ikke {show(chart)}.",
        )
    try:
        spec = chart.to_dict(validate=False)
    except Exception as error:  # noqa: BLE001
        if type(error).__name__ == "MaxRowsError":
            return {}, _say(
                "the chart's data has more than 5,000 rows: filter in pandas first and chart only the rows asked for.",
                "dataene i diagrammet har mer enn 5 000 rader: filtrer i pandas først og lag diagrammet av bare radene det spørres om.",
            )
        reason = f"{type(error).__name__}: {show(str(error), 120)}"
        return {}, _say(f"Altair cannot build this chart ({reason}).", f"Altair klarer ikke å lage dette diagrammet ({reason}).")
    if not isinstance(spec, dict):
        return {}, _say(
            "give the chart itself, the result of `alt.Chart(...)`.", "gi selve diagrammet, resultatet av `alt.Chart(...)`."
        )
    if any(key in spec for key in ("hconcat", "vconcat", "concat", "facet", "repeat")):
        return {}, _say(
            "give one chart (or layers with `+`), not charts side by side or faceted.",
            "gi ett diagram (eller lag med `+`), ikke diagrammer side om side eller i fasetter.",
        )
    return spec, None


def _layers(spec: dict, datasets: dict, inherited: dict | None = None):
    """Each drawn layer of a (possibly layered) spec, with the data, transforms and encodings it inherits."""
    inherited = inherited or {}
    data = spec.get("data", inherited.get("data"))
    transforms = inherited.get("transform", []) + spec.get("transform", [])
    encoding = {**inherited.get("encoding", {}), **spec.get("encoding", {})}
    title = spec.get("title", inherited.get("title"))
    if "layer" in spec:
        for sub in spec["layer"]:
            yield from _layers(sub, datasets, {"data": data, "transform": transforms, "encoding": encoding, "title": title})
        return
    mark = spec.get("mark")
    mark = mark.get("type") if isinstance(mark, dict) else mark
    rows, problem = _rows(data, datasets)
    if rows is not None:
        rows, problem = _apply(rows, transforms)
    yield _Layer(str(mark), encoding, rows, problem, title)


def _rows(data: object, datasets: dict) -> tuple[pd.DataFrame | None, str | None]:
    if not isinstance(data, dict):
        return None, _say(
            "the chart has no data: give it your table, `alt.Chart(table)`.",
            "diagrammet har ingen data: gi det tabellen din, `alt.Chart(table)`.",
        )
    if "name" in data and data["name"] in datasets:
        return pd.DataFrame(datasets[data["name"]]), None
    if "values" in data:
        return pd.DataFrame(data["values"]), None
    return None, _say(
        "the chart reads its data from a file or URL: give it your pandas table, `alt.Chart(table)`.",
        "diagrammet leser dataene fra en fil eller URL: gi det pandas-tabellen din, `alt.Chart(table)`.",
    )


def _apply(rows: pd.DataFrame, transforms: list[dict]) -> tuple[pd.DataFrame | None, str | None]:
    """The fold and simple equality filters Vega-Lite would apply; anything else is done in pandas."""
    for step in transforms:
        if "fold" in step:
            key, value = (step.get("as") or ["key", "value"])[:2]
            keep = [c for c in rows.columns if c not in step["fold"]]
            rows = rows.melt(
                id_vars=keep, value_vars=[c for c in step["fold"] if c in rows.columns], var_name=key, value_name=value
            )
        elif "filter" in step and (kept := _filter(rows, step["filter"])) is not None:
            rows = kept
        else:
            name = next(iter(step), "transform")
            return None, _say(
                f"the checker reads simple filters and transform_fold only, not this `{name}`: "
                "filter and compute in pandas first, as the notebook does, then chart the result.",
                f"kontrollen leser bare enkle filtre og transform_fold, ikke denne `{name}`: filtrer og regn "
                "i pandas først, slik notatboken gjør, og lag så diagrammet av resultatet.",
            )
    return rows, None


def _filter(rows: pd.DataFrame, predicate: object) -> pd.DataFrame | None:
    """Rows kept by an equality filter ("datum.col === 'x'", {"field", "equal"} or {"field", "oneOf"})."""
    if isinstance(predicate, dict) and predicate.get("field") in rows.columns:
        column = rows[predicate["field"]].map(_cell_key)
        if "equal" in predicate:
            return rows[column == _cell_key(predicate["equal"])]
        if "oneOf" in predicate:
            return rows[column.isin({_cell_key(v) for v in predicate["oneOf"]})]
    if isinstance(predicate, str):
        m = re.fullmatch(r"\(?\s*datum\.(\w+)\s*={2,3}\s*(?:'([^']*)'|\"([^\"]*)\"|(-?[\d.]+))\s*\)?", predicate.strip())
        if m and m[1] in rows.columns:
            target = m[2] if m[2] is not None else m[3] if m[3] is not None else float(m[4])
            return rows[rows[m[1]].map(_cell_key) == _cell_key(target)]
    return None


def _cell_key(value: object) -> object:
    """A drawn or expected key in one comparable form: months as 'YYYY-MM', labels folded, numbers as float."""
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Period):
        return f"{value.year:04d}-{value.month:02d}" if value.freqstr in ("M", "ME") else str(value)
    if isinstance(value, pd.Timestamp) or hasattr(value, "year") and hasattr(value, "month"):
        return f"{int(value.year):04d}-{int(value.month):02d}"
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool):
        return value
    if isinstance(value, numbers.Real):
        return float(value)
    text = str(value)[:MAX_TEXT].strip()
    if m := re.fullmatch(r"(\d{4})-(\d{2})(?:-01(?:[T ]00:00:00(?:\.0+)?)?)?(?:Z)?", text):
        return f"{m[1]}-{m[2]}"
    if re.fullmatch(r"[+-]?\d+(?:\.\d+)?", text):  # a year or a month number written as text: "2011", "07"
        return float(text)
    return fold(text)


def _expected_table(expected: pd.DataFrame | pd.Series, x: str, y: str, color: str | None) -> dict[tuple, float | None]:
    """{(x key, colour key): value or None} from the expected values."""
    if isinstance(expected, pd.Series):
        frame = expected.rename(y).reset_index()
        frame.columns = [x, *([color] if color else []), y]
    else:
        frame = expected
    table = {}
    for row in frame.itertuples(index=False):
        record = dict(zip(frame.columns, row))
        value = record[y]
        table[(_cell_key(record[x]), _cell_key(record[color]) if color else None)] = None if pd.isna(value) else float(value)
    return table


def _drawn(layer: _Layer, x_field: str, y_enc: dict, color_field: str | None) -> tuple[dict | None, str | None]:
    """{(x key, colour key): value or None} as the layer draws them, or a pointer."""
    rows = layer.rows
    aggregate = y_enc.get("aggregate")
    y_field = y_enc.get("field")
    keys = [x_field] + ([color_field] if color_field else [])
    for field in [*keys, *([y_field] if y_field else [])]:
        if field not in rows.columns:
            columns = ", ".join(map(str, rows.columns[:8]))
            return None, _say(
                f"the chart encodes `{field}`, which is not a column of its data ({columns}).",
                f"diagrammet bruker `{field}`, som ikke er en kolonne i dataene ({columns}).",
            )
    frame = pd.DataFrame(
        {
            "x": _keys(rows[x_field]),
            "c": _keys(rows[color_field]) if color_field else None,
            "y": pd.to_numeric(rows[y_field], errors="coerce") if y_field else 1.0,
        }
    )
    if aggregate and aggregate not in _AGGREGATES:
        known = ", ".join(sorted(_AGGREGATES))
        return None, _say(
            f"the checker reads the aggregates {known}; compute `{aggregate}` in pandas first.",
            f"kontrollen leser aggregatene {known}; regn ut `{aggregate}` i pandas først.",
        )
    drawn = {}
    for key, group in frame.groupby(["x", "c"], dropna=False, sort=False):
        values = group["y"]
        if aggregate in ("count",):
            drawn[key] = float(len(values))
        elif aggregate == "valid":
            drawn[key] = float(values.notna().sum())
        elif aggregate == "sum":
            drawn[key] = float(values.sum())  # Vega-Lite's sum of nothing but nulls is 0, as here
        elif aggregate:
            value = getattr(values.dropna(), {"average": "mean"}.get(aggregate, aggregate))() if values.notna().any() else None
            drawn[key] = None if value is None else float(value)
        elif len(values) > 1:
            at = _key_text(key)
            return None, _say(
                f"the chart's data has {len(values)} rows for {at}: filter in pandas first so that one row is left "
                "per point (a total 'I alt' and its parts, or several groups, are in the data).",
                f"dataene i diagrammet har {len(values)} rader for {at}: filtrer i pandas først, så det blir én rad "
                "per punkt (en sum 'I alt' og delene, eller flere grupper, er med i dataene).",
            )
        else:
            drawn[key] = None if pd.isna(values.iloc[0]) else float(values.iloc[0])
    return {
        (k[0], None if k[1] is None or (isinstance(k[1], float) and math.isnan(k[1])) else k[1]): v for k, v in drawn.items()
    }, None


def _keys(column: pd.Series) -> pd.Series:
    """A column's values in :func:`_cell_key`'s form, each distinct value worked out once."""
    try:
        lookup = {value: _cell_key(value) for value in pd.unique(column)}
        return column.map(lookup)
    except TypeError:  # unhashable cells (lists, dicts)
        return column.map(_cell_key)


def _compare_drawn(layer: _Layer, want: dict, tolerance: float, coloured: bool) -> str | None:
    """None if the layer draws ``want``; else the pointer that fits."""
    enc = layer.encoding
    x_enc, y_enc = enc.get("x", {}), enc.get("y", {})
    keys_on = "x"
    if _is_value_channel(x_enc) and not _is_value_channel(y_enc):  # a horizontal bar chart
        x_enc, y_enc, keys_on = y_enc, x_enc, "y"
    if not x_enc.get("field"):
        return _say(
            "encode the months or groups on x (`x=alt.X('column', ...)`).",
            "legg månedene eller gruppene på x (`x=alt.X('kolonne', ...)`).",
        )
    if not (y_enc.get("field") or y_enc.get("aggregate") in ("count", "valid")):
        return _say("encode the values on y (`y=alt.Y('column:Q', ...)`).", "legg verdiene på y (`y=alt.Y('kolonne:Q', ...)`).")
    color_field = enc.get("color", {}).get("field") if isinstance(enc.get("color"), dict) else None
    if coloured and not color_field:
        return _say(
            "the chart has one series; the question asks for one line or bar per group: encode the group as `color`.",
            "diagrammet har én serie; oppgaven ber om én linje eller stolpe per gruppe: legg gruppen på `color`.",
        )
    drawn, problem = _drawn(layer, x_enc["field"], y_enc, color_field if coloured else None)
    if problem:
        return problem
    drawn = _match_keys(drawn, want)
    missing = [k for k, v in want.items() if k not in drawn and v is not None]
    if missing and len(missing) == len([v for v in want.values() if v is not None]):
        month = isinstance(missing[0][0], str) and re.fullmatch(r"\d{4}-\d{2}", missing[0][0])
        kinds = ("months", "månedene") if month else ("groups", "gruppene")
        return _say(
            f"none of the values asked for is in the chart: check which column is on the axis of the {kinds[0]} "
            f"(the {keys_on} axis; expected values such as {_key_text(missing[0])}) and the filter you used.",
            f"ingen av verdiene som oppgaven ber om, er med i diagrammet: sjekk hvilken kolonne som ligger på aksen med "
            f"{kinds[1]} ({keys_on}-aksen, for eksempel {_key_text(missing[0])}), og filteret du brukte.",
        )
    for key, value in want.items():
        got = drawn.get(key)
        if value is None and got == 0:
            return _say(
                f"{_key_text(key)} is suppressed (NAV's '*', 0-3 persons) but the chart draws it as 0: keep it missing "
                "(`sum(min_count=1)`, no `fillna(0)`), so that it is drawn as a gap.",
                f"{_key_text(key)} er prikket (NAVs '*', 0–3 personer), men diagrammet viser den som 0: la den mangle "
                "(`sum(min_count=1)`, ingen `fillna(0)`), så den tegnes som et hull.",
            )
        if value is not None and got is None:
            return _say(
                f"the chart has no value for {_key_text(key)}: check your filter.",
                f"diagrammet har ingen verdi for {_key_text(key)}: sjekk filteret ditt.",
            )
        if value is not None and not _close(got, value, tolerance, rel=0.002):
            return _wrong_values(layer, x_enc, y_enc, color_field if coloured else None, want, tolerance) or _wrong_point(
                key, got, value, tolerance
            )
    extra = [k for k in drawn if k not in want and drawn[k] is not None]
    if extra:
        n = len([v for v in want.values() if v is not None])
        return _say(
            f"the chart draws more than asked, e.g. {_key_text(extra[0])}: keep only the {n} points asked for "
            "(filter in pandas first).",
            f"diagrammet viser mer enn oppgaven ber om, for eksempel {_key_text(extra[0])}: "
            f"behold bare de {n} punktene (filtrer i pandas først).",
        )
    return None


def _wrong_point(key: tuple, got: float, value: float, tolerance: float) -> str:
    """The pointer for one point drawn at the wrong height: a fraction for a per cent, or what to check."""
    at, drawn = _key_text(key), _format_given(got)
    if abs(value) >= 1 and _close(100 * got, value, 100 * tolerance, rel=0.002):
        return _say(
            f"at {at} the chart draws {drawn}, a fraction: multiply by 100 for per cent.",
            f"ved {at} viser diagrammet {drawn}, en brøk: gang med 100 for prosent.",
        )
    return _say(
        f"at {at} the chart draws {drawn}, not the value asked for: check the rows you kept and the column on y.",
        f"ved {at} viser diagrammet {drawn}, ikke verdien som oppgaven ber om: sjekk radene du beholdt og kolonnen på y.",
    )


def _wrong_values(layer, x_enc, y_enc, color_field, want, tolerance) -> str | None:
    """If another numeric column would draw the right values, name it."""
    for column in layer.rows.columns:
        if column in (y_enc.get("field"), x_enc.get("field"), color_field):
            continue
        if not pd.api.types.is_numeric_dtype(pd.to_numeric(layer.rows[column], errors="coerce").dropna()):
            continue
        trial, problem = _drawn(layer, x_enc["field"], {**y_enc, "field": column}, color_field)
        if problem or trial is None:
            continue
        trial = _match_keys(trial, want)
        if all(v is None or (trial.get(k) is not None and _close(trial[k], v, tolerance, rel=0.002)) for k, v in want.items()):
            shown = y_enc.get("field")
            return _say(
                f"y shows `{shown}`; the values asked for are in `{column}`: put that column on y.",
                f"y viser `{shown}`; verdiene som oppgaven ber om, står i `{column}`: legg den kolonnen på y.",
            )
    return None


def _match_keys(drawn: dict, want: dict) -> dict:
    """Drawn keys rewritten to the expected ones they name: a month number to its month, a gloss to its label."""
    months = [k[0] for k in want if isinstance(k[0], str) and re.fullmatch(r"\d{4}-\d{2}", k[0])]
    years = {month[:4] for month in months} if len(months) == len(want) else set()  # every x asked for is a month
    names = {}
    for key in want:
        for x_form in _forms(key[0]):
            for c_form in _forms(key[1]):
                names[(x_form, c_form)] = key
    out = {}
    for (x_key, c_key), value in drawn.items():
        if len(years) == 1:
            x_key = _month_of_year(x_key, int(next(iter(years))))
        out[names.get((x_key, c_key), (x_key, c_key))] = value
    return out


def _month_of_year(key: object, year: int) -> object:
    """A month drawn without its year (7, "jul", "July", "juli") as 'YYYY-MM' of the one year asked for."""
    if isinstance(key, float) and key.is_integer() and 1 <= key <= 12:
        return f"{year}-{int(key):02d}"
    if isinstance(key, str) and not re.fullmatch(r"\d{4}-\d{2}", key) and len(key) <= 20:
        found = as_month(key)
        if found and found[0] in (None, year):
            return f"{year}-{found[1]:02d}"
    return key


def _forms(key: object) -> set:
    """The forms a key may be drawn in: a label as NAV's, its gloss or both ("Lønnstilskudd (Wage subsidy)"), folded."""
    return {key} | _label_forms().get(key, set()) if isinstance(key, str) else {key}


@functools.cache
def _label_forms() -> dict[str, set[str]]:
    """Each of NAV's labels, folded, with the folded forms it may be drawn in."""
    tables = (vocab.STATUS_GROUPS, vocab.GENDERS, vocab.AGE_GROUPS, vocab.PROGRAMME_GROUPS, vocab.PROGRAMMES)
    forms: dict[str, set[str]] = {}
    for label in [label for table in tables for label in table] + [vocab.TOTAL]:
        forms.setdefault(fold(label), set()).update({fold(vocab.english(label)), fold(vocab.both(label))})
    return forms


def _key_text(key: tuple) -> str:
    """A drawn or expected point as a learner reads it: 'Arbeidspraksis (Work practice), Jobseekers', never a folded key."""
    parts = [part for part in key if part is not None and not (isinstance(part, float) and math.isnan(part))]
    return ", ".join(_readable(part) for part in parts)


def _readable(part: object) -> str:
    """NAV's label (with its gloss in English) for a folded label; a whole number without '.0'; anything else as it is."""
    if isinstance(part, float) and part.is_integer():
        return str(int(part))
    if isinstance(part, str):
        return _label_of_fold(language()).get(part, part)
    return str(part)


@functools.cache
def _label_of_fold(lang: str = "en") -> dict[str, str]:
    """Folded form -> NAV's label for messages: with its English gloss in English, alone in bokmål."""
    tables = (vocab.STATUS_GROUPS, vocab.GENDERS, vocab.AGE_GROUPS, vocab.PROGRAMME_GROUPS, vocab.PROGRAMMES)
    name = vocab.both if lang == "en" else str
    return {fold(label): name(label) for table in tables for label in table} | {fold(vocab.TOTAL): vocab.TOTAL}


def _is_value_channel(enc: dict) -> bool:
    return isinstance(enc, dict) and (enc.get("type") == "quantitative" or bool(enc.get("aggregate")))


def _has_text(title: object) -> bool:
    if isinstance(title, dict):
        return _has_text(title.get("text"))
    if isinstance(title, (list, tuple)):
        return any(_has_text(t) for t in title)
    return isinstance(title, str) and bool(title.strip())


def _axis_title(enc: object) -> bool:
    if not isinstance(enc, dict):
        return False
    axis = enc.get("axis")
    if axis is None and "axis" in enc:  # axis=None: no axis drawn, nothing to title
        return True
    return _has_text(enc.get("title")) or (isinstance(axis, dict) and _has_text(axis.get("title")))
