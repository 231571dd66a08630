"""The answer key: for each exercise, how the right answer is worked out from the data, and what
to tell a learner whose answer is one of the usual mistakes.

Kept out of the notebooks so that no answer is on the page before the learner has tried. Each
check computes its expected value from the tidy frames (``data()``, the loaders); nothing is
typed in. Sections follow the notebooks.

Every text a learner reads is written twice, ``say(English, bokmål)``, inside the check function, so
that ``language("nb")`` chooses it when the check runs; each ``@exercise`` has a ``hint_nb``. A
``judge_number`` call names its ``kind`` explicitly: the kind would otherwise be read from the words of
``what``, and those words change with the language. tests/test_feedback_nb.py feeds every answer a
check knows back in both languages.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import TypeVar

import pandas as pd

from . import definitions as d
from . import vocabulary as vocab
from .exercises import (
    as_label,
    as_number,
    as_range,  # noqa: F401  (for answer-key authors)
    choice,
    data,
    decimal_comma,
    exercise,
    fold,
    judge_chart,
    judge_label,  # noqa: F401
    judge_month,
    judge_number,
    judge_range,  # noqa: F401
    label_names,
    language,
    record,
    month_text,
    number_text,
    say,
)
from .views import select  # noqa: F401

T = vocab.TOTAL
Worked = TypeVar("Worked")


def _fresh(value: object) -> object:
    """A copy a caller may change: pandas objects are copied, tuples copied item by item, the rest is immutable."""
    if isinstance(value, (pd.DataFrame, pd.Series)):
        return value.copy()
    if isinstance(value, tuple):
        return tuple(_fresh(item) for item in value)
    return value


def _worked_out(function: Callable[..., Worked]) -> Callable[..., Worked]:
    """Work a data helper's result out once per kernel: every check (and every try of a learner) asks for the same
    numbers of the same loaded tables, and some take a second to compute. Each call gets its own copy."""
    cached = functools.cache(function)

    @functools.wraps(function)
    def fresh(*args, **kwargs):
        return _fresh(cached(*args, **kwargs))

    fresh.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    return fresh


# -- 00 Start here -------------------------------------------------------------------------------
@_worked_out
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
    return say(
        f"that is NaN (no number): your selection is probably empty. `period` holds pandas Periods, so the text "
        f'\'{month}\' inside .query matches nothing: use a mask (`frame[frame["period"] == "{month}"]`) or '
        f'`pd.Period("{month}", "M")` with @ in .query.',
        f"det er NaN (ikke noe tall): utvalget ditt er trolig tomt. `period` inneholder pandas Periods, så teksten "
        f'\'{month}\' inne i .query treffer ingen rader: bruk en maske (`frame[frame["period"] == "{month}"]`) eller '
        f'`pd.Period("{month}", "M")` med @ i .query.',
    )


@exercise(
    "00.1",
    hint='keep the rows of `status` whose `period` is "2019-07", then take `.sum()` of their `value`.',
    hint_nb='behold radene i `status` der `period` er "2019-07", og ta `.sum()` av `value` i dem.',
)
def _(answer):
    july = _status("2019-07")
    return judge_number(
        answer,
        july.sum(),
        0.5,
        say("people on a programme in July 2019", "personer på tiltak i juli 2019"),
        kind="persons",
        mistakes={
            say("that is one status group only: add all three.", "det er bare én hovedgruppe: legg sammen alle tre."): july[
                "Nedsatt arbeidsevne, på tiltak"
            ],
            say(
                "that is the total for November 2016, not July 2019: change the month in your selection.",
                "det er summen for november 2016, ikke juli 2019: bytt måned i utvalget ditt.",
            ): _status("2016-11").sum(),
            say(
                'that is January 2019, the first month of the year: keep the rows of "2019-07".',
                'det er januar 2019, årets første måned: behold radene for "2019-07".',
            ): _status("2019-01").sum(),
            say(
                "0 is what an empty selection adds up to: your filter kept no rows. `period` holds pandas Periods, so "
                '`.query("period == \'2019-07\'")` matches nothing; use a mask, `status[status["period"] == "2019-07"]`, '
                "or a Period in .query, as under 'Picking one month'.",
                "0 er summen av et tomt utvalg: filteret ditt beholdt ingen rader. `period` inneholder pandas Periods, så "
                '`.query("period == \'2019-07\'")` treffer ingenting; bruk en maske, `status[status["period"] == "2019-07"]`, '
                "eller en Period i .query, som i avsnittet «Picking one month».",
            ): 0,
        },
    )


@exercise(
    "00.2",
    hint='select May 2021 ("2021-05") in `status`; divide the jobseekers\' `value` by the sum of all three, times 100.',
    hint_nb='velg mai 2021 ("2021-05") i `status`; del arbeidssøkernes `value` på summen av alle tre, og gang med 100.',
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
        say("of the participants in May 2021 were jobseekers", "av deltakerne i mai 2021 var arbeidssøkere"),
        unit=" %",
        kind="percent",
        mistakes={
            say(
                "that is a share between 0 and 1: multiply by 100 to get per cent.",
                "det er en andel mellom 0 og 1: gang med 100 for å få prosent.",
            ): jobseekers / may.sum(),
            say(
                "that is the number of jobseekers; divide it by the month's total and multiply by 100.",
                "det er antallet arbeidssøkere; del det på summen for måneden og gang med 100.",
            ): jobseekers,
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
    "01.1",
    hint="find the last month on Jobbklubb that is followed by two months off it; a one-month break is not an exit.",
    hint_nb="finn den siste måneden på Jobbklubb som følges av to måneder uten tiltaket; et opphold på én måned er ikke en avgang.",
)
def _(answer):
    history = HISTORIES_01["01.1"]
    exit_month = pd.Period(d.exit_months(history)[0], "M")
    (brk,) = [m for m in d.exit_months(history, months_off=1) if m not in d.exit_months(history)]
    return judge_month(
        answer,
        exit_month,
        mistakes={
            say(
                "that month is followed by one month off and then job club again: a short break is not an exit.",
                "etter den måneden kommer én måned uten tiltak og så jobbklubb igjen: et kort opphold er ikke en avgang.",
            ): pd.Period(brk, "M"),
            say(
                "that is the first month off; NAV counts the exit in the last month on the programme (the reference month).",
                "det er den første måneden uten tiltak; NAV teller avgangen i den siste måneden på tiltaket (referansemåneden).",
            ): exit_month + 1,
        },
    )


@exercise(
    "01.2",
    hint="the person is a jobseeker when leaving; look at the five months before the exit month.",
    hint_nb="personen er arbeidssøker ved avgangen; se på de fem månedene før avgangsmåneden.",
)
def _(answer):
    history = HISTORIES_01["01.2"]
    group = d.exit_status_group(history, d.exit_months(history)[0])
    named = as_label(answer)
    answer = next((_SHORT[n] for n in named if n in _SHORT), answer)
    return judge_label(
        answer,
        group,
        mistakes={
            say(
                "the person is a jobseeker in the exit month, but had reduced work capacity within the five months before it: "
                "such exits are reclassified (the definitions page, line 7).",
                "personen er arbeidssøker i avgangsmåneden, men hadde nedsatt arbeidsevne i løpet av de fem månedene før: "
                "slike avganger omklassifiseres (definisjonssiden, linje 7).",
            ): _AS,
            say(
                "the person has a registered status (jobseeker) in the exit month, so the exit is in one of NAV's two groups.",
                "personen har en registrert status (arbeidssøker) i avgangsmåneden, så avgangen telles i en av de to andre hovedgruppene.",
            ): _OTHER,
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
    hint_nb="finn avgangsmånedene først (en overgang til et annet tiltak er en avgang, et opphold på én måned er det ikke), "
    "og les så måneden seks måneder etter den første av dem.",
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
        read_at(second): say(
            "that is six months after the exit from AMO. The move from job club to AMO is an exit too (job club "
            "stops for two months): the first exit is earlier.",
            "det er seks måneder etter avgangen fra AMO. Overgangen fra jobbklubb til AMO er også en avgang (jobbklubben "
            "stopper i to måneder): den første avgangen kommer tidligere.",
        ),
        _status_in(by_month, str(pd.Period(first, "M") + 7)): say(
            "that is six months after the first month off job club; NAV counts from the exit month, the last month on the "
            "programme.",
            "det er seks måneder etter den første måneden uten jobbklubb; NAV teller fra avgangsmåneden, den siste måneden på "
            "tiltaket.",
        ),
        _status_in(by_month, str(pd.Period(break_month, "M") + 6)): say(
            "that counts the one-month break from AMO as an exit; a break of one month is not an exit.",
            "da regnes oppholdet på én måned fra AMO som en avgang; et opphold på én måned er ikke en avgang.",
        ),
    }
    pointers.pop(right, None)
    record("label", right)
    for status, pointer in pointers.items():
        record("label", status, pointer)
    given = _six_month_status(as_label(answer))
    if given == right:
        return True, say(
            f"{right} ({d.SIX_MONTH_STATUSES[right].lower()}): six months after the first exit, "
            f"{month_text(pd.Period(first, 'M'))} (the move to AMO).",
            f"{right}: seks måneder etter den første avgangen, {month_text(pd.Period(first, 'M'))} (overgangen til AMO).",
        )
    if given in pointers:
        return False, pointers[given]
    if given:
        return False, say(
            f"not '{given}': find the first exit month, then read the month six months later in the table.",
            f"ikke «{given}»: finn den første avgangsmåneden, og les så måneden seks måneder senere i tabellen.",
        )
    return False, say(
        "name one of the six statuses, in Norwegian or English, for example 'Annet' or 'other'.",
        "oppgi en av de seks statusene, på norsk eller engelsk, for eksempel «Annet» eller «other».",
    )


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
    hint_nb="sett programme_group til 'Opplæring' og måneden til mai 2021; alle andre dimensjoner står på 'I alt' (det gjør select).",
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
        say("people on training (Opplæring) in May 2021", "personer på opplæringstiltak (Opplæring) i mai 2021"),
        kind="persons",
        mistakes={
            say(
                'that is November 2016: pick the month May 2021 ("2021-05").',
                'det er november 2016: velg måneden mai 2021 ("2021-05").',
            ): rows.loc[rows["period"] == "2016-11", "value"].item(),
            say(
                "you added the totals to their parts: keep only the row where status group and gender are 'I alt'.",
                "du har lagt summene til delene sine: behold bare raden der hovedgruppe og kjønn er 'I alt'.",
            ): parts.sum(),
            say(
                "that is the jobseekers only: set status_group to 'I alt'.",
                "det er bare arbeidssøkerne: sett status_group til 'I alt'.",
            ): parts[(_AS, T)],
            say("that is the women only: set gender to 'I alt'.", "det er bare kvinnene: sett gender til 'I alt'."): parts[
                (T, "Kvinner")
            ],
        },
    )


@_worked_out
def _groups_march_2021() -> pd.Series:
    """Participants per programme group in March 2021 (all status groups and genders), with the total 'I alt'."""
    rows = select(data(), programme_group=None)
    return rows[rows["period"] == "2021-03"].set_index("programme_group")["value"].astype(int)


@exercise(
    "01.5",
    hint="select(participants, programme_group=None) and keep March 2021 (a Period in .query, or a mask); drop "
    "the total 'I alt', take the largest value, divide it by the 'I alt' row and multiply by 100.",
    hint_nb="bruk select(participants, programme_group=None) og behold mars 2021 (en Period i .query, eller en maske); "
    "ta bort summen 'I alt', finn den største verdien, del den på raden 'I alt' og gang med 100.",
)
def _(answer):
    if _is_missing(answer):
        return False, _empty_month("2021-03")
    if isinstance(answer, (tuple, list)) and len(answer) == 2 and not decimal_comma(answer):
        return False, say(
            "you gave two values; the answer is one number: the share in per cent.",
            "du ga to verdier; svaret skal være ett tall: andelen i prosent.",
        )
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
        say(
            f"of all participants in March 2021 were on {vocab.both(groups.idxmax())}",
            f"av alle deltakerne i mars 2021 var på {groups.idxmax()}",
        ),
        kind="percent",
        mistakes={
            say(
                "100 % means the largest row you found is the total 'I alt' itself: drop it before you look for the largest group.",
                "100 % betyr at den største raden du fant, er selve summen 'I alt': ta den bort før du leter etter den største "
                "gruppen.",
            ): 100.0,
            say(
                f"that is {vocab.both(top_2016)}, the largest group in November 2016; in March 2021 another group is larger.",
                f"det er {top_2016}, den største gruppen i november 2016; i mars 2021 er en annen gruppe større.",
            ): 100 * march[top_2016] / total,
            say(
                "that is the second-largest group: sort the groups by value, largest first.",
                "det er den nest største gruppen: sorter gruppene etter verdi, største først.",
            ): 100 * groups.nlargest(2).iloc[1] / total,
            say(
                "that divides by the sum of the groups plus the total 'I alt', which counts everyone twice: divide by the "
                "'I alt' row.",
                "da deler du på summen av gruppene pluss summen 'I alt', og alle telles to ganger: del på raden 'I alt'.",
            ): 100 * largest / march.sum(),
            say(
                "that is the number of people on the largest group; divide it by the month's total and multiply by 100.",
                "det er antallet personer i den største gruppen; del det på summen for måneden og gang med 100.",
            ): largest,
        },
    )


@_worked_out
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


_NONE_DRAWN = ("none of the values asked for", "ingen av verdiene som oppgaven ber om")  # judge_chart: nothing asked is drawn


def _chart_01(answer, table: pd.DataFrame, y: str, **kwargs) -> tuple[bool, str]:
    """judge_chart over the ways a learner may label months (Period/date or 'Jan') and groups (NAV's or English)."""
    replies = []
    for x in ("period", "abbrev"):
        for color in ("group", "english"):
            correct, message = judge_chart(answer, table[[x, color, y]], x=x, y=y, color=color, **kwargs)
            if correct:
                return True, message
            replies.append(message)
    return False, next((m for m in replies if not m.startswith(_NONE_DRAWN)), replies[0])


@exercise(
    "01.6",
    hint='keep the rows of `sizes` whose period is in 2021 (`sizes[sizes["period"].dt.year == 2021]`), then '
    "alt.Chart(...).mark_line() with x the month (`date:T`), y `share:Q` and color `status:N`, and titles.",
    hint_nb='behold radene i `sizes` der perioden er i 2021 (`sizes[sizes["period"].dt.year == 2021]`), og lag så '
    "alt.Chart(...).mark_line() med måneden på x (`date:T`), `share:Q` på y og `status:N` som farge (`color`), og med titler.",
)
def _(answer):
    shares = _shares_2021()
    correct, message = _chart_01(
        answer,
        shares,
        "share",
        mark="line",
        tolerance=0.06,
        what=say(
            "each status group's share of the participants, January-May 2021",
            "hver hovedgruppes andel av deltakerne, januar–mai 2021",
        ),
    )
    if correct:
        return True, message
    counted, _ = _chart_01(answer, shares, "value", mark="line", tolerance=0.5, title=False, axis_titles=False)
    if counted:
        return False, say(
            "the chart draws the head counts (`value`); the question asks for the share: put `share` on y.",
            "diagrammet viser antall personer (`value`); oppgaven spør etter andelen: legg `share` på y.",
        )
    return False, message


@exercise(
    "01.7",
    hint="ask what the leavers of A and B are compared with. Answer 'a', 'b', 'c' or 'd'.",
    hint_nb="still deg selv spørsmålet: hva sammenlignes de som går ut av A og B, med? Svar 'a', 'b', 'c' eller 'd'.",
)
def _(answer):
    return choice(
        answer,
        {
            "a": (
                False,
                say(
                    "no: the share says where leavers are six months later, not what the programme added. Many would have "
                    "found work anyway, and the two programmes take in different people.",
                    "nei: andelen sier hvor de som gikk ut, er seks måneder senere, ikke hva tiltaket tilførte. Mange ville "
                    "fått jobb uansett, og de to tiltakene har ulike deltakere.",
                ),
            ),
            "b": (
                False,
                say(
                    "no: the statistic does not show that B's leavers were harder to place either; it says nothing about what "
                    "either programme did, in either direction.",
                    "nei: statistikken viser heller ikke at de som gikk ut av B, var vanskeligere å formidle; den sier ingenting "
                    "om virkningen av noen av tiltakene.",
                ),
            ),
            "c": (
                True,
                say(
                    "yes: without a comparison with similar people who did not take part, the status after exit cannot show an "
                    "effect. The audit says the same of its own figures; notebook 06 returns to this.",
                    "ja: uten en sammenligning med lignende personer som ikke deltok, kan status etter avgang ikke vise en "
                    "effekt. Riksrevisjonen sier det samme om sine egne tall; notatbok 06 kommer tilbake til dette.",
                ),
            ),
            "d": (
                False,
                say(
                    "no: a later reading has the same gap; however long after the exit it is read, nobody is compared with "
                    "similar people who did not take part.",
                    "nei: en senere måling har den samme mangelen; uansett hvor lenge etter avgangen den leses, sammenlignes "
                    "ingen med lignende personer som ikke deltok.",
                ),
            ),
        },
    )


# -- 02 Reading NAV's tables ---------------------------------------------------------------------
@_worked_out
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
    hint_nb="summen (linje 153) minus den synlige delen (linje 403) er det de to prikkede cellene skjuler til sammen; "
    "i en tidsserie skjuler hver prikk 0–3.",
)
def _(answer):
    together, low, high = _star_pair_02()
    pointers = {
        (0, 3): say(
            "that is what any star in a time series can hide; use the total to narrow it down.",
            "det er det enhver prikk i en tidsserie kan skjule; bruk summen til å snevre det inn.",
        ),
        (1, 3): say(
            "1-3 is the range in the one-month table; this is a time series, and the total narrows it down.",
            "1–3 gjelder i tabellen for én måned; dette er en tidsserie, og summen snevrer det inn.",
        ),
        (0, together): say(
            "each star is at most 3, so the other one is at least the rest: narrow both ends.",
            "hver prikk skjuler høyst 3, så den andre prikken må skjule minst resten: snevre inn begge grensene.",
        ),
    }
    record("range", (low, high))
    for wrong, pointer in pointers.items():
        record("range", wrong, pointer)
    pair = [as_number(x) for x in (answer if isinstance(answer, (list, tuple)) else re.findall(r"\d+", str(answer)))]
    if len(pair) != 2 or None in pair:
        return False, say(
            "give two numbers, the smallest and the largest, for example (0, 3) or '0-3'.",
            "gi to tall, det minste og det største, for eksempel (0, 3) eller '0-3'.",
        )
    if tuple(pair) == (low, high):
        return True, say(
            f"{low} to {high}: the two stars hide {together} together, and neither can be more than 3.",
            f"{low} til {high}: de to prikkede cellene skjuler {together} til sammen, og ingen av dem kan være mer enn 3.",
        )
    return False, pointers.get(
        tuple(pair),
        say(
            "subtract the visible part from the total, then share the rest between two cells of 0-3.",
            "trekk den synlige delen fra summen, og fordel så resten på to celler med 0–3 hver.",
        ),
    )


