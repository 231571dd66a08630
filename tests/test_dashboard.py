"""The dashboard (notebooks/dashboard.ipynb): what it claims, checked against the raw sources, and
what a stakeholder must not misread. The browser checks of its Voilà pages, English and bokmål (axe, phone
width, print, links, every menu) are in tests/test_voila_pages.py; the static site's in tests/test_site.py."""

from __future__ import annotations

import json
import re
from urllib.parse import unquote

import io
import os
import subprocess
import sys

import nbformat
import pandas as pd
import pytest

from . import monthly_raw
from .browser_support import ENGLISH, NAMES
from .conftest import RAW, ROOT, raw_lines

NOTEBOOK = ROOT / "notebooks" / "dashboard.ipynb"
OVERVIEW = monthly_raw.file_name("oversikt")  # the name carries the copy's months (make refresh renames it)
GROUP = {"Arbeidssøkere": "jobseekers", "Nedsatt arbeidsevne": "reduced", "Andre på tiltak": "others"}
VEGA = "application/vnd.vegalite.v5+json"


@pytest.fixture(scope="module")
def nb():
    return nbformat.read(NOTEBOOK, as_version=4)


def texts(nb, mime: str) -> list[str]:
    return [
        o.get("data", {}).get(mime, "") for c in nb.cells if c.cell_type == "code" for o in c.outputs if mime in o.get("data", {})
    ]


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
    first = next(t for t in texts(nb, "text/markdown") if "people were on a labour-market programme" in t)
    months = monthly_raw.MONTHS_EN
    assert f"In {months[month - 1]} {year}, {total:,} people were on a labour-market programme" in first
    assert f"{abs(total - earlier):,} {'fewer' if total < earlier else 'more'} than twelve months earlier" in first
    table = next(t for t in texts(nb, "text/markdown") if t.startswith("| Group"))
    for group in ("reduced", "jobseekers", "others"):
        assert f"{overview[(latest, group)]:,}" in table, group
    # Today's section comes before the older tables and the audit.
    text = page_text(nb)
    assert text.index("## The latest month") < text.index("## 2016–2021") < text.index("## What the audit found")


def test_the_register_change_is_explained_with_numbers_from_the_raw_series(nb):
    overview = raw_overview()
    records = json.loads((RAW / OVERVIEW).read_text(encoding="utf-8"))
    flagged = sorted({r["periode"][:7] for r in records if r["brudd"]})
    assert flagged == ["2025-04", "2025-05", "2025-06", "2025-07"]  # the app flags jobseekers only
    assert {r["maalgruppe"] for r in records if r["brudd"]} == {"Arbeidssøkere"}
    march, april = "2025-03", "2025-04"
    note = next(t for t in texts(nb, "text/markdown") if t.startswith("- *April 2025"))
    fell = overview[(march, "jobseekers")] - overview[(april, "jobseekers")]
    pair = (overview[(april, "jobseekers")] + overview[(april, "others")]) - (
        overview[(march, "jobseekers")] + overview[(march, "others")]
    )
    assert f"fell by {fell:,}" in note
    assert f"from {overview[(march, 'others')]:,} to {overview[(april, 'others')]:,}" in note
    assert f"{pair:+,}" in note and "April 2025 to July 2025" in note
    assert overview[(april, "others")] / overview[(march, "others")] > 1.9  # "doubles"


def test_the_break_is_drawn_as_a_break_not_a_line_through_it(nb):
    spec = next(s for s in texts(nb, VEGA) if "January 2023" in " ".join(s["title"]["text"]))
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
    sources = nb.cells.index(
        next(
            c
            for c in nb.cells
            if c.cell_type == "code" and any("## Sources" in o.get("data", {}).get("text/markdown", "") for o in c.outputs)
        )
    )
    before = [c for c in nb.cells[:sources]]
    shown = [o.get("data", {}) for c in before if c.cell_type == "code" for o in c.outputs]
    for data in shown:
        for mime in ("text/markdown", VEGA):
            text = json.dumps(data.get(mime, ""), ensure_ascii=False)
            assert not re.search(r"\blines? \d{3,4}", text), text[:200]


