"""Notebook 08 states what NAV's monthly JSON says, follows the copy's latest month wherever it speaks of
it, says what the April 2025 register change may and may not mean, and keeps its exercises' answers off
the page before the exercises. Expected values are read from the raw JSON with the json module."""

from __future__ import annotations

import json
import re

import nbformat
import pytest

from .monthly_raw import MONTHS_EN
from .conftest import ROOT
from .notebook_text import cell_text, shows_number, text_before_exercise

NOTEBOOK = "08_years_since.ipynb"
RAW = ROOT / "data" / "raw"
CELLS = nbformat.read(ROOT / "notebooks" / NOTEBOOK, as_version=4).cells


def raw_file(part: str):
    """The copy's file for one part (its name carries the copy's months, so it is found, not typed)."""
    (path,) = RAW.glob(f"nav_tilt_*_{part}.json")
    return path


def records(part: str) -> list[dict]:
    return json.loads(raw_file(part).read_text(encoding="utf-8"))


def latest_month() -> str:
    """The copy's latest month, 'YYYY-MM', from its metadata (sist_oppdatert)."""
    return json.loads(raw_file("metadata").read_text(encoding="utf-8"))["sist_oppdatert"][:7]


def year_before(month: str) -> str:
    year, m = month.split("-")
    return f"{int(year) - 1}-{m}"


def status_totals() -> dict[tuple[str, str], int]:
    return {(r["maalgruppe"], r["periode"][:7]): r["antall"] for r in records("oversikt")}


def page() -> str:
    return "\n".join(cell_text(c) for c in CELLS)


def prose() -> str:
    """What a reader reads: Markdown cells and every stored output."""
    return "\n".join(c.source if c.cell_type == "markdown" else cell_text(c).replace(c.source, "") for c in CELLS)


def test_key_finding_states_the_latest_month_from_the_json():
    latest = latest_month()
    totals = status_totals()
    now = sum(v for (g, p), v in totals.items() if p == latest)
    before = sum(v for (g, p), v in totals.items() if p == year_before(latest))
    text = page()
    assert f"{now:,} people were on a labour-market programme" in text
    assert f"{abs(100 * (now - before) / before):.1f} % {'more' if now > before else 'fewer'}" in text


def test_the_stamp_is_at_the_top_and_follows_the_metadata():
    meta = json.loads(raw_file("metadata").read_text(encoding="utf-8"))
    first_section = next(
        i for i, c in enumerate(CELLS) if c.cell_type == "markdown" and c.source.startswith("## The monthly series")
    )
    top = "\n".join(cell_text(c) for c in CELLS[:first_section])
    year, month = latest_month().split("-")
    names = MONTHS_EN
    assert f"Data as of:** The monthly numbers run to **{names[int(month) - 1]} {year}**" in top
    exported = meta["generert"][:10].split("-")  # e.g. 2026-06-16 -> "16 June 2026"
    assert f"{int(exported[2])} {names[int(exported[1]) - 1]} {exported[0]}" in top


def test_nothing_in_the_notebook_or_its_answer_key_types_the_latest_month():
    """NAV publishes a newer copy every month: the latest month is derived, never typed (the Sources cell names files)."""
    year, month = latest_month().split("-")
    names = MONTHS_EN
    typed = re.compile(rf"{year}-{month}|{names[int(month) - 1]} {year}|Period\(\"{year}")
    for cell in CELLS:
        if cell.cell_type == "markdown" and cell.source.startswith("## Sources"):
            continue
        assert not typed.search(cell.source), cell.source[:200]
    key = (ROOT / "helpers" / "answers.py").read_text(encoding="utf-8")
    section = key[key.index("# -- 08 The years since") :]
    assert not typed.search(section)


def test_the_break_is_flagged_for_jobseekers_in_april_to_july_2025_only():
    flagged = {
        (r["maalgruppe"], r["periode"][:7])
        for part in ("oversikt", "hovedgrupper", "tiltakstyper_arbeidssokere", "tiltakstyper_nedsatt", "tiltakstyper_andre")
        for r in records(part)
        if r["brudd"]
    }
    assert flagged == {("Arbeidssøkere", f"2025-{m:02d}") for m in (4, 5, 6, 7)}
    assert "sets `series_break` for the jobseekers in April to July 2025, and for no other group" in page()


