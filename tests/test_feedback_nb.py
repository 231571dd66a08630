"""The exercise checker speaks bokmål when the learner asks for it (issue 23, item 4), and English otherwise.

For every registered exercise: ``hint()`` under ``language("nb")`` is a bokmål recipe of its own, and every
answer the check knows (the right one, each usual mistake, each multiple-choice option, each chart it probes
for) is fed back through ``check()``: the reply is bokmål with no English left in it, and in English it has
no bokmål in it. The answers are not typed here: :func:`helpers.exercises.recording` collects what the
check itself gives its judges (the values are worked out from the data by the answer key), so a pointer
added to the key is tried in both languages without a change to this file.

English and bokmål are told apart by marker words (lists below). Before looking for them a message is
stripped of what legitimately stays in one language: code in backticks, quoted text (labels, the
learner's own answer echoed), and NAV's Norwegian labels, which English messages name as NAV prints them.
"""

from __future__ import annotations

import functools
import math
import re

import altair as alt
import pandas as pd
import pytest

from helpers import definitions as d
from helpers import exercises as ex
from helpers import vocabulary as vocab
from helpers.exercises import EXERCISES, _load_all, check, hint, recording

_load_all()
IDS = sorted(i for i, found in EXERCISES.items() if found.module == "helpers.answers")  # not other tests' own exercises

# Words an English message has and a bokmål one must not (with their spaces: "to" is "two" in bokmål).
ENGLISH = (
    "the ",
    "The ",
    "that is",
    "That is",
    "your ",
    "should",
    "instead",
    "Correct",
    "Not yet",
    "Hint",
    " is ",
    " of ",
    " and ",
    " with ",
    "give ",
    "check ",
    " not ",
    " month",
    " persons",
    " people",
    " share",
)
# Words a bokmål message has and an English one must not.
BOKMAL = (
    " ikke ",
    " og ",
    " det ",
    " du ",
    " er ",
    " av ",
    " som ",
    " eller ",
    " ingen ",
    "Riktig",
    "Ikke ennå",
    "Tips",
    "måned",
    "personer",
    "andel",
)
BEFORE_A_TRY = ("riktig", "tips", "ikke ennå", "✔", "✘", "correct", "not yet", "hint")  # case-folded


def _labels() -> list[str]:
    """NAV's Norwegian labels and the six-month statuses, longest first (so that a label inside another goes with it)."""
    tables = (vocab.STATUS_GROUPS, vocab.GENDERS, vocab.AGE_GROUPS, vocab.PROGRAMME_GROUPS, vocab.PROGRAMMES)
    names = {label for table in tables for label in table} | set(d.SIX_MONTH_STATUSES) | {vocab.TOTAL}
    return sorted(names, key=len, reverse=True)


LABELS = _labels()


def prose(message: str) -> str:
    """The message's own words: without code (in backticks, or a word with _ ( [ = or .), quoted text and NAV's labels."""
    text = re.sub(r"`[^`]*`", " ", message)
    text = re.sub(r"«[^»]*»|'[^']*'|\"[^\"]*\"", " ", text)
    text = re.sub(r"\S*(?:[_(\[=@]|\w\.\w)\S*", " ", text)
    for label in LABELS:
        text = text.replace(label, " ")
    return " " + " ".join(text.split()) + " "


def english_in(message: str) -> list[str]:
    return [word for word in ENGLISH if word in prose(message)]


def bokmal_in(message: str) -> list[str]:
    return [word for word in BOKMAL if word in prose(message)]


@pytest.fixture(autouse=True)
def fresh_kernel(fresh_checker):
    """Each test starts as a fresh kernel does (tests/conftest.py: fresh_checker)."""


# -- the answers each check knows -------------------------------------------------------------------------
def _programme_04() -> str:
    """A programme whose women's share 04.1 can bound in January 2021 (its total is printed), from the answer key's data."""
    from helpers.answers import _share_bounds

    bounds = _share_bounds("2021-01")
    return bounds.index[bounds["low"].notna()][0]


def _seeds(exercise_id: str) -> list[object]:
    """Answers that take the check past its first reading, so that every judge it uses is reached."""
    if exercise_id == "04.1":
        return [(_programme_04(), 0.0, 0.0)]
    return ["?"]


def known_answers(exercise_id: str) -> list[tuple[str, object, str | None]]:
    """What the check gives its judges, as (judge, value, pointer or None), recorded from the check itself."""
    with recording() as found:
        for seed in _seeds(exercise_id):
            check(exercise_id, seed)
    ex.WRONG_TRIES.clear()
    return found


