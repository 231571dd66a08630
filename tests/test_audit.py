"""The audit's numbers in data/audit/ checked against the report text they were transcribed from.

Every value in every table CSV is formatted the way the report prints it (space thousands
separator, decimal comma) and its whole printed row is matched on the line the CSV names; every
finding is matched through its verbatim quote. The checks use their own formatting and parsing, not
helpers.audit, so a typo in a CSV fails here whatever the loader does. Expected values in the tests
of the derived figures are recomputed from numbers read off the report lines.
"""

from __future__ import annotations

import csv
import hashlib
import math
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from helpers import audit
from helpers.errors import ParseError

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
AUDIT = ROOT / "data" / "audit"
REPORT_NAME = "riksrevisjonen_dokument_3-5_2017-2018.txt"
SEED_NAME = "004_c35830a427b8936d.txt"  # the report as the project received it; its sha256 is in the manifest
LINES = (RAW / REPORT_NAME).read_text(encoding="utf-8").split("\n")
if not LINES[-1].strip():
    LINES.pop()  # the file ends in "\n " : 3 712 newline-terminated lines and a lone space
META = yaml.safe_load((AUDIT / "tables.yaml").read_text(encoding="utf-8"))["tables"]
TABLES = {n: pd.read_csv(AUDIT / f"tabell_{n:02d}.csv", dtype=str) for n in range(1, 12)}
FINDINGS = pd.read_csv(AUDIT / "findings.csv", dtype=str)
INCONSISTENCIES = pd.read_csv(AUDIT / "inconsistencies.csv", dtype=str)

# Where the parts of the seed are (docs/design/audit.md, "Layout of the seed").
PARTS = {"leaflet": (1, 97), "document": (98, 439), "letter": (440, 766), "report": (888, 3374), "appendix": (3498, 3712)}
NUMBER_WORDS = {
    "én": 1,
    "en": 1,
    "ett": 1,
    "to": 2,
    "tre": 3,
    "fire": 4,
    "fem": 5,
    "seks": 6,
    "sju": 7,
    "syv": 7,
    "åtte": 8,
    "ni": 9,
    "ti": 10,
    "elleve": 11,
    "tolv": 12,
}
DIGIT_TOKEN = re.compile(r"(?<![\d,])\d+(?: \d{3})*(?:,\d+)?(?!\d)")
WORD_TOKEN = re.compile(r"\b(?:" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)
UNITS = {
    "percent",
    "persons",
    "months",
    "NOK billion",
    "NOK million",
    "cases",
    "offices",
    "respondents",
    "percentage points",
    "participations",
    "waiting spells",
    "hours per week",
    "scheme variants",
}


# ---------------------------------------------------------------- helpers of the tests themselves


def line_text(number: int) -> str:
    """Report line ``number`` (1-based)."""
    return LINES[number - 1]


def squash(text: str) -> str:
    """Collapse runs of whitespace, so text split over lines compares equal."""
    return " ".join(text.split())


def printed_forms(value: float) -> list[str]:
    """How the report prints a number: space as thousands separator, comma as decimal mark."""
    value = float(value)
    if value.is_integer():
        spaced = f"{int(value):,}".replace(",", " ")
        return [spaced, spaced + ",0"]
    whole, fraction = repr(value).split(".")
    return [f"{int(whole):,}".replace(",", " ") + "," + fraction]


def parse_printed(text: str) -> float:
    """A number as the report prints it (digits with spaces and a decimal comma, or a number word)."""
    if text.lower() in NUMBER_WORDS:
        return float(NUMBER_WORDS[text.lower()])
    return float(text.replace(" ", "").replace(",", "."))


def round_half_up(x: float) -> int:
    return math.floor(x + 0.5)


def table_values(n: int) -> pd.DataFrame:
    frame = TABLES[n].copy()
    frame["value"] = frame["value"].astype(float)
    frame["line"] = frame["line"].astype(int)
    return frame


def value_of(n: int, **where) -> float:
    frame = table_values(n)
    for column, wanted in where.items():
        frame = frame[frame[column] == str(wanted)]
    assert len(frame) == 1, (n, where, len(frame))
    return float(frame["value"].iloc[0])


def printed_order(n: int, rows: pd.DataFrame) -> pd.DataFrame:
    """The rows of one printed line in the order their values appear on it."""
    order = {m["measure"]: i for i, m in enumerate(META[n - 1]["measures"])}
    keyed = rows.assign(_year=rows["year"].astype(int) if "year" in rows else 0, _measure=rows["measure"].map(order))
    return keyed.sort_values(["_year", "_measure"])


def finding(id_: str) -> float:
    row = FINDINGS[FINDINGS["id"] == id_]
    assert len(row) == 1, id_
    return float(row["value"].iloc[0])


# ---------------------------------------------------------------- the source itself


def test_report_matches_its_manifest_entry():
    manifest = yaml.safe_load((RAW / "manifest.yaml").read_text(encoding="utf-8"))["files"]
    entry = next(e for e in manifest if e["file"] == REPORT_NAME)
    data = (RAW / REPORT_NAME).read_bytes()
    assert hashlib.sha256(data).hexdigest() == entry["sha256"]
    assert data.count(b"\n") == len(LINES) == entry["lines"] == 3712


def test_vendored_report_is_the_seed():
    """The manifest names the text it was copied from; the copy itself is pinned by its sha256 (test above)."""
    manifest = yaml.safe_load((RAW / "manifest.yaml").read_text(encoding="utf-8"))["files"]
    assert next(e for e in manifest if e["file"] == REPORT_NAME)["seed"] == SEED_NAME


# ---------------------------------------------------------------- every table value against its line


