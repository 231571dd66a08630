"""Every exercise's check accepts the right answer in the forms learners write, and answers the
usual wrong ones with a pointer.

Right answers here are read off the source tables by hand (the line is named beside each) or
computed in the test from the raw text, never copied from the check's own output. Each
notebook's section lists its exercises: (right answers, [(wrong answer, words the reply must contain)]).
"""

from __future__ import annotations

import functools
import json
import re

import altair as alt
import nbformat
import pandas as pd
import pytest

from helpers.exercises import EXERCISES, _load_all, check

from . import monthly_raw
from .conftest import ROOT

CASES: dict[str, tuple[list[object], list[tuple[object, str]]]] = {}

# -- 00 Start here -------------------------------------------------------------------------------
# July 2019, all status groups: 58 225 (nav_tiltak_alder_2019-01_2019-12.txt line 28; parts on lines 48, 68, 88).
CASES["00.1"] = (
    [58225, "58 225", "58,225", "58225 persons"],
    [
        (46239, "one status group"),
        (83484, "november 2016"),
        (70430, "january 2019"),
        (58000, "too low"),
        (0, "empty selection"),
        ("0", "kept no rows"),
    ],
)
# May 2021: jobseekers 17 532 of 77 811 (nav_tiltak_kjonn_2021-01_2021-05.txt lines 26-27) = 22.53 %.
CASES["00.2"] = (
    [22.5, "22,5 %", 100 * 17532 / 77811, "22.5 per cent"],
    [
        (17532 / 77811, "multiply by 100"),
        (17532, "number of jobseekers"),
        (25, "too high"),
        (float("nan"), "selection is probably empty"),
    ],
)

# -- 01 The definitions, executable --------------------------------------------------------------
# 01.1-01.3: the histories notebook 01 prints; the answers follow the definitions page, lines 5, 7 and 13-14.
CASES["01.1"] = (
    ["2021-05", "May 2021", "mai 2021", "2021-05-31"],
    [("2021-02", "short break"), ("2021-06", "last month on the programme")],
)
CASES["01.2"] = (
    ["Nedsatt arbeidsevne, på tiltak", "reduced work capacity", "Reduced work capacity, on programmes"],
    [("Arbeidssøkere på tiltak", "reclassified"), ("Andre på tiltak", "registered status")],
)
# 01.3: job club January-March, AMO April-May, a month off, AMO July: exits in March (the move, line 5: not on that same
# programme in the next two months) and July; six months after March is September 2021, in work with a benefit (line 14).
CASES["01.3"] = (
    ["Arbeid og ytelse", "work and benefit", "arbeid og ytelse", "Arbeid og ytelse (work and benefit)", ["Arbeid og ytelse"]],
    [("I arbeid", "exit from AMO"), ("Arbeidssøker", "first month off"), ("Annet", "break"), ("Uføre", "not 'Uføre'")],
)
# 01.4: nav_tiltak_kjonn_2021-01_2021-05.txt line 68 "Opplæring ... 15 061" (May, the last column); line 90 women
# "8 667", line 247 jobseekers "4 364"; nav_tiltak_en_maaned_2016-11.txt line 45 "Opplæring 18 943".
CASES["01.4"] = (
    [15061, "15 061", "15,061", "15061 persons"],
    [(18943, "November 2016"), (4364, "jobseekers"), (8667, "women"), (4 * 15061, "totals to their parts")],
)
# 01.5: nav_tiltak_kjonn_2021-01_2021-05.txt, programme groups, March (third column): line 64 "I alt 77 372", line 66
# "Oppfølging 18 368" (the largest), line 65 "Arbeidspraksis 15 356" (the largest group in November 2016: en_maaned line 47,
# 23 919), line 68 "Opplæring 15 013".
_FOLLOW_UP = 100 * 18368 / 77372
CASES["01.5"] = (
    [round(_FOLLOW_UP, 1), f"{_FOLLOW_UP:.1f} %".replace(".", ","), _FOLLOW_UP, "23.7 per cent"],
    [
        (100, "'I alt'"),
        (round(100 * 15356 / 77372, 1), "November 2016"),
        (_FOLLOW_UP / 100, "fraction"),
        (18368, "number of people"),
        (round(100 * 18368 / (2 * 77372), 1), "twice"),
        (float("nan"), "selection is probably empty"),
        (pd.NA, "'2021-03' inside .query"),
    ],
)


