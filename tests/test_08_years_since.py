"""Notebook 08 states what NAV's monthly JSON says, and its exercises' answers are not on the page
before the exercises. Expected values are read from the raw JSON with the json module."""

from __future__ import annotations

import json

import nbformat
import pytest

from .conftest import ROOT
from .notebook_text import cell_text, shows_number, text_before_exercise

NOTEBOOK = "08_years_since.ipynb"
RAW = ROOT / "data" / "raw"


def records(part: str) -> list[dict]:
    return json.loads((RAW / f"nav_tilt_2023-01_2026-05_{part}.json").read_text(encoding="utf-8"))


def status_totals() -> dict[tuple[str, str], int]:
    return {(r["maalgruppe"], r["periode"][:7]): r["antall"] for r in records("oversikt")}


def page() -> str:
    return "\n".join(cell_text(c) for c in nbformat.read(ROOT / "notebooks" / NOTEBOOK, as_version=4).cells)


def test_key_finding_states_the_latest_month_from_the_json():
    latest = json.loads((RAW / "nav_tilt_2023-01_2026-05_metadata.json").read_text(encoding="utf-8"))["sist_oppdatert"][:7]
    totals = status_totals()
    now = sum(v for (g, p), v in totals.items() if p == latest)
    year, month = latest.split("-")
    before = sum(v for (g, p), v in totals.items() if p == f"{int(year) - 1}-{month}")
    text = page()
    assert f"{now:,} people were on a labour-market programme" in text
    assert f"{abs(100 * (now - before) / before):.1f} % {'more' if now > before else 'fewer'}" in text


def test_the_break_is_flagged_for_jobseekers_in_april_to_july_2025_only():
    flagged = {(r["maalgruppe"], r["periode"][:7]) for part in ("oversikt", "hovedgrupper", "tiltakstyper_arbeidssokere",
               "tiltakstyper_nedsatt", "tiltakstyper_andre") for r in records(part) if r["brudd"]}
    assert flagged == {("Arbeidssøkere", f"2025-{m:02d}") for m in (4, 5, 6, 7)}
    assert "is set for the jobseekers in April to July 2025, and for no other group" in page()


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


def answer_from_json(exercise: str) -> tuple[float, int]:
    """The exercise's answer computed from oversikt.json, and the decimals a reader would see it with."""
    totals = status_totals()
    if exercise == "08.1":
        from .test_answers import _july_2024_ratio

        return _july_2024_ratio("Nedsatt arbeidsevne"), 3
    if exercise == "08.2":
        pair = lambda p: totals[("Arbeidssøkere", p)] + totals[("Andre på tiltak", p)]  # noqa: E731
        return abs(100 * (pair("2025-05") - pair("2024-05")) / pair("2024-05")), 1
    step = lambda y: totals[("Andre på tiltak", f"{y}-04")] - totals[("Andre på tiltak", f"{y}-03")]  # noqa: E731
    return step(2025) - step(2024), 0


@pytest.mark.parametrize("exercise", ["08.1", "08.2", "08.4"])
def test_answers_are_not_shown_before_their_exercise(exercise):
    value, decimals = answer_from_json(exercise)
    shown = text_before_exercise(NOTEBOOK, exercise)
    assert not shows_number(shown, value, decimals) and not shows_number(shown, value, decimals + 1)


def test_last_years_change_by_programme_group_is_left_for_exercise_08_3():
    fall = {}
    for r in records("hovedgrupper"):
        if r["periode"][:7] in ("2025-05", "2026-05") and r["antall"] is not None:
            fall[r["hovedgruppe"]] = fall.get(r["hovedgruppe"], 0) + r["antall"] * (1 if r["periode"].startswith("2026") else -1)
    largest = min(fall.values())
    assert not shows_number(text_before_exercise(NOTEBOOK, "08.3"), abs(largest), 0)