@pytest.mark.parametrize("n", range(1, 12))
def test_every_table_row_is_printed_on_its_line(n):
    """Each printed row, rebuilt from the CSV in column order, ends its report line after its label."""
    frame = table_values(n)
    for number, rows in frame.groupby("line"):
        text = line_text(number).rstrip()
        ordered = printed_order(n, rows)
        pattern = r"\s+".join("(?:" + "|".join(map(re.escape, printed_forms(v))) + ")" for v in ordered["value"])
        match = re.search(r"(?:^|(?<=\s))" + pattern + r"\s*$", text)
        assert match, f"Tabell {n}, line {number}: {list(ordered['value'])} not printed at the end of {text!r}"
        prefix = squash(text[: match.start()])
        labels = set(rows["label_as_printed"])
        assert len(labels) == 1, (n, number, labels)
        assert prefix and squash(labels.pop()).endswith(prefix), (n, number, prefix)


@pytest.mark.parametrize("n", range(1, 12))
def test_every_numbered_line_of_a_table_body_is_transcribed(n):
    first, last = META[n - 1]["body"]
    printed = {i for i in range(first, last + 1) if re.search(r"\d", line_text(i))}
    assert printed == set(table_values(n)["line"])


@pytest.mark.parametrize("n", range(1, 12))
def test_table_columns_units_and_headers_match_the_metadata(n):
    meta, frame = META[n - 1], TABLES[n]
    assert meta["number"] == n and meta["file"] == f"tabell_{n:02d}.csv"
    units = {m["measure"]: m["unit"] for m in meta["measures"]}
    assert set(frame["measure"]) == set(units)
    assert (frame["unit"] == frame["measure"].map(units)).all()
    assert (frame["table"] == str(n)).all()
    header = squash(" ".join(LINES[meta["line"] - 1 : meta["body"][0] - 1]))
    header = re.sub(r"(\w)- (\w)", r"\1\2", header)  # undo words hyphenated across lines
    for column in frame["column_no"].unique():
        assert column in header, (n, column)


@pytest.mark.parametrize("n", range(1, 12))
def test_table_metadata_is_printed_where_it_says(n):
    meta = META[n - 1]
    title = squash(" ".join(LINES[meta["line"] - 1 : meta["line"] + 3]))
    assert f"Tabell {n} {meta['title_no']}" in title
    assert squash(meta["section"]) in squash(line_text(meta["section_line"]))
    assert meta["section_line"] < meta["line"]
    if meta["source_line"] is None:
        after = LINES[meta["body"][1] : meta["body"][1] + 5]
        assert not any("Kilde" in text for text in after)
    else:
        assert meta["body"][1] < meta["source_line"] <= meta["body"][1] + 12
        assert meta["source"] in line_text(meta["source_line"])
    if meta["n"] is None:
        assert meta["n_line"] is None
    else:
        assert printed_forms(meta["n"])[0] in line_text(meta["n_line"])
    for key in ("title_en", "period", "population", "n_note", "english"):
        assert meta[key].strip(), (n, key)


@pytest.mark.parametrize("n", range(1, 12))
def test_table_notes_quote_the_report(n):
    notes = META[n - 1]["notes"]
    assert notes
    for note in notes:
        first, _, last = str(note["lines"]).partition("-")
        span = squash(" ".join(LINES[int(first) - 1 : int(last or first)]))
        assert squash(note["printed"]) in span, (n, note["printed"])
        assert note["text"].strip()


@pytest.mark.parametrize("n", range(1, 12))
def test_tables_are_tidy(n):
    frame = TABLES[n]
    provenance = {"value", "line", "note", "inconsistency", "label_as_printed", "unit", "column_no"}
    key = [c for c in frame.columns if c not in provenance]
    assert not frame.duplicated(key).any()
    assert frame["value"].notna().all()
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", c) for c in frame.columns)
    for column in frame.columns:
        if f"{column}_en" in frame.columns:
            assert frame[f"{column}_en"].notna().all(), (n, column)


def test_tables_hold_the_expected_number_of_values():
    counts = {n: len(TABLES[n]) for n in TABLES}
    assert counts == {1: 12, 2: 12, 3: 108, 4: 18, 5: 72, 6: 27, 7: 27, 8: 25, 9: 14, 10: 114, 11: 32}


def test_a_typo_in_a_table_value_would_be_caught():
    """The row check rejects a neighbouring value, a swapped pair and a dropped thousands group."""
    text = line_text(2105).rstrip()  # Arbeidspraksis i skjermet virksomhet 7 055 1 294 600

    def matches(values):
        pattern = r"\s+".join("(?:" + "|".join(map(re.escape, printed_forms(v))) + ")" for v in values)
        return re.search(r"(?:^|(?<=\s))" + pattern + r"\s*$", text)

    assert matches([7055, 1294600])
    assert not matches([7056, 1294600])
    assert not matches([1294600, 7055])
    m = matches([294600])
    assert m is None or not "Arbeidspraksis i skjermet virksomhet".endswith(squash(text[: m.start()]))


# ---------------------------------------------------------------- internal consistency of the tables


def test_activity_plan_tables_flag_exactly_the_inflated_year():
    for n in (1, 2):
        frame = table_values(n)
        assert sorted(frame["year"].astype(int).unique()) == list(range(2011, 2017))
        flagged = frame[frame["note"].notna()]
        assert set(flagged["year"]) == {"2016"} and len(flagged) == 2
        assert (frame.loc[frame["year"] == "2016", "label_as_printed"] == "2016*").all()
        assert frame.loc[frame["measure"] == "share_without_plan", "value"].between(0, 100).all()
    # The prose: NAE roughly stable around 45 %, jobseekers about 70 % on average, 80 → 60 in words.
    nae = table_values(1).query("measure == 'share_without_plan'")["value"]
    assert nae.between(44, 46).all()
    jobseekers = table_values(2).query("measure == 'share_without_plan'").set_index("year")["value"]
    assert abs(jobseekers.mean() - 70) < 1
    assert round(jobseekers["2011"], -1) == finding("as_without_plan_2011_prose")
    assert round(jobseekers["2016"], -1) == finding("as_without_plan_2016_prose")
    assert round(jobseekers["2016"]) == finding("minister_as_without_plan_end")


