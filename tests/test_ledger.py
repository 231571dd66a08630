"""Every printed cell of the raw files is accounted for: a fact, or an identical repeat of one."""

from __future__ import annotations

import re

import pytest

import helpers

from .conftest import AGE, GENDER, ONE_MONTH, raw_lines

SOURCES = [ONE_MONTH, GENDER, AGE]


def printed_cells(source: str) -> dict[tuple[int, int], str]:
    """All cells of the file found without the parser: on every line that has a label and tabs,
    the texts after each tab, except the column headers (they start with a tab) and the markdown
    rule lines made only of dashes."""
    cells = {}
    for number, line in enumerate(raw_lines(source), start=1):
        if "\t" not in line or line.startswith("\t") or re.fullmatch(r"[-\t ]+", line):
            continue
        for position, text in enumerate(line.split("\t")[1:], start=1):
            cells[(number, position)] = text
    return cells


@pytest.mark.parametrize("source", SOURCES)
def test_every_cell_is_accounted_for(source):
    ledger = helpers.load_ledger()
    mine = ledger[ledger["source"] == source]
    assert not mine.duplicated(["line", "cell"]).any()
    accounted = {(r.line, r.cell): r.raw for r in mine.itertuples()}
    assert accounted == printed_cells(source)


@pytest.mark.parametrize("source", SOURCES)
def test_facts_and_repeats(source, participants):
    ledger = helpers.load_ledger()
    mine = ledger[ledger["source"] == source]
    facts = participants[participants["source"] == source]
    assert (mine["role"] == "fact").sum() == len(facts)
    assert set(mine["role"]) == {"fact", "repeat"}

    def norm(text: str) -> str:
        return text.replace("<b>", "").replace("</b>", "").replace("\\*", "*").strip()

    first = mine[mine["role"] == "fact"].set_index(list(helpers.KEY))["raw"].map(norm)
    repeats = mine[mine["role"] == "repeat"]
    assert len(repeats) > 0
    for row in repeats.itertuples():
        k = tuple(getattr(row, c) for c in helpers.KEY)
        assert norm(row.raw) == first[k], f"line {row.line} repeats line {row.first_line} with another value"
        assert row.first_line < row.line


def test_every_line_is_read():
    lines = helpers.load_lines()
    for source in SOURCES:
        mine = lines[lines["source"] == source]
        assert list(mine["line"]) == list(range(1, len(raw_lines(source)) + 1))
    assert set(lines["kind"]) == {
        "blank",
        "rule",
        "title",
        "section",
        "period",
        "note",
        "heading",
        "header",
        "context total",
        "group total",
        "row",
        "stray label",
    }
    strays = lines[lines["kind"] == "stray label"]
    assert list(zip(strays["source"], strays["line"])) == [(AGE, 760), (AGE, 762)]