def test_shorthand_is_explained_and_the_all_option_has_one_label(nb):
    text = page_text(nb)
    assert "AMO" not in text  # explained once but never used: dropped
    assert "_Tabell 6_ and _Tabell 7_ are tables 6 and 7 of the audit report" in text
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
        stamp = csv.split("\n")[0]  # the first line dates the numbers and names their source
        assert stamp.startswith('"Data as of:') and ("Source: NAV" in stamp or "Source: Riksrevisjonen" in stamp)
        latest = monthly_raw.month_name(monthly_raw.latest_month())  # the monthly copy's latest month, e.g. "May 2026"
        assert re.search(f"run to {latest}|run to May 2021|data for March 2010–December 2016", stamp), stamp
        frame = pd.read_csv(io.StringIO(csv), dtype=str, keep_default_na=False, skiprows=1)
        assert len(frame) > 0 and "" not in set(frame.to_numpy().ravel()), "an empty cell reads as 0"
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
    takeaway = code[code.index("takeaway = (") : code.index("out = rows")]
    assert "view" not in takeaway  # the same takeaway for both views: mean against median
    assert "median" in takeaway


# -- issue 20 and 22: one page in two languages, dated, faithful to the star ------------------------
def test_every_string_of_the_stakeholders_pages_has_both_languages():
    from helpers.headline import TEXT, t

    missing = [key for key, text in TEXT.items() if set(text) != {"en", "nb"} or not all(v.strip() for v in text.values())]
    assert missing == []
    with pytest.raises(KeyError, match="no 'nb' string for 'no such key'"):
        t("no such key", "nb")


def test_the_page_is_dated_at_the_top(nb):
    """The stamp comes before the first number: the latest month and the export date from metadata.json."""
    meta = monthly_raw.metadata()
    outputs = texts(nb, "text/markdown")
    stamp = next(i for i, t in enumerate(outputs) if t.startswith("Data as of"))
    first_number = next(i for i, t in enumerate(outputs) if "people were on a labour-market programme" in t)
    assert stamp < first_number
    year, month, day = map(int, meta["generert"][:10].split("-"))
    assert f"{day} {monthly_raw.MONTHS_EN[month - 1]} {year}" in outputs[stamp]
    assert monthly_raw.month_name(meta["sist_oppdatert"][:7]) in outputs[stamp]


def test_one_total_per_month_with_its_reason(nb):
    text = page_text(nb)
    assert "One total per month: the three status groups added up" in text
    assert "17,700 of 77,810" not in text and "77,810" not in text  # the May 2021 total is NAV's printed 77,811 everywhere


def test_no_statement_the_sources_do_not_support(nb):
    """Issue 20's corrections: the audit is not at NAV's level (17.3 % and 29.4 % apart, computed from Tabell 3,
    report line 1998, and NAV's November 2016 table), no 'end of the month', no 'count the same way'."""
    text = page_text(nb)
    for wrong in ("match NAV's tables in level", "ved utgangen av hver måned", "count the same way", "NAV's data flag"):
        assert wrong not in text, wrong
    line_1998 = raw_lines("riksrevisjonen_dokument_3-5_2017-2018.txt")[1997]
    assert "17 335" in line_1998 and "12 867" in line_1998
    table = raw_lines("nav_tiltak_en_maaned_2016-11.txt")
    jobseekers = next(line for line in table[:40] if line.startswith("Arbeidssøkere på tiltak"))
    count, change = (int(v.replace(" ", "")) for v in jobseekers.split("\t")[1:3])
    assert f"{100 * (count / 17335 - 1):.1f} % above the audit's yearly average in 2016" in text
    assert f"{100 * ((count - change) / 12867 - 1):.1f} % above in 2015" in text
    assert "most likely changed" in text and "mixes any real change with the step" in text and "Andre på tiltak" in text


def test_the_audit_figures_keep_their_about_and_tabell_7_counts_waiting_spells(nb):
    report = raw_lines("riksrevisjonen_dokument_3-5_2017-2018.txt")
    assert "ca. 50 prosent" in report[193] and "ca. 75" in report[187]
    text = page_text(nb) + json.dumps(texts(nb, VEGA), ensure_ascii=False)
    assert "about 50 %" in text and "about 75 %" in text
    assert "Venteforløp defineres" in " ".join(report[2488:2497]) or "venteforløp" in " ".join(report[2486:2497])
    assert "198,586 waiting spells" in text and "198,586 people" not in text
    assert "nedsatt" in report[2308] and "nedsatt" in report[2359]  # Tabell 6 and 7: reduced work capacity only
    assert "People with reduced work capacity only" in text and "(both tables)." in text
    first = next(s for s in texts(nb, VEGA) if "January 2023" in " ".join(s["title"]["text"]))
    assert "the vertical axes do not start at zero" in " ".join(first["title"]["subtitle"])