def test_tabell_3_totals_differ_from_their_parts_only_where_recorded():
    frame = table_values(3)
    parts = frame[frame["is_total"] == "False"].groupby(["status_group_en", "year"])["value"].sum()
    totals = frame[frame["is_total"] == "True"].set_index(["status_group_en", "year"])["value"]
    gaps = {key: int(totals[key] - parts[key]) for key in totals.index if totals[key] != parts[key]}
    assert gaps == {("reduced work capacity", "2011"): -2, ("reduced work capacity", "2016"): -1}
    flagged = frame[frame["inconsistency"].notna()]
    assert set(zip(flagged["status_group_en"], flagged["year"])) == set(gaps)
    assert set(flagged["inconsistency"]) == {"tabell_03_nae_total_2011", "tabell_03_nae_total_2016"}


def test_tabell_3_has_ten_categories_where_the_text_says_eleven():
    frame = TABLES[3][TABLES[3]["is_total"] == "False"]
    per_group = frame.groupby("status_group_en")["scheme_category"].nunique().to_dict()
    assert per_group == {"jobseekers": 6, "reduced work capacity": 10}
    assert frame["scheme_category"].nunique() == 10
    assert "elleve" in line_text(1976)
    assert "eleven_categories" in set(INCONSISTENCIES["id"])


def test_tabell_4_agrees_with_the_prose():
    frame = table_values(4)
    accounts = frame[frame["measure"] == "accounts"].set_index("scheme")["value"]
    assert accounts.idxmax() == "Arbeidspraksis i skjermet virksomhet"  # the largest amount (line 2113)
    assert round(accounts.max() / 1e6, 1) == finding("aps_accounts_2016_nok_bn")  # NOK 1 000 → bn


def test_tabell_5_shares_add_up_within_rounding_and_only_the_recorded_years_miss():
    frame = table_values(5)
    shares = frame[(frame["measure"] == "share_of_starts") & (frame["is_total"] == "False")]
    sums = shares.groupby("year")["value"].sum()
    rows = shares["scheme"].nunique()
    assert ((sums - 100).abs() <= rows * 0.5).all()
    assert {y: int(s - 100) for y, s in sums.items() if s != 100} == {"2012": 1, "2015": -1, "2016": 1}
    totals = frame[(frame["measure"] == "share_of_starts") & (frame["is_total"] == "True")]
    assert (totals["value"] == 100).all()
    assert set(totals.loc[totals["inconsistency"].notna(), "year"]) == {"2012", "2015", "2016"}


def test_waiting_tables_are_coherent():
    for n in (6, 7):
        wide = table_values(n).pivot(index="scheme", columns="measure", values="value")
        assert (wide["median"] <= wide["mean"]).all()  # the prose: the median is below the mean (2350)
        assert (wide["mean"] <= wide["max"]).all()
    six = table_values(6).pivot(index="scheme", columns="measure", values="value")
    seven = table_values(7).pivot(index="scheme", columns="measure", values="value")
    assert list(six.index.sort_values()) == list(seven.index.sort_values())
    assert (seven["mean"] > six["mean"]).all()  # "ventetiden øker for samtlige" (line 2389)


def test_tabell_8_breakdowns_add_up_to_the_cohort_and_shares_are_rounded_counts():
    frame = table_values(8)
    total = value_of(8, is_total="True", measure="persons")
    assert total == finding("leavers_2014") == 104213
    persons = frame[(frame["measure"] == "persons") & (frame["is_total"] == "False")]
    assert (persons.groupby("breakdown")["value"].sum() == total).all()
    assert set(persons["breakdown"]) == {"status_group", "gender", "age_group", "country_of_birth"}
    shares = frame[frame["measure"] == "share"].set_index("category")["value"]
    for category, count in persons.set_index("category")["value"].items():
        assert shares[category] == round_half_up(100 * count / total), category
    assert value_of(8, is_total="True", measure="persons") == value_of(11, is_total="True", measure="persons")


def test_tabell_9_clusters_add_up_to_the_analysis_population():
    frame = table_values(9)
    clusters = frame[frame["is_total"] == "False"]
    persons = clusters[clusters["measure"] == "persons"].set_index("cluster")["value"]
    assert persons.sum() == value_of(9, cluster="SUM", measure="persons") == finding("cluster_population") == 63264
    shares = clusters[clusters["measure"] == "share_of_sample"].set_index("cluster")["value"]
    assert all(shares[c] == round_half_up(100 * persons[c] / persons.sum()) for c in persons.index)
    assert shares.sum() == value_of(9, cluster="SUM", measure="share_of_sample") == 100
    # The prose and the Document state the same sizes and shares with reduced work capacity.
    assert shares["A"] == finding("cluster_a_share_document")
    assert shares["C"] == finding("cluster_c_share_document")
    assert shares["D"] == finding("cluster_d_share")
    nae = clusters[clusters["measure"] == "share_reduced_work_capacity"].set_index("cluster")["value"]
    assert nae.to_dict() == {"A": 12, "B": 35, "C": 97, "D": 54}  # lines 3042-3044


def test_tabell_10_counts_and_figur_3_labels_agree_within_rounding():
    frame = table_values(10)
    wide = frame.pivot(index="county", columns="measure", values="value")
    assert len(wide) == 19
    assert wide["participants"].sum() == 395096
    assert (wide.drop(columns="participants") <= 100).all().all()
    for measure, label in (
        ("share_reduced_work_capacity", "nae"),
        ("share_under_25", "under_25"),
        ("share_non_western_immigrants", "non_western"),
        ("share_long_term_unemployed", "long_term_unemployed"),
        ("share_not_in_priority_group", "no_priority_group"),
    ):
        low = (wide["participants"] * (wide[measure] - 0.5) / 100).sum()
        high = (wide["participants"] * (wide[measure] + 0.5) / 100).sum()
        assert low <= finding(f"priority_n_{label}") <= high, label
    # …but the printed Figur 3 share for reduced work capacity does not follow from those counts.
    share = 100 * finding("priority_n_nae") / wide["participants"].sum()
    assert round(share) == 55 != finding("priority_share_nae")
    assert "fig3_shares_vs_counts" in set(INCONSISTENCIES["id"])


