"""Tests for the glossary data (helpers/glossary.yaml) and its helpers (helpers/glossary.py)."""

from __future__ import annotations

import re

import pytest
import yaml

from helpers import definitions, glossary, vocabulary
from helpers.glossary import CATEGORIES, FIELDS, NOTEBOOKS, SOURCES, TermNotFound

ENTRIES = glossary.load_glossary().to_dict("records")

# Terms the collection must explain (the brief's list), looked up by any of their names.
REQUIRED = [
    # bodies and documents
    "NAV",
    "Riksrevisjonen",
    "Ministry of Labour and Social Affairs",
    "Directorate of Labour and Welfare",
    "Stortinget",
    "Dokument 3:5",
    # statistics and table words
    "avgang",
    "referansemåned",
    "status seks måneder etter avgang",
    "omklassifisering",
    "beholdning",
    "prikking",
    "I alt",
    "Antall",
    "Endring fra i fjor",
    "tidsserie",
    "årsgjennomsnitt",
    "tiltaksplass",
    # case work
    "aktivitetsplan",
    "behovsvurdering",
    "arbeidsevnevurdering",
    "innsatsgruppe",
    "standardinnsats",
    "situasjonsbestemt innsats",
    "spesielt tilpasset innsats",
    "varig tilpasset innsats",
    "AAP",
    "individuell oppfølging",
    "venter på tiltak",
    # audit
    "case-file review",
    "survey",
    "cluster analysis",
    "survival analysis",
    "transition to work",
    # programmes
    "Arbeidstrening",
    "AFT",
    "AMO",
    "Midlertidig lønnstilskudd",
    "Varig lønnstilskudd",
    "VTA",
    "IPS",
    "Jobbklubb",
    "Avklaring",
    "Oppfølging (tiltak)",
    "Utdanning",
]


# --------------------------------------------------------------------------- schema


def test_glossary_has_between_60_and_120_entries():
    """The glossary is meant to be complete but short enough to read: 60-120 terms."""
    assert 60 <= len(ENTRIES) <= 120


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["term_nb"] for e in ENTRIES])
def test_entry_schema(entry):
    """Every entry has all fields, no empty values, and only allowed categories, source tags and notebooks."""
    assert tuple(entry) == FIELDS
    assert all(isinstance(entry[f], str) and entry[f].strip() == entry[f] != "" for f in FIELDS)
    assert entry["category"] in CATEGORIES
    assert entry["source"] in SOURCES
    assert entry["first_explained"] in NOTEBOOKS


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["term_nb"] for e in ENTRIES])
def test_definition_is_one_short_sentence(entry):
    """Definitions are one plain sentence: capital start, a full stop at the end only, 40 words at most."""
    text = entry["definition"]
    assert text[0].isupper() and text.endswith(".")
    assert not re.search(r"[.!?;]\s", text), f"more than one sentence: {text}"
    assert len(text.split()) <= 40


@pytest.mark.parametrize("field", ["term_nb", "term_en"])
def test_no_duplicate_terms(field):
    """No Norwegian or English term appears twice, ignoring case."""
    names = [e[field].casefold() for e in ENTRIES]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)


def test_no_name_points_to_two_entries():
    """A Norwegian term of one entry is never the English term of another, so term() is unambiguous."""
    owner: dict[str, str] = {}
    for entry in ENTRIES:
        for name in {entry["term_nb"].casefold(), entry["term_en"].casefold()}:
            assert owner.setdefault(name, entry["term_nb"]) == entry["term_nb"], name


