"""The stakeholders' numbers and sentences, in bokmål and English, computed once for every page.

The dashboard (notebooks/dashboard.ipynb) and the printed briefing take their headline numbers,
sentences and cautions from here, so the two never disagree. Every number is computed from the
data through ``helpers``; the words are the only thing typed.

    from helpers.headline import headline, t
    facts = headline("nb")          # a dict, see :func:`headline`
    facts["today"]                  # 'I mai 2026 var 85 068 personer på arbeidsrettede tiltak: …'
    t("see_numbers", "en")          # one visible string of the dashboard, in either language

Functions (all cached; ``lang`` is 'en' or 'nb'):

- :func:`totals` – persons per month and status group, January 2023 on, and their sum ``"I alt"``.
- :func:`today` – the latest month, the same month a year earlier, counts and changes (numbers only).
- :func:`break_facts` – the April 2025 break: flagged months, March/April counts, the pair's change.
- :func:`audit_gap` – NAV's November count of jobseekers against the audit's yearly average (2015, 2016).
- :func:`findings` – the audit's five main findings with their grade words and report lines, and the verdict.
- :func:`headline` – all of it as sentences in one language, with the cautions and the sources.

``TEXT`` holds every fixed string of the stakeholders' pages as {key: {"en": ..., "nb": ...}};
:func:`t` fills a string's ``{placeholders}``. A test requires both languages for every key.
"""

from __future__ import annotations

import functools
import os
from urllib.parse import parse_qs

import pandas as pd

from .charts import month_label, number

ALL = "I alt"
GROUPS = ("Nedsatt arbeidsevne, på tiltak", "Arbeidssøkere på tiltak", "Andre på tiltak")
JOBSEEKERS, OTHERS, REDUCED = "Arbeidssøkere på tiltak", "Andre på tiltak", "Nedsatt arbeidsevne, på tiltak"
APRIL_2025 = pd.Period("2025-04", "M")
LANGS = ("en", "nb")