@exercise(
    "02.2",
    hint="select the row with a mask or select(...) (status group, programme) in the one-month table and read its 'line'.",
    hint_nb="velg raden med en maske eller select(...) (hovedgruppe, tiltak) i tabellen for én måned, og les kolonnen 'line'.",
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
        say("is the line", "er linjen"),
        kind="line",
        mistakes={
            say(
                "that is the number of people itself; give the line it is printed on (the 'line' column).",
                "det er selve antallet personer; oppgi linjen det står på (kolonnen 'line').",
            ): row["value"].item(),
            say(
                "that is the line of the whole programme group Arbeidspraksis; select the programme Arbeidstrening.",
                "det er linjen for hele tiltaksgruppen Arbeidspraksis; velg tiltaket Arbeidstrening.",
            ): group["line"].item(),
        },
    )


@exercise(
    "02.3",
    hint="tabs look like spaces on screen; count the cells of each row against the header's four columns, "
    "or ask parse_table as the parser section did.",
    hint_nb="tabulatorer ser ut som mellomrom på skjermen; tell cellene i hver rad mot overskriftens fire kolonner, "
    "eller spør parse_table, slik avsnittet om parseren gjorde.",
)
def _(answer):
    line, label = damaged_line_02()
    whole_file = say(
        "that is the line in the whole file; give the line number of the excerpt (on the left).",
        "det er linjen i hele filen; oppgi linjenummeret i utdraget (til venstre).",
    )
    record("number", line)
    record("number", 132 + line, whole_file)
    right = say(
        f"line {line}, the '{label}' row: two of its numbers run together, so it has one cell too few.",
        f"linje {line}, raden «{label}»: to av tallene har vokst sammen, så raden har én celle for lite.",
    )
    if isinstance(answer, str) and answer.strip().lower() == label.lower():
        return True, right
    value = as_number(re.sub(r"(?i)line", "", answer)) if isinstance(answer, str) else as_number(answer)
    if value == line:
        return True, right
    if value == 132 + line:
        return False, whole_file
    return False, say(
        "not that one: find the row with one cell too few, or run parse_table on the damaged excerpt.",
        "ikke den raden: se etter raden med én celle for lite, eller kjør parse_table på det skadde utdraget.",
    )