def _chart_2021_shares(y: str = "share", mark: str = "line") -> alt.Chart:
    """01.6 built from the raw text: lines 27-29 of nav_tiltak_kjonn_2021-01_2021-05.txt (the three status groups,
    January-May 2021), each month's share of their sum; wide data folded in Altair, months as text."""
    lines = (ROOT / "data" / "raw" / "nav_tiltak_kjonn_2021-01_2021-05.txt").read_text(encoding="utf-8").split("\n")[26:29]
    rows = {line.split("\t")[0]: [int(c.replace(" ", "")) for c in line.split("\t")[1:]] for line in lines}
    months = [f"2021-{m:02d}" for m in range(1, 6)]
    totals = [sum(group[i] for group in rows.values()) for i in range(5)]
    table = pd.DataFrame(
        [
            {"month": m, "group": g, "count": v[i], "share": 100 * v[i] / totals[i]}
            for g, v in rows.items()
            for i, m in enumerate(months)
        ]
    )
    return (
        alt.Chart(table)
        .mark_bar()
        .encode(
            x=alt.X("month:O", title="Month"),
            y=alt.Y(f"{y}:Q", title="Per cent" if y == "share" else "Persons"),
            color=alt.Color("group:N", title="Status group"),
        )
        .properties(title="Status groups, 2021")
        .mark_line()
        if mark == "line"
        else alt.Chart(table)
        .mark_bar()
        .encode(
            x=alt.X("month:O", title="Month"),
            y=alt.Y(f"{y}:Q", title="Per cent"),
            color=alt.Color("group:N", title="Status group"),
        )
        .properties(title="Status groups, 2021")
    )


CASES["01.6"] = (
    [_chart_2021_shares()],
    [
        (_chart_2021_shares("count"), "head counts"),
        (_chart_2021_shares(mark="bar"), "asks for line"),
        (_chart_2021_shares().properties(title=""), "title"),
    ],
)
CASES["01.7"] = (
    ["c", " C ", "(c)", "c: no comparison group"],
    [("a", "would have found work anyway"), ("b", "harder to place"), ("d", "later reading"), ("e", "one letter")],
)

# -- 02 Reading NAV's tables ---------------------------------------------------------------------
# 02.1: nav_tiltak_kjonn_2021-01_2021-05.txt line 153 (total 21 in January) and line 403 (others 16): the two
# stars on lines 238 and 320 hide 5 together, each at most 3, so each is 2 or 3.
CASES["02.1"] = (
    [(2, 3), [2, 3], "2-3", "2 to 3"],
    [((0, 3), "any star in a time series"), ((1, 3), "one-month table"), ((0, 5), "at most 3")],
)
# 02.2: nav_tiltak_en_maaned_2016-11.txt line 181 "Arbeidstrening 17 176 ... 8 311"; line 47 is the group Arbeidspraksis.
CASES["02.2"] = ([181, "181", "line 181"], [(8311, "number of people itself"), (47, "programme group")])
# 02.3: the excerpt is lines 133-153 of the one-month table; lose_a_tab(excerpt, seed=12) joins the last two cells of
# line 149 of the file, the 17th of the excerpt ("Oppfølging - sykmeldt arbeidstaker 187 103 16 68").
CASES["02.3"] = ([17, "17", "line 17", "Oppfølging - sykmeldt arbeidstaker"], [(149, "whole file"), (16, "not that one")])
# 02.4: the May column (the fifth number) of the 2021 table has 58 stars among its participant lines, counted by
# tests/test_02_reading_nav_tables.py from the raw text; the whole table has 306, the three tables 2 917.
CASES["02.4"] = ([58, "58"], [(306, "every month"), (398, "number of rows"), (2917, "three tables")])
CASES["02.5"] = (["d", "D", "(d)"], [("a", "footnote"), ("b", "wrong number"), ("c", "wherever it stands")])


def _chart_2019_stars(count: str = "stars") -> alt.Chart:
    """02.6 built from the raw text: the stars in each month column of nav_tiltak_alder_2019-01_2019-12.txt, counted over
    every data line with twelve month cells (headers start with a tab; rules are dashes)."""
    text = (ROOT / "data" / "raw" / "nav_tiltak_alder_2019-01_2019-12.txt").read_text(encoding="utf-8").split("\n")
    rows = [
        line.split("\t")[1:]
        for line in text
        if line.count("\t") == 12 and not line.startswith("\t") and not re.fullmatch(r"[-\t ]+", line)
    ]
    stars = [sum(r[i].strip() in ("*", "\\*") for r in rows) for i in range(12)]
    table = pd.DataFrame({"month": pd.period_range("2019-01", periods=12, freq="M").to_timestamp(), "stars": stars})
    return (
        alt.Chart(table[["month", count]])
        .mark_line(point=True)
        .encode(x=alt.X("month:T", title="Month"), y=alt.Y(f"{count}:Q", title="Stars"))
        .properties(title="Stars per month, 2019")
    )


