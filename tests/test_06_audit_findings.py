"""06 What the audit found: what the notebook states, checked against the report's own text
(data/raw/riksrevisjonen_dokument_3-5_2017-2018.txt), and no exercise answer shown before its exercise.

Expected values are read by hand from the printed report lines named in each test, never copied from
the notebook's output.
"""

from __future__ import annotations

import re

import nbformat
import pytest

from .conftest import ROOT, raw_lines
from .notebook_text import cell_text, shows_number, text_before_exercise, english_question

NOTEBOOK = "06_audit_findings.ipynb"
REPORT = raw_lines("riksrevisjonen_dokument_3-5_2017-2018.txt")
CELLS = nbformat.read(ROOT / "notebooks" / NOTEBOOK, as_version=4).cells
TEXT = "\n".join(cell_text(c) for c in CELLS)


def report(line: int) -> str:
    return REPORT[line - 1]


def output_of(marker: str) -> str:
    """The stored outputs (and source) of the first code cell whose source contains ``marker``."""
    cell = next(c for c in CELLS if c.cell_type == "code" and marker in c.source)
    return cell_text(cell)


# -- the report lines the notebook relies on ----------------------------------------------------------
@pytest.mark.parametrize(
    "line,printed",
    [
        (155, "Hovedfunn"),
        (161, "nødvendig og hensiktsmessig"),
        (251, "de 60 gjennomgåtte sakene"),
        (1917, "6 prosent"),
        (1920, "10 prosent"),
        (276, "sterkt kritikkverdig"),
        (293, "kritikkverdig"),
        (311, "kritikkverdig"),
        (345, "sterkt kritikkverdig"),
        (355, "svak måloppnåelse"),
        (578, "jevnt over er tilfredsstillende"),
        (1167, "de to påfølgende månedene"),
        (1172, "ikke samme tiltak måneden"),
        (1157, "fire timer"),
        (1195, "20 prosentstilling"),
        (1196, "minst tre måneder"),
        (219, "gruppe B som ikke har kommet i arbeid ett år"),
        (3132, "80 og 20 prosent"),
        (3130, "måltall for antall tiltaksplasser"),
        (518, "overgang til arbeid"),
    ],
)
def test_the_report_says_what_the_notebook_cites(line, printed):
    assert printed in " ".join(report(line).split())


# -- the five main findings, their grades and the overall verdict ------------------------------------------
def test_all_five_main_findings_have_a_section_in_the_audits_order():
    h2 = [line[3:] for c in CELLS if c.cell_type == "markdown" for line in c.source.splitlines() if line.startswith("## Finding")]
    assert [h.split(":")[0] for h in h2] == [f"Finding {n}" for n in range(1, 6)]
    assert "necessary and appropriate" in h2[1]  # the Document's finding 2 (lines 160-161, §2.2 at 236-237)


def test_grades_and_verdict_are_shown_next_to_the_findings():
    table = output_of("document.merge(report")
    for grade, line in (
        ("sterkt kritikkverdig", 276),
        ("kritikkverdig", 293),
        ("kritikkverdig", 311),
        ("sterkt kritikkverdig", 345),
    ):
        assert grade in table and str(line) in table
    assert "highly censurable" in table and "open to criticism" in table and "no grade word" in table
    assert "uheldig" in table and "alvorlig" in table  # chapter 9's words (lines 3298, 3315, 3336)
    verdict = output_of("Overall verdict of the Document")
    assert "svak måloppnåelse" in verdict and "weak goal attainment" in verdict and "355" in verdict
    assert "this collection's translation" in TEXT


def test_finding_2_states_the_evidence():
    said = output_of('survey_no_written_assessment_nae"], facts.loc')
    assert (
        "60 case files" in said and "6 % of 826 advisers" in said and "10 % of 674" in said
    )  # lines 251, 1886, 1891, 1917, 1920
    assert "826" in report(1886) and "674" in report(1891)


def test_the_document_and_the_report_are_explained_before_the_findings():
    first_finding = next(i for i, c in enumerate(CELLS) if c.cell_type == "markdown" and "## Finding 1" in c.source)
    before = "\n".join(c.source for c in CELLS[:first_finding])
    assert "### The Document and the report" in before and "lines 888–3374" in before and "lines 98–439" in before
    assert "Riksrevisjonens merknader" in report(171) and "1 Innledning" in report(888) and "9 Vurderinger" in report(3197)


# -- corrected readings ------------------------------------------------------------------------------
def test_cluster_b_has_no_one_year_bar_and_says_what_its_figure_is():
    table = output_of("c = clusters.set_index")
    assert "still without work a year after exit" in table
    assert "27" in report(219)
    assert "within a year" in table and "probability of work after 1 year" not in TEXT.lower()