def test_tabell_11_adds_up_and_matches_the_scheme_ns_in_chapter_7():
    frame = table_values(11)
    schemes = frame[frame["is_total"] == "False"]
    persons = schemes[schemes["measure"] == "persons"].set_index("scheme")["value"]
    total = value_of(11, is_total="True", measure="persons")
    assert persons.sum() == total == 104213
    shares = schemes[schemes["measure"] == "share"].set_index("scheme")["value"]
    assert all(shares[s] == round_half_up(100 * persons[s] / total) for s in persons.index)
    assert shares.sum() == 102 and value_of(11, is_total="True", measure="share") == 100
    for scheme, finding_id in (
        ("Arbeidspraksis i ordinær virksomhet", "apo_in_job_1y"),
        ("Tidsbegrenset lønnstilskudd", "tbl_in_job_6m"),
        ("Jobbklubb", "jobclub_in_job_2y"),
        ("Arbeidsmarkedsopplæring", "amo_in_job_1y"),
        ("Arbeidspraksis i skjermet virksomhet", "aps_in_job_1y"),
        ("Arbeid med bistand (AB)", "ab_in_job_1y"),
    ):
        n = FINDINGS.loc[FINDINGS["id"] == finding_id, "n"].astype(int).iloc[0]
        assert persons[scheme] == n, scheme


# ---------------------------------------------------------------- findings


def test_findings_have_the_required_columns_and_ids():
    required = {
        "id",
        "value",
        "unit",
        "measures",
        "population",
        "n",
        "period",
        "line",
        "quote",
        "section",
        "approx",
        "note",
        "printed",
        "position",
        "qualifier",
        "n_line",
        "part",
        "figure",
    }
    assert required <= set(FINDINGS.columns)
    assert FINDINGS["id"].is_unique
    assert FINDINGS["id"].str.fullmatch(r"[a-z][a-z0-9_]*").all()
    for column in ("value", "unit", "measures", "population", "period", "line", "quote", "section", "part"):
        assert FINDINGS[column].notna().all(), column
    assert set(FINDINGS["unit"]) <= UNITS
    assert FINDINGS["approx"].isin(["True", "False"]).all()


@pytest.mark.parametrize("row", FINDINGS.to_dict("records"), ids=list(FINDINGS["id"]))
def test_every_finding_is_printed_in_its_quote_on_its_line(row):
    text = line_text(int(row["line"]))
    assert row["quote"] in text
    assert len(row["quote"].split()) <= audit.WORDS_IN_QUOTE
    tokens = (DIGIT_TOKEN if row["printed"][0].isdigit() else WORD_TOKEN).findall(row["quote"])
    assert tokens[int(row["position"]) - 1].lower() == row["printed"].lower()
    assert parse_printed(row["printed"]) == float(row["value"])


@pytest.mark.parametrize("row", FINDINGS.to_dict("records"), ids=list(FINDINGS["id"]))
def test_finding_qualifier_part_and_n_match_the_text(row):
    number = int(row["line"])
    first, last = PARTS[row["part"]]
    assert first <= number <= last
    approx = row["approx"] == "True"
    assert approx == isinstance(row["qualifier"], str)
    if approx:  # the hedge comes just before the number, on its line or at the end of the previous one
        context = line_text(number - 1).rstrip() + " " + line_text(number)
        pattern = re.escape(row["qualifier"]) + r"\s.{0,30}?(?<![\d,])" + re.escape(row["printed"]) + r"(?!\d)"
        assert re.search(pattern, context), (row["qualifier"], row["printed"])
    if isinstance(row["n"], str):
        assert printed_forms(float(row["n"]))[0] in line_text(int(row["n_line"]))
    else:
        assert not isinstance(row["n_line"], str)


def test_a_typo_in_a_finding_would_be_caught():
    row = FINDINGS[FINDINGS["id"] == "scheme_share_tbl_nae"].iloc[0]  # "henholdsvis 46, 42 og 31 prosent"
    tokens = DIGIT_TOKEN.findall(row["quote"])
    assert tokens == ["46", "42", "31"]
    assert tokens[int(row["position"]) - 1] == "42" and parse_printed("42") == float(row["value"])
    assert parse_printed("46") != float(row["value"])  # the neighbour's number would not pass


def test_findings_include_the_headline_figures():
    required = {
        "nae_no_job_1y_document",
        "nae_no_job_2y_document",
        "as_no_job_1y_document",
        "as_no_job_2y_document",
        "cluster_a_p_work_1y_document",
        "cluster_b_p_work_after_1y",
        "cluster_c_p_work_1y_document",
        "cluster_d_p_work_1y",
        "cluster_a_share_document",
        "cluster_c_share_document",
        "cluster_d_share",
        "apo_share_without_followup",
        "apo_nae_share_without_followup",
        "apo_over_3m_share_without_followup",
        "apo_participations",
        "apo_participations_without_followup",
        "cases_reviewed",
        "survey_offices",
        "survey_sent",
        "survey_answered",
        "survey_usable_respondents",
        "appropriations_min_nok_bn",
        "appropriations_max_nok_bn",
        "post76_spending_nok_bn",
        "waiting_mean_min_months_document",
        "waiting_mean_max_months_document",
        "nae_without_plan_document",
        "as_without_plan_document",
        "minister_as_transition_2014",
        "minister_as_transition_2017",
        "minister_nae_transition_2014",
        "minister_nae_transition_2017",
        "minister_nae_without_plan_nov_2017",
        "minister_followup_funding_2018_nok_m",
        "register_persons",
        "leavers_2014",
        "cluster_population",
    }
    assert required <= set(FINDINGS["id"])
    expected = {
        "apo_share_without_followup": 40,
        "cases_reviewed": 60,
        "survey_offices": 454,
        "survey_sent": 2152,
        "survey_answered": 1402,
        "survey_usable_respondents": 1257,
        "post76_spending_nok_bn": 6.5,
        "minister_as_transition_2014": 55,
        "minister_as_transition_2017": 65,
        "minister_nae_transition_2014": 41,
        "minister_nae_transition_2017": 44,
        "minister_nae_without_plan_nov_2017": 31,
        "minister_followup_funding_2018_nok_m": 132,
        "register_persons": 506644,
        "leavers_2014": 104213,
        "cluster_population": 63264,
    }
    assert {k: finding(k) for k in expected} == expected


