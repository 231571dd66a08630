"""NAV's definitions for the exit statistics, written as small functions a reader can run.

The rules come from NAV's definition page for the exit statistics (avgangsstatistikk), vendored as
``data/raw/nav_avgang_definisjoner.txt`` and cited here as "definitions line N". The suppression rule comes
from the notes to the participant tables (``data/raw/nav_tiltak_en_maaned_2016-11.txt`` line 15,
``nav_tiltak_alder_2019-01_2019-12.txt`` line 15, ``nav_tiltak_kjonn_2021-01_2021-05.txt`` line 13).

A person's history is a sequence of :class:`MonthRecord`, one per consecutive calendar month.
Every function checks the history first and raises :class:`HistoryError` if it is malformed, so a
wrong answer cannot come from a wrong input. Where the rule needs months the history does not hold
(the two months after a possible exit, or the month six months after it), the functions raise
:class:`UndeterminedError` instead of guessing; :func:`exit_verdict` returns ``None`` in that case.

The readings this module takes where NAV's text leaves room (each is explained where it is used):

- exit: "not on *the same* programme" in the two following months, so a move counts (definitions line 5);
- the reclassification window is the five calendar months before the exit month (definitions line 7);
- the status is read in the month six months after the exit month, with a fixed precedence
  (definitions lines 11-18);
- a history starts with the person's first month known to NAV, and ends at the data cut-off.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from numbers import Integral

import pandas as pd

SEED = "data/raw/nav_avgang_definisjoner.txt"
SUPPRESSION_NOTE = "data/raw/nav_tiltak_en_maaned_2016-11.txt, line 15"

# Registered statuses in NAV's register (definitions line 7: "arbeidssøkere og personer registrert med nedsatt arbeidsevne").
JOBSEEKER = "arbeidssøker"
REDUCED_CAPACITY = "nedsatt arbeidsevne"
REGISTERED_STATUSES: tuple[str, ...] = (JOBSEEKER, REDUCED_CAPACITY)

# Status groups, with the labels NAV's participant tables use (helpers.vocabulary.STATUS_GROUPS).
# definitions line 7 names the first two "arbeidssøkere" and "personer registrert med nedsatt arbeidsevne".
GROUP_JOBSEEKERS = "Arbeidssøkere på tiltak"
GROUP_REDUCED_CAPACITY = "Nedsatt arbeidsevne, på tiltak"
GROUP_OTHER = "Andre på tiltak"

MONTHS_OFF = 2  # definitions line 5: "ikke de to påfølgende månedene"
RECLASSIFICATION_MONTHS = 5  # definitions line 7: "de siste fem månedene før avgang"
MONTHS_TO_STATUS = 6  # definitions line 11: "seks måneder etter tidspunktet for avgang"

# The six statuses six months after exit (definitions lines 13-18), with their English glosses and source lines.
SIX_MONTH_STATUSES: dict[str, str] = {
    "I arbeid": "In work",
    "Arbeid og ytelse": "Work and benefit",
    "Arbeidssøker": "Jobseeker",
    "Nedsatt arbeidsevne": "Reduced work capacity",
    "Uføre": "Disability benefit only",
    "Annet": "Other",
}
STATUS_SEED_LINES: dict[str, int] = {
    "I arbeid": 13,
    "Arbeid og ytelse": 14,
    "Arbeidssøker": 15,
    "Nedsatt arbeidsevne": 16,
    "Uføre": 17,
    "Annet": 18,
}

# Table kinds for the suppression rule, and the counts a "*" can hide in each.
TABLE_KINDS: dict[str, str] = {
    "one_month": "Tiltak. En måned: one month; an empty cell is 0, so '*' hides 1-3",
    "time_series": "Tidsserie måned: monthly series; '*' also hides 0 (rows kept for months with nobody)",
}
SUPPRESSION_LIMIT = 4  # "tallene er mindre enn 4" (SUPPRESSION_NOTE)
SUPPRESSED = "*"

LANES: tuple[str, ...] = ("programme", "status", "work", "benefit")

_MONTH_RE = re.compile(r"(\d{4})-(\d{2})")
_FLAGS: tuple[str, ...] = ("in_work", "benefit", "sickness_benefit", "disability_benefit_only")


# --------------------------------------------------------------------------- errors


class HistoryError(ValueError):
    """A history cannot be read: it names the record (index and month), the problem and what was expected."""

    def __init__(self, index: int | None, month: object, problem: str, expected: str):
        self.index = index
        self.month = month
        self.problem = problem
        self.expected = expected
        where = f"record {index} (month {month!r})" if index is not None else f"record (month {month!r})"
        super().__init__(f"{where}: {problem}; expected {expected}")


class UndeterminedError(LookupError):
    """The rule needs months after the end of the history, so the answer is not known yet.

    This is not a fault in the history: a history ends at the data cut-off, and NAV itself can
    only count an exit two months after it happened (definitions line 5).
    """

    def __init__(self, month: str, needed: Sequence[str], last: str, why: str):
        self.month = month
        self.needed = tuple(needed)
        self.last = last
        super().__init__(f"{month}: undetermined; {why} needs {', '.join(self.needed)}, but the history ends in {last}")


# --------------------------------------------------------------------------- records and months


@dataclass(frozen=True)
class MonthRecord:
    """What NAV's registers say about one person in one calendar month.

    - ``month``: 'YYYY-MM'.
    - ``programme``: the labour-market programme (tiltak) the person is registered on, or None.
      One programme per month is a simplification: NAV counts exits per programme.
    - ``status``: registered status, 'arbeidssøker', 'nedsatt arbeidsevne' or None (definitions line 7).
    - ``in_work``: registered as an employee in the employer register and paid wages (definitions line 13).
    - ``benefit``: receives a benefit (ytelse) from NAV, sickness benefit not included (definitions line 14);
      for example work assessment allowance (AAP), unemployment benefit, or part disability benefit.
    - ``sickness_benefit``: receives sickness benefit (sykepenger). Recorded so that it can be shown,
      but it never changes a status: definitions line 14 says "ytelse" does not include it.
    - ``disability_benefit_only``: receives disability benefit (uføretrygd) and nothing else
      (definitions line 17); contradicts work, other benefits and a registered status.
    """

    month: str
    programme: str | None = None
    status: str | None = None
    in_work: bool = False
    benefit: bool = False
    sickness_benefit: bool = False
    disability_benefit_only: bool = False


def month_number(month: str) -> int:
    """Months since year 0 for a 'YYYY-MM' string, so months can be subtracted; ValueError if malformed."""
    match = _MONTH_RE.fullmatch(month) if isinstance(month, str) else None
    if match is None or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(f"{month!r} is not a month; expected 'YYYY-MM' with a month 01-12")
    return int(match.group(1)) * 12 + int(match.group(2)) - 1


def shift_month(month: str, k: int) -> str:
    """The month ``k`` calendar months after ``month`` (before it when ``k`` is negative)."""
    year, index = divmod(month_number(month) + k, 12)
    return f"{year:04d}-{index + 1:02d}"


def month_range(start: str, count: int) -> list[str]:
    """``count`` consecutive months starting at ``start``."""
    return [shift_month(start, k) for k in range(count)]


def make_history(start: str, rows: Sequence[tuple[str | None, str | None] | Mapping[str, object]]) -> list[MonthRecord]:
    """Consecutive monthly records from ``start``: each row is ``(programme, status)`` or a dict of fields.

    A convenience for examples and tests, e.g.
    ``make_history("2021-01", [("Arbeidstrening", "arbeidssøker")] * 3 + [{"in_work": True}])``.
    """
    records = []
    for month, row in zip(month_range(start, len(rows)), rows):
        values = dict(row) if isinstance(row, Mapping) else {"programme": row[0], "status": row[1]}
        records.append(MonthRecord(month=month, **values))  # type: ignore[arg-type]
    return records


# --------------------------------------------------------------------------- validation


def _check_record(index: int | None, record: object) -> None:
    """Raise HistoryError if one record is malformed on its own (type, month, status, flags)."""
    if not isinstance(record, MonthRecord):
        raise HistoryError(
            index, getattr(record, "month", None), f"not a MonthRecord but {type(record).__name__}", "a MonthRecord"
        )
    month = record.month
    try:
        month_number(month)
    except ValueError:
        raise HistoryError(index, month, "bad month string", "'YYYY-MM' with a month 01-12") from None
    if record.programme is not None and (not isinstance(record.programme, str) or not record.programme.strip()):
        raise HistoryError(index, month, f"programme {record.programme!r} is not a name", "a programme name or None")
    if record.status is not None and record.status not in REGISTERED_STATUSES:
        raise HistoryError(
            index,
            month,
            f"unknown status {record.status!r}",
            "'arbeidssøker', 'nedsatt arbeidsevne' or None (definitions line 7)",
        )
    for name in _FLAGS:
        if not isinstance(getattr(record, name), bool):
            raise HistoryError(index, month, f"{name} is {getattr(record, name)!r}", f"{name} to be True or False")
    if record.disability_benefit_only:
        clashes = [name for name in ("in_work", "benefit", "sickness_benefit") if getattr(record, name)]
        clashes += ["a registered status"] if record.status is not None else []
        if clashes:
            raise HistoryError(
                index,
                month,
                f"contradictory flags: disability_benefit_only together with {', '.join(clashes)}",
                "'only disability benefit' (definitions line 17) to exclude work, other benefits and a status",
            )


def validate_history(history: Sequence[MonthRecord]) -> tuple[MonthRecord, ...]:
    """Return the history as a tuple after checking it; raise HistoryError naming the first bad record.

    Checks: every record is a MonthRecord with a valid 'YYYY-MM' month, a known status, boolean
    flags that do not contradict each other, and the months run one calendar month apart with no
    duplicates. An empty history is valid (there is nothing to count).
    """
    records = tuple(history)
    seen: dict[str, int] = {}
    for index, record in enumerate(records):
        _check_record(index, record)
        if index:
            expected = shift_month(records[index - 1].month, 1)
            if record.month in seen:
                raise HistoryError(
                    index,
                    record.month,
                    f"duplicate month, already record {seen[record.month]}",
                    f"{expected!r}, the month after record {index - 1}",
                )
            if record.month != expected:
                raise HistoryError(
                    index, record.month, "months are not consecutive", f"{expected!r}, the month after record {index - 1}"
                )
        seen[record.month] = index
    return records


def _position(records: Sequence[MonthRecord], month: str) -> int:
    """Index of ``month`` in a validated history; ValueError if the month is malformed or outside it."""
    number = month_number(month)
    if not records:
        raise ValueError(f"{month} is not in the history: the history is empty")
    index = number - month_number(records[0].month)
    if not 0 <= index < len(records):
        raise ValueError(f"{month} is not in the history, which runs {records[0].month} to {records[-1].month}")
    return index


# --------------------------------------------------------------------------- exits


def _check_months_off(months_off: int) -> None:
    if isinstance(months_off, bool) or not isinstance(months_off, Integral) or months_off < 1:
        raise ValueError(f"months_off must be a whole number of months, 1 or more, not {months_off!r}")


def _verdict(records: Sequence[MonthRecord], index: int, months_off: int = MONTHS_OFF) -> bool | None:
    """Exit rule on a validated history: True, False, or None when the following months are not known."""
    programme = records[index].programme
    if programme is None:
        return False
    following = records[index + 1 : index + 1 + months_off]
    if any(record.programme == programme for record in following):
        return False
    return True if len(following) == months_off else None


def exit_verdict(history: Sequence[MonthRecord], reference_month: str, *, months_off: int = MONTHS_OFF) -> bool | None:
    """Is ``reference_month`` an exit? True, False, or None when the history ends too early to tell.

    Rule (definitions line 5): a person counts as an exit in a reference month when registered on a
    programme that month ("registrert i ett arbeidsmarkedstiltak i en gitt referansemåned") "men
    ikke de to påfølgende månedene". We read the second half as *not registered on that same
    programme* in the next two months, for two reasons: NAV's next sentence says exits between
    programmes are counted too ("Avgangen mellom ulike tiltak er også tatt med"), which an "on no
    programme" reading would rule out; and the audit, which copied NAV's rule to be comparable,
    spells it out: "ikke deltar på samme tiltak de to påfølgende månedene" (audit lines 1166-1169,
    fn. 120 at line 2687). So a move from A to B is an exit from A, and a person who moves and then
    leaves is counted twice, once per programme: the statistic counts exits, not people.

    The answer is None when the person is on the programme in the reference month, not back on it
    in the months the history holds, and the history ends before both following months are known.

    ``months_off=1`` gives the audit's looser rule for its 2014 cohort: not on the same programme the
    month after (audit lines 1171-1173).
    """
    _check_months_off(months_off)
    records = validate_history(history)
    return _verdict(records, _position(records, reference_month), months_off)


def is_exit(history: Sequence[MonthRecord], reference_month: str, *, months_off: int = MONTHS_OFF) -> bool:
    """True when the person counts as an exit in ``reference_month`` (definitions line 5).

    On a programme in the reference month, "men ikke de to påfølgende månedene", read as: not on
    *that same* programme in either of the next two months, so a move to another programme is an
    exit from the first ("Avgangen mellom ulike tiltak er også tatt med"); the reasons are given in
    :func:`exit_verdict`. Raises UndeterminedError when the history ends before the two following
    months are known, because NAV could not count this month yet either.
    """
    records = validate_history(history)
    index = _position(records, reference_month)
    _check_months_off(months_off)
    verdict = _verdict(records, index, months_off)
    if verdict is None:
        raise UndeterminedError(
            reference_month,
            _missing(records, reference_month, months_off),
            records[-1].month,
            f"deciding whether {records[index].programme!r} ended",
        )
    return verdict


def _missing(records: Sequence[MonthRecord], month: str, ahead: int) -> list[str]:
    """The months from ``month``+1 to ``month``+``ahead`` that lie after the end of the history."""
    last = month_number(records[-1].month)
    wanted = month_range(shift_month(month, 1), ahead)
    return [m for m in wanted if month_number(m) > last]


def exit_months(history: Sequence[MonthRecord], *, months_off: int = MONTHS_OFF) -> list[str]:
    """The months in which the person counts as an exit (definitions line 5), oldest first.

    Only decided exits are listed; months that cannot be decided yet are in :func:`undetermined_months`.
    """
    _check_months_off(months_off)
    records = validate_history(history)
    return [r.month for i, r in enumerate(records) if _verdict(records, i, months_off) is True]


def undetermined_months(history: Sequence[MonthRecord], *, months_off: int = MONTHS_OFF) -> list[str]:
    """Months on a programme whose exit verdict needs months after the end of the history."""
    _check_months_off(months_off)
    records = validate_history(history)
    return [r.month for i, r in enumerate(records) if _verdict(records, i, months_off) is None]


def _require_exit(records: Sequence[MonthRecord], month: str) -> int:
    """Index of ``month`` after checking that it is a decided exit (ValueError / UndeterminedError if not)."""
    index = _position(records, month)
    verdict = _verdict(records, index)
    if verdict is None:
        raise UndeterminedError(
            month, _missing(records, month, MONTHS_OFF), records[-1].month, "deciding whether this month is an exit"
        )
    if not verdict:
        raise ValueError(
            f"{month} is not an exit month (definitions line 5); exits in this history: "
            f"{[r.month for i, r in enumerate(records) if _verdict(records, i)] or 'none'}"
        )
    return index


# --------------------------------------------------------------------------- status group and reclassification


def reclassification_window(exit_month: str) -> list[str]:
    """The months checked for reduced work capacity: the five calendar months before the exit month.

    definitions line 7: "de siste fem månedene før avgang". We count the exit (reference) month as the month
    of the exit, so "before the exit" means strictly before it: for an exit in June, January to May.
    The exit month itself is left out; it could not change anything anyway, because a person whose
    status that month is reduced work capacity is in that group already.
    """
    return month_range(shift_month(exit_month, -RECLASSIFICATION_MONTHS), RECLASSIFICATION_MONTHS)


def _reduced_capacity_months(records: Sequence[MonthRecord], index: int) -> list[str]:
    """Months inside the window (and inside the history) with the status reduced work capacity."""
    window = records[max(0, index - RECLASSIFICATION_MONTHS) : index]
    return [record.month for record in window if record.status == REDUCED_CAPACITY]


def is_reclassified(history: Sequence[MonthRecord], exit_month: str) -> bool:
    """True when a jobseeker's exit is moved to the reduced-work-capacity group (definitions line 7).

    Months before the first record count as months without a status: a history begins with the
    person's first month known to NAV.
    """
    records = validate_history(history)
    index = _require_exit(records, exit_month)
    return records[index].status == JOBSEEKER and bool(_reduced_capacity_months(records, index))


def exit_status_group(history: Sequence[MonthRecord], exit_month: str) -> str:
    """The status group an exit is counted under, as NAV's tables label it.

    definitions line 7 splits the exit statistics into "arbeidssøkere" and "personer registrert med nedsatt
    arbeidsevne"; we return the participant tables' labels for them, "Arbeidssøkere på tiltak" and
    "Nedsatt arbeidsevne, på tiltak". The group follows the status in the exit month, except that a
    jobseeker who had reduced work capacity in any of the five months before the exit month
    (:func:`reclassification_window`) "blir omklassifisert til avgang fra nedsatt arbeidsevne".

    A person with neither status in the exit month is in neither of NAV's two exit groups; we return
    "Andre på tiltak", the tables' label for the rest, so such exits stay visible.
    """
    records = validate_history(history)
    index = _require_exit(records, exit_month)
    status = records[index].status
    if status == REDUCED_CAPACITY:
        return GROUP_REDUCED_CAPACITY
    if status == JOBSEEKER:
        return GROUP_REDUCED_CAPACITY if _reduced_capacity_months(records, index) else GROUP_JOBSEEKERS
    return GROUP_OTHER


# --------------------------------------------------------------------------- status six months after exit

# Precedence: the first rule that holds gives the status (definitions lines 13-18, see classify_status).
STATUS_RULES: tuple[tuple[str, Callable[[MonthRecord], bool]], ...] = (
    ("Arbeid og ytelse", lambda r: r.in_work and r.benefit),
    ("I arbeid", lambda r: r.in_work),
    ("Arbeidssøker", lambda r: r.status == JOBSEEKER),
    ("Nedsatt arbeidsevne", lambda r: r.status == REDUCED_CAPACITY),
    ("Uføre", lambda r: r.disability_benefit_only),
    ("Annet", lambda r: True),
)


def classify_status(record: MonthRecord) -> str:
    """Which of the six statuses (definitions lines 13-18) one month's record gives; the first rule that holds wins.

    1. In work and a benefit -> "Arbeid og ytelse" (line 14). Sickness benefit is not a benefit here
       ("Begrepet ytelse inkluderer ikke sykepenger"), so work plus sickness benefit is "I arbeid".
    2. In work -> "I arbeid" (line 13), whatever the registered status. Lines 13-14 are defined by the
       employer register alone, so work comes before a NAV status: a person in work who is also a
       registered jobseeker (e.g. partly unemployed) is "I arbeid", or "Arbeid og ytelse" with a benefit.
    3. Registered jobseeker -> "Arbeidssøker"; 4. reduced work capacity -> "Nedsatt arbeidsevne"
       (lines 15-16: they "kan motta en ytelse", so a benefit does not change these).
    5. Disability benefit and nothing else -> "Uføre" (line 17: "mottar kun uføretrygd").
    6. Anything else -> "Annet" (line 18), including a benefit with no work and no registered status,
       which NAV's text does not name; we count it under its catch-all.

    The order follows NAV's list except that the narrower "Arbeid og ytelse" is tested before
    "I arbeid"; NAV states no precedence, so this is our reading.
    """
    _check_record(None, record)
    return next(label for label, rule in STATUS_RULES if rule(record))


def status_english(status: str) -> str:
    """English gloss of one of the six statuses; KeyError for anything else."""
    if status not in SIX_MONTH_STATUSES:
        raise KeyError(f"{status!r} is not one of the six statuses: {', '.join(SIX_MONTH_STATUSES)}")
    return SIX_MONTH_STATUSES[status]


def status_month(exit_month: str) -> str:
    """The month whose records give the status: six months after the exit (reference) month (definitions line 11).

    definitions line 11 measures the status "seks måneder etter tidspunktet for avgang"; the exit is counted
    in the reference month (line 5), so for an exit in March 2021 the status is read in September 2021.
    """
    return shift_month(exit_month, MONTHS_TO_STATUS)


def status_after_exit(history: Sequence[MonthRecord], exit_month: str) -> str:
    """The person's status six months after the exit, one of the six in :data:`SIX_MONTH_STATUSES`.

    Reads the record for :func:`status_month` and applies :func:`classify_status`. Raises
    ValueError if ``exit_month`` is not an exit, and UndeterminedError if the history ends before
    the exit can be decided or before the status month.
    """
    records = validate_history(history)
    index = _require_exit(records, exit_month)
    target = index + MONTHS_TO_STATUS
    if target >= len(records):
        raise UndeterminedError(exit_month, [status_month(exit_month)], records[-1].month, "the status six months after exit")
    return classify_status(records[target])


# --------------------------------------------------------------------------- suppression


def _check_kind(table_kind: str) -> None:
    if table_kind not in TABLE_KINDS:
        raise ValueError(f"table_kind must be one of {', '.join(map(repr, TABLE_KINDS))}, not {table_kind!r}")


def published_cell(n: int, table_kind: str) -> str:
    """How NAV prints a count: "*" below 4, an empty cell for 0 in the one-month table.

    NAV replaces values "mindre enn 4" with «*» (SUPPRESSION_NOTE; statistics act § 2-6, later
    § 7-1). In the one-month table a 0 is printed as an empty cell, so there "*" means 1-3; in the
    monthly time series a 0 is also printed "*" (docs/design/the-data.md, "What the symbols mean"). Counts of 4
    and over are printed with a space between thousands, as in the tables ("83 484").
    """
    _check_kind(table_kind)
    if isinstance(n, bool) or not isinstance(n, Integral):
        raise TypeError(f"n must be a whole number of persons, not {n!r}")
    if n < 0:
        raise ValueError(f"n must be 0 or more: a count of persons cannot be {n}")
    if n >= SUPPRESSION_LIMIT:
        return f"{int(n):,}".replace(",", " ")
    return "" if n == 0 and table_kind == "one_month" else SUPPRESSED


def suppressed_interval(table_kind: str) -> tuple[int, int]:
    """The smallest and largest count a "*" can hide: (1, 3) in the one-month table, (0, 3) in time series."""
    _check_kind(table_kind)
    return (1 if table_kind == "one_month" else 0, SUPPRESSION_LIMIT - 1)


def cell_interval(cell: str, table_kind: str) -> tuple[int, int]:
    """The counts a printed cell is consistent with: the inverse of :func:`published_cell`."""
    _check_kind(table_kind)
    text = cell.strip()
    if text == SUPPRESSED:
        return suppressed_interval(table_kind)
    if text == "":
        if table_kind != "one_month":
            raise ValueError("an empty cell means 0 only in the one-month table")
        return (0, 0)
    digits = text.replace(" ", "")
    if not digits.isdigit() or int(digits) < SUPPRESSION_LIMIT:
        raise ValueError(f"{cell!r} is not a cell NAV would print")
    return (int(digits), int(digits))


# --------------------------------------------------------------------------- explaining a history


def _explain(records: Sequence[MonthRecord], index: int) -> str:
    """One short English sentence on what the rules make of month ``index``."""
    record = records[index]
    programme = record.programme
    if programme is None:
        return "Not on a programme, so not an exit."
    verdict = _verdict(records, index)
    following = records[index + 1 : index + 1 + MONTHS_OFF]
    if verdict is False:
        back = next(k for k, r in enumerate(following, 1) if r.programme == programme)
        if back == 1:
            return f"Still on {programme} next month: no exit."
        return f"Off {programme} for one month, back on it in {following[back - 1].month}: a short break, no exit."
    if verdict is None:
        return (
            f"On {programme}; the history ends in {records[-1].month}, before the next two months are known: exit undetermined."
        )
    months = " or ".join(r.month for r in following)
    moved_to = following[0].programme
    text = (
        f"Moves to {moved_to} and is not back on {programme} in {months}: an exit from {programme}"
        if moved_to
        else f"Not on {programme} in {months}: an exit"
    )
    return f"{text}, {_explain_group(records, index)}; {_explain_status(records, index)}."


def _explain_group(records: Sequence[MonthRecord], index: int) -> str:
    status = records[index].status
    if status == REDUCED_CAPACITY:
        return f"counted under {GROUP_REDUCED_CAPACITY}"
    if status is None:
        return f"with no registered status (in neither of NAV's two exit groups: {GROUP_OTHER})"
    inside = _reduced_capacity_months(records, index)
    if inside:
        return f"reclassified to {GROUP_REDUCED_CAPACITY} (reduced work capacity in {inside[-1]}, within the five months before)"
    earlier = [r.month for r in records[:index] if r.status == REDUCED_CAPACITY]
    note = f" (reduced work capacity last in {earlier[-1]}, outside the five months before)" if earlier else ""
    return f"counted under {GROUP_JOBSEEKERS}{note}"


def _explain_status(records: Sequence[MonthRecord], index: int) -> str:
    month = status_month(records[index].month)
    if index + MONTHS_TO_STATUS >= len(records):
        return f"the history ends before {month}, so the status six months later is unknown"
    status = classify_status(records[index + MONTHS_TO_STATUS])
    return f"six months later ({month}): {status} ({SIX_MONTH_STATUSES[status].lower()})"


DESCRIBE_COLUMNS: tuple[str, ...] = (
    "month",
    "programme",
    "status",
    "exit_counted",
    "counted_under",
    "status_6_months_later",
    "explanation",
)


def describe(history: Sequence[MonthRecord]) -> pd.DataFrame:
    """One row per month: what the rules make of it, for tables and the explorer in notebook 01.

    ``exit_counted`` is True/False, or <NA> while undetermined; ``counted_under`` and
    ``status_6_months_later`` are filled for exit months only (empty when not known);
    ``programme`` and ``status`` are empty strings for None.
    """
    records = validate_history(history)
    rows = []
    for index, record in enumerate(records):
        verdict = _verdict(records, index)
        group = later = ""
        if verdict:
            group = exit_status_group(records, record.month)
            if index + MONTHS_TO_STATUS < len(records):
                later = classify_status(records[index + MONTHS_TO_STATUS])
        rows.append((record.month, record.programme or "", record.status or "", verdict, group, later, _explain(records, index)))
    frame = pd.DataFrame(rows, columns=list(DESCRIBE_COLUMNS))
    text = {column: "str" for column in DESCRIBE_COLUMNS if column != "exit_counted"}
    return frame.astype({**text, "exit_counted": "boolean"})


def _lane_values(record: MonthRecord) -> dict[str, tuple[str, bool]]:
    """(value, active) per lane for one record."""
    benefits = [
        name
        for flag, name in (
            ("benefit", "benefit"),
            ("sickness_benefit", "sickness benefit"),
            ("disability_benefit_only", "disability benefit only"),
        )
        if getattr(record, flag)
    ]
    return {
        "programme": (record.programme or "none", record.programme is not None),
        "status": (record.status or "none", record.status is not None),
        "work": ("in work" if record.in_work else "not in work", record.in_work),
        "benefit": (" + ".join(benefits) or "none", bool(benefits)),
    }


def timeline_frame(history: Sequence[MonthRecord]) -> pd.DataFrame:
    """A tidy frame for charting a history: one row per month and lane.

    Columns: ``month`` ('YYYY-MM'), ``date`` (first day of the month), ``lane`` (one of
    :data:`LANES`: programme, status, work, benefit), ``value`` (a label such as the programme's
    name, 'in work' or 'none') and ``active`` (False where the lane is empty, so a chart can hide it).
    """
    records = validate_history(history)
    rows = [(r.month, lane, value, active) for r in records for lane, (value, active) in _lane_values(r).items()]
    frame = pd.DataFrame(rows, columns=["month", "lane", "value", "active"])
    frame = frame.astype({"month": "str", "lane": "str", "value": "str", "active": bool})
    frame.insert(1, "date", pd.to_datetime(frame["month"] + "-01", format="%Y-%m-%d"))
    return frame


# --------------------------------------------------------------------------- worked examples

_AS, _NAE = JOBSEEKER, REDUCED_CAPACITY


def _exit_then(programme: str, status: str | None, after: Mapping[str, object]) -> list[MonthRecord]:
    """Three months on a programme (exit in March), five months off with the same status, then September."""
    rows: list[tuple[str | None, str | None] | Mapping[str, object]] = [(programme, status)] * 3
    rows += [(None, status)] * (MONTHS_TO_STATUS - 1) + [after]
    return make_history("2021-01", rows)


EXAMPLE_NOTES: dict[str, str] = {
    "simple exit": "Three months of labour market training, then off: one exit, in work six months later.",
    "move to another programme": "Assessment, then work training: the move is an exit from Avklaring, and "
    "leaving work training is a second exit.",
    "short break": "Off follow-up for one month and back: no exit then; the exit comes when the person leaves.",
    "still on a programme": "On permanent adapted work throughout: no exit so far, and the last month cannot be decided yet.",
    "reclassified (5 months back)": "A jobseeker at exit with reduced work capacity exactly five months "
    "earlier: counted under reduced work capacity.",
    "not reclassified (6 months back)": "The same, but reduced work capacity six months earlier: outside the "
    "window, counted as a jobseeker.",
    "status: I arbeid": "In work six months after exit, no benefit.",
    "status: Arbeid og ytelse": "In work and receiving work assessment allowance six months after exit.",
    "status: Arbeidssøker": "A registered jobseeker six months after exit.",
    "status: Nedsatt arbeidsevne": "Registered with reduced work capacity six months after exit.",
    "status: Uføre": "Receiving only disability benefit six months after exit.",
    "status: Annet": "In neither register six months after exit (e.g. in education).",
    "sickness benefit is not a benefit": "In work and on sickness benefit six months after exit: "
    "'I arbeid', not 'Arbeid og ytelse'.",
}


def examples() -> dict[str, list[MonthRecord]]:
    """Named worked example histories (fresh lists on every call), described in :data:`EXAMPLE_NOTES`."""
    amo, trening = "Arbeidsmarkedsopplæring (AMO)", "Arbeidstrening"
    return {
        "simple exit": _exit_then(amo, _AS, {"in_work": True}),
        "move to another programme": make_history(
            "2021-01",
            [("Avklaring", _NAE)] * 2
            + [(trening, _NAE)] * 4
            + [(None, _NAE)] * 5
            + [{"in_work": True, "benefit": True, "status": _NAE}],
        ),
        "short break": make_history(
            "2021-01", [("Oppfølging", _AS)] * 3 + [(None, _AS)] + [("Oppfølging", _AS)] * 2 + [(None, _AS)] * 6
        ),
        "still on a programme": make_history("2021-01", [("Varig tilrettelagt arbeid i skjermet virksomhet", _NAE)] * 6),
        "reclassified (5 months back)": make_history(
            "2021-01", [(None, _NAE)] + [(None, _AS)] * 2 + [("Jobbklubb", _AS)] * 3 + [(None, _AS)] * 6
        ),
        "not reclassified (6 months back)": make_history(
            "2021-01",
            [(None, _NAE), (None, _AS)] + [(None, _AS)] * 2 + [("Jobbklubb", _AS)] * 3 + [(None, _AS)] * 5 + [{"in_work": True}],
        ),
        "status: I arbeid": _exit_then(trening, _AS, {"in_work": True}),
        "status: Arbeid og ytelse": _exit_then(trening, _NAE, {"in_work": True, "benefit": True, "status": _NAE}),
        "status: Arbeidssøker": _exit_then(amo, _AS, {"status": _AS, "benefit": True}),
        "status: Nedsatt arbeidsevne": _exit_then("Avklaring", _NAE, {"status": _NAE, "benefit": True}),
        "status: Uføre": _exit_then("Arbeidsforberedende trening", _NAE, {"disability_benefit_only": True}),
        "status: Annet": _exit_then("Midlertidig lønnstilskudd", _AS, {}),
        "sickness benefit is not a benefit": _exit_then(trening, _AS, {"in_work": True, "sickness_benefit": True}),
    }


EXAMPLES: dict[str, list[MonthRecord]] = examples()


def examples_table() -> pd.DataFrame:
    """One row per worked example: its note, its exits, the groups and the statuses six months later."""
    rows = []
    for name, history in examples().items():
        exits = exit_months(history)
        groups = [exit_status_group(history, m) for m in exits]
        later = [_safe_status(history, m) for m in exits]
        rows.append(
            (
                name,
                EXAMPLE_NOTES[name],
                ", ".join(exits) or "none",
                "; ".join(groups),
                "; ".join(later),
                ", ".join(undetermined_months(history)),
            )
        )
    return pd.DataFrame(
        rows, columns=["example", "what it shows", "exit months", "counted under", "status 6 months later", "undetermined months"]
    )


def _safe_status(history: Sequence[MonthRecord], exit_month: str) -> str:
    try:
        return status_after_exit(history, exit_month)
    except UndeterminedError:
        return "unknown"


__all__ = [
    "EXAMPLES",
    "EXAMPLE_NOTES",
    "GROUP_JOBSEEKERS",
    "GROUP_OTHER",
    "GROUP_REDUCED_CAPACITY",
    "HistoryError",
    "JOBSEEKER",
    "LANES",
    "MONTHS_OFF",
    "MonthRecord",
    "REDUCED_CAPACITY",
    "REGISTERED_STATUSES",
    "SIX_MONTH_STATUSES",
    "STATUS_RULES",
    "TABLE_KINDS",
    "UndeterminedError",
    "cell_interval",
    "classify_status",
    "describe",
    "examples",
    "examples_table",
    "exit_months",
    "exit_status_group",
    "exit_verdict",
    "is_exit",
    "is_reclassified",
    "make_history",
    "month_number",
    "month_range",
    "published_cell",
    "reclassification_window",
    "shift_month",
    "status_after_exit",
    "status_english",
    "status_month",
    "suppressed_interval",
    "timeline_frame",
    "undetermined_months",
    "validate_history",
]