@exercise(
    "02.4",
    hint="keep the rows of May 2021 (a Period in .query) with measure 'participants' and add up 'suppressed'.",
    hint_nb="behold radene for mai 2021 (en Period i .query) med measure 'participants', og summer 'suppressed'.",
)
def _(answer):
    rows = data()[data()["measure"] == "participants"]
    may = rows[rows["period"] == "2021-05"]
    return judge_number(
        answer,
        may["suppressed"].sum(),
        0,
        say("stars in May 2021", "prikkede celler i mai 2021"),
        kind="stars",
        mistakes={
            say(
                "that counts every month of the 2021 table; keep May 2021 only.",
                "da teller du alle månedene i 2021-tabellen; behold bare mai 2021.",
            ): rows.loc[rows["source"] == may["source"].iloc[0], "suppressed"].sum(),
            say(
                "that is the number of rows of May 2021; count only the starred ones (sum of 'suppressed').",
                "det er antallet rader i mai 2021; tell bare de prikkede (summen av 'suppressed').",
            ): len(may),
            say(
                "that is every star in the three tables; keep May 2021 only.",
                "det er alle de prikkede cellene i de tre tabellene; behold bare mai 2021.",
            ): rows["suppressed"].sum(),
        },
    )


@exercise(
    "02.5",
    hint="for each option, ask whether the row total minus the visible cells still gives the hidden count. "
    "Answer 'a', 'b', 'c' or 'd'.",
    hint_nb="vurder for hvert alternativ om radsummen minus de synlige cellene fortsatt gir det skjulte tallet. "
    "Svar 'a', 'b', 'c' eller 'd'.",
)
def _(answer):
    return choice(
        answer,
        {
            "a": (
                False,
                say(
                    "no: a footnote explains the star but does not stop anyone subtracting the visible cells from the total.",
                    "nei: en fotnote forklarer prikkingen, men hindrer ingen i å trekke de synlige cellene fra summen.",
                ),
            ),
            "b": (
                False,
                say(
                    "no: printing 0 for a count above 0 is a wrong number, and the total would no longer equal the sum of "
                    "its parts.",
                    "nei: å skrive 0 for et antall over 0 er å publisere et uriktig tall, og summen ville ikke lenger være lik summen av "
                    "delene.",
                ),
            ),
            "c": (
                False,
                say(
                    "no: the column is still printed, and the row total minus the visible cells gives the hidden count "
                    "wherever it stands.",
                    "nei: kolonnen vises fortsatt, og radsummen minus de synlige cellene gir det skjulte tallet uansett hvor "
                    "det står.",
                ),
            ),
            "d": (
                True,
                say(
                    "yes: hiding a second cell (secondary suppression) leaves two unknowns for one total. Choose it with "
                    "care: in the one-month table two stars that share a difference of two must both be one.",
                    "ja: å prikke en celle til (sekundærprikking) gir to ukjente for én sum. Velg den med omhu: i tabellen "
                    "for én måned må to prikker som deler en differanse på to, begge være én.",
                ),
            ),
        },
    )


@_worked_out
def _stars_per_month_2019(how: str = "sum") -> pd.Series:
    """Participant numbers of the 2019 table (by age) printed as '*', per month (``how="size"``: all numbers)."""
    rows = data()[(data()["measure"] == "participants") & (data()["source"] == "nav_tiltak_alder_2019-01_2019-12.txt")]
    return rows.groupby("period")["suppressed"].agg(how).astype(float)