def test_survey_and_population_counts_add_up():
    sent = finding("survey_sent")
    assert finding("survey_offices") + finding("survey_advisers_sampled") == sent
    assert round(100 * finding("survey_answered") / sent) == finding("survey_gross_response_pct")
    assert round(100 * finding("survey_usable_respondents") / sent) == finding("survey_net_response_pct")
    only_nae, only_as, both = (finding(i) for i in ("nae_only_persons", "jobseeker_only_persons", "both_statuses_persons"))
    assert abs(only_nae + only_as + both - finding("jobseekers_or_nae_persons")) / 450000 < 0.01
    assert abs(only_nae + both - finding("nae_persons_rounded")) / 270000 < 0.01
    assert abs(only_as + both - finding("jobseeker_persons_rounded")) / 240000 < 0.02
    rounded = finding("register_persons_rounded")  # "vel 506 000": a little over
    assert rounded < finding("register_persons") < rounded + 1000
    yearly = [finding(f"post76_spending_{y}_nok_bn") for y in range(2011, 2017)]
    assert round(sum(yearly) / len(yearly), 1) == finding("post76_spending_nok_bn")
    assert 100 * finding("apo_participations_without_followup") / finding("apo_participations") == 40


def test_without_job_and_in_work_add_to_100_except_where_recorded():
    """The Document's 'without a job' shares against Figur 19's 'in work' shares for the same people."""
    pairs = {
        ("nae_no_job_1y_document", "nae_nojob_in_job_1y"): None,
        ("nae_no_job_2y_document", "nae_nojob_in_job_2y"): "nae_no_job_at_entry_2y",
        ("as_no_job_1y_document", "as_nojob_in_job_1y"): "as_no_job_at_entry_1y",
        ("as_no_job_2y_document", "as_nojob_in_job_2y"): "as_no_job_at_entry_2y",
    }
    misses = {pair: record for pair, record in pairs.items() if abs(finding(pair[0]) + finding(pair[1]) - 100) > 1}
    assert misses == {pair: record for pair, record in pairs.items() if record}
    assert set(misses.values()) <= set(INCONSISTENCIES["id"])


def test_differing_statements_are_separate_findings_with_notes():
    differing = INCONSISTENCIES[INCONSISTENCIES["kind"] == "differing_values"]
    assert len(differing) >= 8
    by_id = FINDINGS.set_index("id")
    for row in differing.itertuples():
        lines = {int(x) for x in row.lines.split(";")}
        related = by_id.loc[[r for r in row.related.split(";") if r in by_id.index]]
        stated = related[related["line"].astype(int).isin(lines)]
        assert len(stated) >= 2, row.id  # each statement is its own finding …
        assert stated["note"].notna().all(), row.id  # … and its note points to the other


# ---------------------------------------------------------------- inconsistencies


def test_every_inconsistency_is_printed_where_it_says():
    assert INCONSISTENCIES["id"].is_unique
    kinds = {
        "wrong_year",
        "date",
        "count",
        "arithmetic",
        "rounding",
        "formatting",
        "layout",
        "label",
        "wrong_reference",
        "period",
        "numbering",
        "differing_values",
        "differing_bases",
        "typo",
    }
    assert set(INCONSISTENCIES["kind"]) <= kinds
    assert set(INCONSISTENCIES["certainty"]) <= {"evident", "uncertain"}
    for row in INCONSISTENCIES.itertuples():
        lines = [int(x) for x in row.lines.split(";")]
        pieces = row.as_printed.split(" | ")
        assert len(lines) == len(pieces), row.id
        for number, piece in zip(lines, pieces):
            assert piece in line_text(number), (row.id, number, piece)
        assert row.what.strip() and row.evidently_means.strip()


def test_inconsistencies_named_in_the_brief_are_recorded():
    ids = set(INCONSISTENCIES["id"])
    assert {
        "tabell_08_year",
        "minister_letter_date",
        "eleven_categories",
        "tabell_03_nae_total_2011",
        "tabell_03_nae_total_2016",
        "crossref_tabell_11",
        "crossref_tabell_12",
        "crossref_figur_16",
        "figuren_means_tabell_8",
        "activity_plan_period",
        "cluster_a_probability",
        "cluster_c_probability",
        "long_spells_without_followup",
        "all_leavers_in_job_1y",
    } <= ids
    row = INCONSISTENCIES.set_index("id").loc["tabell_08_year"]
    assert row["lines"] == "2796" and "2013" in line_text(2796) and "2014" in line_text(2792)
    assert "31. januar 2018" in line_text(153) and "30. januar 2018" in line_text(509)


def test_table_flags_point_to_recorded_inconsistencies():
    ids = set(INCONSISTENCIES["id"])
    targets = ids | set(FINDINGS["id"]) | {f"tabell_{n:02d}" for n in range(1, 12)}
    for n, frame in TABLES.items():
        flags = set(frame["inconsistency"].dropna())
        assert flags <= ids, (n, flags - ids)
        assert frame.loc[frame["inconsistency"].notna(), "note"].notna().all()
    for related in INCONSISTENCIES["related"].dropna():
        assert set(related.split(";")) <= targets, related
    # The flagged Tabell 8 row keeps the year as printed.
    row = TABLES[8][TABLES[8]["inconsistency"] == "tabell_08_year"]
    assert list(row["category"]) == ["Alle med avgang fra tiltak i 2013"]


# ---------------------------------------------------------------- helpers.audit: loaders


@pytest.mark.parametrize("n", range(1, 12))
def test_load_audit_table_returns_the_csv_with_metadata(n):
    frame = audit.load_audit_table(n)
    assert len(frame) == len(TABLES[n])
    assert list(frame["value"]) == list(table_values(n)["value"])
    assert frame["line"].dtype == "int64" and pd.api.types.is_numeric_dtype(frame["value"])
    assert frame.attrs["table"]["number"] == n
    frame.loc[0, "value"] = -1  # the caller's copy; the next load is unaffected
    assert audit.load_audit_table(n)["value"].iloc[0] != -1