CASES["02.6"] = (
    [_chart_2019_stars()],
    [
        (_chart_2019_stars().properties(title=""), "title"),
        (_chart_2019_stars().mark_bar(), "asks for line"),
        (pd.DataFrame({"stars": [1, 2]}), "chart itself"),
    ],
)


# -- 03 Programme groups -------------------------------------------------------------------------
def _nov(line: int) -> list[int]:
    """A printed line of the November 2016 table as numbers (2016 file: data/raw/nav_tiltak_en_maaned_2016-11.txt)."""
    text = (ROOT / "data" / "raw" / "nav_tiltak_en_maaned_2016-11.txt").read_text(encoding="utf-8").split("\n")[line - 1]
    return [int(c.replace(" ", "") or 0) for c in re.sub(r"</?b>", "", text).split("\t")[1:]]  # an empty cell is nobody


_JS_WORK_PRACTICE = 100 * _nov(70)[0] / _nov(65)[0]  # line 70: jobseekers on Arbeidspraksis; line 65: all jobseekers
CASES["03.1"] = (
    [round(_JS_WORK_PRACTICE, 1), f"{_JS_WORK_PRACTICE:.1f} %".replace(".", ","), f"{_JS_WORK_PRACTICE:.2f}"],
    [
        (round(100 * _nov(124)[2] / _nov(124)[0], 1), "share of the work-practice group"),  # line 124: jobseekers / group
        (round(100 * _nov(47)[0] / _nov(28)[0], 1), "all participants"),  # line 47 / line 28
        (round(_JS_WORK_PRACTICE / 100, 3), "per cent"),
    ],
)
_ADAPTATION_STAR = _nov(214)[0] - sum(_nov(line)[0] for line in (210, 211, 212))  # line 214 total minus lines 210-212
CASES["03.2"] = (
    [_ADAPTATION_STAR, str(_ADAPTATION_STAR), f"{_ADAPTATION_STAR} person"],
    [(0, "never 0"), (3, "largest value"), (_nov(214)[0], "group total")],
)
CASES["03.3"] = (
    [84, "84", "+84 persons"],  # line 71: Jobbskaping og egenetablering, jobseekers: 137, +84, +158 %
    [
        (158, "per cent"),
        (1451, "most persons"),
        (137, "count in November 2016"),
        (1102, "second-largest"),
        (_nov(52)[1], "all status groups"),
    ],
)  # line 52: the same group, all status groups: 211, +102


def _nov_label(line: int) -> str:
    """The label of a printed line of the November 2016 table, as printed (tags removed)."""
    text = (ROOT / "data" / "raw" / "nav_tiltak_en_maaned_2016-11.txt").read_text(encoding="utf-8").split("\n")[line - 1]
    return re.sub(r"</?b>", "", text).split("\t")[0]


def _bars(rows: list[tuple[str, float]], sort: object = "-x", vertical: bool = False, title: str = "Jobseekers, November 2016"):
    """A bar chart of (label, value) rows, built as a learner would."""
    frame = pd.DataFrame(rows, columns=["group", "persons"])
    value, label = alt.X("persons:Q", title="Persons"), alt.Y("group:N", sort=sort, title=None)
    if vertical:
        value, label = alt.Y("persons:Q", title="Persons"), alt.X("group:N", sort=sort, title=None)
    return (
        alt.Chart(frame).mark_bar().encode(x=value, y=label)
        if not vertical
        else alt.Chart(frame).mark_bar().encode(x=label, y=value)
    )


# 03.4: the jobseekers' section, lines 66-71 (six groups with a count); lines 125-128 have an empty jobseekers' cell (nobody)
_JS_GROUPS = [(_nov_label(n), _nov(n)[0]) for n in range(66, 72)]
CASES["03.4"] = (
    [
        _bars(_JS_GROUPS).properties(title="Jobseekers by programme group"),
        _bars(sorted(_JS_GROUPS, key=lambda r: -r[1]), sort=None).properties(title="Jobseekers"),
        _bars(_JS_GROUPS, sort="-y", vertical=True).properties(title="Jobseekers, November 2016"),
    ],
    [
        (_bars(_JS_GROUPS + [(_nov_label(n), 0) for n in range(125, 129)]).properties(title="J"), "leave out the groups"),
        (_bars(_JS_GROUPS, sort="ascending").properties(title="J"), "largest group at the top"),
        (_bars([(_nov_label(n), _nov(n)[0]) for n in range(43, 53)]).properties(title="J"), "all status groups"),
        (_bars(_JS_GROUPS), "title"),
    ],
)


