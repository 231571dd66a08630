"""The answer key: for each exercise, how the right answer is worked out from the data, and what
to tell a learner whose answer is one of the usual mistakes.

Kept out of the notebooks so that no answer is on the page before the learner has tried. Each
check computes its expected value from the tidy frames (``data()``, the loaders); nothing is
typed in. Sections follow the notebooks.
"""

from __future__ import annotations

import re

import pandas as pd

from . import definitions as d
from . import vocabulary as vocab
from .exercises import (
    as_label,
    as_number,
    as_range,  # noqa: F401  (for answer-key authors)
    choice,
    data,
    exercise,
    fold,
    judge_chart,
    judge_label,  # noqa: F401
    judge_month,
    judge_number,
    judge_range,  # noqa: F401
    label_names,
)
from .views import select  # noqa: F401

T = vocab.TOTAL


# -- 00 Start here -------------------------------------------------------------------------------
def _status(period: str) -> pd.Series:
    """Participants per status group in one month (every other dimension at its total)."""
    rows = select(data(), status_group=None)
    rows = rows[(rows["period"] == period) & (rows["status_group"] != T)]
    return rows.set_index("status_group")["value"].astype(int)


def _is_missing(answer: object) -> bool:
    """True for a NaN or <NA> answer: what the sum, max or share of an empty selection gives."""
    try:
        return answer is not None and not isinstance(answer, str) and bool(pd.isna(answer))
    except (TypeError, ValueError):
        return False


def _empty_month(month: str) -> str:
    return (
        f"that is NaN (no number): your selection is probably empty. `period` holds pandas Periods, so the text "
        f'\'{month}\' inside .query matches nothing: use a mask (`frame[frame["period"] == "{month}"]`) or '
        f'`pd.Period("{month}", "M")` with @ in .query.'
    )


@exercise("00.1", hint='keep the rows of `status` whose `period` is "2019-07", then take `.sum()` of their `value`.')
def _(answer):
    july = _status("2019-07")
    return judge_number(
        answer,
        july.sum(),
        0.5,
        "people on a programme in July 2019",
        mistakes={
            "that is one status group only: add all three.": july["Nedsatt arbeidsevne, på tiltak"],
            "that is the total for November 2016, not July 2019: change the month in your selection.": _status("2016-11").sum(),
            'that is January 2019, the first month of the year: keep the rows of "2019-07".': _status("2019-01").sum(),
            "0 is what an empty selection adds up to: your filter kept no rows. `period` holds pandas Periods, so "
            '`.query("period == \'2019-07\'")` matches nothing; use a mask, `status[status["period"] == "2019-07"]`, '
            "or a Period in .query, as under 'Picking one month'.": 0,
        },
    )


@exercise(
    "00.2", hint='select May 2021 ("2021-05") in `status`; divide the jobseekers\' `value` by the sum of all three, times 100.'
)
def _(answer):
    if _is_missing(answer):
        return False, _empty_month("2021-05")
    may = _status("2021-05")
    jobseekers = may["Arbeidssøkere på tiltak"]
    return judge_number(
        answer,
        100 * jobseekers / may.sum(),
        0.05,
        "of the participants in May 2021 were jobseekers",
        unit=" %",
        mistakes={
            "that is a share between 0 and 1: multiply by 100 to get per cent.": jobseekers / may.sum(),
            "that is the number of jobseekers; divide it by the month's total and multiply by 100.": jobseekers,
        },
    )


# -- 01 The definitions, executable --------------------------------------------------------------
_AS, _NAE, _OTHER = d.GROUP_JOBSEEKERS, d.GROUP_REDUCED_CAPACITY, d.GROUP_OTHER
HISTORIES_01 = {  # the histories notebook 01 builds for its exercises (tests/test_01_definitions.py compares)
    "01.1": d.make_history(
        "2021-01",
        [("Jobbklubb", d.JOBSEEKER)] * 2
        + [(None, d.JOBSEEKER)]
        + [("Jobbklubb", d.JOBSEEKER)] * 2
        + [(None, d.JOBSEEKER)] * 6
        + [{"in_work": True}],
    ),
    "01.2": d.make_history(
        "2021-01",
        [(None, d.REDUCED_CAPACITY)] * 2
        + [("Avklaring", d.JOBSEEKER)] * 4
        + [(None, d.JOBSEEKER)] * 5
        + [{"status": d.JOBSEEKER}],
    ),
    "01.3": d.make_history(
        "2021-01",
        [("Jobbklubb", d.JOBSEEKER)] * 3
        + [("Arbeidsmarkedsopplæring (AMO)", d.JOBSEEKER)] * 2
        + [(None, d.JOBSEEKER), ("Arbeidsmarkedsopplæring (AMO)", d.JOBSEEKER), (None, d.JOBSEEKER)]
        + [{"in_work": True, "benefit": True}, (None, d.JOBSEEKER), {}, (None, d.JOBSEEKER), {"in_work": True}],
    ),
}
_SHORT = {
    "arbeidssøker": _AS,
    "arbeidssøkere": _AS,
    "jobseeker": _AS,
    "jobseekers": _AS,
    "nedsatt arbeidsevne": _NAE,
    "reduced work capacity": _NAE,
    "andre": _OTHER,
    "others": _OTHER,
    "other": _OTHER,
}


@exercise(
    "01.1", hint="find the last month on Jobbklubb that is followed by two months off it; a one-month break is not an exit."
)
def _(answer):
    history = HISTORIES_01["01.1"]
    exit_month = pd.Period(d.exit_months(history)[0], "M")
    (brk,) = [m for m in d.exit_months(history, months_off=1) if m not in d.exit_months(history)]
    return judge_month(
        answer,
        exit_month,
        mistakes={
            "that month is followed by one month off and then job club again: a short break is not an exit.": pd.Period(brk, "M"),
            "that is the first month off; NAV counts the exit in the last month on the programme (the reference month).": exit_month
            + 1,
        },
    )


@exercise("01.2", hint="the person is a jobseeker when leaving; look at the five months before the exit month.")
def _(answer):
    history = HISTORIES_01["01.2"]
    group = d.exit_status_group(history, d.exit_months(history)[0])
    named = as_label(answer)
    answer = next((_SHORT[n] for n in named if n in _SHORT), answer)
    return judge_label(
        answer,
        group,
        mistakes={
            "the person is a jobseeker in the exit month, but had reduced work capacity within the five months before it: such exits "
            "are reclassified (the definitions page, line 7).": _AS,
            "the person has a registered status (jobseeker) in the exit month, so the exit is in one of NAV's two groups.": _OTHER,
        },
    )


def _six_month_status(named: set[str]) -> str | None:
    """The one of NAV's six statuses an answer names (Norwegian or English, folded), or None."""
    for status, english in d.SIX_MONTH_STATUSES.items():
        if named & (label_names(status) | label_names(english)):
            return status
    return None


@exercise(
    "01.3",
    hint="find the exit months first (a move to another programme is an exit, a one-month break is not), "
    "then read the month six months after the first of them.",
)
def _(answer):
    history = HISTORIES_01["01.3"]
    first, second = d.exit_months(history)[:2]
    right = d.status_after_exit(history, first)
    by_month = {r.month: r for r in history}
    break_month = next(m for m in d.exit_months(history, months_off=1) if m not in (first, second))

    def read_at(month: str) -> str:  # the status a learner gets who reads six months after ``month``
        return d.status_after_exit(history, month) if month in d.exit_months(history) else _status_in(by_month, month)

    pointers = {
        read_at(second): "that is six months after the exit from AMO. The move from job club to AMO is an exit too (job club "
        "stops for two months): the first exit is earlier.",
        _status_in(by_month, str(pd.Period(first, "M") + 7)): "that is six months after the first month off job club; NAV counts "
        "from the exit month, the last month on the programme.",
        _status_in(by_month, str(pd.Period(break_month, "M") + 6)): "that counts the one-month break from AMO as an exit; a "
        "break of one month is not an exit.",
    }
    pointers.pop(right, None)
    given = _six_month_status(as_label(answer))
    if given == right:
        return (
            True,
            f"{right} ({d.SIX_MONTH_STATUSES[right].lower()}): six months after the first exit, {pd.Period(first, 'M').strftime('%B %Y')} (the move to AMO).",
        )
    if given in pointers:
        return False, pointers[given]
    if given:
        return False, f"not '{given}': find the first exit month, then read the month six months later in the table."
    return False, "name one of the six statuses, in Norwegian or English, for example 'Annet' or 'other'."


