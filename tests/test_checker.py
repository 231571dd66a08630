"""The exercise checker (helpers/exercises.py): what a learner sees before and after a try, the
readers that take answers as people write them, the judges' pointers, odd inputs, and judge_chart.

The written forms below are a list of how people write numbers, ranges, months and labels, each
with where the form comes from; the values they must be read as are written out by hand here.
"""

from __future__ import annotations

import decimal
import time

import altair as alt
import numpy as np
import pandas as pd
import pytest

from helpers import exercises as ex
from helpers.exercises import (
    EMPTY,
    EXERCISES,
    _load_all,
    as_label,
    as_month,
    as_range,
    check,
    choice,
    exercise,
    hint,
    judge_chart,
    judge_label,
    judge_month,
    judge_number,
    read_number,
)

VERDICT_WORDS = ("✔", "✘", "Correct", "Not yet", "Hint")


# -- a test exercise, registered once, to see the contract without depending on the answer key -------------
@exercise("T9.1", hint="divide the July count by the mean of the twelve months and multiply by 100.")
def _t91(answer):
    return judge_number(answer, 62.53, 0.05, "is July's index", kind="index", mistakes={"that is June: July is column 7.": 70.1})


@exercise("T9.2", hint="count the stars of May only.", hint_nb="tell stjernene i mai bare.")
def _t92(answer):
    return judge_number(answer, 58, 0, "stars in May 2021", kind="stars")


@pytest.fixture(autouse=True)
def fresh_kernel(fresh_checker):
    """Each test starts as a fresh kernel does (tests/conftest.py: fresh_checker)."""


@pytest.mark.parametrize("blank", [None, "", "   ", "\n", ...])
def test_before_a_try_the_cell_says_what_to_do_with_no_verdict_and_no_hint(blank):
    result = check("T9.1", blank)
    assert result.todo and not result.correct
    assert str(result) == ("Your turn (T9.1): put your answer in place of None and run this cell.")
    for view in (str(result), result._repr_markdown_()):
        assert not any(word in view for word in VERDICT_WORDS), view
        assert "hint" not in view.casefold(), "before a try the cell does not even mention a hint"
    assert ex.WRONG_TRIES["T9.1"] == 0, "an empty answer is not a wrong try"


def test_right_and_wrong_answers_and_the_hint_from_the_second_wrong_try_on():
    assert str(check("T9.1", 62.5)).startswith("✔ Correct (T9.1): 62.5 is July's index")
    first = str(check("T9.1", 70.1))
    assert first == "✘ Not yet (T9.1): that is June: July is column 7.", "the first wrong try: the pointer alone"
    second = str(check("T9.1", 70.1))
    assert second.startswith("✘ Not yet (T9.1): that is June") and second.endswith(
        " Hint: divide the July count by the mean of the twelve months and multiply by 100."
    )
    assert "Hint" not in str(check("T9.1", "62,5")), "a right answer carries no hint"
    markdown = check("T9.1", 80)._repr_markdown_()
    assert "Not yet" in markdown and "**Hint:**" in markdown


def test_hint_on_request_in_markdown_and_plain_text():
    shown = hint("T9.1")
    assert str(shown) == "Hint (T9.1): divide the July count by the mean of the twelve months and multiply by 100."
    assert shown._repr_markdown_().startswith("**Hint** (T9.1): divide")
    with pytest.raises(KeyError, match="no exercise"):
        hint("99.9")
    _load_all()
    assert str(hint("5.1")).startswith("Hint (05.1)"), "an id typed without its leading zero"


def test_the_checker_speaks_bokmal_when_asked():
    assert ex.language() == "en" and ex.language("nb") == "nb"
    todo = str(check("T9.2", None))
    assert todo == "Din tur (T9.2): skriv svaret ditt i stedet for None og kjør cellen."
    assert not any(word in todo for word in ("✔", "✘", "Riktig", "Ikke ennå", "Tips"))
    assert str(check("T9.2", "58 stjerner")).startswith("✔ Riktig (T9.2): 58 stars")
    first = str(check("T9.2", 60))
    assert first == "✘ Ikke ennå (T9.2): 60 er for høyt. Sjekk hvilke rader og måneder du telte."
    assert str(check("T9.2", 60)).endswith(" Tips: tell stjernene i mai bare.")
    assert str(hint("T9.2")) == "Tips (T9.2): tell stjernene i mai bare."
    assert str(hint("T9.1")) == "Tips (T9.1): divide the July count by the mean of the twelve months and multiply by 100.", (
        "an exercise without a bokmål hint shows its English one"
    )
    assert check("T9.2", pd.Series([], dtype=float)).message.startswith("utvalget ditt er tomt")
    assert judge_number(15060.5, 15061, 0.05)[1].startswith("15\u00a0060,5 er for lavt")
    ex.language("en")
    assert str(check("T9.2", 60)).startswith("✘ Not yet (T9.2): 60 is too high. Check which rows and months you counted.")
    with pytest.raises(ValueError, match="'en'"):
        ex.language("de")


