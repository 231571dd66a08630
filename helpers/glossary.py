"""The collection's glossary: every term, in Norwegian and English, kept as data in ``glossary.yaml``.

Keeping the glossary as data means that charts, notebooks and the generated glossary page use the
same words. :func:`load_glossary` gives it as a table, :func:`term` looks one term up in either
language, and :func:`glossary_markdown` writes the glossary page.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd
import yaml

from .collection import NOTEBOOKS as COLLECTION

GLOSSARY_FILE = Path(__file__).resolve().with_name("glossary.yaml")

FIELDS: tuple[str, ...] = ("term_nb", "term_en", "definition", "source", "first_explained", "category")

# Category -> section heading, in the order the glossary page shows them.
CATEGORIES: dict[str, str] = {
    "body": "Bodies and documents",
    "status group": "Status groups",
    "programme group": "Programme groups",
    "programme": "Programmes",
    "statistics": "Statistical terms",
    "table": "Table words",
    "case work": "Case work and benefits",
    "audit": "The audit",
}

# Where an English term comes from (the tags of docs/design/terminology.md).
SOURCES: dict[str, str] = {
    "NAV-EN": "NAV's own English pages (nav.no/en)",
    "OAG-EN": "Riksrevisjonen's English summary of Dokument 3:5 (2017–2018)",
    "SSB-EN": "Statistics Norway's English tables",
    "HDIR": "Helsedirektoratet's pages on Individual Placement and Support",
    "audit": "the audit report itself gives the English term (Dokument 3:5, line 1175)",
    "sugg.": "no official English found; this collection's suggested translation",
}

# Notebook file stem -> the title used in links (from the collection's own list).
NOTEBOOKS: dict[str, str] = {nb.stem: f"{nb.stem[:2]} {nb.title}" for nb in COLLECTION}

# Norwegian alphabetical order puts æ, ø, å after z (Unicode order would give å, æ, ø).
_NORWEGIAN_ORDER = str.maketrans({"æ": "z\u0001", "ø": "z\u0002", "å": "z\u0003"})
_PARENTHESIS = re.compile(r"^(?P<base>.+?)\s*\((?P<inner>[^()]+)\)$")


class TermNotFound(KeyError):
    """No glossary entry has this name; the message lists close matches."""

    def __str__(self) -> str:  # KeyError would print the message with quotes around it
        return str(self.args[0])


def sort_key(text: str) -> str:
    """Case-insensitive sort key that follows the Norwegian alphabet (… x, y, z, æ, ø, å)."""
    return text.casefold().translate(_NORWEGIAN_ORDER)


def _normalise(name: str) -> str:
    """Lookup form of a name: case-folded, with runs of whitespace made single spaces."""
    return " ".join(name.split()).casefold()


def validate_entries(entries: Iterable[Mapping[str, object]]) -> list[dict[str, str]]:
    """Check glossary entries and return them as plain dicts; ValueError names the first bad entry.

    Each entry needs exactly the fields in :data:`FIELDS`, each a non-empty string without
    surrounding spaces, a known category, source tag and notebook, and no Norwegian or English
    term may appear twice (ignoring case).
    """
    checked: list[dict[str, str]] = []
    seen: dict[str, dict[str, int]] = {"term_nb": {}, "term_en": {}}
    for index, entry in enumerate(entries):
        name = f"entry {index} ({entry.get('term_nb', '?')!r})" if isinstance(entry, Mapping) else f"entry {index}"
        if not isinstance(entry, Mapping) or set(entry) != set(FIELDS):
            found = sorted(entry) if isinstance(entry, Mapping) else type(entry).__name__
            raise ValueError(f"{name}: fields {found}; expected exactly {list(FIELDS)}")
        for field in FIELDS:
            value = entry[field]
            if not isinstance(value, str) or not value.strip() or value != value.strip():
                raise ValueError(f"{name}: {field} is {value!r}; expected a non-empty string without outer spaces")
        for field, allowed in (("category", CATEGORIES), ("source", SOURCES), ("first_explained", NOTEBOOKS)):
            if entry[field] not in allowed:
                raise ValueError(f"{name}: {field} {entry[field]!r} is not one of {list(allowed)}")
        for field in ("term_nb", "term_en"):
            key = _normalise(str(entry[field]))
            if key in seen[field]:
                raise ValueError(f"{name}: {field} {entry[field]!r} duplicates entry {seen[field][key]}")
            seen[field][key] = index
        checked.append({field: str(entry[field]) for field in FIELDS})
    return checked


@functools.cache
def _entries() -> tuple[dict[str, str], ...]:
    """The glossary file's entries, checked, sorted by Norwegian term (read once per session)."""
    with GLOSSARY_FILE.open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    if not isinstance(raw, dict) or not isinstance(raw.get("terms"), list):
        raise ValueError(f"{GLOSSARY_FILE.name}: expected a mapping with a list under 'terms'")
    return tuple(sorted(validate_entries(raw["terms"]), key=lambda e: sort_key(e["term_nb"])))