def _status_in(by_month: dict, month: str) -> str:
    """The six-month status a record shows (as if the status were read in ``month``)."""
    record = by_month[month]
    if record.in_work:
        return "Arbeid og ytelse" if record.benefit else "I arbeid"
    if record.status == d.JOBSEEKER:
        return "Arbeidssøker"
    if record.status == d.REDUCED_CAPACITY:
        return "Nedsatt arbeidsevne"
    return "Uføre" if record.disability_benefit_only else "Annet"


@exercise(
    "01.4",
    hint="fix programme_group to 'Opplæring' and the month to May 2021; every other dimension stays 'I alt' (select does that).",
)
def _(answer):
    rows = select(data(), programme_group="Opplæring")
    may = rows.loc[rows["period"] == "2021-05", "value"].item()
    parts = select(data(), programme_group="Opplæring", status_group=None, gender=None)
    parts = parts[parts["period"] == "2021-05"].set_index(["status_group", "gender"])["value"]
    return judge_number(
        answer,
        may,
        0.5,
        "people on training (Opplæring) in May 2021",
        mistakes={
            'that is November 2016: pick the month May 2021 ("2021-05").': rows.loc[rows["period"] == "2016-11", "value"].item(),
            "you added the totals to their parts: keep only the row where status group and gender are 'I alt'.": parts.sum(),
            "that is the jobseekers only: set status_group to 'I alt'.": parts[(_AS, T)],
            "that is the women only: set gender to 'I alt'.": parts[(T, "Kvinner")],
        },
    )


def _groups_march_2021() -> pd.Series:
    """Participants per programme group in March 2021 (all status groups and genders), with the total 'I alt'."""
    rows = select(data(), programme_group=None)
    return rows[rows["period"] == "2021-03"].set_index("programme_group")["value"].astype(int)


@exercise(
    "01.5",
    hint="select(participants, programme_group=None) and keep March 2021 (a Period in .query, or a mask); drop "
    "the total 'I alt', take the largest value, divide it by the 'I alt' row and multiply by 100.",
)
def _(answer):
    if _is_missing(answer):
        return False, _empty_month("2021-03")
    march = _groups_march_2021()
    groups = march.drop(T)
    largest, total = groups.max(), march[T]
    november = select(data(), programme_group=None)
    november = november[november["period"] == "2016-11"].set_index("programme_group")["value"]
    top_2016 = november.drop(T).idxmax()
    return judge_number(
        answer,
        100 * largest / total,
        0.05,
        f"of all participants in March 2021 were on {vocab.both(groups.idxmax())}",
        kind="percent",
        mistakes={
            "100 % means the largest row you found is the total 'I alt' itself: drop it before you look for the largest group.": 100.0,
            f"that is {vocab.both(top_2016)}, the largest group in November 2016; in March 2021 another group is larger.": 100
            * march[top_2016]
            / total,
            "that is the second-largest group: sort the groups by value, largest first.": 100
            * groups.nlargest(2).iloc[1]
            / total,
            "that divides by the sum of the groups plus the total 'I alt', which counts everyone twice: divide by the 'I alt' row.": 100
            * largest
            / march.sum(),
            "that is the number of people on the largest group; divide it by the month's total and multiply by 100.": largest,
        },
    )


def _shares_2021() -> pd.DataFrame:
    """Each status group's share (per cent) of the month's participants, January-May 2021, as notebook 01's `sizes`."""
    rows = select(data(), status_group=None)
    rows = rows[(rows["source"] == "nav_tiltak_kjonn_2021-01_2021-05.txt") & (rows["status_group"] != T)]
    share = 100 * rows["value"] / rows.groupby("period")["value"].transform("sum")
    return pd.DataFrame(
        {
            "period": rows["period"],
            "abbrev": rows["period"].dt.strftime("%b"),
            "group": rows["status_group"],
            "english": rows["status_group"].map(vocab.english),
            "share": share.astype(float),
            "value": rows["value"].astype(float),
        }
    )


def _chart_01(answer, table: pd.DataFrame, y: str, **kwargs) -> tuple[bool, str]:
    """judge_chart over the ways a learner may label months (Period/date or 'Jan') and groups (NAV's or English)."""
    replies = []
    for x in ("period", "abbrev"):
        for color in ("group", "english"):
            correct, message = judge_chart(answer, table[[x, color, y]], x=x, y=y, color=color, **kwargs)
            if correct:
                return True, message
            replies.append(message)
    return False, next((m for m in replies if not m.startswith("none of the asked points")), replies[0])


@exercise(
    "01.6",
    hint='keep the rows of `sizes` whose period is in 2021 (`sizes[sizes["period"].dt.year == 2021]`), then '
    "alt.Chart(...).mark_line() with x the month (`date:T`), y `share:Q` and color `status:N`, and titles.",
)
def _(answer):
    shares = _shares_2021()
    correct, message = _chart_01(
        answer,
        shares,
        "share",
        mark="line",
        tolerance=0.06,
        what="each status group's share of the participants, January-May 2021",
    )
    if correct:
        return True, message
    counted, _ = _chart_01(answer, shares, "value", mark="line", tolerance=0.5, title=False, axis_titles=False)
    if counted:
        return False, "the chart draws the head counts (`value`); the question asks for the share: put `share` on y."
    return False, message


@exercise("01.7", hint="ask what the leavers of A and B are compared with. Answer 'a', 'b', 'c' or 'd'.")
def _(answer):
    return choice(
        answer,
        {
            "a": (
                False,
                "no: the share says where leavers are six months later, not what the programme added. Many would have found "
                "work anyway, and the two programmes take in different people.",
            ),
            "b": (
                False,
                "no: the statistic does not show that B's leavers were harder to place either; it says nothing about what "
                "either programme did, in either direction.",
            ),
            "c": (
                True,
                "yes: without a comparison with similar people who did not take part, the status after exit cannot show an "
                "effect. The audit says the same of its own figures; notebook 06 returns to this.",
            ),
            "d": (
                False,
                "no: a later reading has the same gap; however long after the exit it is read, nobody is compared with "
                "similar people who did not take part.",
            ),
        },
    )


# -- 02 Reading NAV's tables ---------------------------------------------------------------------
def _star_pair_02() -> tuple[int, int, int]:
    """Exercise 02.1: January 2021, AMO Enkeltplass, Forsøk: what the two stars hide together, and one star's bounds."""
    rows = select(data(), status_group=None, programme_group=None, programme="AMO Enkeltplass, Forsøk")
    row = rows[rows["period"] == "2021-01"].set_index("status_group")["value"]
    together = int(row[T] - row.drop(T).sum())
    return together, max(0, together - 3), min(3, together)


def damaged_line_02(seed: int = 12) -> tuple[int, str]:
    """Exercise 02.3: the excerpt line (1-based) and label that notebook 02's lose_a_tab(excerpt, seed) damages."""
    import random

    from .tidy import raw_line

    lines = [raw_line("nav_tiltak_en_maaned_2016-11.txt", n) for n in range(133, 154)]
    rows = [i for i, line in enumerate(lines) if line.count("\t") == 4 and not line.startswith(("\t", "<b>"))]
    i = random.Random(seed).choice(rows)
    return i + 1, lines[i].split("\t")[0]


@exercise(
    "02.1",
    hint="the total (line 153) minus the visible part (line 403) is what the two stars hide together; "
    "in a time series each star is 0-3.",
)
def _(answer):
    together, low, high = _star_pair_02()
    pair = [as_number(x) for x in (answer if isinstance(answer, (list, tuple)) else re.findall(r"\d+", str(answer)))]
    if len(pair) != 2 or None in pair:
        return False, "give two numbers, the smallest and the largest, for example (0, 3) or '0-3'."
    if tuple(pair) == (low, high):
        return True, f"{low} to {high}: the two stars hide {together} together, and neither can be more than 3."
    pointers = {
        (0, 3): "that is what any star in a time series can hide; use the total to narrow it down.",
        (1, 3): "1-3 is the range in the one-month table; this is a time series, and the total narrows it down.",
        (0, together): "each star is at most 3, so the other one is at least the rest: narrow both ends.",
    }
    return False, pointers.get(
        tuple(pair), "subtract the visible part from the total, then share the rest between two cells of 0-3."
    )