# -- numbers as people write them ------------------------------------------------------------------------------
# (written form, the value it means, near: the expected value the judge passes, where the form comes from)
NUMBER_FORMS = [
    ("15 061", 15061, None, "NAV's tables: thousands grouped by a space (nav_tiltak_kjonn_2021-01_2021-05.txt line 68)"),
    ("15\u00a0061", 15061, None, "no-break space: what Word and Excel in a Norwegian locale put between thousands"),
    ("15\u202f061", 15061, None, "narrow no-break space: CLDR's grouping for nb, used by macOS and browsers' toLocaleString"),
    ("15,061", 15061, 15061, "English thousands separator (pandas' and Python's f'{n:,}' output)"),
    ("15.061", 15061, 15061, "thousands with a point, as Danish and German write them and some Norwegians copy"),
    ("15.061", 15.061, 15.1, "the same text is a decimal where the answer is about 15"),
    ("62,5", 62.5, None, "Norwegian decimal comma (the audit report: '77,8', Tabell 2)"),
    ("62.5", 62.5, None, "English decimal point, Python's own output"),
    ("1 234,5", 1234.5, None, "Norwegian: space for thousands and comma for decimals together"),
    ("1.234,5", 1234.5, None, "German-style thousands point and decimal comma"),
    ("1,234.5", 1234.5, None, "English thousands comma and decimal point"),
    ("0,127", 0.127, None, "a share as a fraction with a decimal comma: never thousands after a leading 0"),
    ("+2,678", 2678, 2678, "a signed change as NAV prints 'Endring fra i fjor' ('+84') with an English separator"),
    ("+2 678", 2678, None, "the same with a Norwegian space"),
    ("\u22123", -3, None, "the typographic minus (U+2212) of Word, LaTeX and SSB's tables"),
    ("\u2013 3", -3, None, "an en dash typed as a minus sign (Word's autocorrect of ' - ')"),
    ("-3", -3, None, "a hyphen-minus"),
    ("4.7 months", 4.7, None, "the audit's Tabell 7 is in months; English learners add the unit"),
    ("4,7 måneder", 4.7, None, "the report writes 'måneder' (riksrevisjonen_dokument_3-5_2017-2018.txt line 223)"),
    ("4,7 mnd", 4.7, None, "'mnd.' is the usual Norwegian abbreviation of måneder"),
    ("84 persons", 84, None, "English with the unit"),
    ("84 personer", 84, None, "the report's own word ('2152 personer', line 1085)"),
    ("84 people", 84, None, "English with a plain word"),
    ("12,7 %", 12.7, None, "Norwegian per cent with a space before the sign, as Språkrådet writes it"),
    ("12.7%", 12.7, None, "English per cent without a space"),
    ("12,7 prosent", 12.7, None, "the report's word ('17 prosent', line 223)"),
    ("12,7 pst.", 12.7, None, "SSB's and newspapers' abbreviation of prosent"),
    ("12.7 per cent", 12.7, None, "British English"),
    ("12.7 percent", 12.7, None, "American English"),
    ("12.7 pp", 12.7, None, "percentage points, abbreviated in English"),
    ("12,7 prosentpoeng", 12.7, None, "the report's word for a difference of shares ('10 prosentpoeng', line 3696)"),
    ("12.7 percentage points", 12.7, None, "percentage points written out"),
    ("12,7 %-poeng", 12.7, None, "a common Norwegian short form of prosentpoeng"),
    ("12.7 points", 12.7, None, "English shorthand for percentage points"),
    ("183 501 kr", 183501, None, "Norwegian money: amount then 'kr'"),
    ("kr 183 501", 183501, None, "'kr' before the amount, as on receipts"),
    ("NOK 183,501", 183501, 183501, "the currency code in English text"),
    ("1,3 mill. kroner", 1_300_000, None, "the report's way with money ('132 mill. kroner', line 672)"),
    ("1.3 million", 1_300_000, None, "English"),
    ("7 milliarder", 7e9, None, "the report's 'milliarder kroner' (line 43)"),
    ("15 thousand", 15_000, None, "English words for a round number"),
    ("linje 181", 181, None, "the answer to 'which line': Norwegian 'linje'"),
    ("line 181", 181, None, "the same in English (the frame's `line` column)"),
    ("58 stjerner", 58, None, "stars counted, Norwegian"),
    ("58 stars", 58, None, "stars counted, English"),
    ("58 225 in July 2019", 58225, None, "a sentence: the month named as context, as learners answer 'how many in July 2019'"),
    ("84 personer i mai 2021", 84, None, "the same in bokmål"),
    ("ca. 62,5", 62.5, None, "'ca.' (circa) before a rounded number, as the report writes ('ca. 10 prosentpoeng')"),
    ("about 62.5", 62.5, None, "English 'about'"),
    ("62.5.", 62.5, None, "a sentence's full stop after the number"),
    ("'62,5'", 62.5, None, "quotes left in from a string"),
    (" 62.5 ", 62.5, None, "spaces around"),
    (np.float64(62.5), 62.5, None, "a NumPy number from a pandas calculation"),
    (np.int64(15061), 15061, None, "a NumPy integer from .sum()"),
    (decimal.Decimal("62.5"), 62.5, None, "a Decimal"),
    (pd.Series([62.5], index=["19 år og under"]), 62.5, None, "a one-row selection (`.loc[...]` with a list or a mask)"),
    ([62.5], 62.5, None, "a one-element list, as definitions functions return"),
    (np.array([62.5]), 62.5, None, "a one-element array (`.values`)"),
    (pd.DataFrame({"value": [62.5]}), 62.5, None, "a 1x1 table"),
    (pd.array([15061], dtype="Int64"), 15061, None, "a nullable-integer array (the tidy frame's `value`)"),
]


