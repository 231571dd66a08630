"""05 Seasons and age: what the notebook states, checked against the raw 2019 table, and no answer before its exercise.

Expected numbers come from the raw text (data/raw/nav_tiltak_alder_2019-01_2019-12.txt), read line by
line, or from arithmetic on those printed numbers; never from the notebook's own code.
"""

from __future__ import annotations

import io
import json
import re
from urllib.parse import unquote

import mistune
import nbformat
import pandas as pd

from .conftest import AGE, ROOT, raw_lines
from .notebook_text import cell_text, shows_number, text_before_exercise

NOTEBOOK = "05_seasons_and_age.ipynb"
LINES = raw_lines(AGE)
CELLS = nbformat.read(ROOT / "notebooks" / NOTEBOOK, as_version=4).cells
TEXT = "\n".join(cell_text(c) for c in CELLS)


def printed(line: int) -> tuple[str, list[int | None]]:
    """The label and the 12 cells of a raw line (1-based, as `cat -n` numbers it); '*' gives None."""
    label, *cells = LINES[line - 1].replace("<b>", "").replace("</b>", "").split("\t")
    assert len(cells) == 12, (line, LINES[line - 1])
    return label, [None if c.strip() in ("*", "\\*") else int(c.replace(" ", "")) for c in cells]


def values(line: int) -> list[int | None]:
    return printed(line)[1]


def index(counts: list[int]) -> list[float]:
    mean = sum(counts) / 12
    return [100 * c / mean for c in counts]


def add(*lines: int, star: int = 0) -> list[int]:
    """The months of several raw lines added up, each '*' counted as `star`."""
    return [sum(star if v is None else v for v in month) for month in zip(*(values(n) for n in lines))]


def outputs_of(marker: str) -> str:
    """The stored outputs of the one code cell whose source contains `marker`."""
    (cell,) = [c for c in CELLS if c.cell_type == "code" and marker in c.source]
    return cell_text(cell)[len(cell.source) :]


# -- the raw lines the tests rely on ---------------------------------------------------------------
def test_the_raw_lines_are_the_ones_we_think():
    assert printed(28)[0] == "I alt" and printed(29)[0] == "19 år og under" and printed(35)[0] == "60 år og over"
    assert printed(48)[0] == "I alt arbeidssøkere på tiltak" and printed(68)[0] == "I alt nedsatt arbeidsevne, på tiltak"
    assert printed(906)[0] == "I alt 19 år og under arbeidssøkere på tiltak"
    assert [printed(n)[0] for n in (705, 808, 861)] == ["I alt opplæring"] * 3
    assert [printed(n)[0] for n in (707, 810, 863)] == ["I alt jobbskaping og egenetablering"] * 3
    assert printed(712)[0] == "I alt tilrettelagt arbeid"


# -- what the notebook states ----------------------------------------------------------------------
def test_key_findings_are_the_printed_totals():
    total = values(28)
    assert total[2] == 73322 and total[6] == 58225 and max(total) == total[2] and min(total) == total[6]
    findings = outputs_of("findings([")
    for figure in (
        "73,322 in March",
        "58,225 in July",
        f"{73322 - 58225:,} fewer",
        f"{index(total)[6]:.1f}",
        f"{index(values(48))[6]:.1f} in July",
        f"{index(values(68))[6]:.1f}",
        f"{min(index(values(29))):.1f}",
        f"{min(index(values(35))):.1f}",
    ):
        assert figure in findings, figure
    drivers = add(705, 808, 861, 680, 784, 837)  # training and work practice, the three status groups each
    assert f"{100 * (drivers[2] - drivers[6]) / 15097:.1f} % of the fall" in findings


def test_the_index_of_the_total_by_hand():
    total = values(28)
    assert sum(total) == 826564  # added by hand from line 28: mean 68,880.33
    said = outputs_of("total_index = 100 * total / total.mean()")
    assert "68,880.3 participants" in said and f"July's index is {100 * 58225 / (826564 / 12):.1f}" in said


def test_the_age_heatmap_draws_lines_29_to_35():
    table = outputs_of("age_index = ages.div")
    assert f"{index(values(29))[7]:.1f} in August" in table  # the youngest's lowest month
    for line in range(29, 36):
        assert all(f"<td>{v:.1f}</td>" in table for v in index(values(line)))