# -- every fixed string of the stakeholders' pages -------------------------------------------------
TEXT: dict[str, dict[str, str]] = {
    # page
    "page_title": {"en": "NAV's labour-market programmes: the dashboard", "nb": "Arbeidsrettede tiltak i NAV: oversikt"},
    "intro": {
        "en": "How many people take part in NAV's labour-market programmes (_arbeidsrettede tiltak_), how that has "
        "changed, and what NAV's older tables and the Office of the Auditor General (_Riksrevisjonen_) say about "
        "earlier years. Open _See the numbers_ under a chart for its figures, or download them as a CSV file. "
        "A * is a number NAV has hidden because it is so small that a person could be recognised; "
        "a – is a number NAV did not publish.",
        "nb": "Hvor mange som deltar på arbeidsrettede tiltak i NAV, hvordan tallet har endret seg, og hva NAVs eldre "
        "tabeller og Riksrevisjonen sier om tidligere år. Åpne _Se tallene_ under en figur for å se tallene bak, "
        "eller last dem ned som CSV-fil. En * er et tall NAV har prikket fordi det er så lite at enkeltpersoner "
        "kan gjenkjennes; en – er et tall NAV ikke har publisert.",
    },
    "language": {"en": "Language", "nb": "Språk"},
    "other_language": {"en": "Norsk (bokmål)", "nb": "English"},
    "contents": {"en": "Contents", "nb": "Notatbøkene (på engelsk)"},
    "glossary": {"en": "Glossary", "nb": "Ordliste"},
    "see_numbers": {"en": "See the numbers", "nb": "Se tallene"},
    "csv": {"en": "Download the numbers (CSV)", "nb": "Last ned tallene (CSV)"},
    "csv_excel": {
        "en": "CSV for Norwegian Excel (semicolon, decimal comma)",
        "nb": "CSV for norsk Excel (semikolon, desimalkomma)",
    },
    "numbers_origin": {
        "en": "Where the numbers come from: NAV's monthly statistics of participants on labour-market programmes, as "
        "published in NAV's data files on GitHub (navikt/arbeidsmarkedstiltak-app). Each status group is the sum "
        "of its programme groups with hidden counts left out, so it can be a few persons below the total NAV prints "
        "itself. Check any figure you quote against NAV's statistics on nav.no.",
        "nb": "Hvor tallene kommer fra: NAVs månedlige statistikk over deltakere på arbeidsrettede tiltak, slik NAV "
        "publiserer den i sine datafiler på GitHub (navikt/arbeidsmarkedstiltak-app). Hver hovedgruppe er summen av "
        "tiltaksgruppene, uten de prikkede tallene, og kan derfor ligge noen få personer under totalen NAV selv "
        "oppgir. Kontroller tall du siterer mot NAVs statistikk på nav.no.",
    },
    "menus_static": {
        "en": "The menus below the charts also work in a saved copy of this page. The language is chosen with the link at the top.",
        "nb": "Menyene under figurene virker også i en lagret kopi av siden. Språket velges med lenken øverst.",
    },
    # section headings
    "h_today": {"en": "The latest month", "nb": "Siste måned"},
    "h_today_text": {
        "en": "NAV's monthly series of participants on programmes from January 2023, by status group (*hovedgruppe*): "
        "people with reduced work capacity, jobseekers and others on programmes.",
        "nb": "NAVs månedlige tall for deltakere på arbeidsrettede tiltak fra januar 2023, fordelt på hovedgruppe: "
        "personer med nedsatt arbeidsevne på tiltak, arbeidssøkere på tiltak og andre på tiltak.",
    },
    "h_older": {"en": "2016–2021: three snapshots from NAV's older tables", "nb": "2016–2021: tre nedslag i NAVs eldre tabeller"},
    "h_older_text": {
        "en": "Before 2023 the collection has three published tables: one month (November 2016), every month of 2019 by age, "
        "and January to May 2021 by gender. Each counts people on a programme in a month (no table says on which day). "
        "They were published separately, have no month in common with each other or with the series above, and "
        "nothing shows that they count in exactly the same way as the monthly series: compare them with care.",
        "nb": "Før 2023 har samlingen tre publiserte tabeller: én måned (november 2016), hver måned i 2019 etter alder, og "
        "januar–mai 2021 etter kjønn. Hver teller personer på tiltak i en måned (ingen tabell sier hvilken dag). "
        "Tabellene er publisert hver for seg, har ingen måned felles med hverandre eller med månedstallene over, og "
        "ingenting viser at de teller på nøyaktig samme måte som månedstallene. Sammenlign dem med forsiktighet.",
    },
    "h_groups": {"en": "Who takes part: programme groups", "nb": "Hvem deltar: tiltaksgrupper"},
    "h_groups_text": {
        "en": "Participants by programme group (*tiltaksgruppe*) in any month of the three tables, by status group. "
        "Choose a month and a status group in the menus below the chart.",
        "nb": "Deltakere etter tiltaksgruppe i hver måned de tre tabellene dekker, fordelt på hovedgruppe. "
        "Velg måned og hovedgruppe i menyene under figuren.",
    },
    "h_seasons": {"en": "The seasonal pattern, 2019", "nb": "Sesongmønsteret, 2019"},
    "h_seasons_text": {
        "en": "Participants in each month of 2019 by age group, as a seasonal index: each age group's average month is 100, "
        "so 80 means a fifth fewer people than in that group's average month.",
        "nb": "Deltakere hver måned i 2019 etter aldersgruppe, som sesongindeks: gjennomsnittsmåneden for hver aldersgruppe "
        "er 100, slik at 80 betyr en femtedel færre enn i en gjennomsnittlig måned for gruppen.",
    },
    "h_gender": {"en": "Women and men, May 2021", "nb": "Kvinner og menn, mai 2021"},
    "h_gender_text": {
        "en": "Women and men on programmes in May 2021, by programme group, from the table by gender (January to May 2021).",
        "nb": "Kvinner og menn på tiltak i mai 2021 etter tiltaksgruppe, fra tabellen etter kjønn (januar–mai 2021).",
    },
    "h_audit": {"en": "What the audit found (2010–2016)", "nb": "Hva Riksrevisjonen fant (2010–2016)"},
    "h_audit_text": {
        "en": "Riksrevisjonen examined NAV's use of the programmes from 2010 to 2016 and reported to the Storting in "
        "*Dokument 3:5 (2017–2018)*. Its numbers come from NAV's registers and follow people over time, which NAV's "
        "monthly tables do not. Its five main findings and the grades it gave them, then three of them as charts: "
        "what happened after the programme, activity plans (*aktivitetsplan*), and waiting for a programme.",
        "nb": "Riksrevisjonen undersøkte NAVs forvaltning og bruk av arbeidsmarkedstiltak i 2010–2016 og rapporterte til "
        "Stortinget i Dokument 3:5 (2017–2018). Tallene bygger på NAVs registre og følger personer over tid, noe NAVs "
        "månedstabeller ikke gjør. Først de fem hovedfunnene og Riksrevisjonens vurdering av dem, deretter tre av dem "
        "som figurer: situasjonen etter tiltaket, aktivitetsplaner og ventetid før tiltak.",
    },
    "h_about": {"en": "About these numbers", "nb": "Om tallene"},
    "h_sources": {"en": "Sources", "nb": "Kilder"},
    # table headers and common labels
    "group": {"en": "Group", "nb": "Gruppe"},
    "change": {"en": "Change", "nb": "Endring"},
    "month": {"en": "Month", "nb": "Måned"},
    "persons": {"en": "Persons", "nb": "Personer"},
    "participants_persons": {"en": "Participants (persons)", "nb": "Deltakere (personer)"},
    "participants": {"en": "Participants", "nb": "Deltakere"},
    "status_group": {"en": "Status group", "nb": "Hovedgruppe"},
    "programme_group": {"en": "Programme group", "nb": "Tiltaksgruppe"},
    "programme": {"en": "Programme", "nb": "Tiltak"},
    "age_group": {"en": "Age group", "nb": "Aldersgruppe"},
    "all_groups": {"en": "all status groups", "nb": "alle hovedgrupper"},
    "all_label": {"en": "I alt (all)", "nb": "I alt"},
    "total_of_three": {"en": "I alt (the three groups added up)", "nb": "I alt (summen av de tre gruppene)"},
    "finding": {"en": "Finding", "nb": "Funn"},
    "grade": {"en": "Riksrevisjonen's grade", "nb": "Riksrevisjonens vurdering"},
    "no_grade": {"en": "no grade word", "nb": "uten kritikkuttrykk"},
    "source_nav_monthly": {
        "en": "Source: NAV, participants on labour-market programmes (TILT100–TILT180), monthly from January 2023",
        "nb": "Kilde: NAV, deltakere på arbeidsrettede tiltak (TILT100–TILT180), månedstall fra januar 2023",
    },
    "source_nav_tables": {
        "en": "Source: NAV, participants in labour-market programmes (Deltakere i arbeidsrettede tiltak)",
        "nb": "Kilde: NAV, Deltakere i arbeidsrettede tiltak",
    },
    "source_audit": {
        "en": "Source: Riksrevisjonen, Dokument 3:5 (2017–2018)",
        "nb": "Kilde: Riksrevisjonen, Dokument 3:5 (2017–2018)",
    },
    "break_mark": {
        "en": "¹ Not comparable: around April 2025, most likely a register change moved people between these two "
        "groups, and NAV's data files mark {first}–{last} as a break (see below).",
        "nb": "¹ Ikke sammenlignbart: rundt april 2025 flyttet trolig en registeromlegging personer mellom disse to "
        "gruppene, og NAVs datafiler markerer {first}–{last} som brudd (se under).",
    },
    "register_change": {"en": "likely register change", "nb": "trolig registeromlegging"},
    "not_published": {
        "en": "– not published by NAV (no row for this cell in the table).",
        "nb": "– ikke publisert av NAV (tabellen har ingen rad for denne cellen).",
    },
    "blank_is_zero": {
        "en": "November 2016: a 0 is a cell NAV's one-month table leaves blank, which there means nobody. "
        "A – means NAV printed no row for the cell (the 2019 and 2021 tables), so no number is shown.",
        "nb": "November 2016: 0 står for en tom celle i NAVs tabell for én måned, som der betyr ingen deltakere. "
        "En – betyr at NAV ikke har publisert noen rad for cellen (tabellene for 2019 og 2021), og da vises ikke noe tall.",
    },
    # charts, menus and notes of the dashboard
    "chart_today_sub": {"en": "People on a programme, month by month.", "nb": "Personer på tiltak, måned for måned."},
    "chart_axis_cut": {
        "en": "Each panel has its own scale, and the vertical axes do not start at zero: they show the changes, not the sizes.",
        "nb": "Hvert panel har sin egen skala, og de loddrette aksene starter ikke på null: de viser endringene, "
        "ikke størrelsene.",
    },
    "chart_break_sub": {
        "en": "Dashed line: April 2025, most likely a register change; the lines are not joined across it.",
        "nb": "Stiplet linje: april 2025, trolig en omlegging av registeret; linjene er ikke trukket sammen over den.",
    },
    "no_stars": {"en": "No hidden counts in this view.", "nb": "Ingen prikkede tall i dette utvalget."},
    "seasonal_index": {"en": "Seasonal index (average month = 100)", "nb": "Sesongindeks (gjennomsnittsmåned = 100)"},
    "seasonal_index_short": {"en": "Seasonal index", "nb": "Sesongindeks"},
    "month_of_2019": {"en": "Month of 2019", "nb": "Måned i 2019"},
    "show": {"en": "Show", "nb": "Vis"},
    "audit_table": {"en": "Audit table", "nb": "Tabell i rapporten"},
    "women": {"en": "Women", "nb": "Kvinner"},
    "men": {"en": "Men", "nb": "Menn"},
    "women_share": {"en": "Women's share (%)", "nb": "Kvinneandel (%)"},
    "women_share_axis": {"en": "Women's share of participants (%)", "nb": "Kvinneandel blant deltakerne (%)"},
    "women_minus_men": {"en": "Women minus men", "nb": "Kvinner minus menn"},
    "women_minus_men_axis": {"en": "Women minus men (persons)", "nb": "Kvinner minus menn (personer)"},
    "half_line": {"en": "Dashed line: half women, half men.", "nb": "Stiplet linje: like mange kvinner som menn."},
    "gap_explain": {
        "en": "Right of zero: more women than men (e.g. +300 means 300 more women); left: more men.",
        "nb": "Til høyre for null: flere kvinner enn menn (+300 betyr 300 flere kvinner); til venstre: flere menn.",
    },
    "year": {"en": "Year", "nb": "År"},
    "when": {"en": "When", "nb": "Tidspunkt"},
    "line": {"en": "Line", "nb": "Linje"},
    "figure": {"en": "Figure", "nb": "Opplysning"},
    "one_year_after": {"en": "1 year after", "nb": "1 år etter"},
    "two_years_after": {"en": "2 years after", "nb": "2 år etter"},
    "without_job_axis": {"en": "Without a registered job (%)", "nb": "Ikke registrert i jobb (%)"},
    "after_title": {
        "en": "After the programme, many had no registered job",
        "nb": "Etter tiltaket var mange ikke registrert i jobb",
    },
    "after_sub": {
        "en": "People who left a programme in 2014 and had no job when they started it.",
        "nb": "Personer som avsluttet et tiltak i 2014 og ikke var i jobb da de startet.",
    },
    "no_causal": {
        "en": "These figures describe what happened after the programme; they cannot show what the programme caused: "
        "there is no comparison with similar people who had no programme.",
        "nb": "Tallene beskriver hva som skjedde etter tiltaket; de kan ikke vise hva tiltaket førte til, fordi det "
        "ikke finnes noen sammenligning med lignende personer som ikke var på tiltak.",
    },
    "audit_groups_note": {
        "en": "The audit's two groups are close to, but not the same as, two of the status groups (hovedgrupper) "
        "in NAV's tables above: the report starts from NAV's groups, then sorts people by their assessed "
        "need for help (innsatsbehov: situasjonsbestemt for jobseekers, spesielt tilpasset for reduced "
        "work capacity). They are named after the audit here.",
        "nb": "Riksrevisjonens to grupper ligger nær to av hovedgruppene i NAVs tabeller over, uten å være "
        "de samme: rapporten tar utgangspunkt i NAVs grupper og avgrenser dem så etter innsatsbehov "
        "(situasjonsbestemt for arbeidssøkere, spesielt tilpasset for nedsatt arbeidsevne). De har derfor "
        "Riksrevisjonens navn her.",
    },
    "plan_year_axis": {"en": "Year the last programme started", "nb": "Året siste tiltak startet"},
    "plan_axis": {"en": "Started without an activity plan (%)", "nb": "Startet uten aktivitetsplan (%)"},
    "plan_title": {
        "en": "Many started a programme without an activity plan",
        "nb": "Mange startet på tiltak uten aktivitetsplan",
    },
    "plan_sub": {
        "en": "Participants counted once, in the first month of their last programme.",
        "nb": "Deltakerne er telt én gang, i første måned av siste tiltak.",
    },
    "people_counted": {"en": "People counted", "nb": "Antall personer"},
    "plan_2016": {
        "en": "2016 is left out: the audit's data end that year, so its 2016 figures count everyone not counted before "
        "and are not comparable.",
        "nb": "2016 er utelatt: Riksrevisjonens data slutter det året, så tallene for 2016 omfatter alle som ikke er "
        "telt tidligere, og er ikke sammenlignbare.",
    },
    "months_waiting": {"en": "Months of waiting", "nb": "Måneder med ventetid"},
    "mean": {"en": "Mean", "nb": "Gjennomsnitt"},
    "longest": {"en": "Longest", "nb": "Lengste"},
    "mean_months": {"en": "Mean (months)", "nb": "Gjennomsnitt (måneder)"},
    "median_months": {"en": "Median (months)", "nb": "Median (måneder)"},
    "mean_minus_median": {"en": "Mean minus median", "nb": "Gjennomsnitt minus median"},
    "longest_months": {"en": "Longest (months)", "nb": "Lengste (måneder)"},
    "spread_explain": {
        "en": "Open circle: median (half wait less). Dot: mean. A mean far above the median means a few very long waits.",
        "nb": "Åpen sirkel: median (halvparten venter kortere). Prikk: gjennomsnitt. Et gjennomsnitt langt over "
        "medianen betyr at noen få venter svært lenge.",
    },
    "spread_title": {
        "en": "Most wait less than the average: a few wait very long",
        "nb": "De fleste venter kortere enn gjennomsnittet, noen få svært lenge",
    },
    "longest_explain": {
        "en": "The longest registered wait before each programme.",
        "nb": "Den lengste registrerte ventetiden før hvert tiltak.",
    },
    "longest_title": {"en": "Some waited for years", "nb": "Noen ventet i flere år"},
    "wait_table_6": {
        "en": "Tabell 6: waiting for a programme, months registered, 2011–2016",
        "nb": "Tabell 6: måneder registrert med «venter på tiltak», 2011–2016",
    },
    "wait_table_7": {
        "en": "Tabell 7: waiting for a plan or a programme, months registered, 2011–2016",
        "nb": "Tabell 7: måneder med «venter på plan» eller «venter på tiltak», 2011–2016",
    },
    "wait_who": {
        "en": "People with reduced work capacity only (both tables).",
        "nb": "Bare personer med nedsatt arbeidsevne (begge tabellene).",
    },
    "n_spells": {
        "en": "N = {n} waiting spells; one person can have several",
        "nb": "N = {n} venteforløp; én person kan ha flere",
    },
    "n_printed": {"en": "N = {n}, as printed in the table's title", "nb": "N = {n}, slik det står i tabelltittelen"},
    "menu_table_7": {"en": "Tabell 7 (waiting for a plan or a programme)", "nb": "Tabell 7 (venter på plan eller tiltak)"},
    "menu_table_6": {"en": "Tabell 6 (waiting for a programme)", "nb": "Tabell 6 (venter på tiltak)"},
    "mean_and_median": {"en": "Mean and median", "nb": "Gjennomsnitt og median"},
    "longest_wait": {"en": "Longest wait", "nb": "Lengste ventetid"},
    "about_terms": {
        "en": "Words used here: _Tabell 6_ and _Tabell 7_ are tables 6 and 7 of the audit report; _status group_ (_hovedgruppe_) is NAV's split of "
        "participants into jobseekers, people with reduced work capacity and others.",
        "nb": "Begreper: _Tabell 6_ og _Tabell 7_ er tabellene i Riksrevisjonens rapport; "
        "_hovedgruppe_ er NAVs inndeling av deltakerne i arbeidssøkere, personer med nedsatt arbeidsevne og andre.",
    },
    "about_more": {
        "en": "The notebooks explain each point: start with [00 Start here](00_start_here.ipynb); the "
        "[glossary](glossary.ipynb) explains the terms.",
        "nb": "Notatbøkene (på engelsk) forklarer hvert punkt og begynner med «[00 Start here](00_start_here.ipynb)»; "
        "[ordlisten](glossary.ipynb) forklarer begrepene.",
    },
    "as_printed": {"en": "As the report puts it", "nb": "Slik rapporten oppgir det"},
    "src_after": {
        "en": "Without a job after the programme (summary, Figur 1)",
        "nb": "Uten jobb etter tiltaket (sammendraget, figur 1)",
    },
    "src_ch7": {
        "en": "In work a year later, jobseekers (chapter 7.2, Figur 19)",
        "nb": "I jobb ett år etter, arbeidssøkere (kapittel 7.2, figur 19)",
    },
    "wait_title": {"en": "Waiting for a programme", "nb": "Ventetid før tiltak"},
    "groups_title": {"en": "Participants by programme group", "nb": "Deltakere etter tiltaksgruppe"},
    "groups_sub": {
        "en": "Choose a month and a status group in the menus. Hidden counts (*) are not in the bars; the numbers table shows them.",
        "nb": "Velg måned og hovedgruppe i menyene. Prikkede tall (*) er ikke med i søylene; tabellen viser dem.",
    },
    "seasons_title": {"en": "Age group by month, 2019", "nb": "Aldersgruppe etter måned, 2019"},
    "seasons_sub": {"en": "Choose a status group in the menu.", "nb": "Velg hovedgruppe i menyen."},
    "women_share_panel": {"en": "Women's share", "nb": "Kvinneandel"},
    "women_minus_men_panel": {"en": "Women minus men", "nb": "Kvinner minus menn"},
    # the printed briefing (scripts/brief.py)
    "brief_kicker": {"en": "Briefing · two pages", "nb": "Notat · to sider"},
    "brief_title": {"en": "NAV's labour-market programmes: the key numbers", "nb": "Arbeidsrettede tiltak i NAV: hovedtall"},
    "brief_h_today": {"en": "Today's numbers", "nb": "Tallene nå"},
    "brief_h_break": {
        "en": "The April 2025 break: what may be compared across it",
        "nb": "Bruddet i april 2025: hva som kan sammenlignes",
    },
    "brief_h_audit": {
        "en": "What Riksrevisjonen found: Dokument 3:5 (2017–2018)",
        "nb": "Hva Riksrevisjonen fant: Dokument 3:5 (2017–2018)",
    },
    "brief_h_cautions": {"en": "Cautions", "nb": "Forbehold"},
    "brief_h_sources": {"en": "Sources", "nb": "Kilder"},
    "brief_where": {"en": "In the report", "nb": "I rapporten"},
    "brief_section": {"en": "section (punkt) {section}", "nb": "punkt {section}"},
    "brief_verdict_where": {
        "en": "(The Document's section {section}, {heading}.)",
        "nb": "(Dokumentets punkt {section}, {heading}.)",
    },
    "brief_pages_note": {
        "en": "The report is cited by its sections (punkt): the findings and grades stand in sections 2.1–2.5 and 3 of "
        "the Document at the front of the report.",
        "nb": "Rapporten er sitert etter punkter: funnene og vurderingene står i punkt 2.1–2.5 og 3 i dokumentdelen "
        "først i rapporten.",
    },
    "brief_commit": {
        "en": "The version of NAV's data files used here: https://github.com/{repo}/tree/{commit}",
        "nb": "Versjonen av NAVs datafiler som er brukt her: https://github.com/{repo}/tree/{commit}",
    },
    "brief_footer": {
        "en": "Every number is computed from NAV's and Riksrevisjonen's published figures, the same as on the dashboard.",
        "nb": "Alle tall er beregnet fra NAVs og Riksrevisjonens publiserte tall, de samme som i oversikten.",
    },
    "star_note": {
        "en": "* : a count NAV hid (0–3, or 1–3 in the one-month table); it is not added in as 0.",
        "nb": "* : et tall NAV har prikket (0–3, eller 1–3 i tabellen for én måned); det er ikke regnet som 0.",
    },
}