@pytest.mark.parametrize("written,value,near,source", NUMBER_FORMS, ids=[repr(f[0])[:30] + " " + f[3][:20] for f in NUMBER_FORMS])
def test_numbers_are_read_as_people_write_them(written, value, near, source):
    assert read_number(written, near=near).value == pytest.approx(value), source


@pytest.mark.parametrize(
    "written,unit",
    [
        ("12,7 %", "percent"),
        ("12,7 prosentpoeng", "pp"),
        ("12.7 pp", "pp"),
        ("4,7 måneder", "months"),
        ("84 personer", "persons"),
        ("linje 181", "line"),
        ("58 stjerner", "stars"),
        ("kr 5", "kr"),
    ],
)
def test_the_unit_an_answer_carries_is_kept(written, unit):
    assert read_number("58 225 or 58 226").value is None, "two numbers are not one answer"
    assert read_number("2019-07").value is None and read_number("30-39").value is None
    assert read_number(written).units == {unit}


def test_a_precise_value_that_rounds_to_the_answer_is_right_and_a_wrong_one_is_shown_as_typed():
    assert judge_number(62.47, 62.5, 0.05)[0] and judge_number("62,46", 62.5, 0.05)[0]
    assert judge_number(62.53, 62.5, 0.05)[0]
    ok, message = judge_number(62.3, 62.5, 0.05)
    assert not ok and message.startswith("62.3 is too low"), message
    ok, message = judge_number(15060, 15061, 0)
    assert not ok and message.startswith("15,060 is too low")


def test_per_cent_and_percentage_points_are_told_apart_everywhere():
    ok, message = judge_number("12.7 %", 12.7, 0.05, kind="pp")
    assert not ok and "percentage points" in message and "prosentpoeng" in message
    for right in ("12.7 pp", "12,7 prosentpoeng", "12.7 percentage points", 12.7, "12,7"):
        assert judge_number(right, 12.7, 0.05, kind="pp")[0], right
    ok, message = judge_number("22.5 pp", 22.5, 0.05, unit=" %")
    assert not ok and "per cent (%)" in message
    assert judge_number("22,5 %", 22.5, 0.05, unit=" %")[0]
    # an exercise that says percentage points in its words is read as kind "pp"
    assert not judge_number("12.7 %", 12.7, 0.05, "percentage points (2011 against 2015)")[0]


def test_a_change_in_per_cent_gets_a_pointer_about_its_base():
    ok, message = judge_number(30, 16.8, 0.05, "change, May 2024 to May 2025", unit=" %")
    assert not ok and "divided the difference by the one it is measured from" in message
    assert "part and for the whole" in judge_number(30, 22.5, 0.05, "of the participants were jobseekers", unit=" %")[1]


@pytest.mark.parametrize("kind", ["percent", "change", "pp"])
def test_a_fraction_for_a_per_cent_is_told_to_multiply_by_100(kind):
    ok, message = judge_number(0.127, 12.7, 0.05, kind=kind)
    assert not ok and "multiply by 100" in message