def test_programme_groups_are_the_sum_of_the_status_groups():
    training = add(705, 808, 861)
    multiples = outputs_of('counts_by("programme_group"')
    assert f"Opplæring (Training) ({index(training)[6]:.1f})" in multiples
    assert f"{min(index(values(712))):.1f} to {max(index(values(712))):.1f}" in multiples  # adapted work, flattest
    assert values(863) == [None] * 12  # job creation, other participants: '*' in every month, so a range
    low, high = add(707, 810, 863, star=0), add(707, 810, 863, star=3)
    lowest = [1200 * lo / (lo + sum(high) - hi) for lo, hi in zip(low, high)]
    assert f"{lowest[0]:.1f}-" in multiples.replace("\u2013", "-")


def test_contributions_add_up_to_the_printed_fall():
    training = add(705, 808, 861)
    drop = outputs_of("parts = pd.DataFrame")
    assert f"{training[2] - training[6]:,}" in drop and f"{100 * (training[2] - training[6]) / 15097:.1f} %" in drop
    low, high = add(707, 810, 863, star=0), add(707, 810, 863, star=3)
    assert f"{low[2] - high[6]} to {high[2] - low[6]}" in drop  # job creation: a range, drawn with round caps
    assert f"{values(712)[2] - values(712)[6]}" in drop  # adapted work grew
    spec = [
        o
        for c in CELLS
        if "parts = pd.DataFrame" in c.source
        for o in c.outputs
        if "application/vnd.vegalite.v5+json" in o.get("data", {})
    ]
    (rule,) = [
        layer for layer in spec[0]["data"]["application/vnd.vegalite.v5+json"]["layer"] if layer["mark"].get("type") == "rule"
    ]
    assert rule["mark"]["strokeCap"] == "round" and rule["mark"]["strokeWidth"] >= 8


def test_the_training_reform_never_draws_a_star_as_zero():
    cell = [c for c in CELLS if "unknown = alt.Chart" in c.source][0]
    (output,) = [o for o in cell.outputs if "application/vnd.vegalite.v5+json" in o.get("data", {})]
    spec = output["data"]["application/vnd.vegalite.v5+json"]
    drawn = [row for rows in spec["datasets"].values() for row in rows if "drawn" in row]
    assert drawn and all(row["drawn"] is None or row["drawn"] > 0 for row in drawn)
    assert all(row["drawn"] is None for row in drawn if row["low"] == 0)
    assert "0-42" in str(spec)  # the months where every new row is '*' say their range


def test_the_counting_assumptions_are_stated_as_assumptions():
    prose = " ".join(c.source for c in CELLS if c.cell_type == "markdown")
    assert "end of the month" in prose and "take it as an assumption" in prose
    assert "that too is an assumption" in prose
    raw = "\n".join(LINES[:40]).lower()
    assert "utgangen" not in raw and "én gang" not in raw  # the file itself says neither


def test_notebook_08_is_named_for_season_against_trend():
    assert "The years since 2023" in TEXT


def test_every_generated_sentence_keeps_its_stars():
    """A '*' in a computed sentence shows as a star once the Markdown is rendered (not as italics)."""
    checked = 0
    for cell in CELLS:
        for output in cell.get("outputs", []):
            markdown = output.get("data", {}).get("text/markdown")
            if markdown and "*" in markdown.replace("**", ""):
                plain = re.sub(r"<[^>]+>", "", mistune.html(markdown))
                assert plain.count("*") == markdown.count("\\*"), markdown
                checked += 1
    from helpers.notebook import escape  # what say(), findings() and show() do to a computed sentence

    sentence = "Ages 19 and under, Tilrettelegging (Adaptation): the row holds a *, so each month's index is a range."
    assert re.sub(r"<[^>]+>", "", mistune.html(escape(sentence))).strip() == sentence


def test_the_notebook_does_not_import_the_topic_module():
    assert not any("helpers.topics" in c.source for c in CELLS if c.cell_type == "code")


# -- no answer before its exercise ---------------------------------------------------------------
def test_05_1_answer_not_shown_before():
    young = values(906)  # jobseekers aged 19 and under, all programmes
    july = 100 * young[6] / (sum(young) / 12)
    assert not shows_number(text_before_exercise(NOTEBOOK, "05.1"), july, 1)