def test_programme_groups_table_shows_a_hidden_count_as_a_star_never_0():
    """Issue 20: NAV's '*' for Andre på tiltak / Jobbskaping og egenetablering (May 2021 and 2019's months) came out as 0.
    The dashboard's table is made by mark_cells; every suppressed row of the frame is a '*' there, and the
    raw line it comes from prints a '*'."""
    from helpers import load_participants
    from helpers.notebook import mark_cells

    code = "\n".join(c.source for c in nbformat.read(NOTEBOOK, as_version=4).cells if c.cell_type == "code")
    assert "mark_cells(by_group" in code and 'aggfunc="sum"' not in code and "fillna(0)" not in code
    p = load_participants().query(
        "gender == 'I alt' and age_group == 'I alt' and programme == 'I alt' and programme_group != 'I alt' "
        "and status_group != 'I alt' and measure == 'participants'"
    )
    for period, rows in p.groupby("period"):
        cells = mark_cells(rows, "programme_group", "status_group")
        for row in rows[rows["suppressed"]].itertuples():
            assert cells.loc[row.programme_group, row.status_group] == "*", (period, row.programme_group)
            assert "*" in raw_lines(row.source)[row.line - 1]
    job = p.query("programme_group == 'Jobbskaping og egenetablering' and status_group == 'Andre på tiltak'").set_index("period")
    may = job.loc[pd.Period("2021-05", "M")]  # the table by gender, line 401
    assert may["line"] == 401 and "*" in raw_lines(may["source"])[400]
    for period in [pd.Period("2021-05", "M"), *pd.period_range("2019-01", "2019-12", freq="M")]:
        cells = mark_cells(p[p["period"] == period], "programme_group", "status_group")
        assert cells.loc["Jobbskaping og egenetablering", "Andre på tiltak"] == "*", period


@pytest.fixture(scope="module")
def bokmal(tmp_path_factory):
    """The dashboard executed as a bokmål page (NAV_LANG=nb, as ?lang=nb does in Voilà)."""
    out = tmp_path_factory.mktemp("nb") / "dashboard.ipynb"
    script = (
        "import nbformat, sys; from nbclient import NotebookClient; nb = nbformat.read(sys.argv[1], as_version=4); "
        "NotebookClient(nb, timeout=600, resources={'metadata': {'path': sys.argv[3]}}).execute(); nbformat.write(nb, sys.argv[2])"
    )
    env = {**os.environ, "NAV_LANG": "nb", "PYTHONPATH": str(ROOT)}  # this tree's helpers, whatever the venv points at
    subprocess.run(
        [sys.executable, "-c", script, str(NOTEBOOK), str(out), str(NOTEBOOK.parent)], env=env, check=True, timeout=900
    )
    return nbformat.read(out, as_version=4)


def visible(nb) -> str:
    """What a reader of the page sees: outputs' Markdown and HTML text, chart titles, subtitles, axis and legend titles."""
    parts = [c.source for c in nb.cells if c.cell_type == "markdown" and "navigation" not in c.metadata.get("tags", [])]
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            parts.append(data.get("text/markdown", ""))
            parts.append(re.sub(r'href="[^"]*"', "", data.get("text/html", "")))
            spec = data.get(VEGA)
            if spec:
                parts += re.findall(r'"(?:text|subtitle|title)": ("[^"]*"|\[[^\]]*\])', json.dumps(spec, ensure_ascii=False))
    text = re.sub(r"<[^>]+>|\(https?://[^)]*\)|https?://\S+|\[[^\]]*\]\([^)]*\)", " ", "\n".join(parts))
    for name in NAMES:
        text = text.replace(name, " ")
    return text