def _frame(expected: pd.DataFrame | pd.Series, x: str, y: str, color: str | None) -> pd.DataFrame:
    """The expected values as a table a chart can draw (months as 'YYYY-MM' text, a hidden count as a gap)."""
    if isinstance(expected, pd.Series):
        frame = expected.rename(y).reset_index()
        frame.columns = [x, *([color] if color else []), y]
    else:
        frame = expected[[x, *([color] if color else []), y]].copy()
    for column in frame.columns:
        if isinstance(frame[column].dtype, pd.PeriodDtype):
            frame[column] = frame[column].astype(str)
    frame[y] = [None if pd.isna(v) else float(v) for v in frame[y]]
    return frame


def charts(spec: dict) -> list[alt.TopLevelMixin]:
    """A learner's chart of the expected values: without titles, with titles, with a rule at April 2025 on top, and
    (for bars) horizontal, largest first."""
    x, y, color = spec["x"], spec["y"], spec["color"]
    mark = spec["mark"] if isinstance(spec["mark"], str) else spec["mark"][0]
    frame = _frame(spec["expected"], x, y, color)
    base = alt.Chart(frame)
    base = getattr(base, f"mark_{mark}")()
    bare = base.encode(x=alt.X(f"{x}:N"), y=alt.Y(f"{y}:Q"), **({"color": alt.Color(f"{color}:N")} if color else {}))
    titled = base.encode(
        x=alt.X(f"{x}:N", title="X"),
        y=alt.Y(f"{y}:Q", title="Y"),
        **({"color": alt.Color(f"{color}:N", title="C")} if color else {}),
    ).properties(title="T")
    rule = alt.Chart(pd.DataFrame({x: ["2025-04"]})).mark_rule().encode(x=f"{x}:N")
    drawn = [bare, titled, alt.layer(titled, rule)]
    if mark == "bar" and not color:  # horizontal bars, largest at the top, as 03.4 asks
        drawn.append(base.encode(x=alt.X(f"{y}:Q", title="Y"), y=alt.Y(f"{x}:N", title="X", sort="-x")).properties(title="T"))
    return drawn


def answers_to(exercise_id: str) -> list[object]:
    """Every answer worth feeding back: the right one, each usual mistake, each option, each probed chart."""
    return list(_answers_to(exercise_id))


@functools.cache
def _answers_to(exercise_id: str) -> tuple[object, ...]:
    """answers_to, worked out once per exercise (the values do not depend on the language, only the pointers do)."""
    found, programme = known_answers(exercise_id), None
    if exercise_id == "04.1":
        programme = _programme_04()
    answers: list[object] = []
    for judge, value, _ in found:
        if judge == "chart":
            answers += charts(value)
        elif judge == "month":
            answers.append(str(value))
        elif judge == "number":
            if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
                continue
            answers.append((programme, float(value), float(value)) if programme else float(value))
        else:
            answers.append(value)
    return tuple(answers + _own_readings(exercise_id))


def _own_readings(exercise_id: str) -> list[object]:
    """Answers for the texts a check writes before any judge: a wrong kind of answer, a name it does not know, every
    status 01.3 can be given, and 04.1's programme whose January total is a star (from the answer key's data)."""
    from helpers.answers import _share_bounds

    extra: list[object] = ["zzz", ("zzz", 1.0, 2.0)]
    if exercise_id == "01.3":
        extra += list(d.SIX_MONTH_STATUSES)
    if exercise_id == "04.1":
        bounds = _share_bounds("2021-01")
        extra += [(name, 1.0, 2.0) for name in bounds.index[bounds["low"].isna()][:1]]
    return extra


def replies(exercise_id: str, lang: str) -> list[str]:
    """What the learner reads for every known answer (in the order of answers_to), then for an answer the check
    cannot place, in ``lang``: the first wrong try has the pointer alone, the later ones (wrong tries add up in a
    kernel) carry the hint too. Worked out once per exercise and language: three tests read them."""
    return list(_replies(exercise_id, lang))


@functools.cache
def _replies(exercise_id: str, lang: str) -> tuple[str, ...]:
    ex.language(lang)
    texts = [str(check(exercise_id, answer)) for answer in answers_to(exercise_id)]
    texts.append(str(check(exercise_id, "?")))  # an answer the check cannot place: its generic pointer
    ex.language("en")
    return tuple(texts)


# -- the tests ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("exercise_id", IDS)
def test_the_hint_in_bokmal_is_bokmal_and_its_own(exercise_id):
    english = str(hint(exercise_id))
    ex.language("nb")
    shown = hint(exercise_id)
    assert str(shown).startswith(f"Tips ({exercise_id}): ")
    assert shown.text != EXERCISES[exercise_id].hint, "the bokmål hint is not the English one"
    assert not english_in(shown.text), (shown.text, english_in(shown.text))
    assert bokmal_in(shown.text) or re.search(r"\b(på|i|med|for|til|fra)\b", prose(shown.text)), shown.text
    assert english.startswith(f"Hint ({exercise_id}): ") and not bokmal_in(english.split(": ", 1)[1]), english