def test_a_per_cent_for_a_ratio_and_a_ratio_for_an_index_are_named():
    assert "divide by 100" in judge_number(93.2, 0.932, 0.001, kind="ratio")[1]
    assert "multiply by 100" in judge_number(0.625, 62.5, 0.05, kind="index")[1]


def test_the_right_size_with_the_wrong_sign_is_named():
    assert "sign" in judge_number(-2678, 2678, 0, kind="persons")[1]


@pytest.mark.parametrize("kind", ["line", "stars", "persons", "count", "months", "pp", "number"])
def test_the_generic_pointer_fits_what_is_asked(kind):
    ok, message = judge_number(7777, 181, 0, kind=kind)
    assert not ok and "too high" in message
    assert "divided" not in message and "divide" not in message, f"nothing is divided in a {kind} exercise: {message}"


def test_an_exercise_may_give_its_own_fallback():
    assert judge_number(5, 1, 0, fallback="Count the stars in May only.")[1] == "5 is too high. Count the stars in May only."


def test_a_known_mistake_is_recognised_even_when_rounded():
    ok, message = judge_number("48,9", 62.53, 0.05, mistakes={"you divided by the year's highest month.": 48.903})
    assert not ok and message == "you divided by the year's highest month."


# -- what is not one value ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "answer", [pd.Series([], dtype="float64"), pd.DataFrame(), pd.DataFrame({"value": []}), [], np.array([])]
)
def test_an_empty_selection_is_named_as_such(answer):
    result = check("T9.1", answer)
    assert not result.correct and result.message == EMPTY
    assert "pd.Period('2019-07', 'M')" in EMPTY and ".astype(str)" in EMPTY


@pytest.mark.parametrize(
    "answer,pointer",
    [
        (pd.Series([62.5, 70.1]), "that holds 2 values: give one value, for example `result.iloc[0]`"),
        (
            pd.DataFrame({"a": [1, 2], "b": [3, 4]}),
            "that is a table of 2 rows and 2 columns: give one value, for example `result.iloc[0]`",
        ),
        ([1, 2, 3], "that holds 3 values: give one value, for example `result[0]`"),
        ({"a": 1}, "that is a dict: give one value"),
    ],
)
def test_many_values_are_asked_to_become_one(answer, pointer):
    assert check("T9.1", answer).message.startswith(pointer)


def test_the_closest_known_mistake_is_named():
    mistakes = {"the first mistake.": 0.8864, "the second mistake.": 0.8850}
    assert judge_number(0.8851, 0.8836, 0.001, kind="ratio", mistakes=mistakes)[1] == "the second mistake."
    assert (
        judge_number(0.8864, 0.8836, 0.001, kind="ratio", mistakes={**mistakes, "a hidden count.": pd.NA})[1]
        == "the first mistake."
    )


# -- months, ranges, labels ----------------------------------------------------------------------------------------
MONTH_FORMS = [
    ("July 2019", (2019, 7), "English month name"),
    ("juli 2019", (2019, 7), "bokmål, lower case as Norwegian writes months"),
    ("Jul 2019", (2019, 7), "English abbreviation (pandas' strftime('%b %Y'))"),
    ("jul.", (None, 7), "abbreviation with a point"),
    ("mai 2021", (2021, 5), "bokmål"),
    ("des. 2016", (2016, 12), "bokmål abbreviation"),
    ("2019-07", (2019, 7), "ISO, as `str(period)`"),
    ("2019-07-01", (2019, 7), "a date, as str(timestamp.date())"),
    ("2019-07-01T00:00:00", (2019, 7), "ISO timestamp (Vega-Lite, JSON)"),
    ("07/2019", (2019, 7), "month/year as on forms"),
    ("07.2019", (2019, 7), "Norwegian month.year"),
    ("1. juli 2019", (2019, 7), "a Norwegian date"),
    (pd.Period("2019-07", "M"), (2019, 7), "the frame's `period`"),
    (pd.Timestamp("2019-07-01"), (2019, 7), "`.dt.to_timestamp()`"),
    ([pd.Period("2021-05", "M")], (2021, 5), "the one-element list `exit_months` returns"),
    (7, (None, 7), "a month number"),
    (pd.Series([pd.Period("2019-07", "M")]), (2019, 7), "a one-row selection of `period`"),
    (np.datetime64("2019-07-01"), (2019, 7), "a NumPy date (`.values[0]` of a date column)"),
]


@pytest.mark.parametrize("written,expected,source", MONTH_FORMS, ids=[repr(f[0])[:25] for f in MONTH_FORMS])
def test_months_are_read_as_people_write_them(written, expected, source):
    assert as_month(written) == expected, source