def test_validate_entries_rejects_broken_data():
    """Broken entries are reported with the entry and the field at fault."""
    good = dict(ENTRIES[0])
    with pytest.raises(ValueError, match="expected exactly"):
        glossary.validate_entries([{k: v for k, v in good.items() if k != "source"}])
    with pytest.raises(ValueError, match="definition is ''"):
        glossary.validate_entries([{**good, "definition": ""}])
    with pytest.raises(ValueError, match="category 'bodies'"):
        glossary.validate_entries([{**good, "category": "bodies"}])
    with pytest.raises(ValueError, match="source 'NAV'"):
        glossary.validate_entries([{**good, "source": "NAV"}])
    with pytest.raises(ValueError, match="first_explained '08_extra'"):
        glossary.validate_entries([{**good, "first_explained": "08_extra"}])
    with pytest.raises(ValueError, match="duplicates entry 0"):
        glossary.validate_entries([good, {**good, "term_nb": good["term_nb"].upper(), "term_en": "x"}])


def test_yaml_file_has_only_the_terms_list():
    """The data file holds one list, 'terms', so nothing in it is silently ignored."""
    with glossary.GLOSSARY_FILE.open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    assert list(raw) == ["terms"] and len(raw["terms"]) == len(ENTRIES)


# --------------------------------------------------------------------------- in step with the rest of the collection


@pytest.mark.parametrize("label", list(vocabulary.STATUS_GROUPS))
def test_every_status_group_has_an_entry(label):
    """Each status group label of helpers.vocabulary has an entry with the same Norwegian and English."""
    entry = glossary.term(label)
    assert entry["term_nb"] == label and entry["category"] == "status group"
    assert entry["term_en"] == vocabulary.STATUS_GROUPS[label]


@pytest.mark.parametrize("label", list(vocabulary.PROGRAMME_GROUPS))
def test_every_programme_group_has_an_entry(label):
    """Each programme group label of helpers.vocabulary has an entry with the same Norwegian and English."""
    entry = glossary.term(label)
    assert entry["term_nb"] == label and entry["category"] == "programme group"
    assert entry["term_en"] == vocabulary.PROGRAMME_GROUPS[label]


@pytest.mark.parametrize("status", list(definitions.SIX_MONTH_STATUSES))
def test_every_status_after_exit_has_an_entry(status):
    """The six statuses of helpers.definitions (seed 000 lines 13-18) use the glossary's words."""
    entry = glossary.term(status)
    assert entry["term_nb"] == status and entry["term_en"] == definitions.SIX_MONTH_STATUSES[status]
    assert entry["first_explained"] == "01_definitions"


@pytest.mark.parametrize("name", REQUIRED)
def test_required_terms_are_covered(name):
    """The bodies, statistical, case-work and audit terms and the main programmes all have entries."""
    assert glossary.term(name)["definition"]


def test_programmes_in_vocabulary_keep_their_english():
    """Programmes in helpers.vocabulary.PROGRAMMES keep their English gloss in the glossary.

    Where the vocabulary gives a programme the same gloss as a programme group ('Avklaring' and
    'Avklaringstiltak' are both 'Assessment'), the glossary adds ' (programme)' to keep English terms unique.
    """
    group_glosses = set(vocabulary.PROGRAMME_GROUPS.values())
    compared = 0
    for entry in ENTRIES:
        if entry["term_nb"] in vocabulary.PROGRAMMES and entry["category"] == "programme":
            gloss = vocabulary.PROGRAMMES[entry["term_nb"]][1]
            expected = f"{gloss} (programme)" if gloss in group_glosses else gloss
            assert entry["term_en"] == expected, entry["term_nb"]
            compared += 1
    assert compared >= 8


# --------------------------------------------------------------------------- load_glossary and term()


def test_load_glossary_is_sorted_case_insensitively_in_norwegian_order():
    """Rows are sorted by Norwegian term ignoring case, with æ, ø, å after z as in Norwegian."""
    table = glossary.load_glossary()
    assert list(table.columns) == list(FIELDS)
    keys = [glossary.sort_key(t) for t in table["term_nb"]]
    assert keys == sorted(keys)
    assert table["term_nb"].iloc[-1] == "årsgjennomsnitt"
    names = table["term_nb"].tolist()
    assert names.index("aktivitetsplan") < names.index("Andre på tiltak") < names.index("arbeidsevnevurdering")


