"""NAV's labels, their English glosses, and the label damage seen in the published text.

Everything a parser needs to recognise a printed label lives here, so that a reader can see
in one place which labels exist, what they mean, and which misprints are repaired.
English glosses follow NAV's and Riksrevisjonen's English pages where those exist
(see ``GLOSS_SOURCES``); the others are this project's suggestions and are marked so.
"""

from __future__ import annotations

TOTAL = "I alt"

STATUS_GROUPS: dict[str, str] = {
    "Arbeidssøkere på tiltak": "Jobseekers on programmes",
    "Nedsatt arbeidsevne, på tiltak": "Reduced work capacity, on programmes",
    "Andre på tiltak": "Other participants",
}

GENDERS: dict[str, str] = {"Kvinner": "Women", "Menn": "Men"}

AGE_GROUPS: dict[str, str] = {
    "19 år og under": "19 and under",
    "20-24 år": "20-24",
    "25-29 år": "25-29",
    "30-39 år": "30-39",
    "40-49 år": "40-49",
    "50-59 år": "50-59",
    "60 år og over": "60 and over",
}

PROGRAMME_GROUPS: dict[str, str] = {
    "Avklaringstiltak": "Assessment",
    "Oppfølging": "Follow-up",
    "Opplæring": "Training",
    "Lønnstilskudd": "Wage subsidy",
    "Arbeidspraksis": "Work practice",
    "Arbeidsrettet rehabilitering": "Occupational rehabilitation",
    "Tilrettelagt arbeid": "Adapted work",
    "Helsemessig utredning/behandling": "Health assessment/treatment",
    "Tilrettelegging": "Adaptation",
    "Jobbskaping og egenetablering": "Job creation and self-employment",
}