def load_glossary() -> pd.DataFrame:
    """The glossary as a table, one row per term, sorted by Norwegian term (case-insensitive)."""
    return pd.DataFrame(list(_entries()), columns=list(FIELDS)).astype("str")


def _names(entry: Mapping[str, str]) -> tuple[set[str], set[str]]:
    """Exact names (the two terms) and aliases (parts of a term around a final parenthesis, e.g. 'AFT')."""
    exact = {_normalise(entry["term_nb"]), _normalise(entry["term_en"])}
    aliases: set[str] = set()
    for text in (entry["term_nb"], entry["term_en"]):
        match = _PARENTHESIS.match(text)
        if match:
            aliases |= {_normalise(match["base"]), _normalise(match["inner"])}
    return exact, aliases - exact


@functools.cache
def _index() -> tuple[dict[str, int], dict[str, list[int]]]:
    """Lookup tables: exact name -> entry position, alias -> entry positions."""
    exact: dict[str, int] = {}
    aliases: dict[str, list[int]] = {}
    for position, entry in enumerate(_entries()):
        names, extra = _names(entry)
        for name in names:
            exact.setdefault(name, position)
        for name in extra:
            aliases.setdefault(name, []).append(position)
    return exact, aliases


def term(name: str) -> dict[str, str]:
    """The glossary entry for a Norwegian or English term, ignoring case and extra spaces.

    An exact term wins; otherwise an abbreviation or the part before a parenthesis also works
    ('AFT', 'Arbeidsforberedende trening'). Raises :class:`TermNotFound` (a KeyError) with close
    matches when nothing fits, or with the candidates when a short name fits several entries.
    """
    key = _normalise(name)
    exact, aliases = _index()
    entries = _entries()
    if key in exact:
        return dict(entries[exact[key]])
    candidates = sorted(set(aliases.get(key, [])))
    if len(candidates) == 1:
        return dict(entries[candidates[0]])
    if candidates:
        names = ", ".join(repr(entries[i]["term_nb"]) for i in candidates)
        raise TermNotFound(f"{name!r} fits several glossary terms: {names}; use the full term")
    display = {_normalise(e[f]): e[f] for e in entries for f in ("term_nb", "term_en")}
    close = difflib.get_close_matches(key, list(display), n=5, cutoff=0.6)
    hint = f"close matches: {', '.join(repr(display[c]) for c in close)}" if close else "no close matches"
    raise TermNotFound(f"{name!r} is not in the glossary ({hint}); glossary_markdown() lists every term")


def _cell(text: str) -> str:
    """Text made safe for a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def notebook_link(stem: str) -> str:
    """Relative Markdown link to a notebook, e.g. '[01 Definitions](01_definitions.ipynb)'."""
    return f"[{NOTEBOOKS[stem]}]({stem}.ipynb)"


def glossary_markdown() -> str:
    """The glossary page in Markdown: an introduction, then one table per category.

    Columns: Norwegian | English | meaning | first explained in. The English cell carries the
    source tag of the translation in italics, so suggested translations are never passed off as
    NAV's own terms.
    """
    table = load_glossary()
    lines = [
        "# Glossary",
        "",
        "Every term used in this collection: NAV's or Riksrevisjonen's Norwegian word, the English used "
        "in the notebooks, what it means in one sentence, and the notebook that first explains it. "
        "The tag after each English term says where the translation comes from:",
        "",
        *(f"- *{tag}*: {meaning}" for tag, meaning in SOURCES.items()),
    ]
    for category, heading in CATEGORIES.items():
        rows = table[table["category"] == category]
        if rows.empty:
            continue
        lines += ["", f"## {heading}", "", "| Norwegian | English | meaning | first explained in |", "|---|---|---|---|"]
        lines += [
            f"| {_cell(r.term_nb)} | {_cell(r.term_en)} *({r.source})* | {_cell(r.definition)} "
            f"| {notebook_link(r.first_explained)} |"
            for r in rows.itertuples(index=False)
        ]
    return "\n".join(lines) + "\n"


__all__ = [
    "CATEGORIES",
    "FIELDS",
    "GLOSSARY_FILE",
    "NOTEBOOKS",
    "SOURCES",
    "TermNotFound",
    "glossary_markdown",
    "load_glossary",
    "notebook_link",
    "sort_key",
    "term",
    "validate_entries",
]
