"""Malformed input gets a ParseError naming the file, the line and what was expected."""

from __future__ import annotations

import pytest

from helpers import parse_table
from helpers.errors import DuplicateMismatchError, ParseError

from .conftest import GENDER, ONE_MONTH, raw_lines


def damaged(source: str, line: int, new: str | None) -> str:
    lines = raw_lines(source)
    if new is None:
        del lines[line - 1]
    else:
        lines[line - 1] = new
    return "\n".join(lines)


def parse(source: str, text: str):
    return parse_table(text, source)


def test_row_with_the_wrong_number_of_cells():
    text = damaged(ONE_MONTH, 44, "Oppfølging\t15 353\t-1 216")
    with pytest.raises(
        ParseError,
        match=rf"^{ONE_MONTH}, line 44: row 'Oppfølging' has 2 cells; expected 3 cells, one per column of the header on line 41$",
    ):
        parse(ONE_MONTH, text)


def test_unknown_label():
    text = damaged(GENDER, 136, "Mentxr\t260\t261\t282\t311\t305")
    with pytest.raises(ParseError, match=rf"^{GENDER}, line 136: unknown programme label 'Mentxr'; expected a programme"):
        parse(GENDER, text)


def test_programme_placed_in_the_wrong_group():
    # "Mentor" moved below the Arbeidspraksis total would land in the wrong group
    lines = raw_lines(GENDER)
    lines[131], lines[135] = lines[135], lines[131]  # swap "I alt arbeidspraksis" (132) and "Mentor" (136)
    with pytest.raises(ParseError, match=r"line 132: programme 'Mentor' is printed before the total of 'Arbeidspraksis'"):
        parse(GENDER, "\n".join(lines))


def test_total_that_disagrees_with_its_earlier_copy():
    # line 86 repeats "I alt kvinner" from line 42
    text = damaged(GENDER, 86, "I alt kvinner\t34 688\t36 168\t37 348\t37 975\t37 475")
    with pytest.raises(
        DuplicateMismatchError,
        match=rf"^{GENDER}, line 86: 'I alt kvinner', column 'Mai', reads '37 475' but the same number was printed as 37474 on line 42",
    ):
        parse(GENDER, text)


def test_heading_that_cannot_be_read():
    text = damaged(GENDER, 39, "Kvinnfolk")
    with pytest.raises(ParseError, match=rf"^{GENDER}, line 39: cannot read the heading 'Kvinnfolk'"):
        parse(GENDER, text)


def test_heading_that_contradicts_the_total_row():
    text = damaged(GENDER, 47, "Kvinner")
    with pytest.raises(ParseError, match=r"line 50: total row 'I alt menn' does not match the heading 'Kvinner' on line 47"):
        parse(GENDER, text)


def test_cell_that_is_not_a_number():
    text = damaged(ONE_MONTH, 45, "Opplæring\t18 943\t1,436\t8")
    with pytest.raises(
        ParseError, match=r"line 45: cell '1,436' in row 'Opplæring', column 'Endring fra i fjor Antall' is not a number"
    ):
        parse(ONE_MONTH, text)


def test_badly_grouped_digits():
    text = damaged(ONE_MONTH, 45, "Opplæring\t189 43\t1 436\t8")
    with pytest.raises(ParseError, match=r"line 45: cell '189 43'"):
        parse(ONE_MONTH, text)


def test_visible_count_below_four():
    text = damaged(GENDER, 136, "Mentor\t2\t261\t282\t311\t305")
    with pytest.raises(ParseError, match=r"line 136: count 2 in row 'Mentor', column 'Januar' should have been suppressed"):
        parse(GENDER, text)


def test_empty_cell_in_a_time_series():
    text = damaged(GENDER, 136, "Mentor\t\t261\t282\t311\t305")
    with pytest.raises(ParseError, match=r"line 136: empty cell in row 'Mentor', column 'Januar'"):
        parse(GENDER, text)


def test_data_row_before_any_header():
    text = "Deltakere i arbeidsrettede tiltak. Tiltak. En måned\nHovedgrupper\nNovember 2016\nI alt\t83 484\t3 805\t5"
    with pytest.raises(ParseError, match=r"line 4: data row outside a block; expected a column header"):
        parse("made-up.txt", text)


def test_unknown_column_header():
    text = damaged(ONE_MONTH, 27, "\tAntall\tEndring\tProsent")
    with pytest.raises(ParseError, match=r"line 27: unknown column header 'Endring'"):
        parse(ONE_MONTH, text)


def test_group_total_without_programmes():
    lines = raw_lines(GENDER)
    del lines[141]  # "Egenetablering" (line 142) before "I alt jobbskaping og egenetablering"
    with pytest.raises(
        ParseError, match=r"line 142: group total 'I alt jobbskaping og egenetablering' has no programme rows before it"
    ):
        parse(GENDER, "\n".join(lines))


def test_stray_label_without_a_matching_row():
    lines = raw_lines(GENDER)
    lines.insert(137, "Jobbklubb")  # a label without cells, not followed by a Jobbklubb row
    with pytest.raises(ParseError, match=r"line 138: label 'Jobbklubb' printed without any cells"):
        parse(GENDER, "\n".join(lines))


def test_no_title():
    with pytest.raises(ParseError, match=r"^empty.txt: no table title found"):
        parse("empty.txt", "\n\n")