# -- 04 Women and men ----------------------------------------------------------------------------
def _kjonn(line: int, month: int) -> int:
    """One month's printed count (1 = January) of a line of data/raw/nav_tiltak_kjonn_2021-01_2021-05.txt."""
    text = (ROOT / "data" / "raw" / "nav_tiltak_kjonn_2021-01_2021-05.txt").read_text(encoding="utf-8").split("\n")[line - 1]
    return int(text.split("\t")[month].replace(" ", ""))


# Høyere utdanning, January: total line 158; reduced work capacity women 549, men 757; every other cell a star (0-3)
_HIGHER = (100 * _kjonn(549, 1) / _kjonn(158, 1), 100 * (_kjonn(158, 1) - _kjonn(757, 1)) / _kjonn(158, 1))
# Midlertidig lønnstilskudd, January: women lines 491 + 557 + 639, total line 166 (printed in every status group: exact)
_TEMPORARY = 100 * sum(_kjonn(line, 1) for line in (491, 557, 639)) / _kjonn(166, 1)
CASES["04.1"] = (
    [
        ("Høyere utdanning", round(_HIGHER[0], 1), round(_HIGHER[1], 1)),
        ["higher education", f"{_HIGHER[0]:.2f}".replace(".", ","), f"{_HIGHER[1]:.1f} %"],
        ("Midlertidig lønnstilskudd", round(_TEMPORARY, 1)),
        ("Temporary wage subsidy", _TEMPORARY, _TEMPORARY),
    ],
    [
        (("Høyere utdanning", round(_HIGHER[0], 1), round(_HIGHER[0], 1)), "every star as 0"),
        (("Høyere utdanning", 61.8, 61.9), "May"),  # May: 2 020 / 3 282 (lines 549, 158)
        (("Høyere utdanning, Forsøk", 10, 20), "star in January"),  # line 159: total starred
        ("Høyere utdanning", "tuple"),
    ],
)
_WAGE_GAP = _kjonn(113, 1) - _kjonn(91, 1)  # lines 113 (men) and 91 (women, printed 'Lønnskudd'), January
CASES["04.2"] = (
    [_WAGE_GAP, f"{_WAGE_GAP:,}".replace(",", " "), -_WAGE_GAP],
    [(_kjonn(113, 5) - _kjonn(91, 5), "May"), (_kjonn(113, 1), "number of men"), (_kjonn(91, 1), "number of women")],
)
# 04.3: line 407 (Andre på tiltak, Høyere utdanning): * * * 4 4. Only b) fits a star of 0-3 in a time series.
CASES["04.3"] = (["b", "(B)", "b) 0 to 3 each month"], [("a", "not a zero"), ("c", "one-month table"), ("d", "one letter")])


def _others_gap(women: int, men: int | None) -> float | None:
    """Women minus men in May 2021 from two raw lines; None where a cell is a star or the row is not printed."""
    w = _kjonn_cell(women, 5)
    m = _kjonn_cell(men, 5) if men else None
    return None if w is None or m is None else w - m


def _kjonn_label(line: int) -> str:
    return (
        (ROOT / "data" / "raw" / "nav_tiltak_kjonn_2021-01_2021-05.txt")
        .read_text(encoding="utf-8")
        .split("\n")[line - 1]
        .split("\t")[0]
    )


def _kjonn_cell(line: int, month: int) -> int | None:
    text = (ROOT / "data" / "raw" / "nav_tiltak_kjonn_2021-01_2021-05.txt").read_text(encoding="utf-8").split("\n")[line - 1]
    cell = text.split("\t")[month].strip()
    return None if cell == "*" else int(cell.replace(" ", ""))


# Andre på tiltak, May 2021: women's group lines 612-661 and men's 821-876 ('I alt kvinner og …', 'I alt menn og …');
# Jobbskaping og egenetablering: women line 622 is '*', and the men's section prints no row for it.
_OTHERS = {
    "Arbeidspraksis": (612, 821),
    "Oppfølging": (620, 829),
    "Opplæring": (638, 853),
    "Lønnstilskudd": (640, 855),
    "Tilrettelegging": (644, 859),
    "Avklaringstiltak": (659, 874),
    "Arbeidsrettet rehabilitering": (661, 876),
    "Jobbskaping og egenetablering": (622, None),
}
_GAPS = pd.DataFrame([(g, _others_gap(*lines)) for g, lines in _OTHERS.items()], columns=["group", "gap"])


def _gap_chart(frame: pd.DataFrame, title: str = "Other participants, May 2021") -> alt.Chart:
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(x=alt.X("gap:Q", title="Women minus men (persons)"), y=alt.Y("group:N", title=None))
        .properties(title=title)
    )


