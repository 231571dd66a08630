"""Damaged tables give the same facts or a clear ParseError, never a silently different data set.

Each property damages the real text of a table in one way and reads it through the same strict
path the raw files take (parse, then reconcile). What the arithmetic of the table can vouch for
is spelled out in tests/damage.py; the last test shows the one kind of damage it cannot see, and
that the manifest checksum refuses it instead.
"""

from __future__ import annotations

import functools
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import helpers
from helpers.errors import IntegrityError, ParseError
from helpers.tidy import parse_files, read_table

from .conftest import AGE, GENDER, ONE_MONTH, RAW, raw_lines
from .damage import copies, drop_is_detectable, pins

SOURCES = [ONE_MONTH, GENDER, AGE]
COLUMNS = ["period", "status_group", "gender", "age_group", "programme_group", "programme", "measure", "value", "suppressed"]
# How many damaged copies each property tries comes from the run's Hypothesis profile (tests/conftest.py):
# 40 under CI, fewer in a maintainer's `make test`; the same copies every run (derandomized).
PROPERTY = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def facts(frame) -> set[tuple]:
    return set(map(tuple, frame[COLUMNS].astype(str).values.tolist()))


@functools.cache
def original(source: str) -> set[tuple]:
    return facts(read_table("\n".join(raw_lines(source)), source))


@functools.cache
def structure(source: str):
    ledger = helpers.load_ledger()
    where = copies(ledger, source)
    by_line: dict[int, list] = {}
    for key, lines in where.items():
        for n in lines:
            by_line.setdefault(n, []).append(key)
    return where, by_line, pins(helpers.load_participants())


def same_or_parse_error(source: str, lines: list[str]) -> str:
    try:
        result = facts(read_table("\n".join(lines), source))
    except ParseError as error:
        assert source in str(error) and "line" in str(error), f"unclear error: {error}"
        return "error"
    assert result == original(source), "the damaged table was read as a different data set without an error"
    return "same"


def data_lines(source: str) -> list[int]:
    return [
        i
        for i, line in enumerate(raw_lines(source))
        if "\t" in line and not line.startswith("\t") and not re.fullmatch(r"[-\t ]+", line)
    ]


@st.composite
def a_line(draw):
    source = draw(st.sampled_from(SOURCES))
    return source, draw(st.integers(0, len(raw_lines(source)) - 1))


@PROPERTY
@given(a_line())
def test_duplicated_line(where):
    source, i = where
    lines = raw_lines(source)
    same_or_parse_error(source, lines[: i + 1] + [lines[i]] + lines[i + 1 :])


@PROPERTY
@given(a_line())
def test_swapped_neighbours(where):
    source, i = where
    lines = raw_lines(source)
    if i + 1 < len(lines):
        lines[i], lines[i + 1] = lines[i + 1], lines[i]
    same_or_parse_error(source, lines)


@PROPERTY
@given(a_line())
def test_dropped_line_without_cells(where):
    """Titles, sections, periods, headings, column headers, rules and blanks."""
    source, i = where
    lines = raw_lines(source)
    if i in set(data_lines(source)):
        i = next(n for n in range(len(lines)) if n not in set(data_lines(source)))
    same_or_parse_error(source, lines[:i] + lines[i + 1 :])


@st.composite
def a_data_line(draw):
    source = draw(st.sampled_from(SOURCES))
    return source, draw(st.sampled_from(data_lines(source)))


@PROPERTY
@given(a_data_line())
def test_dropped_row_that_the_arithmetic_can_see(where):
    source, i = where
    where_printed, by_line, p = structure(source)
    lines = raw_lines(source)
    outcome = (
        same_or_parse_error(source, lines[:i] + lines[i + 1 :])
        if drop_is_detectable(i + 1, by_line.get(i + 1, []), where_printed, p)
        else None
    )
    assert outcome in (None, "same", "error")


JUNK = st.sampled_from(["x", "1,5", "12.000", "--", "**", "1 23", "12 3456", "4 5 6", "n/a", "∗", "٣"])


@PROPERTY
@given(a_data_line(), st.data())
def test_unreadable_cell_is_an_error(where, data):
    source, i = where
    lines = raw_lines(source)
    label, *cells = lines[i].split("\t")
    j = data.draw(st.integers(0, len(cells) - 1))
    damage = data.draw(st.sampled_from(["junk", "remove", "add"] + (["empty"] if source != ONE_MONTH else [])))
    if damage == "junk":
        cells[j] = data.draw(JUNK)
    elif damage == "remove":
        del cells[j]
    elif damage == "add":
        cells.insert(j, cells[j])
    else:
        cells[j] = ""
    lines[i] = "\t".join([label, *cells])
    with pytest.raises(ParseError, match=rf"^{re.escape(source)}, line {i + 1}: "):
        read_table("\n".join(lines), source)


@st.composite
def a_pinned_cell(draw):
    """A cell whose number is printed twice or is pinned by a total with no starred parts."""
    source = draw(st.sampled_from(SOURCES))
    where_printed, _, p = structure(source)
    ledger = helpers.load_ledger()
    mine = ledger[(ledger["source"] == source) & (ledger["measure"] != "change_from_last_year_pct")]
    keys = list(
        zip(*(mine[k] for k in ("period", "status_group", "gender", "age_group", "programme_group", "programme", "measure")))
    )
    candidates = [
        (row.line, row.cell)
        for row, key in zip(mine.itertuples(), keys)
        if "*" not in row.raw and row.raw.strip() and (len(where_printed[key]) > 1 or key in p.exact_keys)
    ]
    return source, draw(st.sampled_from(candidates))


@PROPERTY
@given(a_pinned_cell(), st.integers(1, 2000), st.booleans())
def test_changed_number_is_caught(where, delta, down):
    source, (line, cell) = where
    lines = raw_lines(source)
    label, *cells = lines[line - 1].split("\t")
    text = cells[cell - 1]
    bold = "<b>" in text
    value = int(text.replace("<b>", "").replace("</b>", "").replace(" ", ""))
    new = value - delta if down else value + delta
    if down and new < 4 and not (-3 <= new < 0 and "Endring" in lines[line - 1]):
        new = value + delta
    printed = f"{new:,}".replace(",", " ")
    cells[cell - 1] = f"<b>{printed}</b>" if bold else printed
    lines[line - 1] = "\t".join([label, *cells])
    with pytest.raises(ParseError):
        read_table("\n".join(lines), source)


def test_the_limit_a_row_of_stars_can_vanish_unseen_but_the_checksum_refuses_it(tmp_path):
    """GENDER line 634, women among "other participants" in Utdanning, is '*' in every month,
    and so are its parent and sibling rows: without it every total still adds up. The text
    alone cannot show the loss; the manifest's sha256 does."""
    lines = raw_lines(GENDER)
    assert lines[633] == "Utdanning\t*\t*\t*\t*\t*"
    damaged = lines[:633] + lines[634:]
    assert facts(read_table("\n".join(damaged), GENDER)) < original(GENDER)
    for entry in helpers.manifest():
        (tmp_path / entry["file"]).write_bytes((RAW / entry["file"]).read_bytes())
    (tmp_path / GENDER).write_text("\n".join(damaged), encoding="utf-8")
    with pytest.raises(IntegrityError, match=GENDER):
        parse_files(tmp_path)