@exercise(
    "02.6",
    hint='keep the participant rows of the 2019 table (`counts.query("source == @by_age")`), '
    '`groupby("period")["suppressed"].sum()`, then alt.Chart(...).mark_line() with the month on x, '
    "the count on y, and titles.",
    hint_nb='behold deltakerradene i 2019-tabellen (`counts.query("source == @by_age")`), '
    '`groupby("period")["suppressed"].sum()`, og lag så alt.Chart(...).mark_line() med måneden på x, '
    "antallet på y, og titler.",
)
def _(answer):
    stars = _stars_per_month_2019()
    most, fewest = (
        say(" and ", " og ").join(month_text(m, year=False) for m in stars.index[stars == extreme])
        for extreme in (stars.max(), stars.min())
    )
    correct, message = judge_chart(
        answer,
        stars,
        x="period",
        y="stars",
        mark="line",
        tolerance=0,
        what=say(
            f"the number of stars in each month of 2019: most in {most}, fewest in {fewest}. "
            "Fewer people in a cell means more stars, so ask which programmes shrink or grow",
            f"antallet prikker i hver måned i 2019: flest i {most}, færrest i {fewest}. "
            "Færre personer i en celle gir flere prikker, så se etter hvilke tiltak som krymper eller vokser",
        ),
    )
    if correct:
        return True, message
    rows, _ = judge_chart(
        answer, _stars_per_month_2019("size"), x="period", y="stars", mark="line", tolerance=0, title=False, axis_titles=False
    )
    if rows:
        return False, say(
            "the chart counts every participant number of each month, starred or not: add up the True/False "
            "column `suppressed` (`.sum()`), not the rows (`.size()` or `count`).",
            "diagrammet teller alle deltakertallene i hver måned, prikket eller ikke: summer True/False-kolonnen "
            "`suppressed` (`.sum()`), ikke radene (`.size()` eller `count`).",
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
        return False, say(
            "that leaves out the rows whose status group is the total 'I alt': count every participant number of the table.",
            "da utelater du radene der hovedgruppen er summen 'I alt': tell alle deltakertallene i tabellen.",
        )
    return False, message


# -- 03 Programme groups -------------------------------------------------------------------------
@_worked_out
def _november(measure: str = "participants", **fixed) -> pd.Series:
    """One status group's or one programme group's printed values in November 2016, indexed by the other."""
    rows = select(data().query("source == 'nav_tiltak_en_maaned_2016-11.txt'"), measure=measure, **fixed)
    return rows.set_index("programme_group" if fixed.get("programme_group", T) is None else "status_group")["value"]


@exercise(
    "03.1",
    hint="keep the jobseekers' rows of `groups` with `query(\"status_group == 'Arbeidssøkere på tiltak'\")`, "
    "then divide the Arbeidspraksis count by the jobseekers' total and multiply by 100.",
    hint_nb="behold arbeidssøkernes rader i `groups` med `query(\"status_group == 'Arbeidssøkere på tiltak'\")`, "
    "og del så tallet for Arbeidspraksis på arbeidssøkernes sum og gang med 100.",
)
def _(answer):
    jobseekers = _november(status_group="Arbeidssøkere på tiltak", programme_group=None)
    work_practice = _november(status_group=None, programme_group="Arbeidspraksis")
    expected = 100 * jobseekers["Arbeidspraksis"] / jobseekers[T]
    return judge_number(
        answer,
        expected,
        0.05,
        say("of all jobseekers were on work practice", "av alle arbeidssøkerne var på arbeidspraksis"),
        unit=" %",
        kind="percent",
        mistakes={
            say(
                "that is the jobseekers' share of the work-practice group; the question asks for work practice's share of "
                "all jobseekers.",
                "det er arbeidssøkernes andel av gruppen Arbeidspraksis; oppgaven spør etter arbeidspraksisens andel av "
                "alle arbeidssøkerne.",
            ): 100 * work_practice["Arbeidssøkere på tiltak"] / work_practice[T],
            say(
                "that is work practice's share of all participants; keep only the jobseekers' rows.",
                "det er arbeidspraksisens andel av alle deltakerne; behold bare arbeidssøkernes rader.",
            ): 100 * work_practice[T] / _november()[T],
            say(
                "give the share in per cent (multiply by 100), not as a fraction.",
                "oppgi andelen i prosent (gang med 100), ikke som brøk.",
            ): expected / 100,
        },
    )


@exercise(
    "03.2",
    hint="the group total (the 'I alt' programme row of Tilrettelegging) was computed before suppression: "
    "subtract the visible programmes from it, as for the training group.",
    hint_nb="gruppesummen (tiltaksraden 'I alt' for Tilrettelegging) ble regnet ut før prikkingen: "
    "trekk de synlige tiltakene fra den, som for opplæringsgruppen.",
)
def _(answer):
    rows = select(data().query("source == 'nav_tiltak_en_maaned_2016-11.txt'"), programme_group="Tilrettelegging", programme=None)
    total = rows.loc[rows["programme"] == T, "value"].item()
    expected = total - rows.loc[rows["programme"] != T, "value"].sum()
    training = select(data().query("source == 'nav_tiltak_en_maaned_2016-11.txt'"), programme_group="Opplæring", programme=None)
    example = training.loc[training["programme"] == T, "value"].item() - training.loc[training["programme"] != T, "value"].sum()
    copied = (
        {
            say(
                "that is what the training group's star hides (the worked example): do the same subtraction for "
                "Tilrettelegging's rows.",
                "det er det prikken i tiltaksgruppen Opplæring skjuler (eksempelet i teksten): gjør den samme subtraksjonen for "
                "radene til Tilrettelegging.",
            ): example
        }
        if example != expected
        else {}
    )
    return judge_number(
        answer,
        expected,
        0,
        say(
            "hidden behind the star: the total minus the visible programmes",
            "skjult bak prikken: summen minus de synlige tiltakene",
        ),
        kind="number",
        mistakes={
            **copied,
            say(
                "a star in this table hides 1 to 3 persons, never 0 (nobody is an empty cell): subtract the visible "
                "programmes from the group total.",
                "en prikk i denne tabellen skjuler 1 til 3 personer, aldri 0 (ingen deltakere gir en tom celle): trekk "
                "de synlige tiltakene fra gruppesummen.",
            ): 0,
            say(
                "3 is only the largest value a star may hide; the group total tells you exactly.",
                "3 er bare det største en prikk kan skjule; gruppesummen gir deg det nøyaktige tallet.",
            ): 3 if expected != 3 else -1,
            say(
                "that is the group total; subtract the visible programmes from it.",
                "det er gruppesummen; trekk de synlige tiltakene fra den.",
            ): total,
        },
    )


@exercise(
    "03.3",
    hint="keep the jobseekers' rows of `groups`, sort them by change_from_last_year_pct (largest first) and read "
    "change_from_last_year of the first row.",
    hint_nb="behold arbeidssøkernes rader i `groups`, sorter dem etter change_from_last_year_pct (største først) og les "
    "change_from_last_year i den første raden.",
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
        say("persons: the rise behind the largest per cent", "personer: økningen bak den største prosenten"),
        kind="persons",
        mistakes={
            say(
                "that is the per cent; the question asks for the change in persons.",
                "det er prosenten; oppgaven spør etter endringen i personer.",
            ): top["change_from_last_year_pct"],
            say(
                "that group gained the most persons; the question asks for the group with the largest per cent rise.",
                "den gruppen økte mest i personer; oppgaven spør etter gruppen med størst økning i prosent.",
            ): most,
            say(
                "that is the group's count in November 2016; give its change from November 2015.",
                "det er gruppens antall i november 2016; oppgi endringen fra november 2015.",
            ): top["participants"],
            say(
                "that group has the second-largest per cent rise; sort by change_from_last_year_pct, largest first.",
                "den gruppen har den nest største økningen i prosent; sorter etter change_from_last_year_pct, største først.",
            ): ranked.iloc[1]["change_from_last_year"],
            say(
                "that is the change for all status groups of that programme group; keep the jobseekers' rows only.",
                "det er endringen for alle hovedgruppene i den tiltaksgruppen; behold bare arbeidssøkernes rader.",
            ): data()
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
    hint_nb="behold arbeidssøkernes rader i `sizes` med pandas (utelat antall lik 0), og lag så liggende stolper med alt.Chart(rows).mark_bar(), "
    "med antallet på den ene aksen og gruppen på den andre; `sort=` på gruppeaksen sorterer stolpene.",
)
def _(answer):
    answer = _Built.of(answer)  # built once, judged several ways
    counts = _november(status_group="Arbeidssøkere på tiltak", programme_group=None).drop(T)

    def table(series: pd.Series) -> pd.DataFrame:
        return series.astype(float).rename("participants").rename_axis("group").reset_index()

    options = dict(x="group", y="participants", x_forms=_LABEL_FORMS, mark="bar", axis_titles=False)
    ok, message = _judge_chart_forms(
        answer,
        table(counts[counts > 0]),
        what=say("the jobseekers on each programme group they use", "arbeidssøkerne i hver tiltaksgruppe de deltar i"),
        **options,
    )
    if not ok:
        trials = {
            say(
                "leave out the groups where the jobseekers' count is 0: an empty cell in NAV's table, nobody uses them.",
                "utelat gruppene der arbeidssøkernes antall er 0: en tom celle i NAVs tabell, ingen bruker dem.",
            ): counts,
            say(
                "those are all status groups together; keep only the jobseekers' rows (status_group 'Arbeidssøkere på tiltak').",
                "det er alle hovedgruppene sammen; behold bare arbeidssøkernes rader (status_group 'Arbeidssøkere på tiltak').",
            ): _november(programme_group=None).drop(T),
        }
        for pointer, series in trials.items():
            if _judge_chart_forms(answer, table(series), title=False, **options)[0]:
                return False, pointer
        return False, message
    layer = _chart_layer(answer, ("bar",))
    if not _value_axis_titled(layer):
        return False, say(
            "the bars are right; give the axis of the counts a title that says what is counted, and in which unit (title=...).",
            "stolpene er riktige; gi aksen med antallene en tittel som sier hva som telles, og i hvilken enhet (title=...).",
        )
    if not _largest_first(layer):
        return False, say(
            "the bars are right; now order them, largest group at the top: `sort='-x'` on the axis of the groups.",
            "stolpene er riktige; ordne dem nå med den største gruppen øverst: `sort='-x'` på aksen med gruppene.",
        )
    return True, message


# -- 04 Women and men ----------------------------------------------------------------------------
@_worked_out
def _gender_month(month: str) -> pd.DataFrame:
    frame = data().query("source == 'nav_tiltak_kjonn_2021-01_2021-05.txt' and measure == 'participants'")
    return frame[frame["period"] == pd.Period(month, "M")]


@_worked_out
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
    hint_nb="kjør women_bounds på januarradene (gender[gender['period'] == pd.Period('2021-01', 'M')]) og les "
    "share_low og share_high for tiltaket ditt.",
)
def _(answer):
    split = decimal_comma(tuple(answer[1:3])) if isinstance(answer, tuple) and len(answer) in (4, 5) else None
    if split:  # ("Mentor", 40,1, 42,3): a decimal comma made five values of three
        return False, split + say(' For example ("Mentor", 40.1, 42.3).', ' For eksempel ("Mentor", 40.1, 42.3).')
    if not isinstance(answer, (tuple, list)) or len(answer) not in (2, 3):
        return False, say(
            'give a tuple: (programme, lowest share, highest share), for example ("Mentor", 40.1, 42.3).',
            'gi en tuple: (tiltak, laveste andel, høyeste andel), for eksempel ("Mentor", 40.1, 42.3).',
        )
    name, bounds = answer[0], [answer[1], answer[-1]]
    january = _share_bounds("2021-01")
    found = [p for p in january.index if as_label(name) & label_names(p)]
    if not found:
        return False, say(
            f"{name!r} is not a programme of the 2021 table; use NAV's name as printed (the `programme` column) or its "
            "English gloss.",
            f"{name!r} er ikke et tiltak i 2021-tabellen; bruk NAVs navn slik det står (kolonnen `programme`) eller den "
            "engelske oversettelsen.",
        )
    row, may, zero = (
        january.loc[found[0]],
        _share_bounds("2021-05").loc[found[0]],
        _share_bounds("2021-01", star_high=0).loc[found[0]],
    )
    if pd.isna(row["low"]):
        return False, say(
            f"the total of {vocab.both(found[0])} is a star in January: no share can be computed. Pick another programme.",
            f"summen for {found[0]} er prikket i januar: ingen andel kan regnes ut. Velg et annet tiltak.",
        )
    verdicts = [
        judge_number(
            given,
            expected,
            0.05,
            unit=" %",
            kind="percent",
            mistakes={
                say("that is May; the question asks for January 2021.", "det er mai; oppgaven spør etter januar 2021."): may[end],
                say(
                    "you read every star as 0; a star hides 0 to 3 persons, so the highest possible share uses 3.",
                    "du har lest hver prikk som 0; en prikk skjuler 0 til 3 personer, så den høyest mulige andelen bruker 3.",
                ): zero[end] if zero[end] != row[end] else -1,
                say(
                    "give the share in per cent (multiply by 100), not as a fraction.",
                    "oppgi andelen i prosent (gang med 100), ikke som brøk.",
                ): expected / 100,
            },
        )
        for given, expected, end in zip(bounds, (row["low"], row["high"]), ("low", "high"))
    ]
    if all(ok for ok, _ in verdicts):
        exact = round(row["low"], 1) == round(row["high"], 1)
        shares = number_text(row["low"], 1) + ("" if exact else f"–{number_text(row['high'], 1)}")
        if language() == "en":  # the English text as it was written: '42.3-44.0 %'
            shares = f"{row['low']:.1f}" + ("" if exact else f"-{row['high']:.1f}")
        return True, say(
            f"{vocab.both(found[0])}, January 2021: women's share {shares} %.",
            f"{found[0]}, januar 2021: kvinneandelen er {shares} %.",
        )
    return False, next(message for ok, message in verdicts if not ok)


@exercise(
    "04.2",
    hint="keep the rows with status_group 'I alt', programme_group 'Lønnstilskudd' and programme 'I alt' for January 2021, "
    "then take the value for Menn minus the value for Kvinner.",
    hint_nb="behold radene med status_group 'I alt', programme_group 'Lønnstilskudd' og programme 'I alt' for januar 2021, "
    "og ta så verdien for Menn minus verdien for Kvinner.",
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
        say(
            "more men than women on wage subsidies in January 2021",
            "flere menn enn kvinner på lønnstilskudd i januar 2021",
        ),
        kind="number",
        mistakes={
            say("that is May 2021; the question asks for January.", "det er mai 2021; oppgaven spør etter januar."): gap(
                "2021-05"
            )[0],
            say(
                "that is the number of men; subtract the number of women.",
                "det er antallet menn; trekk fra antallet kvinner.",
            ): rows["Menn"],
            say(
                "that is the number of women; the question asks for men minus women.",
                "det er antallet kvinner; oppgaven spør etter menn minus kvinner.",
            ): rows["Kvinner"],
        },
    )


@exercise(
    "04.3",
    hint="look up what a star can hide in a time series (the note at the top of NAV's table, and 01 The definitions), "
    "then ask which statement the starred months alone can support.",
    hint_nb="slå opp hva en prikk kan skjule i en tidsserie (merknaden øverst i NAVs tabell, og notatboken «01 The definitions»), "
    "og vurder så hvilken påstand de prikkede månedene alene kan støtte.",
)
def _(answer):
    return choice(
        answer,
        {
            "a": (
                False,
                say(
                    "a star is not a zero: in a time series it hides 0, 1, 2 or 3 persons, so the table cannot say that "
                    "nobody took part.",
                    "en prikk er ikke en null: i en tidsserie skjuler den 0, 1, 2 eller 3 personer, så tabellen kan ikke si "
                    "at ingen deltok.",
                ),
            ),
            "b": (
                True,
                say(
                    "right: in a time series a star hides 0 to 3 persons, and a row keeps its place in months with nobody, "
                    "so each starred month held somewhere between none and three; the table alone cannot say which.",
                    "ja: i en tidsserie skjuler en prikk 0 til 3 personer, og en rad beholder plassen sin i måneder uten "
                    "deltakere, så hver prikket måned hadde et sted mellom null og tre deltakere; tabellen alene kan ikke si hvor mange.",
                ),
            ),
            "c": (
                False,
                say(
                    "1 to 3 is the rule of the one-month table of November 2016, where an empty cell means nobody; in a "
                    "time series a row keeps its place in months with nobody, so a star can also hide 0.",
                    "1 til 3 er regelen i tabellen for én måned (november 2016), der en tom celle betyr ingen deltakere; i en "
                    "tidsserie beholder en rad plassen sin i måneder uten deltakere, så en prikk kan også skjule 0.",
                ),
            ),
        },
    )


@_worked_out
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
    hint_nb="behold radene i `gender` for mai 2021 for Andre på tiltak der programme er 'I alt' (grupperadene), sett kvinner "
    "og menn ved siden av hverandre med `pivot`, trekk fra, og tegn én stolpe per gruppe med mark_bar(); "
    "tenk over hva en prikket celle bør bli.",
)
def _(answer):
    answer = _Built.of(answer)  # built once, judged several ways
    expected = _group_gaps("2021-05", "Andre på tiltak")
    options = dict(x="group", y="gap", x_forms=_LABEL_FORMS, mark="bar", axis_titles=False)
    what = say("women minus men among other participants, May 2021", "kvinner minus menn blant andre deltakere, mai 2021")
    ok, message = _judge_chart_forms(answer, expected, what=what, **options)
    if not ok:
        trials = {
            say(
                "those are all status groups together (the chart above); keep the rows of Andre på tiltak.",
                "det er alle hovedgruppene sammen (diagrammet over); behold radene for Andre på tiltak.",
            ): _group_gaps("2021-05", T),
            say(
                "the bars point the wrong way: the question asks for women minus men.",
                "stolpene peker feil vei: oppgaven spør etter kvinner minus menn.",
            ): expected.assign(gap=-expected["gap"]),
            say(
                "that is January 2021; the question asks for May.",
                "det er januar 2021; oppgaven spør etter mai.",
            ): _group_gaps("2021-01", "Andre på tiltak"),
        }
        for pointer, table in trials.items():
            if _judge_chart_forms(answer, table, title=False, **options)[0]:
                return False, pointer
        return False, message
    if not _value_axis_titled(_chart_layer(answer, ("bar",))):
        return False, say(
            "the bars are right; give the axis of the differences a title that says what it measures, in persons (title=...).",
            "stolpene er riktige; gi aksen med differansene en tittel som sier hva den måler, i personer (title=...).",
        )
    return True, message