@exercise(
    "02.2", hint="select the row with a mask or select(...) (status group, programme) in the one-month table and read its 'line'."
)
def _(answer):
    rows = select(data(), status_group="Nedsatt arbeidsevne, på tiltak", programme_group=None, programme="Arbeidstrening")
    row = rows[rows["source"] == "nav_tiltak_en_maaned_2016-11.txt"]
    group = select(data(), programme_group="Arbeidspraksis").query("source == 'nav_tiltak_en_maaned_2016-11.txt'")
    answer = re.sub(r"(?i)line", "", answer) if isinstance(answer, str) else answer
    return judge_number(
        answer,
        row["line"].item(),
        0,
        "is the line",
        mistakes={
            "that is the number of people itself; give the line it is printed on (the 'line' column).": row["value"].item(),
            "that is the line of the whole programme group Arbeidspraksis; select the programme Arbeidstrening.": group[
                "line"
            ].item(),
        },
    )


@exercise(
    "02.3",
    hint="tabs look like spaces on screen; count the cells of each row against the header's four columns, "
    "or ask parse_table as the parser section did.",
)
def _(answer):
    line, label = damaged_line_02()
    if isinstance(answer, str) and answer.strip().lower() == label.lower():
        return True, f"line {line}, the '{label}' row: two of its numbers run together, so it has one cell too few."
    value = as_number(re.sub(r"(?i)line", "", answer)) if isinstance(answer, str) else as_number(answer)
    if value == line:
        return True, f"line {line}, the '{label}' row: two of its numbers run together, so it has one cell too few."
    if value == 132 + line:
        return False, "that is the line in the whole file; give the line number of the excerpt (on the left)."
    return False, "not that one: find the row with one cell too few, or run parse_table on the damaged excerpt."


@exercise("02.4", hint="keep the rows of May 2021 (a Period in .query) with measure 'participants' and add up 'suppressed'.")
def _(answer):
    rows = data()[data()["measure"] == "participants"]
    may = rows[rows["period"] == "2021-05"]
    return judge_number(
        answer,
        may["suppressed"].sum(),
        0,
        "stars in May 2021",
        mistakes={
            "that counts every month of the 2021 table; keep May 2021 only.": rows.loc[
                rows["source"] == may["source"].iloc[0], "suppressed"
            ].sum(),
            "that is the number of rows of May 2021; count only the starred ones (sum of 'suppressed').": len(may),
            "that is every star in the three tables; keep May 2021 only.": rows["suppressed"].sum(),
        },
    )


@exercise(
    "02.5",
    hint="for each option, ask whether the row total minus the visible cells still gives the hidden count. "
    "Answer 'a', 'b', 'c' or 'd'.",
)
def _(answer):
    return choice(
        answer,
        {
            "a": (
                False,
                "no: a footnote explains the star but does not stop anyone subtracting the visible cells from the total.",
            ),
            "b": (
                False,
                "no: printing 0 for a count above 0 is a wrong number, and the total would no longer equal the sum of its parts.",
            ),
            "c": (
                False,
                "no: the column is still printed, and the row total minus the visible cells gives the hidden count wherever "
                "it stands.",
            ),
            "d": (
                True,
                "yes: hiding a second cell (secondary suppression) leaves two unknowns for one total. Choose it with care: "
                "in the one-month table two stars that share a difference of two must both be one.",
            ),
        },
    )


def _stars_per_month_2019(how: str = "sum") -> pd.Series:
    """Participant numbers of the 2019 table (by age) printed as '*', per month (``how="size"``: all numbers)."""
    rows = data()[(data()["measure"] == "participants") & (data()["source"] == "nav_tiltak_alder_2019-01_2019-12.txt")]
    return rows.groupby("period")["suppressed"].agg(how).astype(float)


@exercise(
    "02.6",
    hint='keep the participant rows of the 2019 table (`counts.query("source == @by_age")`), '
    '`groupby("period")["suppressed"].sum()`, then alt.Chart(...).mark_line() with the month on x, '
    "the count on y, and titles.",
)
def _(answer):
    stars = _stars_per_month_2019()
    most, fewest = (
        " and ".join(m.strftime("%B") for m in stars.index[stars == extreme]) for extreme in (stars.max(), stars.min())
    )
    correct, message = judge_chart(
        answer,
        stars,
        x="period",
        y="stars",
        mark="line",
        tolerance=0,
        what=f"the number of stars in each month of 2019: most in {most}, fewest in {fewest}. "
        "Fewer people in a cell means more stars, so ask which programmes shrink or grow",
    )
    if correct:
        return True, message
    rows, _ = judge_chart(
        answer, _stars_per_month_2019("size"), x="period", y="stars", mark="line", tolerance=0, title=False, axis_titles=False
    )
    if rows:
        return False, (
            "the chart counts every participant number of each month, starred or not: add up the True/False "
            "column `suppressed` (`.sum()`), not the rows (`.size()` or `count`)."
        )
    parts = (
        data()[
            (data()["measure"] == "participants")
            & (data()["source"] == "nav_tiltak_alder_2019-01_2019-12.txt")
            & (data()["status_group"] != T)
        ]
        .groupby("period")["suppressed"]
        .sum()
        .astype(float)
    )
    if judge_chart(answer, parts, x="period", y="stars", mark="line", tolerance=0, title=False, axis_titles=False)[0]:
        return (
            False,
            "that leaves out the rows whose status group is the total 'I alt': count every participant number of the table.",
        )
    return False, message


# -- 03 Programme groups -------------------------------------------------------------------------
def _november(measure: str = "participants", **fixed) -> pd.Series:
    """One status group's or one programme group's printed values in November 2016, indexed by the other."""
    rows = select(data().query("source == 'nav_tiltak_en_maaned_2016-11.txt'"), measure=measure, **fixed)
    return rows.set_index("programme_group" if fixed.get("programme_group", T) is None else "status_group")["value"]


@exercise(
    "03.1",
    hint="keep the jobseekers' rows of `groups` with `query(\"status_group == 'Arbeidssøkere på tiltak'\")`, "
    "then divide the Arbeidspraksis count by the jobseekers' total and multiply by 100.",
)
def _(answer):
    jobseekers = _november(status_group="Arbeidssøkere på tiltak", programme_group=None)
    work_practice = _november(status_group=None, programme_group="Arbeidspraksis")
    expected = 100 * jobseekers["Arbeidspraksis"] / jobseekers[T]
    return judge_number(
        answer,
        expected,
        0.05,
        "of all jobseekers were on work practice",
        unit=" %",
        mistakes={
            "that is the jobseekers' share of the work-practice group; the question asks for work practice's share of all jobseekers.": 100
            * work_practice["Arbeidssøkere på tiltak"]
            / work_practice[T],
            "that is work practice's share of all participants; keep only the jobseekers' rows.": 100
            * work_practice[T]
            / _november()[T],
            "give the share in per cent (multiply by 100), not as a fraction.": expected / 100,
        },
    )


@exercise(
    "03.2",
    hint="the group total (the 'I alt' programme row of Tilrettelegging) was computed before suppression: "
    "subtract the visible programmes from it, as for the training group.",
)
def _(answer):
    rows = select(data().query("source == 'nav_tiltak_en_maaned_2016-11.txt'"), programme_group="Tilrettelegging", programme=None)
    total = rows.loc[rows["programme"] == T, "value"].item()
    expected = total - rows.loc[rows["programme"] != T, "value"].sum()
    training = select(data().query("source == 'nav_tiltak_en_maaned_2016-11.txt'"), programme_group="Opplæring", programme=None)
    example = training.loc[training["programme"] == T, "value"].item() - training.loc[training["programme"] != T, "value"].sum()
    copied = (
        {
            "that is what the training group's star hides (the worked example): do the same subtraction for "
            "Tilrettelegging's rows.": example
        }
        if example != expected
        else {}
    )
    return judge_number(
        answer,
        expected,
        0,
        "hidden behind the star: the total minus the visible programmes",
        mistakes={
            **copied,
            "a star in this table hides 1 to 3 persons, never 0 (nobody is an empty cell): subtract the visible programmes from the group total.": 0,
            "3 is only the largest value a star may hide; the group total tells you exactly.": 3 if expected != 3 else -1,
            "that is the group total; subtract the visible programmes from it.": total,
        },
    )


