"""Write the two-page briefing (A4, PDF) in bokmål and in English.

    make brief                          # build/brief/briefing_nb.pdf and build/brief/briefing_en.pdf
    .venv/bin/python scripts/brief.py build/brief

Everything it says comes from ``helpers.headline`` (the numbers and sentences the dashboard shows, computed
from the data) and ``helpers.stamp`` (data as of, export date, source); only headings and the notes about
the sources are typed (in helpers/headline.py, keys ``brief_*``). The page is HTML with its own stylesheet (scripts/brief_template/brief.css),
printed to PDF by headless Chromium through Playwright, offline: the page loads nothing, and any request
it made would be aborted. It needs the dev lock (Playwright) and Debian's chromium-headless-shell (`make browser`; or /usr/bin/chromium).

The audit's findings are cited by the report's sections (punkt 2.1-2.5, 3): the text copy in data/raw/ marks
only a few page numbers (page footers such as ``61Dokument 3:5 (2017–2018) Rapport``), none in the
Document's part where the findings and grades stand, so the reader's pages give sections, no page or line numbers.
The typed headings and notes are in helpers/headline.py's TEXT (keys ``brief_*``).
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers import headline as hl  # noqa: E402
from helpers.tidy import manifest  # noqa: E402

REPORT = ROOT / "data" / "raw" / "riksrevisjonen_dokument_3-5_2017-2018.txt"
CSS = ROOT / "scripts" / "brief_template" / "brief.css"
# Debian's chromium-headless-shell: the same Chromium (Blink draws the pages) without a browser's windows and own
# pages, and what Playwright itself runs for headless work. The full browser in headless mode (/usr/bin/chromium, used
# where the shell is not installed) starts, for every new page, a renderer for its hidden address bar's pop-up
# (chrome://omnibox-popup), among others: over one `make test`, Chromium's processes took 182 CPU-seconds with the full
# browser and 116 with the shell, and the run took 3 min 55 s against 3 min 13 s.
HEADLESS_SHELL = Path("/usr/bin/chromium-headless-shell")
FULL_CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM = HEADLESS_SHELL if HEADLESS_SHELL.exists() or not FULL_CHROMIUM.exists() else FULL_CHROMIUM
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
PAGE_MARK = re.compile(r"^(\d{1,3})Dokument 3:5 \(2017–2018\)")
LANGS = ("nb", "en")


def word(key: str, lang: str, **values: object) -> str:
    """A typed heading or note of the briefing in ``lang`` (helpers/headline.py TEXT, key ``brief_<key>``)."""
    return hl.t(f"brief_{key}", lang, **values)


def inline(text: str) -> str:
    """Escaped HTML from the kit's inline Markdown (**bold**, `code`, _italic_), with web addresses as links."""
    out = html.escape(text, quote=False)
    out = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", out)
    out = re.sub(r"`(.+?)`", r"<code>\1</code>", out)
    out = re.sub(r"(?<![\w/])_(.+?)_(?!\w)", r"<em>\1</em>", out)
    return re.sub(r"(https?://[^\s)<]+[^\s)<.,;])", r'<a href="\1">\1</a>', out)