def t(key: str, lang: str, **values: object) -> str:
    """The string ``key`` of :data:`TEXT` in ``lang``, its ``{placeholders}`` filled from ``values``."""
    if lang not in LANGS:
        raise ValueError(f"lang must be 'en' or 'nb', not {lang!r}")
    try:
        text = TEXT[key][lang]
    except KeyError:
        raise KeyError(f"helpers/headline.py TEXT has no {lang!r} string for {key!r}") from None
    return text.format(**values) if values else text


def page_lang(default: str = "en") -> str:
    """The language a page was asked for: ``?lang=nb`` (Voilà passes the query string to the kernel as
    QUERY_STRING; a preheated kernel, VOILA_PREHEAT, waits here for the request, so everything before
    this call runs before the reader arrives), else the environment variable NAV_LANG (set when the
    static site builds its bokmål page), else ``default``."""
    query_string = os.environ.get("QUERY_STRING", "")
    if os.environ.get("VOILA_PREHEAT", "False") != "False":  # a preheated Voilà kernel: wait for the reader's request
        from voila.utils import get_query_string

        query_string = get_query_string() or ""
    query = parse_qs(query_string)
    lang = (query.get("lang") or [os.environ.get("NAV_LANG", default)])[0]
    return lang if lang in LANGS else default