def test_load_glossary_returns_a_fresh_table():
    """Editing the returned table in a notebook must not change the glossary."""
    table = glossary.load_glossary()
    table.loc[0, "term_en"] = "changed"
    assert glossary.load_glossary().loc[0, "term_en"] != "changed"


def test_term_works_in_both_languages_and_ignores_case():
    """term() finds an entry by its Norwegian or English term, in any case and spacing."""
    by_nb = glossary.term("avgang")
    assert by_nb == glossary.term("Exit") == glossary.term("  EXIT ") == glossary.term("AVGANG")
    assert by_nb["term_en"] == "Exit" and by_nb["category"] == "statistics"
    assert glossary.term("reduced work capacity, on programmes")["term_nb"] == "Nedsatt arbeidsevne, på tiltak"


def test_term_accepts_abbreviations_and_short_names():
    """Abbreviations and names without their parenthesis point to the entry ('AFT', 'Dokument 3:5')."""
    assert glossary.term("AFT")["term_nb"] == "Arbeidsforberedende trening (AFT)"
    assert glossary.term("arbeidsforberedende trening") == glossary.term("AFT")
    assert glossary.term("Document 3:5")["term_nb"] == "Dokument 3:5 (2017–2018)"
    assert glossary.term("Oppfølging")["category"] == "programme group"  # an exact term beats a short name
    assert glossary.term("Oppfølging (tiltak)")["category"] == "programme"


def test_term_returns_a_copy():
    """Changing a looked-up entry does not change the glossary."""
    glossary.term("avgang")["term_en"] = "changed"
    assert glossary.term("avgang")["term_en"] == "Exit"


def test_unknown_term_lists_close_matches():
    """A misspelt term raises a KeyError that suggests the nearest entries."""
    with pytest.raises(KeyError) as caught:
        glossary.term("Arbeidstrenning")
    assert isinstance(caught.value, TermNotFound)
    assert "'Arbeidstrening'" in str(caught.value) and str(caught.value).startswith("'Arbeidstrenning'")
    with pytest.raises(TermNotFound, match="no close matches"):
        glossary.term("xyzzy")


# --------------------------------------------------------------------------- the Markdown page


MARKDOWN = glossary.glossary_markdown()


def test_markdown_has_an_intro_and_one_section_per_category():
    """The page starts with a title and an introduction, then one table per category in a fixed order."""
    assert MARKDOWN.startswith("# Glossary\n\n")
    intro = MARKDOWN.split("\n## ")[0]
    assert "first explains" in intro and all(f"*{tag}*" in intro for tag in SOURCES)
    headings = re.findall(r"^## (.+)$", MARKDOWN, flags=re.M)
    used = {e["category"] for e in ENTRIES}
    assert headings == [h for c, h in CATEGORIES.items() if c in used]
    assert MARKDOWN.count("| Norwegian | English | meaning | first explained in |") == len(headings)


def test_markdown_contains_every_term_once_per_row():
    """Every Norwegian and English term appears in a table row of the page."""
    rows = [line for line in MARKDOWN.splitlines() if line.startswith("| ") and not line.startswith("| Norwegian")]
    assert len(rows) == len(ENTRIES)
    for entry in ENTRIES:
        row = next(r for r in rows if r.startswith(f"| {entry['term_nb']} | "))
        assert f"| {entry['term_en']} *({entry['source']})* |" in row
        assert entry["definition"] in row


def test_markdown_links_point_to_the_notebooks():
    """Each 'first explained in' cell is a relative link such as [01 The definitions, executable](01_definitions.ipynb)."""
    links = re.findall(r"\[([^\]]+)\]\(([^)]+)\)", MARKDOWN)
    assert len(links) == len(ENTRIES)
    for text, target in links:
        stem = target.removesuffix(".ipynb")
        assert target.endswith(".ipynb") and "/" not in target
        assert stem in NOTEBOOKS and NOTEBOOKS[stem] == text
    assert "[01 The definitions, executable](01_definitions.ipynb)" in MARKDOWN
