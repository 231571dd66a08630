"""`make brief`: two A4 pages per language, with the numbers, stamp, break, grades and sources read off the raw files.

Every expected value here is read from data/raw/ (NAV's monthly JSON and its metadata, the report's text), not
from helpers.headline, which the briefing itself uses: the test fails if the two disagree.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

from .conftest import ROOT, raw_lines, run_make
from .monthly_raw import MONTHS_EN, MONTHS_NB

RAW = ROOT / "data" / "raw"
MONTHS = {"en": MONTHS_EN, "nb": MONTHS_NB}  # the tests' own lists (tests/monthly_raw.py)
REPORT = "riksrevisjonen_dokument_3-5_2017-2018.txt"


@pytest.fixture(scope="module")
def briefs() -> dict[str, list[str]]:
    """`make brief` as README gives it; each language's PDF as a list of page texts (spaces normalised)."""
    from pypdf import PdfReader

    run_make(ROOT, "brief")
    pages = {}
    for lang in ("nb", "en"):
        reader = PdfReader(ROOT / "build" / "brief" / f"briefing_{lang}.pdf")
        pages[lang] = [re.sub(r"[ \u00a0\u202f\u2009]+", " ", page.extract_text() or "") for page in reader.pages]
    return pages


def number(value: int, lang: str) -> str:
    """85068 as the briefing prints it: '85,068' (English) or '85 068' (bokmål, spaces normalised)."""
    text = f"{abs(value):,}"
    return text if lang == "en" else text.replace(",", " ")


def monthly_counts() -> dict[str, dict[str, int]]:
    """{month 'YYYY-MM': {status group: persons}} from NAV's oversikt JSON, as the file gives them."""
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for record in json.loads((RAW / "nav_tilt_2023-01_2026-05_oversikt.json").read_text(encoding="utf-8")):
        counts[record["periode"][:7]][record["maalgruppe"]] = record["antall"]
    return counts


def metadata() -> dict:
    return json.loads((RAW / "nav_tilt_2023-01_2026-05_metadata.json").read_text(encoding="utf-8"))


def month_text(month: str, lang: str) -> str:
    year, index = month.split("-")
    return f"{MONTHS[lang][int(index) - 1]} {year}"


def flat(text: str) -> str:
    """Text without any white space: a web address or number the PDF broke over two lines reads whole."""
    return "".join(text.split())