CASES["04.4"] = (
    [
        _gap_chart(_GAPS),
        _gap_chart(_GAPS.dropna()),
        _gap_chart(
            _GAPS.assign(
                group=_GAPS["group"].map(
                    {
                        "Arbeidspraksis": "Work practice",
                        "Oppfølging": "Follow-up",
                        "Opplæring": "Training",
                        "Lønnstilskudd": "Wage subsidy",
                        "Tilrettelegging": "Adaptation",
                        "Avklaringstiltak": "Assessment",
                        "Arbeidsrettet rehabilitering": "Occupational rehabilitation",
                        "Jobbskaping og egenetablering": "Job creation and self-employment",
                    }
                )
            )
        ),
    ],
    [
        (_gap_chart(_GAPS.fillna(0)), "draws it as 0"),
        (_gap_chart(_GAPS.assign(gap=-_GAPS["gap"])), "wrong way"),
        (
            _gap_chart(
                pd.DataFrame(
                    [(_kjonn_label(m), _kjonn_cell(w, 5) - _kjonn_cell(m, 5)) for w, m in zip(range(87, 96), range(109, 118))],
                    columns=["group", "gap"],
                )
            ),
            "all status groups",
        ),  # lines 87-95 women, 109-117 men
        (alt.Chart(_GAPS).mark_bar().encode(x="gap:Q", y="group:N").properties(title="T"), "title"),
    ],
)

# -- 05 Seasons and age --------------------------------------------------------------------------
# 05.1: line 906 (jobseekers aged 19 and under): July 379, the 12 months add up to 7 273 (mean 606.08): 62.5.
#       Line 29 (all status groups): 910 / (14 548 / 12) = 75.1; July over line 906's highest month: 379 / 775 = 48.9.
CASES["05.1"] = (
    [62.5, "62,5", "62.53"],
    [(75.1, "all status groups"), (48.9, "highest month"), (0.625, "multiply by 100"), (100 * 575 / (7273 / 12), "June")],
)
# 05.2: line 29, March 1 374 minus July 910 = 464 persons; line 28 fell 73 322 - 58 225 = 15 097: 3.1 %.
CASES["05.2"] = ([3.1, "3,1 %", "3.07"], [(464, "number of persons"), (33.8, "own March count"), (0.031, "multiply by 100")])
# 05.3: March minus July, lines 29-35: 464, 2 147, 2 477, 4 568 (line 32, 30-39 år), 3 414, 1 677, 350.
CASES["05.3"] = (["30-39 år", "30-39", "30-39 ÅR"], [("19 år og under", "relative to their size"), ("40-49", "second most")])


def _age_line(line: int) -> list[int]:
    """The 12 months of a line of data/raw/nav_tiltak_alder_2019-01_2019-12.txt."""
    text = (ROOT / "data" / "raw" / "nav_tiltak_alder_2019-01_2019-12.txt").read_text(encoding="utf-8").split("\n")[line - 1]
    return [int(c.replace(" ", "")) for c in re.sub(r"</?b>", "", text).split("\t")[1:]]


def _young_chart(lines: dict[str, int], months=lambda m: m, index: bool = True, colour: bool = True) -> alt.Chart:
    """Ages 19 and under, one line per status group: each raw line divided by its own mean (x 100)."""
    rows = [
        (months(m), group, 100 * v / (sum(_age_line(n)) / 12) if index else v)
        for group, n in lines.items()
        for m, v in enumerate(_age_line(n), start=1)
    ]
    frame = pd.DataFrame(rows, columns=["month", "status", "index"])
    enc = dict(x=alt.X("month", title="Month of 2019"), y=alt.Y("index:Q", title="Seasonal index"))
    return (
        alt.Chart(frame)
        .mark_line()
        .encode(**enc, **({"color": "status:N"} if colour else {}))
        .properties(title="Ages 19 and under, 2019")
    )


from helpers.vocabulary import both  # noqa: E402  (labels in both languages, as the notebooks draw them)

from .monthly_raw import MONTHS_EN  # noqa: E402

# 05.4: ages 19 and under, all programmes: jobseekers line 49, reduced work capacity line 69, others line 89 (line 29: all)
_YOUNG = {"Arbeidssøkere på tiltak": 49, "Nedsatt arbeidsevne, på tiltak": 69, "Andre på tiltak": 89}
_MONTH_NAMES = MONTHS_EN  # the tests' own list (tests/monthly_raw.py)
CASES["05.4"] = (
    [
        _young_chart(_YOUNG),
        _young_chart(_YOUNG, months=lambda m: _MONTH_NAMES[m - 1]),
        _young_chart({both(g): n for g, n in _YOUNG.items()}, months=lambda m: f"2019-{m:02d}"),
    ],
    [
        (_young_chart(_YOUNG, index=False), "counts"),
        (_young_chart({**_YOUNG, "I alt": 29}), "more than asked"),
        (_young_chart(_YOUNG, colour=False), "color"),
    ],
)