@exercise(
    "03.3",
    hint="keep the jobseekers' rows of `groups`, sort them by change_from_last_year_pct (largest first) and read "
    "change_from_last_year of the first row.",
)
def _(answer):
    one = (
        data()
        .query(
            "source == 'nav_tiltak_en_maaned_2016-11.txt' and programme == 'I alt' and status_group == 'Arbeidssøkere på tiltak' "
            "and programme_group != 'I alt'"
        )
        .pivot(index="programme_group", columns="measure", values="value")
    )
    ranked = one.sort_values("change_from_last_year_pct", ascending=False)
    top, most = ranked.iloc[0], one["change_from_last_year"].max()
    return judge_number(
        answer,
        top["change_from_last_year"],
        0,
        "persons: the rise behind the largest per cent",
        mistakes={
            "that is the per cent; the question asks for the change in persons.": top["change_from_last_year_pct"],
            "that group gained the most persons; the question asks for the group with the largest per cent rise.": most,
            "that is the group's count in November 2016; give its change from November 2015.": top["participants"],
            "that group has the second-largest per cent rise; sort by change_from_last_year_pct, largest first.": ranked.iloc[1][
                "change_from_last_year"
            ],
            "that is the change for all status groups of that programme group; keep the jobseekers' rows only.": data()
            .query(
                "source == 'nav_tiltak_en_maaned_2016-11.txt' and programme == 'I alt' and status_group == 'I alt' and "
                "programme_group == @top.name and measure == 'change_from_last_year'"
            )["value"]
            .item(),
        },
    )


# -- shared by 03-05's chart exercises -----------------------------------------------------------
def _chart_layer(chart: object, marks: tuple[str, ...]):
    """The first drawn layer with one of ``marks`` (its encodings and rows), or None."""
    from .exercises import _chart_spec, _layers

    spec, problem = _chart_spec(chart)
    if problem:
        return None
    return next((layer for layer in _layers(spec, spec.get("datasets", {})) if layer.mark in marks), None)


def _value_channel(layer) -> str:
    """'x' or 'y': the channel that carries the counts (quantitative), the other one the labels."""
    x = layer.encoding.get("x", {})
    return "x" if x.get("type") == "quantitative" or x.get("aggregate") else "y"


def _value_axis_titled(layer) -> bool:
    """The axis of the values has a title of the reader's (``title=`` on the encoding or its axis)."""
    channel = layer.encoding.get(_value_channel(layer), {})
    axis = channel.get("axis") if isinstance(channel.get("axis"), dict) else {}
    return bool(str(channel.get("title") or axis.get("title") or "").strip())


def _largest_first(layer) -> bool:
    """The bars run from the largest value to the smallest (top to bottom, or left to right)."""
    values = _value_channel(layer)
    labels = "y" if values == "x" else "x"
    enc, value_enc = layer.encoding.get(labels, {}), layer.encoding.get(values, {})
    sort = enc.get("sort", "ascending")
    if sort == f"-{values}":
        return True
    if isinstance(sort, dict):
        return sort.get("order") == "descending" and (
            sort.get("encoding") == values or sort.get("field") == value_enc.get("field")
        )
    rows = layer.rows
    if rows is None or enc.get("field") not in rows.columns or value_enc.get("field") not in rows.columns:
        return False
    drawn = dict(zip(rows[enc["field"]], pd.to_numeric(rows[value_enc["field"]], errors="coerce")))
    order = sort if isinstance(sort, list) else list(rows[enc["field"]]) if sort is None else None
    if order is None:
        return False
    sizes = [drawn[label] for label in order if label in drawn]
    return len(sizes) == len(drawn) and all(a >= b for a, b in zip(sizes, sizes[1:]))


def _gloss(label: object) -> object:
    try:
        return vocab.english(label)
    except KeyError:
        return label


_LABEL_FORMS = (lambda label: label, vocab.both, _gloss)  # NAV's label, "label (gloss)", the gloss


class _Built:
    """A learner's chart built once (``to_dict`` is the slow part), so that it can be judged many times."""

    def __init__(self, spec: dict) -> None:
        self.spec = spec

    def to_dict(self, validate: bool = False) -> dict:
        return self.spec

    @classmethod
    def of(cls, chart: object) -> object:
        if isinstance(chart, cls) or not hasattr(chart, "to_dict") or isinstance(chart, (pd.DataFrame, pd.Series)):
            return chart
        try:
            return cls(chart.to_dict(validate=False))
        except Exception:  # noqa: BLE001 - judge_chart turns the same error into a message
            return chart


def _drawn_keys(chart: object, marks: tuple[str, ...]) -> set:
    """Every value the chart's judged layer draws on a channel, in judge_chart's comparable form."""
    from .exercises import _cell_key

    layer = _chart_layer(chart, marks)
    if layer is None or layer.rows is None:
        return set()
    fields = [enc.get("field") for enc in layer.encoding.values() if isinstance(enc, dict)]
    return {_cell_key(v) for f in fields if f in layer.rows.columns for v in layer.rows[f].unique()[:500]}


def _best_form(values: pd.Series, forms, drawn: set):
    """The form of the expected keys that matches most of what the chart draws."""
    from .exercises import _cell_key

    return max(forms, key=lambda form: len({_cell_key(form(v)) for v in values} & drawn))


def _judge_chart_forms(
    chart: object,
    expected: pd.DataFrame,
    x: str,
    y: str,
    color: str | None = None,
    x_forms=(lambda v: v,),
    color_forms=(lambda v: v,),
    **options,
) -> tuple[bool, str]:
    """judge_chart with the expected keys in the form the learner drew them (labels in Norwegian, both
    languages or English; months as numbers, names or Periods): the form that matches most of the drawn
    values is chosen, then the chart is judged once."""
    chart = _Built.of(chart)
    marks = options.get("mark", "line")
    drawn = _drawn_keys(chart, (marks,) if isinstance(marks, str) else tuple(marks))
    keyed = expected.assign(**{x: expected[x].map(_best_form(expected[x], x_forms, drawn))})
    if color:
        keyed = keyed.assign(**{color: keyed[color].map(_best_form(expected[color], color_forms, drawn))})
    return judge_chart(chart, keyed, x=x, y=y, color=color, **options)


@exercise(
    "03.4",
    hint="keep the jobseekers' rows of `sizes` with pandas (leave out a count of 0), then alt.Chart(rows).mark_bar() "
    "with the count on one axis and the group on the other; `sort=` on the group's axis orders the bars.",
)
def _(answer):
    answer = _Built.of(answer)  # built once, judged several ways
    counts = _november(status_group="Arbeidssøkere på tiltak", programme_group=None).drop(T)

    def table(series: pd.Series) -> pd.DataFrame:
        return series.astype(float).rename("participants").rename_axis("group").reset_index()

    options = dict(x="group", y="participants", x_forms=_LABEL_FORMS, mark="bar", axis_titles=False)
    ok, message = _judge_chart_forms(
        answer, table(counts[counts > 0]), what="the jobseekers on each programme group they use", **options
    )
    if not ok:
        trials = {
            "leave out the groups where the jobseekers' count is 0: an empty cell in NAV's table, nobody uses them.": counts,
            "those are all status groups together; keep only the jobseekers' rows (status_group 'Arbeidssøkere på tiltak').": _november(
                programme_group=None
            ).drop(T),
        }
        for pointer, series in trials.items():
            if _judge_chart_forms(answer, table(series), title=False, **options)[0]:
                return False, pointer
        return False, message
    layer = _chart_layer(answer, ("bar",))
    if not _value_axis_titled(layer):
        return (
            False,
            "the bars are right; give the axis of the counts a title that says what is counted, and in which unit (title=...).",
        )
    if not _largest_first(layer):
        return False, "the bars are right; now order them, largest group at the top: `sort='-x'` on the axis of the groups."
    return True, message


# -- 04 Women and men ----------------------------------------------------------------------------
def _gender_month(month: str) -> pd.DataFrame:
    frame = data().query("source == 'nav_tiltak_kjonn_2021-01_2021-05.txt' and measure == 'participants'")
    return frame[frame["period"] == pd.Period(month, "M")]