def test_the_bokmal_page_has_no_english_left(bokmal):
    text = visible(bokmal)
    english = sorted({m.group(0) for m in ENGLISH.finditer(text)} - {"English"})
    found = [text[max(0, m.start() - 60) : m.end() + 40] for m in ENGLISH.finditer(text)][:5]
    assert english == [], found
    assert "Datagrunnlag" in text and "Se tallene" in text and "Arbeidsrettede tiltak i NAV" in text


def test_the_bokmal_page_offers_csv_for_norwegian_excel_that_matches_its_chart(bokmal):
    """Both CSV forms parse; the Excel form has a BOM, semicolons and decimal commas, and holds the same
    numbers as the chart's data (the first chart; the programme groups for every choice of its menus)."""
    charts, checked = 0, set()
    for cell in bokmal.cells:
        html_out = "".join(o.get("data", {}).get("text/html", "") for o in cell.get("outputs", []))
        if 'class="csv-download-excel"' not in html_out:
            continue
        charts += 1
        plain = unquote(
            re.search(r'class="csv-download" download="[^"]+\.csv" href="data:text/csv;charset=utf-8,([^"]*)"', html_out).group(1)
        )
        excel = unquote(
            re.search(
                r'class="csv-download-excel" download="[^"]+-excel\.csv" href="data:text/csv;charset=utf-8,([^"]*)"', html_out
            ).group(1)
        )
        assert excel.startswith("\ufeff")
        assert plain.startswith('"Datagrunnlag:') and "Kilde:" in plain.split("\n")[0]
        a = pd.read_csv(io.StringIO(plain), dtype=str, keep_default_na=False, skiprows=1)
        b = pd.read_csv(io.StringIO(excel.lstrip("\ufeff")), sep=";", dtype=str, keep_default_na=False, skiprows=1)
        assert list(a.columns) == list(b.columns) and excel.lstrip("\ufeff").split("\r\n")[0] == plain.split("\n")[0]
        assert a.shape == b.shape
        decimal = re.compile(r"-?\d+\.\d+")
        assert all(
            (x.replace(".", ",") if decimal.fullmatch(x) else x) == y for x, y in zip(a.to_numpy().ravel(), b.to_numpy().ravel())
        )
        spec = next(o["data"][VEGA] for o in cell.outputs if VEGA in o.get("data", {}))
        rows = [r for data in spec["datasets"].values() for r in data]
        if "Måned" in a.columns and "Tiltaksgruppe" not in a.columns:  # the first chart: exactly the numbers it draws
            drawn = {(r["month"][:7], r["participants"]) for r in rows if "participants" in r}
            listed = {(m, int(v)) for c in a.columns[1:] for m, v in zip(a["Måned"], a[c])}
            assert listed == drawn
            checked.add("today")
        if "Tiltaksgruppe" in a.columns and "Måned" in a.columns:  # programme groups: every month of every menu choice
            persons = [r["persons"] for r in rows if "pg" in r]
            cells = a.drop(columns=["Måned", "Tiltaksgruppe"]).to_numpy().ravel()
            assert sorted(int(v) for v in cells if v not in ("*", "–")) == sorted(v for v in persons if v is not None)
            assert sum(v == "*" for v in cells) == sum(v is None for v in persons)  # a hidden count: '*', never 0
            checked.add("groups")
    assert charts == 7 and checked == {"today", "groups"}


def test_every_chart_menu_works_without_a_kernel_and_every_option_has_data(nb):
    """The dashboard's menus are Vega-Lite menus bound to data computed for every option (they work on the
    static site and before a kernel runs): each option of each menu is a value the chart's data holds;
    no ipywidgets explorer is left, and no chart offers 'Open in Vega Editor'."""
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "explore(" not in code and "ipywidgets" not in code
    menus = 0
    for spec in texts(nb, VEGA):
        assert spec["usermeta"]["embedOptions"]["actions"]["editor"] is False
        params = [p for p in json.loads(json.dumps(spec)).get("params", []) if "bind" in p]
        params += [p for view in spec.get("vconcat", []) for p in view.get("params", []) if "bind" in p]
        rows = [r for data in spec["datasets"].values() for r in data]
        for param in params:
            menus += 1
            expression = json.dumps(spec)
            assert f"{param['name']}" in expression.replace(f'"name": "{param["name"]}"', "")  # the menu is used
            for option in param["bind"]["options"]:
                assert any(option in r.values() for r in rows) or option == 0, (param["name"], option)
    assert menus == 4