def n(value: float, lang: str, decimals: int = 0) -> str:
    """A number in the language's style, with a true minus sign in both: '85,068' / '85 068', '−1.2' / '−1,2'."""
    return number(value, lang, decimals).replace("-", "−")


WORDS = {
    "en": ("none", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"),
    "nb": ("ingen", "én", "to", "tre", "fire", "fem", "seks", "sju", "åtte", "ni", "ti", "elleve", "tolv"),
}


def count_of(count: int, total: int, lang: str, noun: str) -> str:
    """'4 of the 9 months' / '4 av de 9 månedene', or 'all nine months' / 'alle de ni månedene' when count is total:
    a reader says 'all nine', not '9 of 9'. ``noun`` is the plural (English) or definite plural (bokmål)."""
    word = WORDS[lang][total] if 0 <= total < len(WORDS[lang]) else n(total, lang)
    if count == total:
        return f"all {word} {noun}" if lang == "en" else f"alle de {word} {noun}"
    return (
        f"{n(count, lang)} of the {n(total, lang)} {noun}" if lang == "en" else f"{n(count, lang)} av de {n(total, lang)} {noun}"
    )


def pct(value: float, lang: str, sign: bool = False, decimals: int = 1) -> str:
    """A percentage: '+2.3 %' or '+2,3 %'."""
    text = n(abs(value), lang, decimals)
    prefix = ("+" if value > 0 else "−" if value < 0 else "±") if sign else ("−" if value < 0 else "")
    return f"{prefix}{text} %"


def group_name(group: str, lang: str) -> str:
    """A status group as NAV names it, with the English gloss on the English page."""
    from .vocabulary import both

    if group == ALL:
        return t("total_of_three", lang)
    return both(group) if lang == "en" else group  # NAV's own label, as in the tables


# -- numbers -------------------------------------------------------------------------------------
@functools.cache
def totals() -> pd.DataFrame:
    """Persons per month (index: period) and status group (columns), January 2023 on, and ``"I alt"``.

    Each group is the app's total of its programme groups (``oversikt``); ``"I alt"`` adds the three
    (``min_count=3``: a month missing a group stays missing, never a smaller sum)."""
    from .monthly import load_monthly_series

    monthly = load_monthly_series()
    frame = monthly.query("programme_group == @ALL").pivot(index="period", columns="status_group", values="value")[list(GROUPS)]
    frame[ALL] = frame[list(GROUPS)].sum(axis=1, min_count=3)
    return frame


@functools.cache
def today() -> dict:
    """The latest month against the same month a year earlier: counts, changes and per cents per group."""
    frame = totals()
    latest = frame.index.max()
    before = latest - 12
    now, then = frame.loc[latest], frame.loc[before]
    change = now - then
    return {
        "latest": latest,
        "year_before": before,
        "now": now.to_dict(),
        "then": then.to_dict(),
        "change": change.to_dict(),
        "change_pct": (100 * change / then).to_dict(),
        "reduced_share": 100 * now[REDUCED] / now[ALL],
        "before_in_break": before in set(break_facts()["flagged"]),
    }


@functools.cache
def break_facts() -> dict:
    """The April 2025 break in NAV's monthly series, computed from the series.

    ``flagged``: months whose records carry the source's ``brudd`` (set by the app's code, jobseekers
    only); March and April 2025 counts of jobseekers and others; the change of the two together."""
    from .monthly import load_monthly_series

    monthly = load_monthly_series()
    flagged = sorted(monthly.query("series_break")["period"].unique())
    frame = totals()
    march, april = frame.loc[APRIL_2025 - 1], frame.loc[APRIL_2025]
    pair_march, pair_april = march[JOBSEEKERS] + march[OTHERS], april[JOBSEEKERS] + april[OTHERS]
    return {
        "flagged": flagged,
        "flagged_groups": sorted(monthly.query("series_break")["status_group"].unique()),
        "jobseekers_march": int(march[JOBSEEKERS]),
        "jobseekers_april": int(april[JOBSEEKERS]),
        "others_march": int(march[OTHERS]),
        "others_april": int(april[OTHERS]),
        "pair_march": int(pair_march),
        "pair_april": int(pair_april),
        "pair_change": int(pair_april - pair_march),
        "pair_change_pct": 100 * (pair_april - pair_march) / pair_march,
    }


@functools.cache
def audit_gap() -> dict[int, dict]:
    """NAV's November count of jobseekers on programmes against the audit's yearly average (Tabell 3).

    {year: {"nav": November count, "audit": yearly average, "gap_pct": NAV above the audit in %, "line": Tabell 3's line}}
    for 2016 (NAV's one-month table) and 2015 (the same table's change from a year earlier)."""
    from .audit import load_audit_table
    from .tidy import load_participants

    p = load_participants()
    november = pd.Period("2016-11", "M")
    row = (
        p[p["period"] == november]
        .query(
            "status_group == @JOBSEEKERS and gender == @ALL and age_group == @ALL "
            "and programme_group == @ALL and programme == @ALL"
        )
        .set_index("measure")["value"]
    )
    nav = {2016: int(row["participants"]), 2015: int(row["participants"] - row["change_from_last_year"])}
    tabell = load_audit_table(3).query("status_group_en == 'jobseekers' and is_total").set_index("year")
    return {
        year: {
            "nav": nav[year],
            "audit": int(tabell.loc[year, "value"]),
            "line": int(tabell.loc[year, "line"]),
            "gap_pct": 100 * (nav[year] / tabell.loc[year, "value"] - 1),
        }
        for year in (2016, 2015)
    }


FINDINGS_TEXT = {  # the five main findings in our own words (the report's §2.1–2.5)
    1: {
        "en": "Many participants do not get into work after leaving a programme.",
        "nb": "Mange tiltaksdeltakere kommer ikke i arbeid etter at tiltaket er avsluttet.",
    },
    2: {
        "en": "NAV documents to a varying degree whether a programme is necessary and appropriate.",
        "nb": "NAV dokumenterer i varierende grad om tiltaket er nødvendig og hensiktsmessig.",
    },
    3: {
        "en": "A large share of users have no activity plan (aktivitetsplan) when the programme starts, though the NAV Act gives them a right to one.",
        "nb": "En stor andel brukere har ikke aktivitetsplan når tiltaket starter, selv om de har rett til aktivitetsplan etter NAV-loven.",
    },
    4: {
        "en": "NAV offices' follow-up of participants is inadequate: long waits before a programme, and little follow-up during work practice.",
        "nb": "NAV-kontorenes oppfølging er mangelfull: lang ventetid før tiltak og lite oppfølging under arbeidspraksis.",
    },
    5: {
        "en": "The ministry's and the directorate's steering of, and reporting on, the use of the programmes has weaknesses.",
        "nb": "Departementets og direktoratets styring og rapportering om bruken av tiltakene har svakheter.",
    },
}


@functools.cache
def findings() -> pd.DataFrame:
    """The audit's five main findings (one row each, the Document's §2.1–2.5) and its overall verdict (finding 0).

    Columns: finding, grade (Norwegian, as printed; '' where the section uses no grade word), grade_en,
    line (of the grade's sentence in the report's text), heading_line, en, nb (our summary)."""
    from .audit import AUDIT_DIR

    grades = pd.read_csv(AUDIT_DIR / "grades.csv", keep_default_na=False).query("part == 'document'")
    rows = []
    for finding, part in grades.groupby("finding", sort=True):
        words = list(dict.fromkeys(g for g in part["grade"] if g))
        rows.append(
            {
                "finding": int(finding),
                "grade": " / ".join(words),
                "grade_en": " / ".join(dict.fromkeys(e for g, e in zip(part["grade"], part["grade_en"]) if g)),
                "line": int(part["line"].iloc[0]),
                "heading_line": int(part["heading_line"].iloc[0]),
                "en": FINDINGS_TEXT.get(int(finding), {}).get("en", ""),
                "nb": FINDINGS_TEXT.get(int(finding), {}).get("nb", ""),
            }
        )
    return pd.DataFrame(rows)


def findings_table(lang: str) -> pd.DataFrame:
    """The five findings with their grade, for a table: Finding | Riksrevisjonen's grade."""
    rows = findings().query("finding > 0")

    def grade(row: pd.Series) -> str:
        if not row["grade"]:
            return t("no_grade", lang)
        return f"{row['grade']} ({row['grade_en']})" if lang == "en" else row["grade"]

    return pd.DataFrame(
        {
            t("finding", lang): [f"{row['finding']}. {row[lang]}" for _, row in rows.iterrows()],
            t("grade", lang): [grade(row) for _, row in rows.iterrows()],
        }
    )


# -- sentences -----------------------------------------------------------------------------------
def stamp(lang: str, markdown: bool = True) -> str:
    """Which month the numbers run to, when NAV's copy was exported, and where it comes from, for the
    three sources the stakeholders' pages use (the lead's :func:`helpers.stamp.data_stamp`). With
    ``markdown=False`` a plain line (for a CSV or a PDF)."""
    from .stamp import csv_stamp, data_stamp

    return (data_stamp if markdown else csv_stamp)(STAMP_SOURCES, lang)


STAMP_SOURCES = ("monthly", "participants", "audit")


def today_sentence(lang: str) -> str:
    d = today()
    latest = d["latest"]
    total, change, change_pct = d["now"][ALL], d["change"][ALL], d["change_pct"][ALL]
    if lang == "en":
        return (
            f"In {month_label(latest, 'en')}, {n(total, 'en')} people were on a labour-market programme (the three status "
            f"groups added up): {n(abs(change), 'en')} {'more' if change > 0 else 'fewer'} than twelve months earlier "
            f"({pct(change_pct, 'en', sign=True)})."
        )
    return (
        f"I {month_label(latest, 'nb')} var {n(total, 'nb')} personer på arbeidsrettede tiltak (de tre hovedgruppene lagt sammen), "
        f"{n(abs(change), 'nb')} {'flere' if change > 0 else 'færre'} enn tolv måneder før ({pct(change_pct, 'nb', sign=True)})."
    )


def total_note(lang: str) -> str:
    """Why the total is the sum of the three groups, and how it differs from NAV's own."""
    if lang == "en":
        return (
            "One total per month: the three status groups added up, because NAV's monthly figures have no total for all "
            "three groups. " + t("numbers_origin", "en")
        )
    return (
        "Ett totaltall per måned: de tre hovedgruppene lagt sammen, fordi NAVs månedstall ikke har noen samlet sum for alle "
        "tre gruppene. " + t("numbers_origin", "nb")
    )


def crosses_break(group: str) -> bool:
    """Whether the headline table's twelve-month change of ``group`` spans April 2025 and the group is one of the two
    the register change moved people between (jobseekers and others; their sum and the third group are not moved)."""
    d = today()
    flagged = break_facts()["flagged"]
    spans = d["year_before"] < APRIL_2025 <= d["latest"] or d["year_before"] in set(flagged)
    return group in (JOBSEEKERS, OTHERS) and spans


def today_table_note(lang: str) -> str:
    """The one-line note under the headline table for its marked changes ('' when no change is marked)."""
    flagged = break_facts()["flagged"]
    return (
        t("break_mark", lang, first=month_label(flagged[0], lang), last=month_label(flagged[-1], lang))
        if any(crosses_break(g) for g in GROUPS)
        else ""
    )


def today_table(lang: str) -> pd.DataFrame:
    """The headline table: each group's count in the latest month, a year earlier, and the change."""
    d = today()
    order = [ALL, *GROUPS]
    mark = {g: "¹" if crosses_break(g) else "" for g in order}
    return pd.DataFrame(
        {
            t("group", lang): [group_name(g, lang) for g in order],
            month_label(d["latest"], lang).capitalize(): [n(d["now"][g], lang) for g in order],
            month_label(d["year_before"], lang).capitalize(): [n(d["then"][g], lang) for g in order],
            t("change", lang): [
                f"{'+' if d['change'][g] > 0 else ''}{n(d['change'][g], lang)} ({pct(d['change_pct'][g], lang, sign=True)}){mark[g]}"
                for g in order
            ],
        }
    )


def times(ratio: float, lang: str) -> str:
    """A ratio in plain words: 'about twice as many' / 'omtrent dobbelt så mange', else 'about 1.5 times as many'."""
    if 1.9 <= ratio < 2.1:
        return "about twice as many" if lang == "en" else "omtrent dobbelt så mange"
    return f"about {n(ratio, 'en', 1)} times as many" if lang == "en" else f"omtrent {n(ratio, 'nb', 1)} ganger så mange"


def break_sentence(lang: str, chart: bool = True) -> str:
    """The April 2025 break, with what it does to comparisons across it (for both groups it moves). With
    ``chart=False`` (the printed briefing has no chart) without the sentence about the chart's lines."""
    b = break_facts()
    first, last = b["flagged"][0], b["flagged"][-1]
    fell = b["jobseekers_march"] - b["jobseekers_april"]
    ratio = b["others_april"] / b["others_march"]
    if lang == "en":
        return (
            f"April 2025: the way participants are sorted into status groups most likely changed in NAV's register. From March "
            f"to April jobseekers (Arbeidssøkere på tiltak) fell by {n(fell, 'en')}, while others on programmes (Andre på "
            f"tiltak) went from {n(b['others_march'], 'en')} to {n(b['others_april'], 'en')} ({times(ratio, 'en')}); the two together "
            f"moved by only {'+' if b['pair_change'] > 0 else ''}{n(b['pair_change'], 'en')} ({pct(b['pair_change_pct'], 'en', sign=True)}). "
            f"NAV's data files mark the jobseekers' months {month_label(first, 'en')} to {month_label(last, 'en')} as a break (brudd); they mark "
            f"nothing for Andre på tiltak.{' The lines are not joined across April 2025.' if chart else ''} A change of either group that spans April "
            f"2025 mixes any real change with the step, so it cannot be read as either; the three groups added up are not affected "
            f"by the move between groups."
        )
    return (
        f"April 2025: Fordelingen av deltakere på hovedgrupper ble etter alt å dømme endret i NAVs register. Fra mars til april "
        f"falt arbeidssøkere på tiltak med {n(fell, 'nb')}, mens andre på tiltak gikk fra {n(b['others_march'], 'nb')} til "
        f"{n(b['others_april'], 'nb')} ({times(ratio, 'nb')}); de to gruppene samlet endret seg med bare "
        f"{'+' if b['pair_change'] > 0 else ''}{n(b['pair_change'], 'nb')} ({pct(b['pair_change_pct'], 'nb', sign=True)}). "
        f"NAVs datafiler markerer arbeidssøkernes måneder {month_label(first, 'nb')} til {month_label(last, 'nb')} "
        f"som brudd; for andre på tiltak er det ingen markering.{' Linjene er ikke trukket gjennom april 2025.' if chart else ''} En endring for "
        f"en av de to gruppene over april 2025 kan verken tolkes som reell endring eller som brudd alene; summen av de tre "
        f"gruppene påvirkes ikke av flyttingen mellom gruppene."
    )


def audit_gap_sentence(lang: str) -> str:
    """The audit's averages and NAV's tables are not at the same level (computed, see :func:`audit_gap`)."""
    g = audit_gap()
    if lang == "en":
        return (
            f"The audit used its own data from NAV's registers and its own definitions; its numbers are not at the level of NAV's tables. For "
            f"jobseekers NAV's November count is {pct(g[2016]['gap_pct'], 'en')} above the audit's yearly average in 2016 "
            f"({n(g[2016]['nav'], 'en')} against {n(g[2016]['audit'], 'en')}) and {pct(g[2015]['gap_pct'], 'en')} above in 2015 "
            f"({n(g[2015]['nav'], 'en')} against {n(g[2015]['audit'], 'en')}). NAV's November 2015 level is not printed: it is derived "
            f"from the November 2016 table as {n(g[2016]['nav'], 'en')} minus the change from a year earlier, "
            f"{n(g[2016]['nav'] - g[2015]['nav'], 'en')}."
        )
    return (
        f"Riksrevisjonen hentet egne data fra NAVs registre og brukte egne definisjoner, og tallene ligger ikke på samme nivå som NAVs tabeller. For "
        f"arbeidssøkere på tiltak ligger NAVs tall for november {pct(g[2016]['gap_pct'], 'nb')} over Riksrevisjonens årsgjennomsnitt "
        f"i 2016 ({n(g[2016]['nav'], 'nb')} mot {n(g[2016]['audit'], 'nb')}) og {pct(g[2015]['gap_pct'], 'nb')} over i 2015 "
        f"({n(g[2015]['nav'], 'nb')} mot {n(g[2015]['audit'], 'nb')}). Tallet for november 2015 er ikke publisert; det er regnet ut "
        f"fra tabellen for november 2016: {n(g[2016]['nav'], 'nb')} minus endringen fra året før, "
        f"{n(g[2016]['nav'] - g[2015]['nav'], 'nb')}."
    )


def verdict_sentence(lang: str) -> str:
    f = findings().set_index("finding")
    verdict = f.loc[0]
    graded = f.drop(index=0)
    strong = [i for i, g in graded["grade"].items() if g.startswith("sterkt")]
    plain = [i for i, g in graded["grade"].items() if g == "kritikkverdig"]
    if lang == "en":
        return (
            f"Overall verdict: {verdict['grade']} i forvaltningen av arbeidsmarkedstiltak ({verdict['grade_en']} in the "
            f"administration of labour-market programmes). Riksrevisjonen calls findings "
            f"{' and '.join(map(str, strong))} highly censurable (sterkt kritikkverdig) and finding {' and '.join(map(str, plain))} "
            f"open to criticism (kritikkverdig); findings {' and '.join(str(i) for i, g in graded['grade'].items() if not g)} carry no grade word."
        )
    return (
        f"Samlet vurdering: {verdict['grade']} i forvaltningen av arbeidsmarkedstiltak. Riksrevisjonen finner forholdene i funn {' og '.join(map(str, strong))} "
        f"sterkt kritikkverdige og forholdene i funn {' og '.join(map(str, plain))} kritikkverdige; funn "
        f"{' og '.join(str(i) for i, g in graded['grade'].items() if not g)} er omtalt uten slike kritikkuttrykk."
    )


def cautions(lang: str) -> list[str]:
    """What a reader must keep in mind, each computed where it carries a number."""
    d = today()
    out = [total_note(lang), break_sentence(lang), audit_gap_sentence(lang)]
    if lang == "en":
        out += [
            "NAV counts the people on a programme month by month; none of its tables says on which day of the month.",
            "The audit's shares describe what happened after a programme, not what the programme caused: there is no "
            "comparison with similar people who had no programme.",
        ]
        if d["before_in_break"]:
            out.append(
                f"{month_label(d['year_before'], 'en')} is one of the flagged months, so the twelve-month change of "
                f"jobseekers and of Andre på tiltak is not necessarily like for like."
            )
    else:
        out += [
            "NAV teller personene på tiltak måned for måned; ingen av tabellene sier hvilken dag i måneden.",
            "Riksrevisjonens andeler beskriver hva som skjedde etter tiltaket, ikke hva tiltaket førte til: det finnes "
            "ingen sammenligning med lignende personer som ikke var på tiltak.",
        ]
        if d["before_in_break"]:
            out.append(
                f"{month_label(d['year_before'], 'nb').capitalize()} er en av de markerte månedene, så tolvmånedersendringen "
                f"for arbeidssøkere på tiltak og andre på tiltak er ikke nødvendigvis sammenlignbar."
            )
    return out


SOURCES = [
    {
        "en": "NAV: monthly statistics of participants on labour-market programmes (tables TILT100–TILT180) from January 2023, as "
        "published in NAV's data files on GitHub, navikt/arbeidsmarkedstiltak-app (https://github.com/navikt/arbeidsmarkedstiltak-app). "
        "Check quoted figures against NAV's statistics on nav.no (https://www.nav.no/no/nav-og-samfunn/statistikk).",
        "nb": "NAV: månedlig statistikk over deltakere på arbeidsrettede tiltak (tabellene TILT100–TILT180) fra januar 2023, slik NAV "
        "publiserer den i sine datafiler på GitHub, navikt/arbeidsmarkedstiltak-app (https://github.com/navikt/arbeidsmarkedstiltak-app). "
        "Kontroller tall du siterer mot NAVs statistikk på nav.no (https://www.nav.no/no/nav-og-samfunn/statistikk).",
    },
    {
        "en": "NAV: Deltakere i arbeidsrettede tiltak – Tiltak. En måned (November 2016); Tiltak og alder. Tidsserie måned (2019); "
        "Tiltak og kjønn. Tidsserie måned (January–May 2021) (https://www.nav.no/no/nav-og-samfunn/statistikk).",
        "nb": "NAV: Deltakere i arbeidsrettede tiltak – Tiltak. En måned (november 2016); Tiltak og alder. Tidsserie måned (2019); "
        "Tiltak og kjønn. Tidsserie måned (januar–mai 2021) (https://www.nav.no/no/nav-og-samfunn/statistikk).",
    },
    {
        "en": "Riksrevisjonen: Dokument 3:5 (2017–2018), «Riksrevisjonens undersøkelse av forvaltning og bruk av "
        "arbeidsmarkedstiltak i NAV» (https://www.riksrevisjonen.no). The Dokument 3 series is also published by the "
        "Storting (https://www.stortinget.no).",
        "nb": "Riksrevisjonen: Dokument 3:5 (2017–2018), «Riksrevisjonens undersøkelse av forvaltning og bruk av "
        "arbeidsmarkedstiltak i NAV» (https://www.riksrevisjonen.no). Dokument 3-serien publiseres også av "
        "Stortinget (https://www.stortinget.no).",
    },
]


def headline(lang: str) -> dict:
    """Everything the dashboard's top and the briefing print, in one language.

    Keys: ``stamp`` (data as of, export date, source), ``today`` (the latest month's sentence),
    ``today_table`` (DataFrame of formatted cells), ``total_note``, ``break`` (the April 2025 sentence),
    ``audit_gap``, ``findings`` (DataFrame: finding, grade), ``verdict``, ``cautions`` (list), ``sources``
    (list), and the raw numbers ``numbers`` (today(), break_facts(), audit_gap())."""
    t("page_title", lang)  # checks lang
    return {
        "title": t("page_title", lang),
        "stamp": stamp(lang),
        "today": today_sentence(lang),
        "today_table": today_table(lang),
        "today_table_note": today_table_note(lang),
        "total_note": total_note(lang),
        "break": break_sentence(lang, chart=False),
        "audit_gap": audit_gap_sentence(lang),
        "findings": findings_table(lang),
        "verdict": verdict_sentence(lang),
        "cautions": cautions(lang),
        "sources": [s[lang] for s in SOURCES],
        "numbers": {"today": today(), "break": break_facts(), "audit_gap": audit_gap()},
    }