def _share_bounds(month: str, star_high: int = 3) -> pd.DataFrame:
    """Women's share per programme (all status groups) as bounds, as notebook 04's women_bounds works it out."""
    rows = _gender_month(month)
    inside = rows.query("status_group != 'I alt' and programme != 'I alt'")
    cells = inside.assign(low=inside["value"].fillna(0).astype(int), high=inside["value"].fillna(star_high).astype(int))
    keys = ["programme", "status_group"]
    wide = cells.pivot(index=keys, columns="gender", values=["low", "high"])  # one cell each: no sum that could hide a star
    lo, hi = (wide[v].fillna(0) for v in ("low", "high"))  # a gender with no row printed: nobody, as notebook 04 reads it
    parts = pd.DataFrame(
        {
            "wl": lo["Kvinner"].combine(lo[T] - hi["Menn"], max),
            "wh": hi["Kvinner"].combine(hi[T] - lo["Menn"], min),
            "ml": lo["Menn"].combine(lo[T] - hi["Kvinner"], max),
            "mh": hi["Menn"].combine(hi[T] - lo["Kvinner"], min),
        }
    )
    out = parts.groupby(level="programme").sum()
    total = (
        rows.query("status_group == 'I alt' and gender == 'I alt' and programme != 'I alt'")
        .set_index("programme")["value"]
        .reindex(out.index)
    )
    out["low"] = 100 * out["wl"].combine(total.fillna(0) - out["mh"], max) / total
    out["high"] = 100 * out["wh"].combine(total.fillna(star_high) - out["ml"], min) / total
    return out


@exercise(
    "04.1",
    hint="run women_bounds on the January rows (gender[gender['period'] == pd.Period('2021-01', 'M')]) and read "
    "share_low and share_high of your programme.",
)
def _(answer):
    if not isinstance(answer, (tuple, list)) or len(answer) not in (2, 3):
        return False, 'give a tuple: (programme, lowest share, highest share), for example ("Mentor", 40.1, 42.3).'
    name, bounds = answer[0], [answer[1], answer[-1]]
    january = _share_bounds("2021-01")
    found = [p for p in january.index if as_label(name) & label_names(p)]
    if not found:
        return (
            False,
            f"{name!r} is not a programme of the 2021 table; use NAV's name as printed (the `programme` column) or its English gloss.",
        )
    row, may, zero = (
        january.loc[found[0]],
        _share_bounds("2021-05").loc[found[0]],
        _share_bounds("2021-01", star_high=0).loc[found[0]],
    )
    if pd.isna(row["low"]):
        return (
            False,
            f"the total of {vocab.both(found[0])} is a star in January: no share can be computed. Pick another programme.",
        )
    verdicts = [
        judge_number(
            given,
            expected,
            0.05,
            unit=" %",
            mistakes={
                "that is May; the question asks for January 2021.": may[end],
                "you read every star as 0; a star hides 0 to 3 persons, so the highest possible share uses 3.": zero[end]
                if zero[end] != row[end]
                else -1,
                "give the share in per cent (multiply by 100), not as a fraction.": expected / 100,
            },
        )
        for given, expected, end in zip(bounds, (row["low"], row["high"]), ("low", "high"))
    ]
    if all(ok for ok, _ in verdicts):
        exact = round(row["low"], 1) == round(row["high"], 1)
        return True, f"{vocab.both(found[0])}, January 2021: women's share {row['low']:.1f}" + (
            "" if exact else f"-{row['high']:.1f}"
        ) + " %."
    return False, next(message for ok, message in verdicts if not ok)


@exercise(
    "04.2",
    hint="keep the rows with status_group 'I alt', programme_group 'Lønnstilskudd' and programme 'I alt' for January 2021, "
    "then take the value for Menn minus the value for Kvinner.",
)
def _(answer):
    def gap(month):
        rows = select(_gender_month(month), gender=None, programme_group="Lønnstilskudd").set_index("gender")["value"]
        return rows["Menn"] - rows["Kvinner"], rows

    expected, rows = gap("2021-01")
    value = as_number(answer)
    return judge_number(
        abs(value) if value is not None else answer,
        expected,
        0,
        "more men than women on wage subsidies in January 2021",
        mistakes={
            "that is May 2021; the question asks for January.": gap("2021-05")[0],
            "that is the number of men; subtract the number of women.": rows["Menn"],
            "that is the number of women; the question asks for men minus women.": rows["Kvinner"],
        },
    )


@exercise(
    "04.3",
    hint="look up what a star can hide in a time series (the note at the top of NAV's table, and 01 The definitions), "
    "then ask which statement the starred months alone can support.",
)
def _(answer):
    return choice(
        answer,
        {
            "a": (
                False,
                "a star is not a zero: in a time series it hides 0, 1, 2 or 3 persons, so the table cannot say that nobody took part.",
            ),
            "b": (
                True,
                "right: in a time series a star hides 0 to 3 persons, and a row keeps its place in months with nobody, so each "
                "starred month held somewhere between none and three; the table alone cannot say which.",
            ),
            "c": (
                False,
                "1 to 3 is the rule of the one-month table of November 2016, where an empty cell means nobody; in a time "
                "series a row keeps its place in months with nobody, so a star can also hide 0.",
            ),
        },
    )


def _group_gaps(month: str, status_group: str) -> pd.DataFrame:
    """Women minus men per programme group for one status group and month; unknown (<NA>) where a count is a star or not printed."""
    rows = _gender_month(month).query("status_group == @status_group and programme == @T and programme_group != @T")
    wide = rows.pivot(index="programme_group", columns="gender", values="value")
    gap = (wide["Kvinner"].astype("Float64") - wide["Menn"].astype("Float64")).rename("gap")
    return gap.rename_axis("group").reset_index()


@exercise(
    "04.4",
    hint="keep the May 2021 rows of `gender` for Andre på tiltak whose programme is 'I alt' (the group rows), put women "
    "and men side by side with `pivot`, subtract, and draw one bar per group with mark_bar(); "
    "think about what a star should become.",
)
def _(answer):
    answer = _Built.of(answer)  # built once, judged several ways
    expected = _group_gaps("2021-05", "Andre på tiltak")
    options = dict(x="group", y="gap", x_forms=_LABEL_FORMS, mark="bar", axis_titles=False)
    ok, message = _judge_chart_forms(answer, expected, what="women minus men among other participants, May 2021", **options)
    if not ok:
        trials = {
            "those are all status groups together (the chart above); keep the rows of Andre på tiltak.": _group_gaps(
                "2021-05", T
            ),
            "the bars point the wrong way: the question asks for women minus men.": expected.assign(gap=-expected["gap"]),
            "that is January 2021; the question asks for May.": _group_gaps("2021-01", "Andre på tiltak"),
        }
        for pointer, table in trials.items():
            if _judge_chart_forms(answer, table, title=False, **options)[0]:
                return False, pointer
        return False, message
    if not _value_axis_titled(_chart_layer(answer, ("bar",))):
        return (
            False,
            "the bars are right; give the axis of the differences a title that says what it measures, in persons (title=...).",
        )
    return True, message


# -- 05 Seasons and age --------------------------------------------------------------------------
AGE_2019 = "nav_tiltak_alder_2019-01_2019-12.txt"


def _ages_2019(status_group: str = T) -> pd.DataFrame:
    """2019 participants by age group (rows) and month 1-12 (columns), all programmes, one status group."""
    rows = select(data(), status_group=status_group, age_group=None, source=AGE_2019).query("age_group != @T")
    return rows.assign(month=rows["period"].dt.month).pivot(index="age_group", columns="month", values="value").astype(float)


def _fall_by_age() -> tuple[pd.Series, float]:
    """Each age group's fall in persons from the total's peak month to its lowest month, and the total fall."""
    total = select(data(), source=AGE_2019).assign(month=lambda r: r["period"].dt.month).set_index("month")["value"].astype(float)
    ages = _ages_2019()
    return ages[total.idxmax()] - ages[total.idxmin()], total.max() - total.min()


@exercise(
    "05.1",
    hint="select the jobseekers' rows from `groups` as the first cell selected `ages` (status_group == "
    "'Arbeidssøkere på tiltak'), `pivot` them, divide each row by its mean as for `status`, and read "
    "row '19 år og under', column 7.",
)
def _(answer):
    young = _ages_2019("Arbeidssøkere på tiltak").loc["19 år og under"]
    everyone = _ages_2019().loc["19 år og under"]
    return judge_number(
        answer,
        100 * young[7] / young.mean(),
        0.06,
        "is July's index for jobseekers aged 19 and under",
        mistakes={
            "that is the index of all status groups (the heatmap): keep only the jobseekers' rows.": 100
            * everyone[7]
            / everyone.mean(),
            "you divided by the year's highest month; the index divides by the mean of the 12 months.": 100
            * young[7]
            / young.max(),
            "that is a ratio: multiply by 100 for the index.": young[7] / young.mean(),
            "that is June: July is column 7.": 100 * young[6] / young.mean(),
            "that is August: July is column 7.": 100 * young[8] / young.mean(),
        },
    )