@pytest.mark.parametrize("bad", [0, 12, -1, "3", 3.0, True, None])
def test_load_audit_table_rejects_numbers_that_are_not_tables(bad):
    with pytest.raises(ValueError, match="Tabell 1 to 11"):
        audit.load_audit_table(bad)


@given(st.integers().filter(lambda n: not 1 <= n <= 11))
def test_load_audit_table_rejects_any_other_integer(n):
    with pytest.raises(ValueError):
        audit.load_audit_table(n)


def test_audit_tables_has_one_row_per_table():
    frame = audit.audit_tables()
    assert list(frame["number"]) == list(range(1, 12))
    assert list(frame["values"]) == [len(TABLES[n]) for n in range(1, 12)]
    assert frame.loc[frame["number"] == 2, "notes"].iloc[0].count("[lines") == 2
    assert "artificially large" in frame.loc[frame["number"] == 1, "notes"].iloc[0]
    assert frame.loc[frame["number"] == 4, "units"].iloc[0] == "persons; NOK 1000"
    assert frame["n"].dropna().tolist() == [125457, 198586, 104213, 63264, 104213]
    assert frame["source_line"].isna().tolist() == [n == 9 for n in range(1, 12)]
    for column in ("title_no", "title_en", "period", "population", "section"):
        assert frame[column].str.len().gt(0).all()


def test_load_audit_findings_types_and_values():
    frame = audit.load_audit_findings()
    assert len(frame) == len(FINDINGS)
    assert frame["value"].dtype == "float64" and frame["approx"].dtype == bool
    assert str(frame["n"].dtype) == "Int64"
    row = frame.set_index("id").loc["cases_reviewed"]
    assert row["value"] == 60 and "60" in line_text(row["line"])


def test_load_audit_inconsistencies_returns_every_record():
    frame = audit.load_audit_inconsistencies()
    assert list(frame["id"]) == list(INCONSISTENCIES["id"])
    assert frame.set_index("id").loc["eleven_categories", "lines"] == "1976"


def test_report_line_reads_the_checked_report():
    assert audit.report_line(1798) == line_text(1798)
    assert "Tabell 1" in audit.report_line(1798)
    for bad in (0, 3713, "1", True):
        with pytest.raises(ValueError):
            audit.report_line(bad)


def test_report_line_refuses_a_changed_report(tmp_path, monkeypatch):
    changed = tmp_path / REPORT_NAME
    changed.write_text("not the report\n", encoding="utf-8")
    monkeypatch.setattr(audit, "REPORT", changed)
    audit._report_lines.cache_clear()
    try:
        with pytest.raises(ValueError, match="sha256"):
            audit.report_line(1)
    finally:
        audit._report_lines.cache_clear()


# ---------------------------------------------------------------- helpers.audit: derived figures


@pytest.fixture
def audit_copy(tmp_path, monkeypatch):
    """A writable copy of data/audit that helpers.audit reads instead of the real one."""
    copy = tmp_path / "audit"
    shutil.copytree(AUDIT, copy)
    monkeypatch.setattr(audit, "AUDIT_DIR", copy)
    for cached in (audit._read_table, audit._metadata, audit._shapes):
        cached.cache_clear()
    yield copy
    for cached in (audit._read_table, audit._metadata, audit._shapes):
        cached.cache_clear()


def test_cost_per_place_recomputed_from_the_report_line():
    assert line_text(2105).rstrip().endswith("Arbeidspraksis i skjermet virksomhet 7 055 1 294 600")
    assert line_text(2103).rstrip().endswith("15 599 102 179")
    costs = audit.cost_per_place().set_index("scheme")
    aps = costs.loc["Arbeidspraksis i skjermet virksomhet"]
    assert aps["accounts_nok"] == 1_294_600 * 1000
    assert aps["cost_per_place_year_nok"] == pytest.approx(1_294_600_000 / 7_055)
    assert aps["cost_per_place_month_nok"] == pytest.approx(1_294_600_000 / 7_055 / 12)
    apo = costs.loc["Arbeidstrening/arbeidspraksis i ordinær virksomhet"]
    assert apo["cost_per_place_year_nok"] == pytest.approx(102_179_000 / 15_599)
    # "koster relativt lite per tiltaksplass" (lines 2115-2116): the cheapest place of the nine.
    assert costs["cost_per_place_year_nok"].idxmin() == "Arbeidstrening/arbeidspraksis i ordinær virksomhet"


def test_cost_per_place_covers_every_scheme_and_follows_the_csv(audit_copy):
    costs = audit.cost_per_place()
    table = table_values(4).pivot(index="scheme", columns="measure", values="value")
    assert list(costs["line"]) == sorted(table_values(4)["line"].unique())
    expected = table["accounts"] * 1000 / table["mean_monthly_participants"]
    assert costs.set_index("scheme")["cost_per_place_year_nok"].to_dict() == pytest.approx(expected.to_dict())
    assert (costs["cost_per_place_month_nok"] * 12).tolist() == pytest.approx(costs["cost_per_place_year_nok"].tolist())
    assert "andre på tiltak" in costs.attrs["caveat"]
    path = audit_copy / "tabell_04.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",1294600,", ",2589200,"), encoding="utf-8")
    audit._read_table.cache_clear()
    doubled = audit.cost_per_place().set_index("scheme").loc["Arbeidspraksis i skjermet virksomhet"]
    assert doubled["cost_per_place_year_nok"] == pytest.approx(2 * 1_294_600_000 / 7_055)