def table_html(frame: pd.DataFrame, numeric_from: int = 1) -> str:
    """A plain table; columns from ``numeric_from`` on are right-aligned numbers."""
    head = "".join(
        f"<th{' class=num' if i >= numeric_from else ''}>{html.escape(str(c))}</th>" for i, c in enumerate(frame.columns)
    )
    rows = "".join(
        "<tr>"
        + "".join(f"<td{' class=num' if i >= numeric_from else ''}>{inline(str(v))}</td>" for i, v in enumerate(row))
        + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def report_lines() -> list[str]:
    return REPORT.read_text(encoding="utf-8").splitlines()


def page_marks(lines: list[str]) -> list[tuple[int, int]]:
    """(page, line) for each page footer the report's text kept, e.g. line 1967 '61Dokument 3:5 …' is page 61."""
    return [(int(m[1]), number) for number, text in enumerate(lines, start=1) if (m := PAGE_MARK.match(text))]


def findings_with_places(lang: str, lines: list[str]) -> pd.DataFrame:
    """headline's five findings with their grade, and where the report says it (section and lines)."""
    table = hl.findings_table(lang)
    facts = hl.findings().query("finding > 0").reset_index(drop=True)
    places = [word("section", lang, section=lines[row.heading_line - 1].split()[0]) for row in facts.itertuples()]
    return table.assign(**{word("where", lang): places})


def verdict_place(lang: str, lines: list[str]) -> str:
    verdict = hl.findings().set_index("finding").loc[0]
    section, heading = lines[int(verdict["heading_line"]) - 1].split(None, 1)
    return word("verdict_where", lang, section=section, heading=heading.strip())


def monthly_origin() -> dict:
    """The repository and commit the monthly JSON was copied from (data/raw/manifest.yaml)."""
    return next(e["origin"] for e in manifest() if e.get("table") == "monthly" and e.get("origin"))


def sources_html(lang: str, facts: dict, lines: list[str]) -> str:
    origin = monthly_origin()
    notes = [
        *facts["sources"],
        word("commit", lang, repo=origin["repository"], commit=origin["commit"]),
        word("pages_note", lang),
    ]
    return "<ul class=sources>" + "".join(f"<li>{inline(n)}</li>" for n in notes) + "</ul>"


def page_html(lang: str) -> str:
    """The briefing as one HTML page in ``lang``."""
    facts, lines = hl.headline(lang), report_lines()
    cautions = facts["cautions"][3:]  # the first three (total, break, audit gap) stand in their own sections
    parts = [
        f"<p class=kicker>{word('kicker', lang)}</p><h1>{word('title', lang)}</h1>",
        f"<p class=stamp>{inline(facts['stamp'])}</p>",
        f"<h2>{word('h_today', lang)}</h2><p class=lead>{inline(facts['today'])}</p>",
        table_html(facts["today_table"]),
        f"<p class=note>{inline(facts['today_table_note'])}</p>",
        f"<p class=note>{inline(facts['total_note'])}</p>",
        f"<h2>{word('h_break', lang)}</h2><p>{inline(facts['break'])}</p>",
        f"<h2>{word('h_audit', lang)}</h2><p class=lead>{inline(facts['verdict'])} {inline(verdict_place(lang, lines))}</p>",
        table_html(findings_with_places(lang, lines), numeric_from=99),
        f"<p class=note>{inline(facts['audit_gap'])}</p>",
        f"<h2>{word('h_cautions', lang)}</h2><ul>" + "".join(f"<li>{inline(c)}</li>" for c in cautions) + "</ul>",
        f"<h2>{word('h_sources', lang)}</h2>{sources_html(lang, facts, lines)}",
        f"<p class=footer>{inline(word('footer', lang))}</p>",
    ]
    title = html.escape(word("title", lang))
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{CSS.read_text(encoding='utf-8')}</style></head><body>{''.join(parts)}</body></html>"
    )


def print_pdf(pages: dict[Path, str]) -> None:
    """Print each HTML page to its PDF path with headless Chromium, offline (every request is aborted)."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        raise SystemExit(f"Chromium not found at {CHROMIUM}: run `make browser` (installs Debian's chromium-headless-shell)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            context = browser.new_context()
            context.route("**/*", lambda route, request: route.abort())
            page = context.new_page()
            for target, text in pages.items():
                page.set_content(text, wait_until="load")
                page.pdf(path=str(target), format="A4", print_background=True, prefer_css_page_size=True)
        finally:
            browser.close()


def build(out_dir: Path) -> list[Path]:
    """Write briefing_<lang>.html and briefing_<lang>.pdf for both languages; returns the PDFs."""
    out_dir.mkdir(parents=True, exist_ok=True)
    pages = {}
    for lang in LANGS:
        text = page_html(lang)
        (out_dir / f"briefing_{lang}.html").write_text(text, encoding="utf-8")
        pages[out_dir / f"briefing_{lang}.pdf"] = text
    print_pdf(pages)
    return list(pages)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Write the two-page briefing (A4 PDF and HTML) in bokmål and English.")
    parser.add_argument(
        "out_dir",
        nargs="?",
        type=Path,
        default=ROOT / "build" / "brief",
        help="folder for briefing_nb.pdf, briefing_en.pdf and their HTML (default: build/brief)",
    )
    out_dir = parser.parse_args(argv).out_dir
    for pdf in build(out_dir):
        print(f"wrote {pdf}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