@exercise(
    "05.2",
    hint="an age group's part of the fall is its count in the peak month minus its count in July (columns "
    "`peak` and `trough` of `ages`); compare it with `fall`, the fall of the total.",
)
def _(answer):
    by_age, fall = _fall_by_age()
    young = by_age["19 år og under"]
    counts = _ages_2019().loc["19 år og under"]
    return judge_number(
        answer,
        100 * young / fall,
        0.05,
        "of the fall came from ages 19 and under",
        unit=" %",
        mistakes={
            "that is the number of persons: divide it by the total fall (`fall`) and multiply by 100.": young,
            "that is the group's fall relative to its own March count; divide by the fall of the total instead.": 100
            * young
            / counts[3],
            "that is a share between 0 and 1: multiply by 100 for per cent.": young / fall,
            "you used the group's own highest month; use the total's peak month (`peak`) for every age group.": 100
            * (counts.max() - counts[7])
            / fall,
        },
    )


@exercise("05.3", hint="compute the fall in persons for every age group at once, as in 05.2, and find the largest (`idxmax`).")
def _(answer):
    by_age, _ = _fall_by_age()
    ranked = by_age.sort_values(ascending=False)
    return judge_label(
        answer,
        ranked.index[0],
        mistakes={
            "the youngest dip deepest relative to their size (the index), but they are few: count the persons, March minus July.": "19 år og under",
            f"{ranked.index[1]} gives the second most persons; compare again.": ranked.index[1],
        },
    )


_MONTH_FORMS = (
    lambda m: m,
    lambda m: pd.Timestamp(2019, m, 1).strftime("%B"),
    lambda m: pd.Timestamp(2019, m, 1).strftime("%b"),
    lambda m: pd.Period(f"2019-{m:02d}", "M"),
)  # 7, "July", "Jul", 2019-07


def _young_index(age_group: str = "19 år og under") -> pd.DataFrame:
    """The seasonal index of one age group in each status group, 2019: rows (month, status_group, index)."""
    rows = select(data(), status_group=None, age_group=age_group, source=AGE_2019).query("status_group != @T")
    wide = rows.assign(month=rows["period"].dt.month).pivot(index="status_group", columns="month", values="value").astype(float)
    return (100 * wide.div(wide.mean(axis=1), axis=0)).stack().rename("index").reset_index()


@exercise(
    "05.4",
    hint="select the rows of ages 19 and under for each status group from `groups` (programme_group 'I alt'), pivot "
    "them as for `status`, divide each row by its mean, then `stack()` and `reset_index()` for one row per point; "
    "one line per status group is `color=`.",
)
def _(answer):
    answer = _Built.of(answer)  # built once, judged several ways
    expected = _young_index()
    options = dict(
        x="month", y="index", color="status_group", x_forms=_MONTH_FORMS, color_forms=_LABEL_FORMS, mark="line", tolerance=0.06
    )
    ok, message = _judge_chart_forms(
        answer, expected, what="the yearly rhythm of ages 19 and under in each status group", **options
    )
    if ok:
        return ok, message
    counts = select(data(), status_group=None, age_group="19 år og under", source=AGE_2019).query("status_group != @T")
    counts = counts.assign(month=counts["period"].dt.month, index=counts["value"].astype(float))[
        ["month", "status_group", "index"]
    ]
    trials = {
        "those are every age group's indexes together; keep age_group '19 år og under'.": _young_index(T),
        "those are the counts; divide each status group's row by its own mean and multiply by 100.": counts,
    }
    for pointer, table in trials.items():
        if _judge_chart_forms(answer, table, title=False, axis_titles=False, **{**options, "tolerance": 0.5})[0]:
            return False, pointer
    return False, message


# -- 06 What the audit found ---------------------------------------------------------------------
def _audit_wide(n: int) -> pd.DataFrame:
    """Tabell n of the audit with one column per measure (Tabell 4, 6 and 7 have one row per programme)."""
    from . import audit

    return audit.load_audit_table(n).pivot(index="scheme", columns="measure", values="value")


@exercise(
    "06.1",
    hint="keep the rows of Tabell 4 whose measure is 'accounts', index them by scheme, and divide the row of "
    "Arbeidspraksis i skjermet virksomhet by the sum of all rows.",
)
def _(answer):
    from . import audit

    t4 = _audit_wide(4)
    aps = "Arbeidspraksis i skjermet virksomhet"
    expected = 100 * t4.loc[aps, "accounts"] / t4["accounts"].sum()
    participants = 100 * t4.loc[aps, "mean_monthly_participants"] / t4["mean_monthly_participants"].sum()
    report = audit.load_audit_findings().set_index("id").loc["aps_share_of_spending_pct"]
    return judge_number(
        answer,
        expected,
        0.15,
        "of the nine programmes' accounts in 2016 went to APS",
        unit=" %",
        mistakes={
            f"that is the report's share of all programme spending (line {report['line']}); the question asks for the nine programmes "
            "of Tabell 4 only": report["value"],
            "that is APS's share of the participants per month; use the accounts": participants,
            "give a share in per cent (multiply the fraction by 100)": expected / 100,
        },
    )


@exercise("06.2", hint="think about who is counted, and what would have happened without the programme.")
def _(answer):
    return choice(
        answer,
        {
            "a": (
                False,
                "not quite: a statistic of transition to work cannot show what the programme caused. Some had a job before they "
                "started, and some would have found one anyway; there is no comparison group.",
            ),
            "b": (
                False,
                "not quite: the share says nothing about who was chosen for a programme. Whether NAV picked people closer to work "
                "is a question of selection, which this statistic cannot answer either way.",
            ),
            "c": (
                True,
                "the statistic counts who is registered in work after leaving a programme. It includes people who already had a "
                "job and people who would have found one anyway, so it describes outcomes, not effects.",
            ),
        },
    )


@exercise(
    "06.3",
    hint="pivot Tabell 7 so that mean and median are columns, as waiting_rows does, subtract the median "
    "from the mean and take the largest value with .max().",
)
def _(answer):
    gaps = {n: _audit_wide(n)["mean"] - _audit_wide(n)["median"] for n in (6, 7)}
    longest_mean = _audit_wide(7)["mean"].idxmax()
    return judge_number(
        answer,
        gaps[7].max(),
        0.05,
        "(the largest mean-minus-median gap in Tabell 7)",
        unit=" months",
        mistakes={
            "that is the largest gap in Tabell 6 (waiting for a programme only); use Tabell 7": gaps[6].max(),
            "that is the gap of the programme with the longest mean wait; compare the gaps of all programmes": gaps[7][
                longest_mean
            ],
            "subtract the median from the mean, not the other way round": -gaps[7].max(),
        },
    )


@exercise(
    "06.4",
    hint="`plans.query(\"status_group_en == 'jobseekers' and year != @audit.INFLATED_YEAR\")`, then "
    '`alt.Chart(...).mark_line().encode(x=alt.X("year:O", title=...), y=alt.Y("share_without_plan:Q", title=...))` '
    "and `.properties(title=...)`.",
)
def _(answer):
    from . import audit

    shares = pd.concat([audit.load_audit_table(1), audit.load_audit_table(2)]).query("measure == 'share_without_plan'")
    by_group = {g: rows.set_index("year")["value"] for g, rows in shares.groupby("status_group_en")}
    comparable = by_group["jobseekers"].drop(audit.INFLATED_YEAR)
    probes = {
        f"the line still has {audit.INFLATED_YEAR}, which is artificially large (note under Tabell 2): leave that year out.": by_group[
            "jobseekers"
        ],
        "that line is people with reduced work capacity (Tabell 1): keep the jobseekers.": by_group["reduced work capacity"].drop(
            audit.INFLATED_YEAR
        ),
        f"that line is people with reduced work capacity (Tabell 1), with {audit.INFLATED_YEAR}: keep the jobseekers, and leave "
        f"{audit.INFLATED_YEAR} out.": by_group["reduced work capacity"],
    }
    for pointer, series in probes.items():
        if _judge_years(answer, series, title=False, axis_titles=False)[0]:
            return False, pointer
    return _judge_years(
        answer, comparable, what=f"the jobseekers' share without a plan, {comparable.index.min()}-{comparable.index.max()}"
    )


