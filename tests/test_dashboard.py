"""The dashboard (notebooks/dashboard.ipynb): what it claims, checked against the raw sources, and
what a stakeholder must not misread. The browser checks (Voilà, axe, phone width) are in
tests/test_browser.py; the static site's in tests/test_site.py."""

from __future__ import annotations

import json
import re
from urllib.parse import unquote

import nbformat
import pytest

from .conftest import RAW, ROOT, raw_lines

NOTEBOOK = ROOT / "notebooks" / "dashboard.ipynb"
OVERVIEW = "nav_tilt_2023-01_2026-05_oversikt.json"
GROUP = {"Arbeidssøkere": "jobseekers", "Nedsatt arbeidsevne": "reduced", "Andre på tiltak": "others"}
VEGA = "application/vnd.vegalite.v5+json"


@pytest.fixture(scope="module")
def nb():
    return nbformat.read(NOTEBOOK, as_version=4)


def texts(nb, mime: str) -> list[str]:
    return [o.get("data", {}).get(mime, "") for c in nb.cells if c.cell_type == "code" for o in c.outputs if mime in o.get("data", {})]


def page_text(nb) -> str:
    """Everything a reader sees: Markdown cells, computed sentences, chart titles and subtitles."""
    specs = [json.dumps(s.get("title", ""), ensure_ascii=False) for s in texts(nb, VEGA)]
    return "\n".join([c.source for c in nb.cells if c.cell_type == "markdown"] + texts(nb, "text/markdown") + specs)


def raw_overview() -> dict[tuple[str, str], int]:
    """NAV's monthly totals per status group, read from the raw JSON: {(month 'YYYY-MM', group): persons}."""
    records = json.loads((RAW / OVERVIEW).read_text(encoding="utf-8"))
    return {(r["periode"][:7], GROUP[r["maalgruppe"]]): r["antall"] for r in records}


def test_the_dashboard_does_not_use_the_topic_modules(nb):
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "helpers.topics" not in code and "from helpers import topics" not in code
    assert "load_monthly_series" in code


def test_the_page_has_a_title_for_the_browser_tab(nb):
    assert nb.metadata.get("title", "").startswith("NAV labour-market programmes")


def test_todays_numbers_come_first_and_match_the_raw_series(nb):
    overview = raw_overview()
    latest = max(month for month, _ in overview)
    year, month = map(int, latest.split("-"))
    before = f"{year - 1}-{month:02d}"
    total = sum(v for (m, _), v in overview.items() if m == latest)
    earlier = sum(v for (m, _), v in overview.items() if m == before)
    first = texts(nb, "text/markdown")[0]
    months = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
    assert f"In {months[month - 1]} {year}, {total:,} people were on a labour-market programme" in first
    assert f"{abs(total - earlier):,} {'fewer' if total < earlier else 'more'} than twelve months earlier" in first
    table = texts(nb, "text/markdown")[1]
    for group in ("reduced", "jobseekers", "others"):
        assert f"{overview[(latest, group)]:,}" in table, group
    # Today's section comes before the older tables and the audit.
    text = page_text(nb)
    assert text.index("## Today") < text.index("## 2016–2021") < text.index("## What the audit found")


def test_the_register_change_is_explained_with_numbers_from_the_raw_series(nb):
    overview = raw_overview()
    records = json.loads((RAW / OVERVIEW).read_text(encoding="utf-8"))
    flagged = sorted({r["periode"][:7] for r in records if r["brudd"]})
    assert flagged == ["2025-04", "2025-05", "2025-06", "2025-07"]  # the app flags jobseekers only
    assert {r["maalgruppe"] for r in records if r["brudd"]} == {"Arbeidssøkere"}
    march, april = "2025-03", "2025-04"
    note = next(t for t in texts(nb, "text/markdown") if t.startswith("- *April 2025"))
    fell = overview[(march, "jobseekers")] - overview[(april, "jobseekers")]
    pair = (overview[(april, "jobseekers")] + overview[(april, "others")]) - (overview[(march, "jobseekers")] + overview[(march, "others")])
    assert f"fell by {fell:,}" in note
    assert f"from {overview[(march, 'others')]:,} to {overview[(april, 'others')]:,}" in note
    assert f"{pair:+,}" in note and "April 2025 to July 2025" in note
    assert overview[(april, "others")] / overview[(march, "others")] > 1.9  # "doubles"