def test_waiting_for_plan_extra_recomputed_from_the_report_lines():
    assert line_text(2315).strip() == "Avklaring 8,3 5 64"
    assert line_text(2366).strip() == "Avklaring 11,2 7 72"
    extra = audit.waiting_for_plan_extra().set_index(["scheme", "statistic"])
    assert extra.loc[("Avklaring", "mean"), "extra_months"] == pytest.approx(11.2 - 8.3)
    assert extra.loc[("Avklaring", "median"), "extra_months"] == 7 - 5
    assert extra.loc[("Avklaring", "mean"), ["line_tabell_6", "line_tabell_7"]].tolist() == [2315, 2366]


def test_waiting_for_plan_extra_matches_all_nine_schemes_and_follows_the_csvs(audit_copy):
    extra = audit.waiting_for_plan_extra()
    assert len(extra) == 18 and set(extra["statistic"]) == {"mean", "median"}
    assert (extra["match"] == "both tables").all()
    assert extra["scheme_en"].notna().all()
    assert (extra["extra_months"] == (extra["months_incl_waiting_for_plan"] - extra["months_waiting_for_scheme"]).round(1)).all()
    assert (extra.loc[extra["statistic"] == "mean", "extra_months"] > 0).all()
    assert "198 586" in extra.attrs["caveat"]
    path = audit_copy / "tabell_07.csv"  # drop one scheme from Tabell 7: the row is reported, not lost
    kept = [row for row in path.read_text(encoding="utf-8").splitlines(keepends=True) if ",Utdanning," not in row]
    path.write_text("".join(kept), encoding="utf-8")
    declare_rows(audit_copy, "tabell_07.csv", len(kept) - 1)  # a deliberate edit declares its new row count
    audit._read_table.cache_clear()
    partial = audit.waiting_for_plan_extra()
    assert set(partial.loc[partial["match"] == "Tabell 6 only", "scheme"]) == {"Utdanning"}
    assert partial.loc[partial["scheme"] == "Utdanning", "extra_months"].isna().all()


def test_activity_plan_change_recomputed_from_the_report_lines():
    assert line_text(1820).strip() == "2011 77,8 21 309"
    assert line_text(1828).strip() == "2015 65,1 27 601"
    assert line_text(1830).strip() == "2016* 57,0 58 056"
    change = audit.activity_plan_change().set_index(["status_group_en", "to_year"])
    assert change.loc[("jobseekers", 2016), "change_pp"] == pytest.approx(57.0 - 77.8)
    assert change.loc[("jobseekers", 2015), "change_pp"] == pytest.approx(65.1 - 77.8)
    assert change.loc[("reduced work capacity", 2016), "change_pp"] == pytest.approx(44.1 - 44.1)
    assert change.loc[("reduced work capacity", 2015), "change_pp"] == pytest.approx(45.7 - 44.1)
    assert change.loc[("jobseekers", 2016), ["n_from", "n_to"]].tolist() == [21309, 58056]


def test_activity_plan_change_flags_the_inflated_year_and_follows_the_csvs(audit_copy):
    change = audit.activity_plan_change()
    assert len(change) == 4 and (change["from_year"] == 2011).all()
    assert change["to_year_inflated"].tolist() == (change["to_year"] == 2016).tolist()
    assert (change.loc[change["to_year_inflated"], "caveat"].str.contains("artificially large")).all()
    assert (change.loc[~change["to_year_inflated"], "caveat"] == "").all()
    path = audit_copy / "tabell_02.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",65.1,", ",60.1,"), encoding="utf-8")
    audit._read_table.cache_clear()
    moved = audit.activity_plan_change().set_index(["status_group_en", "to_year"])
    assert moved.loc[("jobseekers", 2015), "change_pp"] == pytest.approx(60.1 - 77.8)


# ---------------------------------------------------------------- grades (data/audit/grades.csv)

GRADES = pd.read_csv(AUDIT / "grades.csv", dtype=str, keep_default_na=False)


@pytest.mark.parametrize("row", GRADES.to_dict("records"), ids=[f"{r['part']}-{r['line']}" for r in GRADES.to_dict("records")])
def test_every_grade_is_printed_in_its_quote_on_its_line(row):
    first, last = PARTS[row["part"]]
    assert first <= int(row["line"]) <= last and first <= int(row["heading_line"]) <= last
    assert row["quote"] in line_text(int(row["line"]))
    assert row["heading"] in line_text(int(row["heading_line"]))
    assert len(row["quote"].split()) <= audit.WORDS_IN_QUOTE
    assert row["grade"] in row["quote"]
    if row["grade"] == "kritikkverdig":  # the milder grade, not the tail of "sterkt kritikkverdig"
        assert "sterkt kritikkverdig" not in squash(line_text(int(row["line"])))
    glosses = {
        "sterkt kritikkverdig": "highly censurable",
        "kritikkverdig": "open to criticism",
        "svak måloppnåelse": "weak goal attainment",
        "uheldig": "unfortunate",
        "alvorlig": "serious",
        "": "no grade word",
    }
    assert glosses[row["grade"].lower()] == row["grade_en"]


def test_grades_cover_the_five_main_findings_and_every_grade_word_of_the_document():
    document = GRADES[GRADES["part"] == "document"]
    assert set(document["finding"].astype(int)) == {0, 1, 2, 3, 4, 5}
    # the five main findings listed at lines 155-169 are the sections 2.1-2.5 the headings name
    assert [h[:3] for h in document.drop_duplicates("heading_line")["heading"] if h[0] == "2"] == [
        "2.1",
        "2.2",
        "2.3",
        "2.4",
        "2.5",
    ]
    graded = {n for n in range(*PARTS["document"]) if re.search(r"kritikkverdig|måloppnåelse", line_text(n))}
    assert graded == set(document[document["grade"] != ""]["line"].astype(int))


# ---------------------------------------------------------------- the CSVs are checked against their declared shape when loaded


def declare_rows(folder: Path, name: str, rows: int) -> None:
    """Set a file's declared row count in a copy's tables.yaml (as whoever edits a CSV on purpose does)."""
    path = folder / "tables.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"\n    {name}:\n")
    line = text.index("      rows: ", start)
    end = text.index("\n", line)
    path.write_text(text[:line] + f"      rows: {rows}" + text[end:], encoding="utf-8")
    audit._shapes.cache_clear()