# -- 06 What the audit found ---------------------------------------------------------------------
# Tabell 4 accounts (NOK 1 000), report lines 2089-2105: 239 845, 324 290, 218 463, 485 040, 641 518, 143 342, 650 399,
# 102 179 and APS 1 294 600 (line 2105); APS participants 7 055 of 7 055 + the other eight (lines 2089-2105).
_ACCOUNTS = [239845, 324290, 218463, 485040, 641518, 143342, 650399, 102179, 1294600]
_APS = round(100 * 1294600 / sum(_ACCOUNTS), 1)
CASES["06.1"] = (
    [_APS, f"{_APS} %", str(_APS).replace(".", ",") + " %", 100 * 1294600 / sum(_ACCOUNTS)],
    [(17, "all programme spending"), (_APS / 100, "per cent")],
)  # 17: "ca. 17 prosent", line 2114
CASES["06.2"] = (["c", "C", "(c)", "c) registered in work"], [("a", "cannot show what the programme caused"), ("b", "selection")])
# Tabell 7, line 2368: "Avklaring i skjermet virksomhet 10,7 6 78" (10.7 - 6); Avklaring 11,2 7 (line 2366) gives 4.2;
# Tabell 6, line 2315: "Avklaring 8,3 5 64" gives the largest gap there, 3.3.
CASES["06.3"] = ([4.7, "4,7", " 4.7 "], [(3.3, "Tabell 6"), (4.2, "longest mean wait"), (-4.7, "subtract the median")])
# Tabell 2, jobseekers without a plan: 77,8 75,3 72,6 68,2 65,1 (lines 1820-1828) and 2016* 57,0 (line 1830);
# Tabell 1, reduced work capacity: 44,1 45,1 44,1 45,3 45,7 (lines 1802-1810).
_JOBSEEKERS_NO_PLAN = {2011: 77.8, 2012: 75.3, 2013: 72.6, 2014: 68.2, 2015: 65.1}
_REDUCED_NO_PLAN = {2011: 44.1, 2012: 45.1, 2013: 44.1, 2014: 45.3, 2015: 45.7}


def _plan_chart(shares: dict[int, float], mark: str = "line", titles: bool = True, as_text: bool = False):
    """A chart of shares without a plan by year, as a learner might build it."""
    import altair as alt
    import pandas as pd

    frame = pd.DataFrame({"year": [str(y) if as_text else y for y in shares], "share": list(shares.values())})
    chart = getattr(alt.Chart(frame), f"mark_{mark}")().encode(
        x=alt.X("year:O", title="Year" if titles else None), y=alt.Y("share:Q", title="Without a plan (%)" if titles else None)
    )
    return chart.properties(title="Jobseekers without an activity plan") if titles else chart


CASES["06.4"] = (
    [_plan_chart(_JOBSEEKERS_NO_PLAN), _plan_chart(_JOBSEEKERS_NO_PLAN, as_text=True)],
    [
        (_plan_chart({**_JOBSEEKERS_NO_PLAN, 2016: 57.0}), "2016"),
        (_plan_chart(_REDUCED_NO_PLAN), "reduced work capacity"),
        (_plan_chart(_JOBSEEKERS_NO_PLAN, mark="bar"), "mark_line"),
        (_plan_chart(_JOBSEEKERS_NO_PLAN, titles=False), "title"),
    ],
)

# -- 07 Across the years -------------------------------------------------------------------------
CASES["07.1"] = (
    ["c", "C", " (c) "],
    [("b", "no source and no table shows a transfer"), ("d", "suppressed"), ("a", "found work")],
)
# Lønnstilskudd, May (5th column): 2021 "I alt lønnstilskudd" 11 971 (kjonn line 175); 2019 has no all-status line,
# so 6 992 + 2 025 + 276 (alder lines 740, 819, 872)
CASES["07.2"] = (
    [11971 - (6992 + 2025 + 276), "2 678", "2,678", "+2678"],
    [
        (-(11971 - (6992 + 2025 + 276)), "sign"),
        (11971 - 6992, "add the three status groups"),
        (11971 - 2 * (6992 + 2025 + 276), "age_group"),
    ],
)
# 07.3: reduced work capacity, NAV November 2016 (en_maaned lines 77-86) against Tabell 3's 2016 column (report lines 2002-2020):
# Avklaringstiltak 2 515 / 2 228 = +12.9 % is the largest gap among groups of 1 000 or more; Arbeidsrettet rehabilitering
# 600 / 492 = +22.0 % is larger but small; Opplæring 13 702 - 12 436 = 1 266 persons is the largest in persons;
# Oppfølging 10 403 / 10 549 = -1.4 % the smallest.
CASES["07.3"] = (
    ["Avklaringstiltak", "assessment", "Avklaringstiltak (Assessment)", " avklaringstiltak ", "Avklaring"],
    [("Arbeidsrettet rehabilitering", "fewer than a thousand"), ("Opplæring", "in persons"), ("Oppfølging", "smallest gap")],
)
# 07.4: jobseekers, NAV November 2016 (en_maaned lines 66-71) against Tabell 3's 2016 column (report lines 1986-1996)
_JS_NAV = {
    "Avklaringstiltak": 451,
    "Oppfølging": 4515,
    "Opplæring": 5143,
    "Lønnstilskudd": 2551,
    "Arbeidspraksis": 7534,
    "Jobbskaping og egenetablering": 137,
}
_JS_AUDIT = {
    "Avklaringstiltak": 379,
    "Oppfølging": 3747,
    "Opplæring": 4197,
    "Lønnstilskudd": 2043,
    "Arbeidspraksis": 6875,
    "Jobbskaping og egenetablering": 94,
}