def test_the_break_note_says_what_is_known_and_what_is_not():
    """Issue 20: the register change is 'most likely', the flag is the app's code, a change across April 2025 mixes
    a real change with the step (not 'not real'), and the caution covers Andre på tiltak too."""
    text = " ".join(prose().split())
    assert "most likely because NAV's new jobseeker register" in text
    assert "the app's own code" in text and "It is not in NAV's spreadsheets" in text
    assert "mixes a real change in participation with the step" in text
    assert "for *Arbeidssøkere på tiltak* as for *Andre på tiltak*" in text
    for wrong in ("not in participation", "says nothing about participation", "NAV's data flag", "not real"):
        assert wrong not in text, wrong


def test_the_unflagged_jump_of_the_others_is_computed_from_the_json():
    totals = status_totals()
    jump = totals[("Andre på tiltak", "2025-04")] - totals[("Andre på tiltak", "2025-03")]
    fall = totals[("Arbeidssøkere", "2025-04")] - totals[("Arbeidssøkere", "2025-03")]
    text = page()
    assert f"changed by {jump:+,} persons" in text and f"The jobseekers changed by {fall:+,}" in text
    assert f"the two together by {jump + fall:+,}" in text


def test_audit_yearly_averages_are_compared_with_yearly_averages_of_full_years():
    totals = status_totals()
    nae_2024 = round(sum(totals[("Nedsatt arbeidsevne", f"2024-{m:02d}")] for m in range(1, 13)) / 12)
    assert f"{nae_2024}" in page()


def may_range(group: str, month: str) -> tuple[int, int]:
    """A programme group, all status groups, from hovedgrupper.json: (known parts, known parts + 3 per null)."""
    values = [r["antall"] for r in records("hovedgrupper") if r["hovedgruppe"] == group and r["periode"][:7] == month]
    known = sum(v for v in values if v is not None)
    return known, known + 3 * sum(v is None for v in values)


def test_a_hidden_count_is_shown_as_its_range_in_the_programme_group_table():
    """hovedgrupper.json has null for Andre på tiltak / Jobbskaping og egenetablering in May 2023 and May 2025 (79 + 18 +
    null; 106 + 14 + null): the table shows the group as its range (97 to 100, 120 to 123) and its change as a range,
    never as a sum that counts the null as 0 and never as a bare star."""
    nulls = {
        r["periode"][:7]
        for r in records("hovedgrupper")
        if r["hovedgruppe"] == "Jobbskaping og egenetablering" and r["antall"] is None
    }
    assert {"2023-05", "2025-05"} <= nulls
    (lo_23, hi_23), (lo_25, hi_25) = (
        may_range("Jobbskaping og egenetablering", "2023-05"),
        may_range("Jobbskaping og egenetablering", "2025-05"),
    )
    cell = next(c for c in CELLS if c.cell_type == "code" and "may_table = pd.DataFrame(" in c.source)
    row = next(line for line in cell_text(cell).replace(cell.source, "").splitlines() if line.startswith("Jobbskaping"))
    assert f"{lo_23} to {hi_23}" in row and f"{lo_25} to {hi_25}" in row
    assert f"{lo_25 - hi_23:+} to {hi_25 - lo_23:+}" in row
    assert "<NA>" not in row and f" {lo_23 + 0} " not in row.replace(f"{lo_23} to", "")


def test_the_change_chart_counts_a_group_whose_sign_is_certain():
    """Every programme group of May 2023 and May 2025 with its range of change (from the JSON): the takeaway counts
    every group whose change is surely positive, ranges included, and names the ranged group with its range."""
    groups = {r["hovedgruppe"] for r in records("hovedgrupper") if r["periode"][:7] in ("2023-05", "2025-05")}
    changes = {}
    for g in groups:
        (lo_23, hi_23), (lo_25, hi_25) = may_range(g, "2023-05"), may_range(g, "2025-05")
        changes[g] = (lo_25 - hi_23, hi_25 - lo_23)
    grew = sum(lo > 0 for lo, hi in changes.values())
    cell = next(c for c in CELLS if c.cell_type == "code" and "change_chart = (bars + interval" in c.source)
    said = cell_text(cell).replace(cell.source, "")
    assert f"{grew} of the {len(changes)} programme groups grew" in said
    lo, hi = changes["Jobbskaping og egenetablering"]
    assert f"Jobbskaping og egenetablering (Job creation and self-employment) {lo:+} to {hi:+}" in said
    assert "groups with known counts" not in said and "null" in said and "no programme" in said