@pytest.mark.parametrize("exercise_id", IDS)
def test_every_pointer_the_check_knows_is_written_in_bokmal(exercise_id):
    ex.language("nb")
    pointers = [text for _, _, text in known_answers(exercise_id) if text]
    charted = any(judge == "chart" for judge, _, _ in known_answers(exercise_id))
    assert pointers or charted, "the check names no usual mistake or option (a chart check's pointers are fed as charts)"
    for text in pointers:
        assert not english_in(text), (text, english_in(text))
    ex.language("en")
    for text in [text for _, _, text in known_answers(exercise_id) if text]:
        assert not bokmal_in(text), (text, bokmal_in(text))


@pytest.mark.parametrize("exercise_id", IDS)
def test_feedback_in_bokmal_has_no_english_left(exercise_id):
    texts = replies(exercise_id, "nb")
    assert len(texts) >= 3, texts
    assert any(text.startswith(f"✔ Riktig ({exercise_id})") for text in texts), "the right answer is reached"
    assert any(" Tips: " in text for text in texts), "a second wrong try carries the bokmål hint"
    assert len({text for text in texts if text.startswith("✘")}) >= 2, "more than one pointer is reached"
    for text in texts:
        assert text.startswith((f"✔ Riktig ({exercise_id}): ", f"✘ Ikke ennå ({exercise_id}): ")), text
        assert not english_in(text), (text, english_in(text))


@pytest.mark.parametrize("exercise_id", IDS)
def test_feedback_in_english_has_no_bokmal_in_it(exercise_id):
    texts = replies(exercise_id, "en")
    assert any(text.startswith(f"✔ Correct ({exercise_id})") for text in texts), "the right answer is reached"
    for text in texts:
        assert text.startswith((f"✔ Correct ({exercise_id}): ", f"✘ Not yet ({exercise_id}): ")), text
        assert not bokmal_in(text), (text, bokmal_in(text))


@pytest.mark.parametrize("exercise_id", IDS)
def test_the_language_never_changes_which_answers_are_right(exercise_id):
    """The same answers pass in both languages, also with unit words, which the kind of number decides on
    (a kind read from bokmål words instead of English ones would accept or refuse other answers)."""
    numbers = [answer for answer in answers_to(exercise_id) if isinstance(answer, float)]
    with_units = [f"{value:g}{unit}" for value in numbers for unit in (" %", " pp", " months", " personer", " stjerner")]
    verdicts = {}
    for lang in ("en", "nb"):
        known = [text.startswith("✔") for text in replies(exercise_id, lang)[:-1]]  # the answers' own verdicts
        ex.language(lang)
        verdicts[lang] = known + [check(exercise_id, answer).correct for answer in with_units]
    assert verdicts["en"] == verdicts["nb"]
    assert any(verdicts["en"]) and not all(verdicts["en"])


def test_the_words_are_chosen_when_the_check_runs_not_when_it_was_registered():
    wrong = next(value for judge, value, text in known_answers("00.1") if judge == "number" and text)
    english = check("00.1", wrong).message
    ex.language("nb")
    bokmal = check("00.1", wrong).message
    ex.language("en")
    assert check("00.1", wrong).message == english != bokmal
    assert not english_in(bokmal) and not bokmal_in(english)


@pytest.mark.parametrize("exercise_id", IDS)
@pytest.mark.parametrize("lang", ["en", "nb"])
def test_before_a_try_there_is_no_verdict_and_no_hint_in_either_language(exercise_id, lang):
    ex.language(lang)
    result = check(exercise_id, None)
    for view in (str(result), result._repr_markdown_()):
        assert not [word for word in BEFORE_A_TRY if word in view.casefold()], view


def test_numbers_in_bokmal_messages_have_a_decimal_comma_and_a_space_between_thousands():
    from helpers.answers import _group_07

    may_2021 = _group_07("2021-05", "Lønnstilskudd")[vocab.TOTAL]  # 07.2's reply names it, from the data
    assert may_2021 >= 1000, "the test needs a number with thousands"
    right = next(value for judge, value, text in known_answers("07.2") if judge == "number" and text is None)
    ex.language("nb")
    reply = check("07.2", right).message
    assert f"{may_2021:,}".replace(",", "\u00a0") in reply and f"{may_2021:,}" not in reply, reply
    assert ex.number_text(12345.67, 1) == "12\u00a0345,7" and ex.month_text(pd.Period("2019-07", "M")) == "juli 2019"
    ex.language("en")
    assert f"{may_2021:,}" in check("07.2", right).message
    assert ex.number_text(12345.67, 1) == "12,345.7" and ex.month_text(pd.Period("2019-07", "M")) == "July 2019"


def test_an_unknown_exercise_is_refused_in_the_chosen_language():
    ex.language("nb")
    with pytest.raises(KeyError, match="ingen oppgave '99.9'"):
        hint("99.9")
    ex.language("en")
    with pytest.raises(KeyError, match="no exercise '99.9'"):
        check("99.9", 1)