# -- 05 Seasons and age --------------------------------------------------------------------------
AGE_2019 = "nav_tiltak_alder_2019-01_2019-12.txt"


@_worked_out
def _ages_2019(status_group: str = T) -> pd.DataFrame:
    """2019 participants by age group (rows) and month 1-12 (columns), all programmes, one status group."""
    rows = select(data(), status_group=status_group, age_group=None, source=AGE_2019).query("age_group != @T")
    return rows.assign(month=rows["period"].dt.month).pivot(index="age_group", columns="month", values="value").astype(float)


@_worked_out
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
    hint_nb="velg arbeidssøkernes rader fra `groups` slik den første cellen valgte `ages` (status_group == "
    "'Arbeidssøkere på tiltak'), `pivot` dem, del hver rad på gjennomsnittet sitt som for `status`, og les "
    "rad '19 år og under', kolonne 7.",
)
def _(answer):
    young = _ages_2019("Arbeidssøkere på tiltak").loc["19 år og under"]
    everyone = _ages_2019().loc["19 år og under"]
    return judge_number(
        answer,
        100 * young[7] / young.mean(),
        0.06,
        say(
            "is July's index for jobseekers aged 19 and under",
            "er sesongindeksen for juli for arbeidssøkere på 19 år og under",
        ),
        kind="index",
        mistakes={
            say(
                "that is the index of all status groups (the heatmap): keep only the jobseekers' rows.",
                "det er indeksen for alle hovedgruppene (varmekartet): behold bare arbeidssøkernes rader.",
            ): 100 * everyone[7] / everyone.mean(),
            say(
                "you divided by the year's highest month; the index divides by the mean of the 12 months.",
                "du delte på årets høyeste måned; indeksen deler på gjennomsnittet av de 12 månedene.",
            ): 100 * young[7] / young.max(),
            say(
                "that is a ratio: multiply by 100 for the index.",
                "det er et forholdstall: gang med 100 for å få indeksen.",
            ): young[7] / young.mean(),
            say("that is June: July is column 7.", "det er juni: juli er kolonne 7."): 100 * young[6] / young.mean(),
            say("that is August: July is column 7.", "det er august: juli er kolonne 7."): 100 * young[8] / young.mean(),
        },
    )


@exercise(
    "05.2",
    hint="an age group's part of the fall is its count in the peak month minus its count in July (columns "
    "`peak` and `trough` of `ages`); compare it with `fall`, the fall of the total.",
    hint_nb="en aldersgruppes del av nedgangen er antallet i toppmåneden minus antallet i juli (kolonnene "
    "`peak` og `trough` i `ages`); sammenlign den med `fall`, nedgangen i summen.",
)
def _(answer):
    by_age, fall = _fall_by_age()
    young = by_age["19 år og under"]
    counts = _ages_2019().loc["19 år og under"]
    return judge_number(
        answer,
        100 * young / fall,
        0.05,
        say("of the fall came from ages 19 and under", "av nedgangen kom fra dem på 19 år og under"),
        unit=" %",
        kind="change",  # as the English words read it ('fall'): a change, not a share
        mistakes={
            say(
                "that is the number of persons: divide it by the total fall (`fall`) and multiply by 100.",
                "det er antallet personer: del det på hele nedgangen (`fall`) og gang med 100.",
            ): young,
            say(
                "that is the group's fall relative to its own March count; divide by the fall of the total instead.",
                "det er gruppens nedgang målt mot dens eget antall i mars; del heller på nedgangen i summen.",
            ): 100 * young / counts[3],
            say(
                "that is a share between 0 and 1: multiply by 100 for per cent.",
                "det er en andel mellom 0 og 1: gang med 100 for å få prosent.",
            ): young / fall,
            say(
                "you used the group's own highest month; use the total's peak month (`peak`) for every age group.",
                "du brukte gruppens egen høyeste måned; bruk toppmåneden for summen (`peak`) for alle aldersgruppene.",
            ): 100 * (counts.max() - counts[7]) / fall,
        },
    )


@exercise(
    "05.3",
    hint="compute the fall in persons for every age group at once, as in 05.2, and find the largest (`idxmax`).",
    hint_nb="regn ut nedgangen i personer for alle aldersgruppene på én gang, som i 05.2, og finn den største (`idxmax`).",
)
def _(answer):
    by_age, _ = _fall_by_age()
    ranked = by_age.sort_values(ascending=False)
    return judge_label(
        answer,
        ranked.index[0],
        mistakes={
            say(
                "the youngest dip deepest relative to their size (the index), but they are few: count the persons, March "
                "minus July.",
                "de yngste faller dypest i forhold til størrelsen sin (indeksen), men de er få: tell personer, mars minus juli.",
            ): "19 år og under",
            say(
                f"{ranked.index[1]} gives the second most persons; compare again.",
                f"{ranked.index[1]} gir nest flest personer; sammenlign en gang til.",
            ): ranked.index[1],
        },
    )