REPORT = "riksrevisjonen_dokument_3-5_2017-2018.txt"
ONE_MONTH = "nav_tiltak_en_maaned_2016-11.txt"


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_review_the_blank_cells_of_november_2016_are_explained_next_to_the_table(lang, nb, bokmal):
    """A blank cell in NAV's one-month table is nobody (line 126: 'Tilrettelagt arbeid 10 640 _ _ 10 640', I alt =
    Nedsatt), so the table shows 0 there; '–' is a row NAV never printed. The page says both, beside the table."""
    line = raw_lines(ONE_MONTH)[125].split("\t")
    assert line[0] == "Tilrettelagt arbeid" and line[2:4] == ["", ""] and line[1] == line[4] == "10 640"
    page = visible(nb if lang == "en" else bokmal)
    groups = page[page.index("Participants by programme group" if lang == "en" else "Deltakere etter tiltaksgruppe") :]
    note = {
        "en": "November 2016: a 0 is a cell NAV's one-month table leaves blank, which there means nobody",
        "nb": "November 2016: 0 står for en tom celle i NAVs tabell for én måned, som der betyr ingen deltakere",
    }[lang]
    assert note in groups and "–" in groups


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_review_hedges_words_and_signs(lang):
    """The review's points on the headline texts, each against the source line it rests on."""
    from helpers import headline as hl

    h = hl.headline(lang)
    text = " ".join(
        [
            h["total_note"],
            h["break"],
            h["audit_gap"],
            h["verdict"],
            *h["cautions"],
            *h["sources"],
            *h["findings"].astype(str).to_numpy().ravel(),
            *(v[lang] for v in hl.TEXT.values()),
        ]
    )
    # 2: the report starts from NAV's three groups (lines 1099-1101) and maps them to innsatsbehov (lines 970-974)
    lines = raw_lines(REPORT)
    assert "NAV delt inn i tre grupper" in lines[1098] and "situasjonsbestemt" in lines[970]
    assert {"en": "close to, but not the same as", "nb": "uten å være de samme"}[lang] in hl.t("audit_groups_note", lang)
    # 3: the break is hedged everywhere, never 'the register change'
    assert re.search(r"the register change|registerendringen", text) is None
    assert {"en": "most likely a register change", "nb": "trolig en omlegging av registeret"}[lang] in hl.t(
        "chart_break_sub", lang
    )
    # 4: finding 5 as printed (line 167: 'Svakheter ved ...'): weaknesses, not 'weak'
    assert lines[166].startswith("• Svakheter ved")
    five = h["findings"].iloc[4, 0]
    assert {"en": "has weaknesses", "nb": "har svakheter"}[lang] in five and "is weak" not in five
    # 5: NAV's November 2015 level is derived from line 29 (count minus the change), and the page says so
    count, change = (raw_lines(ONE_MONTH)[28].split("\t")[i] for i in (1, 2))
    assert hl.n(int(count.replace(" ", "")) - int(change.replace(" ", "")), lang) in h["audit_gap"]
    assert {"en": "is not printed: it is derived", "nb": "er ikke publisert; det er regnet ut"}[lang] in h["audit_gap"]
    # 6: wording a ministry reader flagged
    for wrong in (
        "Én total",
        "samlet total",
        "statistikkapp",
        "NAVs depot",
        "ikke gradert",
        "Ett funn",
        "blander en eventuell",
        "selve siden",
        "uten server",
        "Årsrytmen",
        "kanskje ikke sammenlignbar",
        "– : ikke publisert:",
        "Personer med nedsatt",
    ):
        assert wrong not in text, wrong
    # 7: one minus sign: no hyphen-minus before a digit in the headline table
    table = " ".join(h["today_table"].astype(str).to_numpy().ravel())
    assert re.search(r"(?<![\w])-\d", table) is None and "−" in table


def test_review_all_nine_not_nine_of_nine(nb, bokmal):
    """A count that is the whole is said as 'all nine', not '9 of 9'."""
    for page in (visible(nb), visible(bokmal)):
        assert re.search(r"\b(\d+) (?:of|av) (?:the |de )?\1\b", page) is None