def test_the_break_is_drawn_as_a_break_not_a_line_through_it(nb):
    spec = next(s for s in texts(nb, VEGA) if "January 2023" in s["title"]["text"])
    panels = spec["vconcat"]
    assert len(panels) == 4
    for panel in panels:
        line, rule, label = panel["layer"]
        assert line["encoding"]["detail"]["field"] == "part"  # separate lines before and after April 2025
        assert rule["mark"]["type"] == "rule" and label["mark"]["type"] == "text"
    rows = spec["datasets"][panels[0]["layer"][0]["data"]["name"]]
    assert {r["part"] for r in rows if r["month"] < "2025-04"} == {"before"}
    assert {r["part"] for r in rows if r["month"] >= "2025-04"} == {"after"}


def test_the_older_snapshots_carry_their_caution_next_to_the_numbers(nb):
    first = next(t for t in texts(nb, "text/markdown") if "November 2016" in t and "November 2019" in t)
    sentence = first.split("\n")[0]
    assert "83,484" in sentence and "71,429" in sentence and "77,811" in sentence
    assert "not a trend" in sentence


def test_raw_lines_of_the_snapshot_totals():
    # The three totals in the first snapshot finding, as NAV printed them (raw files, "I alt" rows).
    assert "83 484" in "\n".join(raw_lines("nav_tiltak_en_maaned_2016-11.txt"))
    assert "71 429" in "\n".join(raw_lines("nav_tiltak_alder_2019-01_2019-12.txt"))
    assert "77 811" in "\n".join(raw_lines("nav_tiltak_kjonn_2021-01_2021-05.txt"))


def test_one_claim_one_number_and_no_causal_reading(nb):
    notes = next(t for t in texts(nb, "text/markdown") if "cannot show what the programme caused" in t)
    assert "59 %" in notes and "50 %" in notes  # the other figure is explained next to the one shown
    takeaways = [t for t in texts(nb, "text/markdown") if t.startswith("**A year after leaving")]
    assert len(takeaways) == 1 and "59" not in takeaways[0]


def test_source_line_numbers_only_in_the_sources_note(nb):
    sources = nb.cells.index(next(c for c in nb.cells if c.cell_type == "markdown" and "## Sources" in c.source))
    before = [c for c in nb.cells[:sources]]
    shown = [o.get("data", {}) for c in before if c.cell_type == "code" for o in c.outputs]
    for data in shown:
        for mime in ("text/markdown", VEGA):
            text = json.dumps(data.get(mime, ""), ensure_ascii=False)
            assert not re.search(r"\blines? \d{3,4}", text), text[:200]


def test_shorthand_is_explained_and_the_all_option_has_one_label(nb):
    text = page_text(nb)
    assert "AMO" in text and "arbeidsmarkedsopplæring" in text
    assert "*Tabell 6* and *Tabell 7* are tables 6 and 7 of the audit report" in text
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert code.count('ALL_LABEL = "I alt (all)"') == 1
    assert "All status groups (I alt)" not in text and "All (I alt)" not in text
    assert "(I alt (all))" not in text  # sentences say "all status groups"


def test_every_chart_offers_its_numbers_as_csv_with_the_source(nb):
    charts = 0
    for cell in nb.cells:
        outputs = [o.get("data", {}) for o in cell.get("outputs", [])]
        if not any(VEGA in d for d in outputs):
            continue
        charts += 1
        links = [d["text/html"] for d in outputs if 'class="csv-download"' in d.get("text/html", "")]
        assert len(links) == 1, cell.source[:80]
        csv = unquote(re.search(r'href="data:text/csv;charset=utf-8,([^"]*)"', links[0]).group(1))
        header, first = csv.split("\n")[:2]
        assert header.endswith(",Source") and ("Source: NAV" in first or "Source: Riksrevisjonen" in first)
    assert charts == 7


def test_charts_have_their_takeaway_as_description(nb):
    for spec in texts(nb, VEGA):
        assert len(spec.get("description", "")) > 20, spec["title"]


def test_norwegian_views_use_norwegian_number_formats():
    """The draw functions in Norwegian: numbers with a (no-break) space, not an English comma."""
    from helpers.charts import number

    assert number(125457, "nb") == "125\u00a0457" and number(125457, "en") == "125,457"


def test_the_longest_wait_view_keeps_the_mean_and_median_takeaway(nb):
    code = next(c.source for c in nb.cells if c.cell_type == "code" and c.source.lstrip().startswith("# Waiting"))
    takeaway = code[code.index("takeaway = t(lang"):code.index("out = rows")]
    assert "view" not in takeaway  # the same takeaway for both views: mean against median
    assert "median" in takeaway