def _gap_chart(values: dict[str, float], mark: str = "bar", vertical: bool = False):
    """Bars of a value per programme group, horizontal (or vertical), with titles, as a learner might draw them."""
    import altair as alt
    import pandas as pd

    frame = pd.DataFrame({"group": list(values), "gap": list(values.values())})
    if vertical:
        encoding = {"x": alt.X("group:N", title="Programme group"), "y": alt.Y("gap:Q", title="NAV above the audit (%)")}
    else:
        encoding = {"y": alt.Y("group:N", title="Programme group"), "x": alt.X("gap:Q", title="NAV above the audit (%)")}
    chart = getattr(alt.Chart(frame), f"mark_{mark}")().encode(**encoding)
    return chart.properties(title="Jobseekers: NAV's November 2016 against the audit's 2016 average")


_GAPS = {g: 100 * (_JS_NAV[g] / _JS_AUDIT[g] - 1) for g in _JS_NAV}
# the total: 20 331 (en_maaned line 29) against 17 335 (report line 1998)
CASES["07.4"] = (
    [_gap_chart(_GAPS), _gap_chart(_GAPS, vertical=True)],
    [
        (_gap_chart({**_GAPS, "I alt": 100 * (20331 / 17335 - 1)}), "'I alt'"),
        (_gap_chart({g: _JS_NAV[g] - _JS_AUDIT[g] for g in _JS_NAV}), "difference in persons"),
        (_gap_chart({g: 100 * _JS_NAV[g] / _JS_AUDIT[g] for g in _JS_NAV}), "subtract 100"),
        (_gap_chart(_GAPS, mark="line"), "mark_bar"),
    ],
)


# -- 08 The years since --------------------------------------------------------------------------
@functools.cache
def _oversikt() -> dict[tuple[str, str], int]:
    """The monthly series' status-group totals, read with the json module: (group, 'YYYY-MM') -> count."""
    records = json.loads((ROOT / "data" / "raw" / monthly_raw.file_name("oversikt")).read_text(encoding="utf-8"))
    return {(r["maalgruppe"], r["periode"][:7]): r["antall"] for r in records}


def _july_2024_ratio(group: str) -> float:
    """Centred 2x12 moving average by hand: July 2024 and the six months either side (half weight at the ends)."""
    counts = _oversikt()
    months = [f"{2024 + (m - 1) // 12}-{(m - 1) % 12 + 1:02d}" for m in range(1, 14)]  # 2024-01 .. 2025-01
    values = [
        sum(counts[(g, m)] for g in ([group] if group else ["Arbeidssøkere", "Nedsatt arbeidsevne", "Andre på tiltak"]))
        for m in months
    ]
    trend = (0.5 * values[0] + sum(values[1:12]) + 0.5 * values[12]) / 12
    return values[6] / trend


CASES["08.1"] = (
    [round(_july_2024_ratio("Nedsatt arbeidsevne"), 3), str(round(_july_2024_ratio("Nedsatt arbeidsevne"), 3)).replace(".", ",")],
    [
        (round(_july_2024_ratio(""), 3), "all three status groups"),
        (0.5, "too low"),
        # rolling(12, center=True) gives July the January-December 2024 average (oversikt.json, by hand)
        (
            round(
                _oversikt()[("Nedsatt arbeidsevne", "2024-07")]
                / (sum(_oversikt()[("Nedsatt arbeidsevne", f"2024-{m:02d}")] for m in range(1, 13)) / 12),
                3,
            ),
            "center=True",
        ),
    ],
)
# Jobseekers + others: May 2024 15 266 + 2 899 = 18 165, May 2025 15 279 + 5 937 = 21 216 (oversikt.json) -> +16.80 %;
# May 2023 from the same file (the "two years" mistake).
_MAY_2023 = _oversikt()[("Arbeidssøkere", "2023-05")] + _oversikt()[("Andre på tiltak", "2023-05")]
CASES["08.2"] = (
    [16.8, "16,8 %", 100 * (21216 - 18165) / 18165],
    [
        (100 * (15279 - 15266) / 15266, "jobseekers alone"),
        (21216 - 18165, "change in persons"),
        (100 * (21216 - _MAY_2023) / _MAY_2023, "two years"),
        (100 * (21216 - 18165) / 21216, "divides by may 2025"),
    ],
)