_MONTH_FORMS = (
    lambda m: m,
    lambda m: pd.Timestamp(2019, m, 1).strftime("%B"),
    lambda m: pd.Timestamp(2019, m, 1).strftime("%b"),
    lambda m: pd.Period(f"2019-{m:02d}", "M"),
)  # 7, "July", "Jul", 2019-07


@_worked_out
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
    hint_nb="velg radene for 19 år og under for hver hovedgruppe fra `groups` (programme_group 'I alt'), pivoter "
    "dem som for `status`, del hver rad på gjennomsnittet sitt, og bruk så `stack()` og `reset_index()` for én rad per "
    "punkt; én linje per hovedgruppe får du med `color=`.",
)
def _(answer):
    answer = _Built.of(answer)  # built once, judged several ways
    expected = _young_index()
    options = dict(
        x="month", y="index", color="status_group", x_forms=_MONTH_FORMS, color_forms=_LABEL_FORMS, mark="line", tolerance=0.06
    )
    ok, message = _judge_chart_forms(
        answer,
        expected,
        what=say(
            "the yearly rhythm of ages 19 and under in each status group",
            "årsrytmen for dem på 19 år og under i hver hovedgruppe",
        ),
        **options,
    )
    if ok:
        return ok, message
    counts = select(data(), status_group=None, age_group="19 år og under", source=AGE_2019).query("status_group != @T")
    counts = counts.assign(month=counts["period"].dt.month, index=counts["value"].astype(float))[
        ["month", "status_group", "index"]
    ]
    trials = {
        say(
            "those are every age group's indexes together; keep age_group '19 år og under'.",
            "det er indeksene for alle aldersgruppene sammen; behold age_group '19 år og under'.",
        ): _young_index(T),
        say(
            "those are the counts; divide each status group's row by its own mean and multiply by 100.",
            "det er antallene; del hver hovedgruppes rad på dens eget gjennomsnitt og gang med 100.",
        ): counts,
    }
    for pointer, table in trials.items():
        if _judge_chart_forms(answer, table, title=False, axis_titles=False, **{**options, "tolerance": 0.5})[0]:
            return False, pointer
    return False, message


# -- 06 What the audit found ---------------------------------------------------------------------
@_worked_out
def _audit_wide(n: int) -> pd.DataFrame:
    """Tabell n of the audit with one column per measure (Tabell 4, 6 and 7 have one row per programme)."""
    from . import audit

    return audit.load_audit_table(n).pivot(index="scheme", columns="measure", values="value")


@exercise(
    "06.1",
    hint="keep the rows of Tabell 4 whose measure is 'accounts', index them by scheme, and divide the row of "
    "Arbeidspraksis i skjermet virksomhet by the sum of all rows.",
    hint_nb="behold radene i Tabell 4 der measure er 'accounts', sett scheme som indeks, og del raden for "
    "Arbeidspraksis i skjermet virksomhet på summen av alle radene.",
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
        say("of the nine programmes' accounts in 2016 went to APS", "av regnskapet for de ni tiltakene i 2016 gikk til APS"),
        unit=" %",
        kind="percent",
        mistakes={
            say(
                f"that is the report's share of all programme spending (line {report['line']}); the question asks for the "
                "nine programmes of Tabell 4 only",
                f"det er rapportens andel av alle utgiftene til tiltak (linje {report['line']}); oppgaven spør bare etter de "
                "ni tiltakene i Tabell 4",
            ): report["value"],
            say(
                "that is APS's share of the participants per month; use the accounts",
                "det er APS' andel av deltakerne per måned; bruk regnskapstallene",
            ): participants,
            say(
                "give a share in per cent (multiply the fraction by 100)",
                "oppgi andelen i prosent (gang brøken med 100)",
            ): expected / 100,
        },
    )


@exercise(
    "06.2",
    hint="think about who is counted, and what would have happened without the programme.",
    hint_nb="tenk over hvem som telles, og hva som ville ha skjedd uten tiltaket.",
)
def _(answer):
    return choice(
        answer,
        {
            "a": (
                False,
                say(
                    "not quite: a statistic of transition to work cannot show what the programme caused. Some had a job "
                    "before they started, and some would have found one anyway; there is no comparison group.",
                    "nei: en statistikk over overgang til arbeid kan ikke vise hva tiltaket førte til. Noen hadde jobb "
                    "før de begynte, og noen ville fått jobb uansett; det finnes ingen sammenligningsgruppe.",
                ),
            ),
            "b": (
                False,
                say(
                    "not quite: the share says nothing about who was chosen for a programme. Whether NAV picked people closer "
                    "to work is a question of selection, which this statistic cannot answer either way.",
                    "nei: andelen sier ingenting om hvem som ble valgt ut til et tiltak. Om NAV valgte folk som sto "
                    "nærmere arbeid, er et spørsmål om seleksjon, som denne statistikken ikke kan "
                    "gi noe svar på.",
                ),
            ),
            "c": (
                True,
                say(
                    "the statistic counts who is registered in work after leaving a programme. It includes people who "
                    "already had a job and people who would have found one anyway, so it describes outcomes, not effects.",
                    "statistikken teller hvem som er registrert i arbeid etter å ha gått ut av et tiltak. Den tar med folk som "
                    "allerede hadde jobb og folk som ville fått jobb uansett, så den beskriver utfall, ikke effekter.",
                ),
            ),
        },
    )


@exercise(
    "06.3",
    hint="pivot Tabell 7 so that mean and median are columns, as waiting_rows does, subtract the median "
    "from the mean and take the largest value with .max().",
    hint_nb="pivoter Tabell 7 slik at mean og median blir kolonner, som waiting_rows gjør, trekk medianen "
    "fra gjennomsnittet og ta den største verdien med .max().",
)
def _(answer):
    gaps = {n: _audit_wide(n)["mean"] - _audit_wide(n)["median"] for n in (6, 7)}
    longest_mean = _audit_wide(7)["mean"].idxmax()
    return judge_number(
        answer,
        gaps[7].max(),
        0.05,
        say(
            "(the largest mean-minus-median gap in Tabell 7)",
            "(den største forskjellen mellom gjennomsnitt og median i Tabell 7)",
        ),
        unit=say(" months", " måneder"),
        kind="months",
        mistakes={
            say(
                "that is the largest gap in Tabell 6 (waiting for a programme only); use Tabell 7",
                "det er den største forskjellen i Tabell 6 (bare venting på tiltak); bruk Tabell 7",
            ): gaps[6].max(),
            say(
                "that is the gap of the programme with the longest mean wait; compare the gaps of all programmes",
                "det er forskjellen for tiltaket med lengst gjennomsnittlig ventetid; sammenlign forskjellene for alle tiltakene",
            ): gaps[7][longest_mean],
            say(
                "subtract the median from the mean, not the other way round",
                "trekk medianen fra gjennomsnittet, ikke omvendt",
            ): -gaps[7].max(),
        },
    )


@exercise(
    "06.4",
    hint="`plans.query(\"status_group_en == 'jobseekers' and year != @audit.INFLATED_YEAR\")`, then "
    '`alt.Chart(...).mark_line().encode(x=alt.X("year:O", title=...), y=alt.Y("share_without_plan:Q", title=...))` '
    "and `.properties(title=...)`.",
    hint_nb="`plans.query(\"status_group_en == 'jobseekers' and year != @audit.INFLATED_YEAR\")`, og så "
    '`alt.Chart(...).mark_line().encode(x=alt.X("year:O", title=...), y=alt.Y("share_without_plan:Q", title=...))` '
    "og `.properties(title=...)`.",
)
def _(answer):
    from . import audit

    shares = pd.concat([audit.load_audit_table(1), audit.load_audit_table(2)]).query("measure == 'share_without_plan'")
    by_group = {g: rows.set_index("year")["value"] for g, rows in shares.groupby("status_group_en")}
    comparable = by_group["jobseekers"].drop(audit.INFLATED_YEAR)
    year = audit.INFLATED_YEAR
    probes = {
        say(
            f"the line still has {year}, which is artificially large (note under Tabell 2): leave that year out.",
            f"linjen tar fortsatt med {year}, som er kunstig høyt (merknaden under Tabell 2): utelat det året.",
        ): by_group["jobseekers"],
        say(
            "that line is people with reduced work capacity (Tabell 1): keep the jobseekers.",
            "den linjen er personer med nedsatt arbeidsevne (Tabell 1): behold arbeidssøkerne.",
        ): by_group["reduced work capacity"].drop(year),
        say(
            f"that line is people with reduced work capacity (Tabell 1), with {year}: keep the jobseekers, and leave {year} out.",
            f"den linjen er personer med nedsatt arbeidsevne (Tabell 1), med {year}: behold arbeidssøkerne, og utelat {year}.",
        ): by_group["reduced work capacity"],
    }
    for pointer, series in probes.items():
        if _judge_years(answer, series, title=False, axis_titles=False)[0]:
            return False, pointer
    first, last = comparable.index.min(), comparable.index.max()
    return _judge_years(
        answer,
        comparable,
        what=say(f"the jobseekers' share without a plan, {first}-{last}", f"andelen arbeidssøkere uten plan, {first}–{last}"),
    )