def test_05_2_answer_not_shown_before():
    young, total = values(29), values(28)
    share = 100 * (young[2] - young[6]) / (total[2] - total[6])
    assert not shows_number(text_before_exercise(NOTEBOOK, "05.2"), share, 1)


def test_05_3_answer_not_shown_before():
    falls = {printed(n)[0]: values(n)[2] - values(n)[6] for n in range(29, 36)}
    top = max(falls, key=falls.get)
    text = text_before_exercise(NOTEBOOK, "05.3")
    assert not shows_number(text, falls[top], 0)
    assert not re.search(rf"{re.escape(top)}[^.]*\b(most|largest)\b", text)


# -- a * is never a count, a lower bound never an exact count (issue 20) ---------------------------
def stored_csv(title: str) -> pd.DataFrame:
    """The CSV a reader downloads under the chart whose title contains ``title`` (decoded from its data: link)."""
    for cell in CELLS:
        outputs = cell.get("outputs", [])
        specs = [
            o["data"]["application/vnd.vegalite.v5+json"]
            for o in outputs
            if "application/vnd.vegalite.v5+json" in o.get("data", {})
        ]
        if specs and title in json.dumps(specs[0].get("title", ""), ensure_ascii=False):
            html = "".join(str(o.get("data", {}).get("text/html", "")) for o in outputs)
            found = re.search(r'class="csv-download" download="[^"]*" href="data:text/csv;charset=utf-8,([^"]*)"', html)
            assert found, f"no CSV link under the chart {title!r}"
            text = unquote(found[1])
            stamped = text.startswith('"')  # the data stamp as the CSV's first line (one quoted field)
            return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, skiprows=1 if stamped else 0)
    raise LookupError(title)


# the training reform's new rows, all ages, per status group (lines 682-704, 786-807, 839-847)
NEW_ROWS = (682, 683, 686, 703, 704, 786, 787, 793, 807, 839, 840, 843, 846, 847)


def test_the_new_training_rows_are_ranges_in_the_table_the_csv_and_the_takeaway():
    assert {printed(n)[0].replace("Enkelt plass", "Enkeltplass").replace("enkelt plass", "enkeltplass") for n in NEW_ROWS} == {
        "AMO Enkeltplass",
        "AMO Kurs",
        "Høyere utdanning",
        "Vgs/yrkesfaglig utdanning",
        "Vgs/yrkesfaglig utdanning enkeltplass",
    }
    low, high = add(*NEW_ROWS, star=0), add(*NEW_ROWS, star=3)
    assert (low[5], high[5]) == (0, 42) and low[11] < high[11]  # June: every new row is '*'; December: two still are
    table = stored_csv("The training reform").set_index("Month")
    assert table.loc["June", "New rows"] == "0 to 42"
    assert table.loc["December", "New rows"] == f"{low[11]:,} to {high[11]:,}"
    said = outputs_of("unknown = alt.Chart")
    assert f"to {low[11]:,}–{high[11]:,} in December" in said and f"to {low[11]:,} in December" not in said
    both_bounds = outputs_of('values=["low", "high"]')
    assert "low" in both_bounds and "high" in both_bounds and f"{high[11]}" in both_bounds


def test_job_creation_share_of_the_fall_is_a_range():
    """Job creation, March to July, lines 707 + 810 + 863 (863 is '*' in every month): a range of persons and of per cent."""
    assert all(v is None for v in values(863))
    low, high = add(707, 810, 863, star=0), add(707, 810, 863, star=3)
    fall = values(28)[2] - values(28)[6]
    least, most = low[2] - high[6], high[2] - low[6]
    table = stored_csv("Who drives the summer dip").set_index("Programme group")
    row = table.loc["Jobbskaping og egenetablering (Job creation and self-employment)"]
    assert row["Fall (persons)"] == f"{least} to {most}"
    assert row["Share of the fall (%)"] == f"{100 * least / fall:.1f} to {100 * most / fall:.1f}"


def test_the_data_stamp_is_near_the_top():
    top = "\n".join(cell_text(c) for c in CELLS[:8])
    assert "Data as of" in top and "December 2019" in top