def _fall_08_3() -> list[tuple[float, str]]:
    """Programme groups' change over the copy's last twelve months (latest month from metadata.json), summed over
    the status groups of hovedgrupper.json; a null in either month leaves the group out. Sorted, largest fall first."""
    raw = ROOT / "data" / "raw"
    (meta,) = raw.glob("nav_tilt_*_metadata.json")
    latest = json.loads(meta.read_text(encoding="utf-8"))["sist_oppdatert"][:7]
    before = f"{int(latest[:4]) - 1}{latest[4:]}"
    (path,) = raw.glob("nav_tilt_*_hovedgrupper.json")
    change: dict[str, float] = {}
    for r in json.loads(path.read_text(encoding="utf-8")):
        if r["periode"][:7] in (before, latest):
            sign = 1 if r["periode"][:7] == latest else -1
            change[r["hovedgruppe"]] = change.get(r["hovedgruppe"], 0) + (
                float("nan") if r["antall"] is None else sign * r["antall"]
            )
    return sorted((v, g) for g, v in change.items() if v == v)


# The group that falls most in persons over the copy's last twelve months (in the copy exported in June 2026,
# May 2025 -> May 2026: Lønnstilskudd 12 719 -> 8 759, -3 960).
_FALL = _fall_08_3()
CASES["08.3"] = (
    [_FALL[0][1], _FALL[0][1].lower(), f" {_FALL[0][1]} "],
    [(_FALL[1][1], "less"), (_FALL[-1][1], "idxmin"), ("Noe annet", "not it")],
)


def _status_line(group: str | None, rule: str | None = "2025-04"):
    """An Altair line of one status group from oversikt.json (None: the three added up), with a rule at a month."""
    import altair as alt
    import pandas as pd

    counts = _oversikt()
    months = sorted({m for _, m in counts})
    groups = [group] if group else ["Arbeidssøkere", "Nedsatt arbeidsevne", "Andre på tiltak"]
    frame = pd.DataFrame({"month": pd.to_datetime(months), "persons": [sum(counts[(g, m)] for g in groups) for m in months]})
    line = alt.Chart(frame).mark_line().encode(x=alt.X("month:T", title="Month"), y=alt.Y("persons:Q", title="Persons"))
    if rule:
        line = line + alt.Chart(pd.DataFrame({"month": [pd.Timestamp(f"{rule}-01")]})).mark_rule().encode(x="month:T")
    return line.properties(title="Jobseekers on programmes")


def _status_line_text_months():
    """The same jobseekers' line built another way: long data, months as text, a filter, the rule as a datum."""
    import altair as alt
    import pandas as pd

    rows = pd.DataFrame([{"group": g, "month": m, "persons": v} for (g, m), v in _oversikt().items()])
    line = (
        alt.Chart(rows)
        .mark_line(point=True)
        .encode(x=alt.X("month:O", title="Month"), y=alt.Y("persons:Q", title="Persons on programmes"))
    )
    line = line.transform_filter(alt.datum.group == "Arbeidssøkere")
    return (line + alt.Chart(rows).mark_rule().encode(x=alt.datum("2025-04"))).properties(title="Jobseekers, April 2025 marked")


CASES["08.4"] = (
    [_status_line("Arbeidssøkere"), _status_line_text_months()],
    [
        (_status_line("Andre på tiltak"), "andre på tiltak"),
        (_status_line(None), "all three status groups"),
        (_status_line("Arbeidssøkere", rule=None), "mark_rule"),
        (_status_line("Arbeidssøkere", rule="2025-05"), "2025-05"),
    ],
)


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
def test_an_empty_answer_says_what_to_do_with_no_verdict_and_no_hint(exercise_id):
    for blank in (None, "", "   "):
        text = str(check(exercise_id, blank))
        assert text == f"Your turn ({exercise_id}): put your answer in place of None and run this cell."
        assert not any(word in text.casefold() for word in ("✔", "✘", "correct", "not yet", "hint")), text


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