def expected_grades() -> list[str]:
    """The grade word of each of the Document's §2.1–2.5, read from the report's text: 'sterkt kritikkverdig',
    'kritikkverdig' or '' (none of the two in the section)."""
    lines = raw_lines(REPORT)
    starts = [next(i for i, line in enumerate(lines) if line.startswith(f"2.{k} ")) for k in range(1, 6)]
    end = next(i for i, line in enumerate(lines) if re.match(r"3\s+Riksrevisjonens anbefalinger", line))
    grades = []
    for first, last in zip(starts, [*starts[1:], end]):
        section = re.sub(r"-\s*\n", "", "\n".join(lines[first:last])).replace("\n", " ")
        grades.append(
            "sterkt kritikkverdig" if "sterkt kritikkverdig" in section else "kritikkverdig" if "kritikkverdig" in section else ""
        )
    return grades


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_brief_is_at_most_two_a4_pages_with_text_on_each(lang, briefs):
    from pypdf import PdfReader

    reader = PdfReader(ROOT / "build" / "brief" / f"briefing_{lang}.pdf")
    assert 1 <= len(reader.pages) <= 2
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842), "not A4 (595 × 842 pt)"
    assert all(len(text.strip()) > 200 for text in briefs[lang]), "a page without text"


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_brief_has_todays_numbers_from_navs_json(lang, briefs):
    text = " ".join(briefs[lang])
    counts = monthly_counts()
    latest = metadata()["sist_oppdatert"][:7]
    year, month = latest.split("-")
    before = f"{int(year) - 1}-{month}"
    now, then = sum(counts[latest].values()), sum(counts[before].values())
    assert len(counts[latest]) == 3 and len(counts[before]) == 3
    for value in (now, then, now - then, *counts[latest].values(), *counts[before].values()):
        assert number(value, lang) in text, f"{value} ({latest} or {before}) is not in the {lang} briefing"
    share = f"{100 * (now - then) / then:.1f}".replace("-", "")
    assert (share if lang == "en" else share.replace(".", ",")) in text


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_brief_carries_the_stamp_from_the_metadata(lang, briefs):
    first_page = briefs[lang][0]
    meta = metadata()
    assert month_text(meta["sist_oppdatert"][:7], lang) in first_page.replace("\n", " ")
    year, month, day = meta["generert"][:10].split("-")
    exported = (
        f"{int(day)} {MONTHS['en'][int(month) - 1]} {year}"
        if lang == "en"
        else f"{int(day)}. {MONTHS['nb'][int(month) - 1]} {year}"
    )
    assert exported in first_page.replace("\n", " ")
    assert "navikt/arbeidsmarkedstiltak-app" in flat(first_page)
    assert ("Data as of" if lang == "en" else "Datagrunnlag") in first_page


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_brief_states_the_april_2025_break_with_its_counts(lang, briefs):
    text = " ".join(briefs[lang])
    counts = monthly_counts()
    march, april = counts["2025-03"], counts["2025-04"]
    records = json.loads((RAW / "nav_tilt_2023-01_2026-05_oversikt.json").read_text(encoding="utf-8"))
    flagged = sorted({r["periode"][:7] for r in records if r["brudd"]})
    assert flagged[0] == "2025-04"
    for value in (march["Arbeidssøkere"] - april["Arbeidssøkere"], march["Andre på tiltak"], april["Andre på tiltak"]):
        assert number(value, lang) in text
    pair = (april["Arbeidssøkere"] + april["Andre på tiltak"]) - (march["Arbeidssøkere"] + march["Andre på tiltak"])
    assert f"+{number(pair, lang)}" in text
    assert month_text(flagged[-1], lang) in text.replace("\n", " ")


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_brief_gives_the_five_grades_in_order_and_the_verdict(lang, briefs):
    from helpers.headline import t  # the table's typed words: its heading, the label for "no grade word"

    text = " ".join(briefs[lang]).replace("\n", " ")
    table = text[text.index(t("grade", lang)) :]
    none = t("no_grade", lang)
    found = re.findall(rf"sterkt kritikkverdig|kritikkverdig|{re.escape(none)}", table)[:5]
    assert found == [g or none for g in expected_grades()]
    lines = raw_lines(REPORT)
    at = next(i for i, line in enumerate(lines) if "samlet sett er svak måloppnåelse" in line)
    verdict = re.search(r"svak måloppnåelse i forvaltningen av\s+arbeidsmarkedstiltak", " ".join(lines[at : at + 2]))
    assert verdict, "the report's verdict sentence changed"
    assert "svak måloppnåelse i forvaltningen av arbeidsmarkedstiltak" in text


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_brief_cites_sources_by_section_without_line_numbers_or_developer_words(lang, briefs):
    """A reader's page names the report and its sections (2.1-2.5 as headed in the report's text), gives the
    addresses, and carries no line numbers, file paths or build commands."""
    text = " ".join(briefs[lang]).replace("\n", " ")
    flat_text = flat(text)
    for address in (
        "https://github.com/navikt/arbeidsmarkedstiltak-app",
        "https://www.nav.no/",
        "https://www.riksrevisjonen.no",
        "https://www.stortinget.no",
    ):
        assert address in flat_text
    assert flat("Dokument 3:5 (2017–2018)") in flat_text
    assert flat("undersøkelse av forvaltning og bruk av arbeidsmarkedstiltak i NAV") in flat_text
    lines = raw_lines(REPORT)
    for k in range(1, 6):
        assert any(line.startswith(f"2.{k} ") for line in lines), f"the report's text has no section 2.{k}"
        assert re.search(rf"(punkt|section \(punkt\)) 2\.{k}\b", text), f"§2.{k} is not cited"
    for word in ("linje", "data/raw", "make brief", "kodelager", "appens", "uttrekk", "×"):
        assert word not in text, f"{word!r} on the {lang} briefing"
    assert not re.search(r"\blines? \d", text), f"a line number on the {lang} briefing"


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_brief_shows_no_zero_for_a_hidden_count(lang, briefs):
    """The briefing's counts are totals; a lone 0 would be a suppressed count turned into zero."""
    text = " ".join(briefs[lang])
    assert re.findall(r"(?<![\w.,+\-−])0(?![\w.,%])", text) == []


def test_brief_page_loads_nothing_from_outside():
    html = ROOT / "build" / "brief" / "briefing_en.html"
    if not html.exists():
        run_make(ROOT, "brief")
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", Path(html).read_text(encoding="utf-8"))


def test_brief_help_prints_usage_and_writes_nothing(tmp_path):
    """`scripts/brief.py --help` explains itself; it once made a folder named '--help' and printed PDFs into it."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "brief.py"), "--help"], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0 and "usage:" in done.stdout and "out_dir" in done.stdout
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_brief_marks_the_changes_that_span_the_break(lang, briefs):
    """The twelve-month changes of jobseekers and Andre på tiltak are marked ¹ in the table, with the note under it,
    when the year-earlier month lies in the months NAV's monthly JSON flags as a break (brudd)."""
    text = " ".join(briefs[lang]).replace("\n", " ")
    records = json.loads((RAW / "nav_tilt_2023-01_2026-05_oversikt.json").read_text(encoding="utf-8"))
    latest = max(r["periode"][:7] for r in records)
    year_before = f"{int(latest[:4]) - 1}{latest[4:]}"
    flagged = {r["periode"][:7] for r in records if r["brudd"]}
    assert year_before in flagged or year_before < "2025-04" <= latest, (
        "the headline change no longer spans the break: rewrite this test"
    )
    assert text.count("%)¹") == 2, "the two moved groups' changes are not marked"
    assert ("¹ Ikke sammenlignbart" if lang == "nb" else "¹ Not comparable") in text