def test_every_audit_csv_has_a_declared_shape_and_loads():
    shapes = yaml.safe_load((AUDIT / "tables.yaml").read_text(encoding="utf-8"))["csv"]
    assert set(shapes["files"]) == {p.name for p in AUDIT.glob("*.csv")}
    for name, shape in shapes["files"].items():
        with (AUDIT / name).open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        assert rows[0] == shape["columns"] and len(rows) - 1 == shape["rows"], name
        audit.check_csv(name, next((t for t in META if t["file"] == name), None))


def edit_line(path: Path, number: int, change) -> str:
    """Apply ``change`` to one line (1-based) of a CSV; the old line."""
    lines = path.read_text(encoding="utf-8").split("\n")
    old = lines[number - 1]
    lines[number - 1] = change(old)
    path.write_text("\n".join(lines), encoding="utf-8")
    return old


def row_number(name: str, **cells) -> int:
    """The CSV line (1-based, header is line 1) of the one row with these cells, read with the csv module."""
    with (AUDIT / name).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        hits = [reader.line_num for row in reader if all(row[k] == v for k, v in cells.items())]
    assert len(hits) == 1, hits
    return hits[0]


def test_an_extra_column_is_refused(audit_copy):
    path = audit_copy / "tabell_04.csv"
    path.write_text(
        "\n".join(line + (",x" if line else "") for line in path.read_text(encoding="utf-8").split("\n")), encoding="utf-8"
    )
    with pytest.raises(
        ParseError, match=r"data/audit/tabell_04.csv, line 1: unexpected column 'x'; expected columns table, year"
    ):
        audit.load_audit_table(4)


def test_a_deleted_row_is_refused(audit_copy):
    line = row_number("tabell_06.csv", scheme="Avklaring", measure="mean")
    path = audit_copy / "tabell_06.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    path.write_text("\n".join(lines[: line - 1] + lines[line:]), encoding="utf-8")
    declared = yaml.safe_load((AUDIT / "tables.yaml").read_text(encoding="utf-8"))["csv"]["files"]["tabell_06.csv"]["rows"]
    with pytest.raises(
        ParseError, match=rf"data/audit/tabell_06.csv: {declared - 1} rows; expected {declared} rows as tables.yaml declares"
    ):
        audit.waiting_for_plan_extra()


def test_a_malformed_value_names_file_and_line(audit_copy):
    line = row_number("tabell_01.csv", year="2011", measure="share_without_plan")
    edit_line(audit_copy / "tabell_01.csv", line, lambda old: old.replace(",44.1,", ",44,1,"))
    with pytest.raises(ParseError, match=rf"data/audit/tabell_01.csv, line {line}: 13 cells; expected 12 cells"):
        audit.load_audit_table(1)
    edit_line(audit_copy / "tabell_01.csv", line, lambda old: old.replace(",44,1,", ",44.1x,"))
    audit._read_table.cache_clear()
    with pytest.raises(ParseError, match=rf"data/audit/tabell_01.csv, line {line}: value is '44.1x'; expected a number"):
        audit.activity_plan_change()


def test_a_value_outside_the_declared_measures_units_or_body_is_refused(audit_copy):
    line = row_number("tabell_04.csv", scheme="Avklaring", measure="mean_monthly_participants")
    old = edit_line(audit_copy / "tabell_04.csv", line, lambda old: old.replace(",persons,", ",percent,"))
    with pytest.raises(ParseError, match=rf"tabell_04.csv, line {line}: measure 'mean_monthly_participants' with unit 'percent'"):
        audit.cost_per_place()
    edit_line(audit_copy / "tabell_04.csv", line, lambda _: old.replace(",2089,", ",9999,"))
    audit._read_table.cache_clear()
    with pytest.raises(ParseError, match=rf"tabell_04.csv, line {line}: line 9999 lies outside Tabell 4"):
        audit.load_audit_table(4)


def test_findings_and_inconsistencies_are_checked_too(audit_copy):
    line = row_number("findings.csv", id="appropriations_min_nok_bn")
    edit_line(audit_copy / "findings.csv", line, lambda old: old.replace(",True,", ",yes,", 1))
    with pytest.raises(ParseError, match=rf"data/audit/findings.csv, line {line}: approx is 'yes'; expected True or False"):
        audit.load_audit_findings()
    line = row_number("inconsistencies.csv", id="tabell_08_year")
    edit_line(audit_copy / "inconsistencies.csv", line, lambda old: old.replace(",evident,", ",sure,"))
    with pytest.raises(
        ParseError, match=rf"inconsistencies.csv, line {line}: certainty is 'sure'; expected one of evident, uncertain"
    ):
        audit.load_audit_inconsistencies()


def test_a_duplicate_id_names_both_lines(audit_copy):
    first = row_number("inconsistencies.csv", id="tabell_08_year")
    second = row_number("inconsistencies.csv", id="minister_letter_date")
    edit_line(audit_copy / "inconsistencies.csv", second, lambda old: old.replace("minister_letter_date,", "tabell_08_year,", 1))
    with pytest.raises(ParseError, match=rf"line {second}: id 'tabell_08_year' is already used on line {first}"):
        audit.load_audit_inconsistencies()


def test_a_csv_cut_inside_a_character_names_the_file(audit_copy):
    path = audit_copy / "tabell_10.csv"
    data = path.read_bytes()
    cut = data.index("Ø".encode()) + 1
    path.write_bytes(data[:cut])
    line = data[:cut].count(b"\n") + 1
    with pytest.raises(ParseError, match=rf"data/audit/tabell_10.csv, line {line}: bytes that are not UTF-8"):
        audit.load_audit_table(10)


def test_load_audit_grades_is_the_checked_csv_as_text(audit_copy):
    assert audit.load_audit_grades().equals(GRADES)
    edit_line(audit_copy / "grades.csv", 2, lambda old: old + ",extra")
    with pytest.raises(ParseError, match="data/audit/grades.csv, line 2: 10 cells; expected 9 cells"):
        audit.load_audit_grades()