def _judge_years(answer: object, shares: pd.Series, **options) -> tuple[bool, str]:
    """judge_chart for a series by year, whether the chart has the years as numbers or as text ("2011")."""
    ok, message = judge_chart(answer, shares, x="year", y="share", mark="line", tolerance=0.05, **options)
    if not ok and "none of the asked points" in message:
        as_text = judge_chart(answer, shares.rename(index=str), x="year", y="share", mark="line", tolerance=0.05, **options)
        if as_text[0] or "none of the asked points" not in as_text[1]:
            return as_text
    return ok, message


# -- 07 Across the years -------------------------------------------------------------------------
def _group_07(month: str, group: str) -> pd.Series:
    """A programme group's total per status group in one month (all genders and ages), as printed."""
    rows = select(data(), status_group=None, programme_group=group)
    rows = rows[rows["period"] == pd.Period(month, "M")]
    assert not rows["suppressed"].any(), "no star in the totals these checks use"
    return rows.set_index("status_group")["value"].astype(int)


@exercise(
    "07.1",
    hint="filter the crosswalk to programme_group 'Helsemessig utredning/behandling' and read the relation and "
    "successor of its rows.",
)
def _(answer):
    health = _group_07("2016-11", "Helsemessig utredning/behandling")
    facts = (
        f"the group had {health[T]:,} participants in November 2016 ({health['Andre på tiltak']:,} of them other participants, "
        "Andre på tiltak); the crosswalk marks both its programmes 'ended', with no successor"
    )
    explain = {
        "a": "not so: the tables count people on programmes, not where they go afterwards; nothing here says they found work.",
        "b": f"no source and no table shows a transfer: {facts}. A move to another group is a guess, not a reading.",
        "c": f"{facts}, and no table after 2016 prints the group. Where its participants went is not shown, so its absence is "
        "neither a measured fall nor a known move.",
        "d": "not so: a suppressed cell is printed as '*' and its row stays in the table. Here the group has no line at all.",
    }
    choice = str(answer).strip().lower().strip("() .")
    return (choice == "c", explain[choice]) if choice in explain else (False, "answer 'a', 'b', 'c' or 'd'.")


@exercise(
    "07.2",
    hint="all_status_groups(counts) gives one row per month, programme group and programme; take the rows "
    "('2019-05', 'Lønnstilskudd', 'I alt') and ('2021-05', 'Lønnstilskudd', 'I alt') and subtract.",
)
def _(answer):
    before, after = _group_07("2019-05", "Lønnstilskudd"), _group_07("2021-05", "Lønnstilskudd")
    parts = before.drop(T, errors="ignore")
    expected = after[T] - parts.sum()
    mistakes = {
        f"that is the change for {vocab.both(s)} only; add the three status groups": after[s] - parts[s] for s in parts.index
    }
    mistakes |= {
        f"for May 2019 that takes {vocab.both(s)} only; add the three status groups": after[T] - parts[s] for s in parts.index
    }
    mistakes |= {
        "the size is right but the sign is not: the group was larger in May 2021, so the change is positive": -expected,
        "May 2019 is counted twice: the 2019 table also breaks the groups down by age; keep age_group 'I alt' only": after[T]
        - 2 * parts.sum(),
        "May 2021 is counted twice: its 'I alt' line already holds the three status groups": 2 * after[T] - parts.sum(),
    }
    return judge_number(
        answer,
        expected,
        0,
        f"persons: {after[T]:,} in May 2021 against {parts.sum():,} in May 2019 (the three status groups added up)",
        mistakes=mistakes,
    )


def _gaps_07(status_group: str) -> pd.DataFrame:
    """The audit's 2016 average (Tabell 3) and NAV's November 2016 count per programme group of one status group, and the
    gap in per cent, merged as 07's `side_by_side` does (Tabell 3's category names mapped to NAV's programme groups)."""
    from .audit import load_audit_table

    names = {"Oppfølgingstiltak": "Oppfølging", "Opplæringstiltak": "Opplæring", "Jobbskaping": "Jobbskaping og egenetablering"}
    group_en = {"Arbeidssøkere på tiltak": "jobseekers", "Nedsatt arbeidsevne, på tiltak": "reduced work capacity"}[status_group]  # noqa: F841 (used by .query as @group_en)
    t3 = load_audit_table(3).query("year == 2016 and not is_total and status_group_en == @group_en")
    audit = t3.assign(programme_group=t3["scheme_category"].replace(names)).set_index("programme_group")["value"]
    nav = select(data(), status_group=status_group, programme_group=None)
    nav = nav[(nav["period"] == pd.Period("2016-11", "M")) & (nav["programme_group"] != T)].set_index("programme_group")["value"]
    frame = pd.DataFrame({"audit": audit, "nav": nav}).dropna().astype(float)
    return frame.assign(gap=100 * (frame["nav"] / frame["audit"] - 1), difference=frame["nav"] - frame["audit"])


@exercise(
    "07.3",
    hint="in `side_by_side`, keep status_group 'Nedsatt arbeidsevne, på tiltak' and leave out programme_group 'I alt'; "
    "add a column 100 * (value_nav / value_audit - 1); keep value_audit >= 1000; take `idxmax()` of the new column "
    "with programme_group as the index.",
)
def _(answer):
    reduced = _gaps_07("Nedsatt arbeidsevne, på tiltak")
    large = reduced[reduced["audit"] >= 1000]
    expected = large["gap"].idxmax()
    small = reduced["gap"].idxmax()
    persons = large["difference"].idxmax()
    jobseekers = _gaps_07("Arbeidssøkere på tiltak")
    mistakes = {}
    if small != expected:
        mistakes[
            f"that group has the largest gap, but fewer than a thousand participants in the audit's average "
            f"({reduced.loc[small, 'audit']:,.0f}): keep the groups with at least a thousand."
        ] = small
    if persons != expected:
        mistakes["that group is furthest above in persons; the question asks for per cent of the audit's average."] = persons
    mistakes["that group is the closest (the smallest gap): take the largest, `idxmax()`."] = large["gap"].idxmin()
    js_large = jobseekers[jobseekers["audit"] >= 1000]["gap"].idxmax()
    if js_large not in (expected, *mistakes.values()):
        mistakes["that is the jobseekers' largest gap: keep the rows of Nedsatt arbeidsevne, på tiltak."] = js_large
    if isinstance(answer, str) and any(f"{name}stiltak" == fold(expected) for name in as_label(answer)):
        answer = expected  # "Avklaring" for the group Avklaringstiltak, as Tabell 3 and NAV's programmes shorten it
    ok, message = judge_label(answer, expected, mistakes=mistakes)
    if ok:
        message += f" NAV's November 2016 count is {large.loc[expected, 'gap']:.1f} % above the audit's 2016 average there."
    return ok, message


@exercise(
    "07.4",
    hint="`side_by_side.query(\"status_group == 'Arbeidssøkere på tiltak' and programme_group != 'I alt'\")`, add "
    '`gap_pct = 100 * (value_nav / value_audit - 1)`, then `alt.Chart(...).mark_bar().encode(x=alt.X("gap_pct:Q", '
    'title=...), y=alt.Y("programme_group:N", title=...))` and `.properties(title=...)`.',
)
def _(answer):
    jobseekers = _gaps_07("Arbeidssøkere på tiltak")
    totals = _group_07("2016-11", T)
    from .audit import load_audit_table

    audit_total = load_audit_table(3).query("is_total and year == 2016 and status_group_en == 'jobseekers'")["value"].item()
    with_total = pd.concat([jobseekers["gap"], pd.Series({T: 100 * (totals["Arbeidssøkere på tiltak"] / audit_total - 1)})])
    probes = {
        "that chart has a bar for the total, 'I alt': leave it out, so that every bar is a programme group.": with_total,
        "those bars are people with reduced work capacity: keep the rows of Arbeidssøkere på tiltak.": _gaps_07(
            "Nedsatt arbeidsevne, på tiltak"
        )["gap"],
        "those bars are the difference in persons: divide by the audit's average (value_audit), subtract 1 and multiply by 100.": jobseekers[
            "difference"
        ],
        "those bars are NAV's count as a share of the audit's average (about 120 %): subtract 100, so that a bar shows how far above it is.": jobseekers[
            "gap"
        ]
        + 100,
        "those bars divide by NAV's count: the gap is measured from the audit's average (value_audit).": 100
        * (1 - jobseekers["audit"] / jobseekers["nav"]),
    }
    for pointer, series in probes.items():
        if judge_chart(answer, series, x="group", y="gap", mark="bar", tolerance=0.05, title=False, axis_titles=False)[0]:
            return False, pointer
    return judge_chart(
        answer,
        jobseekers["gap"],
        x="group",
        y="gap",
        mark="bar",
        tolerance=0.05,
        what="the jobseekers' gap in per cent for each programme group",
    )