# programme -> (programme group, English gloss)
PROGRAMMES: dict[str, tuple[str, str]] = {
    "Avklaring": ("Avklaringstiltak", "Assessment"),
    "Avklaring i skjermet virksomhet": ("Avklaringstiltak", "Assessment in a sheltered business"),
    "Avklaring - sykmeldt arbeidstaker": ("Avklaringstiltak", "Assessment, employee on sick leave"),
    "Oppfølging": ("Oppfølging", "Follow-up"),
    "Oppfølging - sykmeldt arbeidstaker": ("Oppfølging", "Follow-up, employee on sick leave"),
    "Arbeid med bistand (AB)": ("Oppfølging", "Work with assistance (AB)"),
    "Supported Employment (SE)": ("Oppfølging", "Supported Employment (SE)"),
    "Individuell jobbstøtte": ("Oppfølging", "Individual Placement and Support (IPS)"),
    "Jobbklubb": ("Oppfølging", "Job club"),
    "Digital oppfølging/jobbklubb": ("Oppfølging", "Digital follow-up/job club"),
    "Mentor": ("Oppfølging", "Mentor"),
    "Resultatbasert finansiering": ("Oppfølging", "Results-based financing"),
    "Resultatbasert finansiering av oppfølging": ("Oppfølging", "Results-based financing of follow-up"),
    "Utvidet avklaring og oppfølging i NAV": ("Oppfølging", "Extended assessment and follow-up by NAV"),
    "Utvidet oppfølging i NAV": ("Oppfølging", "Extended follow-up by NAV"),
    "Utvidet oppfølging i opplæring": ("Oppfølging", "Extended follow-up in training"),
    "2-årig opplæringstiltak": ("Opplæring", "Two-year training programme"),
    "Arbeidsmarkedsopplæring (AMO)": ("Opplæring", "Labour market training (AMO)"),
    "Arbeidsmarkedsopplæring (AMO) enkeltplass": ("Opplæring", "Labour market training (AMO), single place"),
    "Nettbasert arbeidsmarkedsopplæring (AMO)": ("Opplæring", "Online labour market training (AMO)"),
    "Nettbasert arbeidsmarkedsopplæring": ("Opplæring", "Online labour market training"),
    "Kvalifisering i arbeidsmarkedsbedrift": ("Opplæring", "Qualification in a labour-market enterprise"),
    "Utdanning": ("Opplæring", "Education"),
    "AMO Kurs": ("Opplæring", "AMO courses"),
    "AMO Kurs, Forsøk": ("Opplæring", "AMO courses, trial"),
    "AMO Enkeltplass": ("Opplæring", "AMO single place"),
    "AMO Enkeltplass, Forsøk": ("Opplæring", "AMO single place, trial"),
    "Høyere utdanning": ("Opplæring", "Higher education"),
    "Høyere utdanning, Forsøk": ("Opplæring", "Higher education, trial"),
    "Vgs/yrkesfaglig utdanning": ("Opplæring", "Upper-secondary/vocational education"),
    "Vgs/yrkesfaglig utdanning enkeltplass": ("Opplæring", "Upper-secondary/vocational education, single place"),
    "Vgs/yrkesfaglig utdanning enkeltplass, Forsøk": (
        "Opplæring",
        "Upper-secondary/vocational education, single place, trial",
    ),
    "AAP som lønnstilskudd": ("Lønnstilskudd", "Work assessment allowance as wage subsidy"),
    "Midlertidig lønnstilskudd": ("Lønnstilskudd", "Temporary wage subsidy"),
    "Tidsbegrenset lønnstilskudd": ("Lønnstilskudd", "Time-limited wage subsidy"),
    "Tidsubestemt lønnstilskudd": ("Lønnstilskudd", "Open-ended wage subsidy"),
    "Varig lønnstilskudd": ("Lønnstilskudd", "Permanent wage subsidy"),
    "Arbeidsforberedende trening": ("Arbeidspraksis", "Employment preparation training (AFT)"),
    "Arbeidspraksis i ordinær virksomhet": ("Arbeidspraksis", "Work practice in an ordinary business"),
    "Arbeidspraksis i skjermet virksomhet": ("Arbeidspraksis", "Work practice in a sheltered business"),
    "Arbeidstrening": ("Arbeidspraksis", "Work training"),
    "Arbeidsrettet rehabilitering (dag)": ("Arbeidsrettet rehabilitering", "Occupational rehabilitation (day)"),
    "Arbeidsrettet rehabilitering (dag) - sykmeldt arbeidstaker": (
        "Arbeidsrettet rehabilitering",
        "Occupational rehabilitation (day), employee on sick leave",
    ),
    "Arbeidsrettet rehabilitering (døgn)": ("Arbeidsrettet rehabilitering", "Occupational rehabilitation (residential)"),
    "Arbeidsrettet rehabilitering (døgn) - sykmeldt arbeidstaker": (
        "Arbeidsrettet rehabilitering",
        "Occupational rehabilitation (residential), employee on sick leave",
    ),
    "Produksjonsverksted (PV)": ("Tilrettelagt arbeid", "Production workshop (PV)"),
    "Tilrettelagt arbeid i arbeidsmarkedsbedrift": ("Tilrettelagt arbeid", "Adapted work in a labour-market enterprise"),
    "Varig tilrettelagt arbeid i ordinær virksomhet": ("Tilrettelagt arbeid", "Permanent adapted work in an ordinary business"),
    "Varig tilrettelagt arbeid i skjermet virksomhet": ("Tilrettelagt arbeid", "Permanent adapted work in a sheltered business"),
    "Varig vernet arbeid (VVA)": ("Tilrettelagt arbeid", "Permanent sheltered work (VVA)"),
    "Utredning/behandling lettere psykiske lidelser": (
        "Helsemessig utredning/behandling",
        "Assessment/treatment of mild mental disorders",
    ),
    "Utredning/behandling sammensatte lidelser": (
        "Helsemessig utredning/behandling",
        "Assessment/treatment of complex disorders",
    ),
    "Funksjonsassistanse": ("Tilrettelegging", "Functional assistance"),
    "Inkluderingstilskudd": ("Tilrettelegging", "Inclusion subsidy"),
    "Tilrettelegging": ("Tilrettelegging", "Adaptation for employees"),
    "Tilretteleggingstilskudd for arbeidssøker": ("Tilrettelegging", "Adaptation grant for jobseekers"),
    "Tilskudd til ekspertbistand": ("Tilrettelegging", "Grant for expert assistance"),
    "Egenetablering": ("Jobbskaping og egenetablering", "Self-employment start-up"),
    # First seen in the monthly series 2023- (helpers/monthly.py; helpers/crosswalk_2023.csv).
    "Arbeid med støtte": ("Oppfølging", "Supported employment (Arbeid med støtte)"),
    "Individuell Karrierestøtte (IPS Ung)": ("Oppfølging", "Individual career support (IPS for young people)"),
    "Opplæringstiltak av lengre varighet, Forsøk": ("Opplæring", "Longer training programme, trial"),
    "Tilskudd til sommerjobb": ("Lønnstilskudd", "Summer job grant"),
}

MONTHS_NB: tuple[str, ...] = (
    "Januar",
    "Februar",
    "Mars",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Desember",
)

MEASURES: dict[str, str] = {
    "participants": "Participants",
    "change_from_last_year": "Change from a year earlier (persons)",
    "change_from_last_year_pct": "Change from a year earlier (per cent)",
}
MEASURES_NB: dict[str, str] = {
    "participants": "Antall",
    "change_from_last_year": "Endring fra i fjor Antall",
    "change_from_last_year_pct": "Endring fra i fjor Prosent",
}