def _judge_years(answer: object, shares: pd.Series, **options) -> tuple[bool, str]:
    """judge_chart for a series by year, whether the chart has the years as numbers or as text ("2011")."""
    ok, message = judge_chart(answer, shares, x="year", y="share", mark="line", tolerance=0.05, **options)
    if not ok and message.startswith(_NONE_DRAWN):
        as_text = judge_chart(answer, shares.rename(index=str), x="year", y="share", mark="line", tolerance=0.05, **options)
        if as_text[0] or not as_text[1].startswith(_NONE_DRAWN):
            return as_text
    return ok, message


# -- 07 Across the years -------------------------------------------------------------------------
@_worked_out
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
    hint_nb="filtrer koblingstabellen (crosswalk) på programme_group 'Helsemessig utredning/behandling' og les relation og "
    "successor i radene.",
)
def _(answer):
    health = _group_07("2016-11", "Helsemessig utredning/behandling")
    everyone, others = number_text(health[T]), number_text(health["Andre på tiltak"])
    facts = say(
        f"the group had {everyone} participants in November 2016 ({others} of them other participants, "
        "Andre på tiltak); the crosswalk marks both its programmes 'ended', with no successor",
        f"gruppen hadde {everyone} deltakere i november 2016 ({others} av dem i Andre på tiltak); koblingstabellen "
        "merker begge tiltakene i gruppen som avsluttet ('ended'), uten etterfølger",
    )
    explain = {
        "a": say(
            "not so: the tables count people on programmes, not where they go afterwards; nothing here says they found work.",
            "nei: tabellene teller personer på tiltak, ikke hvor de går etterpå; ingenting her sier at de fikk jobb.",
        ),
        "b": say(
            f"no source and no table shows a transfer: {facts}. A move to another group is a guess, not a reading.",
            f"ingen kilde og ingen tabell viser en overføring: {facts}. En flytting til en annen gruppe er en gjetning, "
            "ikke noe tabellen viser.",
        ),
        "c": say(
            f"{facts}, and no table after 2016 prints the group. Where its participants went is not shown, so its absence "
            "is neither a measured fall nor a known move.",
            f"{facts}, og ingen tabell etter 2016 viser gruppen. Hvor deltakerne ble av, vises ikke. At gruppen mangler, "
            "er derfor verken en målt nedgang eller en kjent overføring.",
        ),
        "d": say(
            "not so: a suppressed cell is printed as '*' and its row stays in the table. Here the group has no line at all.",
            "nei: en prikket celle vises som '*', og raden blir stående i tabellen. Her har gruppen ingen linje i det hele tatt.",
        ),
    }
    for letter, explanation in explain.items():  # this check reads the letter itself: note its options for recording()
        record("choice", letter, explanation)
    choice = str(answer).strip().lower().strip("() .")
    return (
        (choice == "c", explain[choice])
        if choice in explain
        else (False, say("answer 'a', 'b', 'c' or 'd'.", "svar 'a', 'b', 'c' eller 'd'."))
    )


@exercise(
    "07.2",
    hint="all_status_groups(counts) gives one row per month, programme group and programme; take the rows "
    "('2019-05', 'Lønnstilskudd', 'I alt') and ('2021-05', 'Lønnstilskudd', 'I alt') and subtract.",
    hint_nb="all_status_groups(counts) gir én rad per måned, tiltaksgruppe og tiltak; ta radene "
    "('2019-05', 'Lønnstilskudd', 'I alt') og ('2021-05', 'Lønnstilskudd', 'I alt') og trekk den ene fra den andre.",
)
def _(answer):
    before, after = _group_07("2019-05", "Lønnstilskudd"), _group_07("2021-05", "Lønnstilskudd")
    parts = before.drop(T, errors="ignore")
    expected = after[T] - parts.sum()
    mistakes = {
        say(
            f"that is the change for {vocab.both(s)} only; add the three status groups",
            f"det er endringen bare for {s}; legg sammen de tre hovedgruppene",
        ): after[s] - parts[s]
        for s in parts.index
    }
    mistakes |= {
        say(
            f"for May 2019 that takes {vocab.both(s)} only; add the three status groups",
            f"for mai 2019 tar du da bare med {s}; legg sammen de tre hovedgruppene",
        ): after[T] - parts[s]
        for s in parts.index
    }
    mistakes |= {
        say(
            "the size is right but the sign is not: the group was larger in May 2021, so the change is positive",
            "størrelsen er riktig, men ikke fortegnet: gruppen var større i mai 2021, så endringen er positiv",
        ): -expected,
        say(
            "May 2019 is counted twice: the 2019 table also breaks the groups down by age; keep age_group 'I alt' only",
            "mai 2019 er telt to ganger: 2019-tabellen deler også gruppene opp etter alder; behold bare age_group 'I alt'",
        ): after[T] - 2 * parts.sum(),
        say(
            "May 2021 is counted twice: its 'I alt' line already holds the three status groups",
            "mai 2021 er telt to ganger: linjen 'I alt' inneholder allerede de tre hovedgruppene",
        ): 2 * after[T] - parts.sum(),
    }
    may_2021, may_2019 = number_text(after[T]), number_text(parts.sum())
    return judge_number(
        answer,
        expected,
        0,
        say(
            f"persons: {may_2021} in May 2021 against {may_2019} in May 2019 (the three status groups added up)",
            f"personer: {may_2021} i mai 2021 mot {may_2019} i mai 2019 (de tre hovedgruppene lagt sammen)",
        ),
        kind="persons",
        mistakes=mistakes,
    )


@_worked_out
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
    hint_nb="behold status_group 'Nedsatt arbeidsevne, på tiltak' i `side_by_side` og utelat programme_group 'I alt'; "
    "legg til en kolonne 100 * (value_nav / value_audit - 1); behold value_audit >= 1000; ta `idxmax()` av den nye "
    "kolonnen med programme_group som indeks.",
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
        few = number_text(reduced.loc[small, "audit"])
        mistakes[
            say(
                f"that group has the largest gap, but fewer than a thousand participants in the audit's average "
                f"({few}): keep the groups with at least a thousand.",
                f"den gruppen har størst avvik, men færre enn tusen deltakere i Riksrevisjonens gjennomsnitt "
                f"({few}): behold gruppene med minst tusen.",
            )
        ] = small
    if persons != expected:
        mistakes[
            say(
                "that group is furthest above in persons; the question asks for per cent of the audit's average.",
                "den gruppen ligger mest over i personer; oppgaven spør etter prosent av Riksrevisjonens gjennomsnitt.",
            )
        ] = persons
    mistakes[
        say(
            "that group is the closest (the smallest gap): take the largest, `idxmax()`.",
            "den gruppen ligger nærmest (minst avvik): ta det største, `idxmax()`.",
        )
    ] = large["gap"].idxmin()
    js_large = jobseekers[jobseekers["audit"] >= 1000]["gap"].idxmax()
    if js_large not in (expected, *mistakes.values()):
        mistakes[
            say(
                "that is the jobseekers' largest gap: keep the rows of Nedsatt arbeidsevne, på tiltak.",
                "det er arbeidssøkernes største avvik: behold radene for Nedsatt arbeidsevne, på tiltak.",
            )
        ] = js_large
    if isinstance(answer, str) and any(f"{name}stiltak" == fold(expected) for name in as_label(answer)):
        answer = expected  # "Avklaring" for the group Avklaringstiltak, as Tabell 3 and NAV's programmes shorten it
    ok, message = judge_label(answer, expected, mistakes=mistakes)
    if ok:
        gap = large.loc[expected, "gap"]
        message += say(
            f" NAV's November 2016 count is {gap:.1f} % above the audit's 2016 average there.",
            f" NAVs tall for november 2016 ligger der {number_text(gap, 1)} % over Riksrevisjonens gjennomsnitt for 2016.",
        )
    return ok, message


@exercise(
    "07.4",
    hint="`side_by_side.query(\"status_group == 'Arbeidssøkere på tiltak' and programme_group != 'I alt'\")`, add "
    '`gap_pct = 100 * (value_nav / value_audit - 1)`, then `alt.Chart(...).mark_bar().encode(x=alt.X("gap_pct:Q", '
    'title=...), y=alt.Y("programme_group:N", title=...))` and `.properties(title=...)`.',
    hint_nb="`side_by_side.query(\"status_group == 'Arbeidssøkere på tiltak' and programme_group != 'I alt'\")`, legg til "
    '`gap_pct = 100 * (value_nav / value_audit - 1)`, og tegn så liggende stolper: `alt.Chart(...).mark_bar().encode(x=alt.X("gap_pct:Q", '
    'title=...), y=alt.Y("programme_group:N", title=...))` og `.properties(title=...)`.',
)
def _(answer):
    jobseekers = _gaps_07("Arbeidssøkere på tiltak")
    totals = _group_07("2016-11", T)
    from .audit import load_audit_table

    audit_total = load_audit_table(3).query("is_total and year == 2016 and status_group_en == 'jobseekers'")["value"].item()
    with_total = pd.concat([jobseekers["gap"], pd.Series({T: 100 * (totals["Arbeidssøkere på tiltak"] / audit_total - 1)})])
    probes = {
        say(
            "that chart has a bar for the total, 'I alt': leave it out, so that every bar is a programme group.",
            "diagrammet har en stolpe for summen, 'I alt': utelat den, så hver stolpe er en tiltaksgruppe.",
        ): with_total,
        say(
            "those bars are people with reduced work capacity: keep the rows of Arbeidssøkere på tiltak.",
            "de stolpene viser personer med nedsatt arbeidsevne: behold radene for Arbeidssøkere på tiltak.",
        ): _gaps_07("Nedsatt arbeidsevne, på tiltak")["gap"],
        say(
            "those bars are the difference in persons: divide by the audit's average (value_audit), subtract 1 and "
            "multiply by 100.",
            "de stolpene viser forskjellen i personer: del på Riksrevisjonens gjennomsnitt (value_audit), trekk fra 1 og gang "
            "med 100.",
        ): jobseekers["difference"],
        say(
            "those bars are NAV's count as a share of the audit's average (about 120 %): subtract 100, so that a bar shows "
            "how far above it is.",
            "de stolpene viser NAVs tall som andel av Riksrevisjonens gjennomsnitt (rundt 120 %): trekk fra 100, så stolpen "
            "viser hvor langt over det ligger.",
        ): jobseekers["gap"] + 100,
        say(
            "those bars divide by NAV's count: the gap is measured from the audit's average (value_audit).",
            "de stolpene deler på NAVs tall: avviket måles fra Riksrevisjonens gjennomsnitt (value_audit).",
        ): 100 * (1 - jobseekers["audit"] / jobseekers["nav"]),
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
        what=say(
            "the jobseekers' gap in per cent for each programme group",
            "arbeidssøkernes avvik i prosent for hver tiltaksgruppe",
        ),
    )