def test_the_audits_level_is_set_against_navs_own_table_before_reading_growth():
    """Notebook 07's check: NAV's November 2016 jobseekers (20 331, change from a year earlier 3 687: the 2016 table,
    line 29) against Tabell 3's jobseeker averages (report line 1998: 12 867 in 2015, 17 335 in 2016)."""
    nav = (RAW / "nav_tiltak_en_maaned_2016-11.txt").read_text(encoding="utf-8").split("\n")[28]
    assert nav.startswith("Arbeidssøkere på tiltak\t20 331\t3 687")
    audit = (RAW / "riksrevisjonen_dokument_3-5_2017-2018.txt").read_text(encoding="utf-8").split("\n")[1997].split()
    assert audit[0] == "Totalt"
    avg_2015, avg_2016 = int(audit[-4] + audit[-3]), int(audit[-2] + audit[-1])
    gap_2016, gap_2015 = 100 * (20331 / avg_2016 - 1), 100 * ((20331 - 3687) / avg_2015 - 1)
    said = " ".join(prose().split())
    assert f"{gap_2016:.1f} % above the audit's yearly average in 2016 and {gap_2015:.1f} % in 2015" in said
    assert "rough size only" in said and "not growth" in said
    assert "as the audit measured them" not in said


def test_the_register_change_is_hedged_in_the_intro_and_the_charts():
    """Issue 20 / domain review: the register change is 'most likely' everywhere outside the 08.4 solution."""
    shown = "\n".join(c.source for c in CELLS if "solution" not in c.metadata.get("tags", []))
    assert "most likely put there by NAV's new jobseeker register" in CELLS[0].source
    assert "New jobseeker register" not in shown and "(new jobseeker register)" not in shown
    assert "Nytt arbeidssøkerregister" not in shown and "Most likely a register change" in shown


def answer_from_json(exercise: str) -> tuple[float, int]:
    """The exercise's answer computed from oversikt.json, and the decimals a reader would see it with."""
    totals = status_totals()
    if exercise == "08.1":
        from .test_answers import _july_2024_ratio

        return _july_2024_ratio("Nedsatt arbeidsevne"), 3
    pair = lambda p: totals[("Arbeidssøkere", p)] + totals[("Andre på tiltak", p)]  # noqa: E731
    return abs(100 * (pair("2025-05") - pair("2024-05")) / pair("2024-05")), 1


@pytest.mark.parametrize("exercise", ["08.1", "08.2"])
def test_answers_are_not_shown_before_their_exercise(exercise):
    value, decimals = answer_from_json(exercise)
    shown = text_before_exercise(NOTEBOOK, exercise)
    assert not shows_number(shown, value, decimals) and not shows_number(shown, value, decimals + 1)


def test_last_years_change_by_programme_group_is_left_for_exercise_08_3():
    latest = latest_month()
    change: dict[str, float] = {}
    for r in records("hovedgrupper"):
        if r["periode"][:7] in (year_before(latest), latest):
            sign = 1 if r["periode"][:7] == latest else -1
            change[r["hovedgruppe"]] = change.get(r["hovedgruppe"], 0) + (
                float("nan") if r["antall"] is None else sign * r["antall"]
            )
    largest = min(v for v in change.values() if v == v)
    group = min((v, g) for g, v in change.items() if v == v)[1]
    shown = text_before_exercise(NOTEBOOK, "08.3")
    assert not shows_number(shown, abs(largest), 0)
    assert "08.3" in shown and group not in shown.split("### Exercise 08.3")[-1]


def test_08_4_is_a_chart_with_the_break_marked():
    exercise = next(c for c in CELLS if c.cell_type == "markdown" and "### Exercise 08.4" in c.source)
    assert "mark_line" in exercise.source and "mark_rule" in exercise.source and "April 2025" in exercise.source