# -- 08 The years since --------------------------------------------------------------------------
def _by_status() -> pd.DataFrame:
    """The monthly series' participants per status group (columns) and month (rows)."""
    from .monthly import load_monthly_series

    rows = load_monthly_series().query("programme_group == @T and programme == @T")
    return rows.pivot(index="period", columns="status_group", values="value").astype(float)


def _centred_trend(series: pd.Series) -> pd.Series:
    weights = [0.5] + [1.0] * 11 + [0.5]
    return series.rolling(13, center=True).apply(lambda window: sum(w * v for w, v in zip(weights, window)) / 12)


def _by_group_08() -> pd.DataFrame:
    """Programme groups (rows) by month (columns), all status groups added up; a hidden count in any
    status group leaves the month unknown, as 08's `by_group` does (never a hidden count as 0)."""
    from .monthly import load_monthly_series

    groups = load_monthly_series().query("programme == @T and programme_group != @T")
    return (
        groups.groupby(["programme_group", "period"])["value"]
        .agg(lambda v: v.sum() if v.notna().all() else pd.NA)
        .unstack("period")
    )


@exercise(
    "08.1",
    hint='copy the two lines that made `trend` and `ratio` for the total, with `by_status["Nedsatt arbeidsevne, på tiltak"]` '
    'in place of `total`; then take the value for "2024-07".',
)
def _(answer):
    reduced = _by_status()["Nedsatt arbeidsevne, på tiltak"]
    month = pd.Period("2024-07", "M")
    total = _by_status().sum(axis=1)
    expected = (reduced / _centred_trend(reduced))[month]
    return judge_number(
        answer,
        expected,
        0.001,
        "is July 2024's seasonal ratio",
        kind="ratio",
        mistakes={
            "that is the ratio of all three status groups together: use the reduced-work-capacity column.": (
                total / _centred_trend(total)
            )[month],
            "that divides by the average of January-December 2024, which is also what `rolling(12, center=True)` gives for July: "
            "twelve months cannot sit evenly around one month (six before, five after). Average two neighbouring twelve-month "
            "averages (`.rolling(2).mean()`) and shift the result back with `shift(-6)`, as the section does.": reduced[month]
            / reduced[reduced.index.year == 2024].mean(),
            "the trend is the average of two twelve-month averages, but it still ends in July: shift it back to the middle "
            "month with `shift(-6)`, as the section does.": (reduced / reduced.rolling(12).mean().rolling(2).mean())[month],
            "that trend is a plain 13-month average: the two end months get half weight (average two twelve-month averages).": (
                reduced / reduced.rolling(13, center=True).mean()
            )[month],
            "that trend is the twelve months up to July, not around it: shift it back to the middle month with `shift(-6)`.": (
                reduced / reduced.rolling(12).mean()
            )[month],
            "that is the ratio in per cent: give it as a ratio (below 1 means below trend).": 100 * expected,
        },
    )


@exercise("08.2", hint='add the two columns of `by_status` into one series first, then compare "2025-05" with "2024-05".')
def _(answer):
    status = _by_status()
    pair = status["Arbeidssøkere på tiltak"] + status["Andre på tiltak"]
    jobseekers = status["Arbeidssøkere på tiltak"]
    start, end = pd.Period("2024-05", "M"), pd.Period("2025-05", "M")
    earlier = pd.Period("2023-05", "M")
    return judge_number(
        answer,
        100 * (pair[end] - pair[start]) / pair[start],
        0.05,
        "change, May 2024 to May 2025",
        unit=" %",
        mistakes={
            "that is the jobseekers alone, whose level the register change moved: add Andre på tiltak first.": 100
            * (jobseekers[end] - jobseekers[start])
            / jobseekers[start],
            "that is the change in persons: divide it by the May 2024 level and multiply by 100.": pair[end] - pair[start],
            "that compares May 2023 with May 2025, two years: the question asks for the twelve months from May 2024.": 100
            * (pair[end] - pair[earlier])
            / pair[earlier],
            "that divides by May 2025: a change is measured from where it starts, May 2024.": 100
            * (pair[end] - pair[start])
            / pair[end],
        },
    )


@exercise(
    "08.3",
    hint="`latest` is the latest month and `latest - 12` the same month a year before; subtract the older column of "
    "`by_group` from the newer one and take the label of the most negative difference (`idxmin`).",
)
def _(answer):
    by_group = _by_group_08().astype("Float64")
    latest = by_group.columns.max()
    start, end = by_group[latest - 12], by_group[latest]
    fall = (end - start).dropna().sort_values()
    share = ((end - start) / start).dropna()
    return judge_label(
        answer,
        fall.index[0],
        mistakes={
            "that group fell most in per cent, from a small base; the question asks for persons.": share.idxmin(),
            "that group fell too, but less: compare the differences in persons.": fall.index[1],
            "that group grew or fell least: the most negative difference is the largest fall (`idxmin`, not `idxmax`).": fall.index[
                -1
            ],
        },
    )


def _rule_months(chart: object) -> set[str]:
    """The months ('YYYY-MM') at which a chart draws a vertical rule (`mark_rule` with an x position)."""
    from .exercises import _cell_key

    try:
        spec = chart.to_dict(validate=False)
    except Exception:  # noqa: BLE001 - a chart Altair cannot build has no rule
        return set()
    datasets, found = spec.get("datasets", {}), set()

    def walk(node: dict, data: object) -> None:
        data = node.get("data", data)
        for sub in node.get("layer", []):
            walk(sub, data)
        mark = node.get("mark")
        if (mark.get("type") if isinstance(mark, dict) else mark) != "rule":
            return
        x = node.get("encoding", {}).get("x", {})
        if "datum" in x:
            found.add(_cell_key(x["datum"]))
        elif "value" not in x and "field" in x and isinstance(data, dict):
            rows = datasets.get(data.get("name"), data.get("values", []))
            found.update(_cell_key(row.get(x["field"])) for row in rows if isinstance(row, dict))

    walk(spec, None)
    return {key for key in found if isinstance(key, str)}


@exercise(
    "08.4",
    hint='make a frame with one row per month (`by_status["Arbeidssøkere på tiltak"].reset_index()`, the month as a '
    "timestamp with `.dt.to_timestamp()`), draw it with `alt.Chart(...).mark_line()` and titles, then add "
    '`alt.Chart(pd.DataFrame({"month": [pd.Timestamp("2025-04-01")]})).mark_rule().encode(x="month:T")` with `+`.',
)
def _(answer):
    status = _by_status()
    jobseekers = status["Arbeidssøkere på tiltak"]
    others = {
        "that line is Andre på tiltak (other participants): draw the jobseekers, Arbeidssøkere på tiltak.": status[
            "Andre på tiltak"
        ],
        "that line is all three status groups together: draw the jobseekers only.": status.sum(axis=1),
        "that line is the jobseekers and other participants added up: draw the jobseekers only, and let the rule "
        "mark where they were most likely counted differently.": jobseekers + status["Andre på tiltak"],
    }
    for pointer, series in others.items():
        if judge_chart(answer, series, x="month", y="persons", mark="line", title=False, axis_titles=False)[0]:
            return False, pointer
    ok, message = judge_chart(
        answer, jobseekers, x="month", y="persons", mark="line", what="the jobseekers on programmes month by month"
    )
    if not ok:
        return ok, message
    rules = _rule_months(answer)
    if "2025-04" not in rules:
        where = f" (your rule stands at {', '.join(sorted(rules))})" if rules else ""
        return False, (
            "the line is right; now mark the register change: layer a vertical rule (`mark_rule`) at April 2025"
            f"{where} with `+`, so that a reader sees where the counting most likely changed."
        )
    return True, message + " The rule at April 2025 marks the register change."