# -- 08 The years since --------------------------------------------------------------------------
@_worked_out
def _by_status() -> pd.DataFrame:
    """The monthly series' participants per status group (columns) and month (rows)."""
    from .monthly import load_monthly_series

    rows = load_monthly_series().query("programme_group == @T and programme == @T")
    return rows.pivot(index="period", columns="status_group", values="value").astype(float)


def _centred_trend(series: pd.Series) -> pd.Series:
    weights = [0.5] + [1.0] * 11 + [0.5]
    return series.rolling(13, center=True).apply(lambda window: sum(w * v for w, v in zip(weights, window)) / 12)


@_worked_out
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
    hint_nb='kopier de to linjene som laget `trend` og `ratio` for summen, med `by_status["Nedsatt arbeidsevne, på tiltak"]` '
    'i stedet for `total`; ta så verdien for "2024-07".',
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
        say("is July 2024's seasonal ratio", "er sesongforholdet for juli 2024"),
        kind="ratio",
        mistakes={
            say(
                "that is the ratio of all three status groups together: use the reduced-work-capacity column.",
                "det er forholdstallet for alle tre hovedgruppene sammen: bruk kolonnen for nedsatt arbeidsevne.",
            ): (total / _centred_trend(total))[month],
            say(
                "that divides by the average of January-December 2024, which is also what `rolling(12, center=True)` gives "
                "for July: twelve months cannot sit evenly around one month (six before, five after). Average two "
                "neighbouring twelve-month averages (`.rolling(2).mean()`) and shift the result back with `shift(-6)`, as "
                "the section does.",
                "da deler du på gjennomsnittet for januar–desember 2024, som også er det `rolling(12, center=True)` gir for "
                "juli: tolv måneder kan ikke ligge jevnt rundt én måned (seks før, fem etter). Ta gjennomsnittet av to "
                "nabogjennomsnitt over tolv måneder (`.rolling(2).mean()`) og flytt resultatet tilbake med `shift(-6)`, "
                "slik avsnittet gjør.",
            ): reduced[month] / reduced[reduced.index.year == 2024].mean(),
            say(
                "the trend is the average of two twelve-month averages, but it still ends in July: shift it back to the "
                "middle month with `shift(-6)`, as the section does.",
                "trenden er gjennomsnittet av to tolvmånedersgjennomsnitt, men den slutter fortsatt i juli: flytt den "
                "tilbake til midtmåneden med `shift(-6)`, slik avsnittet gjør.",
            ): (reduced / reduced.rolling(12).mean().rolling(2).mean())[month],
            say(
                "that trend is a plain 13-month average: the two end months get half weight (average two twelve-month averages).",
                "den trenden er et vanlig gjennomsnitt over 13 måneder: de to endemånedene skal ha halv vekt (ta "
                "gjennomsnittet av to tolvmånedersgjennomsnitt).",
            ): (reduced / reduced.rolling(13, center=True).mean())[month],
            say(
                "that trend is the twelve months up to July, not around it: shift it back to the middle month with `shift(-6)`.",
                "den trenden er de tolv månedene fram til juli, ikke rundt den: flytt den tilbake til midtmåneden med "
                "`shift(-6)`.",
            ): (reduced / reduced.rolling(12).mean())[month],
            say(
                "that is the ratio in per cent: give it as a ratio (below 1 means below trend).",
                "det er forholdstallet i prosent: oppgi det som forholdstall (under 1 betyr under trenden).",
            ): 100 * expected,
        },
    )


@exercise(
    "08.2",
    hint='add the two columns of `by_status` into one series first, then compare "2025-05" with "2024-05".',
    hint_nb='legg først sammen de to kolonnene i `by_status` til én serie, og sammenlign så "2025-05" med "2024-05".',
)
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
        say("change, May 2024 to May 2025", "endring fra mai 2024 til mai 2025"),
        unit=" %",
        kind="change",
        mistakes={
            say(
                "that is the jobseekers alone, whose level the register change moved: add Andre på tiltak first.",
                "det er arbeidssøkerne alene, der registerendringen flyttet nivået: legg til Andre på tiltak først.",
            ): 100 * (jobseekers[end] - jobseekers[start]) / jobseekers[start],
            say(
                "that is the change in persons: divide it by the May 2024 level and multiply by 100.",
                "det er endringen i personer: del den på nivået i mai 2024 og gang med 100.",
            ): pair[end] - pair[start],
            say(
                "that compares May 2023 with May 2025, two years: the question asks for the twelve months from May 2024.",
                "da sammenligner du mai 2023 med mai 2025, to år: oppgaven spør etter de tolv månedene fra mai 2024.",
            ): 100 * (pair[end] - pair[earlier]) / pair[earlier],
            say(
                "that divides by May 2025: a change is measured from where it starts, May 2024.",
                "da deler du på mai 2025: en endring måles fra der den starter, mai 2024.",
            ): 100 * (pair[end] - pair[start]) / pair[end],
        },
    )


@exercise(
    "08.3",
    hint="`latest` is the latest month and `latest - 12` the same month a year before; subtract the older column of "
    "`by_group` from the newer one and take the label of the most negative difference (`idxmin`).",
    hint_nb="`latest` er den siste måneden og `latest - 12` samme måned året før; trekk den eldre kolonnen i "
    "`by_group` fra den nyere og ta navnet på den mest negative differansen (`idxmin`).",
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
            say(
                "that group fell most in per cent, from a small base; the question asks for persons.",
                "den gruppen falt mest i prosent, fra et lite utgangspunkt; oppgaven spør etter personer.",
            ): share.idxmin(),
            say(
                "that group fell too, but less: compare the differences in persons.",
                "den gruppen falt også, men mindre: sammenlign differansene i personer.",
            ): fall.index[1],
            say(
                "that group grew or fell least: the most negative difference is the largest fall (`idxmin`, not `idxmax`).",
                "den gruppen vokste eller falt minst: den mest negative differansen er det største fallet (`idxmin`, ikke "
                "`idxmax`).",
            ): fall.index[-1],
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
    hint_nb='lag en tabell med én rad per måned (`by_status["Arbeidssøkere på tiltak"].reset_index()`, måneden som '
    "tidsstempel med `.dt.to_timestamp()`), tegn den med `alt.Chart(...).mark_line()` og titler, og legg så til "
    '`alt.Chart(pd.DataFrame({"month": [pd.Timestamp("2025-04-01")]})).mark_rule().encode(x="month:T")` med `+`.',
)
def _(answer):
    status = _by_status()
    jobseekers = status["Arbeidssøkere på tiltak"]
    others = {
        say(
            "that line is Andre på tiltak (other participants): draw the jobseekers, Arbeidssøkere på tiltak.",
            "den linjen er Andre på tiltak: tegn arbeidssøkerne, Arbeidssøkere på tiltak.",
        ): status["Andre på tiltak"],
        say(
            "that line is all three status groups together: draw the jobseekers only.",
            "den linjen er alle tre hovedgruppene sammen: tegn bare arbeidssøkerne.",
        ): status.sum(axis=1),
        say(
            "that line is the jobseekers and other participants added up: draw the jobseekers only, and let the rule "
            "mark where they were most likely counted differently.",
            "den linjen er arbeidssøkerne og andre deltakere lagt sammen: tegn bare arbeidssøkerne, og la den loddrette "
            "linjen vise hvor de mest sannsynlig ble telt annerledes.",
        ): jobseekers + status["Andre på tiltak"],
    }
    for pointer, series in others.items():
        if judge_chart(answer, series, x="month", y="persons", mark="line", title=False, axis_titles=False)[0]:
            return False, pointer
    ok, message = judge_chart(
        answer,
        jobseekers,
        x="month",
        y="persons",
        mark="line",
        what=say("the jobseekers on programmes month by month", "arbeidssøkerne på tiltak måned for måned"),
    )
    if not ok:
        return ok, message
    rules = _rule_months(answer)
    if "2025-04" not in rules:
        months = ", ".join(sorted(rules))
        return False, say(
            "the line is right; now mark the register change: layer a vertical rule (`mark_rule`) at April 2025"
            f"{f' (your rule stands at {months})' if rules else ''} with `+`, so that a reader sees where the counting "
            "most likely changed.",
            "linjen er riktig; marker nå registerendringen: legg en loddrett linje (`mark_rule`) ved april 2025"
            f"{f' (din linje står ved {months})' if rules else ''} oppå diagrammet med `+`, så leseren ser hvor tellingen mest "
            "sannsynlig endret seg.",
        )
    return True, message + say(
        " The rule at April 2025 marks the register change.", " Linjen ved april 2025 markerer registerendringen."
    )