def test_the_ministers_figures_are_not_called_six_month_outcomes():
    assert "in work 6 months after exit (2014)" not in TEXT
    assert "Minister's letter: transition to work, 2014" in output_of("measures = pd.DataFrame")
    assert "no time window" in TEXT


def test_the_80_20_split_is_the_notebooks_own_comparison():
    assert "stayed close to the target" not in TEXT
    chart = output_of("split = t3.pivot")
    assert "Our comparison" in chart and "is for places" in chart


def test_the_two_exit_rules_and_the_two_definitions_of_in_work_are_told_apart():
    methods = output_of("methods = pd.DataFrame")
    assert "two following months" in methods and "the month after" in methods and "§2.5.3" in methods
    definitions = output_of("Definition of 'in work'")
    assert "at least 4 hours a week" in definitions and "at least a 20 % position (7.5 hours a week)" in definitions
    assert "20 % position lasting at least three months" in output_of("one_year = clusters.query")


def test_the_ministers_other_disagreement_is_shown():
    assert "jevnt over tilfredsstillende" in TEXT and "578" in TEXT


def test_the_cost_chart_labels_and_axis_use_the_same_unit():
    cell = output_of('t4["cost_per_place"]')
    assert "Cost of one place for a year (NOK)" in cell and "NOK 1 000" not in cell.split("accounts")[0]
    assert "183,501" in output_of("top, low = t4.iloc[0]")  # 1 294 600 000 / 7 055 (line 2105)


def test_the_categories_menu_names_the_status_groups():
    cell = next(c for c in CELLS if c.cell_type == "code" and "explore(categories" in c.source)
    assert "status_group=" in cell.source and "Programme group" not in cell.source


def test_no_unsourced_counting_rules():
    assert "end of the month" not in TEXT and "counted once, under one programme" not in TEXT


def test_programmes_not_schemes_in_prose():
    prose = "\n".join(c.source for c in CELLS if c.cell_type == "markdown" and "solution" not in c.metadata.get("tags", []))
    assert not re.search(r"\bschemes?\b", prose)  # a solution's code may name the column `scheme`


# -- no answer before its exercise ---------------------------------------------------------------------
def test_06_1_share_of_accounts_is_not_shown_before():
    assert not shows_number(text_before_exercise(NOTEBOOK, "06.1"), round(100 * 1294600 / 4099676, 1), 1)  # lines 2089-2105


def test_06_2_verdict_is_not_shown_before():
    assert "describes outcomes, not effects" not in text_before_exercise(NOTEBOOK, "06.2")


def test_06_3_largest_gap_is_not_shown_before():
    assert not shows_number(text_before_exercise(NOTEBOOK, "06.3"), 10.7 - 6, 1)  # line 2368


def test_06_4_comparable_years_are_not_drawn_before():
    """06.4 asks for the jobseekers' line without 2016; the page may show the shares, but no chart of 2011-2015 alone."""
    before = text_before_exercise(NOTEBOOK, "06.4")
    assert "2011-2015" not in before.split("### Exercise 06.4")[0].split("## Exercises")[-1]
    exercise = next(c for c in CELLS if c.cell_type == "markdown" and "### Exercise 06.4" in c.source)
    assert "(write the Altair)" in exercise.source and "mark_line" in exercise.source


def test_06_2_options_cannot_be_guessed_from_their_length():
    exercise = next(c for c in CELLS if c.cell_type == "markdown" and "### Exercise 06.2" in c.source)
    options = re.findall(r"^- \*\*[abc]\*\* (.+)$", english_question(exercise.source), flags=re.M)
    assert len(options) == 3
    lengths = [len(o) for o in options]
    assert max(lengths) - min(lengths) <= 0.1 * max(lengths), lengths


# -- issue 20's corrections ------------------------------------------------------------------------------
def test_the_stamp_names_the_audits_period():
    first_section = next(
        i for i, c in enumerate(CELLS) if c.cell_type == "markdown" and c.source.startswith("## What Riksrevisjonen")
    )
    top = "\n".join(cell_text(c) for c in CELLS[:first_section])
    assert "Data as of:** Riksrevisjonen's Dokument 3:5 (2017–2018) rests on data for March 2010–December 2016" in top
    assert "perioden fra mars 2010 til" in report(954) and "desember 2016" in report(955)  # §1.3