# Misprints seen in the text (docs/design/the-data.md, docs/design/terminology.md §6), as printed -> as meant.
# Cyrillic letters that look Latin are mapped one by one: Unicode normalisation does not fix them.
CYRILLIC_LOOKALIKES: dict[str, str] = {"л": "l", "у": "u", "б": "b", "о": "o", "а": "a", "е": "e", "с": "c", "р": "p"}

WORD_REPAIRS: tuple[tuple[str, str, str], ...] = (
    # (printed fragment, meant fragment, description)
    ("Jobbkubb", "Jobbklubb", "missing letter 'l'"),
    ("jobbkubb", "jobbklubb", "missing letter 'l'"),
    ("oppfølging/ jobbklubb", "oppfølging/jobbklubb", "stray space after '/'"),
    ("Enkelt plass", "Enkeltplass", "word split in two"),
    ("enkelt plass", "enkeltplass", "word split in two"),
    ("Enkeltklass", "Enkeltplass", "'plass' misread as 'klass'"),
    ("enkeltklass", "enkeltplass", "'plass' misread as 'klass'"),
    ("Enkeltclass", "Enkeltplass", "'plass' misread as 'class'"),
    ("enkeltclass", "enkeltplass", "'plass' misread as 'class'"),
)

WHOLE_LABEL_REPAIRS: dict[str, tuple[str, str]] = {
    "Lønnskudd": ("Lønnstilskudd", "letters 'tils' missing"),
    "Inkluderingsstilskudd": ("Inkluderingstilskudd", "extra 's' (NAV prints it this way throughout)"),
    "Inkluderingsstøtte": ("Inkluderingstilskudd", "wrong word for the inclusion subsidy"),
}

GLOSS_SOURCES = {
    "NAV-EN": "NAV's English pages (nav.no/en)",
    "OAG-EN": "Riksrevisjonen's English summary of Document 3:5 (2017-2018)",
    "sugg.": "no official English found; this project's suggested translation",
}


def repair_label(printed: str) -> tuple[str, tuple[str, ...]]:
    """Return the label as NAV meant it and the list of repairs made to the printed text.

    Only misprints documented for these tables are repaired, so an unknown label stays
    unknown and the caller can report it.
    """
    text = " ".join(printed.split())
    repairs: list[str] = []
    if any(ch in CYRILLIC_LOOKALIKES for ch in text):
        text = "".join(CYRILLIC_LOOKALIKES.get(ch, ch) for ch in text)
        repairs.append("Cyrillic look-alike letters replaced by Latin ones")
    if text in WHOLE_LABEL_REPAIRS:
        text, why = WHOLE_LABEL_REPAIRS[text]
        repairs.append(why)
    for wrong, right, why in WORD_REPAIRS:
        if wrong in text:
            text = text.replace(wrong, right)
            repairs.append(why)
    return text, tuple(repairs)


def english(value: str) -> str:
    """English gloss for any dimension value (status group, gender, age, group, programme, measure)."""
    if value == TOTAL:
        return "Total"
    for table in (STATUS_GROUPS, GENDERS, AGE_GROUPS, PROGRAMME_GROUPS, MEASURES):
        if value in table:
            return table[value]
    if value in PROGRAMMES:
        return PROGRAMMES[value][1]
    raise KeyError(f"no English label for {value!r}")


def label(value: str, lang: str = "en") -> str:
    """Label in the chosen language: 'en' gives the English gloss, 'nb' NAV's own label."""
    if lang == "nb":
        return MEASURES_NB.get(value, value)
    if lang == "en":
        return english(value)
    raise ValueError(f"lang must be 'en' or 'nb', not {lang!r}")


def both(value: str) -> str:
    """NAV's label with its English gloss, as prose and menus write it: 'Lønnstilskudd (Wage subsidy)'.

    Where the label or its gloss has a parenthesis of its own, the two are joined with a dash instead, so
    no parenthesis is doubled: 'Arbeid med bistand (AB) – Work with assistance (AB)'.
    """
    gloss = english(value)
    if gloss.lower() == value.lower():
        return value
    return f"{value} – {gloss}" if "(" in value + gloss else f"{value} ({gloss})"


def in_language(lang: str, en: str, nb: str) -> str:
    """The text for the reader's language: ``in_language(lang, en="Month", nb="Måned")``.

    One call instead of ``"Month" if lang == "en" else "Måned"``, so both languages stand side by side and
    a language that is neither is an error, not silently Norwegian.
    """
    if lang not in ("en", "nb"):
        raise ValueError(f"lang is 'en' or 'nb', not {lang!r}")
    return en if lang == "en" else nb