@pytest.mark.parametrize("impossible", ["2019-13", "2019-00", "13/2019", 13, 0, pd.NaT, "the summer"])
def test_impossible_months_get_a_plain_message(impossible):
    ok, message = judge_month(impossible, pd.Period("2019-07", "M"))
    assert not ok and ("not a month" in message or "give a month" in message), message


RANGE_FORMS = [
    ("30-39", "hyphen, as NAV prints '30-39 år'"),
    ("30–39 år", "en dash, as the notebooks' titles write ranges"),
    ("30 – 39", "en dash with spaces (Word)"),
    ("30 to 39", "English"),
    ("30 til 39", "bokmål"),
    ("30-39 years", "English with the unit"),
    ("30-39 ÅR", "capitals"),
    ("aged 30-39", "English 'aged'"),
    ((30, 39), "a tuple of the two ends"),
    ("'30-39 år'", "quotes left in"),
    (["30-39 år"], "a one-element list"),
]


@pytest.mark.parametrize("written,source", RANGE_FORMS, ids=[repr(f[0]) for f in RANGE_FORMS])
def test_age_groups_are_read_in_every_written_form(written, source):
    assert judge_label(written, "30-39 år")[0], source
    assert not judge_label(written, "40-49 år")[0]


@pytest.mark.parametrize(
    "written,label",
    [
        ("19 and under", "19 år og under"),
        ("19 år og under", "19 år og under"),
        ("19 og under", "19 år og under"),
        ("19 years and under", "19 år og under"),
        ("60+", "60 år og over"),
        ("60 år og over", "60 år og over"),
        ("60 and over", "60 år og over"),
    ],
)
def test_open_ended_age_groups(written, label):
    assert judge_label(written, label)[0]
    assert not judge_label(written, "30-39 år")[0]


def test_ranges_as_two_numbers():
    for written in ("2-3", "2–3", "2 to 3", "2 til 3", (2, 3), [2, 3]):
        assert as_range(written) == (2, 3), written


LABEL_FORMS = [
    ("Lønnstilskudd", "Lønnstilskudd", "NAV's label"),
    ("Lonnstilskudd", "Lønnstilskudd", "ø typed as o on an English keyboard"),
    ("Loennstilskudd", "Lønnstilskudd", "ø as oe (the transliteration passports and URLs use)"),
    ("wage subsidies", "Lønnstilskudd", "the English gloss in the plural"),
    ("Wage Subsidy", "Lønnstilskudd", "title case"),
    ("  lønnstilskudd ", "Lønnstilskudd", "extra spaces"),
    ('"Lønnstilskudd"', "Lønnstilskudd", "quotes left in"),
    ("nedsatt arbeidsevne pa tiltak", "Nedsatt arbeidsevne, på tiltak", "å as a, no comma"),
    ("Nedsatt arbeidsevne, paa tiltak", "Nedsatt arbeidsevne, på tiltak", "å as aa"),
    ("reduced work capacity, on programme", "Nedsatt arbeidsevne, på tiltak", "the gloss in the singular"),
    ("Arbeidssoker pa tiltak", "Arbeidssøkere på tiltak", "singular, no æøå"),
    ("Opplaering", "Opplæring", "æ as ae"),
    ("Opplaring", "Opplæring", "æ as a"),
    ("Lønnstilskudd (Wage subsidy)", "Lønnstilskudd", "both, as the notebooks' menus show them"),
    (pd.Series(["Lønnstilskudd"]), "Lønnstilskudd", "a one-row selection"),
    (pd.Index(["Lønnstilskudd"]), "Lønnstilskudd", "`.index[:1]`"),
]


@pytest.mark.parametrize("written,label,source", LABEL_FORMS, ids=[repr(f[0])[:30] for f in LABEL_FORMS])
def test_labels_with_or_without_the_norwegian_letters(written, label, source):
    assert judge_label(written, label)[0], source


@pytest.mark.parametrize(
    "written,label",
    [
        ("Midlertidig lønnstilskudd", "Lønnstilskudd"),
        ("Opplæring", "Lønnstilskudd"),
        ("Andre på tiltak", "Arbeidssøkere på tiltak"),
        ("20-24 år", "30-39 år"),
    ],
)
def test_other_labels_stay_wrong(written, label):
    ok, message = judge_label(written, label)
    assert not ok and "is not it" in message


def test_folded_forms_are_in_as_label():
    assert {"lønnstilskudd", "lonnstilskudd", "wage subsidy"} <= as_label("Lønnstilskudd (wage subsidy)")