def test_about_50_and_about_75_keep_their_about():
    """The Document says 'ca. 75' (line 188) and 'ca. 50' (line 194): the takeaway keeps 'about'."""
    assert "ca. 75" in report(188) and "ca. 50" in report(194)
    said = output_of("about = lambda fact_id")
    assert "about 75 % with reduced work capacity and about 50 % of jobseekers" in said


def test_the_waiting_chart_says_who_and_what_n_counts():
    """Tabell 6 and 7 cover people with reduced work capacity only (titles at lines 2309, 2360); N counts waiting spells
    (venteforløp, §6.1, lines 2489-2497), and one person can have several."""
    assert "nedsatt" in report(2309) and "N = 125 457" in report(2310) and "N = 198 586" in report(2361)
    assert "venteforløp" in report(2489) and "Én" in report(2496) and "flere venteforløp" in report(2497)
    cell = next(c for c in CELLS if c.cell_type == "code" and "def waiting(" in c.source)
    assert "Only people with reduced work capacity" in cell.source and "waiting spells" in cell.source
    assert "198,586 people" not in TEXT and "N = 198,586" not in TEXT.replace("{spells:,}", "")


def test_the_audits_groups_are_named_by_their_service_need_group():
    """The audit's groups are innsatsgrupper (lines 970-974), not NAV's status groups: no chart of 06 calls them
    'Arbeidssøkere på tiltak' or 'Nedsatt arbeidsevne, på tiltak'."""
    assert "situasjonsbestemt" in report(970) + report(971) and "spesielt tilpasset" in report(971) + report(972)
    setup = next(c for c in CELLS if c.cell_type == "code" and "AS, NAE =" in c.source).source
    assert 'AS, NAE = "Jobseekers (situasjonsbestemt innsats)", "Reduced work capacity (spesielt tilpasset innsats)"' in setup
    shown = "\n".join(cell_text(c).replace(c.source, "") for c in CELLS if c.cell_type == "code")
    assert "Arbeidssøkere på tiltak" not in shown and "Nedsatt arbeidsevne, på tiltak" not in shown


def test_the_ministers_figures_are_the_directorates_reporting_with_no_window():
    """findings.csv's note no longer calls them 'NAV's own 6-month statistic': the letter (lines 516-520) names none."""
    findings_csv = (ROOT / "data" / "audit" / "findings.csv").read_text(encoding="utf-8")
    assert "6-month statistic" not in findings_csv
    assert "rapporteringen fra Arbeids- og velferdsdirektoratet" in report(516)
    assert not re.search(r"seks måneder|6 måneder", " ".join(REPORT[513:520]))


def test_the_survey_and_the_waits_say_who_they_cover():
    """The survey went to the managers of 454 offices and 1 698 advisers, 1 257 usable answers (lines 1084-1088); the mean
    waits of six to eleven months are for people with reduced work capacity (lines 287-288)."""
    assert "(ved 454 kontor)" in report(1084) and "1698 NAV-veiledere" in report(1085) and "(1257" in report(1088)
    assert "nedsatt arbeidsevne" in report(287) and "seks og elleve" in report(288)
    said = " ".join(output_of("verdict = grades.query").split())
    assert "a survey sent to the managers of 454 NAV offices and 1,698 advisers (1,257 usable answers" in said
    assert "Mean waits of 6-11 months before the most used programmes for people with reduced work capacity" in said
    assert "survey of 454 NAV offices" not in TEXT


def test_the_categories_takeaway_uses_tabell_3s_printed_total():
    """Tabell 3 prints 57 590 as the 2016 total for reduced work capacity (line 2022); its parts add up to one more."""
    printed = report(2022).split()
    assert printed[0] == "Totalt" and printed[-2:] == ["57", "590"]
    said = output_of("def categories(")
    assert "of the 57,590 participants a month Tabell 3 prints as the total (line 2022)" in said
    assert "57,591" not in said


def test_the_audits_groups_are_close_to_navs_status_groups_and_the_grades_are_not_called_sharper():
    """The report starts from NAV's three groups (lines 1099-1101) and maps to innsatsbehov in lines 970-974; the Document
    uses the fixed grade words (276, 293, 311, 345) where chapter 9 says 'alvorlig' (3336)."""
    assert "tre grupper" in report(1099) and "andre på tiltak" in report(1100) and "innsatsbehov" in report(970)
    assert "alvorlig" in report(3336) and all("kritikkverdig" in report(n) for n in (276, 293, 311, 345))
    text = " ".join(TEXT.split())
    assert "close to, but not the same as, NAV's status groups" in text and "lines 1099–1101" in text
    assert "not NAV's status groups" not in text and "grades more sharply" not in text