@pytest.mark.parametrize("written", ["b", "B", "(b)", "b)", " b. ", "option b", "b: no comparison group", "[b]", ["b"]])
def test_multiple_choice_forms(written):
    options = {"a": (False, "no: a."), "b": (True, "yes: b."), "c": (False, "no: c.")}
    assert choice(written, options) == (True, "yes: b.")


@pytest.mark.parametrize("written", ["d", "", "bc", 2, None, "x" * 100_000])
def test_multiple_choice_asks_for_one_letter(written):
    ok, message = choice(written, {"a": (False, ""), "b": (True, ""), "c": (False, "")})
    assert not ok and message == "answer with one letter: 'a', 'b', 'c'."


# -- any input at all: a plain message, quickly, never a traceback ----------------------------------------------------------
class Unprintable:
    def __str__(self):
        raise RuntimeError("no str")

    def __repr__(self):
        raise RuntimeError("no repr")


ODD_INPUTS = [
    pd.NaT,
    pd.NA,
    float("nan"),
    float("inf"),
    -float("inf"),
    10**400,
    -(10**400),
    "2019-13",
    "x" * 1_000_000,
    "1" * 1_000_000,
    "30-39 " * 20,
    b"7777,5",
    b"\xff\xfe",
    bytearray(b"12"),
    {"a": 1},
    {1, 2},
    3 + 4j,
    True,
    pd.DataFrame({"a": range(1000)}),
    pd.Series(range(10)),
    pd.Series([], dtype=object),
    pd.DataFrame(),
    np.array([[1, 2], [3, 4]]),
    Unprintable(),
    object(),
    print,
    alt.Chart(pd.DataFrame({"a": [1]})).mark_line(),
    ("a",),
    ("Høyere utdanning", "x", None),
    [None],
    [[7777]],
    1e308,
    "∞",
    "٣",
    "１２",
    "\x00",
    "'" * 50,
]


_load_all()


def test_the_answer_key_is_registered():
    assert len([e for e in EXERCISES.values() if e.module == "helpers.answers"]) > 20


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_every_exercise_answers_every_odd_input_with_a_message(exercise_id):
    """Whatever a learner types, the check answers with a sentence, not a traceback or a hang (how fast it answers
    is printed by `make bench`, not asserted here)."""
    for first in (
        1,
        alt.Chart(pd.DataFrame({"a": [1]})).mark_line(),
    ):  # first calls load data and Altair's schema, once per kernel
        check(exercise_id, first)
    for answer in ODD_INPUTS:
        started = time.perf_counter()
        result = check(exercise_id, answer)
        label = f"{exercise_id} with {type(answer).__name__}"
        assert isinstance(result, ex.Result) and result.message.strip() and not result.correct, label
        assert "Traceback" not in str(result), label
        assert time.perf_counter() - started < 10, f"{label}: no answer within 10 s (a hang)"


@exercise("T9.3", hint="none.")
def _t93(answer):
    raise KeyError("a bug in the answer key")


def test_a_failing_check_gives_a_message_and_its_traceback_only_when_debugging(monkeypatch):
    assert check("T9.3", 5).message.startswith("the checker could not read 5 (KeyError)")
    monkeypatch.setenv("NAV_CHECKER_DEBUG", "1")
    with pytest.raises(KeyError, match="a bug in the answer key"):
        check("T9.3", 5)


@pytest.mark.parametrize("n", [8_000, 1_000_000])
def test_long_answers_are_refused_before_any_regex(n):
    for text in ("1" * n, "a" * n, "30-39 år " * (n // 9)):
        start = time.perf_counter()
        result = check("T9.1", text)
        assert time.perf_counter() - start < 0.2
        assert "characters long" in result.message


# -- judge_chart: what a learner's Altair chart draws ---------------------------------------------------------------------------
MONTHS = pd.period_range("2019-01", periods=4, freq="M")
# What the chart must draw: participants per month, the second month suppressed (NAV's '*').
EXPECTED = pd.DataFrame({"x": MONTHS, "y": pd.array([1263, None, 1374, 1388], dtype="Int64")})
LONG = pd.DataFrame({"period": MONTHS, "value": EXPECTED["y"]})


def titled(chart: alt.Chart, x: str = "Month", y: str = "Participants") -> alt.Chart:
    return chart.properties(title="Participants aged 19 and under, 2019")


def line(data: pd.DataFrame, x="period:O", y="value:Q", **extra) -> alt.Chart:
    return titled(alt.Chart(data).mark_line().encode(x=alt.X(x, title="Month"), y=alt.Y(y, title="Participants"), **extra))


def with_parts(frame: pd.DataFrame) -> pd.DataFrame:
    """The total's rows ('I alt') and two parts that add up to it, as the tidy frame holds them."""
    parts = [frame.assign(status_group="I alt")]
    first = frame.assign(status_group="Arbeidssøkere på tiltak", value=frame["value"] - 200)
    second = frame.assign(status_group="Andre på tiltak", value=pd.array([200, None, 200, 200], dtype="Int64"))
    return pd.concat(parts + [first, second], ignore_index=True)


RIGHT_CHARTS = {
    "Periods on x": line(LONG),
    "Timestamps on x": line(LONG.assign(period=LONG["period"].dt.to_timestamp()), x="period:T"),
    "months as text": line(LONG.assign(period=LONG["period"].astype(str))),
    "month numbers on x": line(LONG.assign(period=LONG["period"].dt.month), x="period:O"),
    "month numbers as text": line(LONG.assign(period=LONG["period"].dt.strftime("%m")), x="period:O"),
    "month names on x": line(LONG.assign(period=LONG["period"].dt.strftime("%b")), x="period:O"),
    "Norwegian month names": line(LONG.assign(period=["januar", "februar", "mars", "april"]), x="period:O"),
    "a spec built with to_dict()": line(LONG).to_dict(),
    "the suppressed month left out": line(LONG.dropna()),
    "filtered with transform_filter": line(with_parts(LONG)).transform_filter(alt.datum.status_group == "I alt"),
    "filtered with FieldEqualPredicate": line(with_parts(LONG)).transform_filter(
        alt.FieldEqualPredicate(field="status_group", equal="I alt")
    ),
    "sum in the encoding over the parts": line(
        with_parts(LONG)
        .query("status_group != 'I alt'")
        .assign(value=lambda f: f["value"].where(f["status_group"] != "Andre på tiltak", 200)),
        y="sum(value):Q",
    ),
    "layered with a rule": line(LONG) + alt.Chart(pd.DataFrame({"m": ["2019-03"]})).mark_rule().encode(x="m:O"),
    "wide data folded": line(pd.DataFrame({"period": MONTHS, "Young": EXPECTED["y"]}), y="value:Q").transform_fold(["Young"]),
}


@pytest.mark.parametrize("name", sorted(RIGHT_CHARTS))
def test_a_right_chart_built_another_reasonable_way_is_accepted(name):
    ok, message = judge_chart(RIGHT_CHARTS[name], EXPECTED, mark="line", what="participants per month")
    assert ok, f"{name}: {message}"
    assert message == "the chart draws participants per month."


def test_mean_and_count_in_the_encoding():
    twice = pd.concat([LONG.dropna(), LONG.dropna()], ignore_index=True)
    assert judge_chart(line(twice, y="mean(value):Q"), EXPECTED)[0]
    people = pd.DataFrame({"period": [MONTHS[0]] * 3 + [MONTHS[2]] * 2})
    counted = titled(
        alt.Chart(people).mark_bar().encode(x=alt.X("period:O", title="Month"), y=alt.Y("count():Q", title="People"))
    )
    expected = pd.DataFrame({"x": [MONTHS[0], MONTHS[2]], "y": [3, 2]})
    assert judge_chart(counted, expected, mark="bar")[0], judge_chart(counted, expected, mark="bar")[1]


def test_a_bar_chart_horizontal_or_not_when_bars_are_asked():
    bars = pd.DataFrame({"group": ["Opplæring", "Lønnstilskudd"], "n": [15061, 11971]})
    expected = pd.DataFrame({"x": ["Opplæring", "Lønnstilskudd"], "y": [15061, 11971]})
    upright = titled(alt.Chart(bars).mark_bar().encode(x=alt.X("group:N", title="Group"), y=alt.Y("n:Q", title="People")))
    lying = titled(alt.Chart(bars).mark_bar().encode(y=alt.Y("group:N", title="Group"), x=alt.X("n:Q", title="People")))
    glossed = titled(
        alt.Chart(bars.assign(group=["Training", "Wage subsidy"]))
        .mark_bar()
        .encode(x=alt.X("group:N", title="Group"), y=alt.Y("n:Q", title="People"))
    )
    both = titled(
        alt.Chart(bars.assign(group=["Opplæring (Training)", "Lønnstilskudd (Wage subsidy)"]))
        .mark_bar()
        .encode(x=alt.X("group:N", title="Group"), y=alt.Y("n:Q", title="People"))
    )
    for chart in (upright, lying, glossed, both):
        assert judge_chart(chart, expected, mark="bar")[0], judge_chart(chart, expected, mark="bar")[1]


def test_years_as_numbers_or_text():
    shares = pd.Series([77.8, 65.1], index=pd.Index([2011, 2015], name="year"), name="share")
    for years in ([2011, 2015], ["2011", "2015"]):
        chart = line(pd.DataFrame({"year": years, "share": [77.8, 65.1]}), x="year:O", y="share:Q")
        assert judge_chart(chart, shares, x="year", y="share", tolerance=0.05)[0], years


def test_lines_by_group_from_long_or_wide_data():
    wide = pd.DataFrame({"period": MONTHS, "Kvinner": [10, 11, 12, 13], "Menn": [20, 21, 22, 23]})
    long = wide.melt("period", var_name="gender", value_name="value")
    expected = long.rename(columns={"period": "x", "gender": "c", "value": "y"})
    from_long = line(long, color="gender:N")
    from_wide = line(wide).transform_fold(["Kvinner", "Menn"], as_=["gender", "value"]).encode(color="gender:N")
    glossed = line(long.replace({"Kvinner": "Women", "Menn": "Men"}), color="gender:N")
    for chart in (from_long, from_wide, glossed):
        ok, message = judge_chart(chart, expected, color="c")
        assert ok, message
    ok, message = judge_chart(line(long.query("gender == 'Kvinner'")), expected, color="c")
    assert not ok and "color" in message


WRONG_CHARTS = {
    "bars where a line is asked": (RIGHT_CHARTS["Periods on x"].mark_bar(), "the chart draws bar: the question asks for line"),
    "a rule where a line is asked": (RIGHT_CHARTS["Periods on x"].mark_rule(), "asks for line"),
    "the wrong column on y": (line(LONG.assign(share=LONG["value"] / 10), y="share:Q"), "in `value`"),
    "unfiltered: the total and its parts": (line(with_parts(LONG)), "filter in pandas first"),
    "no title": (alt.Chart(LONG).mark_line().encode(x=alt.X("period:O", title="Month"), y=alt.Y("value:Q", title="N")), "title"),
    "no axis title": (titled(alt.Chart(LONG).mark_line().encode(x="period:O", y=alt.Y("value:Q", title="N"))), "x axis a title"),
    "a suppressed month drawn as 0 (fillna)": (line(LONG.fillna(0)), "draws it as 0"),
    "a suppressed month drawn as 0 (sum of nothing)": (line(LONG, y="sum(value):Q"), "draws it as 0"),
    "more months than asked": (
        line(pd.concat([LONG, pd.DataFrame({"period": pd.period_range("2019-05", periods=1, freq="M"), "value": [5]})])),
        "more than asked",
    ),
    "a month missing": (line(LONG.iloc[[0, 2]]), "no value for 2019-04"),
    "a calculate transform": (line(LONG).transform_calculate(v="datum.value * 1"), "in pandas first"),
    "a filter the checker cannot read": (line(LONG).transform_filter("datum.value > 5"), "in pandas first"),
    "not a chart": (LONG, "give the chart itself"),
    "charts side by side": (alt.hconcat(line(LONG), line(LONG)), "one chart"),
}


@pytest.mark.parametrize("name", sorted(WRONG_CHARTS))
def test_a_wrong_chart_gets_the_pointer_that_fits(name):
    chart, pointer = WRONG_CHARTS[name]
    ok, message = judge_chart(chart, EXPECTED, mark="line")
    assert not ok and pointer in message, f"{name}: {message}"


def test_charts_are_read_with_the_collections_data_transformer_too():
    from helpers import charts

    before = alt.data_transformers.active
    charts.enable()  # what helpers.notebook.setup() does in every notebook: inline values, NaN as null
    try:
        ok, message = judge_chart(RIGHT_CHARTS["Periods on x"], EXPECTED)
        assert ok, message
        assert "draws it as 0" in judge_chart(line(LONG.fillna(0)), EXPECTED)[1]
        big = pd.DataFrame({"period": pd.period_range("2000-01", periods=6000, freq="M"), "value": 1})
        assert "more than 5,000 rows" in judge_chart(line(big), EXPECTED)[1]
    finally:
        alt.data_transformers.enable(before)


def test_a_right_chart_with_another_mark_when_told():
    assert judge_chart(RIGHT_CHARTS["Periods on x"].mark_bar(), EXPECTED, mark=("line", "bar"))[0]


def test_titles_can_be_left_optional():
    bare = alt.Chart(LONG).mark_line().encode(x="period:O", y="value:Q")
    assert judge_chart(bare, EXPECTED, title=False, axis_titles=False)[0]
